package casefile

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Body is the Markdown body of a case file, organised by headings.
type Body struct {
	// Sections are the level-1 headings in order. Text before the first
	// heading belongs to a section with Level 0 and an empty Title.
	Sections []*Section
	// Directives are the sendgen-disable/enable comments, in file order.
	Directives []Directive
}

// Section is a heading and what follows it up to the next heading of the
// same or a higher level.
type Section struct {
	Title    string
	Level    int
	Span     Span // the heading line
	Parent   *Section
	Children []*Section
	Blocks   []*Block // paragraphs and list items directly in this section
	Tables   []*Table
}

// Key is the heading in lower case with spaces collapsed, for matching.
func (s *Section) Key() string { return normaliseHeading(s.Title) }

func normaliseHeading(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Find returns the first level-1 section whose heading matches title
// (case-insensitive), or nil.
func (b *Body) Find(title string) *Section {
	key := normaliseHeading(title)
	for _, s := range b.Sections {
		if s.Level == 1 && s.Key() == key {
			return s
		}
	}
	return nil
}

// Child returns the first sub-section whose heading matches title.
func (s *Section) Child(title string) *Section {
	key := normaliseHeading(title)
	for _, c := range s.Children {
		if c.Key() == key {
			return c
		}
	}
	return nil
}

// BlockKind says what a block is.
type BlockKind int

const (
	Paragraph BlockKind = iota
	ListItem
)

// Block is a paragraph or a list item with its text.
type Block struct {
	Kind BlockKind
	Text Text
	// Depth is the list nesting depth (0 for paragraphs, 1 for top-level items).
	Depth int
}

// Table is a GFM table.
type Table struct {
	Span   Span
	Header []Text
	Rows   []Row
}

// Row is a table row.
type Row struct {
	Span  Span
	Cells []Text
}

// Column returns the index of the header matching one of names
// (case-insensitive), or -1.
func (t *Table) Column(names ...string) int {
	for i, h := range t.Header {
		k := normaliseHeading(h.Text)
		for _, n := range names {
			if k == n {
				return i
			}
		}
	}
	return -1
}

// Directive is a suppression comment:
// <!-- sendgen-disable RULE... -->, <!-- sendgen-enable RULE... --> or
// <!-- sendgen-disable-next-line RULE... -->. No rules means all rules.
type Directive struct {
	Span  Span
	Kind  string // disable | enable | disable-next-line
	Rules []string
}

var directivePattern = regexp.MustCompile(`<!--\s*sendgen-(disable-next-line|disable|enable)\b([^>]*?)-->`)

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// parseBody parses src[start:] as Markdown and returns the body with every
// span shifted to be an offset into src.
func parseBody(src []byte, start int) Body {
	body := src[start:]
	doc := markdown.Parser().Parse(text.NewReader(body))
	b := &bodyBuilder{src: body, base: start}
	cur := &Section{Level: 0}
	b.out.Sections = append(b.out.Sections, cur)
	var top *Section = cur
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			s := &Section{Title: b.plain(n).Text, Level: n.Level, Span: b.lineSpan(n)}
			if n.Level == 1 || top.Level == 0 {
				b.out.Sections = append(b.out.Sections, s)
				top = s
				if n.Level != 1 {
					// A sub-heading before any level-1 heading still needs a home.
					s.Level = 1
				}
			} else {
				s.Parent = top
				top.Children = append(top.Children, s)
			}
			cur = s
		default:
			b.block(cur, n, 0)
		}
	}
	if len(b.out.Sections[0].Blocks) == 0 && len(b.out.Sections[0].Tables) == 0 && len(b.out.Sections) > 1 {
		b.out.Sections = b.out.Sections[1:]
	}
	return b.out
}

type bodyBuilder struct {
	src  []byte
	base int
	out  Body
}

// lineSpan is the span of a block node from its first to its last line.
func (b *bodyBuilder) lineSpan(n ast.Node) Span {
	lines := n.Lines()
	if lines != nil && lines.Len() > 0 {
		first, last := lines.At(0), lines.At(lines.Len()-1)
		stop := last.Stop
		for stop > first.Start && (b.src[stop-1] == '\n' || b.src[stop-1] == '\r') {
			stop--
		}
		return Span{b.base + first.Start, b.base + stop}
	}
	if p := n.Pos(); p >= 0 {
		return Span{b.base + p, b.base + p}
	}
	return Span{b.base, b.base}
}

func (b *bodyBuilder) block(sec *Section, n ast.Node, depth int) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		t := b.plain(n)
		if strings.TrimSpace(t.Text) != "" {
			kind := Paragraph
			if depth > 0 {
				kind = ListItem
			}
			sec.Blocks = append(sec.Blocks, &Block{Kind: kind, Text: t, Depth: depth})
		}
	case *ast.List:
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			b.listItem(sec, it, depth+1)
		}
	case *ast.Blockquote:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			b.block(sec, c, depth)
		}
	case *east.Table:
		b.table(sec, n)
	case *ast.HTMLBlock:
		var sb strings.Builder
		lines := n.Lines()
		first := -1
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if first < 0 {
				first = seg.Start
			}
			sb.Write(seg.Value(b.src))
		}
		if n.HasClosure() {
			sb.Write(n.ClosureLine.Value(b.src))
		}
		b.directives(sb.String(), first)
	}
	// Code blocks and thematic breaks hold no provision: skipped on purpose.
}

// listItem turns an item's own paragraphs into one block and recurses into
// nested lists, so "- a\n  - b" yields two blocks.
func (b *bodyBuilder) listItem(sec *Section, it ast.Node, depth int) {
	var t Text
	t.Span = Span{-1, -1}
	var nested []ast.Node
	for c := it.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			p := b.plain(c)
			if t.Span.Start < 0 {
				t.Span = p.Span
			} else {
				t.appendSynthetic(" ", p.Span.Start)
				t.Span.End = p.Span.End
			}
			t.appendText(p)
		default:
			nested = append(nested, c)
		}
	}
	if t.Span.Start >= 0 && strings.TrimSpace(t.Text) != "" {
		sec.Blocks = append(sec.Blocks, &Block{Kind: ListItem, Text: t, Depth: depth})
	}
	for _, c := range nested {
		b.block(sec, c, depth)
	}
}

func (b *bodyBuilder) table(sec *Section, n *east.Table) {
	t := &Table{}
	first := true
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []Text
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, b.plain(c))
		}
		span := rowSpan(cells)
		if first {
			t.Header = cells
			t.Span = span
			first = false
			continue
		}
		// Empty cells have no text to locate them; use the row.
		row := Row{Span: span, Cells: cells}
		t.Rows = append(t.Rows, row)
		if span.End > t.Span.End {
			t.Span.End = span.End
		}
	}
	b.fixRowSpans(t)
	sec.Tables = append(sec.Tables, t)
}

func rowSpan(cells []Text) Span {
	s := Span{-1, -1}
	for _, c := range cells {
		if len(c.segs) == 0 {
			continue
		}
		w := c.Whole()
		if s.Start < 0 || w.Start < s.Start {
			s.Start = w.Start
		}
		if w.End > s.End {
			s.End = w.End
		}
	}
	return s
}

// fixRowSpans widens each row's span to its whole source line, so an empty
// cell can still be reported on the right line, and gives empty cells a
// zero-width span at the line's start.
func (b *bodyBuilder) fixRowSpans(t *Table) {
	fix := func(sp Span) Span {
		if sp.Start < 0 {
			return sp
		}
		start := sp.Start - b.base
		for start > 0 && b.src[start-1] != '\n' {
			start--
		}
		end := sp.End - b.base
		for end < len(b.src) && b.src[end] != '\n' && b.src[end] != '\r' {
			end++
		}
		return Span{b.base + start, b.base + end}
	}
	t.Span = fix(t.Span)
	for i := range t.Rows {
		t.Rows[i].Span = fix(t.Rows[i].Span)
		for j := range t.Rows[i].Cells {
			c := &t.Rows[i].Cells[j]
			if len(c.segs) == 0 {
				c.Span = Span{t.Rows[i].Span.Start, t.Rows[i].Span.Start}
			}
		}
	}
}

// plain collects the text of a node's inline children with a source map.
func (b *bodyBuilder) plain(n ast.Node) Text {
	var t Text
	b.inline(&t, n)
	t.Span = t.Whole()
	if len(t.segs) == 0 {
		t.Span = b.lineSpan(n)
	}
	return t
}

func (b *bodyBuilder) inline(t *Text, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment
			stop := seg.Stop
			for stop > seg.Start && b.src[stop-1] == '\r' {
				stop--
			}
			t.appendSource(b.src[seg.Start:stop], b.base+seg.Start)
			if c.SoftLineBreak() || c.HardLineBreak() {
				t.appendSynthetic(" ", b.base+stop)
			}
		case *ast.String:
			t.appendSynthetic(string(c.Value), b.lastSrc(t))
		case *ast.RawHTML:
			var sb strings.Builder
			first := -1
			for i := 0; i < c.Segments.Len(); i++ {
				s := c.Segments.At(i)
				if first < 0 {
					first = s.Start
				}
				sb.Write(s.Value(b.src))
			}
			b.directives(sb.String(), first)
		case *ast.AutoLink:
			t.appendSynthetic(string(c.Label(b.src)), b.lastSrc(t))
		default:
			b.inline(t, c)
		}
	}
}

func (b *bodyBuilder) lastSrc(t *Text) int {
	if len(t.segs) == 0 {
		return b.base
	}
	s := t.segs[len(t.segs)-1]
	if s.synthetic {
		return s.src
	}
	return s.src + s.n
}

func (b *bodyBuilder) directives(html string, at int) {
	for _, m := range directivePattern.FindAllStringSubmatchIndex(html, -1) {
		d := Directive{Span: Span{b.base + at + m[0], b.base + at + m[1]}, Kind: html[m[2]:m[3]]}
		for _, r := range strings.FieldsFunc(html[m[4]:m[5]], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
			d.Rules = append(d.Rules, r)
		}
		b.out.Directives = append(b.out.Directives, d)
	}
}
