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

// plainDateCases are By cells around the edges of plainDate's forms: each
// is read by plainDate or left to the expressions, and either way the
// answer must be the expressions'.
var plainDateCases = []string{
	"2026-12-15", "2026-1-5", "2026-12-15 ", "2026-12-150", "2026-12-", "2026--15", "20261-12-15", "2026-12-15x",
	"2026-13-01", "2026-02-30", "2026-00-10", "2026-12-00", "0000-01-01",
	"15 December 2026", "5 dec 2026", "15 DECEMBER 2026", "15 Foo 2026", "15 th 2026", "15  December 2026",
	"15 December 20266", "15 December 202", "15 December", "15 December 2026 ", "15 December, 2026",
	"15th December 2026", "15 Sept 2026", "31 June 2027", "29 February 2028", "29 February 2027",
	"15 Dec. 2026", "15 \u212aay 2026", "00 May 2026", "99 May 2026",
	"15/12/2026", "5.1.2027", "15-12-2026", "15/12-2026", "15/13/2026", "31/04/2026", "15/12/26",
	"15/12/20266", "1/1/0000", "15//2026", "15/1/2026/", "-", "--", "?",
	"", "5", "15 ", "2026", "by 15 December 2026", "Monday 14 December 2026", "15 December 2026 (agreed)",
}

// TestPlainDateAgrees: the forms read without expressions are read as the
// expressions read them, and the common ones are read that way.
func TestPlainDateAgrees(t *testing.T) {
	for _, s := range plainDateCases {
		checkPlainDate(t, s)
	}
	for _, s := range []string{"2026-12-15", "2026-1-5", "15 December 2026", "5 dec 2026", "15/12/2026", "31/04/2026", "15 Foo 2026"} {
		if _, _, _, ok := plainDate(s); !ok {
			t.Errorf("plainDate(%q) left it to the expressions", s)
		}
	}
}

func FuzzPlainDate(f *testing.F) {
	for _, s := range plainDateCases {
		f.Add(s)
	}
	f.Fuzz(checkPlainDate)
}

func checkPlainDate(t *testing.T, s string) {
	y, month, d, ok := plainDate(s)
	if !ok {
		return
	}
	got, gotMsg := resolveDate(s, ActionDate{}, y, month, d)
	want, wantMsg := readWrittenDate(s)
	if got != want || gotMsg != wantMsg {
		t.Fatalf("%q: read without expressions as %+v %q, with them as %+v %q", s, got, gotMsg, want, wantMsg)
	}
}
