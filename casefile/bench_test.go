package casefile

import (
	"os"
	"testing"
)

// BenchmarkParse parses a realistic case file: front matter with every
// section, prose, lists and an agreed actions table.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("testdata/seeds/WCC-2026-0412.md")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse("WCC-2026-0412.md", src); err != nil {
			b.Fatal(err)
		}
	}
}
