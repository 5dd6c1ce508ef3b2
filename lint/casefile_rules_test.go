package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sendgen/sendgen/send"
)

// findingLines renders findings as "line:col rule severity: message".
func findingLines(t testing.TB, e *Engine, src string) string {
	t.Helper()
	c, fs := lintSource(t, e, src, "2026-09-02")
	var sb strings.Builder
	for _, f := range fs {
		if f.Rule == "appeal-deadline" {
			continue // date-dependent, and not what these tests are about
		}
		p := c.Pos(f.Span.Start)
		fmt.Fprintf(&sb, "%d:%d %s %s: %s\n", p.Line, p.Column, f.Rule, f.Severity, f.Message)
	}
	return sb.String()
}

// TestOneFindingPerProblem: each problem is reported once, at its own
// position, under the rule of its part of the file.
func TestOneFindingPerProblem(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name, src, want string
	}{
		{
			// Before: the error on line 7 and a second warning, "unknown
			// appellant role", underlining the opening ---.
			name: "role: mother",
			src:  strings.Replace(header, "role: parent", "role: mother", 1) + "- 30 minutes of speech and language therapy each week with an HCPC-registered Speech and Language Therapist.\n",
			want: "7:9 frontmatter error: appellant.role is \"mother\"; it must be one of: parent, young-person\n",
		},
		{
			name: "decision.type: plan",
			src:  strings.Replace(header, "type: plan-contents", "type: plan", 1) + "- 30 minutes of speech and language therapy each week with an HCPC-registered Speech and Language Therapist.\n",
			want: "10:9 frontmatter error: decision.type is \"plan\"; it must be one of: " + strings.Join(send.DecisionTypeKeys(), ", ") + "\n",
		},
		{
			// Before: filed under frontmatter.
			name: "an actions table with no Action column",
			src:  testFront + "mediation:\n  date: 2026-09-02\n  attendees:\n    - {name: Jo Smith, role: SEN Officer, organisation: Test Council, authority: true}\n---\n\n# Agreed actions\n\n| Task | Who | By |\n| --- | --- | --- |\n| Send the plan. | Jo Smith, SEN Officer | 2026-09-25 |\n",
			want: "21:1 structure error: the agreed actions table has no 'Action' column: use the columns Action, Who, By\n",
		},
		{
			name: "placeholders: one finding each, and nothing else about them",
			src: strings.Replace(header, "name: Sam Test", "name: \"[[child's full name]]\"", 1) +
				"- [[the provision, how often, for how long and who delivers it]]\n\n" +
				"# Agreed actions\n\n| Action | Who | By |\n| --- | --- | --- |\n| [[action]] | [[who]] | [[date, YYYY-MM-DD]] |\n",
			want: "4:9 placeholder error: child.name: fill in the placeholder [[child's full name]]\n" +
				"21:3 placeholder error: fill in the placeholder [[the provision, how often, for how long and who delivers it]]\n" +
				"27:3 placeholder error: fill in the placeholder [[action]]\n" +
				"27:16 placeholder error: fill in the placeholder [[who]]\n" +
				"27:26 placeholder error: fill in the placeholder [[date, YYYY-MM-DD]]\n",
		},
		{
			name: "a Welsh council",
			src:  strings.Replace(header, "local_authority: Test Council", "local_authority: Cyngor Sir Ynys Môn / Isle of Anglesey County Council", 1) + "- 30 minutes of speech and language therapy each week with an HCPC-registered Speech and Language Therapist.\n",
			want: "8:18 outside-england warning: Isle of Anglesey County Council (Cyngor Sir Ynys Môn) is a council in Wales, where the SEND Regulations 2014 do not apply: Wales has the additional learning needs (ALN) system of the Additional Learning Needs and Education Tribunal (Wales) Act 2018, with its own time limits and appeals to the Education Tribunal for Wales, so the dates and documents sendgen makes are not the ones that case needs\n",
		},
		{
			name: "a suppression comment naming no rule",
			src:  header + "<!-- sendgen-disable-next-line missing-provder -->\n- 30 minutes of speech and language therapy each week with an HCPC-registered Speech and Language Therapist.\n",
			want: "21:1 structure warning: sendgen-disable-next-line names no rule \"missing-provder\", so it switches nothing off (did you mean 'missing-provider'?)\n",
		},
		{
			name: "an English council",
			src:  strings.Replace(header, "local_authority: Test Council", "local_authority: Cheshire West and Chester Council", 1) + "- 30 minutes of speech and language therapy each week with an HCPC-registered Speech and Language Therapist.\n",
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findingLines(t, e, tt.src); got != tt.want {
				t.Errorf("findings:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestPlaceholderAlwaysError: a configuration cannot lower the placeholder
// rule, or a placeholder would reach a final document.
func TestPlaceholderAlwaysError(t *testing.T) {
	for _, sev := range []string{"warning", "info", "off"} {
		cfg := DefaultConfig()
		rc := cfg.Rules["placeholder"]
		rc.Severity = sev
		cfg.Rules["placeholder"] = rc
		if _, err := New(cfg, nil); err == nil || !strings.Contains(err.Error(), "placeholder is always an error") {
			t.Errorf("severity %s: err = %v, want a refusal", sev, err)
		}
	}
}

func TestProblemRule(t *testing.T) {
	for _, id := range []string{ProblemRule(0), ProblemRule(1), ProblemRule(2)} {
		if ruleIndex(id) == len(RuleIDs) {
			t.Errorf("ProblemRule gives %q, which is not in RuleIDs", id)
		}
	}
}
