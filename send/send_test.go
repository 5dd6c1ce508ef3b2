package send

import (
	"strings"
	"testing"
)

func TestValidCaseRef(t *testing.T) {
	tests := []struct {
		ref  string
		want string // "" valid, else part of the error
	}{
		{"WCC-2026-0412", ""},
		{"a_b-C9", ""},
		{strings.Repeat("x", MaxCaseRefLen), ""},
		{strings.Repeat("x", MaxCaseRefLen+1), "at most 100"},
		{"", "empty"},
		{"../etc/passwd", "only letters"},
		{"WCC 2026", "only letters"},
		{"C:case", "only letters"},
		{"Zoë-1", "only letters"},
	}
	for _, tt := range tests {
		err := ValidCaseRef(tt.ref)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("ValidCaseRef(%q) = %v, want valid", tt.ref, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("ValidCaseRef(%q) = %v, want an error saying %q", tt.ref, err, tt.want)
		}
	}
}

func TestLookupSection(t *testing.T) {
	for _, tt := range []struct {
		code         string
		want         string
		healthOrCare bool
	}{
		{"F", "F", false}, {"f", "F", false}, {"Section I", "I", false},
		{"C", "C", true}, {"G", "G", true}, {"D", "D", true}, {"H1", "H1", true}, {"H2", "H2", true},
		{"H", "H", true}, // both parts of Section H, as actions write it
	} {
		s, ok := LookupSection(tt.code)
		if !ok || s.Code != tt.want || s.HealthOrCare() != tt.healthOrCare || s.Name == "" {
			t.Errorf("LookupSection(%q) = %+v, %v", tt.code, s, ok)
		}
	}
	if _, ok := LookupSection("Z"); ok {
		t.Error("Z is not a plan section")
	}
	if got := strings.Join(SectionCodes(), ","); got != "A,B,C,D,E,F,G,H1,H2,I,J,K" {
		t.Errorf("SectionCodes %s: the front matter lists H1 and H2, not H", got)
	}
}

func TestEveryDecisionTypeHasLabelAndBasis(t *testing.T) {
	for _, d := range DecisionTypes {
		if d.Label == "" || !strings.HasPrefix(d.Basis, "CFA 2014 s.51(2)") {
			t.Errorf("%s: label %q basis %q", d.Key, d.Label, d.Basis)
		}
		if got, ok := LookupDecisionType(d.Key); !ok || got != d {
			t.Errorf("LookupDecisionType(%q)", d.Key)
		}
	}
	for _, k := range TransferKinds {
		if got, ok := LookupTransferKind(k.Key); !ok || got.Label == "" {
			t.Errorf("LookupTransferKind(%q)", k.Key)
		}
	}
}
