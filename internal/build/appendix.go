package build

import (
	"fmt"
	"path/filepath"

	"github.com/sendgen/sendgen/render"
	"github.com/sendgen/sendgen/report"
)

// appendixFindings are the case's findings as a draft's appendix lists
// them: file:line:column, severity, rule, and the message with its
// suggestion.
func appendixFindings(res *Result) []render.Finding {
	out := make([]render.Finding, 0, len(res.Findings))
	for _, f := range res.Findings {
		d := report.Resolve(res.Path, res.Case.Source, f)
		msg := f.Message
		if f.Suggestion != "" {
			msg += " Suggestion: " + f.Suggestion
		}
		out = append(out, render.Finding{
			Location: fmt.Sprintf("%s:%d:%d", filepath.Base(d.Path), d.Line, d.Column),
			Severity: d.Severity, Rule: d.Rule, Message: msg,
		})
	}
	return out
}
