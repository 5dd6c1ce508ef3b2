package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/sendgen/sendgen/lint"
)

// Text is the human format: "path:line:col: severity rule: message", the
// source line, and the offending words underlined; the grand total at the
// end. Colour only when asked (the CLI asks on a terminal without
// NO_COLOR).
//
// What is missing from one statement (its frequency, duration, provider)
// is one entry, "says nothing of how often, how long or who delivers it",
// rather than three: the machine formats keep one diagnostic per rule,
// since rule identifiers are a contract. Verbose adds each finding's
// working (how a date was reached).
type Text struct {
	W       io.Writer
	Color   bool
	Verbose bool
	any     bool // a finding was written
}

// missingParts are the rules a text entry groups, in the order they are
// named, with what each says is missing and how to add it.
var missingParts = []struct{ rule, what, add string }{
	{"missing-frequency", "how often", `how often ("weekly")`},
	{"missing-duration", "how long", `how long ("30 minutes")`},
	{"missing-provider", "who delivers it", `who delivers it ("a teaching assistant trained in ELKLAN")`},
}

// entry is one printed finding: a finding, or the missing-* findings of
// one statement merged.
type entry struct {
	finding lint.Finding
	rule    string
}

// groupMissing merges the missing-* findings that cover the same span (one
// statement) into one entry; everything else is its own entry. Findings
// arrive in file order, rules in spec order within a span.
func groupMissing(fs []lint.Finding) []entry {
	var out []entry
	for i := 0; i < len(fs); {
		f := fs[i]
		j := i + 1
		if partOf(f.Rule) >= 0 {
			for j < len(fs) && fs[j].Span == f.Span && partOf(fs[j].Rule) >= 0 {
				j++
			}
		}
		if j-i == 1 {
			out = append(out, entry{finding: f, rule: f.Rule})
			i = j
			continue
		}
		g := f
		var rules, what, add []string
		for _, m := range fs[i:j] {
			p := missingParts[partOf(m.Rule)]
			rules = append(rules, m.Rule)
			what = append(what, p.what)
			add = append(add, p.add)
			if m.Severity > g.Severity {
				g.Severity = m.Severity
			}
		}
		g.Message = "this provision says nothing of " + joinWords(what, "or")
		g.Suggestion = "add " + joinWords(add, "and")
		out = append(out, entry{finding: g, rule: strings.Join(rules, ",")})
		i = j
	}
	return out
}

func partOf(rule string) int {
	for i, p := range missingParts {
		if p.rule == rule {
			return i
		}
	}
	return -1
}

// joinWords joins "a", "b", "c" as "a, b or c".
func joinWords(ws []string, conj string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " " + conj + " " + ws[len(ws)-1]
}

const (
	red, yellow, blue, bold, dim, reset = "\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
)

func (t *Text) paint(code, s string) string {
	if !t.Color {
		return s
	}
	return code + s + reset
}

func (t *Text) Begin() error { return nil }

func (t *Text) File(f File) error {
	w := &errWriter{w: t.W}
	for _, e := range groupMissing(f.Findings) {
		fd := e.finding
		t.any = true
		d := Resolve(f.Path, f.Source, fd)
		sevColour := blue
		switch fd.Severity {
		case lint.Error:
			sevColour = red
		case lint.Warning:
			sevColour = yellow
		}
		fmt.Fprintf(w, "%s: %s %s: %s\n", t.paint(bold, fmt.Sprintf("%s:%d:%d", sanitize(d.Path), d.Line, d.Column)),
			t.paint(sevColour, d.Severity), e.rule, sanitize(d.Message))
		line := f.Source.LineText(d.Line)
		if line != "" {
			fmt.Fprintf(w, "  %s\n", sanitize(expandTabs(line)))
			endCol := d.EndColumn
			if d.EndLine != d.Line {
				endCol = utf8.RuneCountInString(line) + 1
			}
			pad := displayWidth(line, d.Column-1)
			width := displayWidth(line, endCol-1) - pad
			if width < 1 {
				width = 1
			}
			fmt.Fprintf(w, "  %s%s\n", strings.Repeat(" ", pad), t.paint(sevColour, "^"+strings.Repeat("~", width-1)))
		}
		if t.Verbose && d.Detail != "" {
			fmt.Fprintf(w, "  %s %s\n", t.paint(dim, "working:"), sanitize(d.Detail))
		}
		if d.Suggestion != "" {
			fmt.Fprintf(w, "  %s %s\n", t.paint(dim, "suggestion:"), sanitize(d.Suggestion))
		}
	}
	return w.err
}

// End writes the grand total, after a blank line when findings came before;
// nothing when no file could be checked at all (the errors say why).
func (t *Text) End(tot Totals) error {
	if tot.Files == tot.Unreadable {
		return nil
	}
	w := &errWriter{w: t.W}
	if t.any {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, tot.String())
	if line := tot.ConfigLine(); line != "" {
		fmt.Fprintln(w, sanitize(line))
	}
	return w.err
}

// errWriter keeps the first write error, so a sequence of Fprintf calls is
// checked once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// expandTabs makes the echoed source line and the underline agree: a tab
// is printed as four spaces and counted as four.
func expandTabs(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

// displayWidth is the printed width of the first n characters of line:
// a tab prints as four cells, wide characters (emoji, CJK) as two.
func displayWidth(line string, n int) int {
	w := 0
	for i, r := range []rune(line) {
		if i >= n {
			break
		}
		switch {
		case r == '\t':
			w += 4
		case isControl(r):
			w++ // printed as U+FFFD by sanitize
		default:
			w += runewidth.RuneWidth(r)
		}
	}
	return w
}

// sanitize replaces control characters with U+FFFD: a case file (or a path)
// holding an escape sequence must not move the cursor, recolour or retitle
// the terminal it is echoed to. Colour is added after, by paint.
func sanitize(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

// isControl: C0 controls but tab, DEL, and C1 controls (0x9b is CSI).
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f
}
