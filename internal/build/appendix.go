package build

import (
	"fmt"
	"path/filepath"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/render"
	"github.com/sendgen/sendgen/report"
	"github.com/sendgen/sendgen/send"
)

// printedSections are the body sections each built-in document prints; the
// front matter is printed by all three.
var printedSections = map[render.Document][]string{
	render.PositionStatement: {send.Background, send.LegalPosition, send.RequestedProvision, send.Evidence, send.NextSteps},
	render.OutcomeForm:       {send.Issues, send.AgreedActions, send.UnresolvedIssues, send.NextSteps},
	render.Certificate:       nil,
}

// Concerns reports whether a finding is about something a document prints:
// it is in the front matter (every document prints the parties, the
// decision and the dates), in a body section the document prints, or in
// no section any document prints (a problem with the file as a whole, such
// as a heading no document knows). A certificate is not concerned by the
// wording of the provision, nor a position statement by the agreed actions.
func Concerns(c *casefile.Case, kind render.Document, f lint.Finding) bool {
	if !c.HasFront || f.Span.Start < c.Front.Span.End {
		return true
	}
	var in *casefile.Section
	for _, s := range c.Body.Sections {
		if s.Level != 1 {
			continue
		}
		if ext := c.Body.Extent(s); f.Span.Start >= ext.Start && f.Span.Start < ext.End {
			in = s
		}
	}
	if in == nil {
		return true
	}
	known := false
	for _, h := range send.Headings {
		if c.Body.Find(h) == in {
			known = true
			for _, p := range printedSections[kind] {
				if p == h {
					return true
				}
			}
		}
	}
	return !known
}

// appendixFindings are the findings a draft's appendix lists: those that
// concern the document, each with file:line:column, severity, rule, the
// message and, apart, its suggestion.
func appendixFindings(res *Result, kind render.Document) []render.Finding {
	out := make([]render.Finding, 0, len(res.Findings))
	for _, f := range res.Findings {
		if !Concerns(res.Case, kind, f) {
			continue
		}
		d := report.Resolve(res.Path, res.Case.Source, f)
		out = append(out, render.Finding{
			Location: fmt.Sprintf("%s:%d:%d", filepath.Base(d.Path), d.Line, d.Column),
			Severity: d.Severity, Rule: d.Rule, Message: d.Message, Suggestion: d.Suggestion,
		})
	}
	return out
}
