package render

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/sendgen/sendgen/casefile"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"
)

// The document model between Markdown and layout: a flat list of blocks,
// each a run of styled text or a table, with the nesting already turned into
// indentation.

type blockKind int

const (
	bParagraph blockKind = iota
	bHeading
	bCode // preformatted lines (a code block, raw HTML): line breaks kept
	bTable
	bSignatures
	bPageBreak
	bRule
)

// run is text in one style. Text may contain '\n' (a hard line break);
// layout turns it into a new line, never passing it to maroto.
type run struct {
	text   string
	bold   bool
	italic bool
}

func (r run) face() int {
	switch {
	case r.bold && r.italic:
		return 3
	case r.bold:
		return 1
	case r.italic:
		return 2
	}
	return 0
}

type block struct {
	kind   blockKind
	level  int    // heading level 1-6
	indent int    // list and quote nesting: each level indents
	marker string // list marker ("•", "3.") on an item's first block
	quote  bool   // inside a block quote
	tight  bool   // item of a tight list: little space after
	runs   []run
	table  *tableBlock
	sigs   []Signatory
	origin *origin
}

type tableBlock struct {
	align  []east.Alignment
	header [][]run // nil when the header row is empty (a key-value table)
	rows   [][][]run
}

// origin says where a block's text came from, for error messages.
type origin struct {
	what   string // "# Background", "template position-statement.md"
	source string // the Markdown source
	offset int    // offset of source in the case file, or -1
}

// mdParser is built on first use, not when sendgen starts.
var mdParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Parser()
})

// The three HTML forms the converter recognises, matched by hand: each
// was a regular expression compiled on a process's first document. The
// expressions they match exactly are in TestHTMLMatchers.
//
//	matchInclude:   ^<!--\s*sendgen:include\s+(\d+)\s*-->\s*$
//	isPageBreak:    ^<!--\s*page-break\s*-->\s*$
//	isBr:           (?i)^<br\s*/?>$

// isSpace is RE2's \s: ASCII space, tab, newline, form feed, return.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func skipSpaces(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	return s
}

// commentBody returns what is between "<!--" and "-->" (the latter followed
// only by white space), with the white space after "<!--" skipped.
func commentBody(t string) (string, bool) {
	rest, ok := strings.CutPrefix(t, "<!--")
	if !ok {
		return "", false
	}
	end := strings.LastIndex(rest, "-->")
	if end < 0 || skipSpaces(rest[end+3:]) != "" {
		return "", false
	}
	return skipSpaces(rest[:end]), true
}

// matchInclude returns the snippet number of an include marker.
func matchInclude(t string) (string, bool) {
	body, ok := commentBody(t)
	if !ok {
		return "", false
	}
	rest, ok := strings.CutPrefix(body, includeMarker)
	if !ok || rest == "" || !isSpace(rest[0]) {
		return "", false
	}
	rest = skipSpaces(rest)
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n == 0 || skipSpaces(rest[n:]) != "" {
		return "", false
	}
	return rest[:n], true
}

func isPageBreak(t string) bool {
	body, ok := commentBody(t)
	if !ok {
		return false
	}
	rest, ok := strings.CutPrefix(body, "page-break")
	return ok && skipSpaces(rest) == ""
}

// includeID is the number of an include marker, -1 when t is not one.
func includeID(t string) int {
	m, ok := matchInclude(t)
	if !ok {
		return -1
	}
	id, _ := strconv.Atoi(m)
	return id
}

func isBr(t string) bool {
	if len(t) < 4 || !strings.EqualFold(t[:3], "<br") {
		return false
	}
	rest := skipSpaces(t[3:])
	rest = strings.TrimPrefix(rest, "/")
	return rest == ">"
}

// toBlocks parses the Markdown a template produced, with the body sections it
// includes, into blocks.
func toBlocks(md string, v *View) ([]block, error) {
	c := &converter{view: v}
	c.convert([]byte(md), &origin{what: "template " + v.Document + ".md", offset: -1, source: md}, 0, 0)
	return c.out, c.err
}

type converter struct {
	view  *View
	out   []block
	err   error
	depth int // include nesting, to stop a snippet including itself
}

func (c *converter) convert(src []byte, o *origin, shift, indent int) {
	// goldmark ends a line at a lone CR but keeps the CR in the text it
	// returns, and a line break inside a text must never reach maroto.
	src = casefile.LoneCRToLF(src)
	doc := mdParser().Parse(text.NewReader(src))
	w := &walker{c: c, src: src, origin: o, shift: shift}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		w.block(n, indent, false, "")
	}
}

type walker struct {
	c      *converter
	src    []byte
	origin *origin
	shift  int
}

func (w *walker) emit(b block) {
	b.origin = w.origin
	w.c.out = append(w.c.out, b)
}

// block converts one block node. marker is the list marker still to be
// placed on the first block of a list item.
func (w *walker) block(n ast.Node, indent int, quote bool, marker string) string {
	switch n := n.(type) {
	case *ast.Heading:
		lvl := n.Level + w.shift
		if lvl > 6 {
			lvl = 6
		}
		w.emit(block{kind: bHeading, level: lvl, indent: indent, quote: quote, runs: w.inlines(n)})
	case *ast.Paragraph, *ast.TextBlock:
		tight := false
		if p, ok := n.Parent().(*ast.ListItem); ok {
			if l, ok := p.Parent().(*ast.List); ok {
				tight = l.IsTight
			}
		}
		w.emit(block{kind: bParagraph, indent: indent, quote: quote, marker: marker, tight: tight, runs: w.inlines(n)})
		marker = ""
	case *ast.List:
		num := n.Start
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			m := "•"
			if indent%2 == 1 {
				m = "–"
			}
			if n.IsOrdered() {
				m = strconv.Itoa(num) + string(n.Marker)
				num++
			}
			first := len(w.c.out)
			rest := m
			for ch := it.FirstChild(); ch != nil; ch = ch.NextSibling() {
				rest = w.block(ch, indent+1, quote, rest)
			}
			if rest != "" || len(w.c.out) == first {
				// An empty item still shows its marker.
				w.emit(block{kind: bParagraph, indent: indent + 1, quote: quote, marker: m, tight: true})
			}
		}
		// After the last item of a list, a paragraph's worth of space.
		if n := len(w.c.out); n > 0 && indent == 0 {
			w.c.out[n-1].tight = false
		}
	case *ast.Blockquote:
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			marker = w.block(ch, indent+1, true, marker)
		}
	case *ast.FencedCodeBlock:
		lang := ""
		if n.Info != nil {
			lang = strings.TrimSpace(string(n.Info.Segment.Value(w.src)))
		}
		lines := w.lines(n)
		if strings.EqualFold(lang, "signatures") {
			w.emit(block{kind: bSignatures, sigs: parseSignatures(lines)})
			break
		}
		w.emit(block{kind: bCode, indent: indent, quote: quote, marker: marker, runs: []run{{text: strings.TrimRight(lines, "\n")}}})
		marker = ""
	case *ast.CodeBlock:
		w.emit(block{kind: bCode, indent: indent, quote: quote, marker: marker, runs: []run{{text: strings.TrimRight(w.lines(n), "\n")}}})
		marker = ""
	case *ast.ThematicBreak:
		w.emit(block{kind: bRule, indent: indent})
	case *ast.HTMLBlock:
		s := w.lines(n)
		if n.HasClosure() {
			s += string(n.ClosureLine.Value(w.src))
		}
		t := strings.TrimSpace(s)
		switch {
		case includeID(t) >= 0:
			w.include(includeID(t), indent)
		case isPageBreak(t):
			w.emit(block{kind: bPageBreak})
		case strings.HasPrefix(t, "<!--") && strings.HasSuffix(t, "-->"):
			// A comment (e.g. a sendgen-disable directive) is not text.
		default:
			// Other HTML is shown as written: nothing in a case file is dropped.
			w.emit(block{kind: bCode, indent: indent, quote: quote, marker: marker, runs: []run{{text: strings.TrimRight(s, "\n")}}})
			marker = ""
		}
	case *east.Table:
		w.emit(block{kind: bTable, indent: indent, table: w.table(n)})
	default:
		// Unknown block containers: convert their children.
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			marker = w.block(ch, indent, quote, marker)
		}
	}
	return marker
}

// include converts a body section in place, its headings one level down.
func (w *walker) include(id, indent int) {
	v := w.c.view
	if id < 0 || id >= len(v.snippets) || w.c.depth > 4 {
		return
	}
	m := v.snippets[id]
	w.c.depth++
	w.c.convert([]byte(m.Source), &origin{what: m.origin, source: m.Source, offset: m.offset}, 1, indent)
	w.c.depth--
}

func (w *walker) lines(n ast.Node) string {
	var b strings.Builder
	l := n.Lines()
	for i := 0; i < l.Len(); i++ {
		s := l.At(i)
		b.Write(s.Value(w.src))
	}
	return b.String()
}

func (w *walker) table(n *east.Table) *tableBlock {
	t := &tableBlock{align: n.Alignments}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var cells [][]run
		empty := true
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			runs := w.inlines(c)
			if runsText(runs) != "" {
				empty = false
			}
			cells = append(cells, runs)
		}
		if _, ok := r.(*east.TableHeader); ok {
			if !empty {
				t.header = cells
			}
			continue
		}
		t.rows = append(t.rows, cells)
	}
	return t
}

// inlines flattens a node's inline content into styled runs.
func (w *walker) inlines(n ast.Node) []run {
	var out []run
	w.inline(n, false, false, &out)
	return mergeRuns(out)
}

func (w *walker) inline(n ast.Node, bold, italic bool, out *[]run) {
	add := func(s string) {
		if s = clean(s); s != "" {
			*out = append(*out, run{text: s, bold: bold, italic: italic})
		}
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Text:
			v := ch.Segment.Value(w.src)
			if ch.IsRaw() {
				add(string(v))
			} else {
				add(unescape(v))
			}
			switch {
			case ch.HardLineBreak():
				add("\n")
			case ch.SoftLineBreak():
				add(" ")
			}
		case *ast.String:
			if ch.IsCode() || ch.IsRaw() {
				add(string(ch.Value))
			} else {
				add(unescape(ch.Value))
			}
		case *ast.CodeSpan:
			var b bytes.Buffer
			for t := ch.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Segment.Value(w.src))
				} else if s, ok := t.(*ast.String); ok {
					b.Write(s.Value)
				}
			}
			add(b.String())
		case *ast.Emphasis:
			w.inline(ch, bold || ch.Level >= 2, italic || ch.Level == 1, out)
		case *east.Strikethrough:
			// ~~struck~~ wording is drawn struck through, never as live
			// text: in an agreement a deleted word printed plain reverses
			// what was agreed. Each character carries U+0336 (combining
			// long stroke overlay, a zero-width glyph of the font), so the
			// line runs through exactly the struck words however they wrap.
			before := len(*out)
			w.inline(ch, bold, italic, out)
			for i := before; i < len(*out); i++ {
				(*out)[i].text = strikeThrough((*out)[i].text)
			}
		case *ast.Link:
			before := len(*out)
			w.inline(ch, bold, italic, out)
			label := runsText((*out)[before:])
			dest := string(ch.Destination)
			if dest != "" && !strings.HasPrefix(dest, "#") && strings.TrimPrefix(dest, "mailto:") != label {
				add(" (" + strings.TrimPrefix(dest, "mailto:") + ")")
			}
		case *ast.AutoLink:
			add(string(ch.Label(w.src)))
		case *ast.Image:
			before := len(*out)
			w.inline(ch, bold, italic, out)
			if len(*out) == before {
				add("[image]")
			}
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < ch.Segments.Len(); i++ {
				s := ch.Segments.At(i)
				b.Write(s.Value(w.src))
			}
			switch raw := strings.TrimSpace(b.String()); {
			case isBr(raw):
				add("\n")
			case strings.HasPrefix(raw, "<!--") && strings.HasSuffix(raw, "-->"):
				// A comment is a note to the author, not text.
			default:
				// Anything else that looks like a tag ("<Child name>", "<insert
				// date>" left in by an author) prints as written: nothing in a
				// case file is dropped, and the linter read the same text.
				add(b.String())
			}
		default:
			w.inline(ch, bold, italic, out)
		}
	}
}

// unescape applies Markdown's backslash escapes and entity references, as
// goldmark's HTML writer would.
func unescape(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]) {
			b.WriteByte(v[i+1])
			i++
			continue
		}
		if c == '&' {
			if j := bytes.IndexByte(v[i:min(len(v), i+40)], ';'); j > 0 {
				ent := v[i : i+j+1]
				if r := util.ResolveNumericReferences(util.ResolveEntityNames(ent)); !bytes.Equal(r, ent) {
					b.Write(r)
					i += j
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func mergeRuns(rs []run) []run {
	var out []run
	for _, r := range rs {
		if n := len(out); n > 0 && out[n-1].bold == r.bold && out[n-1].italic == r.italic {
			out[n-1].text += r.text
			continue
		}
		out = append(out, r)
	}
	// Trailing spaces and breaks of a block are layout, not text.
	for n := len(out); n > 0; n = len(out) {
		t := strings.TrimRight(out[n-1].text, " \n")
		if t != "" {
			out[n-1].text = t
			break
		}
		out = out[:n-1]
	}
	return out
}

func runsText(rs []run) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.text)
	}
	return strings.TrimSpace(b.String())
}

// parseSignatures reads a ```signatures block: one signatory per line,
// "Name | Role | Organisation" (Role and Organisation optional; a backslash
// escapes a '|'). A line "-" or an empty name gives a blank name line.
//
// The values come from escapeMarkdown, which writes a line break as a bare
// "<br>" and escapes everything else, so "Jo\<br\>Smith" is the text
// "Jo<br>Smith" and "Jo \&amp; Smith" the text "Jo &amp; Smith": a name is
// signed exactly as it is written everywhere else in the document. Nothing
// else is unescaped (a code block resolves no entities).
func parseSignatures(s string) []Signatory {
	var out []Signatory
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		var parts []string
		var cur strings.Builder
		for i := 0; i < len(line); i++ {
			if line[i] == '\\' && i+1 < len(line) && util.IsPunct(line[i+1]) {
				cur.WriteByte(line[i+1])
				i++
				continue
			}
			if strings.HasPrefix(line[i:], "<br>") {
				cur.WriteByte('\n')
				i += len("<br>") - 1
				continue
			}
			if line[i] == '|' {
				parts = append(parts, strings.TrimSpace(cur.String()))
				cur.Reset()
				continue
			}
			cur.WriteByte(line[i])
		}
		parts = append(parts, strings.TrimSpace(cur.String()))
		for len(parts) < 3 {
			parts = append(parts, "")
		}
		if parts[0] == "-" {
			parts[0] = ""
		}
		out = append(out, Signatory{
			Name:         Text(clean(parts[0])),
			Role:         Text(clean(parts[1])),
			Organisation: Text(clean(parts[2])),
		})
	}
	return out
}

// clean puts text in the form it is drawn in: composed (NFC, so "e" plus a
// combining circumflex and dot is the one character ệ, as fonts and text
// extraction expect), without invisible format characters (zero-width
// space and joiners, soft hyphen, byte-order mark, variation selectors),
// which have no glyph to draw and carry no text.
func clean(s string) string {
	s = norm.NFC.String(s)
	if !strings.ContainsFunc(s, invisible) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
}

func invisible(r rune) bool {
	switch {
	case r == 0x00AD, r >= 0x200B && r <= 0x200F, r >= 0x2060 && r <= 0x2064, r == 0xFEFF,
		r >= 0xFE00 && r <= 0xFE0F:
		return true
	}
	return false
}

// inlinePlain renders one line of Markdown (a header or footer partial) as
// plain text.
func inlinePlain(s string) string {
	doc := mdParser().Parse(text.NewReader([]byte(s)))
	w := &walker{src: []byte(s)}
	var out []run
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		w.inline(n, false, false, &out)
		out = append(out, run{text: " "})
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(runsText(out), "\n", " ")), " ")
}

func (o *origin) String() string {
	if o == nil {
		return "the template"
	}
	return o.what
}

// strikeThrough puts U+0336 after every character but spaces and line
// breaks.
func strikeThrough(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 3)
	for _, r := range s {
		b.WriteRune(r)
		if r != ' ' && r != '\n' && r != '\t' {
			b.WriteRune('\u0336')
		}
	}
	return b.String()
}
