package render

import (
	"strings"
	"testing"

	"github.com/sendgen/sendgen/internal/pdftest"
)

// These tests read the PDFs back (pdftotext) and are named after what the law says; each
// cites its source. The review that found each wording error is
// shared/reference/legal-review.md (E-numbers).

// lawCase is a case file: the parties, then front (decision and what follows), then body.
func lawCase(front, body string) string {
	return "---\ncase: LAW-1\nchild:\n  name: Sam Carter\n  date_of_birth: 2016-03-01\nappellant:\n  name: Alex Carter\n  role: parent\n" +
		"local_authority: Test Borough Council\n" + front + "---\n" + body
}

const lawProvision = "\n# Requested provision\n\n## Section F\n\n" +
	"- 30 minutes of 1:1 speech and language therapy each week, delivered by an HCPC-registered Speech and Language Therapist.\n"

// docText renders one document of src and returns its text, flattened, as -layout and -raw
// give it (a wrapped table cell is whole only in -raw).
func docText(t *testing.T, src string, d Document, in Input) (string, string) {
	t.Helper()
	c := parseCase(t, "law.md", []byte(src))
	pdf := renderWith(t, testRenderer(t), c, d, in)
	return flat(pdfText(t, pdf)), flat(execTool(t, "pdftotext", "-raw", "-enc", "UTF-8", pdftest.WriteTemp(t, pdf), "-"))
}

func wantText(t *testing.T, layout, raw string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(layout, flat(w)) && !strings.Contains(raw, flat(w)) {
			t.Errorf("missing %q\n%s", w, layout)
		}
	}
}

func notText(t *testing.T, layout, raw string, not ...string) {
	t.Helper()
	for _, w := range not {
		if strings.Contains(layout, flat(w)) || strings.Contains(raw, flat(w)) {
			t.Errorf("should not say %q\n%s", w, layout)
		}
	}
}

// SEND Regs 2014 regs 34-37, 39 (IPSEA, Surrey SENDIAS): a certificate issued because mediation
// could not be arranged within 30 days says so; it never says the family declined, and is not a
// s.55(4) certificate (legal-review.md E3, probe deemed.md).
func TestCertificateWhenMediationNotArrangedNeverSaysTheFamilyDeclined(t *testing.T) {
	src := lawCase("decision:\n  type: refuse-plan\n  date: 2026-11-02\n  sections: [F]\n"+
		"mediation:\n  adviser: Test Mediation\n  adviser_contacted: 2026-11-16\n  choice: mediate\n  la_informed: 2026-11-17\n"+
		"certificate:\n  issued: 2026-12-21\n", "")
	l, r := docText(t, src, Certificate, Input{})
	wantText(t, l, r, "Issued on Monday 21 December 2026 because mediation could not be arranged within 30 days",
		"wished to pursue mediation, and that mediation could not be arranged within 30 days of the local authority being told on 17 November 2026",
		"Outcome Mediation could not be arranged within 30 days.",
		"5pm on Thursday 21 January 2027")
	notText(t, l, r, "section 55(4)", "do not wish to pursue mediation", "took part in mediation", "did not wish")
}

// CFA 2014 s.36(8), s.37(1), s.51(2); s.83(2) and LB Hillingdon v WW [2016] UKUT 253: the request
// follows the decision (an assessment, a plan, an amended plan) and who appeals: "the family"
// only for a parent; the young person in their own right. The claim that each item states
// what, by whom, how often and for how long is made only when the provision rules found nothing
// (legal-review.md E8).
func TestPositionStatementRequestFollowsTheDecisionAndTheAppellant(t *testing.T) {
	tests := []struct {
		name, front, want, not string
		complete               bool
	}{
		{"refusal to issue a plan", "decision:\n  type: refuse-plan\n  date: 2026-11-02\n  sections: [F]\n",
			"The family asks for an EHC plan (Children and Families Act 2014 s.37(1)), specifying the following provision.", "amended", true},
		{"refusal to assess", "decision:\n  type: refuse-assessment\n  date: 2026-11-02\n",
			"The family asks for an EHC needs assessment (Children and Families Act 2014 s.36(8)). The provision below is what the evidence shows is needed.", "amended", true},
		{"refusal to re-assess", "decision:\n  type: refuse-reassessment\n  date: 2026-11-02\n",
			"The family asks for a re-assessment of the child or young person's educational, health and care needs (Children and Families Act 2014 s.44).", "amended", true},
		{"contents", "decision:\n  type: plan-contents\n  date: 2026-11-02\n  sections: [F]\n",
			"The family asks for an amended EHC plan, specifying the following provision.", "", false},
		{"cease", "decision:\n  type: cease-plan\n  date: 2026-11-02\n  sections: [F]\n",
			"The family asks for the EHC plan to continue to be maintained (Children and Families Act 2014 s.45)", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, r := docText(t, lawCase(tt.front, lawProvision), PositionStatement, Input{ProvisionComplete: tt.complete})
			wantText(t, l, r, tt.want)
			if tt.not != "" {
				notText(t, l, r, "the EHC plan be "+tt.not, "for an "+tt.not)
			}
			claim := "Each item is worded so that it states what is to be provided, by whom, how often and for how long."
			if tt.complete {
				wantText(t, l, r, claim)
			} else {
				notText(t, l, r, claim)
			}
		})
	}
	// A young person appealing in their own right: "I" when they write it, their name otherwise.
	yp := strings.Replace(strings.Replace(lawCase("decision:\n  type: plan-contents\n  date: 2026-11-02\n  sections: [F]\n", lawProvision),
		"role: parent", "role: young-person", 1), "date_of_birth: 2016-03-01", "date_of_birth: 2008-03-01", 1)
	l, r := docText(t, yp, PositionStatement, Input{})
	wantText(t, l, r, "I ask for an amended EHC plan")
	notText(t, l, r, "The family asks")
	withAuthor := strings.Replace(yp, "---\n\n# Requested", "author:\n  name: Priya Shah\n  role: Independent supporter\n---\n\n# Requested", 1)
	l, r = docText(t, withAuthor, PositionStatement, Input{})
	wantText(t, l, r, "Alex Carter asks for an amended EHC plan")
}

// CFA 2014 s.45(1)-(3); SEND Regs 2014 regs 29(1), 30, 31; Explanatory Notes para 247; B & M v
// Cheshire East [2018] UKUT 232 (AAC): s.45(2) says the circumstances "include" no longer needing
// the provision (not the converse), and the plan is maintained while an appeal can be brought
// or is pending (legal-review.md E6).
func TestCeasePlanLegalPositionStatesSection45AsItIs(t *testing.T) {
	src := lawCase("decision:\n  type: cease-plan\n  date: 2026-10-01\n  sections: [F]\n", lawProvision)
	l, r := docText(t, src, PositionStatement, Input{})
	wantText(t, l, r, "s.45(1)", "include where the child or young person no longer requires the special educational provision specified in the plan (s.45(2))",
		"reg 29(1)", "reg 31", "B & M v Cheshire East Council", "until the time for appealing has passed",
		"Explanatory Notes to the Children and Families Act 2014, para 247")
	notText(t, l, r, "It is not \"no longer necessary\" while", "s.45(3)") // a 10-year-old: the 18+ rule is not printed
	old := strings.Replace(src, "date_of_birth: 2016-03-01", "date_of_birth: 2007-06-30", 1)
	l, r = docText(t, old, PositionStatement, Input{})
	wantText(t, l, r, "s.45(3)", "reg 30")
	notText(t, l, r, "reg 29(1)")
}

// CFA 2014 s.37(1): the test for issuing a plan is necessity; "resources normally available" is
// a consideration in the Code, not the test, and is not asserted as established fact
// (legal-review.md E17).
func TestRefusePlanLegalPositionUsesTheNecessityTest(t *testing.T) {
	l, r := docText(t, lawCase("decision:\n  type: refuse-plan\n  date: 2026-11-02\n  sections: [F]\n", lawProvision), PositionStatement, Input{})
	wantText(t, l, r, "s.37(1)", "The test is necessity.", "not the test itself", "The family's position is that")
	notText(t, l, r, "The assessment shows that the child or young person's needs cannot reasonably be met")
}

// CFA 2014 s.37(2) lists what a plan specifies; "each and every need" is SEND Code of Practice
// para 9.69 and ex p E [1992]; with Section I in dispute, the parental-request rule (s.39(4),
// s.40) and s.33 apply (legal-review.md E18).
func TestPlanContentsLegalPositionCitesTheCodeForEachNeedAndTheLawOnPlacement(t *testing.T) {
	src := lawCase("decision:\n  type: plan-contents\n  date: 2026-11-02\n  sections: [F, I]\n", lawProvision)
	l, r := docText(t, src, PositionStatement, Input{})
	wantText(t, l, r, "special educational provision required by them (Section F) (Children and Families Act 2014 s.37(2)",
		"each and every need in Section B (SEND Code of Practice 0 to 25, 2015, para 9.69; R v Secretary of State for Education and Science, ex parte E",
		"(s.39(4))", "(s.40)", "(s.33)")
	notText(t, l, r, "required for each of them")
	l, r = docText(t, strings.Replace(src, "[F, I]", "[F]", 1), PositionStatement, Input{})
	notText(t, l, r, "(s.39(4))")
}

// SEND Regs 2014 reg 42(2)-(5), quoted exactly; the certificate follows any mediation, stating
// whether the issues were resolved (reg 39); confidentiality is not stated beyond its limits
// (legal-review.md E12, E16).
func TestOutcomeFormQuotesReg42ExactlyAndStatesConfidentialityWithinItsLimits(t *testing.T) {
	front := "decision:\n  type: plan-contents\n  date: 2026-09-14\n  sections: [F]\nmediation:\n  adviser: Test Mediation\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\n  mediator: Sam Patel\n" +
		"certificate:\n  issued: 2026-10-29\n  issues_resolved: all\n"
	body := "\n# Agreed actions\n\n| Action | Who | By |\n| --- | --- | --- |\n| Amend Section F of the EHC plan. | Jo Smith, SEN Officer | 2026-11-20 |\n"
	l, r := docText(t, lawCase(front, body), OutcomeForm, Input{})
	wantText(t, l, r,
		"(2) Where the mediation issues in the mediation agreement are those on which the child's parent or young person has a right to appeal to the First-tier Tribunal, the local authority shall comply with the time limits set out in regulation 44, as if the mediation agreement were an order of the First–tier Tribunal.",
		"(3) Where the mediation agreement requires the local authority or responsible commissioning body to do something in relation to which the child's parent or young person has no right of appeal to the First-tier Tribunal, the local authority or responsible commissioning body must do that thing within two weeks of the date of the mediation agreement.",
		"(4) Where the local authority was not a party to the mediation, the responsible commissioning body must notify the local authority of the mediation agreement within 1 week of the date of that agreement.",
		"(5) The timescales referred to in paragraphs (2) and (3) do not apply where the parties to the mediation agree in writing to a different timescale.",
		"A mediation certificate must be issued within 3 working days of the mediation, by Friday 30 October 2026, stating whether the issues were resolved",
		"Confidentiality has limits", "can be shared with those who need to know it to carry it out")
	notText(t, l, r, "as if this agreement were an order", "Because some issues remain unresolved", "or elsewhere")
}

// SEND Regs 2014 reg 42(1): reg 42 applies where the parties reach an agreement; with no agreed
// actions the form says there is nothing to carry out (legal-review.md E16, LBH).
func TestOutcomeFormWithNoAgreedActionsSaysNoAgreementWasReached(t *testing.T) {
	front := "decision:\n  type: cease-plan\n  date: 2026-10-01\n  sections: [F]\nmediation:\n  choice: mediate\n  la_informed: 2026-10-09\n  date: 2026-11-03\n"
	l, r := docText(t, lawCase(front, "\n# Unresolved issues\n\n- Whether the plan should be ceased.\n"), OutcomeForm, Input{})
	wantText(t, l, r, "No actions were agreed at this mediation, so there is no agreement for anyone to carry out")
	notText(t, l, r, "regulation 42 says:", "This written agreement is different")
}

// SEND Regs 2014 reg 42(2) with reg 44(2)(b), (c): both statutory steps are printed where the
// law has two (an assessment's notice and outcome; a new plan's draft and final); a school is
// not bound by reg 42 (E5, E10); a written By keeps "(agreed in writing)" and its weekday
// (E11); a signed later date is agreement in writing to it (reg 42(5)).
func TestOutcomeFormShowsBothReg44StepsAndKeepsWhatWasWritten(t *testing.T) {
	front := "decision:\n  type: refuse-assessment\n  date: 2026-09-14\nmediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\n" +
		"  attendees:\n    - name: Jo Smith\n      role: SEN Officer\n      organisation: Test Borough Council\n      authority: true\n    - name: Mark Ellis\n      role: SENCo\n      organisation: Oak Primary School\n"
	body := "\n# Agreed actions\n\n| Action | Who | By |\n| --- | --- | --- |\n" +
		"| Carry out an EHC needs assessment. | Jo Smith, SEN Officer | |\n" +
		"| Issue an EHC plan. | Jo Smith, SEN Officer | |\n" +
		"| Share the timetable with the family. | Mark Ellis, SENCo | |\n" +
		"| Send the minutes to the family. | Jo Smith, SEN Officer | Friday 20 November 2026 (agreed in writing) |\n" +
		"| Send the meeting notes to the family. | Jo Smith, SEN Officer | 2026-12-20 |\n"
	l, r := docText(t, lawCase(front, body), OutcomeForm, Input{})
	wantText(t, l, r,
		"10 November 2026: notify that it will make the assessment", "5 January 2027: if no EHC plan is needed, notify that decision", "2 February 2027: otherwise send the final EHC plan",
		"Action 1: no date was written into this agreement, so the statutory time limits apply: notify that it will make the assessment within 2 weeks, by 10 November 2026;",
		"otherwise send the final EHC plan within 14 weeks, by 2 February 2027 (SEND Regs 2014 reg 42(2), reg 44(2)(b)).",
		"1 December 2026: issue a draft EHC plan", "12 January 2027: send the final EHC plan",
		"not stated (no statutory default)", "Action 3: no statutory default: SEND Regs 2014 reg 42 binds only the local authority and the health commissioning body, not a school or college; no date was agreed.",
		"20 November 2026 (agreed in writing)",
		"Action 5: the date agreed is later than the statutory limit of 2 weeks",
		"a date written into this signed agreement is agreement in writing to a different timescale (SEND Regulations 2014 reg 42(5))")
	notText(t, l, r, "no date was agreed in writing")
}

// CFA 2014 s.51(2): no appeal lies on health or social care sections alone, so no document
// prints an appeal deadline for such a case; each says why (legal-review.md E2).
func TestHealthOnlyCaseDocumentsPrintNoAppealDeadline(t *testing.T) {
	front := "decision:\n  type: plan-contents\n  date: 2026-09-14\n  sections: [G]\nmediation:\n  adviser: Test Mediation\n  choice: mediate\n  la_informed: 2026-09-20\n  date: 2026-10-15\n" +
		"  attendees:\n    - name: Lee Park\n      role: Designated Clinical Officer\n      organisation: Test Integrated Care Board\n" +
		"certificate:\n  issued: 2026-10-19\n  issues_resolved: none\n"
	body := "\n# Requested provision\n\n## Section G\n\n- Physiotherapy for 30 minutes each week, delivered by an HCPC-registered Physiotherapist.\n\n# Unresolved issues\n\n- Physiotherapy.\n"
	src := lawCase(front, body)
	for _, d := range []Document{PositionStatement, OutcomeForm, Certificate} {
		l, r := docText(t, src, d, Input{})
		notText(t, l, r, "Appeal deadline:", "must be received by 5pm", "must be received by the Tribunal by 5pm")
		wantText(t, l, r, "alone", "s.51(2)")
	}
	l, r := docText(t, src, Certificate, Input{})
	wantText(t, l, r, "took part in mediation with Test Integrated Care Board on 15 October 2026") // not "with the local authority" (E15)
}

// SEND Regs 2014 reg 18 concerns a plan that exists; after a refusal to issue one the date is a
// labelled practical target (legal-review.md E9, CWC).
func TestPhaseTransferDateIsAPracticalTargetWhereNoPlanExists(t *testing.T) {
	src := strings.Replace(lawCase("decision:\n  type: refuse-plan\n  date: 2026-11-02\n  sections: [F]\n", lawProvision),
		"date_of_birth: 2016-03-01\n", "date_of_birth: 2016-03-01\n  transfer:\n    to: secondary\n    date: 2027-09-01\n", 1)
	l, r := docText(t, src, PositionStatement, Input{})
	wantText(t, l, r, "Practical target: a plan in place before (phase transfer)", "SEND Regs 2014 reg 18 (applies once a plan exists)")
	notText(t, l, r, "Plan amended before (phase transfer)")
}

// HESC Rules 2008 r.12(3)(a): a time that ends from 25 December to 1 January inclusive, or in
// August, ends on the first working day after 1 January or 31 August; the certificate names who
// signs it as independent (legal-review.md E15).
func TestCertificateStatesRule12AsItIsAndNamesWhoSigns(t *testing.T) {
	src := lawCase("decision:\n  type: plan-contents\n  date: 2026-09-14\n  sections: [F]\nmediation:\n  adviser: Test Mediation\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\n  mediator: Sam Patel\n"+
		"certificate:\n  issued: 2026-10-29\n  issues_resolved: partly\n", "")
	l, r := docText(t, src, Certificate, Input{})
	wantText(t, l, r, "If it ends from 25 December to 1 January inclusive, or in August, the appeal is in time on the first working day after 1 January or 31 August",
		"The mediator Sam Patel (Test Mediation) is independent")
	notText(t, l, r, "moved where that day falls in August, between 25 December and 1 January", "The mediation adviser, Test Mediation, is independent")
}

// A document is dated when it is made: the position statement prints position_statement.date,
// and no date at all without it, never another event's (issue 8).
func TestPositionStatementPrintsOnlyItsOwnDate(t *testing.T) {
	front := "decision:\n  type: plan-contents\n  date: 2026-09-14\n  sections: [F]\nmediation:\n  adviser_contacted: 2026-09-30\n  choice: mediate\n  la_informed: 2026-10-01\n"
	l, r := docText(t, lawCase(front, lawProvision), PositionStatement, Input{})
	notText(t, l, r, "Date of this statement")
	l, r = docText(t, lawCase(front+"position_statement:\n  date: 2026-10-20\n", lawProvision), PositionStatement, Input{})
	wantText(t, l, r, "Date of this statement 20 October 2026")
}

// CFA 2014 s.51(2)(d): a refusal to re-assess is its own appealable decision (legal-review.md
// E20).
func TestRefusalToReassessIsNamedAsItsOwnDecision(t *testing.T) {
	l, r := docText(t, lawCase("decision:\n  type: refuse-reassessment\n  date: 2026-11-02\n", lawProvision), PositionStatement, Input{})
	wantText(t, l, r, "Decision not to carry out a re-assessment of the child or young person's needs (CFA 2014 s.51(2)(d))",
		"(Children and Families Act 2014 s.44)", "A mediation certificate is needed before an appeal can be made.")
}

// CFA 2014 s.53: where health provision is in dispute the health commissioning body takes part
// in the mediation; the certificate names it only when an attendee from it is recorded, and
// never says a body took part when nobody from it did (legal-review.md E15).
func TestCertificateNamesTheHealthBodyOnlyWhenItTookPart(t *testing.T) {
	front := "decision:\n  type: plan-contents\n  date: 2026-09-14\n  sections: [F, G]\nmediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\n%s" +
		"certificate:\n  issued: 2026-10-29\n  issues_resolved: partly\n"
	with := "  attendees:\n    - name: Lee Park\n      role: Designated Clinical Officer\n      organisation: Test Integrated Care Board\n"
	l, r := docText(t, lawCase(strings.Replace(front, "%s", with, 1), ""), Certificate, Input{})
	wantText(t, l, r, "took part in mediation with Test Borough Council and Test Integrated Care Board on 27 October 2026")
	l, r = docText(t, lawCase(strings.Replace(front, "%s", "", 1), ""), Certificate, Input{})
	wantText(t, l, r, "took part in mediation with Test Borough Council on 27 October 2026")
	notText(t, l, r, "commissioning body on")
}
