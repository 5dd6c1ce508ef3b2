package gofpdf

import (
	"github.com/johnfercher/maroto/v2/internal/providers/gofpdf/gofpdfwrapper"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

const (
	gofpdfFontScale1 = 72.0
	gofpdfFontScale2 = 25.4
)

type font struct {
	pdf         gofpdfwrapper.Fpdf
	size        float64
	family      string
	style       fontstyle.Type
	scaleFactor float64
	fontColor   *props.Color
}

// NewFont create a Font.
func NewFont(pdf gofpdfwrapper.Fpdf, size float64, family string, style fontstyle.Type) *font {
	pdf.SetFont(family, string(style), size)

	return &font{
		pdf:         pdf,
		size:        size,
		family:      family,
		style:       style,
		scaleFactor: gofpdfFontScale1 / gofpdfFontScale2, // Bytes defined inside gofpdf constructor,
		fontColor:   &props.Color{Red: 0, Green: 0, Blue: 0},
	}
}

// GetFamily return the currently Font family configured.
func (s *font) GetFamily() string {
	return s.family
}

// GetStyle return the currently Font style configured.
func (s *font) GetStyle() fontstyle.Type {
	return s.style
}

// GetSize return the currently Font size configured.
func (s *font) GetSize() float64 {
	return s.size
}

// GetFont return all the currently Font properties configured.
func (s *font) GetFont() (string, fontstyle.Type, float64) {
	return s.family, s.style, s.size
}

func (s *font) GetHeight(family string, style fontstyle.Type, size float64) float64 {
	s.SetFont(family, style, size)
	_, _, fontSize := s.GetFont()
	return fontSize / s.scaleFactor
}

// same reports whether the font is already family, style and size, as
// gofpdf has it: every change of font goes through this type, and gofpdf
// itself selects the font again at each new page. gofpdf's SetFont does not
// check: it writes the font's operator (BT /Fn size Tf ET) into the page
// each time, after lower-casing, upper-casing and joining its names, and a
// line of text asked for it three times (Add, GetHeight, and GetHeight
// again per line). maroto sets no font inside a saved graphics state (it
// never clips or transforms), so the font the page's content has selected
// is always the last one set here.
func (s *font) same(family string, style fontstyle.Type, size float64) bool {
	return family == s.family && style == s.style && size == s.size
}

// SetFamily defines a new Font family.
func (s *font) SetFamily(family string) {
	s.family = family

	s.pdf.SetFont(s.family, string(s.style), s.size)
}

// SetStyle defines a new Font style.
func (s *font) SetStyle(style fontstyle.Type) {
	s.style = style

	s.pdf.SetFontStyle(string(s.style))
}

// SetSize defines a new Font size.
func (s *font) SetSize(size float64) {
	s.size = size
	s.pdf.SetFontSize(s.size)
}

// SetFont defines all new Font properties.
func (s *font) SetFont(family string, style fontstyle.Type, size float64) {
	if s.same(family, style, size) {
		return
	}
	s.family = family
	s.style = style
	s.size = size

	s.pdf.SetFont(s.family, string(s.style), s.size)
}

func (s *font) SetColor(color *props.Color) {
	if color == nil {
		return
	}

	// The same colour again (each text sets its colour and then restores
	// the one before) changes nothing in gofpdf, which formats it anew.
	same := s.fontColor != nil && *s.fontColor == *color
	s.fontColor = color
	if same {
		return
	}
	s.pdf.SetTextColor(color.Red, color.Green, color.Blue)
}

func (s *font) GetColor() *props.Color {
	return s.fontColor
}
