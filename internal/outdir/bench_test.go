package outdir

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkCommit puts 100 cases of two 36 KB documents in place on the
// real disk (the test's temporary folder), as a batch build's reporter sees
// them: Write waits for each case in turn (what a run did before cases were
// committed in groups); Stage queues them and waits at the end, as the
// workers do.
func BenchmarkCommit(b *testing.B) {
	data := make([]byte, 36<<10)
	for _, mode := range []string{"write", "stage"} {
		b.Run(mode, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				f, _, err := Open(filepath.Join(b.TempDir(), "out"))
				if err != nil {
					b.Fatal(err)
				}
				var staged []*Pending
				for c := 0; c < 100; c++ {
					src := fmt.Sprintf("/cases/c-%d.md", c)
					files := []File{{Name: fmt.Sprintf("C-%d-outcome-form.pdf", c), Data: data}, {Name: fmt.Sprintf("C-%d-certificate.pdf", c), Data: data}}
					if mode == "write" {
						if err := f.Write(src, files); err != nil {
							b.Fatal(err)
						}
						continue
					}
					staged = append(staged, f.Stage(src, files))
				}
				for _, p := range staged {
					if err := p.Wait(); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*100), "µs/case")
		})
	}
}
