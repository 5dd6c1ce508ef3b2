package casefile

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A placeholder is text `sendgen new` writes for the writer to replace:
// "[[child's full name]]". The brackets survive both YAML (inside quotes)
// and Markdown (an unresolved reference is printed as written, where
// "<Child name>" would be read as HTML and vanish), and nothing in a real
// case file looks like them. A placeholder left in a file is a problem of
// its own kind, and the only problem reported for that value.
const (
	PlaceholderOpen  = "[["
	PlaceholderClose = "]]"
)

// FindPlaceholder returns the byte range of the first placeholder in s at
// or after from, brackets included, or -1, -1. A placeholder does not span
// lines and holds at least one character.
func FindPlaceholder(s string, from int) (start, end int) {
	for from < len(s) {
		i := strings.Index(s[from:], PlaceholderOpen)
		if i < 0 {
			return -1, -1
		}
		i += from
		j := strings.Index(s[i+2:], PlaceholderClose)
		if j < 0 {
			return -1, -1
		}
		inner := s[i+2 : i+2+j]
		if j > 0 && !strings.ContainsAny(inner, "\n\r[") {
			return i, i + 2 + j + 2
		}
		from = i + 1
	}
	return -1, -1
}

// placeholderMessage is the message for a placeholder still in the file.
func placeholderMessage(prefix, placeholder string) string {
	return prefix + "fill in the placeholder " + placeholder
}

const placeholderFix = "replace it, brackets included, with the real text"

// placeholder reports a front-matter value that is still a placeholder, or
// holds one: "[[child's full name]]", quoted or not (unquoted, YAML reads
// [[...]] as a list inside a list). It returns true when it reported one:
// the value is then not set, and nothing else is said about it.
func (d *decoder) placeholder(path string, val *yaml.Node) bool {
	switch {
	case val.Kind == yaml.ScalarNode:
		if i, j := FindPlaceholder(val.Value, 0); i >= 0 {
			d.problems = append(d.problems, Problem{Kind: PlaceholderProblem, Span: d.nodeSpan(val),
				Message: placeholderMessage(path+": ", val.Value[i:j]), Suggestion: placeholderFix})
			return true
		}
	case isBracketedList(val):
		raw := d.rawValue(val)
		if i, j := FindPlaceholder(raw, 0); i >= 0 {
			raw = raw[i:j]
		}
		sp := d.nodeSpan(val)
		d.problems = append(d.problems, Problem{Kind: PlaceholderProblem, Span: sp,
			Message: placeholderMessage(path+": ", raw), Suggestion: placeholderFix})
		return true
	}
	return false
}

// isBracketedList reports whether n is the list YAML makes of an unquoted
// [[...]]: a flow list holding only a flow list of plain values.
func isBracketedList(n *yaml.Node) bool {
	if n.Kind != yaml.SequenceNode || n.Style&yaml.FlowStyle == 0 || len(n.Content) != 1 {
		return false
	}
	in := n.Content[0]
	if in.Kind != yaml.SequenceNode || in.Style&yaml.FlowStyle == 0 || len(in.Content) == 0 {
		return false
	}
	for _, c := range in.Content {
		if c.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

// collectPlaceholders reports every placeholder in the body's text: the
// headings, paragraphs, list items and table cells a document prints. HTML
// comments (the instructions of a new case file) and code are not printed,
// so a placeholder there is not a problem.
func (c *Case) collectPlaceholders() {
	if !bytes.Contains(c.Bytes[min(c.Front.Span.End, len(c.Bytes)):], []byte(PlaceholderOpen)) {
		return
	}
	report := func(t *Text) {
		for from := 0; ; {
			i, j := FindPlaceholder(t.Text, from)
			if i < 0 {
				return
			}
			c.Problems = append(c.Problems, Problem{Kind: PlaceholderProblem, Span: t.Source(i, j),
				Message: placeholderMessage("", t.Text[i:j]), Suggestion: placeholderFix})
			from = j
		}
	}
	var walk func(s *Section)
	walk = func(s *Section) {
		if i, j := FindPlaceholder(s.Title, 0); i >= 0 {
			c.Problems = append(c.Problems, Problem{Kind: PlaceholderProblem, Span: s.Span,
				Message: placeholderMessage("this heading: ", s.Title[i:j]), Suggestion: placeholderFix})
		}
		for _, b := range s.Blocks {
			report(&b.Text)
		}
		for _, t := range s.Tables {
			for i := range t.Header {
				report(&t.Header[i])
			}
			for _, r := range t.Rows {
				for i := range r.Cells {
					report(&r.Cells[i])
				}
			}
		}
		for _, ch := range s.Children {
			walk(ch)
		}
	}
	for _, s := range c.Body.Sections {
		walk(s)
	}
}

// HasPlaceholder reports whether s holds a placeholder.
func HasPlaceholder(s string) bool {
	i, _ := FindPlaceholder(s, 0)
	return i >= 0
}
