package screen

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"
)

// Terminal draws the model as a screen redrawn in place.
type Terminal struct {
	W io.Writer
	// Color allows ANSI colours (the caller decides: a terminal, no
	// NO_COLOR, TERM not dumb).
	Color bool
	// Size returns the terminal's width and height; nil or zeros mean
	// 80x24.
	Size func() (width, height int)
	// Now is the clock shown in the header; nil means time.Now.
	Now func() time.Time
}

// Draw replaces what is on the terminal with the model: the cursor goes
// home, each line is written over the old one and cleared to its end, and
// whatever the previous, longer frame left below is cleared. (Clearing the
// whole screen first would flicker.)
func (t Terminal) Draw(m Model) error {
	w, h := 80, 24
	if t.Size != nil {
		if sw, sh := t.Size(); sw > 0 && sh > 0 {
			w, h = sw, sh
		}
	}
	now := time.Now
	if t.Now != nil {
		now = t.Now
	}
	var b strings.Builder
	b.WriteString("\x1b[H")
	for _, l := range Frame(m, w, h, now()) {
		b.WriteString(l.render(t.Color))
		b.WriteString("\x1b[K\n")
	}
	b.WriteString("\x1b[J")
	_, err := io.WriteString(t.W, b.String())
	return err
}

// Leave moves below the screen when the watcher stops, so the shell's
// prompt does not overwrite it.
func (t Terminal) Leave() error {
	_, err := io.WriteString(t.W, "\x1b[J")
	return err
}

// style is an ANSI SGR code, or "" for plain text.
type style string

const (
	plain  style = ""
	bold   style = "1"
	dim    style = "2"
	red    style = "31"
	green  style = "32"
	yellow style = "33"
	blue   style = "34"
	cyan   style = "36"
)

type span struct {
	text  string
	style style
}

// Line is one line of a frame: styled spans of already sanitised text.
type Line []span

// String is the line without colour.
func (l Line) String() string { return l.render(false) }

func (l Line) render(color bool) string {
	var b strings.Builder
	for _, s := range l {
		if color && s.style != plain {
			b.WriteString("\x1b[" + string(s.style) + "m" + s.text + "\x1b[0m")
		} else {
			b.WriteString(s.text)
		}
	}
	return b.String()
}

func (l Line) width() int {
	n := 0
	for _, s := range l {
		n += runewidth.StringWidth(s.text)
	}
	return n
}

// truncate cuts the line to width display cells, ending with "…" where
// something was cut. Wide characters (CJK, emoji) count two cells.
func (l Line) truncate(width int) Line {
	if l.width() <= width {
		return l
	}
	var out Line
	left := width - 1 // room for the ellipsis
	for _, s := range l {
		sw := runewidth.StringWidth(s.text)
		if sw <= left {
			out = append(out, s)
			left -= sw
			continue
		}
		if left > 0 {
			out = append(out, span{runewidth.Truncate(s.text, left, ""), s.style})
		}
		break
	}
	return append(out, span{"…", dim})
}

// Frame lays the model out for a terminal of width x height: a header,
// then per file a summary line, what was written or kept, and as many of
// its statements and findings as fit. When they do not all fit, the
// summaries are kept and the details of the last files are cut, with a
// line saying how many were left out.
func Frame(m Model, width, height int, now time.Time) []Line {
	if width < 20 {
		width = 20
	}
	if height < 3 {
		height = 3
	}
	how := "inotify"
	if m.Poll > 0 {
		how = "polling every " + m.Poll.String()
	}
	header := []Line{
		{{"sendgen watch", bold}, {" " + m.paths() + " → " + Clean(m.Out) + " (" + m.mode() + ", " + how + ")", plain},
			{"  " + now.Format("15:04:05"), dim}},
	}
	if m.Notice != "" {
		header = append(header, Line{{m.NoticeAt.Format("15:04:05") + " ", dim}, {Clean(m.Notice), yellow}})
	}
	if len(m.Files) == 0 {
		header = append(header, Line{{"no case files yet: save a .md file in a watched folder", dim}})
	}
	type block struct {
		path       string
		head, body []Line
	}
	blocks := make([]block, len(m.Files))
	for i, f := range m.Files {
		blocks[i] = block{Clean(f.Path), fileHead(f, m.Out, width), fileBody(f)}
	}
	// What fits: the header, every file's head, then bodies in order.
	budget := height - 1 - len(header) // the last line stays free for the cursor
	need := 0
	for _, bl := range blocks {
		need += 1 + len(bl.head) // a blank line before each file
	}
	if need > budget {
		// Not even the summaries fit: one line per file, no blank lines.
		var out []Line
		out = append(out, header...)
		for _, bl := range blocks {
			out = append(out, bl.head[0])
		}
		if len(out) > height-1 {
			out = append(out[:height-2], Line{{fmt.Sprintf("… %d more files: make the terminal taller", len(out)-(height-2)), dim}})
		}
		for i := range out {
			out[i] = out[i].truncate(width)
		}
		return out
	}
	budget -= need + 1 // and one line for "… N more lines" at the end
	var out []Line
	out = append(out, header...)
	hidden := 0
	for _, bl := range blocks {
		out = append(out, Line{})
		out = append(out, bl.head...)
		n := len(bl.body)
		if n > budget {
			n = max(0, budget-1) // room for the "… more" line
		}
		out = append(out, bl.body[:n]...)
		budget -= n
		if n < len(bl.body) {
			if budget > 0 {
				out = append(out, Line{{fmt.Sprintf("  … %d more lines ('sendgen lint %s' lists every finding)", len(bl.body)-n, bl.path), dim}})
				budget--
			} else {
				hidden += len(bl.body) - n
			}
		}
	}
	if hidden > 0 {
		out = append(out, Line{{fmt.Sprintf("… %d more lines of findings: make the terminal taller", hidden), dim}})
	}
	for i := range out {
		out[i] = out[i].truncate(width)
	}
	return out
}

// fileHead is a file's summary and what became of its PDFs. On a narrow
// terminal the path is shortened from the left, so the summary line keeps
// the file's name, the time and the counts.
func fileHead(f File, out string, width int) []Line {
	path := Clean(f.Path)
	if rest := len("unreadable ") + len("  15:04:05  ") + len(counts(f)); runewidth.StringWidth(path)+rest > width {
		path = leftTruncate(path, max(12, width-rest))
	}
	at := f.At.Format("15:04:05")
	var lines []Line
	switch f.State {
	case Removed:
		return []Line{{{"deleted ", red}, {path, bold}, {"  " + at, dim}},
			{{"  its PDFs in " + Clean(out) + " are left as they were", dim}}}
	case Unreadable:
		return []Line{{{"unreadable ", red}, {path, bold}, {"  " + at, dim}},
			{{"  " + Clean(f.Problem), red}}}
	case Broken:
		head := Line{{"failed ", red}, {path, bold}, {"  " + at, dim}}
		if f.Errors+f.Warnings+f.Infos > 0 {
			head = append(head, span{"  " + counts(f), countStyle(f)})
		}
		lines = append(lines, head, Line{{"  " + Clean(f.Problem), red}})
	default:
		lines = append(lines, Line{{"built ", green}, {path, bold}, {"  " + at + "  ", dim}, {counts(f), countStyle(f)}})
	}
	if len(f.Wrote) > 0 {
		lines = append(lines, Line{{"  wrote ", dim}, {cleanList(f.Wrote), plain}})
	}
	if len(f.Held) > 0 {
		lines = append(lines, Line{{"  held back ", yellow}, {cleanList(f.Held), plain}, {" (fix the errors, or watch without --final)", dim}})
	}
	if len(f.Removed) > 0 {
		lines = append(lines, Line{{"  removed ", yellow}, {cleanList(f.Removed), plain}, {": an older final, not to be sent", dim}})
	}
	if len(f.Kept) > 0 {
		lines = append(lines, Line{{"  " + cleanList(f.Kept), plain}, {" from the last good save at " + f.KeptAt.Format("15:04:05"), yellow}})
	} else if f.State == Broken {
		lines = append(lines, Line{{"  no PDF written yet", dim}})
	}
	if f.State == Built && len(f.Wrote) == 0 && len(f.Held) == 0 {
		lines = append(lines, Line{{"  no documents: nothing to render yet", dim}})
	}
	return lines
}

// fileBody is a file's statements, each with its findings.
func fileBody(f File) []Line {
	var lines []Line
	for _, s := range f.Statements {
		rng := fmt.Sprint(s.StartLine)
		if s.EndLine > s.StartLine {
			rng += fmt.Sprintf("-%d", s.EndLine)
		}
		lines = append(lines, Line{{"  " + rng + " ", dim}, {Clean(s.Text), cyan}})
		for _, fd := range s.Findings {
			lines = append(lines, Line{
				{fmt.Sprintf("    %d:%d ", fd.Line, fd.Column), dim},
				{fd.Severity.String(), sevStyle(fd.Severity)},
				{" " + Clean(fd.Rule) + " ", dim},
				{Clean(fd.Message), plain},
			})
		}
	}
	return lines
}

func sevStyle(s Severity) style {
	switch s {
	case Error:
		return red
	case Warning:
		return yellow
	}
	return blue
}

func countStyle(f File) style {
	switch {
	case f.Errors > 0:
		return red
	case f.Warnings > 0:
		return yellow
	}
	return green
}

// counts is "2 errors, 1 warning" (the non-zero ones) or "no findings".
func counts(f File) string {
	var parts []string
	add := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(f.Errors, "error", "errors")
	add(f.Warnings, "warning", "warnings")
	add(f.Infos, "info", "infos")
	if len(parts) == 0 {
		return "no findings"
	}
	return strings.Join(parts, ", ")
}

// leftTruncate keeps the last width cells of s, after "…".
func leftTruncate(s string, width int) string {
	if runewidth.StringWidth(s) <= width {
		return s
	}
	rs := []rune(s)
	w := 1 // the ellipsis
	i := len(rs)
	for i > 0 && w+runewidth.RuneWidth(rs[i-1]) <= width {
		i--
		w += runewidth.RuneWidth(rs[i])
	}
	return "…" + string(rs[i:])
}

func cleanList(ps []string) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = Clean(filepath.ToSlash(p))
	}
	return strings.Join(out, ", ")
}
