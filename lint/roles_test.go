package lint

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGeneratedRoles regenerates roles_gen.go from WordNet and compares it
// with the committed file. It needs the WordNet database (Debian:
// wordnet-base): skipped without it, a failure under CI=true.
func TestGeneratedRoles(t *testing.T) {
	const db = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(db, "data.noun")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the WordNet database is required under CI=true (Debian: apt-get install wordnet-base): %v", err)
		}
		t.Skipf("WordNet not installed: %v", err)
	}
	out := filepath.Join(t.TempDir(), "roles_gen.go")
	cmd := exec.Command("go", "run", "./internal/wordnetgen", "-wordnet", db, "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wordnetgen: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("roles_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("roles_gen.go is out of date: run `go generate ./lint/internal/wordnetgen`")
	}
}

func TestProviders(t *testing.T) {
	p := newProviderSet([]string{"Portage Home Visitor"})
	for _, tc := range []struct {
		text string
		want bool
	}{
		// WordNet roles, multi-word WordNet roles, British spellings.
		{"with a counsellor trained in CBT", true},
		{"a social worker will review it", true},
		{"reviewed by her paediatrician", true},
		{"an exercise physiologist will design a plan", true},
		// Heads of noun phrases: "... worker", "... trainer", "... adviser".
		{"A short breaks worker will take her swimming", true},
		{"An independent travel trainer will go with her", true},
		{"a 1:1 session with a careers adviser", true},
		{"An occupational therapy technician will check it", true},
		// The suffix rule for roles WordNet lacks.
		{"with a hydrotherapist", true},
		{"reviewed by an orthotist", true},
		{"A clinical neuropsychologist will see her", true},
		// Abbreviations, case-sensitively.
		{"supervised by the SENCo", true},
		{"with a TA", true},
		{"a ta", false},
		// Configured roles.
		{"a portage home visitor will call", true},
		// Generic words and the people provision is for.
		{"a trained member of staff", false},
		{"a trained adult", false},
		{"with her peers", false},
		{"a group of four children", false},
		{"Professionals involved with her", false},
		{"a suitable person", false},
		{"a worker", false},
		{"She will have access to a sensory tent", false},
		// An organisation is not a provider, even when named after a role.
		{"Input from the Specialist Communication Team", false},
		{"the Speech and Language Therapy Service", false},
		{"the Educational Psychologist Service", false},
		// A role before another noun describes it.
		{"adjust her specialist seating", false},
		{"a specialist teacher", true},
		{"Dyslexia specialist teacher holding AMBDA", true},
		{"teaching assistant support per week", true},
		// A word ending in -ist that is no person.
		{"a checklist of tasks", false},
	} {
		if got := p.Has(tc.text); got != tc.want {
			t.Errorf("Has(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func BenchmarkProviders(b *testing.B) {
	p := newProviderSet(nil)
	s := "Social skills teaching in a group of no more than four pupils, twice a week for 40 minutes, led by a teacher trained in Lego-based therapy."
	lower := lowerASCII(s)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p.has(s, lower)
	}
}

// TestPrefilterFinite: a factored alternation is spelled out, so its
// prefilter is whole words, not their common prefix.
func TestPrefilterFinite(t *testing.T) {
	m := mustMatcher(`(?i)\b(?:try|tries|tried|trying)\s+to\b`)
	for _, l := range m.literals() {
		if len(l) < 3 {
			t.Fatalf("prefilter %q has the literal %q", m.literals(), l)
		}
	}
	if m.mightMatch("training for staff") || !m.mightMatch("will try to attend") {
		t.Fatalf("prefilter %q", m.literals())
	}
}
