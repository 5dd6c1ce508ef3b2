package gofpdf

// Tests of sendgen's patch (README.sendgen.md): the font ID is the one the
// upstream code computes, without its cost; compressors are reused and give
// the same bytes as new ones.

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"testing"
)

// upstreamFontID is generateFontID as released in v1.4.3.
func upstreamFontID(fdt fontDefType) (string, error) {
	fdt.File = ""
	b, err := json.Marshal(&fdt)
	return fmt.Sprintf("%x", sha1.Sum(b)), err
}

func widths(n int, set map[int]int) []int {
	cw := make([]int, n)
	for i, w := range set {
		cw[i] = w
	}
	return cw
}

func fontIDCases() []fontDefType {
	desc := FontDescType{Ascent: 928, Descent: -236, CapHeight: 928, Flags: 32,
		FontBBox: fontBoxType{-1021, -463, 1793, 1232}, ItalicAngle: 0, StemV: 70, MissingWidth: 600}
	return []fontDefType{
		{Tp: "UTF8", Name: "dejavusans", Desc: desc, Up: -63, Ut: 44, Cw: nil},
		{Tp: "UTF8", Name: "dejavusans", Cw: []int{}},
		{Tp: "UTF8", Name: "dejavusans", Cw: []int{0}},
		{Tp: "UTF8", Name: "dejavusans", Cw: []int{7}},
		{Tp: "UTF8", Name: "dejavusans", Cw: []int{0, 0, 0}},
		{Tp: "UTF8", Name: "dejavusans", Cw: []int{3, 0, 0, 0, -5, 0, 65535}},
		{Tp: "UTF8", Name: "dejavusansB", Desc: desc, Cw: widths(65536, map[int]int{0: 97, 32: 318, 65: 684, 0x2014: 1000, 0x1EC5: 615})},
		{Tp: "UTF8", Name: "dejavusans", Desc: desc, Cw: widths(65536, nil)},
		{Tp: "UTF8", Name: "run-2047", Cw: widths(2049, map[int]int{0: 1})},
		{Tp: "UTF8", Name: "run-2048", Cw: widths(2050, map[int]int{0: 1, 2049: 2})},
		{Tp: "UTF8", Name: "run-2049", Cw: widths(2051, map[int]int{0: 1, 2050: 2})},
		{Tp: "UTF8", Name: "run-4096", Cw: widths(4097, map[int]int{0: 1})},
		{Tp: "UTF8", Name: "run-4097", Cw: widths(4099, map[int]int{0: 1, 4098: 9})},
		// Strings json.Marshal escapes, and a name holding the very key the
		// patch looks for.
		{Tp: "Core", Name: `<&> "q" \ ŵ Ł`, Enc: "cp1252", Diff: "1 /a", Cw: []int{1, 2}},
		{Tp: "TrueType", Name: `x"Cw":null`, File: "x.z", Size1: 3, Size2: 4, OriginalSize: 9, N: 2, DiffN: 1, Cw: []int{0, 1}},
	}
}

// The ID is exactly upstream's, so documents are byte-identical to the
// ones the unpatched module writes.
func TestFontIDMatchesUpstream(t *testing.T) {
	for _, c := range fontIDCases() {
		got, err := generateFontID(c)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		want, _ := upstreamFontID(c)
		if got != want {
			t.Errorf("%s (%d widths): ID %s, upstream %s", c.Name, len(c.Cw), got, want)
		}
	}
}

func FuzzFontID(f *testing.F) {
	f.Add("dejavusans", []byte{0, 0, 1, 0, 0, 0, 0, 200}, uint16(0))
	f.Add(`a"Cw":null`, []byte{}, uint16(4096))
	f.Fuzz(func(t *testing.T, name string, raw []byte, zeros uint16) {
		// raw gives the widths (signed bytes, mostly small), zeros a run of
		// unused code points after them.
		cw := make([]int, 0, len(raw)+int(zeros))
		for _, b := range raw {
			cw = append(cw, int(int8(b)))
		}
		cw = append(cw, make([]int, zeros)...)
		fdt := fontDefType{Tp: "UTF8", Name: name, Cw: cw}
		got, err := generateFontID(fdt)
		want, werr := upstreamFontID(fdt)
		if (err == nil) != (werr == nil) || got != want {
			t.Fatalf("ID %q (%v), upstream %q (%v)", got, err, want, werr)
		}
	})
}

// allocated returns the bytes f allocates (the least of three runs, so a
// concurrent collection or a refilled pool does not count).
func allocated(f func()) uint64 {
	best := ^uint64(0)
	var a, b runtime.MemStats
	for i := 0; i < 3; i++ {
		runtime.ReadMemStats(&a)
		f()
		runtime.ReadMemStats(&b)
		if d := b.TotalAlloc - a.TotalAlloc; d < best {
			best = d
		}
	}
	return best
}

// Upstream marshals the 65,536 widths of a UTF-8 font to JSON (at least
// 128 KiB, copied out of the encoder) before hashing them.
func TestFontIDDoesNotMarshalWidths(t *testing.T) {
	fdt := fontIDCases()[6]
	if n := allocated(func() { _, _ = generateFontID(fdt) }); n > 16<<10 {
		t.Errorf("generateFontID allocates %d bytes for a UTF-8 font; the patched code needs a few KiB", n)
	}
}

// A reused compressor gives the bytes a new one gives.
func TestSliceCompressMatchesNewWriter(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	inputs := [][]byte{nil, {}, []byte("BT /F1 10.00 Tf ET"), make([]byte, 256*256*2)}
	for _, n := range []int{1, 100, 5000, 70000} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Intn(6)) // compressible, like a page stream
		}
		inputs = append(inputs, b)
	}
	for round := 0; round < 2; round++ { // the second round reuses pooled writers
		for _, in := range inputs {
			var want bytes.Buffer
			w, _ := zlib.NewWriterLevel(&want, zlib.BestSpeed)
			w.Write(in)
			w.Close()
			if got := sliceCompress(in); !bytes.Equal(got, want.Bytes()) {
				t.Errorf("round %d, %d bytes in: compressed to %d bytes, a new writer gives %d", round, len(in), len(got), want.Len())
			}
		}
	}
}

// A new zlib writer allocates about 1 MB; a pooled one nothing of the kind.
func TestSliceCompressReusesWriters(t *testing.T) {
	page := bytes.Repeat([]byte("0.000 0.000 0.000 rg BT 56.69 785.20 Td (x) Tj ET\n"), 40)
	sliceCompress(page)
	if n := allocated(func() { sliceCompress(page) }); n > 64<<10 {
		t.Errorf("sliceCompress allocates %d bytes per call: the compressor is not reused", n)
	}
}

// Cutting a font no longer recomputes (and reallocates) the width table,
// which nothing reads afterwards; the widths gofpdf uses are unchanged.
func TestCutFontKeepsWidths(t *testing.T) {
	// sendgen's copy has none of upstream's test fonts; sendgen's own face
	// sits two folders up.
	ttf, err := os.ReadFile("../../render/fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	utf := newUTF8Font(&fileReader{readerPosition: 0, array: ttf})
	if err := utf.parseFile(); err != nil {
		t.Fatal(err)
	}
	before := utf.CharWidths
	snapshot := append([]int(nil), before...)
	utf.GenerateCutFont(map[int]int{0: 0, 'A': 'A', 'b': 'b'})
	if &utf.CharWidths[0] != &before[0] {
		t.Error("GenerateCutFont replaced the width table")
	}
	for i := range snapshot {
		if utf.CharWidths[i] != snapshot[i] {
			t.Fatalf("width of U+%04X changed from %d to %d", i, snapshot[i], utf.CharWidths[i])
		}
	}
}
