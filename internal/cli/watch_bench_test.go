package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sendgen/sendgen/internal/watch"
	"github.com/sendgen/sendgen/internal/watch/editortest"
)

// BenchmarkWatchSaveToPDF is the harness of issue 10: it saves a case file
// the way editors do (each save with the next pattern of editortest, in
// turn) and measures the time from the end of the save until its PDFs are
// on disk (the BuildFunc has returned: every PDF renamed into place). At
// least 50 saves whatever b.N is; it reports p50, p95 and max of that
// latency, of the build alone, and of the watch layer's own overhead (the
// latency minus the build minus the debounce).
//
//	go test -run '^$' -bench WatchSaveToPDF ./internal/cli
//
// The case is samples/LBH-2026-0520.md: all three documents, drafts.
func BenchmarkWatchSaveToPDF(b *testing.B) {
	for _, final := range []bool{false, true} {
		name := "drafts"
		if final {
			name = "final"
		}
		b.Run(name, func(b *testing.B) { benchWatch(b, final) })
	}
}

func benchWatch(b *testing.B, final bool) {
	dir, out := b.TempDir(), b.TempDir()
	p := filepath.Join(dir, "LBH-2026-0520.md")
	srcb, err := os.ReadFile(filepath.Join("..", "..", "samples", "LBH-2026-0520.md"))
	if err != nil {
		b.Fatal(err)
	}
	src := string(srcb)
	if err := os.WriteFile(p, srcb, 0o644); err != nil {
		b.Fatal(err)
	}
	o := WatchOptions{Paths: []string{dir}, Out: out, Final: final, CommonOptions: CommonOptions{Today: "2026-12-01"}, IO: &IO{Out: discard{}, Err: discard{}}}
	o.Factory = NewFactory(o.IO)
	real, err := newWatchBuild(context.Background(), &o)
	if err != nil {
		b.Fatal(err)
	}
	type done struct {
		took time.Duration
		res  BuildResult
	}
	builds := make(chan done, 1)
	build := func(path string, src []byte) BuildResult {
		start := time.Now()
		res := real(path, src)
		builds <- done{time.Since(start), res}
		return res
	}
	ready := make(chan struct{})
	o.Ready = func() { close(ready) }
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- runWatch(ctx, &o, build) }()
	defer func() { cancel(); <-stopped }()
	<-builds // the first build
	<-ready

	saves := max(b.N, 50)
	var total, buildOnly, overhead editortest.Latencies
	b.ResetTimer()
	for i := 0; i < saves; i++ {
		ed := editortest.Editors[i%len(editortest.Editors)]
		content := strings.Replace(src, "Nguyễn Thị Mai", "Nguyễn Thị Mai "+strings.Repeat("I", i%7+1), 1)
		if i%7 == 6 {
			content += "\n" // never the same bytes twice in a row
		}
		if err := ed.Save(p, []byte(content)); err != nil {
			b.Fatal(err)
		}
		saved := time.Now()
		d := <-builds
		if d.res.Err != nil || len(d.res.Wrote) == 0 {
			b.Fatalf("save %d (%s): %+v", i, ed.Name, d.res)
		}
		lat := time.Since(saved)
		total = append(total, lat)
		buildOnly = append(buildOnly, d.took)
		overhead = append(overhead, lat-d.took-watch.DefaultDebounce)
	}
	b.StopTimer()
	b.ReportMetric(ms(total.Percentile(50)), "p50-ms")
	b.ReportMetric(ms(total.Percentile(95)), "p95-ms")
	b.ReportMetric(ms(total.Percentile(100)), "max-ms")
	b.ReportMetric(ms(buildOnly.Percentile(50)), "build-p50-ms")
	b.ReportMetric(ms(overhead.Percentile(50)), "watch-overhead-p50-ms")
	b.Logf("save to PDF on disk: %s; build alone: %s; watch overhead beyond the %v debounce: %s",
		total, buildOnly, watch.DefaultDebounce, overhead)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
