package casefile

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/sendgen/sendgen/internal/lazyre"
)

// Body is the Markdown body of a case file, organised by headings.
type Body struct {
	// Sections are the level-1 headings in order. Text before the first
	// heading belongs to a section with Level 0 and an empty Title.
	Sections []*Section
	// Directives are the sendgen-disable/enable comments, in file order.
	Directives []Directive
	// End is the offset of the end of the body (the file's length).
	End int
	// problems found while reading the body, for Case.Problems.
	problems []Problem
}

// Extent is the byte range of a level-1 section in the file: from its
// heading to the next level-1 heading, or to the end of the body. Whatever
// a document draws from the section lies inside it.
func (b *Body) Extent(s *Section) Span {
	sp := Span{Start: s.Span.Start, End: b.End}
	found := false
	for _, o := range b.Sections {
		if found && o.Level == 1 {
			sp.End = o.Span.Start
			break
		}
		found = found || o == s
	}
	return sp
}

// Section is a heading and what follows it up to the next heading.
//
// The tree is two levels deep: Body.Sections are the level-1 headings, and
// every deeper heading under one (## and ### alike, in file order) is one of
// its Children with its own Level and the level-1 section as Parent. The
// blocks under a heading belong to that heading's section only. A deeper
// heading before any level-1 heading is promoted to a level-1 section.
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
	if isNormalised(s) {
		return s
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// isNormalised reports whether s is already lower-case ASCII with single
// inner spaces, so normaliseHeading need not allocate.
func isNormalised(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 || c >= 'A' && c <= 'Z' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

// matchesKey reports whether normaliseHeading(s) == key, without
// allocating.
func matchesKey(s, key string) bool {
	if isNormalised(s) {
		return s == key
	}
	i := 0 // bytes of key matched
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = i > 0
			continue
		}
		if space {
			if i >= len(key) || key[i] != ' ' {
				return false
			}
			i++
			space = false
		}
		lr := unicode.ToLower(r)
		if lr < utf8.RuneSelf {
			if i >= len(key) || key[i] != byte(lr) {
				return false
			}
			i++
			continue
		}
		kr, size := utf8.DecodeRuneInString(key[i:])
		if kr != lr {
			return false
		}
		i += size
	}
	return i == len(key)
}

// Find returns the first level-1 section whose heading matches title
// (case-insensitive), or nil.
func (b *Body) Find(title string) *Section {
	key := normaliseHeading(title)
	for _, s := range b.Sections {
		if s.Level == 1 && matchesKey(s.Title, key) {
			return s
		}
	}
	return nil
}

// Is reports whether the section's heading is key, a heading already in
// lower case with single spaces ("agreed actions"), without allocating:
// rules ask it of every section of every file.
func (s *Section) Is(key string) bool { return matchesKey(s.Title, key) }

// FindKey is Find for a key already lower-cased and single-spaced.
func (b *Body) FindKey(key string) *Section {
	for _, s := range b.Sections {
		if s.Level == 1 && matchesKey(s.Title, key) {
			return s
		}
	}
	return nil
}

// Child returns the first sub-section whose heading matches title.
func (s *Section) Child(title string) *Section {
	key := normaliseHeading(title)
	for _, c := range s.Children {
		if matchesKey(c.Title, key) {
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
	// Code is a code block or an HTML block, held as its lines: the
	// documents print it as written, so the rules judge it as written.
	Code
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
		for _, n := range names {
			if matchesKey(h.Text, normaliseHeading(n)) {
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

var directivePattern = lazyre.New(`<!--\s*sendgen-(disable-next-line|disable|enable)\b([^>]*?)-->`)

// markdown is built on first use: not every command parses a body.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
})

// parseBody parses src[start:] as Markdown and returns the body with every
// span shifted to be an offset into src.
func parseBody(src []byte, start int) Body {
	body := LoneCRToLF(src[start:])
	doc := markdown().Parser().Parse(text.NewReader(body))
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
	b.out.End = len(src)
	b.out.problems = b.problems
	return b.out
}

type bodyBuilder struct {
	src      []byte
	base     int
	out      Body
	problems []Problem
	// scratch is reused for the text of every block; finish copies it out.
	scratch textBuilder
}

// builder returns the scratch text builder, emptied, for a block whose
// text starts at file offset at.
func (b *bodyBuilder) builder(at int) *textBuilder {
	b.scratch.buf, b.scratch.segs, b.scratch.cursor = b.scratch.buf[:0], b.scratch.segs[:0], at
	return &b.scratch
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
		lines := n.Lines()
		segs := make([]text.Segment, 0, lines.Len()+1)
		segs = append(segs, lines.Sliced(0, lines.Len())...)
		if n.HasClosure() {
			segs = append(segs, n.ClosureLine)
		}
		b.directives(segs)
		if !isComment(b.src, segs) {
			b.code(sec, segs)
		}
	case *ast.FencedCodeBlock:
		lines := n.Lines()
		b.code(sec, lines.Sliced(0, lines.Len()))
		b.checkClosed(n)
	case *ast.CodeBlock:
		lines := n.Lines()
		b.code(sec, lines.Sliced(0, lines.Len()))
	}
	// Thematic breaks hold no text.
}

// code adds a code or HTML block as a Code block: its lines as written,
// joined by spaces. The documents print such a block verbatim, so the
// rules must see it: vague wording in a fenced block is still printed.
func (b *bodyBuilder) code(sec *Section, segs []text.Segment) {
	if len(segs) == 0 {
		return
	}
	tb := b.builder(b.base + segs[0].Start)
	for i, seg := range segs {
		stop := seg.Stop
		for stop > seg.Start && (b.src[stop-1] == '\n' || b.src[stop-1] == '\r') {
			stop--
		}
		if i > 0 && tb.len() > 0 {
			tb.synthetic(" ", b.base+seg.Start)
		}
		tb.clean(b.src[seg.Start:stop], b.base+seg.Start, false)
	}
	t := tb.text(Span{b.base + segs[0].Start, b.base + segs[len(segs)-1].Stop})
	if strings.TrimSpace(t.Text) != "" {
		sec.Blocks = append(sec.Blocks, &Block{Kind: Code, Text: t})
	}
}

// checkClosed reports a code fence that is never closed: CommonMark runs it
// to the end of the file, so every heading and section after it would be
// read as code and silently left out of the documents.
func (b *bodyBuilder) checkClosed(n *ast.FencedCodeBlock) {
	lines := n.Lines()
	open, end := -1, -1 // offsets into b.src
	switch {
	case n.Info != nil:
		open = lineStartIn(b.src, n.Info.Segment.Start)
	case lines.Len() > 0:
		open = lineStartIn(b.src, lines.At(0).Start-1)
	case n.Pos() >= 0:
		open = lineStartIn(b.src, n.Pos())
	default:
		return
	}
	openEnd := open + bytes.IndexByte(append(b.src[open:len(b.src):len(b.src)], '\n'), '\n')
	end = min(openEnd+1, len(b.src))
	if lines.Len() > 0 {
		end = lines.At(lines.Len() - 1).Stop
	}
	if len(bytes.TrimSpace(b.src[end:])) > 0 {
		return // something follows: the closing fence, and the rest of the file
	}
	b.problems = append(b.problems, Problem{Kind: BodyProblem, Span: Span{b.base + open, b.base + openEnd},
		Message:    "this code block is never closed: everything after it, to the end of the file, is read as code and left out of the documents",
		Suggestion: "add a closing fence line (``` or ~~~, as it was opened) where the code block ends"})
}

// lineStartIn is the offset of the start of the line holding src[i].
func lineStartIn(src []byte, i int) int {
	if i > len(src) {
		i = len(src)
	}
	if i < 0 {
		return 0
	}
	return bytes.LastIndexByte(src[:i], '\n') + 1
}

// isComment reports whether an HTML block is a comment only (a
// sendgen-disable directive, a note to the author): the documents do not
// print it.
func isComment(src []byte, segs []text.Segment) bool {
	var all []byte
	for _, s := range segs {
		all = append(all, s.Value(src)...)
	}
	t := bytes.TrimSpace(all)
	return bytes.HasPrefix(t, []byte("<!--")) && bytes.HasSuffix(t, []byte("-->"))
}

// listItem turns an item's own paragraphs into one block and recurses into
// nested lists, so "- a\n  - b" yields two blocks.
func (b *bodyBuilder) listItem(sec *Section, it ast.Node, depth int) {
	tb := b.builder(b.base)
	span := Span{-1, -1}
	var nested []ast.Node
	for c := it.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			ls := b.lineSpan(c)
			if span.Start < 0 {
				span = ls
				tb.cursor = ls.Start
			} else {
				span.End = ls.End
			}
			// Paragraphs of a loose item are joined by a space, unless the
			// paragraph turns out to hold no text.
			before, nsegs := tb.len(), len(tb.segs)
			if before > 0 {
				tb.synthetic(" ", ls.Start)
			}
			b.inline(tb, c, false)
			if before > 0 && tb.len() == before+1 {
				tb.buf, tb.segs = tb.buf[:before], tb.segs[:nsegs]
			}
		default:
			nested = append(nested, c)
		}
	}
	if span.Start >= 0 {
		if t := tb.text(span); strings.TrimSpace(t.Text) != "" {
			sec.Blocks = append(sec.Blocks, &Block{Kind: ListItem, Text: t, Depth: depth})
		}
	}
	for _, c := range nested {
		b.block(sec, c, depth)
	}
}

// table reads a GFM table. Every row's span is its whole source line, so an
// empty cell can still be reported on the right line; an empty cell has a
// zero-width span where it is written (between its pipes), and a cell missing
// from a short row one at the end of the row's line.
func (b *bodyBuilder) table(sec *Section, n *east.Table) {
	t := &Table{}
	first := true
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		span := b.rowLine(r)
		var cells []Text
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cell := b.plain(c)
			if len(cell.segs) == 0 && c.Lines().Len() == 0 {
				cell.Span = Span{span.End, span.End}
			}
			cells = append(cells, cell)
		}
		if first {
			t.Header = cells
			t.Span = span
			first = false
			continue
		}
		t.Rows = append(t.Rows, Row{Span: span, Cells: cells})
		if span.End > t.Span.End {
			t.Span.End = span.End
		}
	}
	sec.Tables = append(sec.Tables, t)
}

// rowLine is the span of the source line a table row is written on,
// without its line ending.
func (b *bodyBuilder) rowLine(r ast.Node) Span {
	p := r.Pos()
	if p < 0 {
		for c := r.FirstChild(); c != nil && p < 0; c = c.NextSibling() {
			if c.Lines().Len() > 0 {
				p = c.Lines().At(0).Start
			}
		}
	}
	if p < 0 || p > len(b.src) {
		p = 0
	}
	start := p
	for start > 0 && b.src[start-1] != '\n' {
		start--
	}
	end := p
	for end < len(b.src) && b.src[end] != '\n' {
		end++
	}
	for end > start && b.src[end-1] == '\r' {
		end--
	}
	return Span{b.base + start, b.base + end}
}

// plain collects the text of a node's inline children with a source map.
func (b *bodyBuilder) plain(n ast.Node) Text {
	ls := b.lineSpan(n)
	tb := b.builder(ls.Start)
	b.inline(tb, n, false)
	return tb.text(ls)
}

// inline appends the text of n's inline children. Inside a code span (code)
// backslashes and ampersands are literal.
func (b *bodyBuilder) inline(tb *textBuilder, n ast.Node, code bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment
			stop := seg.Stop
			for stop > seg.Start && b.src[stop-1] == '\r' {
				stop--
			}
			tb.clean(b.src[seg.Start:stop], b.base+seg.Start, !code && !c.IsRaw())
			if c.SoftLineBreak() || c.HardLineBreak() {
				tb.synthetic(" ", b.base+stop)
			}
		case *ast.CodeSpan:
			b.inline(tb, c, true)
		case *ast.String:
			tb.synthetic(string(c.Value), tb.cursor)
		case *ast.RawHTML:
			segs := c.Segments.Sliced(0, c.Segments.Len())
			b.directives(segs)
			// The documents print inline HTML as written ("<Child name>",
			// "<insert date>"), a <br> as a line break and a comment not at
			// all: the text the rules read says the same.
			switch raw := rawText(b.src, segs); {
			case isComment(b.src, segs):
			case reBreak.MatchString(raw):
				tb.synthetic(" ", b.base+segs[0].Start)
			default:
				for _, seg := range segs {
					tb.clean(b.src[seg.Start:seg.Stop], b.base+seg.Start, false)
				}
			}
		case *ast.AutoLink:
			// The label is written between < and > after what came before.
			label := c.Label(b.src)
			from := tb.cursor - b.base
			if from < 0 || from > len(b.src) {
				from = 0
			}
			if k := bytes.Index(b.src[from:], append([]byte{'<'}, label...)); k >= 0 {
				tb.source(label, b.base+from+k+1)
			} else {
				tb.synthetic(string(label), tb.cursor)
			}
		default:
			b.inline(tb, c, code)
		}
	}
}

// directives finds suppression comments in raw HTML written on the given
// segments of the body, which need not be contiguous (HTML inside a list
// item or a block quote loses its indentation).
func (b *bodyBuilder) directives(segs []text.Segment) {
	var tb textBuilder
	for _, s := range segs {
		tb.source(b.src[s.Start:s.Stop], b.base+s.Start)
	}
	if !bytes.Contains(tb.buf, []byte("sendgen-")) {
		return
	}
	t := tb.text(Span{})
	html := t.Text
	for _, m := range directivePattern.FindAllStringSubmatchIndex(html, -1) {
		d := Directive{Span: t.Source(m[0], m[1]), Kind: html[m[2]:m[3]]}
		d.Rules = strings.FieldsFunc(html[m[4]:m[5]], func(r rune) bool {
			return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
		})
		b.out.Directives = append(b.out.Directives, d)
	}
}

// reBreak is an HTML line break tag, which the documents draw as one.
var reBreak = lazyre.New(`(?i)^<br\s*/?>$`)

func rawText(src []byte, segs []text.Segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.Write(s.Value(src))
	}
	return strings.TrimSpace(b.String())
}

// noneWords are what people write in a section that has nothing in it.
var noneWords = map[string]bool{
	"none": true, "n/a": true, "na": true, "nil": true, "not applicable": true, "nothing": true,
	"none agreed": true, "none identified": true, "no": true, "none at this time": true,
}

// IsNone reports whether text says there is nothing ("None.", "- N/A",
// "Nil"): a section holding only that is empty, not one item.
func IsNone(text string) bool {
	t := strings.TrimSpace(text)
	t = strings.TrimLeft(t, "-*+ \t")
	t = strings.TrimRight(t, ". \t")
	t = strings.Trim(t, "*_")
	// Each character is at least one byte lower-cased and joined, so a text
	// of more characters than the longest of noneWords ("none at this
	// time") is none of them: most blocks are told without allocating.
	if n := 0; len(t) > len("none at this time") {
		for _, r := range t {
			if !unicode.IsSpace(r) {
				if n++; n > len("none at this time") {
					return false
				}
			}
		}
	}
	return noneWords[strings.ToLower(strings.Join(strings.Fields(t), " "))]
}
