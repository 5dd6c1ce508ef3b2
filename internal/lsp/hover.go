package lsp

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
	"github.com/sendgen/sendgen/timeline"
)

// hover explains what is under the cursor: each finding there (the rule's
// reasons, from the text `sendgen explain` prints) and, on a front-matter
// date, the statutory dates it produces.
func (s *Server) hover(ctx context.Context, p TextDocumentPositionParams) *Hover {
	a := s.current(ctx, p.TextDocument.URI)
	if a == nil || a.res.Case == nil {
		return nil
	}
	off := toOffset(a.src, p.Position)
	var parts []string
	var at *casefile.Span
	seen := map[string]bool{}
	engine, _, _ := s.ws.Engine(a.path)
	// The innermost finding first: on "regular" in a statement that also
	// lacks a frequency, the word's rule, then the statement's.
	var here []lint.Finding
	for _, f := range a.res.Findings {
		if under(f.Span, off) {
			here = append(here, f)
		}
	}
	sort.SliceStable(here, func(i, j int) bool {
		return here[i].Span.End-here[i].Span.Start < here[j].Span.End-here[j].Span.Start
	})
	for _, f := range here {
		if seen[f.Rule] {
			continue
		}
		seen[f.Rule] = true
		if at == nil {
			sp := f.Span
			at = &sp
		}
		parts = append(parts, findingHover(engine, f))
	}
	if md, sp, ok := dateHover(a.res.Case, a.res.Dates, off); ok {
		parts = append(parts, md)
		if at == nil {
			at = &sp
		}
	}
	if len(parts) == 0 {
		return nil
	}
	r := toRange(a.src, *at)
	kind := "markdown"
	s.mu.Lock()
	if !s.markdownText {
		kind = "plaintext"
	}
	s.mu.Unlock()
	return &Hover{Contents: MarkupContent{Kind: kind, Value: strings.Join(parts, "\n---\n\n")}, Range: &r}
}

// under reports whether the cursor at off is on the span (its end included:
// the cursor sits after the last letter of a word it has just typed).
func under(sp casefile.Span, off int) bool {
	return sp.Start <= off && off <= sp.End
}

func findingHover(e *lint.Engine, f lint.Finding) string {
	var b strings.Builder
	r, ok := lint.RuleInfo{}, false
	if e != nil {
		r, ok = e.Rule(f.Rule)
	}
	if !ok {
		r = lint.RuleInfo{ID: f.Rule, Severity: f.Severity}
	}
	// The finding's own severity: the appeal deadline's depends on the date.
	r.Severity = f.Severity
	// The text of `sendgen explain`, docs/rules.md and SARIF's rule help.
	fmt.Fprintf(&b, "### %s\n\n%s", r.ID, report.RuleHelpMarkdown(r))
	if f.Suggestion != "" && f.Suggestion != r.Suggestion {
		fmt.Fprintf(&b, "\n**Here:** %s\n", f.Suggestion)
	}
	fmt.Fprintf(&b, "\n[%s in the rules](%s)\n", f.Rule, RuleURL(f.Rule))
	return b.String()
}

// dateField is a front-matter date and the statutory dates computed from it
// (timeline.Compute; TestDateProduces checks this table against it).
type dateField struct {
	path     string
	date     casefile.Date
	produces []string // timeline keys
	actions  bool     // the agreed actions' reg 42 defaults run from it
}

// produces names, for each front-matter date, the timeline dates computed
// from it.
var produces = map[string][]string{
	"decision.date":               {timeline.KeyAdviserContactBy, timeline.KeyAppealDeadline},
	"mediation.adviser_contacted": {timeline.KeyCertificateDue},
	"mediation.la_informed":       {timeline.KeyMediationDue},
	"mediation.date":              {timeline.KeyCertificateDue},
	"certificate.issued":          {timeline.KeyAppealDeadline},
	"child.transfer.date":         {timeline.KeyPhaseTransferBy},
	"child.date_of_birth":         nil,
}

func dateFields(c *casefile.Case) []dateField {
	f := &c.Front
	out := []dateField{
		{path: "decision.date", date: f.Decision.Date},
		{path: "child.date_of_birth", date: f.Child.DateOfBirth},
	}
	if t := f.Child.Transfer; t != nil {
		out = append(out, dateField{path: "child.transfer.date", date: t.Date})
	}
	if m := f.Mediation; m != nil {
		out = append(out,
			dateField{path: "mediation.adviser_contacted", date: m.AdviserContacted},
			dateField{path: "mediation.la_informed", date: m.LAInformed},
			dateField{path: "mediation.date", date: m.Date, actions: true})
	}
	if cert := f.Certificate; cert != nil {
		out = append(out, dateField{path: "certificate.issued", date: cert.Issued})
	}
	for i := range out {
		out[i].produces = produces[out[i].path]
	}
	return out
}

// dateHover is the hover of a front-matter date: the cursor anywhere on its
// line, key or value.
func dateHover(c *casefile.Case, dates timeline.Dates, off int) (string, casefile.Span, bool) {
	line := c.Pos(off).Line
	for _, f := range dateFields(c) {
		if !f.date.Set || c.Pos(f.date.Span.Start).Line != line {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "### %s: %s\n\n", f.path, f.date.Time.Format("Monday 2 January 2006"))
		if len(f.produces) == 0 && !f.actions {
			fmt.Fprintf(&b, "No statutory date is computed from %s.\n", f.path)
			return b.String(), f.date.Span, true
		}
		b.WriteString("The statutory dates it produces:\n\n")
		for _, key := range f.produces {
			d := dateByKey(dates, key)
			if d.Date.IsZero() {
				fmt.Fprintf(&b, "- **%s**: not computed: %s (%s)\n", d.Label, d.Why, d.Basis)
				continue
			}
			fmt.Fprintf(&b, "- **%s: %s** (%s)  \n  %s\n", d.Label, d.Date.Format("Monday 2 January 2006"), d.Basis, d.Why)
		}
		if f.actions {
			for i, due := range dates.Actions {
				if i >= len(c.Actions) || due.Due.IsZero() {
					continue
				}
				fmt.Fprintf(&b, "- **Agreed action %d, by default: %s** (%s)  \n  %s\n", i+1,
					due.Due.Format("Monday 2 January 2006"), due.Basis, shorten(c.Actions[i].Action.Text, 70))
			}
		}
		return b.String(), f.date.Span, true
	}
	return "", casefile.Span{}, false
}

func dateByKey(d timeline.Dates, key string) timeline.Date {
	switch key {
	case timeline.KeyAdviserContactBy:
		return d.AdviserContactBy
	case timeline.KeyCertificateDue:
		return d.CertificateDue
	case timeline.KeyMediationDue:
		return d.MediationDue
	case timeline.KeyAppealDeadline:
		return d.AppealDeadline
	case timeline.KeyPhaseTransferBy:
		return d.PhaseTransferBy
	}
	return timeline.Date{Key: key}
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
