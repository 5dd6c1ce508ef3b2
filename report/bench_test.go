package report_test

import (
	"io"
	"testing"

	"github.com/sendgen/sendgen/report"
)

// BenchmarkWriters: each format over the fixed input (7 files, 35
// findings), written to io.Discard.
func BenchmarkWriters(b *testing.B) {
	files, run := fixedInput(b)
	for _, format := range report.Formats() {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w, _ := report.New(format, io.Discard, run)
				if err := report.WriteAll(w, files); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
