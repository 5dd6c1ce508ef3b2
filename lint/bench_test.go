package lint

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sendgen/sendgen/casefile"
)

var writeCorpus = flag.String("write-corpus", "", "write the generated 1,000-file benchmark corpus to this folder (for whole-process timing)")

// benchCorpus makes n case files from samples/: each a sample with its own
// case reference and child's name, so nothing is cached between files.
func benchCorpus(tb testing.TB, n int) [][]byte {
	tb.Helper()
	paths, _ := filepath.Glob("../samples/*.md")
	drafts, _ := filepath.Glob("../samples/drafts/*.md")
	paths = append(paths, drafts...)
	if len(paths) == 0 {
		tb.Fatal("no samples")
	}
	srcs := readAll(tb, paths)
	out := make([][]byte, n)
	for i := range out {
		s := srcs[i%len(srcs)]
		s = strings.Replace(s, "case: ", fmt.Sprintf("case: B%04d-", i), 1)
		s = strings.Replace(s, "  name: ", fmt.Sprintf("  name: Child%d ", i), 1)
		out[i] = []byte(s)
	}
	return out
}

func TestWriteBenchCorpus(t *testing.T) {
	if *writeCorpus == "" {
		t.Skip("use -write-corpus DIR")
	}
	if err := os.MkdirAll(*writeCorpus, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, b := range benchCorpus(t, 1000) {
		if err := os.WriteFile(filepath.Join(*writeCorpus, fmt.Sprintf("case-%04d.md", i)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var today = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

// BenchmarkLintOne is one realistic file: parse and lint.
func BenchmarkLintOne(b *testing.B) {
	e := testEngine(b)
	src := benchCorpus(b, 1)[0]
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		c, err := casefile.Parse("b.md", src)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.Lint(c, Options{Today: today}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLintCorpus is the 1,000-file corpus, linted the way the CLI does
// (one shared engine, GOMAXPROCS workers). It reports files per second.
func BenchmarkLintCorpus(b *testing.B) { benchLintFiles(b, benchCorpus(b, 1000)) }

// BenchmarkLintProvision is 1,000 provision-heavy files: the dev corpus's
// two files (../shared/corpus/dev beside the checkout) 500 times each, each
// with its own case reference, as scripts/bench-lint.sh lints them.
func BenchmarkLintProvision(b *testing.B) { benchLintFiles(b, provisionCorpus(b, 1000)) }

// provisionCorpus makes n files from the dev corpus, skipping when it is
// not there.
func provisionCorpus(tb testing.TB, n int) [][]byte {
	tb.Helper()
	paths, _ := filepath.Glob("../../shared/corpus/dev/*.md")
	if len(paths) == 0 {
		tb.Skip("no dev corpus at ../../shared/corpus/dev")
	}
	srcs := readAll(tb, paths)
	out := make([][]byte, n)
	for i := range out {
		out[i] = []byte(strings.Replace(srcs[i%len(srcs)], "case: ", fmt.Sprintf("case: P%04d-", i), 1))
	}
	return out
}

func benchLintFiles(b *testing.B, files [][]byte) {
	e := testEngine(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		jobs := make(chan []byte)
		var wg sync.WaitGroup
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for src := range jobs {
					c, err := casefile.Parse("b.md", src)
					if err != nil {
						b.Error(err)
						continue
					}
					if _, err := e.Lint(c, Options{Today: today}); err != nil {
						b.Error(err)
					}
				}
			}()
		}
		for _, f := range files {
			jobs <- f
		}
		close(jobs)
		wg.Wait()
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkNew builds the engine from the built-in rules, as every command
// that lints does once.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(DefaultConfig(), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// readAll reads the files a benchmark corpus is made from.
func readAll(tb testing.TB, paths []string) []string {
	tb.Helper()
	srcs := make([]string, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	return srcs
}
