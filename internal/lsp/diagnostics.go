package lsp

import (
	"errors"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

// RuleURL links to one rule's section of docs/rules.md, which is generated
// from rules.yaml (report's TestRulesDoc), the link SARIF gives too.
func RuleURL(rule string) string { return report.RuleURL(rule) }

// The protocol's positions are converted to and from byte offsets here and
// nowhere else, through casefile.Source: lines are 0-based and columns count
// UTF-16 code units, so "Zoë" is three units and an emoji two.

func toPosition(src *casefile.Source, off int) Position {
	p := src.Pos(off)
	return Position{Line: p.Line - 1, Character: p.UTF16}
}

func toRange(src *casefile.Source, sp casefile.Span) Range {
	return Range{Start: toPosition(src, sp.Start), End: toPosition(src, sp.End)}
}

func toOffset(src *casefile.Source, p Position) int {
	if p.Line < 0 {
		return 0
	}
	return src.OffsetUTF16(p.Line+1, p.Character)
}

func severity(s lint.Severity) DiagnosticSeverity {
	switch s {
	case lint.Error:
		return SeverityError
	case lint.Warning:
		return SeverityWarning
	}
	return SeverityInformation
}

// diagnosticData is Diagnostic.data: what an editor or a script needs to
// show the suggestion or apply a fix without asking the server again.
type diagnosticData struct {
	// Version is the document version the diagnostic was made for.
	Version    int32     `json:"version"`
	Suggestion string    `json:"suggestion,omitempty"`
	Fixes      []fixData `json:"fixes,omitempty"`
}

type fixData struct {
	Title   string `json:"title"`
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

func (s *Server) diagnostics(a *analysis) []Diagnostic {
	out := []Diagnostic{}
	if a.res.Err != nil {
		return append(out, errorDiagnostic(a))
	}
	for _, f := range a.res.Findings {
		out = append(out, diagnostic(a, f))
	}
	return out
}

func diagnostic(a *analysis, f lint.Finding) Diagnostic {
	// The matched words are not repeated: the client has the text and the
	// range, and a missing-frequency finding's match is its whole statement.
	data := &diagnosticData{Version: a.version, Suggestion: f.Suggestion}
	for _, fx := range f.Fixes {
		data.Fixes = append(data.Fixes, fixData{Title: fx.Title, Range: toRange(a.src, fx.Span), NewText: fx.NewText})
	}
	return Diagnostic{Range: toRange(a.src, f.Span), Severity: severity(f.Severity), Code: f.Rule,
		CodeDescription: &CodeDescription{Href: RuleURL(f.Rule)}, Source: "sendgen", Message: f.Message, Data: data}
}

// errorDiagnostic shows why the document could not be checked at all (not
// UTF-8, too large, a broken .sendgen.yaml) where it went wrong, or on the
// first line.
func errorDiagnostic(a *analysis) Diagnostic {
	var r Range
	var ce *casefile.Error
	if errors.As(a.res.Err, &ce) && ce.Line > 0 {
		off := a.src.OffsetAt(ce.Line, ce.Column)
		r = toRange(a.src, casefile.Span{Start: off, End: off})
	}
	return Diagnostic{Range: r, Severity: SeverityError, Source: "sendgen", Message: a.res.Err.Error()}
}
