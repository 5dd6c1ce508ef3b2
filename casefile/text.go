package casefile

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// Text is the plain text of a Markdown block (markup removed, backslash
// escapes and entity references resolved, line breaks as spaces) together
// with a map from every byte of Text back to the source file. Rules search
// Text; Source turns what they find back into a Span, so no finding is ever
// located by searching the file again. Text never contains '\r' or '\n'.
type Text struct {
	Text string
	Span Span // the block's span in the file
	segs []seg
}

// seg maps Text[text:text+n] to the file bytes [src:src+srcN].
//
//   - exact: text copied from the file, byte for byte (n == srcN).
//   - srcN == 0: synthetic text (a space joining two lines or paragraphs)
//     that stands at the file offset src.
//   - otherwise a replacement ("&amp;" written as "&", "\r\n" as " "): any
//     part of it maps to the whole of [src:src+srcN].
type seg struct {
	text, n   int
	src, srcN int
	exact     bool
}

// textBuilder accumulates a Text without re-allocating the string for
// every piece.
type textBuilder struct {
	buf  []byte
	segs []seg
	// cursor is the file offset just after the last source bytes added, or
	// the block's start before any: where synthetic text is placed.
	cursor int
}

func (tb *textBuilder) len() int { return len(tb.buf) }

// source appends file bytes b, which start at file offset at, verbatim.
func (tb *textBuilder) source(b []byte, at int) {
	if len(b) == 0 {
		return
	}
	if k := len(tb.segs) - 1; k >= 0 {
		// Extend the previous segment when the bytes follow on directly.
		if s := &tb.segs[k]; s.exact && s.text+s.n == len(tb.buf) && s.src+s.srcN == at {
			s.n += len(b)
			s.srcN += len(b)
			tb.buf = append(tb.buf, b...)
			tb.cursor = at + len(b)
			return
		}
	}
	tb.segs = append(tb.segs, seg{text: len(tb.buf), n: len(b), src: at, srcN: len(b), exact: true})
	tb.buf = append(tb.buf, b...)
	tb.cursor = at + len(b)
}

// replace appends s standing for the file bytes [at:at+srcN].
func (tb *textBuilder) replace(s string, at, srcN int) {
	if len(s) == 0 {
		return
	}
	tb.segs = append(tb.segs, seg{text: len(tb.buf), n: len(s), src: at, srcN: srcN})
	tb.buf = append(tb.buf, s...)
	if at+srcN > tb.cursor {
		tb.cursor = at + srcN
	}
}

// synthetic appends s, which is not in the file, at file offset at.
func (tb *textBuilder) synthetic(s string, at int) { tb.replace(s, at, 0) }

// clean appends file bytes b (at file offset at) as plain text: line
// endings become spaces and, when markdown is set, backslash escapes and
// entity references are resolved as CommonMark does outside code.
func (tb *textBuilder) clean(b []byte, at int, markdown bool) {
	run := 0 // start of the pending verbatim run
	flush := func(i int) {
		if i > run {
			tb.source(b[run:i], at+run)
		}
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\r' || c == '\n':
			flush(i)
			n := 1
			if c == '\r' && i+1 < len(b) && b[i+1] == '\n' {
				n = 2
			}
			tb.replace(" ", at+i, n)
			i += n
			run = i
			continue
		case markdown && c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
			flush(i)
			// Keep the escaped character, drop the backslash.
			run = i + 1
			i += 2
			continue
		case markdown && c == '&':
			if val, n := entityAt(b[i:]); n > 0 {
				flush(i)
				// "&#10;" and "&NewLine;" are line breaks too: Text has none.
				val = invisibles.Replace(lineBreaks.Replace(val))
				tb.replace(val, at+i, n)
				i += n
				run = i
				continue
			}
		case c >= 0xC2:
			r, n := utf8.DecodeRune(b[i:])
			if rep, ok := invisible[r]; ok {
				flush(i)
				tb.replace(rep, at+i, n)
				i += n
				run = i
				continue
			}
			i += n
			continue
		}
		i++
	}
	flush(len(b))
}

var lineBreaks = strings.NewReplacer("\r", " ", "\n", " ")

// invisible maps the characters a word processor leaves in pasted text,
// which a reader of the PDF never sees, to what the reader does see: a
// no-break space is a space; a soft hyphen or a zero-width character is
// nothing. The rules judge the text as it is read, so "Access\u00a0to" or
// "Acc\u00adess to" cannot slip vague wording past them into a document.
var invisible = map[rune]string{
	'\u00a0': " ", // no-break space
	'\u2007': " ", // figure space
	'\u202f': " ", // narrow no-break space
	'\u00ad': "",  // soft hyphen
	'\u200b': "",  // zero-width space
	'\u200c': "",  // zero-width non-joiner
	'\u200d': "",  // zero-width joiner
	'\u2060': "",  // word joiner
	'\ufeff': "",  // zero-width no-break space (a BOM inside the text)
}

var invisibles = func() *strings.Replacer {
	var pairs []string
	for r, rep := range invisible {
		pairs = append(pairs, string(r), rep)
	}
	return strings.NewReplacer(pairs...)
}()

// entityAt decodes an HTML entity or numeric character reference at the
// start of b ("&amp;", "&#233;", "&#x1F600;") and returns its text and
// length, or 0 if b does not start with one.
func entityAt(b []byte) (string, int) {
	if len(b) < 3 || b[0] != '&' {
		return "", 0
	}
	if b[1] == '#' {
		i, base := 2, 10
		if i < len(b) && (b[i] == 'x' || b[i] == 'X') {
			i, base = 3, 16
		}
		start := i
		max := 7
		if base == 16 {
			max = 6
		}
		for i < len(b) && i-start < max && isDigitIn(b[i], base) {
			i++
		}
		if i == start || i >= len(b) || b[i] != ';' {
			return "", 0
		}
		v, err := strconv.ParseUint(string(b[start:i]), base, 32)
		r := rune(v)
		if err != nil || r == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), i + 1
	}
	i := 1
	for i < len(b) && i < 40 && (b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z' || b[i] >= '0' && b[i] <= '9') {
		i++
	}
	if i == 1 || i >= len(b) || b[i] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(b[1:i]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), i + 1
}

func isDigitIn(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	return base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}

// text finishes the Text. fallback is its span when it has no text.
func (tb *textBuilder) text(fallback Span) Text {
	t := Text{Text: string(tb.buf), Span: fallback}
	if len(tb.segs) > 0 {
		// The builder may be reused: the Text gets its own copy.
		t.segs = append(make([]seg, 0, len(tb.segs)), tb.segs...)
	}
	if len(t.segs) > 0 {
		t.Span = t.Source(0, len(t.Text))
	}
	return t
}

// offset maps one text offset to a source offset. end selects the
// behaviour at a boundary between segments: an end offset belongs to the
// segment before it, a start offset to the segment after.
func (t *Text) offset(i int, end bool) int {
	if len(t.segs) == 0 {
		return t.Span.Start
	}
	var k int
	if end {
		// An end offset equal to a segment's start belongs to the previous one.
		k = sort.Search(len(t.segs), func(k int) bool { return t.segs[k].text+t.segs[k].n >= i })
	} else {
		k = sort.Search(len(t.segs), func(k int) bool { return t.segs[k].text+t.segs[k].n > i })
	}
	if k >= len(t.segs) {
		last := t.segs[len(t.segs)-1]
		return last.src + last.srcN
	}
	s := t.segs[k]
	d := i - s.text
	switch {
	case d <= 0:
		return s.src
	case s.exact:
		return s.src + min(d, s.n)
	case end:
		return s.src + s.srcN
	default:
		return s.src
	}
}

// Source maps a range of Text to the span of the file it came from.
func (t *Text) Source(start, end int) Span {
	if end < start {
		end = start
	}
	s := t.offset(start, false)
	e := t.offset(end, true)
	if start == end {
		e = s
	}
	if e < s {
		e = s
	}
	return Span{s, e}
}

// Whole returns the span of the whole text in the file.
func (t *Text) Whole() Span {
	if len(t.Text) == 0 {
		return t.Span
	}
	return t.Source(0, len(t.Text))
}

// Join makes one Text of several, with sep (synthetic text, not in the
// file) between them: the cells of a table row read as one statement.
// Every byte of the result still maps back to the file, so a phrase found
// in the joined text is reported exactly where its cell has it. The
// result's Span covers the parts; fallback is used when they are all empty.
func Join(parts []Text, sep string, fallback Span) Text {
	var tb textBuilder
	for i := range parts {
		p := &parts[i]
		if len(p.Text) == 0 {
			continue
		}
		if len(tb.buf) > 0 {
			at := p.Span.Start
			if k := len(tb.segs) - 1; k >= 0 {
				at = tb.segs[k].src + tb.segs[k].srcN
			}
			tb.synthetic(sep, at)
		}
		base := len(tb.buf)
		for _, s := range p.segs {
			s.text += base
			tb.segs = append(tb.segs, s)
		}
		tb.buf = append(tb.buf, p.Text...)
	}
	return tb.text(fallback)
}
