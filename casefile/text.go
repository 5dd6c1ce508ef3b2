package casefile

import "sort"

// Text is the plain text of a Markdown block (markup removed, soft line
// breaks as spaces) together with a map from every byte of Text back to the
// source file. Rules search Text; Source turns what they find back into a
// Span, so no finding is ever located by searching the file again.
type Text struct {
	Text string
	Span Span // the block's span in the file
	segs []seg
}

// seg maps Text[text:text+n] to source bytes [src:src+n]. A seg with
// synthetic set stands for inserted text (a line break turned into a space)
// and maps every byte to src.
type seg struct {
	text, src, n int
	synthetic    bool
}

// appendSource appends b, which sits at byte offset at in the file.
func (t *Text) appendSource(b []byte, at int) {
	if len(b) == 0 {
		return
	}
	t.segs = append(t.segs, seg{text: len(t.Text), src: at, n: len(b)})
	t.Text += string(b)
}

// appendText appends another Text, keeping its source map.
func (t *Text) appendText(o Text) {
	base := len(t.Text)
	for _, s := range o.segs {
		s.text += base
		t.segs = append(t.segs, s)
	}
	t.Text += o.Text
}

func (t *Text) appendSynthetic(s string, at int) {
	t.segs = append(t.segs, seg{text: len(t.Text), src: at, n: len(s), synthetic: true})
	t.Text += s
}

// offset maps one text offset to a source offset. end selects the
// behaviour at a boundary between segments: an end offset belongs to the
// segment before it, a start offset to the segment after.
func (t *Text) offset(i int, end bool) int {
	if len(t.segs) == 0 {
		return t.Span.Start
	}
	k := sort.Search(len(t.segs), func(k int) bool { return t.segs[k].text+t.segs[k].n > i })
	if end {
		// An end offset equal to a segment's start belongs to the previous one.
		k = sort.Search(len(t.segs), func(k int) bool { return t.segs[k].text+t.segs[k].n >= i })
	}
	if k >= len(t.segs) {
		last := t.segs[len(t.segs)-1]
		if last.synthetic {
			return last.src
		}
		return last.src + last.n
	}
	s := t.segs[k]
	if s.synthetic {
		return s.src
	}
	d := i - s.text
	if d < 0 {
		d = 0
	}
	return s.src + d
}

// Source maps a range of Text to the span of the file it came from.
func (t *Text) Source(start, end int) Span {
	if end < start {
		end = start
	}
	s := t.offset(start, false)
	e := t.offset(end, true)
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
