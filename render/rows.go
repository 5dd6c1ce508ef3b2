package render

import (
	"math"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// lineRow is one line of text as a row of fixed height.
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

func spacer(h float64) core.Row {
	return row.New(h).Add(col.New(gridSize))
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
