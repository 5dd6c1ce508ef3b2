package render

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/timeline"
)

// timelineInputs builds the statutory-timetable inputs from a case. It is
// the only place render knows how front matter maps onto timeline.Inputs.
func timelineInputs(c *casefile.Case) timeline.Inputs {
	f := &c.Front
	in := timeline.Inputs{
		Case:          f.Case.Value,
		DecisionType:  f.Decision.Type.Value,
		Decision:      dateOf(f.Decision.Date),
		Sections:      f.Decision.SectionList(),
		AppellantRole: f.Appellant.Role.Value,
	}
	if m := f.Mediation; m != nil {
		in.AdviserContacted = dateOf(m.AdviserContacted)
		in.Choice = m.Choice.Value
		in.LAInformed = dateOf(m.LAInformed)
		in.MediationDate = dateOf(m.Date)
	}
	if ct := f.Certificate; ct != nil {
		in.CertificateIssued = dateOf(ct.Issued)
	}
	if t := f.Child.Transfer; t != nil {
		in.TransferTo = t.To.Value
		in.TransferDate = dateOf(t.Date)
	}
	return in
}

func dateOf(d casefile.Date) time.Time {
	if !d.Set {
		return time.Time{}
	}
	return d.Time
}

// computeDates runs the statutory timetable for a case.
func computeDates(c *casefile.Case) timeline.Dates {
	return timeline.Compute(timelineInputs(c), timeline.DefaultCalendar())
}

// actionDue returns the reg 42 default due date for an agreed action.
func actionDue(agreed time.Time, action string) (time.Time, string) {
	return timeline.ActionDue(agreed, timeline.ClassifyAction(action))
}

var (
	reISODate   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	reSlashDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	reLongDate  = regexp.MustCompile(`^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$`)
)

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// parseByDate reads the `By` cell of an agreed action in the forms the spec
// allows: 2026-12-15, 15 December 2026, 15 Dec 2026, 15/12/2026 (day
// first). It reports false for anything else ("TBC", "end of term"), in
// which case the form shows the statutory default next to what was written.
func parseByDate(s string) (time.Time, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	var y, m, d int
	switch {
	case reISODate.MatchString(s):
		p := reISODate.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case reSlashDate.MatchString(s):
		p := reSlashDate.FindStringSubmatch(s)
		d, m, y = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case reLongDate.MatchString(s):
		p := reLongDate.FindStringSubmatch(s)
		mon, ok := monthNames[p[2]]
		if !ok {
			return time.Time{}, false
		}
		d, m, y = atoi(p[1]), int(mon), atoi(p[3])
	default:
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, false // 31/02/2026
	}
	return t, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
