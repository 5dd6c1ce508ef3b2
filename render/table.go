package render

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	east "github.com/yuin/goldmark/extension/ast"
)

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
