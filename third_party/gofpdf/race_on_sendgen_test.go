//go:build race

package gofpdf

// raceEnabled: under the race detector sync.Pool drops items at random.
const raceEnabled = true
