package render

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/pdftest"
	"github.com/sendgen/sendgen/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var (
	testRendererOnce sync.Once
	testRendererVal  *Renderer
	testRendererErr  error
)

// testRenderer is shared by the tests, as the CLI shares one Renderer.
func testRenderer(t testing.TB) *Renderer {
	t.Helper()
	testRendererOnce.Do(func() { testRendererVal, testRendererErr = New(Options{}) })
	if testRendererErr != nil {
		t.Fatal(testRendererErr)
	}
	return testRendererVal
}

func loadCase(t testing.TB, name string) *casefile.Case {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return parseCase(t, name, b)
}

func parseCase(t testing.TB, name string, b []byte) *casefile.Case {
	t.Helper()
	c, err := casefile.Parse(name, b)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	for _, p := range c.Problems {
		t.Fatalf("%s: unexpected case-file problem: %s", name, p.Message)
	}
	return c
}

func render(t testing.TB, r *Renderer, c *casefile.Case, d Document) []byte {
	t.Helper()
	return renderWith(t, r, c, d, Input{})
}

// renderWith renders with in's draft settings and the timetable the linter
// computes for c, as the build pipeline does.
func renderWith(t testing.TB, r *Renderer, c *casefile.Case, d Document, in Input) []byte {
	t.Helper()
	in.Dates = input(t, c).Dates
	b, err := r.Render(c, d, in)
	if err != nil {
		t.Fatalf("render %s: %v", d, err)
	}
	return b
}

var (
	testEngineOnce sync.Once
	testEngineVal  *lint.Engine
	testEngineErr  error
)

// input is what the linter gives render for c: its statutory timetable,
// computed with the built-in rules and calendar.
func input(t testing.TB, c *casefile.Case) Input {
	t.Helper()
	testEngineOnce.Do(func() { testEngineVal, testEngineErr = lint.New(lint.DefaultConfig(), nil) })
	if testEngineErr != nil {
		t.Fatal(testEngineErr)
	}
	res, err := testEngineVal.Check(context.Background(), c, lint.Options{Today: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return Input{Dates: res.Dates}
}

// execTool runs an external program (poppler-utils, qpdf) and fails the
// test unless it exits 0.
func execTool(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, ok := pdftest.Run(t, name, args...)
	if !ok {
		t.Fatalf("%s %s failed:\n%s", name, strings.Join(args, " "), out)
	}
	return out
}

// pdfText extracts the text of a PDF with pdftotext -layout.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	return execTool(t, "pdftotext", "-layout", "-enc", "UTF-8", pdftest.WriteTemp(t, pdf), "-")
}

// flat collapses all whitespace, so that text wrapped across lines or
// table cells can be searched for as written.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

var rePages = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

func pdfPages(t testing.TB, pdf []byte) int {
	t.Helper()
	m := rePages.FindStringSubmatch(execTool(t, "pdfinfo", pdftest.WriteTemp(t, pdf)))
	if m == nil {
		t.Fatal("pdfinfo: no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}
