package render

import (
	"math"

	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

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

// space adds vertical space, collapsing with the space owed by the
// previous block.
func (l *layout) space(before float64) {
	s := math.Max(before, l.after)
	l.after = 0
	if s > 0 {
		l.items = append(l.items, item{rows: []core.Row{spacer(s)}, height: s, space: true})
	}
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
