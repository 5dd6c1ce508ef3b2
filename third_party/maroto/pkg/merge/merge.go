// Package merge implements PDF merge.
//
// sendgen's copy does not merge: merging is pdfcpu's, and linking pdfcpu
// costs every run of a program that imports maroto about a millisecond of
// start-up (its package initialisation and a third of the binary), and
// creates pdfcpu's configuration folder on first use. Merging is only used
// by the concurrent and low-memory generation modes and by Document.Merge,
// none of which sendgen uses (they do not give byte-identical output).
// Bytes reports an error instead. See third_party/maroto/README.sendgen.md.
package merge

import "errors"

// ErrNotBuilt is the error Bytes returns.
var ErrNotBuilt = errors.New("maroto: PDF merging (pdfcpu) is not built into this copy; " +
	"use the sequential generation mode")

// Bytes merges PDFs from byte slices: in this copy it always fails.
func Bytes(pdfs ...[]byte) ([]byte, error) {
	return nil, ErrNotBuilt
}
