package lint

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/sendgen/sendgen/casefile"
)

// TestColdStart times, in a process that has linted nothing, what one file
// costs the first time: the engine from the built-in rules (New), then the
// first Check of a sample, which builds the tables a rule needs on first
// use. It runs only with SENDGEN_COLD=1 and only means something as the
// first test of a fresh process:
//
//	go test -c -o /tmp/lint.test ./lint
//	for i in $(seq 20); do (cd lint && SENDGEN_COLD=1 /tmp/lint.test -test.run '^TestColdStart$'); done
//
// It prints "new <µs> check <µs> total <µs>" (with parts, check is what
// the Check costs after them).
func TestColdStart(t *testing.T) {
	if os.Getenv("SENDGEN_COLD") == "" {
		t.Skip("set SENDGEN_COLD=1, in a fresh process")
	}
	src, err := os.ReadFile("../samples/WCC-2026-0412.md")
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.Parse("WCC-2026-0412.md", src)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	e, err := New(DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Now()
	tNew := t1
	if os.Getenv("SENDGEN_COLD") == "parts" {
		// What the first Check builds, one table at a time.
		var parts []string
		lap := func(name string) {
			t := time.Now()
			parts = append(parts, fmt.Sprintf("%s %d", name, t.Sub(t1).Microseconds()))
			t1 = t
		}
		for _, r := range e.rules {
			if pr, ok := r.(phraseRule); ok {
				pr.set()
			}
		}
		lap("phrase-sets")
		detectors()
		lap("detectors")
		commitVerb()
		lap("commitVerb")
		fmt.Println(parts)
	}
	if _, err := e.Check(context.Background(), c, Options{Today: today}); err != nil {
		t.Fatal(err)
	}
	t2 := time.Now()
	fmt.Printf("new %d check %d total %d\n", tNew.Sub(t0).Microseconds(), t2.Sub(t1).Microseconds(), t2.Sub(t0).Microseconds())
}
