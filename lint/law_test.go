package lint

import (
	"strings"
	"testing"
)

// These tests are named after what the law says; each cites its source. The review that found
// what each guards against is shared/reference/legal-review.md (E-numbers).

// caseWith builds a case file from front-matter lines after the parties; body is appended.
func caseWith(front, body string) string {
	return "---\ncase: T-9\nchild:\n  name: Sam\nappellant:\n  name: Alex\n  role: parent\nlocal_authority: Test Council\n" +
		front + "---\n" + body
}

// findingsOf lints src and returns the findings of one rule, with the text each covers.
func findingsOf(t *testing.T, src, today, rule string) []struct {
	f    Finding
	text string
} {
	t.Helper()
	c, fs := lintSource(t, testEngine(t), src, today)
	var out []struct {
		f    Finding
		text string
	}
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, struct {
				f    Finding
				text string
			}{f, string(c.Bytes[f.Span.Start:f.Span.End])})
		}
	}
	return out
}

// SEND Regs 2014 reg 33: a family that must obtain a certificate must contact the mediation
// adviser within 2 months after the decision notice was sent; HESC r.12 does not move it. Warning
// within 14 days, error once past or when the recorded contact is later; the last working day is
// named when the date is not one (legal-review.md E4; statutory-rules.md adviser-contact).
func TestAdviserMustBeContactedWithinTwoMonthsOfTheDecision(t *testing.T) {
	dec := "decision:\n  type: refuse-plan\n  date: 2026-11-02\n  sections: [F]\n" // limit Sat 2 Jan 2027
	tests := []struct {
		name, front, today, sev, text, msg string
	}{
		{"near, no contact", dec, "2026-12-22", "warning", "2026-11-02", "Thursday 31 December 2026"},
		{"far, no contact", dec, "2026-11-10", "", "", ""},
		{"passed, no contact", dec, "2027-01-04", "error", "2026-11-02", "the last day to contact them was Saturday 2 January 2027"},
		{"contacted in time", dec + "mediation:\n  adviser_contacted: 2026-12-31\n", "2027-01-04", "", "", ""},
		{"contacted late", dec + "mediation:\n  adviser_contacted: 2027-01-04\n", "2027-01-05", "error", "2027-01-04", "after Saturday 2 January 2027"},
		// Section I alone needs no certificate, so reg 33 does not bind.
		{"section I only", "decision:\n  type: plan-contents\n  date: 2026-11-02\n  sections: [I]\n", "2027-01-04", "", "", ""},
		// No appeal lies on health alone.
		{"health only", "decision:\n  type: plan-contents\n  date: 2026-11-02\n  sections: [G]\n", "2027-01-04", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findingsOf(t, caseWith(tt.front, ""), tt.today, "adviser-contact")
			if tt.sev == "" {
				if len(got) != 0 {
					t.Errorf("unexpected %v", got[0].f.Message)
				}
				return
			}
			if len(got) != 1 || got[0].f.Severity.String() != tt.sev || !strings.Contains(got[0].f.Message, tt.msg) ||
				!strings.Contains(got[0].text, tt.text) || !strings.Contains(got[0].f.Message, "reg 33") {
				t.Errorf("got %+v", got)
			}
		})
	}
}

// SEND Regs 2014 regs 35-37, 39 (IPSEA, Surrey SENDIAS): if the local authority cannot arrange
// mediation within 30 days it must tell the adviser, who must issue a certificate within
// 3 working days; seed 002: "go straight to appeal" (legal-review.md E3, E7).
func TestMediationNotArrangedInThirtyDaysMeansAskForTheCertificate(t *testing.T) {
	front := "decision:\n  type: refuse-plan\n  date: 2026-11-02\n  sections: [F]\nmediation:\n  adviser_contacted: 2026-11-16\n  choice: mediate\n  la_informed: 2026-11-17\n"
	got := findingsOf(t, caseWith(front, ""), "2026-12-18", "mediation-not-arranged")
	if len(got) != 1 || got[0].text != "2026-11-17" || got[0].f.Severity != Warning {
		t.Fatalf("got %+v", got)
	}
	for _, w := range []string{"Thursday 17 December 2026", "within 3 working days", "Tuesday 22 December 2026"} {
		if !strings.Contains(got[0].f.Message, w) {
			t.Errorf("message should mention %q: %s", w, got[0].f.Message)
		}
	}
	if !strings.Contains(got[0].f.Suggestion, "register the appeal") {
		t.Errorf("suggestion: %s", got[0].f.Suggestion)
	}
	// Not before the 30 days are up, not once mediation is held, not once a certificate is issued.
	for name, src := range map[string]string{
		"within 30 days": caseWith(front, ""),
		"held":           caseWith(strings.Replace(front, "  la_informed: 2026-11-17\n", "  la_informed: 2026-11-17\n  date: 2026-12-20\n", 1), ""),
		"certificate":    caseWith(front+"certificate:\n  issued: 2026-12-21\n", ""),
	} {
		today := "2026-12-28"
		if name == "within 30 days" {
			today = "2026-12-17"
		}
		if got := findingsOf(t, src, today, "mediation-not-arranged"); len(got) != 0 {
			t.Errorf("%s: %v", name, got[0].f.Message)
		}
	}
}

// CFA 2014 s.51(2): no appeal lies on health or social care sections alone. appeal-not-available
// says what the family can do; certificate-not-required and appeal-deadline stay silent
// (legal-review.md E2, probe health-G.md).
func TestNoAppealOnHealthOrSocialCareAloneIsSaidAndNoDeadlineGiven(t *testing.T) {
	src := caseWith("decision:\n  type: plan-contents\n  date: 2026-09-14\n  sections: [G]\n", "")
	_, fs := lintSource(t, testEngine(t), src, "2026-11-10")
	rules := rulesOf(fs)
	if rules["appeal-not-available"] != 1 || rules["certificate-not-required"] != 0 || rules["appeal-deadline"] != 0 {
		t.Fatalf("rules %v", rules)
	}
	for _, f := range fs {
		if f.Rule == "appeal-not-available" && (f.Severity != Info || !strings.Contains(f.Message, "no appeal to the Tribunal lies on Section G alone") ||
			!strings.Contains(f.Suggestion, "recommendations")) {
			t.Errorf("%+v", f)
		}
	}
}

// CFA 2014 s.51(2)(f), s.55(3): an appeal against a decision to cease a plan needs a
// certificate even with sections: [I]. The family is never told no certificate is needed, and
// near the deadline is told to get the certificate, not to send the appeal without one
// (legal-review.md E1, probe cease-I.md).
func TestCeasePlanAppealAboutSectionINeedsCertificateBeforeAppealing(t *testing.T) {
	src := caseWith("decision:\n  type: cease-plan\n  date: 2026-10-01\n  sections: [I]\n", "")
	_, fs := lintSource(t, testEngine(t), src, "2026-11-25")
	if rulesOf(fs)["certificate-not-required"] != 0 {
		t.Fatal("told that no certificate is needed")
	}
	found := false
	for _, f := range fs {
		if f.Rule == "appeal-deadline" {
			found = true
			if f.Severity != Warning || !strings.Contains(f.Suggestion, "needs a mediation certificate") {
				t.Errorf("%+v", f)
			}
		}
	}
	if !found {
		t.Error("no appeal-deadline finding")
	}
	// plan-contents [I] is the exception, and says that "none named" is covered.
	got := findingsOf(t, caseWith("decision:\n  type: plan-contents\n  date: 2026-10-01\n  sections: [I]\n", ""), "2026-11-25", "certificate-not-required")
	if len(got) != 1 || !strings.Contains(got[0].f.Message, "that none is named") {
		t.Errorf("%+v", got)
	}
}

const agreedFront = "decision:\n  type: plan-contents\n  date: 2026-09-14\n  sections: [B, F]\nmediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\n" +
	"  attendees:\n    - name: Jo Smith\n      role: SEN Officer\n      organisation: Test Council\n      authority: true\n    - name: Mark Ellis\n      role: SENCo\n      organisation: St Saviour's Primary School\n"

func actionsBody(rows ...string) string {
	return "\n# Agreed actions\n\n| Action | Who | By |\n| --- | --- | --- |\n" + strings.Join(rows, "\n") + "\n"
}

// SEND Regs 2014 reg 42(5): the limits "do not apply where the parties to the mediation agree
// in writing to a different timescale"; a date written into the signed agreement is that
// agreement, so the family is told what signing it gives up (legal-review.md E11).
func TestSignedLaterDateIsWrittenAgreementThatGivesUpTheStatutoryLimit(t *testing.T) {
	src := caseWith(agreedFront, actionsBody("| Amend Section F of the EHC plan. | Jo Smith, SEN Officer | 2026-12-20 |"))
	got := findingsOf(t, src, "2026-10-28", "action-late")
	if len(got) != 1 {
		t.Fatalf("got %+v", got)
	}
	m := got[0].f.Message
	for _, w := range []string{"2026-12-01", "reg 44(2)(e)", "reg 42(5)", "by signing this the family gives up the statutory 5-week limit"} {
		if !strings.Contains(m, w) {
			t.Errorf("message should say %q: %s", w, m)
		}
	}
	if strings.Contains(got[0].f.Suggestion, "record that the parties agreed") {
		t.Errorf("the signed date is already written agreement: %s", got[0].f.Suggestion)
	}
	// An explicit note records the family's informed choice.
	if got := findingsOf(t, caseWith(agreedFront, actionsBody("| Amend Section F of the EHC plan. | Jo Smith | 2026-12-20 (agreed in writing) |")), "2026-10-28", "action-late"); len(got) != 0 {
		t.Errorf("agreed in writing: %v", got[0].f.Message)
	}
}

// SEND Regs 2014 reg 42(3) binds "the local authority or responsible commissioning body": an
// action a school owns has no statutory default and is never late against one
// (legal-review.md E10).
func TestSchoolOwnedActionIsNeverLateAgainstAStatutoryDefault(t *testing.T) {
	src := caseWith(agreedFront, actionsBody("| Share the precision teaching timetable with the family. | Mark Ellis, SENCo | 2026-12-20 |"))
	if got := findingsOf(t, src, "2026-10-28", "action-late"); len(got) != 0 {
		t.Errorf("school-owned: %v", got[0].f.Message)
	}
	// The same action owned by the LA has the 2-week reg 42(3) limit.
	src = caseWith(agreedFront, actionsBody("| Share the precision teaching timetable with the family. | Jo Smith, SEN Officer | 2026-12-20 |"))
	if got := findingsOf(t, src, "2026-10-28", "action-late"); len(got) != 1 || !strings.Contains(got[0].f.Message, "reg 42(3)") {
		t.Errorf("LA-owned: %+v", got)
	}
}

// SEND Regs 2014 reg 44(2)(b) via reg 42(2): an agreement to assess has its notice due in
// 2 weeks and its outcome in 10 or 14; an action to notify is late after 2 weeks
// (legal-review.md E5).
func TestAgreementToAssessIsTimedByItsNoticeAndOutcome(t *testing.T) {
	front := strings.Replace(agreedFront, "type: plan-contents", "type: refuse-assessment", 1)
	notify := caseWith(front, actionsBody("| Confirm in writing that the council will carry out an EHC needs assessment. | Jo Smith, SEN Officer | 2026-11-20 |"))
	if got := findingsOf(t, notify, "2026-10-28", "action-late"); len(got) != 1 || !strings.Contains(got[0].f.Message, "2026-11-10") ||
		!strings.Contains(got[0].f.Message, "2-week limit") {
		t.Errorf("notice: %+v", got)
	}
	carry := caseWith(front, actionsBody("| Carry out an EHC needs assessment. | Jo Smith, SEN Officer | 2027-01-20 |"))
	if got := findingsOf(t, carry, "2026-10-28", "action-late"); len(got) != 0 {
		t.Errorf("within the 14 weeks: %v", got[0].f.Message)
	}
}

// CFA 2014 s.83(2); Education Act 1996 s.8(3): the rights pass to the young person at the end
// of compulsory school age, the last Friday in June of the school year in which they turn 16,
// not on the 16th birthday (issue 8, "Young people"; probe yp-as-parent.md).
func TestRightsPassAtTheEndOfCompulsorySchoolAgeNotTheSixteenthBirthday(t *testing.T) {
	dec := "decision:\n  type: plan-contents\n  date: 2026-10-01\n  sections: [F]\n"
	tests := []struct {
		name, born, role, sev, msg string
	}{
		{"an 18-year-old with a parent appealing", "2008-03-01", "parent", "warning", "they were a young person"},
		{"16 in March 2026: past 26 June 2026", "2010-03-01", "parent", "warning", "Friday 26 June 2026"},
		{"16 on 1 Sep 2026: still of compulsory school age", "2010-09-01", "young-person", "warning", "not on the 16th birthday"},
		{"16 on 15 Oct 2026, before the decision", "2010-10-15", "young-person", "warning", "Friday 25 June 2027"},
		{"a young person in their own right", "2008-03-01", "young-person", "", ""},
		{"a parent for a 10-year-old", "2016-01-21", "parent", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(caseWith(dec, ""), "  name: Sam\n", "  name: Sam\n  date_of_birth: "+tt.born+"\n", 1)
			src = strings.Replace(src, "role: parent", "role: "+tt.role, 1)
			got := findingsOf(t, src, "2026-10-02", "young-person")
			if tt.sev == "" {
				if len(got) != 0 {
					t.Errorf("unexpected: %s", got[0].f.Message)
				}
				return
			}
			if len(got) != 1 || got[0].f.Severity.String() != tt.sev || got[0].text != tt.role || !strings.Contains(got[0].f.Message, tt.msg) {
				t.Errorf("got %+v", got)
			}
		})
	}
}

// Issue 8, "Dates that cannot be right": each gets a finding on the field that is wrong, saying
// which other date it contradicts.
func TestDatesThatCannotBeRightAreFoundOnTheWrongField(t *testing.T) {
	dec := "decision:\n  type: plan-contents\n  date: 2026-09-14\n  sections: [F]\n"
	tests := []struct {
		name, src, today, text, msg string
	}{
		{"certificate before the mediation", caseWith(dec+"mediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\ncertificate:\n  issued: 2026-10-20\n  issues_resolved: partly\n", ""),
			"2026-11-01", "2026-10-20", "before mediation.date 2026-10-27"},
		{"LA told before the adviser was contacted", caseWith(dec+"mediation:\n  adviser_contacted: 2026-10-05\n  choice: mediate\n  la_informed: 2026-10-01\n", ""),
			"2026-10-10", "2026-10-01", "before mediation.adviser_contacted 2026-10-05"},
		{"mediation typed a year late", caseWith(dec+"mediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2027-10-27\n", ""),
			"2026-11-01", "2027-10-27", "after today (2026-11-01)"},
		{"adviser contacted before the decision", caseWith(dec+"mediation:\n  adviser_contacted: 2026-09-01\n", ""),
			"2026-10-01", "2026-09-01", "before decision.date 2026-09-14"},
		{"action due before the mediation", caseWith(agreedFront, actionsBody("| Send the minutes. | Jo Smith | 2025-11-05 |")),
			"2026-10-28", "2025-11-05", "before mediation.date 2026-10-27"},
		{"weekday that is not the date's", caseWith(agreedFront, actionsBody("| Send the minutes. | Jo Smith | Monday 5 March 2027 |")),
			"2026-10-28", "Monday 5 March 2027", "is a Friday, not a Monday"},
		{"a 30-year-old child", strings.Replace(caseWith(dec, ""), "  name: Sam\n", "  name: Sam\n  date_of_birth: 1996-01-01\n", 1),
			"2026-10-01", "1996-01-01", "30 on decision.date 2026-09-14"},
		{"born after the decision", strings.Replace(caseWith(dec, ""), "  name: Sam\n", "  name: Sam\n  date_of_birth: 2026-09-20\n", 1),
			"2026-10-01", "2026-09-20", "after decision.date 2026-09-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findingsOf(t, tt.src, tt.today, "date-conflict")
			found := false
			for _, g := range got {
				found = found || (g.f.Severity == Error && strings.Contains(g.text, tt.text) && strings.Contains(g.f.Message, tt.msg))
			}
			if !found {
				t.Errorf("no finding on %q mentioning %q: %+v", tt.text, tt.msg, got)
			}
		})
	}
	// A consistent case has none.
	if got := findingsOf(t, caseWith(agreedFront+"certificate:\n  issued: 2026-10-29\n  issues_resolved: partly\n", actionsBody("| Send the minutes. | Jo Smith | Friday 6 November 2026 |")), "2026-11-10", "date-conflict"); len(got) != 0 {
		t.Errorf("consistent: %+v", got)
	}
}

// HESC Rules 2008 r.20(1)(c): with every issue resolved at mediation a passed appeal deadline is
// information, in case the agreement is not carried out, not an error (issue 8, "Closed cases").
func TestClosedCasePassedAppealDeadlineIsInformation(t *testing.T) {
	front := "decision:\n  type: refuse-amendment\n  date: 2026-10-05\n  sections: [F]\nmediation:\n  choice: mediate\n  la_informed: 2026-10-13\n  date: 2026-11-10\ncertificate:\n  issued: 2026-11-12\n  issues_resolved: all\n"
	for _, today := range []string{"2026-12-20", "2026-12-10"} {
		got := findingsOf(t, caseWith(front, ""), today, "appeal-deadline")
		if len(got) != 1 || got[0].f.Severity != Info || !strings.Contains(got[0].f.Message, "all the issues were resolved") {
			t.Errorf("%s: %+v", today, got)
		}
	}
	open := strings.Replace(front, "issues_resolved: all", "issues_resolved: partly", 1)
	if got := findingsOf(t, caseWith(open, ""), "2026-12-20", "appeal-deadline"); len(got) != 1 || got[0].f.Severity != Error ||
		!strings.Contains(got[0].f.Suggestion, "r.20(4)") {
		t.Errorf("open case: %+v", got)
	}
}

// A document is dated when it is made: without position_statement.date the statement prints no
// date, and lint suggests adding one (issue 8, "The position statement's date").
func TestPositionStatementWithoutDateIsToldToAddOne(t *testing.T) {
	body := "\n# Requested provision\n\n- 30 minutes of 1:1 speech and language therapy each week, delivered by an HCPC-registered Speech and Language Therapist.\n"
	dec := "decision:\n  type: plan-contents\n  date: 2026-09-14\n  sections: [F]\n"
	if got := findingsOf(t, caseWith(dec, body), "2026-10-01", "statement-date"); len(got) != 1 || got[0].f.Severity != Info ||
		!strings.Contains(got[0].f.Suggestion, "position_statement") {
		t.Errorf("%+v", got)
	}
	if got := findingsOf(t, caseWith(dec+"position_statement:\n  date: 2026-09-20\n", body), "2026-10-01", "statement-date"); len(got) != 0 {
		t.Errorf("dated: %+v", got)
	}
	if got := findingsOf(t, caseWith(dec, ""), "2026-10-01", "statement-date"); len(got) != 0 {
		t.Errorf("no statement: %+v", got)
	}
	// Dated before the decision it answers: a date conflict.
	if got := findingsOf(t, caseWith(dec+"position_statement:\n  date: 2026-09-01\n", body), "2026-10-01", "date-conflict"); len(got) != 1 || got[0].text != "2026-09-01" {
		t.Errorf("before the decision: %+v", got)
	}
}

// SEND Regs 2014 regs 35-37: sources differ on whether the duty is to arrange mediation or for it
// to take place within 30 days; no source says a meeting moved at the family's request is not a
// breach, so a late mediation is never excused (legal-review.md E7).
func TestLateMediationIsNeverExcused(t *testing.T) {
	src := caseWith("decision:\n  type: plan-contents\n  date: 2026-09-01\n  sections: [F]\nmediation:\n  choice: mediate\n  la_informed: 2026-09-10\n  date: 2026-10-20\n", "")
	got := findingsOf(t, src, "2026-10-21", "mediation-late")
	if len(got) != 1 || strings.Contains(got[0].f.Message, "not a breach") || !strings.Contains(got[0].f.Message, "Sources differ") {
		t.Errorf("%+v", got)
	}
}

// The explanations sendgen prints (`sendgen explain`) state the law as the review found it:
// reg 42(2) quoted for time limits only (E12), the authority duty not cited to reg 38 and no
// "reopened" claim (E13), no "binds only a body that took part" (E14), "no school named" in the
// Section I exception (E19), reg 18 "before" and its five-month rule (E9), no excuse for a late
// mediation (E7), and reg 44's steps (E5).
func TestRuleExplanationsStateTheLaw(t *testing.T) {
	e := testEngine(t)
	text := func(id string) string {
		r, ok := e.Rule(id)
		if !ok {
			t.Fatalf("no rule %s", id)
		}
		return strings.Join(strings.Fields(strings.Join([]string{r.Summary, r.Scope, r.Rationale, r.Law, r.Bad, r.Good}, "\n")), " ")
	}
	mustNot := map[string][]string{
		"hedged-commitment":        {"as if it were an order"},
		"authority-not-confirmed":  {"reopened", "SEND Regs 2014 reg 38."},
		"health-not-present":       {"to bind anyone", "regs 36 and 38"},
		"mediation-late":           {"is not a breach", "The duty is to arrange;"},
		"phase-transfer":           {"amended by 15 February"},
		"action-late":              {"within 5 weeks of mediation |", "5 weeks to make or amend"},
		"certificate-not-required": {"CFA 2014 s.55(3); s.51."},
	}
	must := map[string][]string{
		"hedged-commitment":        {"shall comply with the time limits set out in regulation 44"},
		"certificate-not-required": {"that none is named", "s.51(2)(c)(iii)"},
		"phase-transfer":           {"before", "five months"},
		"action-late":              {"10 weeks", "14 weeks", "11", "immediately", "signed agreement", "school is not bound"},
		"adviser-contact":          {"reg 33", "last working day"},
		"mediation-not-arranged":   {"3 working days", "straight to appeal"},
		"appeal-not-available":     {"s.51(2)", "recommendations"},
		"young-person":             {"last Friday in June", "s.83(2)"},
		"appeal-deadline":          {"25 December to 1 January", "r.20(4)"},
	}
	for id, ws := range mustNot {
		for _, w := range ws {
			if strings.Contains(text(id), w) {
				t.Errorf("%s still says %q", id, w)
			}
		}
	}
	for id, ws := range must {
		for _, w := range ws {
			if !strings.Contains(text(id), w) {
				t.Errorf("%s should say %q", id, w)
			}
		}
	}
}
