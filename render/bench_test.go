package render

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sendgen/sendgen/casefile"
)

// BenchmarkRenderOutcomeForm renders one outcome form (3 pages, 2 faces)
// with a shared Renderer, as the CLI does for each case.
func BenchmarkRenderOutcomeForm(b *testing.B) {
	r := testRenderer(b)
	c := loadCase(b, "full.md")
	in := input(b, c)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := r.Render(c, OutcomeForm, in); err != nil {
			b.Fatal(err)
		}
	}
}

// reportCPU adds the process CPU time per op (user+system, all threads,
// GC included): on a shared machine it is steadier than wall time.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkRenderCertificate(b *testing.B) {
	r := testRenderer(b)
	c := loadCase(b, "full.md")
	in := input(b, c)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := r.Render(c, Certificate, in); err != nil {
			b.Fatal(err)
		}
	}
}

// batchCases returns n variations of the full sample case (all three
// documents each), parsed, as a batch run would have them.
func batchCases(b testing.TB, n int) []*casefile.Case {
	src := mustRead(b, "full.md")
	out := make([]*casefile.Case, n)
	for i := range out {
		s := strings.Replace(src, "case: WCC-2026-0412", fmt.Sprintf("case: WCC-2026-%04d", i), 1)
		s = strings.Replace(s, "name: Jo Smith", fmt.Sprintf("name: Jo Smith %d", i), 1)
		out[i] = parseCase(b, "full.md", []byte(s))
	}
	return out
}

// BenchmarkRenderBatch renders 100 cases, every document, on a bounded pool
// of GOMAXPROCS workers sharing one Renderer: the shape of `sendgen render`
// over a folder. Multiply ns/op by 10 for 1,000 case files.
func BenchmarkRenderBatch(b *testing.B) {
	r := testRenderer(b)
	cases := batchCases(b, 100)
	inputs := map[*casefile.Case]Input{}
	for _, c := range cases {
		inputs[c] = input(b, c)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		jobs := make(chan *casefile.Case)
		var wg sync.WaitGroup
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for c := range jobs {
					for _, d := range Documents(c) {
						if _, err := r.Render(c, d, inputs[c]); err != nil {
							b.Error(err)
						}
					}
				}
			}()
		}
		for _, c := range cases {
			jobs <- c
		}
		close(jobs)
		wg.Wait()
	}
}
