package timeline

import (
	"strings"
	"testing"
	"time"
)

// These tests are named after what the law says. Each cites its source; the review that found
// the error each one guards against is shared/reference/legal-review.md (E-numbers).

// CFA 2014 s.51(2)(f), s.55(3); SEND Regs 2014 reg 32(b) ("before any appeal can be made"): a
// decision to cease a plan is never an appeal only about Section I, so the s.55 exception never
// applies, even with sections: [I] (legal-review.md E1, probe cease-I.md).
func TestCeasePlanAppealAlwaysNeedsCertificate(t *testing.T) {
	got := Compute(Inputs{DecisionType: "cease-plan", Decision: d("2026-10-01"), Sections: []string{"I"}}, nil)
	if !got.CertificateRequired || !got.AppealAvailable {
		t.Fatalf("cease-plan [I]: required %v, appeal %v (%s)", got.CertificateRequired, got.AppealAvailable, got.CertificateRequiredWhy)
	}
	if !strings.Contains(got.CertificateRequiredWhy, "always needs a mediation certificate") ||
		!strings.Contains(got.CertificateRequiredWhy, "s.51(2)(f)") {
		t.Errorf("why: %q", got.CertificateRequiredWhy)
	}
	if strings.Contains(got.AdviserContactBy.Why, "optional") {
		t.Errorf("reg 33 contact is not optional when a certificate is needed: %q", got.AdviserContactBy.Why)
	}
	if !strings.Contains(got.AppealDeadline.Why, "no certificate issued yet") {
		t.Errorf("the deadline should be provisional until the certificate: %q", got.AppealDeadline.Why)
	}
}

// CFA 2014 s.51(2)(a), (b), s.55(3): refusals to assess or to issue a plan always need a
// certificate (legal-review.md E1, probe assess-I.md).
func TestRefusalToAssessOrIssueAlwaysNeedsCertificate(t *testing.T) {
	for _, typ := range []string{"refuse-assessment", "refuse-plan"} {
		for _, secs := range [][]string{{"I"}, {"G"}, nil} {
			got := Compute(Inputs{DecisionType: typ, Decision: d("2026-10-01"), Sections: secs}, nil)
			if !got.CertificateRequired || !got.AppealAvailable || got.AppealDeadline.Date.IsZero() {
				t.Errorf("%s %v: required %v, appeal %v (%s)", typ, secs, got.CertificateRequired, got.AppealAvailable, got.CertificateRequiredWhy)
			}
		}
	}
}

// CFA 2014 s.51(2)(d): a decision not to secure a re-assessment is appealable and needs a
// certificate (legal-review.md E20).
func TestRefuseReassessmentIsAppealableAndNeedsCertificate(t *testing.T) {
	got := Compute(Inputs{DecisionType: "refuse-reassessment", Decision: d("2026-06-15"), Sections: []string{"I"},
		CertificateIssued: d("2026-07-20")}, nil)
	if len(got.Warnings) != 0 {
		t.Errorf("refuse-reassessment is not a known decision type: %v", got.Warnings)
	}
	if !got.CertificateRequired || !strings.Contains(got.CertificateRequiredWhy, "s.51(2)(d)") {
		t.Errorf("required %v: %q", got.CertificateRequired, got.CertificateRequiredWhy)
	}
	if ymd(got.AppealDeadline.Date) != "2026-09-01" { // C + 1 month = 20 Aug: August, r.12(3)(a)
		t.Errorf("appeal %s (%s)", ymd0(got.AppealDeadline.Date), got.AppealDeadline.Why)
	}
	if !got.PlanExists {
		t.Error("a re-assessment is of a child with a plan")
	}
}

// CFA 2014 s.51(2)(c)(iii), (iv) and the exception to s.55(3): only an appeal about the contents
// of the plan that is only about the school or institution named, its type, or that none is
// named needs no certificate. A refusal to amend limited to Section I is treated as needing one
// (legal-review.md E1, E19).
func TestSectionIExceptionOnlyForPlanContentsAboutSectionIAlone(t *testing.T) {
	got := Compute(Inputs{DecisionType: "plan-contents", Decision: d("2025-12-31"), Sections: []string{"I"}}, nil)
	if got.CertificateRequired || !got.AppealAvailable {
		t.Errorf("plan-contents [I]: required %v appeal %v", got.CertificateRequired, got.AppealAvailable)
	}
	if !strings.Contains(got.CertificateRequiredWhy, "that none is named") {
		t.Errorf("the exception covers 'no school named' too: %q", got.CertificateRequiredWhy)
	}
	if ymd(got.AppealDeadline.Date) != "2026-03-02" {
		t.Errorf("appeal %s", ymd(got.AppealDeadline.Date))
	}
	if got := Compute(Inputs{DecisionType: "refuse-amendment", Decision: d("2025-12-31"), Sections: []string{"I"}}, nil); !got.CertificateRequired {
		t.Error("refuse-amendment [I] must be treated as needing a certificate")
	}
}

// CFA 2014 s.51(2): an appeal lies on needs, provision and placement, not on health or social
// care sections alone; the Tribunal can only make non-binding health and social care
// recommendations inside an appeal on B, F or I (legal-review.md E2, probe health-G.md).
func TestNoAppealOnHealthOrSocialCareSectionsAlone(t *testing.T) {
	for _, secs := range [][]string{{"G"}, {"C", "G"}, {"D", "H1"}, {"H2"}} {
		got := Compute(Inputs{Case: "H-1", DecisionType: "plan-contents", Decision: d("2026-09-14"), Sections: secs,
			CertificateIssued: d("2026-10-20"), Choice: "mediate", LAInformed: d("2026-09-20"), MediationDate: d("2026-10-15")}, nil)
		if got.AppealAvailable || got.CertificateRequired {
			t.Errorf("%v: appeal %v required %v", secs, got.AppealAvailable, got.CertificateRequired)
		}
		if !got.AppealDeadline.Date.IsZero() {
			t.Errorf("%v: an appeal deadline %s for a case with no appeal", secs, ymd(got.AppealDeadline.Date))
		}
		why := got.AppealDeadline.Why
		for _, w := range []string{"no appeal lies", "s.51(2)", "Section B, F or I", "recommendations"} {
			if !strings.Contains(why, w) {
				t.Errorf("%v: the reason should mention %q: %q", secs, w, why)
			}
		}
		for _, x := range got.All() {
			if x.Key == KeyAppealDeadline && !x.Date.IsZero() {
				t.Errorf("%v: All() has an appeal date", secs)
			}
		}
	}
	// Health with an education section is appealable on the education part.
	if got := Compute(Inputs{DecisionType: "plan-contents", Decision: d("2026-09-14"), Sections: []string{"F", "G"}}, nil); !got.AppealAvailable || !got.CertificateRequired {
		t.Errorf("[F, G]: appeal %v required %v", got.AppealAvailable, got.CertificateRequired)
	}
}

// SEND Regs 2014 regs 34-37, 39 (secondary sources: IPSEA "The mediation process", Surrey
// SENDIAS, IASManchester): a local authority that cannot arrange mediation within 30 days must
// tell the mediation adviser, who must issue a certificate within 3 working days of being told.
// The review's CWC example: told 17 Nov 2026, 30 days to 17 Dec, certificate by Tue 22 Dec,
// appeal deadline Fri 22 Jan 2027 (legal-review.md E3 and section 2).
func TestCertificateDueThreeWorkingDaysAfterMediationNotArrangedInThirtyDays(t *testing.T) {
	in := Inputs{Case: "CWC-2026-0291", DecisionType: "refuse-plan", Decision: d("2026-11-02"), Sections: []string{"F"},
		AdviserContacted: d("2026-11-16"), Choice: "mediate", LAInformed: d("2026-11-17")}
	got := Compute(in, nil)
	if ymd(got.MediationDue.Date) != "2026-12-17" {
		t.Fatalf("mediation due %s", ymd0(got.MediationDue.Date))
	}
	ifNot := got.CertificateIfNotArranged
	if ymd0(ifNot.Date) != "2026-12-22" || ifNot.Key != KeyCertificateIfNotArranged ||
		!strings.Contains(ifNot.Why, "appeal deadline would then be 5pm on Friday 22 January 2027") {
		t.Errorf("certificate if not arranged: %s %q", ymd0(ifNot.Date), ifNot.Why)
	}
	if !got.CertificateDue.Date.IsZero() || !strings.Contains(got.CertificateDue.Why, KeyCertificateIfNotArranged) {
		t.Errorf("certificate due before any mediation: %s %q", ymd0(got.CertificateDue.Date), got.CertificateDue.Why)
	}
	var keys []string
	for _, x := range got.All() {
		keys = append(keys, x.Key)
	}
	if !strings.Contains(strings.Join(keys, ","), KeyCertificateIfNotArranged) {
		t.Errorf("All() should list the date while mediation is awaited: %v", keys)
	}

	// The certificate is issued: it certifies that mediation could not be arranged, never that
	// the family declined, and is due by the same date.
	in.CertificateIssued = d("2026-12-21")
	got = Compute(in, nil)
	if got.CertificateKind != CertificateNotArranged {
		t.Errorf("kind %v, want not-arranged", got.CertificateKind)
	}
	if ymd0(got.CertificateDue.Date) != "2026-12-22" || got.CertificateDue.Basis != BasisNotArranged ||
		!strings.Contains(got.CertificateDue.Why, "cannot arrange mediation within 30 days") {
		t.Errorf("certificate due %s %q %q", ymd0(got.CertificateDue.Date), got.CertificateDue.Basis, got.CertificateDue.Why)
	}
	if !got.CertificateIfNotArranged.Date.IsZero() {
		t.Error("once issued, the what-if date is not shown")
	}
	if ymd(got.AppealDeadline.Date) != "2027-01-21" {
		t.Errorf("appeal %s", ymd(got.AppealDeadline.Date))
	}
}

// What a certificate certifies follows from the case: CFA 2014 s.55(4) (declined), s.55(5)
// (after mediation), or mediation not arranged (legal-review.md E3).
func TestCertificateKindFollowsWhatHappened(t *testing.T) {
	tests := []struct {
		name string
		in   Inputs
		want CertificateKind
	}{
		{"none issued", Inputs{Choice: "mediate"}, CertificateNone},
		{"declined", Inputs{Choice: "decline", CertificateIssued: d("2026-11-04")}, CertificateDeclined},
		{"after mediation", Inputs{Choice: "mediate", MediationDate: d("2026-11-03"), CertificateIssued: d("2026-11-05")}, CertificateAfterMediation},
		{"issues resolved recorded, date missing", Inputs{Choice: "mediate", IssuesResolved: "none", CertificateIssued: d("2026-11-05")}, CertificateAfterMediation},
		{"mediate, never held", Inputs{Choice: "mediate", LAInformed: d("2026-10-01"), CertificateIssued: d("2026-11-05")}, CertificateNotArranged},
		{"LA told, no choice recorded", Inputs{LAInformed: d("2026-10-01"), CertificateIssued: d("2026-11-05")}, CertificateNotArranged},
		{"nothing recorded", Inputs{CertificateIssued: d("2026-11-05")}, CertificateUnknown},
	}
	for _, tt := range tests {
		if got := Compute(tt.in, nil).CertificateKind; got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// SEND Regs 2014 reg 33: contact the mediation adviser within 2 months after the notice was
// sent; HESC r.12 does not move it. When the date is not a working day, the last working day
// before it is when the step can be taken in practice: CWC, Sat 2 Jan 2027 → Thu 31 Dec 2026
// (legal-review.md E4).
func TestAdviserContactDateNotMovedButLastWorkingDayNamed(t *testing.T) {
	tests := []struct{ D, want, last string }{
		{"2026-11-02", "2027-01-02", "2026-12-31"}, // Sat; 1 Jan holiday
		{"2026-06-15", "2026-08-15", "2026-08-14"}, // Sat in August: not moved like the appeal
		{"2026-09-14", "2026-11-14", "2026-11-13"},
		{"2026-10-01", "2026-12-01", ""}, // a Tuesday: a working day
	}
	for _, tt := range tests {
		got := Compute(Inputs{DecisionType: "plan-contents", Decision: d(tt.D), Sections: []string{"F"}}, nil).AdviserContactBy
		if ymd(got.Date) != tt.want || ymd0(got.LastWorkingDay) != tt.last {
			t.Errorf("D %s: %s (last working day %s), want %s (%s)", tt.D, ymd(got.Date), ymd0(got.LastWorkingDay), tt.want, tt.last)
		}
		if tt.last != "" && !strings.Contains(got.Why, "in practice the last working day is") {
			t.Errorf("D %s: %q", tt.D, got.Why)
		}
	}
	// Reg 33 binds only a family that must obtain a certificate.
	if got := Compute(Inputs{DecisionType: "plan-contents", Decision: d("2026-11-02"), Sections: []string{"G"}}, nil).AdviserContactBy; !strings.Contains(got.Why, "reg 33 does not bind") {
		t.Errorf("health-only: %q", got.Why)
	}
}

// SEND Regs 2014 reg 42(2) with reg 44(2)(b): an order to assess is complied with in two
// steps: within 2 weeks notify that the assessment will be made; then within 10 weeks notify
// that no plan is needed, or within 14 weeks send the final plan (legal-review.md E5).
func TestAgreementToAssessHasNoticeAndOutcomeSteps(t *testing.T) {
	due := ActionDefault(d("2026-10-27"), AgreedAction{Text: "Carry out an EHC needs assessment", Who: "Jo Smith, SEN Officer"},
		ActionContext{Appealable: true, PlanExists: false})
	if due.Kind != ActionAssess || !due.Bound || len(due.Steps) != 3 {
		t.Fatalf("%+v", due)
	}
	want := []string{"2026-11-10", "2027-01-05", "2027-02-02"}
	for i, st := range due.Steps {
		if ymd(st.Due) != want[i] || !strings.Contains(st.Basis, "reg 44(2)(b)") {
			t.Errorf("step %d: %s %q, want %s", i+1, ymd(st.Due), st.Basis, want[i])
		}
	}
	if ymd(due.Due) != "2027-02-02" || due.Period != "14 weeks" {
		t.Errorf("an action to carry out the assessment is due at its outcome: %s %s", ymd(due.Due), due.Period)
	}
	notify := ActionDefault(d("2026-10-27"), AgreedAction{Text: "Confirm in writing that the LA will assess", Who: "Jo Smith"},
		ActionContext{Appealable: true})
	if ymd(notify.Due) != "2026-11-10" || notify.Period != "2 weeks" {
		t.Errorf("notice step: %s %s", ymd(notify.Due), notify.Period)
	}
}

// SEND Regs 2014 reg 42(2) with reg 44(2)(c): to make and maintain a plan, a draft within
// 5 weeks and the final plan within 11 weeks (legal-review.md E5).
func TestAgreementToIssuePlanHasDraftAndFinalSteps(t *testing.T) {
	due := ActionDefault(d("2026-10-27"), AgreedAction{Text: "Issue an EHC plan", Who: "Jo Smith, SEN Officer"},
		ActionContext{Appealable: true, PlanExists: false})
	if due.Kind != ActionPlan || len(due.Steps) != 2 {
		t.Fatalf("%+v", due)
	}
	if ymd(due.Steps[0].Due) != "2026-12-01" || ymd(due.Steps[1].Due) != "2027-01-12" || ymd(due.Due) != "2027-01-12" {
		t.Errorf("draft %s final %s due %s", ymd(due.Steps[0].Due), ymd(due.Steps[1].Due), ymd(due.Due))
	}
	if draft := ActionDefault(d("2026-10-27"), AgreedAction{Text: "Issue a draft EHC plan"}, ActionContext{Appealable: true}); ymd(draft.Due) != "2026-12-01" {
		t.Errorf("draft: %s", ymd(draft.Due))
	}
}

// SEND Regs 2014 reg 44(2)(e), (f), (a) via reg 42(2): amend a plan 5 weeks, change the school
// named 2 weeks, continue to maintain immediately; anything else the LA or the health body
// agreed with no right of appeal: 2 weeks (reg 42(3)) (legal-review.md E5).
func TestAgreementPeriodsForAmendSchoolContinueAndOther(t *testing.T) {
	ctx := ActionContext{Appealable: true, PlanExists: true, LocalAuthority: "Test Council"}
	tests := []struct {
		text, want, basis string
	}{
		{"Amend Section F of the EHC plan", "2026-12-01", "reg 44(2)(e)"},
		{"Name Oakfield School in Section I", "2026-11-10", "reg 44(2)(f)"},
		{"Continue to maintain the EHC plan", "2026-10-27", "reg 44(2)(a): immediately"},
		{"Send the minutes to the family", "2026-11-10", "reg 42(3)"},
	}
	for _, tt := range tests {
		due := ActionDefault(d("2026-10-27"), AgreedAction{Text: tt.text, Who: "Jo Smith", WhoOrganisation: "Test Council"}, ctx)
		if ymd(due.Due) != tt.want || !strings.Contains(due.Basis, tt.basis) || len(due.Steps) != 1 {
			t.Errorf("%s: %s %q, want %s %q", tt.text, ymd(due.Due), due.Basis, tt.want, tt.basis)
		}
	}
}

// SEND Regs 2014 reg 42(3): the limits bind "the local authority or responsible commissioning
// body"; a school is bound by neither reg 42 nor reg 44 (legal-review.md E10).
func TestSchoolOwnedActionHasNoStatutoryDefault(t *testing.T) {
	for _, who := range []AgreedAction{
		{Text: "Share the precision teaching timetable", Who: "Mark Ellis, SENCo", WhoOrganisation: "St Saviour's Primary School"},
		{Text: "Arrange a meeting with the family", Who: "Head teacher, Test School"},
	} {
		due := ActionDefault(d("2026-10-27"), who, ActionContext{Appealable: true, PlanExists: true})
		if due.Bound || !due.Due.IsZero() || len(due.Steps) != 0 || !strings.Contains(due.Basis, "no statutory default") {
			t.Errorf("%s: %+v", who.Who, due)
		}
	}
	// Shared with the local authority: the authority is still bound.
	due := ActionDefault(d("2026-10-27"), AgreedAction{Text: "Share the timetable", Who: "Test Council and the school"},
		ActionContext{Appealable: true, PlanExists: true, LocalAuthority: "Test Council"})
	if !due.Bound || ymd(due.Due) != "2026-11-10" {
		t.Errorf("shared: %+v", due)
	}
}

// SEND Regs 2014 reg 42(2): needing no certificate (Section I alone) is not the same as having
// no right of appeal. Provision agreed in a Section I-only dispute is an appealable matter, not
// "a matter with no right of appeal" (legal-review.md E10).
func TestProvisionAgreedInSectionIOnlyDisputeIsAppealable(t *testing.T) {
	got := Compute(Inputs{DecisionType: "plan-contents", Decision: d("2026-09-14"), Sections: []string{"I"},
		Choice: "mediate", MediationDate: d("2026-10-27"), LocalAuthority: "Test Council",
		Actions: []AgreedAction{{Text: "Weekly 1-hour mentoring with a learning mentor", Who: "Jo Smith, SEN Officer", Provision: true}}}, nil)
	a := got.Actions[0]
	if a.Kind != ActionAmend || strings.Contains(a.Basis, "no right of appeal") || ymd(a.Due) != "2026-12-01" {
		t.Errorf("%+v", a)
	}
	// Where no appeal lies (health alone), the 2-week reg 42(3) period is right.
	got = Compute(Inputs{DecisionType: "plan-contents", Decision: d("2026-09-14"), Sections: []string{"G"},
		Choice: "mediate", MediationDate: d("2026-10-27"),
		Actions: []AgreedAction{{Text: "Weekly 1-hour physiotherapy with a physiotherapist", Who: "Lee Park, DCO", Provision: true}}}, nil)
	if a := got.Actions[0]; a.Kind != ActionOther || !strings.Contains(a.Basis, "reg 42(3)") || ymd(a.Due) != "2026-11-10" {
		t.Errorf("health: %+v", a)
	}
}

// SEND Regs 2014 reg 18 is about reviewing and amending a plan that exists before a phase
// transfer; after a refusal to assess or to issue a plan the date is only a practical target
// and is labelled as such (legal-review.md E9, the CWC sample).
func TestPhaseTransferDateIsReg18OnlyWherePlanExists(t *testing.T) {
	plan := Compute(Inputs{DecisionType: "plan-contents", TransferTo: "secondary", TransferDate: d("2027-09-01")}, nil).PhaseTransferBy
	if plan.Basis != BasisPhaseTransfer || strings.Contains(plan.Label, "Practical") {
		t.Errorf("with a plan: %q %q", plan.Label, plan.Basis)
	}
	for _, typ := range []string{"refuse-plan", "refuse-assessment"} {
		p := Compute(Inputs{DecisionType: typ, TransferTo: "secondary", TransferDate: d("2027-09-01")}, nil).PhaseTransferBy
		if ymd(p.Date) != "2027-02-15" || !strings.HasPrefix(p.Label, "Practical target") || p.Basis != BasisPhaseTarget ||
			!strings.Contains(p.Why, "reg 18 does not apply") {
			t.Errorf("%s: %s %q %q %q", typ, ymd0(p.Date), p.Label, p.Basis, p.Why)
		}
	}
}

// CFA 2014 s.83(2): a young person is over compulsory school age; Education Act 1996 s.8(3) and
// the Education (School Leaving Date) Order 1997: compulsory school age ends on the last Friday
// in June of the school year in which the child turns 16, not on the 16th birthday.
func TestCompulsorySchoolAgeEndsLastFridayInJuneOfSchoolYearTurning16(t *testing.T) {
	tests := []struct{ born, want string }{
		{"2009-03-17", "2025-06-27"}, // NCC: 16 in March 2025
		{"2007-06-30", "2023-06-30"}, // LBH: 16 on the leaving date itself
		{"2010-09-01", "2027-06-25"}, // 16 on 1 Sep 2026: the school year ending June 2027
		{"2010-08-31", "2026-06-26"}, // 16 on 31 Aug 2026: that school year ended in June 2026
		{"2010-07-15", "2026-06-26"}, // 16 after the leaving date, before September
		{"2008-02-29", "2024-06-28"}, // a leap-day birthday
		{"2010-12-25", "2027-06-25"},
	}
	for _, tt := range tests {
		if got := ymd0(EndOfCompulsorySchoolAge(d(tt.born))); got != tt.want {
			t.Errorf("born %s: %s, want %s", tt.born, got, tt.want)
		}
		if wd := EndOfCompulsorySchoolAge(d(tt.born)).Weekday(); wd != time.Friday {
			t.Errorf("born %s: a %s", tt.born, wd)
		}
	}
	got := Compute(Inputs{ChildBorn: d("2009-03-17")}, nil).CompulsorySchoolAgeEnds
	if ymd0(got.Date) != "2025-06-27" || !strings.Contains(got.Why, "not from the 16th birthday") {
		t.Errorf("%s %q", ymd0(got.Date), got.Why)
	}
	if !EndOfCompulsorySchoolAge(time.Time{}).IsZero() {
		t.Error("zero birth date")
	}
}

// Dates that cannot be right together each name the field that is wrong and the one it
// contradicts (issue 8, "Dates that cannot be right"): a certificate after mediation issued
// before the mediation; la_informed before adviser_contacted; events before the decision; a
// child born after the decision.
func TestDatesThatContradictEachOther(t *testing.T) {
	tests := []struct {
		name         string
		in           Inputs
		field, other string
	}{
		{"certificate before the mediation it certifies", Inputs{Decision: d("2026-09-14"), Choice: "mediate",
			MediationDate: d("2026-10-27"), CertificateIssued: d("2026-10-20")}, "certificate.issued", "mediation.date"},
		{"LA told before the adviser was contacted", Inputs{Decision: d("2026-09-14"), AdviserContacted: d("2026-09-30"),
			LAInformed: d("2026-09-25")}, "mediation.la_informed", "mediation.adviser_contacted"},
		{"adviser contacted before the decision", Inputs{Decision: d("2026-09-14"), AdviserContacted: d("2026-09-10")},
			"mediation.adviser_contacted", "decision.date"},
		{"certificate before the decision", Inputs{Decision: d("2026-09-10"), CertificateIssued: d("2026-09-01")},
			"certificate.issued", "decision.date"},
		{"mediation before the LA was told", Inputs{Decision: d("2026-05-01"), LAInformed: d("2026-05-10"), MediationDate: d("2026-05-09")},
			"mediation.date", "mediation.la_informed"},
		{"statement before the decision", Inputs{Decision: d("2026-09-14"), StatementDate: d("2026-09-01")},
			"position_statement.date", "decision.date"},
		{"child born after the decision", Inputs{Decision: d("2026-09-14"), ChildBorn: d("2027-01-01")},
			"child.date_of_birth", "decision.date"},
		{"declined certificate before the contact", Inputs{Decision: d("2026-09-14"), Choice: "decline",
			AdviserContacted: d("2026-10-01"), CertificateIssued: d("2026-09-30")}, "certificate.issued", "mediation.adviser_contacted"},
	}
	for _, tt := range tests {
		got := Compute(tt.in, nil).Conflicts
		found := false
		for _, c := range got {
			found = found || (c.Field == tt.field && c.Other == tt.other && strings.Contains(c.Message, tt.other))
		}
		if !found {
			t.Errorf("%s: %+v", tt.name, got)
		}
	}
	ok := Compute(Inputs{DecisionType: "plan-contents", Decision: d("2026-09-14"), Sections: []string{"B", "F"}, ChildBorn: d("2016-05-09"),
		AdviserContacted: d("2026-09-30"), Choice: "mediate", LAInformed: d("2026-10-01"), MediationDate: d("2026-10-27"),
		CertificateIssued: d("2026-10-29"), StatementDate: d("2026-10-20")}, nil)
	if len(ok.Conflicts) != 0 {
		t.Errorf("consistent dates: %+v", ok.Conflicts)
	}
}

// FuzzCompute: whatever the dates, Compute does not panic and keeps the law's invariants: no
// appeal deadline where no appeal lies; a certificate is never needed where none applies; the
// what-if certificate only while mediation is awaited; an action's steps in date order, and a
// school's action with none.
func FuzzCompute(f *testing.F) {
	f.Add("plan-contents", "B,F", int64(20260914), int64(20261001), int64(20261027), int64(20261029), "mediate", "", "Jo Smith, SEN Officer", "Carry out an assessment")
	f.Add("cease-plan", "I", int64(20261001), int64(0), int64(0), int64(0), "", "", "SENCo", "Issue a draft plan")
	f.Add("plan-contents", "G", int64(20260914), int64(20260920), int64(0), int64(0), "mediate", "none", "ICB", "Continue to maintain the plan")
	f.Add("refuse-reassessment", "", int64(20281231), int64(20290101), int64(0), int64(20290301), "decline", "", "", "")
	f.Fuzz(func(t *testing.T, typ, secs string, dec, informed, mediated, issued int64, choice, resolved, who, action string) {
		date := func(n int64) time.Time {
			if n <= 0 || n > 99991231 {
				return time.Time{}
			}
			return time.Date(int(n/10000), time.Month(n/100%100), int(n%100), 0, 0, 0, 0, time.UTC)
		}
		in := Inputs{DecisionType: typ, Sections: strings.Split(secs, ","), Decision: date(dec), LAInformed: date(informed),
			MediationDate: date(mediated), CertificateIssued: date(issued), Choice: choice, IssuesResolved: resolved,
			Actions: []AgreedAction{{Text: action, Who: who}}}
		got := Compute(in, nil)
		if !got.AppealAvailable && (!got.AppealDeadline.Date.IsZero() || got.CertificateRequired) {
			t.Fatalf("no appeal, but deadline %v required %v", got.AppealDeadline.Date, got.CertificateRequired)
		}
		if !got.CertificateIfNotArranged.Date.IsZero() && (!in.MediationDate.IsZero() || !in.CertificateIssued.IsZero()) {
			t.Fatalf("what-if certificate with a mediation or a certificate")
		}
		for _, a := range got.Actions {
			if !a.Bound && len(a.Steps) != 0 {
				t.Fatalf("unbound action with steps: %+v", a)
			}
			for i := 1; i < len(a.Steps); i++ {
				if a.Steps[i].Due.Before(a.Steps[i-1].Due) {
					t.Fatalf("steps out of order: %+v", a.Steps)
				}
			}
		}
	})
}
