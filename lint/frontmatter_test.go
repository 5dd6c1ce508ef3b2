package lint

import (
	"strings"
	"testing"
)

// TestFrontmatterFindingsInPlace: a refused enumeration value is reported
// once, on the value, not a second time by the timetable on decision.date.
func TestFrontmatterFindingsInPlace(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name, from, to string
		on             string // the text the finding covers
		message        string
	}{
		{"misspelt role: once, on the value", "  role: parent", "  role: parnet", "parnet", "appellant.role is \"parnet\""},
		{"misspelt decision type: once, on the value", "  type: plan-contents", "  type: plan_contnets", "plan_contnets", "decision.type is \"plan_contnets\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(header, tt.from, tt.to, 1)
			c, fs := lintSource(t, e, src, "2026-09-02")
			n := 0
			for _, f := range fs {
				if f.Rule != "frontmatter" {
					continue
				}
				n++
				if got := string(c.Bytes[f.Span.Start:f.Span.End]); got != tt.on || !strings.Contains(f.Message, tt.message) {
					t.Errorf("finding on %q: %s; want on %q: %s", got, f.Message, tt.on, tt.message)
				}
			}
			if n != 1 {
				t.Errorf("%d frontmatter findings, want 1: %+v", n, fs)
			}
		})
	}
}
