// Package lint judges a parsed case file: the provision wording, the agreed
// actions, the front matter and the statutory dates. Rules are compiled
// once from the configuration (rules.yaml) into an Engine, which is safe for
// concurrent use and lints bytes already in memory, so an editor's unsaved
// buffer is judged exactly like a file on disk.
package lint

import (
	"fmt"
	"strings"

	"github.com/sendgen/sendgen/casefile"
)

// Severity orders findings. The zero value is Info.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
	// Off disables a rule; no finding carries it.
	Off
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads "error", "warning", "info" or "off".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	case "off", "none":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown severity %q: use error, warning, info or off", s)
}

// Fix is a replacement of a span of the case file; see casefile.Fix.
type Fix = casefile.Fix

// Finding is one diagnostic. Span is in bytes of the case file; converting
// it to lines and columns is the reporter's job (casefile.Source.Pos).
type Finding struct {
	Rule     string
	Severity Severity
	Span     casefile.Span
	Message  string
	// Suggestion is the quantified wording or the fix, where one exists.
	Suggestion string
	// Match is the offending text, for messages and editors.
	Match string
	// Fixes are mechanical corrections, where one is certain (a modal
	// "should" made "will", a misspelt front-matter key, a date rewritten
	// as YYYY-MM-DD). Editors offer them as quick fixes; `sendgen lint
	// --fix` applies them (casefile.ApplyFixes).
	Fixes []Fix
	// Detail is the working behind the message (a date's computation, the
	// steps of a rule), for --verbose, `timeline` and `explain`: the
	// message itself stays short enough to read in one breath.
	Detail string
	// Section is the body heading a structure finding is about ("Agreed
	// actions"), so that the document drawn from it can be held back.
	Section string
	// ownSeverity marks a finding whose rule chose its severity (the
	// appeal deadline is info, warning or error depending on the date).
	ownSeverity bool
}

// splitWorking separates a date rule's message from its working: the
// timetable's own account of how a date was computed (timeline.Date.Why:
// "raw 2026-11-29 is not a working day (Sunday): r.12(2), next working day;
// D 2026-09-14 + 2 calendar months = ..."), where the message quotes it in a
// parenthesis, moves to the detail, so the message reads in one breath and
// --verbose, `timeline` and `explain` show how the date was reached. Only
// that text moves: the legal basis and everything else the rule says stay
// in the message as the date rules word it.
func splitWorking(msg string, whys []string) (short, detail string) {
	var work []string
	for _, why := range whys {
		if why == "" || !strings.Contains(msg, why) {
			continue
		}
		before := msg
		for _, r := range [...][2]string{{"(" + why + "; ", "("}, {"; " + why + ")", ")"}, {" (" + why + ")", ""}, {"(" + why + ")", ""}} {
			msg = strings.Replace(msg, r[0], r[1], 1)
			if msg != before {
				break
			}
		}
		if msg != before {
			work = append(work, why)
		}
	}
	return msg, strings.Join(work, "; ")
}
