//go:build !race

package gofpdf

const raceEnabled = false
