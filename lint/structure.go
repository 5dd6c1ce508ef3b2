package lint

import (
	"fmt"
	"strings"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/suggest"
	"github.com/sendgen/sendgen/internal/words"
	"github.com/sendgen/sendgen/send"
)

// structureRule reports a body the documents cannot use as written: a
// level-1 heading they do not know (its content is silently left out), agreed
// actions written as a list or in a table without the Action, Who and By
// columns (the outcome form would say no actions were agreed), and a
// # Requested provision with no provision in it. Each finding names the
// section it is about, so that the document drawn from it is held back.
type structureRule struct {
	extraHeadings map[string]bool
}

func (structureRule) ID() string { return "structure" }

func (r structureRule) Check(d *Doc, emit func(Finding)) {
	c := d.Case
	// The parser's body problems (an agreed actions table with no Action
	// column) are about the section they are in.
	var actions casefile.Span
	if s := c.Body.Find(send.AgreedActions); s != nil {
		actions = c.Body.Extent(s)
	}
	for _, p := range c.Problems {
		if p.Kind != casefile.BodyProblem {
			continue
		}
		f := Finding{Span: p.Span, Message: p.Message, Suggestion: p.Suggestion, Fixes: p.Fixes}
		if p.Span.Start >= actions.Start && p.Span.Start < actions.End {
			f.Section = send.AgreedActions
		}
		emit(f)
	}
	unknownDirectiveRules(d, emit)
	for _, s := range c.Body.Sections {
		if s.Level != 1 || s.Title == "" && s.Span.Empty() {
			continue // text before the first heading
		}
		if isKnownHeading(s) || len(r.extraHeadings) > 0 && r.extraHeadings[s.Key()] {
			continue
		}
		f := Finding{Span: s.Span, Message: fmt.Sprintf("no document uses a section called %q, so what is under it is left out", s.Title)}
		if want := nearestHeading(s.Title); want != "" {
			f.Message = fmt.Sprintf("%q is not a heading sendgen knows: did you mean %q?", "# "+s.Title, "# "+want)
			f.Suggestion = "write the heading as # " + want
			f.Section = want
		} else {
			f.Suggestion = "use one of the headings: # " + strings.Join(send.Headings, ", # ")
		}
		emit(f)
	}
	if s := c.Body.FindKey(agreedActionsKey); s != nil {
		r.checkActions(s, emit)
	}
	if s := c.Body.FindKey(requestedProvisionKey); s != nil {
		n := 0
		for _, st := range d.Statements {
			if st.Kind == Provision {
				n++
			}
		}
		if n == 0 && !holdsPlaceholder(s) {
			emit(Finding{Span: s.Span, Section: send.RequestedProvision,
				Message:    "# Requested provision has no provision in it",
				Suggestion: "write each provision as a list item or a table row under ## Section F (or G, H1, H2)"})
		}
	}
}

// holdsPlaceholder reports whether a section has provision still to be
// written ("[[the provision ...]]"): the placeholder rule reports it, and it
// is not an empty section.
func holdsPlaceholder(s *casefile.Section) bool {
	for _, sec := range append([]*casefile.Section{s}, s.Children...) {
		for _, b := range sec.Blocks {
			if casefile.HasPlaceholder(b.Text.Text) {
				return true
			}
		}
		for _, t := range sec.Tables {
			for _, r := range t.Rows {
				for _, c := range r.Cells {
					if casefile.HasPlaceholder(c.Text) {
						return true
					}
				}
			}
		}
	}
	return false
}

// checkActions reports agreed actions the outcome form cannot read.
func (structureRule) checkActions(s *casefile.Section, emit func(Finding)) {
	var tables []*casefile.Table
	var items []*casefile.Block
	for _, sec := range append([]*casefile.Section{s}, s.Children...) {
		tables = append(tables, sec.Tables...)
		for _, b := range sec.Blocks {
			if b.Kind == casefile.ListItem && !casefile.IsNone(b.Text.Text) {
				items = append(items, b)
			}
		}
	}
	if len(tables) > 0 {
		// Beside the table, text the outcome form does not print: an action
		// agreed in a sentence would be left out of the signed agreement.
		for _, sec := range append([]*casefile.Section{s}, s.Children...) {
			for _, b := range sec.Blocks {
				if casefile.IsNone(b.Text.Text) {
					continue
				}
				emit(Finding{Span: b.Text.Whole(), Section: send.AgreedActions,
					Message:    "the outcome form prints only the table of # Agreed actions, so this text is left out of the agreement",
					Suggestion: "if it is an agreed action, make it a row of the table; otherwise move it to # Issues or # Next steps"})
			}
		}
	}
	if len(tables) == 0 && len(items) > 0 {
		sp := items[0].Text.Whole()
		sp.End = items[len(items)-1].Text.Whole().End
		emit(Finding{Span: sp, Section: send.AgreedActions,
			Message:    "the agreed actions are written as a list, but the outcome form reads them from a table, so it would say no actions were agreed",
			Suggestion: "write them as a table with the columns | Action | Who | By |, one action per row"})
	}
	for _, t := range tables {
		var missing, extra []string
		for _, col := range []struct {
			name  string
			names []string
		}{{"Action", casefile.ActionColumns}, {"Who", casefile.WhoColumns}, {"By", casefile.ByColumns}} {
			if t.Column(col.names...) < 0 {
				missing = append(missing, col.name)
			}
		}
		for _, h := range t.Header {
			k := strings.TrimSpace(h.Text)
			if k == "" || k == "#" || strings.EqualFold(k, "no") || strings.EqualFold(k, "no.") || knownColumn(k) {
				continue
			}
			extra = append(extra, k)
		}
		switch {
		case t.Column(casefile.ActionColumns...) < 0:
			// The parser reports a table with no Action column (above).
		case len(missing) > 0:
			emit(Finding{Span: t.Span, Section: send.AgreedActions,
				Message:    fmt.Sprintf("the agreed actions table has no %s column, so the outcome form cannot read it", words.Or(quoteAll(missing))),
				Suggestion: "use the columns | Action | Who | By |"})
		case len(extra) > 0:
			emit(Finding{Span: t.Span, Section: send.AgreedActions, Severity: Warning, ownSeverity: true,
				Message:    fmt.Sprintf("the outcome form prints only Action, Who and By: the %s column will not appear on it", words.Or(quoteAll(extra))),
				Suggestion: "move what the column says into the Action column, or drop it"})
		}
	}
}

func knownColumn(k string) bool {
	k = strings.ToLower(strings.Join(strings.Fields(k), " "))
	for _, names := range [][]string{casefile.ActionColumns, casefile.WhoColumns, casefile.ByColumns} {
		for _, n := range names {
			if k == n {
				return true
			}
		}
	}
	return false
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "'" + s + "'"
	}
	return out
}

// headingKeys are send.Headings in lower case.
var headingKeys = func() []string {
	out := make([]string, len(send.Headings))
	for i, h := range send.Headings {
		out[i] = strings.ToLower(h)
	}
	return out
}()

func isKnownHeading(s *casefile.Section) bool {
	for _, k := range headingKeys {
		if s.Is(k) {
			return true
		}
	}
	return false
}

// nearestHeading is the known heading a mistyped one was meant to be:
// "Agreed Actions:" (punctuation), "Agreed actoins" (a typo), "Issues
// discussed" or "Actions agreed" (the words of a known heading, with more or
// in another order). "" when none is close.
func nearestHeading(title string) string {
	key := strings.ToLower(strings.Join(strings.FieldsFunc(title, func(r rune) bool {
		return r == ' ' || r == '\t' || strings.ContainsRune(":.;,!?*_#()[]-–—", r)
	}), " "))
	if key == "" {
		return ""
	}
	for _, h := range send.Headings {
		if key == strings.ToLower(h) {
			return h
		}
	}
	if n := suggest.Nearest(key, send.Headings); n != "" {
		return n
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(key) {
		words[w] = true
		words[strings.TrimSuffix(w, "s")] = true
	}
	for _, h := range send.Headings {
		all := true
		for _, w := range strings.Fields(strings.ToLower(h)) {
			all = all && (words[w] || words[strings.TrimSuffix(w, "s")])
		}
		if all {
			return h
		}
	}
	return ""
}
