package suggest

import "testing"

func TestNearest(t *testing.T) {
	names := []string{"date_of_birth", "name", "transfer", "mediation", "mediation-late", "action-late"}
	for _, tt := range []struct{ in, want string }{
		{"date_of_brith", "date_of_birth"},
		{"nmae", "name"},
		{"Name", "name"},
		{"mediaton", "mediation"},
		{"medion-late", "mediation-late"},
		{"zzzzzz", ""},
		{"", ""},
	} {
		if got := Nearest(tt.in, names); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"Zoë", "Zoe", 1}} {
		if got := Distance(tt.a, tt.b); got != tt.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}

func TestSimilar(t *testing.T) {
	rules := []string{"vague-wording", "hedged-commitment", "missing-frequency", "action-missing-owner", "action-missing-deadline", "appeal-deadline", "frontmatter"}
	for _, tt := range []struct {
		in   string
		want string
	}{
		{"vague", " (did you mean 'vague-wording'?)"},
		{"frontmater", " (did you mean 'frontmatter'?)"},
		{"deadline", " (did you mean 'action-missing-deadline' or 'appeal-deadline'?)"},
		{"owner", " (did you mean 'action-missing-owner'?)"},
		{"Hedged", " (did you mean 'hedged-commitment'?)"},
		{"xyzzy", ""},
		{"a", ""},
	} {
		if got := DidYouMean(tt.in, rules); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Similar("missing", rules, 2); len(got) != 2 {
		t.Errorf("Similar with max 2 gave %q", got)
	}
}

func TestTypo(t *testing.T) {
	for _, tt := range []struct {
		s, name string
		want    bool
	}{
		{"parnet", "parent", true},    // two letters swapped
		{"ture", "true", true},        // swapped
		{"decison", "decision", true}, // one dropped
		{"plan_contents", "plan-contents", true},
		{"Parent", "parent", true},
		{"date_of_bith", "date_of_birth", true},
		{"date_of_brith", "date_of_birth", true},
		{"medaiton", "mediation", true}, // two edits, long name
		{"mostly", "partly", false},     // another word
		{"nmae", "name", true},
		{"role", "rule", true},
		{"mdiatn", "mediation", false},
		{"fals", "false", true},
		{"yes", "true", false},
	} {
		if got := Typo(tt.s, tt.name); got != tt.want {
			t.Errorf("Typo(%q, %q) = %v, want %v", tt.s, tt.name, got, tt.want)
		}
	}
}
