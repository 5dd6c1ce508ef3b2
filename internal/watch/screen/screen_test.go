package screen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update to accept):\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}

var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// fixture has one file in every state, findings grouped by statement,
// wide characters, a long statement, and escape sequences where a case
// file could smuggle them in (its path, its text, a message).
func fixture() Model {
	return Model{
		Paths: []string{"samples"}, Out: "out",
		Files: []File{
			{Path: "samples/BCC-2026-0033.md", State: Built, At: t0.Add(3 * time.Second),
				Errors: 2, Warnings: 1,
				Statements: []Statement{
					{StartLine: 12, EndLine: 12, Text: "The school will provide speech and language therapy as needed.",
						Findings: []Finding{
							{Line: 12, Column: 52, Severity: Error, Rule: "vague-frequency", Message: `"as needed" is not a frequency: say how often (e.g. "weekly")`},
							{Line: 12, Column: 25, Severity: Warning, Rule: "missing-provider", Message: "say who provides it: a speech and language therapist"},
						}},
					{StartLine: 20, EndLine: 22, Text: "Access to a quiet space\nwhen required, with support from staff as appropriate, across the whole school day and all after-school clubs.",
						Findings: []Finding{{Line: 20, Column: 1, Severity: Error, Rule: "vague-frequency", Message: `"when required" is not a frequency`}}},
				},
				Wrote: []string{"out/BCC-2026-0033-position-statement.pdf", "out/BCC-2026-0033-outcome-form.pdf"}},
			{Path: "samples/CWC-2026-0291.md", State: Broken, At: t0.Add(5 * time.Second),
				Problem: "samples/CWC-2026-0291.md:3:8: invalid UTF-8 (byte 0xff): save the file as UTF-8 in your editor",
				Kept:    []string{"out/CWC-2026-0291-certificate.pdf"}, KeptAt: t0.Add(-90 * time.Second)},
			{Path: "samples/drafts/new.md", State: Broken, At: t0.Add(6 * time.Second),
				Problem: "no case reference: add 'case: ABC-2026-0001' to the front matter", Errors: 1,
				Statements: []Statement{{StartLine: 1, EndLine: 1, Text: "---", Findings: []Finding{{Line: 1, Column: 1, Severity: Error, Rule: "frontmatter", Message: "the front matter has no case field"}}}}},
			{Path: "samples/LBH-2026-0520.md", State: Built, At: t0.Add(7 * time.Second), Infos: 1,
				Statements: []Statement{{StartLine: 4, EndLine: 4, Text: "mediation: 2026-11-20 — 調停 📄",
					Findings: []Finding{{Line: 4, Column: 12, Severity: Info, Rule: "appeal-deadline", Message: "appeal by Friday 20 February 2027"}}}},
				Wrote: []string{"out/LBH-2026-0520-certificate.pdf"}},
			{Path: "samples/gone.md", State: Removed, At: t0.Add(8 * time.Second)},
			{Path: "samples/locked.md", State: Unreadable, At: t0.Add(9 * time.Second), Problem: "permission denied"},
			{Path: "samples/evil\x1b]0;pwned\x07\x1b[2J.md", State: Built, At: t0.Add(10 * time.Second), Warnings: 1,
				Statements: []Statement{{StartLine: 7, EndLine: 7, Text: "Therapy \x1b[31mweekly\x1b[0m\u202e (reversed)",
					Findings: []Finding{{Line: 7, Column: 1, Severity: Warning, Rule: "x\x1b[1mbold", Message: "message with \x1b[H\x1b[2J a clear-screen and a \r carriage return"}}}},
				Wrote: []string{"out/EVL-2026-0001-position-statement.pdf"}},
		},
		Notice:   "config samples/.sendgen.yaml changed: rebuilt 4 cases",
		NoticeAt: t0.Add(2 * time.Second),
	}
}

func finalFixture() Model {
	return Model{
		Paths: []string{"samples/WCC-2026-0412.md"}, Out: "out", Final: true, Poll: 500 * time.Millisecond,
		Files: []File{{Path: "samples/WCC-2026-0412.md", State: Built, At: t0, Errors: 1,
			Statements: []Statement{{StartLine: 30, EndLine: 30, Text: "| Review the plan | LA | soon |",
				Findings: []Finding{{Line: 30, Column: 26, Severity: Error, Rule: "action-missing-deadline", Message: `"soon" is not a date`}}}},
			Wrote:   []string{"out/WCC-2026-0412-certificate.pdf"},
			Held:    []string{"out/WCC-2026-0412-outcome-form.pdf", "out/WCC-2026-0412-position-statement.pdf"},
			Removed: []string{"out/WCC-2026-0412-position-statement.pdf"},
			Kept:    []string{"out/WCC-2026-0412-outcome-form.pdf"}, KeptAt: t0.Add(-time.Hour)}},
	}
}

func frameText(ls []Line, color bool) []byte {
	var b bytes.Buffer
	for _, l := range ls {
		b.WriteString(l.render(color))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func TestFrameGolden(t *testing.T) {
	for _, c := range []struct {
		name          string
		m             Model
		width, height int
		color         bool
	}{
		{"terminal-80x50", fixture(), 80, 50, false},
		{"terminal-80x50-color", fixture(), 80, 50, true},
		{"terminal-50x20-one-line-per-file", fixture(), 50, 20, false},
		{"terminal-80x32-details-cut", fixture(), 80, 32, false},
		{"terminal-80x6-files-cut", fixture(), 80, 6, false},
		{"terminal-40x30-narrow", fixture(), 40, 30, false},
		{"terminal-final-100x24", finalFixture(), 100, 24, false},
		{"terminal-empty", Model{Paths: []string{"cases"}, Out: "out"}, 80, 24, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ls := Frame(c.m, c.width, c.height, t0.Add(11*time.Second))
			if len(ls) > c.height-1 {
				t.Errorf("%d lines for a terminal %d high", len(ls), c.height)
			}
			for _, l := range ls {
				if w := runewidth.StringWidth(l.String()); w > c.width {
					t.Errorf("line %q is %d cells wide, terminal %d", l.String(), w, c.width)
				}
			}
			out := frameText(ls, c.color)
			if !c.color {
				assertNoEscapes(t, out)
			}
			golden(t, c.name, out)
		})
	}
}

func TestTerminalDraw(t *testing.T) {
	var b bytes.Buffer
	term := Terminal{W: &b, Color: false, Size: func() (int, int) { return 60, 10 }, Now: func() time.Time { return t0 }}
	if err := term.Draw(finalFixture()); err != nil {
		t.Fatal(err)
	}
	if err := term.Leave(); err != nil {
		t.Fatal(err)
	}
	golden(t, "terminal-draw", b.Bytes())
	// Only our own sequences: home, erase to end of line, erase below.
	rest := b.String()
	for _, seq := range []string{"\x1b[H", "\x1b[K", "\x1b[J"} {
		rest = strings.ReplaceAll(rest, seq, "")
	}
	assertNoEscapes(t, []byte(rest))
}

func TestLogGolden(t *testing.T) {
	var b bytes.Buffer
	l := Log{W: &b}
	m := fixture()
	if err := l.Start(m, t0); err != nil {
		t.Fatal(err)
	}
	if err := l.Notice(m.Notice, m.NoticeAt); err != nil {
		t.Fatal(err)
	}
	for _, f := range append(m.Files, finalFixture().Files...) {
		if err := l.File(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Start(finalFixture(), t0); err != nil {
		t.Fatal(err)
	}
	assertNoEscapes(t, b.Bytes())
	golden(t, "log", b.Bytes())
	// The example of issue 10's brief, exactly.
	b.Reset()
	_ = l.File(File{Path: "samples/x.md", At: t0, Errors: 2, Warnings: 1, Wrote: []string{"out/x-outcome-form.pdf"}})
	if got, want := b.String(), "2026-12-01T10:00:00Z built samples/x.md: 2 errors, 1 warning; wrote out/x-outcome-form.pdf\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func assertNoEscapes(t *testing.T, b []byte) {
	t.Helper()
	for i, c := range b {
		if c == 0x1b || c == '\r' || c == 0x07 || (c < 0x20 && c != '\n') {
			t.Fatalf("control byte 0x%02x at %d in:\n%q", c, i, b)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain.md":              "plain.md",
		"a\x1b[2Jb":             `a\x1b[2Jb`,
		"tab\there\nnext\rline": "tab here next line",
		"bell\x07 del\x7f":      `bell\x07 del\x7f`,
		"c1 \u009b31m":          `c1 \u009b31m`,
		"bidi \u202eevil":       `bidi \u202eevil`,
		"bad \xff utf8":         `bad \xff utf8`,
		"調停 📄 café":             "調停 📄 café",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzClean(f *testing.F) {
	f.Add("a\x1b[2Jb\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		out := Clean(s)
		for _, r := range out {
			if unsafe(r) {
				t.Fatalf("Clean(%q) = %q keeps %U", s, out, r)
			}
		}
	})
}
