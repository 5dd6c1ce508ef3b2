// Package screen shows what `sendgen watch` is doing: on a terminal, a
// compact screen redrawn in place after every build (like `typst watch`);
// elsewhere (a pipe, a log file, CI), plain lines, one event per line. It
// renders a Model the caller keeps up to date and knows nothing of how
// cases are built.
//
// Everything shown that comes from a case file (paths, statement text,
// messages) is sanitised first: a case file may contain escape sequences,
// and they must not reach the terminal.
package screen

import (
	"strings"
	"time"
)

// Severity of a finding.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// Finding is one lint finding, positioned (1-based line and column).
type Finding struct {
	Line, Column int
	Severity     Severity
	Rule         string
	Message      string
}

// Statement is a piece of the case file that findings are about (a list
// item, a sentence, an action row, a front-matter field): its line range,
// its text, and its findings.
type Statement struct {
	StartLine, EndLine int
	Text               string
	Findings           []Finding
}

// State is what happened to a file last.
type State int

const (
	// Built: the last save was built (it may have findings, and in final
	// mode documents may be held back).
	Built State = iota
	// Broken: the last save could not be built (Problem says why); the
	// PDFs on disk, if any, are from the last good save.
	Broken
	// Removed: the case file was deleted; its PDFs are left as they are.
	Removed
	// Unreadable: the case file exists but cannot be read (Problem).
	Unreadable
)

// File is one case file's line on the screen.
type File struct {
	Path  string
	State State
	// At is when the last build (or the removal, or the failed read)
	// happened.
	At                      time.Time
	Errors, Warnings, Infos int
	Statements              []Statement
	// Wrote are the PDFs the last build wrote.
	Wrote []string
	// Held are the PDFs the last build held back because of error-level
	// findings (final mode).
	Held []string
	// Removed are older versions of Held that the build removed, so that
	// an outdated final is not sent by mistake.
	Removed []string
	// Kept are PDFs on disk that the last build did not replace (it was
	// broken, or held them back): they are from the save at KeptAt.
	Kept   []string
	KeptAt time.Time
	// Problem is why a Broken file could not be built or an Unreadable one
	// read.
	Problem string
}

// Model is the whole screen.
type Model struct {
	// Paths are what is being watched, as given.
	Paths []string
	// Out is the output folder.
	Out string
	// Final is true for final documents, false for drafts.
	Final bool
	// Poll is non-zero when polling instead of using inotify.
	Poll time.Duration
	// Files, in the order to show them (the caller sorts by path).
	Files []File
	// Notice is the latest message not about one case file (a changed
	// configuration, a template error, a folder that cannot be watched),
	// shown until replaced; NoticeAt is when it came.
	Notice   string
	NoticeAt time.Time
}

// mode says what a watch writes: drafts or final documents.
func (m Model) mode() string {
	if m.Final {
		return "final documents"
	}
	return "drafts"
}

// paths is what is watched, each path made safe to print.
func (m Model) paths() string {
	paths := make([]string, len(m.Paths))
	for i, p := range m.Paths {
		paths[i] = Clean(p)
	}
	return strings.Join(paths, " ")
}
