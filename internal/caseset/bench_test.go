package caseset

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkCollect: a folder of 1,000 case files and 100 other .md files,
// each read once for its case: key.
func BenchmarkCollect(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < 1000; i++ {
		writeB(b, filepath.Join(dir, fmt.Sprintf("sub%d", i%10), fmt.Sprintf("c%04d.md", i)), caseFile(fmt.Sprintf("LA-%04d", i)))
	}
	for i := 0; i < 100; i++ {
		writeB(b, filepath.Join(dir, fmt.Sprintf("README%d.md", i)), "# notes\n")
	}
	b.ReportAllocs()
	for b.Loop() {
		s := Collect([]string{dir}, Options{})
		if len(s.Files) != 1000 || len(s.Skipped) != 100 {
			b.Fatalf("%d files, %d skipped", len(s.Files), len(s.Skipped))
		}
	}
}
