package render

import (
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// signatures lays out signature blocks two to a row: name, role and
// organisation, then a signature line and a date line. They are drawn from
// text and lines, never with maroto's signature component, which sets its
// label in Helvetica whatever the document font and so loses Ŵ or Ł.
func (l *layout) signatures(b *block) {
	if len(b.sigs) == 0 {
		return
	}
	l.space(3)
	l.keepWithPrevious()
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
		if i > 0 {
			l.space(sigRowGap)
		}
		// The pairs stay together: the last one alone on a page would be
		// a signature cut off from the document it signs.
		last := i+2 >= len(b.sigs)
		l.items = append(l.items, item{rows: rows, height: height, keep: !last})
	}
	// The space after the block is owed to what follows, so it is dropped
	// at the bottom of a page rather than pushing the block onto the next.
	l.after = sigRowGap
}

// keepWithPrevious keeps what is about to be added (a signature block) on
// the page of the text before it: the chain of items already kept with it
// (the "Signed" heading, the declaration) is extended back to the item
// before them, the end of the preceding text. A signature block then never
// starts a page with only its own heading and declaration above it.
func (l *layout) keepWithPrevious() {
	j := len(l.items) - 1
	for j >= 0 && (l.items[j].keep || l.items[j].space) {
		j--
	}
	if j >= 0 && !l.items[j].pageBreak {
		l.items[j].keep = true
	}
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
