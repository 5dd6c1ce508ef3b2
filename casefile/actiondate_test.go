package casefile

import (
	"strings"
	"testing"
)

// TestReadActionDate: a By cell keeps its weekday and its note, so that a document can print
// "(agreed in writing)" as written and a rule can tell that "Monday 5 March 2027" (a Friday)
// cannot be right.
func TestReadActionDate(t *testing.T) {
	tests := []struct {
		in, date, weekday string
		matches           bool
		note, msg         string
	}{
		{"2026-11-24", "2026-11-24", "", true, "", ""},
		{"Monday 5 March 2027", "2027-03-05", "Monday", false, "", ""},
		{"Friday 5 March 2027", "2027-03-05", "Friday", true, "", ""},
		{"Fri, 5 Mar 2027", "2027-03-05", "Fri", true, "", ""},
		{"by Tuesday 4 December 2026", "2026-12-04", "Tuesday", false, "", ""},
		{"2026-12-04 (agreed in writing)", "2026-12-04", "", true, "(agreed in writing)", ""},
		{"by Friday 4 December 2026; agreed in writing", "2026-12-04", "Friday", true, "agreed in writing", ""},
		{"December 4, 2026", "2026-12-04", "", true, "", ""},
		{"in due course", "", "", false, "", `"in due course" is not a date`},
	}
	for _, tt := range tests {
		d, msg := ReadActionDate(tt.in)
		got := ""
		if !d.Time.IsZero() {
			got = d.Time.Format("2006-01-02")
		}
		if got != tt.date || d.Weekday != tt.weekday || (msg == "" && d.WeekdayMatches != tt.matches) || d.Note != tt.note ||
			(tt.msg == "") != (msg == "") || (tt.msg != "" && !strings.Contains(msg, tt.msg)) {
			t.Errorf("%q: %s %q %v %q %q", tt.in, got, d.Weekday, d.WeekdayMatches, d.Note, msg)
		}
		if p, pmsg := ParseActionDate(tt.in); !p.Equal(d.Time) || pmsg != msg {
			t.Errorf("%q: ParseActionDate differs", tt.in)
		}
	}
}
