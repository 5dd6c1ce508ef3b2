package render

import (
	_ "embed" // the fonts
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
)

// The documents are set in DejaVu Sans, embedded in the binary. maroto's
// default font is a cp1252 core font that silently turns Ŵ, Ł, Ș or ễ into
// "." (shared/reference/pdf-anchors.md §2.3), so no text is ever drawn in
// anything but these faces. See fonts/LICENSE. They are embedded as byte
// slices, not an embed.FS, whose ReadFile would copy 2.7 MB at start-up.
var (
	//go:embed fonts/DejaVuSans.ttf
	ttfRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	ttfBold []byte
	//go:embed fonts/DejaVuSans-Oblique.ttf
	ttfOblique []byte
	//go:embed fonts/DejaVuSans-BoldOblique.ttf
	ttfBoldOblique []byte
)

// fontFamily is the family name registered with maroto/gofpdf. It appears
// in the PDF's font names (pdffonts shows "utf8dejavusans").
const fontFamily = "DejaVuSans"

// styles are the four faces, in a fixed order used for arrays below.
var styles = [4]fontstyle.Type{fontstyle.Normal, fontstyle.Bold, fontstyle.Italic, fontstyle.BoldItalic}

var faceData = [4]*[]byte{&ttfRegular, &ttfBold, &ttfOblique, &ttfBoldOblique}

var faceNames = [4]string{"DejaVu Sans", "DejaVu Sans Bold", "DejaVu Sans Oblique", "DejaVu Sans Bold Oblique"}

// styleIndex maps a maroto style to its face.
func styleIndex(s fontstyle.Type) int {
	switch s {
	case fontstyle.Bold:
		return 1
	case fontstyle.Italic:
		return 2
	case fontstyle.BoldItalic:
		return 3
	}
	return 0
}

// face is one parsed TrueType font. Parsing happens once per process (sharedFonts); the
// tables are read-only afterwards, so faces are shared by concurrent renders.
//
// The cmap and width tables mirror exactly what gofpdf derives from the same
// file (first Unicode format-4 subtable; widths in 1/1000 em rounded the way
// gofpdf rounds them), so that the line breaks computed here are the ones
// gofpdf measures when it draws, and a character this package accepts is one
// gofpdf can draw.
type face struct {
	name   string
	data   []byte
	tables map[string][]byte
	// blocks hold each BMP rune's glyph index and width, 256 runes a
	// block, each block read from the cmap and hmtx the first time one of
	// its runes is asked for (glyphBlock): a document uses a handful of the
	// 200-odd blocks a face covers, and reading them all took 0.1-0.2 ms
	// and about 50 KB a face in every process. Faces are shared by
	// concurrent renders, hence the atomic pointers: two goroutines may
	// build the same block, and both build the same one.
	blocks [256]atomic.Pointer[runeBlock]
	// cmap is the format-4 subtable, cmapLength its length as the
	// subtable gives it (at most len(cmap)), segs its segments.
	cmap        []byte
	cmapLength  int
	segs        int
	hmtx        []byte
	scale       float64 // 1000 / unitsPerEm
	missing     int     // gofpdf's MissingWidth: the advance of glyph 0
	numGlyphs   int
	loca        []byte // the loca table: numGlyphs+1 offsets into glyf, read as needed
	longLoca    bool   // loca format 1 (32-bit offsets), else 0 (16-bit halves)
	glyf        []byte
	ascent      int // hhea ascender in 1/1000 em
	descent     int // hhea descender in 1/1000 em (negative)
	unitsPerEm  int
	tableOrder  []string
	hmtxMetrics int
}

// fontSet is the four faces, each parsed on first use: most documents
// never set a word in italics.
type fontSet struct {
	once  [4]sync.Once
	faces [4]*face
	errs  [4]error
}

// get returns face i (see styles), parsing it the first time.
func (fs *fontSet) get(i int) (*face, error) {
	fs.once[i].Do(func() {
		fs.faces[i], fs.errs[i] = parseFace(faceNames[i], *faceData[i])
		if fs.errs[i] != nil {
			fs.errs[i] = fmt.Errorf("embedded font %s: %w", faceNames[i], fs.errs[i])
		}
	})
	return fs.faces[i], fs.errs[i]
}

// newFontSet parses the regular and bold faces, which every document uses.
func newFontSet() (*fontSet, error) {
	fs := &fontSet{}
	for i := 0; i < 2; i++ {
		if _, err := fs.get(i); err != nil {
			return nil, err
		}
	}
	return fs, nil
}

// loadFonts parses all four faces.
func loadFonts() (*fontSet, error) {
	fs := &fontSet{}
	for i := range fs.faces {
		if _, err := fs.get(i); err != nil {
			return nil, err
		}
	}
	return fs, nil
}

var errBadFont = errors.New("malformed TrueType font")

func parseFace(name string, b []byte) (*face, error) {
	if len(b) < 12 {
		return nil, errBadFont
	}
	if v := binary.BigEndian.Uint32(b); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("%w: not a TrueType outline font (version 0x%08x)", errBadFont, v)
	}
	f := &face{name: name, data: b, tables: map[string][]byte{}}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return nil, errBadFont
	}
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		ln := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(b) {
			return nil, fmt.Errorf("%w: table %q out of range", errBadFont, tag)
		}
		f.tables[tag] = b[off : off+ln]
		f.tableOrder = append(f.tableOrder, tag)
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post", "OS/2"} {
		if _, ok := f.tables[t]; !ok {
			return nil, fmt.Errorf("%w: no %q table", errBadFont, t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errBadFont
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	if f.unitsPerEm == 0 {
		return nil, errBadFont
	}
	scale := 1000.0 / float64(f.unitsPerEm)
	f.ascent = int(float64(int16(binary.BigEndian.Uint16(hhea[4:]))) * scale)
	f.descent = int(float64(int16(binary.BigEndian.Uint16(hhea[6:]))) * scale)
	f.hmtxMetrics = int(binary.BigEndian.Uint16(hhea[34:]))
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.hmtxMetrics == 0 || f.hmtxMetrics > f.numGlyphs || len(f.tables["hmtx"]) < 4*f.hmtxMetrics {
		return nil, fmt.Errorf("%w: bad hmtx", errBadFont)
	}
	if err := f.parseLoca(int16(binary.BigEndian.Uint16(head[50:]))); err != nil {
		return nil, err
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	f.hmtx, f.scale = f.tables["hmtx"], scale
	f.missing = f.advanceOf(0)
	return f, nil
}

// parseLoca checks the loca table's format and length; offsets are read
// when a glyph is (glyphOffsets), not decoded into a table of their own for
// thousands of glyphs a document never uses.
func (f *face) parseLoca(format int16) error {
	f.loca, f.glyf = f.tables["loca"], f.tables["glyf"]
	switch format {
	case 0, 1:
		f.longLoca = format == 1
	default:
		return fmt.Errorf("%w: loca format %d", errBadFont, format)
	}
	size := 2
	if f.longLoca {
		size = 4
	}
	if len(f.loca) < size*(f.numGlyphs+1) {
		return fmt.Errorf("%w: short loca", errBadFont)
	}
	return nil
}

// glyphOffsets returns where glyph g's data starts and ends in glyf; ok is
// false for a glyph whose offsets are out of order or past the table.
func (f *face) glyphOffsets(g uint16) (start, end uint32, ok bool) {
	if int(g) >= f.numGlyphs {
		return 0, 0, false
	}
	if f.longLoca {
		start, end = binary.BigEndian.Uint32(f.loca[4*int(g):]), binary.BigEndian.Uint32(f.loca[4*int(g)+4:])
	} else {
		start, end = uint32(binary.BigEndian.Uint16(f.loca[2*int(g):]))*2, uint32(binary.BigEndian.Uint16(f.loca[2*int(g)+2:]))*2
	}
	return start, end, start <= end && end <= uint32(len(f.glyf))
}

// parseCmap reads the first (3,1) or platform-0 format-4 subtable, as gofpdf
// does (utf8fontfile.go parseCMAPTable / generateSCCSDictionaries).
func (f *face) parseCmap() error {
	cm := f.tables["cmap"]
	if len(cm) < 4 {
		return errBadFont
	}
	n := int(binary.BigEndian.Uint16(cm[2:]))
	sub := -1
	for i := 0; i < n && 4+8*i+8 <= len(cm); i++ {
		rec := cm[4+8*i:]
		plat, enc := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if (plat == 3 && enc == 1) || plat == 0 {
			if off+2 <= len(cm) && binary.BigEndian.Uint16(cm[off:]) == 4 {
				sub = off
				break
			}
		}
	}
	if sub < 0 {
		return fmt.Errorf("%w: no Unicode format-4 cmap", errBadFont)
	}
	t := cm[sub:]
	if len(t) < 14 {
		return errBadFont
	}
	length := int(binary.BigEndian.Uint16(t[2:]))
	if length > len(t) {
		length = len(t)
	}
	segs := int(binary.BigEndian.Uint16(t[6:])) / 2
	ends := 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	ranges := deltas + 2*segs
	if ranges+2*segs > len(t) {
		return fmt.Errorf("%w: short cmap", errBadFont)
	}
	f.cmap, f.cmapLength, f.segs = t, length, segs
	return nil
}

// runeBlock is 256 runes' glyphs (0: none) and widths in 1/1000 em, as
// runeWidth gives them: a width is read once, not per use in every line
// measured.
type runeBlock struct {
	glyph [256]uint16
	width [256]int32
}

// glyphBlock reads the glyphs of runes hi<<8 to hi<<8|0xFF from the cmap,
// as gofpdf reads the whole table (utf8fontfile.go generateSCCSDictionaries):
// segment by segment, a later segment's glyph replacing an earlier one's,
// skipping glyph 0, glyphs past the face's and U+FFFF (the terminating
// segment, never a character). TestLazyCmapAsEager checks every rune of
// every face against golang.org/x/image/font/sfnt's reading of the cmap.
func (f *face) glyphBlock(hi int) *runeBlock {
	t, segs := f.cmap, f.segs
	ends := 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	ranges := deltas + 2*segs
	lo, top := hi<<8, hi<<8|0xFF
	blk := new(runeBlock)
	for s := 0; s < segs; s++ {
		end := int(binary.BigEndian.Uint16(t[ends+2*s:]))
		start := int(binary.BigEndian.Uint16(t[starts+2*s:]))
		if end < lo || start > top {
			continue
		}
		delta := int(binary.BigEndian.Uint16(t[deltas+2*s:]))
		ro := int(binary.BigEndian.Uint16(t[ranges+2*s:]))
		for c := max(start, lo); c <= min(end, top); c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				p := ranges + 2*s + ro + 2*(c-start)
				if p+2 > f.cmapLength {
					g = 0
				} else if g = int(binary.BigEndian.Uint16(t[p:])); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g >= f.numGlyphs || g == 0 || c == 0xFFFF {
				continue
			}
			blk.glyph[c&0xFF] = uint16(g)
		}
	}
	for i, g := range blk.glyph {
		if g == 0 {
			blk.width[i] = int32(f.missing)
		} else {
			blk.width[i] = int32(f.advanceOf(g))
		}
	}
	if !f.blocks[hi].CompareAndSwap(nil, blk) {
		blk = f.blocks[hi].Load()
	}
	return blk
}

// block returns the block of r, which must be in the BMP.
func (f *face) block(r rune) *runeBlock {
	if b := f.blocks[r>>8].Load(); b != nil {
		return b
	}
	return f.glyphBlock(int(r >> 8))
}

// glyph returns the glyph index of r, 0 when the face has none.
func (f *face) glyph(r rune) uint16 {
	if r < 0 || r > 0xFFFF {
		return 0
	}
	return f.block(r).glyph[r&0xFF]
}

// advanceOf is glyph g's advance in 1/1000 em as gofpdf's parseHMTXTable
// rounds it into Cw: glyphs past numberOfHMetrics take the last advance,
// and 0 stands for what gofpdf records as 65535 (drawn, no width). It is
// worked out for the runes of a block when the block is first read, not
// for every glyph at start-up.
func (f *face) advanceOf(g uint16) int {
	i := int(g)
	if i >= f.hmtxMetrics {
		i = f.hmtxMetrics - 1
	}
	a := int(binary.BigEndian.Uint16(f.hmtx[4*i:]))
	if a >= 1<<15 {
		a = 0
	}
	w := int(math.Round(f.scale * float64(a)))
	if g != 0 && (w == 0 || w >= 0xFFFF) {
		return 0
	}
	return w
}

// has reports whether the face can draw r.
func (f *face) has(r rune) bool {
	return f.glyph(r) != 0
}

// runeWidth returns the advance of r in 1/1000 em, as gofpdf's
// GetStringSymbolWidth counts it.
func (f *face) runeWidth(r rune) int {
	if r < 0 || r > 0xFFFF {
		return f.missing
	}
	return int(f.block(r).width[r&0xFF])
}

// textWidth is the width of s in 1/1000 em.
func (f *face) textWidth(s string) int {
	// Text runs in one block or two (Latin), so the block is looked up
	// again only when a rune leaves it.
	w, hi := 0, rune(-1)
	var b *runeBlock
	for _, r := range s {
		if r > 0xFFFF {
			w += f.missing
			continue
		}
		if r>>8 != hi {
			hi, b = r>>8, f.block(r)
		}
		w += int(b.width[r&0xFF])
	}
	return w
}

// Composite glyph flags (TrueType glyf table).
const (
	argWords      = 0x0001
	haveScale     = 0x0008
	moreComponent = 0x0020
	haveXYScale   = 0x0040
	have2x2       = 0x0080
)

// subset returns a TrueType font with the outlines, metrics and cmap
// entries of runes only (and the components of composite glyphs), glyphs
// renumbered from 0. gofpdf re-parses every font it is given, for every
// document, at a cost in proportion to the font: about 4 ms per DejaVu face
// per document, against a fraction of that for the hundred-odd characters a
// form uses. The PDF embeds this subset as it is (gofpdf parses it once,
// for its widths, and does not cut it again: SetDefaultUTF8FontsAsGiven).
func (f *face) subset(runes []rune) []byte {
	keep := map[uint16]bool{0: true}
	sorted := make([]rune, 0, len(runes))
	for _, r := range runes {
		if f.has(r) {
			sorted = append(sorted, r)
		}
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var walk func(g uint16, depth int)
	walk = func(g uint16, depth int) {
		if keep[g] && depth > 0 || depth > 8 || int(g) >= f.numGlyphs {
			return
		}
		keep[g] = true
		f.components(f.glyphData(g), func(_ int, comp uint16) { walk(comp, depth+1) })
	}
	for _, r := range sorted {
		walk(f.glyph(r), 0)
	}
	old := make([]uint16, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Slice(old, func(i, j int) bool { return old[i] < old[j] })
	newID := make(map[uint16]uint16, len(old))
	for i, g := range old {
		newID[g] = uint16(i)
	}
	be := binary.BigEndian

	// glyf, loca (long format) and hmtx for the kept glyphs, in new order.
	var glyf []byte
	loca := make([]byte, 4*(len(old)+1))
	hmtx := make([]byte, 4*len(old))
	src := f.tables["hmtx"]
	for i, g := range old {
		be.PutUint32(loca[4*i:], uint32(len(glyf)))
		d := append([]byte(nil), f.glyphData(g)...)
		f.components(d, func(at int, comp uint16) { be.PutUint16(d[at:], newID[comp]) })
		glyf = append(glyf, d...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		adv := int(g)
		if adv >= f.hmtxMetrics {
			adv = f.hmtxMetrics - 1
		}
		copy(hmtx[4*i:], src[4*adv:4*adv+2])
		if int(g) < f.hmtxMetrics {
			copy(hmtx[4*i+2:], src[4*int(g)+2:4*int(g)+4])
		} else if p := 4*f.hmtxMetrics + 2*(int(g)-f.hmtxMetrics); p+2 <= len(src) {
			copy(hmtx[4*i+2:], src[p:p+2])
		}
	}
	be.PutUint32(loca[4*len(old):], uint32(len(glyf)))

	head := append([]byte(nil), f.tables["head"]...)
	be.PutUint32(head[8:], 0) // checkSumAdjustment: set by assembleFont
	be.PutUint16(head[50:], 1)
	hhea := append([]byte(nil), f.tables["hhea"]...)
	be.PutUint16(hhea[34:], uint16(len(old)))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	be.PutUint16(maxp[4:], uint16(len(old)))
	// post format 3: no glyph names (gofpdf writes format 3 anyway).
	post := make([]byte, 32)
	copy(post, f.tables["post"][:16])
	be.PutUint32(post, 0x00030000)

	gids := make(map[rune]uint16, len(sorted))
	for _, r := range sorted {
		gids[r] = newID[f.glyph(r)]
	}
	tables := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "post": post,
		"OS/2": f.tables["OS/2"],
		"name": f.shortName(),
		"cmap": cmap4(sorted, gids),
		"hmtx": hmtx, "loca": loca, "glyf": glyf,
	}
	for _, t := range []string{"cvt ", "fpgm", "prep", "gasp"} {
		if b, ok := f.tables[t]; ok {
			tables[t] = b
		}
	}
	return assembleFont(tables)
}

// components calls fn with the offset and glyph index of each component of
// a composite glyph (d is the glyph's data).
func (f *face) components(d []byte, fn func(at int, comp uint16)) {
	if len(d) < 10 || int16(binary.BigEndian.Uint16(d)) >= 0 {
		return
	}
	for p := 10; p+4 <= len(d); {
		flags := binary.BigEndian.Uint16(d[p:])
		fn(p+2, binary.BigEndian.Uint16(d[p+2:]))
		p += 4
		if flags&argWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&have2x2 != 0:
			p += 8
		}
		if flags&moreComponent == 0 {
			return
		}
	}
}

// shortName keeps the Windows English name records 0-6 (copyright, family,
// style, unique name, full name, version, PostScript name): gofpdf reads
// 1-6, and the full table (15 KB of licence text) would be parsed and
// compressed again for every document.
func (f *face) shortName() []byte {
	t := f.tables["name"]
	be := binary.BigEndian
	if len(t) < 6 {
		return t
	}
	n, strOff := int(be.Uint16(t[2:])), int(be.Uint16(t[4:]))
	type rec struct {
		id   uint16
		data []byte
	}
	var recs []rec
	for i := 0; i < n && 6+12*i+12 <= len(t); i++ {
		r := t[6+12*i:]
		plat, enc, lang, id := be.Uint16(r), be.Uint16(r[2:]), be.Uint16(r[4:]), be.Uint16(r[6:])
		ln, off := int(be.Uint16(r[8:])), int(be.Uint16(r[10:]))
		if plat != 3 || enc != 1 || lang != 0x409 || id > 6 || strOff+off+ln > len(t) {
			continue
		}
		recs = append(recs, rec{id, t[strOff+off : strOff+off+ln]})
	}
	out := make([]byte, 6+12*len(recs))
	be.PutUint16(out[2:], uint16(len(recs)))
	be.PutUint16(out[4:], uint16(len(out)))
	var strs []byte
	for i, r := range recs {
		p := out[6+12*i:]
		be.PutUint16(p, 3)
		be.PutUint16(p[2:], 1)
		be.PutUint16(p[4:], 0x409)
		be.PutUint16(p[6:], r.id)
		be.PutUint16(p[8:], uint16(len(r.data)))
		be.PutUint16(p[10:], uint16(len(strs)))
		strs = append(strs, r.data...)
	}
	return append(out, strs...)
}

func (f *face) glyphData(g uint16) []byte {
	start, end, ok := f.glyphOffsets(g)
	if !ok {
		return nil // never, in the embedded faces (TestGlyphOffsets)
	}
	return f.glyf[start:end]
}

// cmap4 builds a cmap with one Unicode (3,1) format-4 subtable mapping the
// sorted runes to their glyphs, one segment per run of consecutive
// characters with consecutive glyphs.
func cmap4(runes []rune, glyph map[rune]uint16) []byte {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, r := range runes {
		g := glyph[r]
		d := uint16(int(g) - int(r))
		if n := len(segs); n > 0 && segs[n-1].end == uint16(r-1) && segs[n-1].delta == d {
			segs[n-1].end = uint16(r)
			continue
		}
		segs = append(segs, seg{uint16(r), uint16(r), d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	sr *= 2
	sub := make([]byte, 16+8*n)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	be.PutUint16(sub[8:], uint16(sr))
	be.PutUint16(sub[10:], uint16(es))
	be.PutUint16(sub[12:], uint16(2*n-sr))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], s.end)
		be.PutUint16(sub[16+2*n+2*i:], s.start)
		be.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0.
	}
	out := make([]byte, 12, 12+len(sub))
	be.PutUint16(out[2:], 1)
	be.PutUint16(out[4:], 3)
	be.PutUint16(out[6:], 1)
	be.PutUint32(out[8:], 12)
	return append(out, sub...)
}

// assembleFont writes an sfnt with the tables in tag order.
func assembleFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for t, b := range tables {
		tags = append(tags, t)
		size += (len(b) + 3) &^ 3
	}
	sort.Strings(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	sr *= 16
	out := make([]byte, 12+16*n, size)
	be := binary.BigEndian
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(sr))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(16*n-sr))
	head := -1
	for i, t := range tags {
		b := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], tableChecksum(b))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(b)))
		if t == "head" && len(b) >= 12 {
			head = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	// The font is embedded as written here (gofpdf.SetDefaultUTF8FontsAsGiven),
	// so head's checkSumAdjustment is set as the TrueType specification asks:
	// the whole font, with the field at 0, sums to 0xB1B0AFBA.
	if head >= 0 {
		be.PutUint32(out[head+8:], 0xB1B0AFBA-tableChecksum(out))
	}
	return out
}

func tableChecksum(b []byte) uint32 {
	var sum uint32
	n := len(b) &^ 3
	for i := 0; i < n; i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	if n < len(b) { // the last word, zero-padded
		var w [4]byte
		copy(w[:], b[n:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
