package render

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/sendgen/sendgen/casefile"
)

// Page geometry, in millimetres (A4).
const (
	pageW    = 210.0
	pageH    = 297.0
	marginL  = 20.0
	marginR  = 20.0
	marginT  = 12.0
	marginB  = 18.0 // the page number sits in the bottom margin
	contentW = pageW - marginL - marginR
	// gridSize is maroto's column grid: fine enough (0.017 mm) that
	// columns and indents land where layout puts them.
	gridSize = 10000
	ptToMM   = 25.4 / 72
	// slack keeps every measured line a hair inside its cell, so gofpdf's
	// own measurement (the same integers, in floating point) never finds
	// it too wide and wraps it a second time.
	slack = 0.02
)

var (
	colText    = props.Color{Red: 20, Green: 20, Blue: 20}
	colHeading = props.Color{Red: 24, Green: 52, Blue: 92}
	colMuted   = props.Color{Red: 90, Green: 90, Blue: 90}
	colRule    = props.Color{Red: 170, Green: 176, Blue: 186}
	colBorder  = props.Color{Red: 150, Green: 155, Blue: 165}
	colHeadBg  = props.Color{Red: 223, Green: 229, Blue: 238}
	colMark    = props.Color{Red: 150, Green: 20, Blue: 20}
	colDraftBg = props.Color{Red: 253, Green: 228, Blue: 228}
)

// tstyle is how a piece of text is set.
type tstyle struct {
	size  float64 // points
	color props.Color
	bold  bool // forces bold over the runs' own style
}

var (
	stBody    = tstyle{size: 10, color: colText}
	stTable   = tstyle{size: 9, color: colText}
	stCode    = tstyle{size: 9, color: colText}
	stSmall   = tstyle{size: 8.5, color: colMuted}
	stHeader  = tstyle{size: 8, color: colMuted}
	stFooter  = tstyle{size: 7.5, color: colMark, bold: true}
	stHeading = [7]tstyle{
		{}, // unused
		{size: 17, color: colHeading, bold: true},
		{size: 12.5, color: colHeading, bold: true},
		{size: 10.5, color: colText, bold: true},
		{size: 10, color: colText, bold: true},
		{size: 10, color: colText, bold: true},
		{size: 10, color: colText, bold: true},
	}
	headingBefore = [7]float64{0, 0, 5.5, 4, 3, 3, 3}
	headingAfter  = [7]float64{0, 3, 2.2, 1.4, 1, 1, 1}
)

const (
	paraAfter   = 2.4 // mm after a paragraph
	itemAfter   = 1.0 // after an item of a tight list
	indentStep  = 6.5 // mm per list or quote level
	cellPadX    = 1.6
	cellPadY    = 1.2
	kvPadY      = 0.8  // key-value tables (no header row) are set tighter
	leading     = 1.42 // line height / font size
	tableAfter  = 3.0
	sigRowGap   = 5.0
	maxNesting  = 8
	maxLinesRow = 400 // sanity bound for one table cell
)

func lineHeight(size float64) float64 { return size * ptToMM * leading }

// item is an unbreakable piece of a page: one line, one table-row chunk, a
// signature box. Pagination only ever breaks between items.
type item struct {
	rows   []core.Row
	height float64
	// keep asks for this item to stay on the page of the next one
	// (headings, the first line of a paragraph, a table header).
	keep bool
	// space is vertical space: dropped at the top of a page.
	space bool
	// pageBreak starts a new page.
	pageBreak bool
	// head is a table's header, repeated when a row of the table starts a page.
	head       []core.Row
	headHeight float64
}

// layout turns blocks into items, measuring text with the faces' metrics.
type layout struct {
	fonts *fontSet
	view  *View
	cs    *casefile.Case
	used  [4]map[rune]bool
	items []item
	err   error
	after float64 // space owed after the previous block
}

func newLayout(fonts *fontSet, v *View, c *casefile.Case) *layout {
	l := &layout{fonts: fonts, view: v, cs: c}
	for i := range l.used {
		l.used[i] = map[rune]bool{}
	}
	return l
}

// face returns a face for measuring and checking; a face that fails to
// parse (a corrupt binary) fails the document.
func (l *layout) face(i int) *face {
	f, err := l.fonts.get(i)
	if err != nil {
		if l.err == nil {
			l.err = err
		}
		f, _ = l.fonts.get(0)
	}
	return f
}

// width returns the width of s in millimetres.
func (l *layout) width(s string, face int, size float64) float64 {
	return float64(l.face(face).textWidth(s)) * size * ptToMM / 1000
}

// seg is text placed on a line: x from the line's left edge.
type seg struct {
	x    float64
	text string
	face int
	size float64 // points; 0: the line's style
}

// tline is a laid-out line.
type tline struct {
	segs  []seg
	width float64
}

// word is text between break opportunities; its pieces may differ in style.
type word struct {
	pieces []seg // x relative to the word start
	width  float64
	space  float64 // width of the space before it
	face   int     // face of the space before it
	brk    bool    // a hard line break comes before this word
}

// wrap breaks runs into lines no wider than w. A "\n" in a run (a hard line
// break, a line of a code block, a line break inside a front-matter value)
// always starts a new line: maroto would drop it and join the lines.
func (l *layout) wrap(runs []run, st tstyle, w float64, preserveSpaces bool, o *origin) []tline {
	w -= slack
	var words []word
	var cur *word
	pendingBreak := false
	spaceBefore := false
	for _, r := range runs {
		face := r.face()
		if st.bold {
			face |= 1
		}
		txt := r.text
		if !preserveSpaces {
			txt = strings.ReplaceAll(txt, "\t", " ")
		} else {
			txt = strings.ReplaceAll(txt, "\t", "    ")
		}
		l.check(txt, face, o)
		for len(txt) > 0 {
			c, size := utf8.DecodeRuneInString(txt)
			switch {
			case c == '\n':
				cur = nil
				if pendingBreak {
					// Two breaks in a row: an empty line between them.
					words = append(words, word{brk: true})
				}
				pendingBreak = true
				spaceBefore = false
				txt = txt[size:]
				if preserveSpaces {
					// Keep a line's leading spaces: they are its indentation.
					n := len(txt) - len(strings.TrimLeft(txt, " "))
					if n > 0 {
						words = append(words, word{brk: true, pieces: []seg{{text: txt[:n], face: face}},
							width: l.width(txt[:n], face, st.size)})
						cur = &words[len(words)-1]
						pendingBreak = false
						txt = txt[n:]
					}
				}
				continue
			case c == ' ':
				cur = nil
				spaceBefore = true
				txt = txt[size:]
				continue
			}
			// The longest stretch up to the next space or break.
			end := strings.IndexAny(txt, " \n")
			if end < 0 {
				end = len(txt)
			}
			piece := txt[:end]
			txt = txt[end:]
			pw := l.width(piece, face, st.size)
			if cur == nil || spaceBefore || pendingBreak {
				words = append(words, word{brk: pendingBreak})
				cur = &words[len(words)-1]
				if spaceBefore && !pendingBreak {
					cur.space = l.width(" ", face, st.size)
					cur.face = face
				}
				pendingBreak, spaceBefore = false, false
			}
			cur.pieces = append(cur.pieces, seg{x: cur.width, text: piece, face: face})
			cur.width += pw
		}
	}
	if pendingBreak {
		words = append(words, word{brk: true})
	}

	var lines []tline
	var ln tline
	started := false
	flush := func() {
		lines = append(lines, ln)
		ln = tline{}
		started = false
	}
	place := func(wd word, x float64) {
		for _, p := range wd.pieces {
			ln.segs = append(ln.segs, seg{x: x + p.x, text: p.text, face: p.face})
		}
		ln.width = x + wd.width
		started = true
	}
	for _, wd := range words {
		if wd.brk {
			flush()
		}
		if len(wd.pieces) == 0 {
			continue
		}
		x := 0.0
		if started {
			x = ln.width + wd.space
		}
		if started && x+wd.width > w {
			flush()
			x = 0
		}
		if wd.width <= w || x > 0 {
			place(wd, x)
			continue
		}
		// A word wider than the line (a long reference or URL): break it
		// between characters rather than let it run off the page.
		for _, p := range wd.pieces {
			rest := p.text
			for rest != "" {
				avail := w - ln.width
				if !started {
					avail = w
				}
				n := l.fit(rest, p.face, st.size, avail)
				if n == 0 {
					if started {
						flush()
						continue
					}
					_, n = utf8.DecodeRuneInString(rest) // at least one character per line
				}
				x := ln.width
				if !started {
					x = 0
				}
				part := rest[:n]
				ln.segs = append(ln.segs, seg{x: x, text: part, face: p.face})
				ln.width = x + l.width(part, p.face, st.size)
				started = true
				rest = rest[n:]
				if rest != "" {
					flush()
				}
			}
		}
	}
	if started || len(lines) == 0 {
		flush()
	}
	// Merge neighbouring pieces of one face into one text, with the space
	// between them, so a line is drawn with as few text objects as possible.
	for i := range lines {
		lines[i].segs = l.merge(lines[i].segs, st.size)
	}
	return lines
}

// fit returns how many bytes of s fit in w.
func (l *layout) fit(s string, face int, size, w float64) int {
	total := 0.0
	for i, r := range s {
		total += float64(l.face(face).runeWidth(r)) * size * ptToMM / 1000
		if total > w {
			return i
		}
	}
	return len(s)
}

func (l *layout) merge(segs []seg, size float64) []seg {
	var out []seg
	for _, s := range segs {
		if n := len(out); n > 0 && out[n-1].face == s.face {
			prev := &out[n-1]
			end := prev.x + l.width(prev.text, prev.face, size)
			gap := s.x - end
			sp := l.width(" ", s.face, size)
			switch {
			case math.Abs(gap) < 0.001:
				prev.text += s.text
				continue
			case math.Abs(gap-sp) < 0.001:
				prev.text += " " + s.text
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// check records the characters drawn in a face and fails on the first one
// the face has no glyph for, naming where it came from: a character gofpdf
// cannot find is drawn as nothing, and one outside the BMP crashes it.
func (l *layout) check(s string, face int, o *origin) {
	f := l.face(face)
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if !f.has(r) {
			if l.err == nil {
				l.err = l.glyphError(r, f.name, o)
			}
			continue
		}
		l.used[face][r] = true
	}
}

// MissingGlyphError reports a character the embedded font cannot draw.
type MissingGlyphError struct {
	Rune rune
	Font string
	// Where names the field or section the character came from.
	Where string
}

func (e *MissingGlyphError) Error() string {
	name := fmt.Sprintf("%q", e.Rune)
	if e.Rune < ' ' || e.Rune == 0x7f {
		name = "(a control character)"
	}
	msg := fmt.Sprintf("character U+%04X %s cannot be drawn: %s has no glyph for it", e.Rune, name, e.Font)
	if e.Rune > 0xFFFF {
		msg = fmt.Sprintf("character U+%04X %s cannot be drawn: the PDF fonts cover only the Basic Multilingual Plane (U+0000-U+FFFF)", e.Rune, name)
	}
	if e.Where != "" {
		msg += " (in " + e.Where + ")"
	}
	return msg + "; remove or replace it"
}

func (l *layout) glyphError(r rune, font string, o *origin) error {
	e := &MissingGlyphError{Rune: r, Font: font}
	ch := string(r)
	// A front-matter value: name the field.
	for _, f := range l.view.fields {
		if strings.Contains(f.value, ch) {
			e.Where = fmt.Sprintf("%s %q", f.path, f.value)
			return e
		}
	}
	if o != nil {
		e.Where = o.what
		if o.offset >= 0 && l.cs != nil {
			if i := strings.Index(o.source, ch); i >= 0 {
				p := l.cs.Pos(o.offset + i)
				e.Where = fmt.Sprintf("%s:%d:%d, %s", l.cs.Path, p.Line, p.Column, o.what)
			}
		}
	}
	return e
}

// textRow is one line of text as a row of fixed height.
func (l *layout) lineRow(ln tline, st tstyle, h, x0 float64) core.Row {
	c := col.New(gridSize)
	l.addLine(c, ln, st, h, x0, 0)
	return row.New(h).Add(c)
}

// addLine adds a line's texts to a column, top at y within the column.
func (l *layout) addLine(c core.Col, ln tline, st tstyle, h, x0, y float64) {
	for _, s := range ln.segs {
		size := st.size
		if s.size > 0 {
			size = s.size
		}
		c.Add(textComponent(s.text, props.Text{
			Family: fontFamily,
			Style:  styles[s.face],
			Size:   size,
			Color:  ptrColor(st.color),
			Left:   x0 + s.x,
			Top:    y + baselineTop(size, h),
			Align:  align.Left,
		}))
	}
}

// baselineTop is the Top offset that centres a line's glyphs in a line
// box of height h: maroto puts the baseline at Top + the font size.
func baselineTop(size, h float64) float64 {
	s := size * ptToMM
	t := (h-1.164*s)/2 - 0.072*s
	if t < 0 {
		t = 0
	}
	return t
}

func ptrColor(c props.Color) *props.Color { return &c }

// space adds vertical space, collapsing with the space owed by the
// previous block.
func (l *layout) space(before float64) {
	s := math.Max(before, l.after)
	l.after = 0
	if s > 0 {
		l.items = append(l.items, item{rows: []core.Row{spacer(s)}, height: s, space: true})
	}
}

func spacer(h float64) core.Row {
	return row.New(h).Add(col.New(gridSize))
}

func (l *layout) blocks(bs []block) {
	for i := range bs {
		if l.err != nil {
			return
		}
		b := &bs[i]
		switch b.kind {
		case bHeading:
			l.heading(b)
		case bParagraph, bCode:
			l.paragraph(b)
			// A paragraph introducing a table or signatures stays with it.
			if i+1 < len(bs) && (bs[i+1].kind == bTable || bs[i+1].kind == bSignatures) && len(l.items) > 0 {
				l.items[len(l.items)-1].keep = true
			}
		case bTable:
			l.table(b)
		case bSignatures:
			l.signatures(b)
		case bPageBreak:
			l.after = 0
			l.items = append(l.items, item{pageBreak: true})
		case bRule:
			l.space(2)
			l.items = append(l.items, item{rows: []core.Row{ruleRow(indentOf(b.indent), 3, 0.3, colRule)}, height: 3})
			l.after = 2
		}
	}
}

func indentOf(level int) float64 {
	if level > maxNesting {
		level = maxNesting
	}
	return float64(level) * indentStep
}

func ruleRow(x0, h, thick float64, c props.Color) core.Row {
	r := row.New(h)
	if x0 > 0 {
		r.Add(col.New(units(x0)))
	}
	r.Add(col.New(gridSize - units(x0)).Add(line.New(props.Line{Color: ptrColor(c), Style: linestyle.Solid, Thickness: thick, SizePercent: 100, OffsetPercent: 50})))
	return r
}

// units converts millimetres of content width to grid units.
func units(mm float64) int {
	return int(math.Round(mm / contentW * gridSize))
}

// colWidth is the width maroto gives a column of n units.
func colWidth(n int) float64 { return contentW * float64(n) / gridSize }

func (l *layout) heading(b *block) {
	lvl := b.level
	if lvl < 1 {
		lvl = 1
	}
	st := stHeading[lvl]
	l.space(headingBefore[lvl])
	x0 := indentOf(b.indent)
	lines := l.wrap(b.runs, st, contentW-x0, false, b.origin)
	h := lineHeight(st.size)
	for _, ln := range lines {
		l.items = append(l.items, item{rows: []core.Row{l.lineRow(ln, st, h, x0)}, height: h, keep: true})
	}
	if lvl <= 2 {
		thick, c := 0.25, colRule
		if lvl == 1 {
			thick, c = 0.6, colHeading
		}
		l.items = append(l.items, item{rows: []core.Row{ruleRow(x0, 1.6, thick, c)}, height: 1.6, keep: true})
	}
	l.after = headingAfter[lvl]
}

func (l *layout) paragraph(b *block) {
	st := stBody
	if b.kind == bCode {
		st = stCode
	}
	if b.quote {
		st.color = colMuted
	}
	x0 := indentOf(b.indent)
	after := paraAfter
	if b.tight {
		after = itemAfter
	}
	if b.kind == bCode {
		x0 += 3 // preformatted text (its line breaks kept) is set in a little
	}
	l.space(0)
	lines := l.wrap(b.runs, st, contentW-x0, b.kind == bCode, b.origin)
	h := lineHeight(st.size)
	var marker *seg
	if b.marker != "" {
		mf := 0
		l.check(b.marker, mf, b.origin)
		mw := l.width(b.marker, mf, st.size)
		marker = &seg{x: -mw - 1.8, text: b.marker, face: mf}
		if b.marker == "•" || b.marker == "–" {
			marker.x = -4
		}
	}
	n := len(lines)
	for i, ln := range lines {
		if i == 0 && marker != nil {
			ln.segs = append([]seg{*marker}, ln.segs...)
		}
		it := item{rows: []core.Row{l.lineRow(ln, st, h, x0)}, height: h}
		// No single first or last line of a paragraph alone at a page edge.
		if n >= 2 && (i == 0 || i == n-2) {
			it.keep = true
		}
		l.items = append(l.items, it)
	}
	l.after = after
}

// table lays out a GFM table: columns sized to their content, the header
// shaded and repeated on each page the table runs onto, and any row taller
// than a page split into chunks (maroto cuts a row taller than a page).
func (l *layout) table(b *block) {
	t := b.table
	ncol := len(t.header)
	for _, r := range t.rows {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return
	}
	x0 := indentOf(b.indent)
	avail := contentW - x0
	st := stTable
	hst := st
	hst.bold = true

	// Column widths from content: at least the longest word, then the rest
	// of the width in proportion to how much each column would like.
	minW := make([]float64, ncol)
	maxW := make([]float64, ncol)
	measure := func(cells [][]run, s tstyle) {
		for j, c := range cells {
			for _, r := range c {
				face := r.face()
				if s.bold {
					face |= 1
				}
				// The pad covers wrap's slack and rounding to the grid.
				const pad = 2*cellPadX + 0.1
				for _, para := range strings.Split(r.text, "\n") {
					maxW[j] = math.Max(maxW[j], l.width(para, face, s.size)+pad)
					for _, wd := range strings.Fields(para) {
						minW[j] = math.Max(minW[j], l.width(wd, face, s.size)+pad)
					}
				}
			}
		}
	}
	measure(t.header, hst)
	for _, r := range t.rows {
		measure(r, st)
	}
	widths := distribute(minW, maxW, avail)
	sizes := make([]int, ncol)
	total := units(x0)
	for j := range widths {
		sizes[j] = units(widths[j])
		total += sizes[j]
	}
	sizes[ncol-1] += gridSize - total // rounding: fill the width exactly

	h := lineHeight(st.size)
	keyValue := t.header == nil
	l.space(0)

	var head []core.Row
	var headH float64
	if t.header != nil {
		// A header is repeated on every page the table runs onto, so it
		// may take at most a third of a page.
		rows, hs := l.tableRow(t.header, ncol, sizes, x0, hst, h, t.align, true, false, b.origin, pageCapacity(l.view.Draft)/3)
		for k := range rows {
			head, headH = append(head, rows[k]), headH+hs[k]
		}
		l.items = append(l.items, item{rows: head, height: headH, keep: true})
	}
	capacity := pageCapacity(l.view.Draft) - headH - 1
	for _, r := range t.rows {
		rows, hs := l.tableRow(r, ncol, sizes, x0, st, h, t.align, false, keyValue, b.origin, capacity)
		// Each chunk of a row split across pages is its own item, so each
		// can start a page (under a repeated header).
		for k := range rows {
			l.items = append(l.items, item{rows: []core.Row{rows[k]}, height: hs[k], head: head, headHeight: headH})
		}
	}
	l.after = tableAfter
}

// distribute sizes columns. If every column fits on one line, each gets
// its natural width and the spare width is shared out in proportion.
// Otherwise narrow columns (a name, a date) get their natural width so they
// do not wrap, and the wide ones share the rest: each at least its longest
// word, plus a share in proportion to how much more it would like.
// Columns always fill the available width.
func distribute(minW, maxW []float64, avail float64) []float64 {
	n := len(minW)
	out := make([]float64, n)
	var sumMax float64
	for j := range minW {
		// A word longer than 45% of the page is broken, not given the page.
		minW[j] = math.Min(minW[j], avail*0.45)
		maxW[j] = math.Max(math.Max(maxW[j], minW[j]), 8)
		sumMax += maxW[j]
	}
	if sumMax <= avail {
		for j := range out {
			out[j] = maxW[j] + (avail-sumMax)*maxW[j]/sumMax
		}
		return out
	}
	order := make([]int, n)
	for j := range order {
		order[j] = j
	}
	sort.SliceStable(order, func(a, b int) bool { return maxW[order[a]] < maxW[order[b]] })
	fixed := make([]bool, n)
	rest := avail
	for k, j := range order {
		if maxW[j] > rest/float64(n-k) || maxW[j] > avail*0.3 {
			break
		}
		out[j], fixed[j] = maxW[j], true
		rest -= maxW[j]
	}
	var sumMin, sumWish float64
	for j := range out {
		if !fixed[j] {
			sumMin += minW[j]
			sumWish += maxW[j] - minW[j]
		}
	}
	for j := range out {
		switch {
		case fixed[j]:
		case sumMin >= rest || sumWish <= 0:
			out[j] = minW[j] * rest / math.Max(sumMin, 1e-9)
		default:
			out[j] = minW[j] + (rest-sumMin)*(maxW[j]-minW[j])/sumWish
		}
	}
	return out
}

// tableRow lays out one table row; it returns one maroto row per chunk
// that fits within capacity, and their heights.
func (l *layout) tableRow(cells [][]run, ncol int, sizes []int, x0 float64, st tstyle, h float64,
	al []east.Alignment, header, keyValue bool, o *origin, capacity float64) ([]core.Row, []float64) {
	wrapped := make([][]tline, ncol)
	most := 1
	for j := 0; j < ncol; j++ {
		var c []run
		if j < len(cells) {
			c = cells[j]
		}
		w := colWidth(sizes[j]) - 2*cellPadX
		wrapped[j] = l.wrap(c, st, w, false, o)
		if len(wrapped[j]) > maxLinesRow {
			wrapped[j] = wrapped[j][:maxLinesRow]
			if l.err == nil {
				l.err = fmt.Errorf("a table cell in %s is longer than %d lines: put long text in a paragraph", o, maxLinesRow)
			}
		}
		most = max(most, len(wrapped[j]))
	}
	padY := cellPadY
	if keyValue {
		padY = kvPadY
	}
	perChunk := int((capacity - 2*padY) / h)
	if perChunk < 1 {
		perChunk = 1
	}
	var rows []core.Row
	var heights []float64
	for start := 0; start < most; start += perChunk {
		end := min(most, start+perChunk)
		rh := float64(end-start)*h + 2*padY
		r := row.New(rh)
		if x0 > 0 {
			r.Add(col.New(units(x0)))
		}
		for j := 0; j < ncol; j++ {
			cell := &props.Cell{BorderType: border.Full, BorderColor: ptrColor(colBorder), BorderThickness: 0.2}
			if header {
				cell.BackgroundColor = ptrColor(colHeadBg)
			}
			if keyValue {
				cell.BorderType = border.Bottom
				cell.BorderColor = ptrColor(colRule)
			}
			c := col.New(sizes[j]).WithStyle(cell)
			w := colWidth(sizes[j]) - 2*cellPadX
			for k := start; k < end && k < len(wrapped[j]); k++ {
				ln := wrapped[j][k]
				dx := 0.0
				if j < len(al) {
					switch al[j] {
					case east.AlignRight:
						dx = w - ln.width
					case east.AlignCenter:
						dx = (w - ln.width) / 2
					}
				}
				l.addLine(c, ln, st, h, cellPadX+math.Max(dx, 0), padY+float64(k-start)*h)
			}
			r.Add(c)
		}
		rows = append(rows, r)
		heights = append(heights, rh)
	}
	return rows, heights
}

// signatures lays out signature blocks two to a row: name, role and
// organisation, then a signature line and a date line. They are drawn from
// text and lines, never with maroto's signature component, which sets its
// label in Helvetica whatever the document font and so loses Ŵ or Ł.
func (l *layout) signatures(b *block) {
	if len(b.sigs) == 0 {
		return
	}
	l.space(3)
	const gap = 8.0
	boxW := (contentW - gap) / 2
	boxU := units(boxW)
	gapU := gridSize - 2*boxU
	nameSt := tstyle{size: 10, color: colText, bold: true}
	roleSt := stSmall
	nh, rh := lineHeight(nameSt.size), lineHeight(roleSt.size)
	for i := 0; i < len(b.sigs); i += 2 {
		pair := b.sigs[i:min(i+2, len(b.sigs))]
		var rows []core.Row
		height := 0.0
		// Names (a blank name gets a line to write it on).
		names := make([][]tline, len(pair))
		roles := make([][]tline, len(pair))
		nmax, rmax := 1, 0
		for k, s := range pair {
			if s.Name != "" {
				names[k] = l.wrap([]run{{text: string(s.Name)}}, nameSt, boxW, false, b.origin)
			}
			var parts []string
			for _, p := range []Text{s.Role, s.Organisation} {
				if strings.TrimSpace(string(p)) != "" {
					parts = append(parts, string(p))
				}
			}
			if len(parts) > 0 {
				roles[k] = l.wrap([]run{{text: strings.Join(parts, ", ")}}, roleSt, boxW, false, b.origin)
			}
			nmax, rmax = max(nmax, len(names[k])), max(rmax, len(roles[k]))
		}
		for n := 0; n < nmax; n++ {
			r := row.New(nh)
			for k := 0; k < 2; k++ {
				c := col.New(boxU)
				if k < len(pair) {
					if names[k] == nil && n == 0 {
						l.labelLine(c, "Name", nh)
					} else if n < len(names[k]) {
						l.addLine(c, names[k][n], nameSt, nh, 0, 0)
					}
				}
				r.Add(c)
				if k == 0 {
					r.Add(col.New(gapU))
				}
			}
			rows, height = append(rows, r), height+nh
		}
		for n := 0; n < rmax; n++ {
			r := row.New(rh)
			for k := 0; k < 2; k++ {
				c := col.New(boxU)
				if k < len(pair) && n < len(roles[k]) {
					l.addLine(c, roles[k][n], roleSt, rh, 0, 0)
				}
				r.Add(c)
				if k == 0 {
					r.Add(col.New(gapU))
				}
			}
			rows, height = append(rows, r), height+rh
		}
		for _, lbl := range []struct {
			text string
			h    float64
		}{{"Signature", 13}, {"Date", 9}} {
			r := row.New(lbl.h)
			for k := 0; k < 2; k++ {
				c := col.New(boxU)
				if k < len(pair) {
					l.labelLine(c, lbl.text, lbl.h)
				}
				r.Add(c)
				if k == 0 {
					r.Add(col.New(gapU))
				}
			}
			rows, height = append(rows, r), height+lbl.h
		}
		rows, height = append(rows, spacer(sigRowGap)), height+sigRowGap
		l.items = append(l.items, item{rows: rows, height: height})
	}
	l.after = 2
}

// labelLine draws "Label" and a line to write on, at the bottom of a cell.
func (l *layout) labelLine(c core.Col, label string, h float64) {
	st := stSmall
	l.check(label, 0, nil)
	lh := lineHeight(st.size)
	c.Add(textComponent(label, props.Text{Family: fontFamily, Style: styles[0], Size: st.size,
		Color: ptrColor(st.color), Top: h - lh + baselineTop(st.size, lh) - 0.6, Align: align.Left}))
	lw := l.width(label, 0, st.size) + 2
	// The line runs from after the label to the right edge of the box, at
	// the label's baseline.
	c.Add(&rule{x: lw, y: h - 1.2, thick: 0.3, color: colText})
}

// pageCapacity is the height available for content on a page.
func pageCapacity(draft bool) float64 {
	return pageH - marginT - marginB - headerHeight(draft) - footerHeight
}

// paginate groups items into pages. It never breaks inside an item, keeps
// headings with what follows, repeats a table's header on a new page and
// drops space at the top of a page. Every item fits on a page by
// construction; one that did not would be cut by maroto, so that is an
// error rather than a silent loss.
func paginate(items []item, capacity float64) ([][]core.Row, error) {
	var pages [][]core.Row
	var cur []core.Row
	y := 0.0
	newPage := func() {
		if len(cur) > 0 {
			pages = append(pages, cur)
		}
		cur, y = nil, 0
	}
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.pageBreak {
			newPage()
			continue
		}
		if it.height > capacity+1e-6 {
			return nil, fmt.Errorf("layout: an item of %.1f mm is taller than the %.1f mm page", it.height, capacity)
		}
		if it.space {
			if y == 0 {
				continue
			}
			if y+it.height > capacity {
				newPage()
				continue
			}
		}
		// A chain of keep-with-next items must fit with the item after it
		// (spaces between them count, but do not end the chain).
		need := it.height
		for j := i; j < len(items) && items[j].keep; {
			k := j + 1
			for k < len(items) && items[k].space {
				need += items[k].height
				k++
			}
			if k >= len(items) || items[k].pageBreak {
				break
			}
			need += items[k].height
			j = k
		}
		if need > capacity {
			need = it.height
		}
		if y > 0 && y+need > capacity+1e-9 {
			newPage()
		}
		if y == 0 && it.head != nil {
			cur = append(cur, it.head...)
			y += it.headHeight
		}
		cur = append(cur, it.rows...)
		y += it.height
	}
	newPage()
	if len(pages) == 0 {
		pages = append(pages, []core.Row{spacer(1)})
	}
	return pages, nil
}
