package render

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/phpdave11/gofpdf"
	"github.com/sendgen/sendgen/internal/memtest"
	"github.com/sendgen/sendgen/internal/pdftest"
)

// go.mod replaces gofpdf with third_party/gofpdf, patched so that a
// document costs half the CPU (third_party/gofpdf/README.sendgen.md). This
// fails if the replace is dropped or the copy reverted: upstream allocates
// a new zlib compressor, about 1.2 MB, for every stream it writes, so each
// extra page of a compressed document costs over a megabyte; with the
// patch, a page costs its content stream.
func TestGofpdfPatchInEffect(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector; the plain test run checks this")
	}
	fs, err := sharedFonts()
	if err != nil {
		t.Fatal(err)
	}
	regular, err := fs.get(0)
	if err != nil {
		t.Fatal(err)
	}
	font := regular.subset([]rune("Page of 0123456789 The quick brown fox"))
	doc := func(pages int) []byte {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.SetCompression(true)
		pdf.AddUTF8FontFromBytes(fontFamily, "", font)
		pdf.SetFont(fontFamily, "", 10)
		for i := 0; i < pages; i++ {
			pdf.AddPage()
			pdf.Text(20, 20, "The quick brown fox")
		}
		var out bytes.Buffer
		if err := pdf.Output(&out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	const extra = 8
	small := memtest.Allocated(func() { doc(1) })
	large := memtest.Allocated(func() { doc(1 + extra) })
	perPage := (int64(large) - int64(small)) / extra
	t.Logf("%d bytes for one page, %d per further page", small, perPage)
	if perPage > 256<<10 {
		t.Errorf("each further page allocates %d bytes: the compressor is not reused, so go.mod's replace of gofpdf by third_party/gofpdf is not in effect", perPage)
	}
	if !bytes.Equal(doc(2), doc(2)) {
		t.Error("two renders of the same gofpdf document differ")
	}
}

// A draft carries its watermark image on every page; upstream gofpdf lists
// the image in the page resources once per page under the same name, which
// qpdf reports as a duplicated dictionary key (exit status 3). The patched
// copy lists it once.
func TestDraftPDFValid(t *testing.T) {
	r := testRenderer(t)
	drafts, _ := filepath.Glob("../samples/drafts/*.md")
	if len(drafts) == 0 {
		t.Fatal("no samples/drafts")
	}
	multiPage := false
	for _, name := range drafts {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		c := parseCase(t, name, b)
		for _, d := range Documents(c) {
			pdf := renderWith(t, r, c, d, Input{Draft: true})
			multiPage = multiPage || pdfPages(t, pdf) > 1
			out := execTool(t, "qpdf", "--check", pdftest.WriteTemp(t, pdf)) // fails on warnings too
			if strings.Contains(out, "WARNING") || !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("%s %s: qpdf --check:\n%s", name, d, out)
			}
		}
	}
	if !multiPage {
		t.Error("no draft has two pages, so the repeated watermark is not tested")
	}
}

// The faces a document embeds are this package's subsets as they are
// (gofpdf.SetDefaultUTF8FontsAsGiven): each font file in the PDF is a
// valid TrueType font with a correct checksum, of a few dozen glyphs.
func TestEmbeddedFontsAreOurSubsets(t *testing.T) {
	r := testRenderer(t)
	c := loadCase(t, "full.md")
	pdf, err := r.Render(c, OutcomeForm, input(t, c))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`/Length (\d+)\n/Filter /FlateDecode\n/Length1 (\d+)\n>>\nstream\n`)
	found := 0
	for _, m := range re.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		size, _ := strconv.Atoi(string(pdf[m[4]:m[5]]))
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		ttf, err := io.ReadAll(zr)
		if err != nil || len(ttf) != size {
			t.Fatalf("font file: %d bytes (/Length1 %d), %v", len(ttf), size, err)
		}
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatalf("an embedded font does not parse: %v", err)
		}
		if f.NumGlyphs() > 200 {
			t.Errorf("an embedded font has %d glyphs", f.NumGlyphs())
		}
		if sum := tableChecksum(ttf); sum != 0xB1B0AFBA {
			t.Errorf("an embedded font sums to %#x, want 0xB1B0AFBA", sum)
		}
		found++
	}
	if found < 2 {
		t.Fatalf("%d font files found in the outcome form", found)
	}
}
