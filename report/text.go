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
// source line, and the offending words underlined. Colour only when asked
// (the CLI asks on a terminal without NO_COLOR).
type Text struct{ Color bool }

const (
	red, yellow, blue, bold, dim, reset = "\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
)

func (t Text) paint(code, s string) string {
	if !t.Color {
		return s
	}
	return code + s + reset
}

func (t Text) Write(w io.Writer, files []File) error {
	counts := map[string]int{}
	nfiles := 0
	for _, f := range files {
		if len(f.Findings) > 0 {
			nfiles++
		}
		for _, fd := range f.Findings {
			d := Resolve(f.Path, f.Source, fd)
			counts[d.Severity]++
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
	}
	total := counts["error"] + counts["warning"] + counts["info"]
	if total > 0 {
		fmt.Fprintf(w, "\n%d %s, %d %s and %d info in %d %s\n", counts["error"], plural(counts["error"], "error"),
			counts["warning"], plural(counts["warning"], "warning"), counts["info"], nfiles, plural(nfiles, "file"))
	}
	return nil
}

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
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
