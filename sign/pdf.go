package sign

// A reader for the parts of a PDF that signing and verifying need: objects
// at known offsets, the classic cross-reference table and trailer chain,
// and a sequential scan of the top-level objects and %%EOF markers that
// separates the revisions of a file. It never decodes streams and never
// follows a reference it was not asked to; every input it is given is
// untrusted (a PDF sent back by someone else), so it bounds nesting, counts
// and lengths, and reports errors instead of panicking.

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf16"
)

type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber // integer or real, kept as written
	kString
	kName
	kArray
	kDict
	kRef
	kKeyword // obj, endobj, stream, R, ... (only seen by the scanner)
)

// object is a parsed PDF value. Numbers keep their text so that a copied
// dictionary is written back exactly as it was.
type object struct {
	kind  kind
	b     bool
	s     string // number text, string bytes, name, keyword
	arr   []object
	keys  []string // dictionary keys in file order
	dict  map[string]object
	ref   ref
	start int // offset of the value's first byte in the file
	end   int // offset after its last byte
}

type ref struct{ num, gen int }

func (r ref) String() string { return strconv.Itoa(r.num) + " " + strconv.Itoa(r.gen) + " R" }

func (o object) get(key string) (object, bool) {
	if o.kind != kDict {
		return object{}, false
	}
	v, ok := o.dict[key]
	return v, ok
}

func (o object) name(key string) string {
	if v, ok := o.get(key); ok && v.kind == kName {
		return v.s
	}
	return ""
}

// int returns an integer value; ok is false for a real, an out-of-range
// number or anything else.
func (o object) int() (int64, bool) {
	if o.kind != kNumber {
		return 0, false
	}
	n, err := strconv.ParseInt(o.s, 10, 64)
	return n, err == nil
}

// Limits on hostile input. A sendgen document has a few dozen objects,
// nesting of 3 and two pages; real-world PDFs stay far inside these.
const (
	maxDepth     = 64
	maxXrefChain = 512
	maxObjects   = 1 << 20
)

var (
	errXrefStream = errors.New("the PDF uses a cross-reference stream (PDF 1.5 compression); sendgen signs PDFs with a classic cross-reference table, as it renders them")
	errNoXref     = errors.New("no cross-reference table found (is this a PDF, and is it complete?)")
)

// parser reads values from data starting at pos.
type parser struct {
	data []byte
	pos  int
}

func isWhite(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skip skips white space and comments.
func (p *parser) skip() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case isWhite(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *parser) errf(format string, args ...any) error {
	return fmt.Errorf("PDF syntax at byte %d: %s", p.pos, fmt.Sprintf(format, args...))
}

// regular reads a run of regular characters (a number, keyword or the body
// of a name).
func (p *parser) regular() string {
	start := p.pos
	for p.pos < len(p.data) && !isWhite(p.data[p.pos]) && !isDelim(p.data[p.pos]) {
		p.pos++
	}
	return string(p.data[start:p.pos])
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	digits := 0
	dot := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case (c == '+' || c == '-') && i == 0:
		default:
			return false
		}
	}
	return digits > 0
}

func isUint(s string) bool {
	if s == "" || len(s) > 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// value parses one value. Two unsigned integers followed by R are a
// reference.
func (p *parser) value(depth int) (object, error) {
	if depth > maxDepth {
		return object{}, p.errf("nested deeper than %d levels", maxDepth)
	}
	p.skip()
	if p.pos >= len(p.data) {
		return object{}, p.errf("unexpected end of file")
	}
	start := p.pos
	c := p.data[p.pos]
	switch {
	case c == '/':
		p.pos++
		n, err := decodeName(p.regular())
		if err != nil {
			return object{}, p.errf("%v", err)
		}
		return object{kind: kName, s: n, start: start, end: p.pos}, nil
	case c == '(':
		s, err := p.literal()
		if err != nil {
			return object{}, err
		}
		return object{kind: kString, s: s, start: start, end: p.pos}, nil
	case c == '<' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '<':
		p.pos += 2
		o := object{kind: kDict, dict: map[string]object{}, start: start}
		for {
			p.skip()
			if p.pos+1 < len(p.data) && p.data[p.pos] == '>' && p.data[p.pos+1] == '>' {
				p.pos += 2
				o.end = p.pos
				return o, nil
			}
			if p.pos >= len(p.data) || p.data[p.pos] != '/' {
				return object{}, p.errf("dictionary key is not a name")
			}
			k, err := p.value(depth + 1)
			if err != nil {
				return object{}, err
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return object{}, err
			}
			if _, dup := o.dict[k.s]; !dup {
				o.keys = append(o.keys, k.s)
			}
			o.dict[k.s] = v
		}
	case c == '<':
		s, err := p.hex()
		if err != nil {
			return object{}, err
		}
		return object{kind: kString, s: s, start: start, end: p.pos}, nil
	case c == '[':
		p.pos++
		o := object{kind: kArray, start: start}
		for {
			p.skip()
			if p.pos < len(p.data) && p.data[p.pos] == ']' {
				p.pos++
				o.end = p.pos
				return o, nil
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return object{}, err
			}
			o.arr = append(o.arr, v)
		}
	case isDelim(c):
		return object{}, p.errf("unexpected %q", c)
	}
	tok := p.regular()
	switch {
	case tok == "null":
		return object{kind: kNull, start: start, end: p.pos}, nil
	case tok == "true" || tok == "false":
		return object{kind: kBool, b: tok == "true", start: start, end: p.pos}, nil
	case isNumber(tok):
		if isUint(tok) {
			// Look ahead for "gen R".
			save := p.pos
			p.skip()
			g := p.regular()
			if isUint(g) {
				p.skip()
				if r := p.regular(); r == "R" {
					num, _ := strconv.Atoi(tok)
					gen, _ := strconv.Atoi(g)
					return object{kind: kRef, ref: ref{num, gen}, start: start, end: p.pos}, nil
				}
			}
			p.pos = save
		}
		return object{kind: kNumber, s: tok, start: start, end: p.pos}, nil
	case tok == "":
		return object{}, p.errf("unexpected %q", c)
	}
	return object{kind: kKeyword, s: tok, start: start, end: p.pos}, nil
}

func decodeName(s string) (string, error) {
	if !bytesContains(s, '#') {
		return s, nil
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' {
			if i+2 >= len(s) {
				return "", errors.New("bad #xx escape in a name")
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", errors.New("bad #xx escape in a name")
			}
			b = append(b, byte(v))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b), nil
}

func bytesContains(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

// literal reads a (string) with its escapes and balanced parentheses.
func (p *parser) literal() (string, error) {
	p.pos++ // (
	var b []byte
	depth := 1
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		p.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(b), nil
			}
		case '\\':
			if p.pos >= len(p.data) {
				return "", p.errf("unterminated string")
			}
			e := p.data[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.data) && p.data[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '7'; k++ {
						v = v*8 + int(p.data[p.pos]-'0')
						p.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
	return "", p.errf("unterminated string")
}

// hex reads a <hex string>.
func (p *parser) hex() (string, error) {
	p.pos++ // <
	var b []byte
	var hi byte
	half := false
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		p.pos++
		var v byte
		switch {
		case c == '>':
			if half {
				b = append(b, hi<<4)
			}
			return string(b), nil
		case isWhite(c):
			continue
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return "", p.errf("%q in a hex string", c)
		}
		if half {
			b = append(b, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return "", p.errf("unterminated hex string")
}

// indirect is an "N G obj ... endobj" read from the file.
type indirect struct {
	ref    ref
	offset int // of the object number
	value  object
	// streamStart is the offset of the stream data, or -1.
	streamStart int
	end         int // offset after endobj (or after the value, if endobj is missing)
}

// objectAt parses the indirect object whose header starts at off.
func objectAt(data []byte, off int) (indirect, error) {
	if off < 0 || off >= len(data) {
		return indirect{}, fmt.Errorf("object offset %d is outside the file (%d bytes)", off, len(data))
	}
	p := &parser{data: data, pos: off}
	p.skip()
	start := p.pos
	num, gen := p.regular(), ""
	p.skip()
	gen = p.regular()
	p.skip()
	if kw := p.regular(); !isUint(num) || !isUint(gen) || kw != "obj" {
		return indirect{}, fmt.Errorf("no object at byte %d", off)
	}
	n, _ := strconv.Atoi(num)
	g, _ := strconv.Atoi(gen)
	v, err := p.value(0)
	if err != nil {
		return indirect{}, err
	}
	ind := indirect{ref: ref{n, g}, offset: start, value: v, streamStart: -1}
	p.skip()
	save := p.pos
	switch p.regular() {
	case "stream":
		if v.kind != kDict {
			return indirect{}, p.errf("stream without a dictionary")
		}
		if p.pos < len(p.data) && p.data[p.pos] == '\r' {
			p.pos++
		}
		if p.pos < len(p.data) && p.data[p.pos] == '\n' {
			p.pos++
		}
		ind.streamStart = p.pos
		// Skip the data by its /Length when that is a direct number and
		// lands on endstream; otherwise look for endstream.
		end := -1
		if l, ok := v.dict["Length"]; ok {
			if n, ok := l.int(); ok && n >= 0 && n <= int64(len(data)-p.pos) {
				q := &parser{data: data, pos: p.pos + int(n)}
				q.skip()
				if bytes.HasPrefix(data[q.pos:], []byte("endstream")) {
					end = q.pos
				}
			}
		}
		if end < 0 {
			i := bytes.Index(data[p.pos:], []byte("endstream"))
			if i < 0 {
				return indirect{}, p.errf("stream without endstream")
			}
			end = p.pos + i
		}
		p.pos = end + len("endstream")
		p.skip()
		save = p.pos
		if p.regular() != "endobj" {
			p.pos = save
		}
	case "endobj":
	default:
		p.pos = save
	}
	ind.end = p.pos
	return ind, nil
}

// xrefFile is a PDF read through its classic cross-reference tables.
type xrefFile struct {
	data    []byte
	trailer object        // the newest trailer
	offsets map[int]int64 // object number -> offset of its newest definition
	free    map[int]bool
	start   int64 // offset of the newest xref section
	size    int   // /Size of the newest trailer
}

// lastStartxref returns the offset that the last startxref points to.
func lastStartxref(data []byte) (int64, error) {
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return 0, errNoXref
	}
	p := &parser{data: data, pos: i + len("startxref")}
	p.skip()
	s := p.regular()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n >= int64(len(data)) {
		return 0, fmt.Errorf("startxref %q does not point into the file", s)
	}
	return n, nil
}

// readXref reads the chain of classic cross-reference sections, newest
// first, so that the newest definition of each object wins.
func readXref(data []byte) (*xrefFile, error) {
	start, err := lastStartxref(data)
	if err != nil {
		return nil, err
	}
	f := &xrefFile{data: data, offsets: map[int]int64{}, free: map[int]bool{}, start: start}
	seen := map[int64]bool{}
	off := start
	for n := 0; ; n++ {
		if n >= maxXrefChain || seen[off] {
			return nil, fmt.Errorf("the cross-reference chain loops or is longer than %d sections", maxXrefChain)
		}
		seen[off] = true
		trailer, err := f.section(off)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			f.trailer = trailer
			sz, ok := trailer.dict["Size"]
			size, ok2 := sz.int()
			if !ok || !ok2 || size < 1 || size > maxObjects {
				return nil, errors.New("the trailer has no valid /Size")
			}
			f.size = int(size)
		}
		prev, ok := trailer.dict["Prev"]
		if !ok {
			break
		}
		pv, ok := prev.int()
		if !ok || pv < 0 || pv >= int64(len(data)) {
			return nil, errors.New("the trailer's /Prev does not point into the file")
		}
		off = pv
	}
	return f, nil
}

// section reads one xref section at off and returns its trailer.
func (f *xrefFile) section(off int64) (object, error) {
	p := &parser{data: f.data, pos: int(off)}
	p.skip()
	save := p.pos
	if kw := p.regular(); kw != "xref" {
		p.pos = save
		a := p.regular()
		p.skip()
		b := p.regular()
		p.skip()
		if isUint(a) && isUint(b) && p.regular() == "obj" {
			return object{}, errXrefStream
		}
		return object{}, fmt.Errorf("no cross-reference table at byte %d", off)
	}
	for {
		p.skip()
		save := p.pos
		first := p.regular()
		if first == "trailer" {
			break
		}
		p.skip()
		count := p.regular()
		if !isUint(first) || !isUint(count) {
			p.pos = save
			return object{}, p.errf("bad cross-reference subsection header")
		}
		s, _ := strconv.Atoi(first)
		c, _ := strconv.Atoi(count)
		if c > maxObjects || s > maxObjects || c > (len(f.data)-p.pos)/18+1 {
			return object{}, p.errf("cross-reference subsection of %d entries does not fit the file", c)
		}
		for i := 0; i < c; i++ {
			p.skip()
			o := p.regular()
			p.skip()
			g := p.regular()
			p.skip()
			t := p.regular()
			if !isUint(o) || !isUint(g) || (t != "n" && t != "f") {
				return object{}, p.errf("bad cross-reference entry")
			}
			num := s + i
			if _, done := f.offsets[num]; done || f.free[num] {
				continue // a newer section defined it
			}
			if t == "f" {
				f.free[num] = true
				continue
			}
			v, _ := strconv.ParseInt(o, 10, 64)
			f.offsets[num] = v
		}
	}
	tr, err := p.value(0)
	if err != nil {
		return object{}, err
	}
	if tr.kind != kDict {
		return object{}, p.errf("trailer is not a dictionary")
	}
	return tr, nil
}

// resolve returns the newest definition of a referenced object. A value
// that is not a reference is returned as it is.
func (f *xrefFile) resolve(o object) (object, error) {
	if o.kind != kRef {
		return o, nil
	}
	ind, err := f.lookup(o.ref)
	if err != nil {
		return object{}, err
	}
	return ind.value, nil
}

func (f *xrefFile) lookup(r ref) (indirect, error) {
	off, ok := f.offsets[r.num]
	if !ok {
		return indirect{}, fmt.Errorf("object %s is not in the cross-reference table", r)
	}
	ind, err := objectAt(f.data, int(off))
	if err != nil {
		return indirect{}, fmt.Errorf("object %s: %w", r, err)
	}
	if ind.ref.num != r.num {
		return indirect{}, fmt.Errorf("object %s: the cross-reference table points at object %d", r, ind.ref.num)
	}
	return ind, nil
}

// pages returns the page objects in order, walking the page tree from the
// catalog with a bound on size and a guard against loops.
func (f *xrefFile) pages(catalog object) ([]indirect, error) {
	root, ok := catalog.get("Pages")
	if !ok || root.kind != kRef {
		return nil, errors.New("the catalog has no /Pages")
	}
	var out []indirect
	seen := map[int]bool{}
	var walk func(r ref, depth int) error
	walk = func(r ref, depth int) error {
		if depth > maxDepth || seen[r.num] || len(seen) > maxObjects {
			return errors.New("the page tree loops or is too deep")
		}
		seen[r.num] = true
		ind, err := f.lookup(r)
		if err != nil {
			return err
		}
		switch ind.value.name("Type") {
		case "Page":
			out = append(out, ind)
			return nil
		case "Pages":
			kids, _ := ind.value.get("Kids")
			for _, k := range kids.arr {
				if k.kind != kRef {
					return errors.New("a page-tree /Kids entry is not a reference")
				}
				if err := walk(k.ref, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		return fmt.Errorf("object %s in the page tree is neither /Page nor /Pages", r)
	}
	if err := walk(root.ref, 0); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("the document has no pages")
	}
	return out, nil
}

// scanned is the result of reading a file front to back: every top-level
// indirect object and where each revision ends.
type scanned struct {
	objects []indirect
	// eofs are the ends of the revisions: the offset after each %%EOF
	// marker and the end-of-line that follows it.
	eofs []int
	// trailers are the classic trailer dictionaries, in file order.
	trailers []object
}

// scan reads the top-level structure of a PDF in file order, skipping
// stream data, so that objects are found whatever kind of cross-reference
// the revisions use. Unreadable stretches are skipped a line at a time.
func scan(data []byte) scanned {
	var s scanned
	p := &parser{data: data}
	for p.pos < len(data) && len(s.objects) < maxObjects {
		// Comments matter here: %%EOF ends a revision.
		c := data[p.pos]
		if isWhite(c) {
			p.pos++
			continue
		}
		if c == '%' {
			if bytes.HasPrefix(data[p.pos:], []byte("%%EOF")) {
				e := p.pos + len("%%EOF")
				if e < len(data) && data[e] == '\r' {
					e++
				}
				if e < len(data) && data[e] == '\n' {
					e++
				}
				s.eofs = append(s.eofs, e)
				p.pos = e
				continue
			}
			for p.pos < len(data) && data[p.pos] != '\n' && data[p.pos] != '\r' {
				p.pos++
			}
			continue
		}
		start := p.pos
		if c >= '0' && c <= '9' {
			if ind, err := objectAt(data, start); err == nil && ind.end > start {
				s.objects = append(s.objects, ind)
				p.pos = ind.end
				continue
			}
		}
		tok := ""
		if !isDelim(c) {
			tok = p.regular()
		}
		switch tok {
		case "trailer":
			if t, err := p.value(0); err != nil {
				nextLine(p, start)
			} else if t.kind == kDict {
				s.trailers = append(s.trailers, t)
			}
			continue
		case "xref", "startxref":
			continue
		}
		nextLine(p, start)
	}
	return s
}

// nextLine moves past the end of the current line, and at least one byte.
func nextLine(p *parser, from int) {
	p.pos = from + 1
	for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
		p.pos++
	}
}

// revisionEnd is the end of the revision that contains offset off: the
// first %%EOF end after it, or -1 when no %%EOF follows.
func (s scanned) revisionEnd(off int) int {
	i := sort.SearchInts(s.eofs, off+1)
	if i < len(s.eofs) {
		return s.eofs[i]
	}
	return -1
}

// textString decodes a PDF text string: UTF-16BE with a byte-order mark,
// UTF-8 with one (PDF 2.0), or PDFDocEncoding.
func textString(s string) string {
	b := []byte(s)
	switch {
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return string(bytes.ToValidUTF8(b[3:], []byte("\uFFFD")))
	}
	r := make([]rune, 0, len(b))
	for _, c := range b {
		if c >= 0x80 && c < 0xA1 {
			r = append(r, pdfDoc[c-0x80])
		} else {
			r = append(r, rune(c))
		}
	}
	return string(r)
}

// pdfDoc maps PDFDocEncoding 0x80–0xA0 (where it differs from Latin-1).
var pdfDoc = [33]rune{
	'•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘',
	'’', '‚', '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\uFFFD',
	'€',
}

// pdfText encodes s as a PDF text string: a literal when it is printable
// ASCII, otherwise UTF-16BE with a byte-order mark, as hex.
func pdfText(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		return pdfLiteral(s)
	}
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(string(bytes.ToValidUTF8([]byte(s), []byte("\uFFFD"))))) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

func pdfLiteral(s string) string {
	var b bytes.Buffer
	b.WriteByte('(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// writeObject serialises a parsed value. Strings are written as hex, which
// needs no escaping and keeps bytes exact.
func writeObject(b *bytes.Buffer, o object) {
	switch o.kind {
	case kNull:
		b.WriteString("null")
	case kBool:
		b.WriteString(strconv.FormatBool(o.b))
	case kNumber, kKeyword:
		b.WriteString(o.s)
	case kString:
		b.WriteByte('<')
		const hexd = "0123456789ABCDEF"
		for i := 0; i < len(o.s); i++ {
			b.WriteByte(hexd[o.s[i]>>4])
			b.WriteByte(hexd[o.s[i]&15])
		}
		b.WriteByte('>')
	case kName:
		writeName(b, o.s)
	case kArray:
		b.WriteByte('[')
		for i, v := range o.arr {
			if i > 0 {
				b.WriteByte(' ')
			}
			writeObject(b, v)
		}
		b.WriteByte(']')
	case kDict:
		b.WriteString("<<")
		for _, k := range o.keys {
			writeName(b, k)
			b.WriteByte(' ')
			writeObject(b, o.dict[k])
			b.WriteByte('\n')
		}
		b.WriteString(">>")
	case kRef:
		b.WriteString(o.ref.String())
	}
}

func writeName(b *bytes.Buffer, n string) {
	b.WriteByte('/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < 0x21 || c > 0x7E || c == '#' || isDelim(c) {
			fmt.Fprintf(b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
}

// set sets a dictionary entry, keeping the order of the other keys.
func (o *object) set(key string, v object) {
	if _, ok := o.dict[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.dict[key] = v
}

func refObj(r ref) object        { return object{kind: kRef, ref: r} }
func nameObj(n string) object    { return object{kind: kName, s: n} }
func numObj(n int) object        { return object{kind: kNumber, s: strconv.Itoa(n)} }
func arrObj(vs ...object) object { return object{kind: kArray, arr: vs} }
func newDict() object            { return object{kind: kDict, dict: map[string]object{}} }

// rawObj is PDF text written as it is (a number, an operator-free value
// built by this package).
func rawObj(text string) object { return object{kind: kKeyword, s: text} }
