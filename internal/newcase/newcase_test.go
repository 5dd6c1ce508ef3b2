package newcase

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/send"
)

var today = time.Date(2026, 10, 27, 0, 0, 0, 0, time.UTC)

type kind struct {
	typ, role string
	mediation bool
}

func (k kind) String() string {
	s := k.typ + "/" + k.role
	if k.mediation {
		s += "/mediation"
	}
	return s
}

func everyKind() []kind {
	var out []kind
	for _, d := range send.DecisionTypes {
		for _, role := range send.AppellantRoles {
			for _, med := range []bool{false, true} {
				out = append(out, kind{d.Key, role, med})
			}
		}
	}
	return out
}

// TestEveryKindReportsOnlyPlaceholders: for every decision type and role,
// with and without the mediation, the new case file parses, has every body
// heading in the spec's order, and lints to placeholder errors only: the
// notes are not judged, and nothing else is wrong with it.
func TestEveryKindReportsOnlyPlaceholders(t *testing.T) {
	e, err := lint.New(lint.DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range everyKind() {
		t.Run(k.String(), func(t *testing.T) {
			b, err := Write(Options{Type: k.typ, Role: k.role, Mediation: k.mediation, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			c, err := casefile.Parse("new.md", b)
			if err != nil {
				t.Fatal(err)
			}
			var headings []string
			for _, s := range c.Body.Sections {
				if s.Level == 1 {
					headings = append(headings, s.Title)
				}
			}
			if strings.Join(headings, "|") != strings.Join(send.Headings, "|") {
				t.Errorf("headings %q, want %q", headings, send.Headings)
			}
			if c.Front.Decision.Type.Value != k.typ || c.Front.Appellant.Role.Value != k.role {
				t.Errorf("decision %q, role %q", c.Front.Decision.Type.Value, c.Front.Appellant.Role.Value)
			}
			res, err := e.Check(context.Background(), c, lint.Options{Today: today})
			if err != nil {
				t.Fatal(err)
			}
			placeholders := 0
			for _, f := range res.Findings {
				p := c.Pos(f.Span.Start)
				if f.Rule != "placeholder" {
					t.Errorf("%d:%d: %s %s: %s (want only placeholders)", p.Line, p.Column, f.Severity, f.Rule, f.Message)
					continue
				}
				placeholders++
			}
			if placeholders == 0 {
				t.Error("no placeholders reported")
			}
			if k.mediation != (c.Front.Mediation != nil && len(c.Actions) == 1) {
				t.Errorf("mediation %v, but the file has mediation %v and %d actions", k.mediation, c.Front.Mediation != nil, len(c.Actions))
			}
		})
	}
}

// TestEveryDecisionTypeWorded: each decision type has its own wording of
// what the family asks for (a refusal to assess asks for an assessment).
func TestEveryDecisionTypeWorded(t *testing.T) {
	for _, d := range send.DecisionTypes {
		if _, ok := asks[d.Key]; !ok {
			t.Errorf("decision type %s has no wording in asks: it gets the general one", d.Key)
		}
	}
	b, _ := Write(Options{Type: "refuse-assessment", Role: send.Parent, Today: today})
	if !strings.Contains(strings.Join(strings.Fields(string(b)), " "), "You are asking the local authority to carry out an EHC needs assessment") {
		t.Errorf("a refusal to assess does not ask for an assessment:\n%s", b)
	}
}

func TestWriteRefuses(t *testing.T) {
	for _, o := range []Options{
		{Type: "refuse", Role: send.Parent, Today: today},
		{Type: "plan-contents", Role: "mother", Today: today},
		{Type: "plan-contents", Role: send.Parent},
	} {
		if _, err := Write(o); err == nil {
			t.Errorf("Write(%+v) did not fail", o)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	for b.Loop() {
		if _, err := Write(Options{Type: "plan-contents", Role: send.Parent, Mediation: true, Today: today}); err != nil {
			b.Fatal(err)
		}
	}
}
