package casefile

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sendgen/sendgen/internal/lazyre"
)

var (
	isoDate   = lazyre.New(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	slashDate = lazyre.New(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	// usDate is "December 15, 2026" / "Dec 15 2026": month first in words
	// is unambiguous, so it is accepted too.
	usDate = lazyre.New(`(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	// datePrefix and dateNote are words around a date that do not change
	// it: "by 15 December 2026", "2026-12-15 (agreed in writing)".
	datePrefix = lazyre.New(`(?i)^(?:by|on|before|no later than|not later than|latest|due)\s+`)
	dateNote   = lazyre.New(`\s*(?:\([^)]*\)|\[[^\]]*\]|[;,–—-]\s+[^\d].*)$`)
	wordDate   = lazyre.New(`(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$`)
	vagueDate  = lazyre.New(`(?i)^(?:asap|as soon as (?:possible|practicable)|tbc|tba|tbd|to be (?:confirmed|agreed|decided|arranged)|in due course|soon|shortly|ongoing|n/?a|-+|\?+|end of (?:the )?(?:term|half[\s-]term|month|year|week)|next (?:term|week|month|year)|by the end of.*|when (?:possible|available)|immediately|asap\.?)$`)
)

// dateForms are the accepted forms, each with the submatch holding the
// day, the month (digits or a name) and the year.
var dateForms = []struct {
	re               *lazyre.Regexp
	day, month, year int
}{
	{isoDate, 3, 2, 1},
	{slashDate, 1, 2, 3},
	{wordDate, 1, 2, 3},
	{usDate, 2, 1, 3},
}

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// ActionDate is a By cell read as a date, with what was written around it.
type ActionDate struct {
	Time time.Time
	// Weekday is the weekday as written ("Monday"), "" when none was.
	Weekday string
	// WeekdayMatches is false when a weekday was written that is not the
	// date's: "Monday 5 March 2027" is a Friday. Which of the two was meant
	// cannot be told, so the caller must say so rather than drop the weekday.
	WeekdayMatches bool
	// Note is what was written after the date ("(agreed in writing)"),
	// trimmed; "" when nothing was.
	Note string
}

var weekdayPrefix = lazyre.New(`(?i)^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+`)

// ParseActionDate reads the By column of an agreed action: the forms the
// spec allows (2026-12-15, 15 December 2026, 15 Dec 2026, 15/12/2026 day
// first), also with a weekday, "by ..." in front or a note after it
// ("2026-12-15 (agreed in writing)"), and "December 15, 2026". The message
// says why a value is not a usable date.
func ParseActionDate(s string) (time.Time, string) {
	d, msg := ReadActionDate(s)
	return d.Time, msg
}

// ReadActionDate is ParseActionDate keeping the weekday and the note written
// with the date, so that a document can print them and a rule can check the
// weekday.
func ReadActionDate(s string) (ActionDate, string) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*_"))
	if y, month, d, ok := plainDate(s); ok {
		return resolveDate(s, ActionDate{}, y, month, d)
	}
	return readWrittenDate(s)
}

// readWrittenDate reads a By cell with the expressions: any form
// ReadActionDate accepts, with a weekday, words before it or a note after it.
func readWrittenDate(s string) (ActionDate, string) {
	var out ActionDate
	if d := strings.TrimSpace(dateNote.ReplaceAllString(datePrefix.ReplaceAllString(s, ""), "")); d != "" && !vagueDate.MatchString(s) {
		if m := dateNote.FindStringIndex(datePrefix.ReplaceAllString(s, "")); m != nil {
			note := strings.TrimSpace(datePrefix.ReplaceAllString(s, "")[m[0]:])
			out.Note = strings.TrimSpace(strings.TrimLeft(note, ";,–—-"))
		}
		s = d
	}
	if vagueDate.MatchString(s) {
		return ActionDate{}, fmt.Sprintf("%q is not a date: an action needs a calendar date to be enforceable", s)
	}
	if m := weekdayPrefix.FindStringSubmatch(s); m != nil {
		out.Weekday = strings.TrimRight(strings.TrimSpace(m[0]), ".,")
	}
	for _, f := range dateForms {
		g := f.re.FindStringSubmatch(s)
		if g == nil {
			continue
		}
		y, _ := strconv.Atoi(g[f.year])
		d, _ := strconv.Atoi(g[f.day])
		return resolveDate(s, out, y, g[f.month], d)
	}
	return ActionDate{}, fmt.Sprintf("%q is not a date: write it as 2026-12-15, 15 December 2026 or 15/12/2026", s)
}

// plainDate reads a By cell that is a date and nothing else, in the forms
// the spec's examples use: 2026-12-15, 15 December 2026 (one space apart,
// no ordinal, stop or comma) and 15/12/2026 (or 15.12.2026, 15-12-2026).
// Nothing around such a date can be a prefix, a note, a weekday or a vague
// word, so readWrittenDate reads it as ISO, slash or word date and nothing
// else; plainDate gives the same parts without its expressions, which a
// one-file process would otherwise compile (six to eight of them, 0.3 ms)
// for the first date it reads. The answer is readWrittenDate's for every
// input (TestPlainDateAgrees, FuzzPlainDate). month is the month as
// written: digits or a word.
func plainDate(s string) (y int, month string, d int, ok bool) {
	digits := func(s string) int {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		return n
	}
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	n := digits(s)
	switch {
	case n == 4 && len(s) > 5 && s[4] == '-': // 2026-12-15
		rest := s[5:]
		mn := digits(rest)
		if mn < 1 || mn > 2 || len(rest) <= mn || rest[mn] != '-' {
			return 0, "", 0, false
		}
		day := rest[mn+1:]
		if dn := digits(day); dn < 1 || dn > 2 || dn != len(day) {
			return 0, "", 0, false
		}
		return atoi(s[:4]), rest[:mn], atoi(day), true
	case n == 1 || n == 2:
		rest := s[n:]
		if len(rest) > 0 && strings.IndexByte("/.-", rest[0]) >= 0 { // 15/12/2026
			mn := digits(rest[1:])
			if mn < 1 || mn > 2 || len(rest) <= 1+mn || strings.IndexByte("/.-", rest[1+mn]) < 0 {
				return 0, "", 0, false
			}
			year := rest[2+mn:]
			if len(year) != 4 || digits(year) != 4 {
				return 0, "", 0, false
			}
			return atoi(year), rest[1 : 1+mn], atoi(s[:n]), true
		}
		if len(rest) < 2 || rest[0] != ' ' { // 15 December 2026
			return 0, "", 0, false
		}
		w := 1
		for w < len(rest) && (rest[w]|0x20 >= 'a' && rest[w]|0x20 <= 'z') {
			w++
		}
		year := rest[w:]
		if w == 1 || len(year) != 5 || year[0] != ' ' || digits(year[1:]) != 4 {
			return 0, "", 0, false
		}
		return atoi(year[1:]), rest[1:w], atoi(s[:n]), true
	}
	return 0, "", 0, false
}

// resolveDate finishes reading a date from its parts: the month by number
// or by name, then whether the date exists. s is the date as written, for
// the messages.
func resolveDate(s string, out ActionDate, y int, month string, d int) (ActionDate, string) {
	var m time.Month
	if mi, err := strconv.Atoi(month); err == nil {
		m = time.Month(mi)
	} else if mm, ok := months[strings.ToLower(month)]; ok {
		m = mm
	} else {
		return ActionDate{}, fmt.Sprintf("%q is not a date: %q is not a month", s, month)
	}
	if m < 1 || m > 12 {
		return ActionDate{}, fmt.Sprintf("%q is not a date: there is no month %d", s, m)
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if d < 1 || t.Day() != d {
		return ActionDate{}, fmt.Sprintf("%q is not a real date: %s %d has %d days", s, m, y, daysIn(y, m))
	}
	out.Time = t
	out.WeekdayMatches = out.Weekday == "" || strings.EqualFold(out.Weekday[:3], t.Weekday().String()[:3])
	return out, ""
}
