package gofpdf

import (
	"bytes"
	"testing"

	"github.com/johnfercher/maroto/v2/internal/providers/gofpdf/gofpdfwrapper"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"
)

// sendgen's test of its patch: asking for the font the page already has
// writes nothing, and every change of font, and each new page, still selects
// it.
func TestSameFontNotSelectedAgain(t *testing.T) {
	pdf := gofpdfwrapper.NewCustom(&gofpdf.InitType{UnitStr: "mm", SizeStr: "A4"})
	pdf.SetCompression(false)
	f := NewFont(pdf, 10, "Arial", fontstyle.Normal)
	pdf.AddPage()
	for i := 0; i < 5; i++ {
		f.SetFont("Arial", fontstyle.Normal, 10)
		if h := f.GetHeight("Arial", fontstyle.Normal, 10); h != 10/f.scaleFactor {
			t.Fatalf("GetHeight = %v, want %v", h, 10/f.scaleFactor)
		}
		pdf.Text(10, 10+float64(i)*5, "same font")
	}
	f.SetFont("Arial", fontstyle.Bold, 10)
	f.SetFont("Arial", fontstyle.Bold, 10)
	pdf.Text(10, 50, "bold")
	if h := f.GetHeight("Arial", fontstyle.Bold, 12); h != 12/f.scaleFactor {
		t.Fatalf("GetHeight = %v, want %v", h, 12/f.scaleFactor)
	}
	pdf.AddPage()
	f.SetFont("Arial", fontstyle.Bold, 12)
	pdf.Text(10, 10, "second page")
	if fam, st, size := f.GetFont(); fam != "Arial" || st != fontstyle.Bold || size != 12 {
		t.Fatalf("GetFont = %q %q %v", fam, st, size)
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	// gofpdf selects the font twice on each new page (before and after its
	// header function): 2 + bold + 12 pt + 2. Without the patch, 18.
	if n := bytes.Count(out.Bytes(), []byte(" Tf ET")); n != 6 {
		t.Errorf("the font was selected %d times, want 6 (twice on each page, then bold and 12 pt)", n)
	}
}

// The same colour again is not set again; another colour is, and the
// colour kept is the one asked for last.
func TestSameColourNotSetAgain(t *testing.T) {
	pdf := gofpdfwrapper.NewCustom(&gofpdf.InitType{UnitStr: "mm", SizeStr: "A4"})
	pdf.SetCompression(false)
	f := NewFont(pdf, 10, "Arial", fontstyle.Normal)
	pdf.AddPage()
	red := &props.Color{Red: 200}
	for i := 0; i < 3; i++ {
		f.SetColor(red)
		f.SetColor(&props.Color{Red: 200})
		pdf.Text(10, 10+float64(i)*5, "red")
	}
	f.SetColor(&props.Color{Blue: 200})
	pdf.Text(10, 40, "blue")
	if c := f.GetColor(); *c != (props.Color{Blue: 200}) {
		t.Fatalf("GetColor = %+v", *c)
	}
	if r, g, b := pdf.GetTextColor(); r != 0 || g != 0 || b != 200 {
		t.Fatalf("gofpdf's text colour = %d %d %d, want 0 0 200", r, g, b)
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out.Bytes(), []byte("0.784 0.000 0.000 rg")); n != 3 {
		t.Errorf("red written %d times, want 3 (once per text)", n)
	}
	if n := bytes.Count(out.Bytes(), []byte("0.000 0.000 0.784 rg")); n != 1 {
		t.Errorf("blue written %d times, want 1", n)
	}
}
