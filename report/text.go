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
type Text struct {
	W     io.Writer
	Color bool
	any   bool // a finding was written
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
	for _, fd := range f.Findings {
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
			t.paint(sevColour, d.Severity), d.Rule, sanitize(d.Message))
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
