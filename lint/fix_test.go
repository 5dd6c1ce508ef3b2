package lint

import (
	"strings"
	"testing"

	"github.com/sendgen/sendgen/casefile"
)

// TestModalFix checks where "should" may become "will": every fix offered
// is applied and the file linted again, and the hedged-commitment finding
// must be gone without a new finding in its place.
func TestModalFix(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name, item string
		want       string // the item after the fix; "" = no fix offered
	}{
		{"should + verb", "Zoë should receive 30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist.",
			"Zoë will receive 30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist."},
		{"should have", "😀 Zoë should have 30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist.",
			"😀 Zoë will have 30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist."},
		{"could also be provided", "Zoë's sessions could also be delivered for 30 minutes each week by an HCPC-registered Speech and Language Therapist.",
			"Zoë's sessions will also be delivered for 30 minutes each week by an HCPC-registered Speech and Language Therapist."},
		{"may + not", "Zoë's 30 minutes of 1:1 speech and language therapy each week may not be reduced by the HCPC-registered Speech and Language Therapist.",
			"Zoë's 30 minutes of 1:1 speech and language therapy each week will not be reduced by the HCPC-registered Speech and Language Therapist."},
		{"capital after a colon is a sentence start", "Therapy: Should Zoë need it, an HCPC-registered Speech and Language Therapist sees her for 30 minutes each week.", ""},
		{"may benefit from: another finding", "Zoë may benefit from 30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist.", ""},
		{"would like: another meaning", "Zoë would like 30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist.", ""},
		{"would be helpful", "30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist would be helpful.", ""},
		{"contraction", "Zoë shouldn't miss 30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist.", ""},
		{"markup inside the span", "Zoë *sh*ould receive 30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := header + "- " + tt.item + "\n"
			c, fs := lintSource(t, e, src, "2026-09-02")
			var fixes []Fix
			for _, f := range fs {
				if f.Rule == "hedged-commitment" {
					fixes = append(fixes, f.Fixes...)
				}
			}
			if tt.want == "" {
				if len(fixes) != 0 {
					t.Fatalf("want no fix, got %+v", fixes)
				}
				return
			}
			if len(fixes) != 1 {
				t.Fatalf("want one fix, got %+v (findings %+v)", fixes, fs)
			}
			out, _, _ := casefile.ApplyFixes(c.Bytes, fixes)
			if !strings.HasSuffix(string(out), "- "+tt.want+"\n") {
				t.Fatalf("fixed file ends %q, want %q", out[len(header):], tt.want)
			}
			_, after := lintSource(t, e, string(out), "2026-09-02")
			if rulesOf(after)["hedged-commitment"] != 0 || len(after) >= len(fs) {
				t.Errorf("after the fix: %+v (before: %+v)", after, fs)
			}
		})
	}
}

// TestFrontmatterFixesCarried checks that the frontmatter rule hands on
// the parser's fixes.
func TestFrontmatterFixesCarried(t *testing.T) {
	e := testEngine(t)
	src := strings.Replace(header, "decision:", "decison:", 1)
	_, fs := lintSource(t, e, src, "2026-09-02")
	for _, f := range fs {
		if f.Rule == "frontmatter" && strings.Contains(f.Message, "decison") {
			if len(f.Fixes) != 1 || f.Fixes[0].NewText != "decision" {
				t.Fatalf("fixes %+v", f.Fixes)
			}
			return
		}
	}
	t.Fatalf("no frontmatter finding for decison in %+v", fs)
}
