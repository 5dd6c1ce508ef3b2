package gofpdf

// Tests of sendgen's patch (README.sendgen.md): a UTF-8 font's ID hashes
// its file, not its width table; compressors are reused and give the same
// bytes as new ones; cutting a font leaves its widths alone.

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"image"
	pngenc "image/png"
	"io"
	"math/rand"
	"os"
	"regexp"
	"runtime"
	"testing"

	kpzlib "github.com/klauspost/compress/zlib"
)

func widths(n int, set map[int]int) []int {
	cw := make([]int, n)
	for i, w := range set {
		cw[i] = w
	}
	return cw
}

func utf8Def(name string) fontDefType {
	return fontDefType{Tp: "UTF8", Name: name, Up: -63, Ut: 44,
		Desc: FontDescType{Ascent: 928, Descent: -236, CapHeight: 928, Flags: 32,
			FontBBox: fontBoxType{-1021, -463, 1793, 1232}, StemV: 70, MissingWidth: 600},
		Cw: widths(65536, map[int]int{0: 97, 32: 318, 65: 684, 0x2014: 1000, 0x1EC5: 615})}
}

// A UTF-8 font's ID is a hash of its definition and its file: the same
// for the same font, in any document or process, and different whenever
// either differs.
func TestUTF8FontID(t *testing.T) {
	file := []byte("\x00\x01\x00\x00 a TrueType file")
	base := generateUTF8FontID(utf8Def("dejavusans"), file)
	if len(base) != 40 {
		t.Fatalf("ID %q is not a hex SHA-1", base)
	}
	if again := generateUTF8FontID(utf8Def("dejavusans"), append([]byte(nil), file...)); again != base {
		t.Errorf("the same font gave IDs %s and %s", base, again)
	}
	withFile := utf8Def("dejavusans")
	withFile.File = "/some/where/DejaVuSans.ttf" // where it was read from does not matter
	if id := generateUTF8FontID(withFile, file); id != base {
		t.Errorf("the file's path changed the ID: %s, want %s", id, base)
	}
	bold := utf8Def("dejavusansB")
	otherDesc := utf8Def("dejavusans")
	otherDesc.Desc.StemV = 120
	differ := map[string]string{
		"another style":      generateUTF8FontID(bold, file),
		"another descriptor": generateUTF8FontID(otherDesc, file),
		"another file":       generateUTF8FontID(utf8Def("dejavusans"), []byte("\x00\x01\x00\x00 another file")),
		"a longer file":      generateUTF8FontID(utf8Def("dejavusans"), append(append([]byte(nil), file...), 0)),
		"no file":            generateUTF8FontID(utf8Def("dejavusans"), nil),
	}
	for what, id := range differ {
		if id == base {
			t.Errorf("%s gave the same ID %s", what, id)
		}
	}
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
// 128 KiB, copied out of the encoder) to hash them; the file is hashed
// instead.
func TestUTF8FontIDDoesNotMarshalWidths(t *testing.T) {
	fdt := utf8Def("dejavusans")
	file := bytes.Repeat([]byte{1, 2, 3, 4}, 8<<10)
	if n := allocated(func() { generateUTF8FontID(fdt, file) }); n > 16<<10 {
		t.Errorf("generateUTF8FontID allocates %d bytes; without the width table it needs a few KiB", n)
	}
}

// A reused compressor gives the bytes a new one gives, and what it writes
// is zlib that compress/zlib (any PDF reader's inflate) reads back.
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
			w, _ := kpzlib.NewWriterLevel(&want, kpzlib.BestSpeed)
			w.Write(in)
			w.Close()
			got := sliceCompress(in)
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("round %d, %d bytes in: compressed to %d bytes, a new writer gives %d", round, len(in), len(got), want.Len())
			}
			r, err := zlib.NewReader(bytes.NewReader(got))
			if err != nil {
				t.Fatalf("%d bytes in: compress/zlib cannot read the stream: %v", len(in), err)
			}
			back, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(back, in) {
				t.Errorf("%d bytes in: compress/zlib reads back %d bytes (%v)", len(in), len(back), err)
			}
		}
	}
}

// A new zlib writer allocates about 1 MB; a kept one nothing of the kind,
// and it is kept across garbage collections (which empty a sync.Pool).
func TestSliceCompressReusesWriters(t *testing.T) {
	page := bytes.Repeat([]byte("0.000 0.000 0.000 rg BT 56.69 785.20 Td (x) Tj ET\n"), 40)
	sliceCompress(page)
	runtime.GC()
	runtime.GC()
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

// The same image registered under two names is written once, and named
// once in the resource dictionary: a repeated key is an error in PDF.
func TestImageUnderTwoNamesListedOnce(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 4, 4))
	var png bytes.Buffer
	if err := pngenc.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	pdf := New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	opt := ImageOptions{ImageType: "PNG"}
	for _, name := range []string{"first", "second"} {
		pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(png.Bytes()))
		pdf.AddPage()
		pdf.ImageOptions(name, 10, 10, 20, 20, false, opt, 0, "")
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`(?m)^/I[0-9a-f]{40} \d+ 0 R$`).FindAllString(out.String(), -1)
	if len(names) != 1 {
		t.Errorf("the image is named %d times in the resources: %q", len(names), names)
	}
}

// A UTF-8 font's width table ends at its last character instead of
// holding 65,536 entries; every width in it is what the full table held,
// and a character past the end measures as one the font lacks.
func TestUTF8WidthsEndAtLastCharacter(t *testing.T) {
	ttf, err := os.ReadFile("../../render/fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	utf := newUTF8Font(&fileReader{readerPosition: 0, array: ttf})
	if err := utf.parseFile(); err != nil {
		t.Fatal(err)
	}
	utf.generateCMAP() // fills charSymbolDictionary, which parseFile keeps to itself
	last := 0
	for c, g := range utf.charSymbolDictionary {
		if g != 0 && c != 0xFFFF && c > last {
			last = c
		}
	}
	if len(utf.CharWidths) != last+1 {
		t.Errorf("%d widths; the font's last character is U+%04X", len(utf.CharWidths), last)
	}
	if charWidth(utf.CharWidths, last+1) != 0 || charWidth(utf.CharWidths, 0x10000) != 0 || charWidth(utf.CharWidths, -1) != 0 {
		t.Error("charWidth past the table is not 0")
	}

	// Text measures as it did with the full table, characters past the
	// font's last (an emoji) included.
	pdf := New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("dejavu", "", ttf)
	pdf.SetFont("dejavu", "", 10)
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	text := "Zoë Ó Súilleabháin — “quoted” £1,200 … \U0001F600 \uFFFD"
	full := make([]int, 256*256)
	copy(full, pdf.currentFont.Cw)
	got := pdf.GetStringSymbolWidth(text)
	pdf.currentFont.Cw = full
	if want := pdf.GetStringSymbolWidth(text); got != want {
		t.Errorf("GetStringSymbolWidth %d, with a 65,536-entry table %d", got, want)
	}
}

// compressCIDToGIDMap gives the bytes of a new 128 KiB map, and leaves its
// pooled buffer cleared for the next font.
func TestCIDToGIDMapMatchesNewBuffer(t *testing.T) {
	maps := []map[int]int{
		{32: 3, 65: 1, 0x2014: 2, 0xFFFD: 4},
		{33: 1},
		{},
		{32: 1, 65: 2, 0x1EC5: 0x1234},
	}
	// Short and full maps in turn, longer and shorter: a pooled buffer is
	// reused, or replaced by a longer one, and left zeroed either way.
	for round := 0; round < 2; round++ {
		for i, m := range maps {
			want := make([]byte, 256*256*2)
			last := 0
			for cc, g := range m {
				want[cc*2], want[cc*2+1] = byte(g>>8), byte(g)
				last = max(last, cc)
			}
			if got := compressCIDToGIDMap(m, true); !bytes.Equal(got, sliceCompress(want[:2*last+2])) {
				t.Errorf("round %d, map %d: the compressed short map differs from a new buffer's", round, i)
			}
			if got := compressCIDToGIDMap(m, false); !bytes.Equal(got, sliceCompress(want)) {
				t.Errorf("round %d, map %d: the compressed map differs from a new buffer's", round, i)
			}
		}
	}
}

// reserve keeps what the buffer holds and makes room in one allocation.
func TestReserveKeepsContents(t *testing.T) {
	var b fmtBuffer
	b.WriteString("%PDF-1.3\n")
	b.reserve(100 << 10)
	if b.String() != "%PDF-1.3\n" || b.Available() < 100<<10 {
		t.Fatalf("after reserve: %q, %d bytes free", b.String(), b.Available())
	}
	c := b.Cap()
	b.Write(make([]byte, 100<<10))
	if b.Cap() != c {
		t.Error("writing what was reserved grew the buffer")
	}
}

// The page-count alias is still replaced on every page, in both of the
// forms replaceAliases looks for, and a page without it is left alone.
func TestAliasReplacedOnEveryPage(t *testing.T) {
	pdf := New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.AliasNbPages("")
	pdf.SetFont("Helvetica", "", 10)
	for i := 0; i < 3; i++ {
		pdf.AddPage()
		if i < 2 {
			pdf.Text(10, 10, "page of {nb}")
		}
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out.Bytes(), []byte("(page of 3)")); n != 2 || bytes.Contains(out.Bytes(), []byte("{nb}")) {
		t.Errorf("%d pages say \"page of 3\"; {nb} left: %v", n, bytes.Contains(out.Bytes(), []byte("{nb}")))
	}
}

// A short CIDToGIDMap holds the same glyphs as the full one, up to the
// last CID mapped, and ends there.
func TestShortCIDToGIDMap(t *testing.T) {
	m := map[int]int{32: 3, 65: 1, 0x2014: 2}
	r, err := zlib.NewReader(bytes.NewReader(compressCIDToGIDMap(m, true)))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	got.ReadFrom(r)
	if got.Len() != 2*0x2014+2 {
		t.Fatalf("%d bytes; the last CID is U+2014, so %d", got.Len(), 2*0x2014+2)
	}
	for cc := 0; cc <= 0x2014; cc++ {
		if g := int(got.Bytes()[2*cc])<<8 | int(got.Bytes()[2*cc+1]); g != m[cc] {
			t.Fatalf("CID %d maps to glyph %d, want %d", cc, g, m[cc])
		}
	}
}

// With SetDefaultUTF8FontsAsGiven a UTF-8 font is embedded byte for byte
// as given, and its CIDToGIDMap maps each character drawn to the glyph the
// given font's cmap has for it.
func TestUTF8FontAsGiven(t *testing.T) {
	ttf, err := os.ReadFile("../../render/fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	for _, given := range []bool{false, true} {
		SetDefaultUTF8FontsAsGiven(given)
		pdf := New("P", "mm", "A4", "")
		SetDefaultUTF8FontsAsGiven(false)
		pdf.AddUTF8FontFromBytes("dejavu", "", ttf)
		pdf.SetFont("dejavu", "", 10)
		pdf.AddPage()
		pdf.Text(10, 10, "Ab — é")
		var out bytes.Buffer
		if err := pdf.Output(&out); err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`/Length (\d+)\n/Filter /FlateDecode\n/Length1 (\d+)\n>>\nstream\n`).FindSubmatchIndex(out.Bytes())
		if m == nil {
			t.Fatal("no font file in the document")
		}
		var n int
		fmt.Sscan(string(out.Bytes()[m[2]:m[3]]), &n)
		zr, err := zlib.NewReader(bytes.NewReader(out.Bytes()[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		var file bytes.Buffer
		file.ReadFrom(zr)
		if as := bytes.Equal(file.Bytes(), ttf); as != given {
			t.Errorf("as given %v: the embedded font is the given one: %v (%d bytes of %d)", given, as, file.Len(), len(ttf))
		}
		utf := pdf.fonts["dejavu"].utf8File
		if given {
			utf.generateCMAP()
			for _, r := range "Ab—é" {
				if g := utf.CodeSymbolDictionary[int(r)]; g == 0 || g != utf.charSymbolDictionary[int(r)] {
					t.Errorf("U+%04X maps to glyph %d, the font's cmap says %d", r, g, utf.charSymbolDictionary[int(r)])
				}
			}
		}
	}
}

// utf8FontDefJSON writes json.Marshal's bytes, so fonts keep their IDs.
func TestUTF8FontDefJSONMatchesMarshal(t *testing.T) {
	defs := []fontDefType{utf8Def("dejavusans"), utf8Def("dejavusansBI"), {Tp: "UTF8", Name: "x"}}
	neg := utf8Def("n")
	neg.Desc.FontBBox = fontBoxType{-1, -2, -3, -4}
	neg.Desc.ItalicAngle = -11
	neg.Up, neg.Ut = -100, 0
	defs = append(defs, neg)
	for _, d := range defs {
		d.Cw = nil
		got, ok := utf8FontDefJSON(d)
		want, _ := json.Marshal(&d)
		if !ok || !bytes.Equal(got, want) {
			t.Errorf("%s: %v\n got %s\nwant %s", d.Name, ok, got, want)
		}
	}
	for _, d := range []fontDefType{{Tp: "UTF8", Name: `a"b`}, {Tp: "UTF8", Name: "é"}, {Tp: "UTF8", Name: "x", Enc: "cp1252"}, {Tp: "UTF8", Name: "x", Cw: []int{1}}} {
		if _, ok := utf8FontDefJSON(d); ok {
			t.Errorf("%+v: written by hand, where json.Marshal may differ", d)
		}
	}
}

// An image's fields survive GobEncode and GobDecode, and its ID tells apart
// any two images whose fields differ, however the bytes fall between them.
func TestImageEncodingRoundTripsAndIDsDiffer(t *testing.T) {
	base := ImageInfoType{data: []byte("ab"), smask: []byte{}, n: 3, w: 10.5, h: 20, cs: "DeviceRGB",
		pal: []byte{1, 2, 3}, bpc: 8, f: "FlateDecode", dp: "/Predictor 15", trns: []int{0, 255, -1}, scale: 2.834, dpi: 72}
	variants := []func(*ImageInfoType){
		func(i *ImageInfoType) {},
		func(i *ImageInfoType) { i.data, i.smask = []byte("a"), []byte("b") }, // the same bytes, split elsewhere
		func(i *ImageInfoType) { i.n = 4 },
		func(i *ImageInfoType) { i.w = 10.25 },
		func(i *ImageInfoType) { i.h = -20 },
		func(i *ImageInfoType) { i.cs, i.f = "DeviceRG", "BFlateDecode" },
		func(i *ImageInfoType) { i.pal = nil },
		func(i *ImageInfoType) { i.bpc = 1 },
		func(i *ImageInfoType) { i.dp = "" },
		func(i *ImageInfoType) { i.trns = []int{0, 255} },
		func(i *ImageInfoType) { i.scale = 1 },
		func(i *ImageInfoType) { i.dpi = 300 },
	}
	ids := map[string]int{}
	for k, change := range variants {
		info := base
		change(&info)
		b, err := info.GobEncode()
		if err != nil {
			t.Fatal(err)
		}
		var back ImageInfoType
		if err := back.GobDecode(b); err != nil {
			t.Fatalf("variant %d: %v", k, err)
		}
		id, _ := generateImageID(&info)
		if back.i != id {
			t.Errorf("variant %d: decoded ID %s, encoded %s", k, back.i, id)
		}
		back.i = ""
		if fmt.Sprint(back) != fmt.Sprint(info) {
			t.Errorf("variant %d: decoded %v, want %v", k, back, info)
		}
		if j, ok := ids[id]; ok {
			t.Errorf("variants %d and %d have the same ID", j, k)
		}
		ids[id] = k
		for cut := 0; cut < len(b); cut++ { // a truncated encoding is an error, never a panic
			if err := new(ImageInfoType).GobDecode(b[:cut]); err == nil {
				t.Errorf("variant %d: %d of %d bytes decoded without error", k, cut, len(b))
			}
		}
	}
}

// Templates are not serialised in this copy: each entry point says so
// rather than writing something DeserializeTemplate could not read.
func TestTemplateSerialisationSaysItIsLeftOut(t *testing.T) {
	pdf := New("P", "mm", "A4", "")
	tpl := pdf.CreateTemplate(func(tpl *Tpl) { tpl.Rect(1, 1, 2, 2, "D") })
	if _, err := tpl.Serialize(); err != ErrNoTemplateSerialisation {
		t.Errorf("Serialize: %v", err)
	}
	if _, err := tpl.GobEncode(); err != ErrNoTemplateSerialisation {
		t.Errorf("GobEncode: %v", err)
	}
	if err := tpl.GobDecode(nil); err != ErrNoTemplateSerialisation {
		t.Errorf("GobDecode: %v", err)
	}
	if _, err := DeserializeTemplate(nil); err != ErrNoTemplateSerialisation {
		t.Errorf("DeserializeTemplate: %v", err)
	}
	pdf.AddPage()
	pdf.UseTemplate(tpl) // templates themselves still work
	if err := pdf.Output(io.Discard); err != nil {
		t.Fatal(err)
	}
}

// GobDecode takes any bytes without panicking, and what it accepts encodes
// to bytes it reads back as the same image. (make fuzz leaves third_party/
// out; run with go test -fuzz FuzzImageGobDecode here.)
func FuzzImageGobDecode(f *testing.F) {
	info := ImageInfoType{data: []byte("ab"), n: 3, w: 10.5, cs: "DeviceRGB", trns: []int{0, 255}, dpi: 72}
	b, _ := info.GobEncode()
	f.Add(b)
	f.Add([]byte{imageEncodingVersion})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, in []byte) {
		var got ImageInfoType
		if err := got.GobDecode(in); err != nil {
			return
		}
		again, err := got.GobEncode()
		if err != nil {
			t.Fatal(err)
		}
		var back ImageInfoType
		if err := back.GobDecode(again); err != nil || fmt.Sprint(back) != fmt.Sprint(got) {
			t.Fatalf("re-encoded image reads back as %v (%v), want %v", back, err, got)
		}
	})
}
