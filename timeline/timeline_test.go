package timeline

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestAppealDeadlineWorkedExamples(t *testing.T) {
	tests := []struct {
		name     string
		D, C     string
		sections []string
		want     string
		why      string // substring of Why
	}{
		// The four rows of statutory-rules.md.
		{"christmas window", "2025-10-01", "2025-11-29", []string{"B", "F"}, "2026-01-02", "raw 2025-12-29 is in the Christmas window"},
		{"clamped saturday", "2025-12-31", "", []string{"I"}, "2026-03-02", "raw 2026-02-28 is not a working day"},
		{"august", "2026-06-15", "2026-07-20", []string{"B", "F"}, "2026-09-01", "raw 2026-08-20 is in August"},
		{"working day", "2026-01-30", "", []string{"B"}, "2026-03-30", "raw 2026-03-30 is a working day"},
		// The two further rows of send-domain.md section 7.
		{"christmas 2027 into substitute", "2027-10-27", "2027-11-26", []string{"F"}, "2028-01-04", "Christmas window"},
		{"august 2028", "2028-06-30", "", []string{"F"}, "2028-09-01", "raw 2028-08-30 is in August"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(Inputs{Case: "T-1", DecisionType: "plan-contents", Decision: d(tt.D), CertificateIssued: d(tt.C), Sections: tt.sections}, nil)
			a := got.AppealDeadline
			if ymd(a.Date) != tt.want {
				t.Errorf("appeal deadline = %s, want %s (%s)", ymd(a.Date), tt.want, a.Why)
			}
			if !strings.Contains(a.Why, tt.why) || !strings.Contains(a.Why, "5pm") {
				t.Errorf("Why = %q, want it to contain %q and 5pm", a.Why, tt.why)
			}
			if a.Basis != "HESC Rules 2008 r.20(1)(c), r.12" || a.Key != "appeal_deadline" {
				t.Errorf("basis/key = %q/%q", a.Basis, a.Key)
			}
			if len(got.Warnings) != 0 {
				t.Errorf("unexpected warnings %v", got.Warnings)
			}
		})
	}
}

// appealFor computes the appeal deadline for a raw date reached as D + 2 months.
func appealFor(t *testing.T, raw string) Date {
	t.Helper()
	r := d(raw)
	D := AddMonths(r, -2)
	if !AddMonths(D, 2).Equal(r) {
		t.Fatalf("cannot reach raw %s as D + 2 months", raw)
	}
	return Compute(Inputs{Decision: D, Sections: []string{"B"}}, nil).AppealDeadline
}

func TestAppealDeadlineAdjustments(t *testing.T) {
	tests := []struct{ raw, want, why string }{
		{"2026-04-03", "2026-04-07", "Good Friday"},   // Good Friday, weekend, Easter Monday
		{"2026-04-06", "2026-04-07", "Easter Monday"}, // Easter Monday
		{"2025-04-18", "2025-04-22", "Good Friday"},
		{"2026-05-25", "2026-05-26", "Spring bank holiday"},
		{"2028-01-03", "2028-01-04", "New Year's Day (substitute day)"}, // after the window: r.12(2)
		{"2026-01-02", "2026-01-02", "working day"},
		{"2026-03-01", "2026-03-02", "Sunday"},
		{"2026-07-31", "2026-07-31", "working day"},
		{"2026-09-01", "2026-09-01", "working day"},
		{"2026-12-24", "2026-12-24", "working day"},
		{"2026-10-31", "2026-11-02", "Saturday"},
		{"2027-02-28", "2027-03-01", "Sunday"},
		// The window rules test the raw date only (spec): a raw date just before a window that
		// is not a working day moves to the next working day, inside the window. This is also
		// the earlier, safer reading of r.12(2)/(3)(a).
		{"2021-07-31", "2021-08-02", "Saturday"},
		{"2022-12-24", "2022-12-28", "Saturday"},
	}
	for _, tt := range tests {
		a := appealFor(t, tt.raw)
		if ymd(a.Date) != tt.want || !strings.Contains(a.Why, tt.why) {
			t.Errorf("raw %s: deadline %s (%s), want %s mentioning %q", tt.raw, ymd(a.Date), a.Why, tt.want, tt.why)
		}
	}
}

// TestAppealDeadlineChristmasWindow: every raw date from 25 Dec to 1 Jan inclusive gives the
// first working day after 1 January (r.12(3)(a)); 24 Dec and 2 Jan do not.
func TestAppealDeadlineChristmasWindow(t *testing.T) {
	windows := []struct {
		dec  int
		want string
	}{
		{2025, "2026-01-02"}, // Fri 2 Jan
		{2026, "2027-01-04"}, // 2-3 Jan 2027 weekend
		{2027, "2028-01-04"}, // 3 Jan 2028 substitute
	}
	for _, w := range windows {
		for day := time.Date(w.dec, 12, 25, 0, 0, 0, 0, time.UTC); !day.After(time.Date(w.dec+1, 1, 1, 0, 0, 0, 0, time.UTC)); day = AddDays(day, 1) {
			a := appealFor(t, ymd(day))
			if ymd(a.Date) != w.want || !strings.Contains(a.Why, "Christmas window") {
				t.Errorf("raw %s: %s (%s), want %s", ymd(day), ymd(a.Date), a.Why, w.want)
			}
		}
	}
	if a := appealFor(t, "2025-12-24"); ymd(a.Date) != "2025-12-24" {
		t.Errorf("raw 2025-12-24: %s", ymd(a.Date))
	}
	if a := appealFor(t, "2026-01-02"); ymd(a.Date) != "2026-01-02" {
		t.Errorf("raw 2026-01-02: %s", ymd(a.Date))
	}
}

// TestAppealDeadlineAugust: every raw date in August gives the first working day after 31 August.
func TestAppealDeadlineAugust(t *testing.T) {
	for y, want := range map[int]string{2026: "2026-09-01", 2027: "2027-09-01", 2020: "2020-09-01", 2024: "2024-09-02"} {
		for day := 1; day <= 31; day++ {
			// raw = C + 1 month, C in July, D early enough not to matter.
			C := time.Date(y, time.July, day, 0, 0, 0, 0, time.UTC)
			got := Compute(Inputs{Decision: time.Date(y, time.May, 1, 0, 0, 0, 0, time.UTC), CertificateIssued: C}, nil).AppealDeadline
			if ymd(got.Date) != want || !strings.Contains(got.Why, "in August") {
				t.Errorf("raw %d-08-%02d: %s (%s), want %s", y, day, ymd(got.Date), got.Why, want)
			}
		}
	}
}

func TestAppealDeadlineLaterOfDAndC(t *testing.T) {
	// C + 1 month earlier than D + 2 months: D wins.
	a := Compute(Inputs{Decision: d("2026-01-30"), CertificateIssued: d("2026-02-10")}, nil).AppealDeadline
	if ymd(a.Date) != "2026-03-30" || !strings.Contains(a.Why, "not earlier than C 2026-02-10") {
		t.Errorf("got %s (%s)", ymd(a.Date), a.Why)
	}
	// C + 1 month later: C wins.
	a = Compute(Inputs{Decision: d("2026-01-30"), CertificateIssued: d("2026-03-10")}, nil).AppealDeadline
	if ymd(a.Date) != "2026-04-10" || !strings.Contains(a.Why, "C 2026-03-10 + 1 calendar month") {
		t.Errorf("got %s (%s)", ymd(a.Date), a.Why)
	}
}

// TestAppealDeadlineProperties: for every decision date 2018-2028, with and without a
// certificate, the deadline is a working day, never before the raw date, never in August or
// the Christmas window.
func TestAppealDeadlineProperties(t *testing.T) {
	cal := DefaultCalendar()
	for D := d("2018-01-01"); D.Year() <= 2028; D = AddDays(D, 1) {
		for _, cOff := range []int{-1, 0, 20, 45, 61} {
			in := Inputs{Decision: D, Sections: []string{"B", "F"}}
			raw := AddMonths(D, 2)
			if cOff >= 0 {
				in.CertificateIssued = AddDays(D, cOff)
				if c1 := AddMonths(in.CertificateIssued, 1); c1.After(raw) {
					raw = c1
				}
			}
			got := Compute(in, cal).AppealDeadline.Date
			if !cal.IsWorkingDay(got) || got.Before(raw) {
				t.Fatalf("D %s C %s: deadline %s (raw %s)", ymd(D), ymd(in.CertificateIssued), ymd(got), ymd(raw))
			}
			m, day := raw.Month(), raw.Day()
			switch inWindow := (m == time.December && day >= 25) || (m == time.January && day == 1); {
			case inWindow || m == time.August:
				// Pushed past the whole window, to its first working day.
				gm, gd := got.Month(), got.Day()
				if gm == time.August || (gm == time.December && gd >= 25) || (gm == time.January && gd == 1) ||
					cal.IsWorkingDay(AddDays(got, -1)) && !(gm == time.January && gd == 2) && !(gm == time.September && gd == 1) {
					t.Fatalf("D %s: raw %s in a window, deadline %s", ymd(D), ymd(raw), ymd(got))
				}
			default:
				// r.12(2) only: the raw date itself or the next working day, even when that
				// falls in August or the Christmas window (spec: only the raw date is tested).
				if !got.Equal(cal.NextWorkingDay(raw)) {
					t.Fatalf("D %s: raw %s, deadline %s", ymd(D), ymd(raw), ymd(got))
				}
			}
		}
	}
}

// TestCertificateRequired: CFA 2014 ss.51, 55(3); shared/spec/statutory-rules.md
// (certificate_required); legal-review.md E1, E2, E20.
func TestCertificateRequired(t *testing.T) {
	tests := []struct {
		typ      string
		sections []string
		want     bool
		why      string
	}{
		{"plan-contents", []string{"I"}, false, "only about Section I"},
		{"plan-contents", []string{"i"}, false, "only about Section I"},
		{"plan-contents", []string{"Section I", "I"}, false, "only about Section I"},
		// Only the contents of a plan can fall within the Section I exception (E1).
		{"refuse-amendment", []string{"I"}, true, "always needs a mediation certificate"},
		{"refuse-plan", []string{"I"}, true, "always needs a mediation certificate"},
		{"refuse-assessment", []string{"I"}, true, "always needs a mediation certificate"},
		{"refuse-reassessment", []string{"I"}, true, "always needs a mediation certificate"},
		{"cease-plan", []string{"I"}, true, "always needs a mediation certificate"},
		// Health and social care alone: no appeal lies on a plan's contents (E2).
		{"plan-contents", []string{"C", "G"}, false, "no appeal lies on them alone"},
		{"plan-contents", []string{"D", "H1", "H2"}, false, "no appeal lies on them alone"},
		{"plan-contents", []string{"G"}, false, "no appeal lies on them alone"},
		{"refuse-amendment", []string{"G"}, false, "no appeal lies on them alone"},
		// A cease decision is appealable whatever sections are listed.
		{"cease-plan", []string{"G"}, true, "always needs a mediation certificate"},
		{"plan-contents", []string{"B", "F"}, true, "sections B, F"},
		{"plan-contents", []string{"B", "F", "I"}, true, "needs a mediation certificate"},
		{"plan-contents", []string{"G", "I"}, true, "needs a mediation certificate"},
		{"plan-contents", []string{"E"}, true, "needs a mediation certificate"},
		{"plan-contents", nil, true, "no sections recorded"},
		{"refuse-assessment", nil, true, "always needs"},
		{"cease-plan", nil, true, "always needs"},
		{"", []string{"I"}, true, "decision.type is not known"},
	}
	for _, tt := range tests {
		got := Compute(Inputs{DecisionType: tt.typ, Sections: tt.sections, Decision: d("2026-09-14")}, nil)
		if got.CertificateRequired != tt.want || !strings.Contains(got.CertificateRequiredWhy, tt.why) {
			t.Errorf("%s %v: required=%v (%s), want %v mentioning %q", tt.typ, tt.sections, got.CertificateRequired, got.CertificateRequiredWhy, tt.want, tt.why)
		}
		if got.CertificateRequiredBasis != "CFA 2014 s.55; s.51" {
			t.Errorf("basis %q", got.CertificateRequiredBasis)
		}
	}
}

func TestSectionIOnlyAppeal(t *testing.T) {
	got := Compute(Inputs{Case: "X-1", DecisionType: "plan-contents", Decision: d("2025-12-31"), Sections: []string{"I"}}, nil)
	if got.CertificateRequired {
		t.Error("certificate required for a Section I appeal")
	}
	if ymd(got.AppealDeadline.Date) != "2026-03-02" || strings.Contains(got.AppealDeadline.Why, "no certificate issued yet") {
		t.Errorf("appeal %s (%s)", ymd(got.AppealDeadline.Date), got.AppealDeadline.Why)
	}
	if !strings.Contains(got.AdviserContactBy.Why, "optional") || !strings.Contains(got.CertificateDue.Why, "no certificate is needed") {
		t.Errorf("Why should say the certificate is optional: %q / %q", got.AdviserContactBy.Why, got.CertificateDue.Why)
	}
}

// TestHealthOnlyDispute: with only health or social care sections in dispute no appeal lies
// (CFA 2014 s.51(2); legal-review.md E2), but mediation is available and timed as usual.
func TestHealthOnlyDispute(t *testing.T) {
	got := Compute(Inputs{DecisionType: "plan-contents", Decision: d("2026-09-14"), Sections: []string{"C", "G"},
		Choice: "mediate", LAInformed: d("2026-09-20"), MediationDate: d("2026-10-15")}, nil)
	if got.CertificateRequired || got.AppealAvailable {
		t.Errorf("health-only dispute: required %v, appeal available %v", got.CertificateRequired, got.AppealAvailable)
	}
	if ymd(got.MediationDue.Date) != "2026-10-20" || ymd(got.CertificateDue.Date) != "2026-10-20" {
		t.Errorf("mediation due %s, certificate due %s", ymd(got.MediationDue.Date), ymd(got.CertificateDue.Date))
	}
	if !got.AppealDeadline.Date.IsZero() || !strings.Contains(got.AppealDeadline.Why, "no appeal lies") ||
		!strings.Contains(got.AppealDeadline.Why, "recommendations") {
		t.Errorf("appeal deadline %v: %q", got.AppealDeadline.Date, got.AppealDeadline.Why)
	}
}

func TestYoungPersonSamePeriods(t *testing.T) {
	in := Inputs{Case: "YP-1", DecisionType: "plan-contents", Decision: d("2026-06-15"), Sections: []string{"B", "F"},
		AdviserContacted: d("2026-06-20"), Choice: "mediate", LAInformed: d("2026-06-22"), MediationDate: d("2026-07-15"),
		CertificateIssued: d("2026-07-20"), TransferTo: "post-16", TransferDate: d("2027-09-01")}
	parent := in
	parent.AppellantRole = "parent"
	yp := in
	yp.AppellantRole = "young-person"
	a, b := Compute(parent, nil), Compute(yp, nil)
	for i, x := range a.All() {
		if y := b.All()[i]; x.Key != y.Key || !x.Date.Equal(y.Date) {
			t.Errorf("%s: parent %s, young person %s", x.Key, ymd(x.Date), ymd(y.Date))
		}
	}
	if a.CertificateRequired != b.CertificateRequired || len(b.Warnings) != 0 {
		t.Errorf("young person: required %v, warnings %v", b.CertificateRequired, b.Warnings)
	}
	if !strings.Contains(b.AppealDeadline.Why, "young person") {
		t.Errorf("Why should mention the young person: %q", b.AppealDeadline.Why)
	}
}

func TestCertificateDue(t *testing.T) {
	tests := []struct {
		name             string
		choice           string
		told, mediated   string
		want, basis, why string
	}{
		{"decline christmas", "decline", "2026-12-24", "", "2026-12-31", "regs 34, 39", "2026-12-28 Boxing Day (substitute day)"},
		{"decline easter", "decline", "2025-04-17", "", "2025-04-24", "regs 34, 39", "2025-04-18 Good Friday, 2025-04-21 Easter Monday"},
		{"decline uses adviser date not mediation date", "decline", "2026-10-01", "2026-10-20", "2026-10-06", "regs 34, 39", "reg 34"},
		{"mediated", "mediate", "2026-09-30", "2026-10-27", "2026-10-30", "regs 34, 39", "reg 39"},
		{"mediated before substitute boxing day 2027", "mediate", "", "2027-12-23", "2027-12-30", "regs 34, 39", "2027-12-27 Christmas Day (substitute day), 2027-12-28 Boxing Day (substitute day)"},
		{"mediated friday", "mediate", "", "2026-10-30", "2026-11-04", "regs 34, 39", "reg 39"},
		{"Mediate spelled loosely", " Mediate ", "", "2026-10-27", "2026-10-30", "regs 34, 39", "reg 39"},
		{"decline missing date", "decline", "", "", "", "regs 34, 39", "needs mediation.adviser_contacted"},
		{"mediate missing date", "mediate", "2026-09-30", "", "", "regs 34, 39", "needs mediation.date"},
		{"no choice", "", "2026-09-30", "", "", "regs 34, 39", "needs mediation.choice"},
		{"no choice but a mediation date: held", "", "", "2026-10-27", "2026-10-30", "regs 34, 39", "reg 39"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(Inputs{Decision: d("2026-09-14"), Sections: []string{"B"}, Choice: tt.choice,
				AdviserContacted: d(tt.told), MediationDate: d(tt.mediated)}, nil).CertificateDue
			if ymd0(got.Date) != tt.want || !strings.Contains(got.Basis, tt.basis) || !strings.Contains(got.Why, tt.why) {
				t.Errorf("got %s %q %q; want %s %q mentioning %q", ymd0(got.Date), got.Basis, got.Why, tt.want, tt.basis, tt.why)
			}
		})
	}
	got := Compute(Inputs{Choice: "maybe", AdviserContacted: d("2026-09-30")}, nil)
	if !got.CertificateDue.Date.IsZero() || len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], `"maybe"`) {
		t.Errorf("unknown choice: %+v", got)
	}
}

func ymd0(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ymd(t)
}

func TestMediationDue(t *testing.T) {
	got := Compute(Inputs{Choice: "mediate", LAInformed: d("2027-03-10")}, nil).MediationDue
	if ymd(got.Date) != "2027-04-09" || got.Basis != "SEND Regs 2014 regs 35-37" || !strings.Contains(got.Why, "arrange") {
		t.Errorf("got %s %q %q", ymd(got.Date), got.Basis, got.Why)
	}
	// Calendar days: no working-day adjustment even onto a Sunday.
	if got := Compute(Inputs{LAInformed: d("2026-10-01")}, nil).MediationDue; ymd(got.Date) != "2026-10-31" {
		t.Errorf("got %s", ymd(got.Date))
	}
	if got := Compute(Inputs{Choice: "decline", LAInformed: d("2027-03-10")}, nil).MediationDue; !got.Date.IsZero() || !strings.Contains(got.Why, "declined") {
		t.Errorf("declined: %+v", got)
	}
}

func TestAdviserContactBy(t *testing.T) {
	tests := []struct{ D, want string }{
		{"2025-12-31", "2026-02-28"}, // a Saturday: not moved (reg 33 is not a Tribunal act)
		{"2026-06-15", "2026-08-15"}, // in August: not moved
		{"2025-10-27", "2025-12-27"}, // in the Christmas window: not moved
		{"2026-09-14", "2026-11-14"},
	}
	for _, tt := range tests {
		got := Compute(Inputs{Decision: d(tt.D), Sections: []string{"F"}}, nil).AdviserContactBy
		if ymd(got.Date) != tt.want || got.Basis != "SEND Regs 2014 reg 33" || !strings.Contains(got.Why, "not moved") {
			t.Errorf("D %s: %s %q %q, want %s", tt.D, ymd(got.Date), got.Basis, got.Why, tt.want)
		}
	}
	if got := Compute(Inputs{Decision: d("2025-12-31")}, nil).AdviserContactBy; !strings.Contains(got.Why, "last day of the month") {
		t.Errorf("clamp not explained: %q", got.Why)
	}
}

func TestPhaseTransferBy(t *testing.T) {
	tests := []struct {
		to, date, want, why string
		warn                bool
	}{
		{"secondary", "2027-09-01", "2027-02-15", "before 15 February 2027, so 14 February is the last day", false},
		{"school", "2027-09-01", "2027-02-15", "reg 18(1)(b)", false},
		{"junior", "2028-09-04", "2028-02-15", "reg 18(1)(b)", false},
		{"middle", "2027-09-01", "2027-02-15", "reg 18(1)(b)", false},
		{"post-16", "2027-09-01", "2027-03-31", "before 31 March 2027, so 30 March is the last day", false},
		{"post-16-move", "2027-09-01", "2027-04-01", "reg 18(2)", false},
		{"post-16-move", "2027-07-31", "2027-02-28", "last day of the month", false},
		{"post-16-move", "2028-07-31", "2028-02-29", "itself the last day", false},
		{"", "", "", "no phase transfer recorded", false},
		{"secondary", "", "", "needs child.transfer.date", false},
		{"university", "2027-09-01", "", "unknown child.transfer.to", true},
	}
	for _, tt := range tests {
		got := Compute(Inputs{TransferTo: tt.to, TransferDate: d(tt.date)}, nil)
		p := got.PhaseTransferBy
		if ymd0(p.Date) != tt.want || !strings.Contains(p.Why, tt.why) || p.Basis != "SEND Regs 2014 reg 18" || (len(got.Warnings) > 0) != tt.warn {
			t.Errorf("%s %s: %s %q %q warnings %v; want %s mentioning %q", tt.to, tt.date, ymd0(p.Date), p.Basis, p.Why, got.Warnings, tt.want, tt.why)
		}
	}
}

func TestMissingInputs(t *testing.T) {
	got := Compute(Inputs{}, nil)
	want := map[string]string{
		KeyAdviserContactBy: "needs decision.date",
		KeyCertificateDue:   "needs mediation.choice",
		KeyMediationDue:     "needs mediation.la_informed",
		KeyAppealDeadline:   "needs decision.date",
		KeyPhaseTransferBy:  "no phase transfer recorded",
	}
	all := got.All()
	if len(all) != 5 {
		t.Fatalf("All() has %d dates", len(all))
	}
	for _, x := range all {
		if !x.Date.IsZero() || !strings.Contains(x.Why, want[x.Key]) || x.Label == "" || x.Basis == "" {
			t.Errorf("%s: %v %q, want zero date and %q", x.Key, x.Date, x.Why, want[x.Key])
		}
	}
	if len(got.Warnings) != 0 {
		t.Errorf("warnings %v", got.Warnings)
	}
}

func TestWarnings(t *testing.T) {
	// A deadline past the table: explicit warning, provisional Why, but still a date.
	got := Compute(Inputs{Decision: d("2028-10-31"), CertificateIssued: d("2028-11-29"), Sections: []string{"B"}}, nil)
	if ymd(got.AppealDeadline.Date) != "2029-01-02" || !strings.Contains(got.AppealDeadline.Why, "PROVISIONAL") {
		t.Errorf("appeal %s (%s)", ymd(got.AppealDeadline.Date), got.AppealDeadline.Why)
	}
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "outside the bank-holiday table (2018-2028)") {
		t.Errorf("warnings %v", got.Warnings)
	}
	got = Compute(Inputs{Decision: d("2029-03-01"), Choice: "decline", AdviserContacted: d("2029-04-01")}, nil)
	if len(got.Warnings) != 2 {
		t.Errorf("want warnings for the appeal deadline and the certificate: %v", got.Warnings)
	}
	// Before the table too.
	if got := Compute(Inputs{Decision: d("2017-06-01")}, nil); len(got.Warnings) != 1 {
		t.Errorf("2017: warnings %v", got.Warnings)
	}
	// Unknown inputs.
	got = Compute(Inputs{DecisionType: "refuse-everything", Sections: []string{"Z"}, AppellantRole: "grandparent",
		Decision: d("2026-05-01")}, nil)
	for _, w := range []string{"refuse-everything", `"Z"`, "grandparent"} {
		found := false
		for _, g := range got.Warnings {
			found = found || strings.Contains(g, w)
		}
		if !found {
			t.Errorf("no warning mentioning %q in %v", w, got.Warnings)
		}
	}
}

func TestConfiguredHolidayMovesDeadline(t *testing.T) {
	cal := DefaultCalendar().With(d("2026-03-30"))
	got := Compute(Inputs{Decision: d("2026-01-30")}, cal).AppealDeadline
	if ymd(got.Date) != "2026-03-31" || !strings.Contains(got.Why, "configured") {
		t.Errorf("got %s (%s)", ymd(got.Date), got.Why)
	}
}

func TestNonUTCInputs(t *testing.T) {
	loc := time.FixedZone("UTC+10", 10*3600)
	a := Compute(Inputs{Decision: time.Date(2025, 10, 1, 9, 30, 0, 0, loc), CertificateIssued: d("2025-11-29")}, nil)
	b := Compute(Inputs{Decision: d("2025-10-01"), CertificateIssued: d("2025-11-29")}, nil)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("calendar date in another zone changes the result:\n%+v\n%+v", a, b)
	}
	if a.AppealDeadline.Date.Location() != time.UTC {
		t.Error("result not in UTC")
	}
}

func TestAllOrder(t *testing.T) {
	got := Compute(Inputs{DecisionType: "plan-contents", Decision: d("2026-09-14"), Sections: []string{"B", "F"},
		AdviserContacted: d("2026-09-30"), Choice: "mediate", LAInformed: d("2026-10-01"), MediationDate: d("2026-10-27"),
		CertificateIssued: d("2026-10-29"), TransferTo: "secondary", TransferDate: d("2027-09-01")}, nil)
	var keys []string
	for _, x := range got.All() {
		keys = append(keys, x.Key+"="+ymd(x.Date))
	}
	// Chronological order.
	wantOrder := []string{"certificate_due=2026-10-30", "mediation_due=2026-10-31", "adviser_contact_by=2026-11-14", "appeal_deadline=2026-11-30", "phase_transfer_by=2027-02-15"}
	if strings.Join(keys, " ") != strings.Join(wantOrder, " ") {
		t.Errorf("All() = %v\nwant %v", keys, wantOrder)
	}
	// Missing dates last, in process order.
	got = Compute(Inputs{TransferTo: "secondary", TransferDate: d("2027-09-01")}, nil)
	keys = nil
	for _, x := range got.All() {
		keys = append(keys, x.Key)
	}
	if strings.Join(keys, ",") != "phase_transfer_by,adviser_contact_by,mediation_due,certificate_due,appeal_deadline" {
		t.Errorf("All() = %v", keys)
	}
}

// TestDefaultDue: the last reg 44 step of each kind, from the date of the agreement
// (SEND Regs 2014 reg 42(2), (3), reg 44(2); legal-review.md E5).
func TestDefaultDue(t *testing.T) {
	agreed := d("2027-05-06")
	tests := []struct {
		kind        ActionKind
		want, basis string
	}{
		{ActionAssess, "2027-08-12", "14 weeks to send the final EHC plan"},
		{ActionPlan, "2027-07-22", "11 weeks to send the final EHC plan"},
		{ActionAmend, "2027-06-10", "reg 44(2)(e): 5 weeks"},
		{ActionSchool, "2027-05-20", "reg 44(2)(f)"},
		{ActionContinue, "2027-05-06", "reg 44(2)(a): immediately"},
		{ActionOther, "2027-05-20", "reg 42(3)"},
	}
	for _, tt := range tests {
		due, basis := DefaultDue(agreed, tt.kind)
		if ymd(due) != tt.want || !strings.Contains(basis, tt.basis) {
			t.Errorf("%v: %s %q, want %s %q", tt.kind, ymd(due), basis, tt.want, tt.basis)
		}
	}
	if due, basis := DefaultDue(time.Time{}, ActionPlan); !due.IsZero() || basis == "" {
		t.Errorf("zero agreed: %v %q", due, basis)
	}
	var zero ActionKind
	if zero != ActionOther {
		t.Error("the zero ActionKind should be ActionOther")
	}
}

func TestClassifyAction(t *testing.T) {
	tests := []struct {
		text       string
		planExists bool
		want       ActionKind
	}{
		{"The LA will carry out an EHC needs assessment", false, ActionAssess},
		{"LA to re-assess by 1 June", true, ActionAssess},
		{"The LA agrees to a reassessment", true, ActionAssess},
		{"The LA will issue an amended EHC plan", true, ActionAmend},
		{"Amend Section F to read: 30 minutes of SALT weekly", true, ActionAmend},
		{"The LA will issue the final plan", true, ActionAmend},
		{"The LA will issue an EHC plan", false, ActionPlan},
		{"Issue a draft EHC plan", false, ActionPlan},
		{"Update the EHCP with the OT report", true, ActionAmend},
		{"Section B will describe the sensory needs", true, ActionAmend},
		{"The LA will name Oakfield School in Section I", true, ActionSchool},
		{"Amend Sections F and I", true, ActionSchool},
		{"The LA will consult and name the college", true, ActionSchool},
		{"The ICB will amend Section G to include physiotherapy", true, ActionOther},
		{"Sections C, D and H2 to be updated by social care", true, ActionOther},
		{"Amend Sections F and G", true, ActionAmend},
		{"Section F and a new OT report", true, ActionAmend},
		{"The LA will continue to maintain the EHC plan", true, ActionContinue},
		{"The LA withdraws its decision to cease to maintain the plan", true, ActionContinue},
		{"The LA will pay travel expenses", true, ActionOther},
		{"School to arrange a meeting with the family", true, ActionOther},
		{"", true, ActionOther},
	}
	for _, tt := range tests {
		if got := ClassifyAction(tt.text, tt.planExists); got != tt.want {
			t.Errorf("ClassifyAction(%q, %v) = %v, want %v", tt.text, tt.planExists, got, tt.want)
		}
	}
}

func TestClassifyOwner(t *testing.T) {
	tests := []struct {
		who, org string
		want     Owner
	}{
		{"Jo Smith, SEN Team Manager", "Westminster City Council", OwnerLA},
		{"Kent County Council", "", OwnerLA},
		{"Westminster City Council and St Saviour's School", "", OwnerLA},
		{"Nadia Young", "Kent County Council", OwnerLA},
		{"Lee Park, Designated Clinical Officer", "Northamptonshire Integrated Care Board", OwnerHealth},
		{"Mark Ellis, SENCo", "St Saviour's Primary School", OwnerSchool},
		{"Mark Ellis, SENCo", "", OwnerSchool},
		{"Head teacher, Test School", "", OwnerSchool},
		{"Sam", "", OwnerUnknown},
		{"", "", OwnerUnknown},
	}
	for _, tt := range tests {
		if got := ClassifyOwner(tt.who, tt.org, "Westminster City Council"); got != tt.want {
			t.Errorf("ClassifyOwner(%q, %q) = %v, want %v", tt.who, tt.org, got, tt.want)
		}
	}
}

func ExampleCompute() {
	dates := Compute(Inputs{
		Case:              "WCC-2026-0412",
		DecisionType:      "plan-contents",
		Decision:          time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC),
		Sections:          []string{"B", "F"},
		CertificateIssued: time.Date(2025, 11, 29, 0, 0, 0, 0, time.UTC),
	}, nil)
	a := dates.AppealDeadline
	fmt.Println(a.Date.Format("Mon 2 Jan 2006"), "|", a.Basis)
	fmt.Println(a.Why)
	// Output:
	// Fri 2 Jan 2026 | HESC Rules 2008 r.20(1)(c), r.12
	// raw 2025-12-29 is in the Christmas window (25 Dec-1 Jan): r.12(3)(a), first working day after 1 January; C 2025-11-29 + 1 calendar month = 2025-12-29 (later than D 2025-10-01 + 2 calendar months = 2025-12-01); the notice must be received by 5pm
}

var benchInputs = Inputs{Case: "WCC-2026-0412", DecisionType: "plan-contents", Decision: d("2026-09-14"),
	Sections: []string{"B", "F"}, AdviserContacted: d("2026-09-30"), Choice: "mediate", LAInformed: d("2026-10-01"),
	MediationDate: d("2026-12-23"), CertificateIssued: d("2026-11-29"), TransferTo: "secondary", TransferDate: d("2027-09-01")}

func BenchmarkCompute(b *testing.B) {
	cal := DefaultCalendar()
	for b.Loop() {
		Compute(benchInputs, cal)
	}
}

func BenchmarkComputeOutsideTable(b *testing.B) {
	in := benchInputs
	in.Decision, in.MediationDate, in.CertificateIssued = d("2030-06-14"), d("2030-12-23"), d("2030-11-29")
	cal := DefaultCalendar()
	for b.Loop() {
		Compute(in, cal)
	}
}

func BenchmarkComputeParallel(b *testing.B) {
	cal := DefaultCalendar()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			Compute(benchInputs, cal)
		}
	})
}

// BenchmarkComputeWithActions: the timetable of a case with an agreement of four actions (an
// assessment in three steps, a new plan in two, a school's action, an LA task).
func BenchmarkComputeWithActions(b *testing.B) {
	in := benchInputs
	in.DecisionType, in.LocalAuthority = "refuse-assessment", "Westminster City Council"
	in.Actions = []AgreedAction{
		{Text: "Carry out an EHC needs assessment", Who: "Jo Smith, SEN Team Manager", WhoOrganisation: "Westminster City Council"},
		{Text: "Issue an EHC plan", Who: "Jo Smith, SEN Team Manager"},
		{Text: "Share the timetable with the family", Who: "Mark Ellis, SENCo", WhoOrganisation: "St Saviour's Primary School"},
		{Text: "Send the minutes to the family", Who: "Jo Smith"},
	}
	cal := DefaultCalendar()
	for b.Loop() {
		Compute(in, cal)
	}
}
