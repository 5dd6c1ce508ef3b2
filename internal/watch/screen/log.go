package screen

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Log writes plain lines, one event per line, each starting with its time
// (RFC 3339, UTC), for a pipe, a log file or CI: no colour, no cursor
// movement. A build's findings follow its line, one per line, in the
// "path:line:col: severity rule: message" form of 'sendgen lint', which
// editors and CI annotate.
type Log struct{ W io.Writer }

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Start is the first line: what is watched.
func (l Log) Start(m Model, at time.Time) error {
	how := ""
	if m.Poll > 0 {
		how = ", polling every " + m.Poll.String()
	}
	return l.line(fmt.Sprintf("%s watching %s: %s into %s%s; Ctrl-C stops", stamp(at), m.paths(), m.mode(), Clean(m.Out), how))
}

// File writes the line of a file's latest state (and its findings).
func (l Log) File(f File) error {
	path := Clean(f.Path)
	var b strings.Builder
	b.WriteString(stamp(f.At) + " ")
	switch f.State {
	case Removed:
		b.WriteString("removed " + path + "; its PDFs are left as they were")
		return l.line(b.String())
	case Unreadable:
		b.WriteString("unreadable " + path + ": " + Clean(f.Problem))
		return l.line(b.String())
	case Broken:
		b.WriteString("failed " + path + ": " + Clean(f.Problem))
		if f.Errors+f.Warnings+f.Infos > 0 {
			b.WriteString("; " + counts(f))
		}
	default:
		b.WriteString("built " + path + ": " + counts(f))
	}
	if len(f.Wrote) > 0 {
		b.WriteString("; wrote " + cleanList(f.Wrote))
	}
	if len(f.Held) > 0 {
		b.WriteString("; held back " + cleanList(f.Held))
	}
	if len(f.Removed) > 0 {
		b.WriteString("; removed the older " + cleanList(f.Removed))
	}
	if len(f.Kept) > 0 {
		b.WriteString("; " + cleanList(f.Kept) + " from the last good save at " + stamp(f.KeptAt))
	} else if f.State == Broken {
		b.WriteString("; no PDF written yet")
	}
	if f.State == Built && len(f.Wrote) == 0 && len(f.Held) == 0 {
		b.WriteString("; no documents: nothing to render yet")
	}
	if err := l.line(b.String()); err != nil {
		return err
	}
	for _, s := range f.Statements {
		for _, fd := range s.Findings {
			if err := l.line(fmt.Sprintf("%s:%d:%d: %s %s: %s", path, fd.Line, fd.Column, fd.Severity, Clean(fd.Rule), Clean(fd.Message))); err != nil {
				return err
			}
		}
	}
	return nil
}

// Notice writes a message that is not about one case file.
func (l Log) Notice(msg string, at time.Time) error {
	return l.line(stamp(at) + " " + Clean(msg))
}

func (l Log) line(s string) error {
	_, err := io.WriteString(l.W, s+"\n")
	return err
}
