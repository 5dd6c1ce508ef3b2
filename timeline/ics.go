package timeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sendgen/sendgen/send"
)

// ICSCase is one case's timetable for WriteICS. Only the case reference and computed dates
// are written: no personal name can reach the calendar because none is held here.
type ICSCase struct {
	Case  string // case reference: letters, digits, '-', '_' (as the case file requires)
	Dates Dates
	// AgreedBy are the By dates written into the agreement, one per
	// Dates.Actions (zero where none was written). A written date is the
	// agreed timescale (reg 42(5)); the statutory steps apply otherwise.
	AgreedBy []time.Time
}

// icsTZID is the zone of the timed appeal-deadline event: the Tribunal's 5pm is UK time.
const icsTZID = "Europe/London"

// vtimezoneLondon describes Europe/London since 1996 (EU rule: last Sunday of March at 01:00
// UTC to BST, last Sunday of October at 01:00 UTC back to GMT). DTSTART lines are local time
// of the onset, as RFC 5545 §3.6.5 requires.
var vtimezoneLondon = []string{
	"BEGIN:VTIMEZONE",
	"TZID:" + icsTZID,
	"BEGIN:DAYLIGHT",
	"TZOFFSETFROM:+0000",
	"TZOFFSETTO:+0100",
	"TZNAME:BST",
	"DTSTART:19960331T010000",
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
	"END:DAYLIGHT",
	"BEGIN:STANDARD",
	"TZOFFSETFROM:+0100",
	"TZOFFSETTO:+0000",
	"TZNAME:GMT",
	"DTSTART:19961027T020000",
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
	"END:STANDARD",
	"END:VTIMEZONE",
}

// WriteICS writes an RFC 5545 calendar with one event per computed date of each case.
//
// The appeal deadline is a timed event at 17:00 Europe/London (HESC r.12(1): received by 5pm)
// with a reminder 7 days before; the other dates are all-day events. UIDs are
// "<date key>.<case reference>@sendgen", so re-importing an updated calendar replaces events
// instead of duplicating them. DTSTAMP is stamp (in UTC): the output is a pure function of the
// arguments. Dates that could not be computed are left out. Each agreed action is an all-day
// event on the date written into the agreement or, where none was, one event per statutory
// step (both reg 44 steps where there are two), named by its number and the step, never by its
// text (which may name people). Lines end in CRLF and are folded at 75 octets without
// splitting a UTF-8 character.
func WriteICS(w io.Writer, cases []ICSCase, stamp time.Time) error {
	if stamp.IsZero() {
		return errors.New("ics: a DTSTAMP time is required")
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if err := send.ValidCaseRef(c.Case); err != nil {
			return fmt.Errorf("ics: %w (it names the event UIDs)", err)
		}
		if seen[c.Case] {
			return fmt.Errorf("ics: case reference %q appears twice: the event UIDs would collide", c.Case)
		}
		seen[c.Case] = true
	}

	var b bytes.Buffer
	line := func(s string) { writeFolded(&b, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//sendgen//timeline//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:SEND deadlines")
	for _, s := range vtimezoneLondon {
		line(s)
	}
	dtstamp := stamp.UTC().Format("20060102T150405Z")
	for _, c := range cases {
		for _, d := range c.Dates.All() {
			if d.Date.IsZero() {
				continue
			}
			line("BEGIN:VEVENT")
			line("UID:" + d.Key + "." + c.Case + "@sendgen")
			line("DTSTAMP:" + dtstamp)
			day := d.Date.Format("20060102")
			summary := c.Case + ": " + d.Label
			if d.Key == KeyAppealDeadline {
				line("DTSTART;TZID=" + icsTZID + ":" + day + "T170000")
				summary += " (received by 5pm)"
			} else {
				line("DTSTART;VALUE=DATE:" + day)
				line("DTEND;VALUE=DATE:" + AddDays(d.Date, 1).Format("20060102"))
			}
			line("SUMMARY:" + escapeText(summary))
			desc := "Case " + c.Case + ". " + d.Label + ": " + d.Date.Format("Monday 2 January 2006") +
				".\nBasis: " + d.Basis + ".\n" + d.Why + "."
			for _, w := range c.Dates.Warnings {
				desc += "\nWarning: " + w
			}
			line("DESCRIPTION:" + escapeText(desc))
			line("CATEGORIES:SEND")
			line("TRANSP:TRANSPARENT")
			if d.Key == KeyAppealDeadline {
				line("BEGIN:VALARM")
				line("ACTION:DISPLAY")
				line("TRIGGER:-P7D")
				line("DESCRIPTION:" + escapeText(c.Case+": appeal deadline in 7 days"))
				line("END:VALARM")
			}
			line("END:VEVENT")
		}
		for i, a := range c.Dates.Actions {
			n := strconv.Itoa(i + 1)
			allDay := func(uid string, day time.Time, summary, desc string) {
				line("BEGIN:VEVENT")
				line("UID:" + uid + "." + c.Case + "@sendgen")
				line("DTSTAMP:" + dtstamp)
				line("DTSTART;VALUE=DATE:" + day.Format("20060102"))
				line("DTEND;VALUE=DATE:" + AddDays(day, 1).Format("20060102"))
				line("SUMMARY:" + escapeText(c.Case+": "+summary))
				line("DESCRIPTION:" + escapeText("Case "+c.Case+". "+desc))
				line("CATEGORIES:SEND")
				line("TRANSP:TRANSPARENT")
				line("END:VEVENT")
			}
			if i < len(c.AgreedBy) && !c.AgreedBy[i].IsZero() {
				allDay("action_"+n, c.AgreedBy[i], "agreed action "+n+" due",
					"Agreed action "+n+": the date written into the mediation agreement, "+c.AgreedBy[i].Format("Monday 2 January 2006")+
						" (a date in the signed agreement is agreement in writing to that timescale: SEND Regs 2014 reg 42(5)).")
				continue
			}
			for k, st := range a.Steps {
				if st.Due.IsZero() {
					continue
				}
				allDay("action_"+n+"_step_"+strconv.Itoa(k+1), st.Due, "agreed action "+n+": "+st.What,
					"Agreed action "+n+", statutory step "+strconv.Itoa(k+1)+" of "+strconv.Itoa(len(a.Steps))+": "+st.What+
						" "+st.Within()+", by "+st.Due.Format("Monday 2 January 2006")+".\nBasis: "+st.Basis+".")
			}
		}
	}
	line("END:VCALENDAR")
	_, err := w.Write(b.Bytes())
	return err
}

// escapeText escapes an RFC 5545 TEXT value (§3.3.11): backslash, semicolon, comma and
// newline. Carriage returns are dropped so that CRLF input gives one newline.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeFolded writes one content line with CRLF, folding it (§3.1) so that no physical line
// exceeds 75 octets: continuation lines start with a space, which counts towards the 75. A
// fold never falls inside a multi-byte UTF-8 character.
func writeFolded(b *bytes.Buffer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space takes one octet
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
