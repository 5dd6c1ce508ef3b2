package lsp

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/lazyre"
	"github.com/sendgen/sendgen/lint"
)

// codeActions offers, for each finding in the range (or among the
// diagnostics the client sent), its mechanical fixes and a comment that
// disables the rule there, all as workspace edits the client applies
// itself: no client-side command, so every editor can use them.
func (s *Server) codeActions(ctx context.Context, p CodeActionParams) []CodeAction {
	out := []CodeAction{}
	if len(p.Context.Only) > 0 && !wantsQuickFix(p.Context.Only) {
		return out
	}
	a := s.current(ctx, p.TextDocument.URI)
	if a == nil || a.res.Case == nil {
		return out
	}
	start, end := toOffset(a.src, p.Range.Start), toOffset(a.src, p.Range.End)
	offered := map[string]bool{} // one disable action per rule and line
	for i, f := range a.res.Findings {
		diag := diagnostic(a, f)
		if !(f.Span.Start <= end && start <= f.Span.End) && !sent(p.Context.Diagnostics, diag) {
			continue
		}
		for _, fx := range f.Fixes {
			out = append(out, CodeAction{Title: fx.Title, Kind: CodeActionQuickFix, Diagnostics: []Diagnostic{diag},
				IsPreferred: len(f.Fixes) == 1, Edit: s.edit(a, []casefile.Fix{fx})})
		}
		if sup := s.suppression(ctx, a, i); sup != nil && !offered[sup.title+sup.fixes[0].NewText] {
			offered[sup.title+sup.fixes[0].NewText] = true
			out = append(out, CodeAction{Title: sup.title, Kind: CodeActionQuickFix, Diagnostics: []Diagnostic{diag},
				Edit: s.edit(a, sup.fixes)})
		}
	}
	return out
}

// wantsQuickFix reports whether a client's "only" filter admits quick
// fixes: "quickfix" itself, or the empty kind that admits every kind.
func wantsQuickFix(only []string) bool {
	for _, k := range only {
		if k == CodeActionQuickFix || k == "" {
			return true
		}
	}
	return false
}

// sent reports whether the client's context names this diagnostic.
func sent(ds []Diagnostic, d Diagnostic) bool {
	for _, c := range ds {
		if c.Code == d.Code && c.Range == d.Range {
			return true
		}
	}
	return false
}

// edit is a workspace edit of the analysed version: with the version
// (documentChanges) when the client supports it, so an edit computed for
// older text is refused rather than applied in the wrong place.
func (s *Server) edit(a *analysis, fixes []casefile.Fix) *WorkspaceEdit {
	edits := make([]TextEdit, len(fixes))
	for i, f := range fixes {
		edits[i] = TextEdit{Range: toRange(a.src, f.Span), NewText: f.NewText}
	}
	s.mu.Lock()
	versioned := s.caps.Workspace.WorkspaceEdit.DocumentChanges
	s.mu.Unlock()
	if versioned {
		v := a.version
		return &WorkspaceEdit{DocumentChanges: []TextDocumentEdit{{
			TextDocument: OptionalVersionedTextDocumentIdentifier{URI: a.uri, Version: &v}, Edits: edits}}}
	}
	return &WorkspaceEdit{Changes: map[string][]TextEdit{a.uri: edits}}
}

// suppression is the edit that disables one finding's rule where it is.
type suppression struct {
	title string
	fixes []casefile.Fix
}

// suppression returns the comment that silences finding i, or nil. The
// comment syntax is lint's (lint/suppress.go), and it works in the Markdown
// body only: in the front matter a YAML comment would not be read. Where
// the comment goes depends on the line: on a line of its own before a
// block, at the end of the line before inside a paragraph (a comment line
// there would split the paragraph in two), and as a disable/enable pair
// inside a table row (a line between rows would end the table). Each
// candidate is checked by linting the edited text: it is offered only if
// it removes that rule's findings on that line and changes no other, so the
// action never breaks the document's structure or silences more than it
// says.
func (s *Server) suppression(ctx context.Context, a *analysis, i int) *suppression {
	a.mu.Lock()
	if sup, ok := a.suppress[i]; ok {
		a.mu.Unlock()
		return sup
	}
	a.mu.Unlock()
	c, f := a.res.Case, a.res.Findings[i]
	var found *suppression
	if !c.HasFront || f.Span.Start >= c.Front.Span.End {
		for _, cand := range suppressionCandidates(c, f) {
			out, applied, _ := casefile.ApplyFixes(a.text, cand.fixes)
			if len(applied) != len(cand.fixes) {
				continue
			}
			res := s.ws.Check(ctx, a.path, out)
			if res.Err == nil && sameOtherwise(c, a.res.Findings, i, res.Findings) {
				found = cand
				break
			}
		}
	}
	a.mu.Lock()
	if a.suppress == nil {
		a.suppress = map[int]*suppression{}
	}
	a.suppress[i] = found
	a.mu.Unlock()
	return found
}

var blockStart = lazyre.New(`^(?:#|[-*+]\s|\d+[.)]\s|>|\x60\x60\x60|~~~|<!--|\|)`)

func suppressionCandidates(c *casefile.Case, f lint.Finding) []*suppression {
	line := c.Pos(f.Span.Start).Line
	text := c.LineText(line)
	trimmed := strings.TrimLeft(text, " \t")
	indent := text[:len(text)-len(trimmed)]
	start := c.LineStart(line)
	eol := "\n"
	if bytes.HasPrefix(c.Bytes[start+len(text):], []byte("\r\n")) {
		eol = "\r\n"
	}
	if strings.HasPrefix(trimmed, "|") {
		// A table row: a pair of comments inside it covers its line only.
		open := start + len(indent) + 1
		closeAt := start + len(strings.TrimRight(text, " \t"))
		if strings.HasSuffix(strings.TrimRight(text, " \t"), "|") && closeAt-1 > open {
			closeAt--
		}
		return []*suppression{{title: fmt.Sprintf("Disable %s on this table row", f.Rule), fixes: []casefile.Fix{
			{Span: casefile.Span{Start: open, End: open}, NewText: fmt.Sprintf(" <!-- sendgen-disable %s -->", f.Rule)},
			{Span: casefile.Span{Start: closeAt, End: closeAt}, NewText: fmt.Sprintf("<!-- sendgen-enable %s --> ", f.Rule)},
		}}}
	}
	comment := fmt.Sprintf("<!-- sendgen-disable-next-line %s -->", f.Rule)
	title := fmt.Sprintf("Disable %s for this line", f.Rule)
	own := &suppression{title: title, fixes: []casefile.Fix{{Span: casefile.Span{Start: start, End: start}, NewText: indent + comment + eol}}}
	prev := ""
	if line > 1 {
		prev = strings.TrimSpace(c.LineText(line - 1))
	}
	prevBody := line > 1 && (!c.HasFront || c.LineStart(line-1) >= c.Front.Span.End)
	if prev == "" || !prevBody || strings.HasPrefix(prev, "#") || strings.HasPrefix(prev, "|") ||
		strings.HasPrefix(prev, "```") || strings.HasPrefix(prev, "~~~") || strings.HasPrefix(prev, "<!--") {
		return []*suppression{own}
	}
	prevEnd := c.LineStart(line-1) + len(strings.TrimRight(c.LineText(line-1), " \t"))
	inline := &suppression{title: title, fixes: []casefile.Fix{{Span: casefile.Span{Start: prevEnd, End: prevEnd}, NewText: " " + comment}}}
	if blockStart.MatchString(trimmed) && !strings.HasPrefix(trimmed, "-") && !strings.HasPrefix(trimmed, "*") && !strings.HasPrefix(trimmed, "+") {
		return []*suppression{own, inline}
	}
	// Inside a paragraph, or a list item after another (a comment line
	// between two items would split the list): at the end of the line before.
	return []*suppression{inline, own}
}

var lineNumber = lazyre.New(`\bline \d+`)

// sameOtherwise reports whether after holds exactly the findings of before
// but those of before[i]'s rule on its line. Findings are compared by rule,
// severity, words and message, not position: the comment moves what
// follows it.
func sameOtherwise(c *casefile.Case, before []lint.Finding, i int, after []lint.Finding) bool {
	key := func(f lint.Finding) string {
		return f.Rule + "\x00" + f.Severity.String() + "\x00" + f.Match + "\x00" + lineNumber.ReplaceAllString(f.Message, "line N")
	}
	line := c.Pos(before[i].Span.Start).Line
	want := map[string]int{}
	n := 0
	for _, f := range before {
		if f.Rule == before[i].Rule && c.Pos(f.Span.Start).Line == line {
			continue
		}
		want[key(f)]++
		n++
	}
	if len(after) != n {
		return false
	}
	for _, f := range after {
		k := key(f)
		if want[k] == 0 {
			return false
		}
		want[k]--
	}
	return true
}
