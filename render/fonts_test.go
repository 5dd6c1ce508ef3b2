package render

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"sync"
	"testing"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestCmapMatchesSfnt checks the hand-written cmap and width tables against
// golang.org/x/image/font/sfnt for every BMP character: a character this
// package accepts must be one the font really has.
func TestCmapMatchesSfnt(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range fs.faces {
		sf, err := sfnt.Parse(f.data)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		ppem := fixed.I(f.unitsPerEm)
		for r := rune(0); r < 0xFFFF; r++ {
			g, err := sf.GlyphIndex(&buf, r)
			if err != nil {
				t.Fatal(err)
			}
			if (g != 0) != f.has(r) {
				t.Fatalf("%s: U+%04X: sfnt glyph %d, has() = %v", faceNames[i], r, g, f.has(r))
			}
			if g == 0 {
				continue
			}
			adv, err := sf.GlyphAdvance(&buf, g, ppem, font.HintingNone)
			if err != nil {
				t.Fatal(err)
			}
			want := int(float64(adv)/64*1000/float64(f.unitsPerEm) + 0.5)
			if got := f.runeWidth(r); got != want && !(want == 0 && got == 0) {
				t.Fatalf("%s: U+%04X: width %d, sfnt says %d", faceNames[i], r, got, want)
			}
		}
	}
}

// TestSubsetKeepsOutlines: the per-document subset draws exactly the glyphs
// of the full face, composite glyphs (ễ, ị, Ŵ are built from parts)
// included, with the same advances.
func TestSubsetKeepsOutlines(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	text := []rune("Zoë Ó Súilleabháin Łukasz Dafydd ap Ŵyn Ștefan Nguyễn Thị Lan — “quoted” £1,200 …")
	for i, f := range fs.faces {
		sub := f.subset(text)
		full, err := sfnt.Parse(f.data)
		if err != nil {
			t.Fatal(err)
		}
		part, err := sfnt.Parse(sub)
		if err != nil {
			t.Fatalf("%s: the subset does not parse: %v", faceNames[i], err)
		}
		if n := part.NumGlyphs(); n >= 200 {
			t.Errorf("%s: subset has %d glyphs", faceNames[i], n)
		}
		var b1, b2 sfnt.Buffer
		ppem := fixed.I(f.unitsPerEm)
		for _, r := range text {
			if unicode.IsSpace(r) && r != ' ' {
				continue
			}
			g1, _ := full.GlyphIndex(&b1, r)
			g2, err := part.GlyphIndex(&b2, r)
			if err != nil || g2 == 0 {
				t.Fatalf("%s: U+%04X missing from the subset (%v)", faceNames[i], r, err)
			}
			s1, err1 := full.LoadGlyph(&b1, g1, ppem, nil)
			s1 = append(sfnt.Segments(nil), s1...)
			s2, err2 := part.LoadGlyph(&b2, g2, ppem, nil)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: U+%04X: %v %v", faceNames[i], r, err1, err2)
			}
			if (len(s1) > 0 || len(s2) > 0) && !reflect.DeepEqual(s1, s2) {
				t.Errorf("%s: U+%04X %q: outline differs in the subset", faceNames[i], r, r)
			}
			a1, _ := full.GlyphAdvance(&b1, g1, ppem, font.HintingNone)
			a2, _ := part.GlyphAdvance(&b2, g2, ppem, font.HintingNone)
			if a1 != a2 {
				t.Errorf("%s: U+%04X: advance %v, subset %v", faceNames[i], r, a1, a2)
			}
		}
	}
}

// tableChecksum sums big-endian words, the last one zero-padded.
func TestTableChecksum(t *testing.T) {
	for _, tc := range []struct {
		b    []byte
		want uint32
	}{
		{nil, 0},
		{[]byte{1}, 0x01000000},
		{[]byte{0, 0, 0, 1, 0, 0, 0, 2}, 3},
		{[]byte{0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 2, 0, 1}, 1 + 0x00010000},
	} {
		if got := tableChecksum(tc.b); got != tc.want {
			t.Errorf("tableChecksum(% x) = %#x, want %#x", tc.b, got, tc.want)
		}
	}
}

// Every glyph of every embedded face has offsets in order and inside the
// glyf table: glyphData would otherwise give a glyph no outline.
func TestGlyphOffsets(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range fs.faces {
		for g := 0; g < f.numGlyphs; g++ {
			if _, _, ok := f.glyphOffsets(uint16(g)); !ok {
				t.Fatalf("%s: glyph %d out of range", faceNames[i], g)
			}
		}
		if _, _, ok := f.glyphOffsets(uint16(f.numGlyphs)); ok {
			t.Errorf("%s: glyph %d (past the last) has offsets", faceNames[i], f.numGlyphs)
		}
	}
}

// sfntGlyphs is every BMP rune's glyph in f as golang.org/x/image/font/sfnt
// reads the font's cmap (an implementation of its own), and eagerAdvances
// the widths read whole, as gofpdf reads them (and as render did before
// reading them on demand): the references the lazy reads are checked
// against. U+FFFF is never a character.
func sfntGlyphs(t *testing.T, f *face) map[rune]uint16 {
	sf, err := sfnt.Parse(f.data)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	out := map[rune]uint16{}
	for r := rune(0); r < 0xFFFF; r++ {
		g, err := sf.GlyphIndex(&buf, r)
		if err != nil {
			t.Fatalf("%s: U+%04X: %v", f.name, r, err)
		}
		if g != 0 {
			out[r] = uint16(g)
		}
	}
	return out
}

func eagerAdvances(f *face) (advance []uint16, missing int) {
	hmtx := f.tables["hmtx"]
	scale := 1000.0 / float64(f.unitsPerEm)
	adv := func(g int) int {
		if g >= f.hmtxMetrics {
			g = f.hmtxMetrics - 1
		}
		a := int(binary.BigEndian.Uint16(hmtx[4*g:]))
		if a >= 1<<15 {
			a = 0
		}
		return a
	}
	missing = int(math.Round(scale * float64(adv(0))))
	advance = make([]uint16, f.numGlyphs)
	for g := 1; g < f.numGlyphs; g++ {
		w := int(math.Round(scale * float64(adv(g))))
		if w == 0 || w > 0xFFFF {
			w = 0xFFFF
		}
		advance[g] = uint16(w)
	}
	return advance, missing
}

// TestLazyCmapAsEager: every rune of the BMP has the glyph and the width in
// each face, read on demand, that the whole table gives it, asked from
// several goroutines at once as concurrent renders ask.
func TestLazyCmapAsEager(t *testing.T) {
	for i := range faceData {
		f, err := parseFace(faceNames[i], *faceData[i])
		if err != nil {
			t.Fatal(err)
		}
		want := sfntGlyphs(t, f)
		advance, missing := eagerAdvances(f)
		if f.missing != missing {
			t.Errorf("%s: missing width %d, want %d", faceNames[i], f.missing, missing)
		}
		var wg sync.WaitGroup
		errs := make(chan string, 4)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				bad := 0
				for k := 0; k <= 0xFFFF; k++ {
					r := rune((k + w*0x4000) & 0xFFFF) // each goroutine starts elsewhere
					g := f.glyph(r)
					if g != want[r] {
						bad++
						if bad < 4 {
							errs <- fmt.Sprintf("%s: U+%04X: glyph %d, want %d", faceNames[i], r, g, want[r])
						}
						continue
					}
					wantW := missing
					if g != 0 {
						wantW = int(advance[g])
						if advance[g] == 0xFFFF {
							wantW = 0
						}
					}
					if got := f.runeWidth(r); got != wantW {
						bad++
						if bad < 4 {
							errs <- fmt.Sprintf("%s: U+%04X: width %d, want %d", faceNames[i], r, got, wantW)
						}
					}
				}
			}(w)
		}
		go func() { wg.Wait(); close(errs) }()
		for e := range errs {
			t.Error(e)
		}
		if len(want) < 3000 {
			t.Errorf("%s maps only %d runes", faceNames[i], len(want))
		}
	}
}
