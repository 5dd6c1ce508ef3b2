package build

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sendgen/sendgen/render"
)

func checkLaw(t *testing.T, src string) (*Workspace, *Result) {
	t.Helper()
	ws, err := New(Options{Today: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	res := ws.Check(context.Background(), "case.md", []byte(src))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	return ws, res
}

const lawFront = "---\ncase: B-1\nchild:\n  name: Sam\nappellant:\n  name: Alex\n  role: parent\nlocal_authority: Test Council\n" +
	"decision:\n  type: plan-contents\n  date: 2026-09-14\n  sections: [F]\n"

// A certificate must never render claiming something false: one dated before the mediation it
// certifies, or one whose case does not say what it certifies, is held back as a final document
// (it can still be drafted); a correct one is ready (legal-review.md E3; issue 8).
func TestCertificateThatWouldStateSomethingFalseIsHeldBack(t *testing.T) {
	tests := []struct {
		name, src string
		want      State
		rule      string
	}{
		{"before the mediation", lawFront + "mediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\ncertificate:\n  issued: 2026-10-20\n  issues_resolved: none\n---\n", HeldBack, "date-conflict"},
		{"what it certifies not said", lawFront + "certificate:\n  issued: 2026-10-20\n---\n", HeldBack, "frontmatter"},
		{"mediation dated after today", lawFront + "mediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2027-10-27\ncertificate:\n  issued: 2027-10-29\n  issues_resolved: none\n---\n", HeldBack, "date-conflict"},
		{"consistent", lawFront + "mediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\ncertificate:\n  issued: 2026-10-29\n  issues_resolved: none\n---\n", Ready, ""},
		{"mediation not arranged", lawFront + "mediation:\n  choice: mediate\n  la_informed: 2026-10-01\ncertificate:\n  issued: 2026-11-03\n---\n", Ready, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, res := checkLaw(t, tt.src)
			d := res.Document(render.Certificate)
			if d.State != tt.want {
				t.Fatalf("state %v, want %v (blocking %v)", d.State, tt.want, d.Blocking)
			}
			if tt.rule != "" {
				if len(d.Blocking) == 0 || d.Blocking[0].Rule != tt.rule {
					t.Errorf("blocking %v, want a %s finding", d.Blocking, tt.rule)
				}
				if _, err := ws.Render(res, render.Certificate, false); !errors.Is(err, ErrHeldBack) {
					t.Errorf("final render: %v", err)
				}
				if _, err := ws.Render(res, render.Certificate, true); err != nil {
					t.Errorf("draft render: %v", err)
				}
			}
		})
	}
}

// A date that cannot be right holds back every final document, since each prints dates
// computed from it; a date in the agreed actions that cannot be right holds back the outcome
// form that would be signed.
func TestDateThatCannotBeRightHoldsBackFinalDocuments(t *testing.T) {
	body := "\n# Requested provision\n\n- 30 minutes of 1:1 speech and language therapy each week, delivered by an HCPC-registered Speech and Language Therapist.\n"
	_, res := checkLaw(t, lawFront+"mediation:\n  adviser_contacted: 2026-10-05\n  choice: mediate\n  la_informed: 2026-10-01\nposition_statement:\n  date: 2026-10-06\n---\n"+body)
	if d := res.Document(render.PositionStatement); d.State != HeldBack || d.Blocking[0].Rule != "date-conflict" {
		t.Errorf("position statement: %v %v", d.State, d.Blocking)
	}
	actions := "\n# Agreed actions\n\n| Action | Who | By |\n| --- | --- | --- |\n| Send the minutes. | Jo Smith, SEN Officer | Monday 5 November 2026 |\n"
	_, res = checkLaw(t, lawFront+"mediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\n---\n"+actions)
	d := res.Document(render.OutcomeForm)
	if d.State != HeldBack || !strings.Contains(d.Blocking[0].Message, "is a Thursday, not a Monday") {
		t.Errorf("outcome form: %v %v", d.State, d.Blocking)
	}
}

// The position statement may say each item states what, by whom, how often and for how long
// only when the provision rules found nothing (legal-review.md E8).
func TestProvisionCompleteOnlyWhenTheProvisionRulesFoundNothing(t *testing.T) {
	good := "\n# Requested provision\n\n- 30 minutes of 1:1 speech and language therapy each week, delivered by an HCPC-registered Speech and Language Therapist.\n"
	_, res := checkLaw(t, lawFront+"---\n"+good)
	if !provisionComplete(res.Case, res.Findings) {
		t.Error("complete provision not recognised")
	}
	_, res = checkLaw(t, lawFront+"---\n\n# Requested provision\n\n- Speech and language therapy with a therapist.\n")
	if provisionComplete(res.Case, res.Findings) {
		t.Error("provision with no frequency or duration called complete")
	}
}
