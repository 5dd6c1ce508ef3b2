package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sendgen/sendgen/internal/watch/editortest"
)

// BenchmarkSaveToEvent saves a case file the way each editor does and
// measures the time from the end of the save to the CaseChanged event:
// the debounce plus this package's overhead (the build comes on top). It
// does at least 50 saves per pattern whatever b.N is, and reports p50, p95
// and max, and the overhead over the quiet period at p50.
//
//	go test -run '^$' -bench SaveToEvent ./internal/watch
func BenchmarkSaveToEvent(b *testing.B) {
	for _, mode := range modes {
		for _, ed := range editortest.Editors {
			b.Run(mode.name+"/"+ed.Name, func(b *testing.B) {
				benchSaves(b, ed, mode.poll)
			})
		}
	}
}

func benchSaves(b *testing.B, ed editortest.Editor, poll time.Duration) {
	dir := b.TempDir()
	p := filepath.Join(dir, "case.md")
	if err := os.WriteFile(p, []byte(caseV1), 0o644); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w, err := New(ctx, Options{Paths: []string{dir}, Poll: poll})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	for ev := range w.Events() {
		if _, ok := ev.(Ready); ok {
			break
		}
	}
	saves := max(b.N, 50)
	var lat editortest.Latencies
	filler := strings.Repeat("- The school will provide 30 minutes of speech therapy each week.\n", 60)
	b.ResetTimer()
	for i := 0; i < saves; i++ {
		content := fmt.Sprintf("%s%s- save %d\n", caseV1, filler, i)
		if err := ed.Save(p, []byte(content)); err != nil {
			b.Fatal(err)
		}
		saved := time.Now()
		for ev := range w.Events() {
			if c, ok := ev.(CaseChanged); ok && string(c.Content) == content {
				lat = append(lat, time.Since(saved))
				break
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(ms(lat.Percentile(50)), "p50-ms")
	b.ReportMetric(ms(lat.Percentile(95)), "p95-ms")
	b.ReportMetric(ms(lat.Percentile(100)), "max-ms")
	b.ReportMetric(ms(lat.Percentile(50)-DefaultDebounce), "overhead-p50-ms")
	b.Logf("%s: %s (debounce %v)", ed.Name, lat, DefaultDebounce)
}

// tree200 makes a folder of 200 case files of 5 KB in 20 sub-folders, the
// size of issue 10's soak test.
func tree200(b *testing.B) string {
	dir := b.TempDir()
	body := caseV1 + strings.Repeat("- The school will provide 30 minutes of speech therapy each week.\n", 75)
	for i := 0; i < 200; i++ {
		p := filepath.Join(dir, fmt.Sprint("team", i%20), fmt.Sprintf("case-%03d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkStart200 is the time from New to Ready over 200 case files
// (every file read and hashed, every folder watched), and the memory the
// watcher keeps for them once the caller has dropped the contents.
func BenchmarkStart200(b *testing.B) {
	for _, mode := range modes {
		b.Run(mode.name, func(b *testing.B) {
			dir := tree200(b)
			var kept uint64
			for i := 0; i < b.N; i++ {
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				w, err := New(context.Background(), Options{Paths: []string{dir}, Poll: mode.poll})
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for ev := range w.Events() {
					if _, ok := ev.(CaseChanged); ok {
						n++
					}
					if _, ok := ev.(Ready); ok {
						break
					}
				}
				if n != 200 {
					b.Fatalf("%d cases", n)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				kept = after.HeapAlloc - before.HeapAlloc
				w.Close()
			}
			b.ReportMetric(float64(kept)/200, "heap-B/file")
		})
	}
}

// BenchmarkPollIdle200 is the CPU a polling watcher spends per scan of 200
// unchanged case files in 21 folders.
func BenchmarkPollIdle200(b *testing.B) {
	dir := tree200(b)
	const interval = 10 * time.Millisecond
	w, err := New(context.Background(), Options{Paths: []string{dir}, Poll: interval})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	for ev := range w.Events() {
		if _, ok := ev.(Ready); ok {
			break
		}
	}
	time.Sleep(coarseClock + 100*time.Millisecond) // past the re-hash window of the first read
	var ru0, ru1 syscall.Rusage
	b.ResetTimer()
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	start := time.Now()
	time.Sleep(time.Duration(max(b.N, 100)) * interval)
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	scans := float64(time.Since(start) / interval)
	cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	b.ReportMetric(float64(cpu.Microseconds())/scans, "cpu-µs/scan")
}
