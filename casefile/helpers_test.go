package casefile

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// validFront is a front matter with every required field, for tests that
// are about the body.
const validFront = `---
case: T-1
child:
  name: Sam Test
appellant:
  name: Alex Test
  role: parent
local_authority: Test Council
decision:
  type: plan-contents
  date: 2026-09-01
  sections: [F]
---
`

func mustParse(t testing.TB, src string) *Case {
	t.Helper()
	c, err := Parse("t.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

// blockTexts returns every Text of the body: blocks, headings' titles are
// not Texts, table headers and cells.
func allTexts(c *Case) []*Text {
	var out []*Text
	var walk func(s *Section)
	walk = func(s *Section) {
		for _, b := range s.Blocks {
			out = append(out, &b.Text)
		}
		for _, t := range s.Tables {
			for i := range t.Header {
				out = append(out, &t.Header[i])
			}
			for _, r := range t.Rows {
				for i := range r.Cells {
					out = append(out, &r.Cells[i])
				}
			}
		}
		for _, ch := range s.Children {
			walk(ch)
		}
	}
	for _, s := range c.Body.Sections {
		walk(s)
	}
	return out
}

// words returns the [start, end) offsets of the space-separated words of s.
func words(s string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

// checkWordsExact is the strict property for hand-written inputs without
// entity references or markup inside a word: every word of the text maps
// back to exactly its bytes in the file.
func checkWordsExact(t testing.TB, src []byte, tx *Text) {
	t.Helper()
	if strings.ContainsAny(tx.Text, "\r\n") {
		t.Errorf("text %q contains a line break", tx.Text)
	}
	for _, w := range words(tx.Text) {
		word := tx.Text[w[0]:w[1]]
		sp := tx.Source(w[0], w[1])
		if sp.Start < 0 || sp.End > len(src) || sp.Start > sp.End {
			t.Errorf("word %q: span %v outside the file", word, sp)
			continue
		}
		if got := string(src[sp.Start:sp.End]); got != word {
			t.Errorf("word %q of %q maps to %q", word, tx.Text, got)
		}
	}
}

// checkText is the property that holds for any input: the text has no
// line breaks; its segments are contiguous, cover it, lie in the file in
// order, and copy the file's bytes where they say they do; a word that lies
// within one copied segment maps back to exactly itself; any other word maps
// to a span that starts with its first character and ends with its last
// when those were copied from the file.
func checkText(t testing.TB, src []byte, tx *Text) {
	t.Helper()
	if strings.ContainsAny(tx.Text, "\r\n") {
		t.Fatalf("text %q contains a line break", tx.Text)
	}
	if tx.Span.Start < 0 || tx.Span.End > len(src) || tx.Span.Start > tx.Span.End {
		t.Fatalf("text %q: span %v outside the file (%d bytes)", tx.Text, tx.Span, len(src))
	}
	at, prevEnd := 0, 0
	for k, s := range tx.segs {
		if s.text != at || s.n <= 0 {
			t.Fatalf("text %q: segment %d %+v does not follow on at %d", tx.Text, k, s, at)
		}
		at += s.n
		if s.src < 0 || s.srcN < 0 || s.src+s.srcN > len(src) {
			t.Fatalf("text %q: segment %d %+v outside the file", tx.Text, k, s)
		}
		if s.src < prevEnd {
			t.Fatalf("text %q: segment %d %+v goes back before %d", tx.Text, k, s, prevEnd)
		}
		prevEnd = s.src + s.srcN
		if s.exact && (s.n != s.srcN || tx.Text[s.text:s.text+s.n] != string(src[s.src:s.src+s.srcN])) {
			t.Fatalf("text %q: segment %d %+v is %q, file has %q", tx.Text, k, s, tx.Text[s.text:s.text+s.n], src[s.src:s.src+s.srcN])
		}
	}
	if at != len(tx.Text) {
		t.Fatalf("text %q: segments cover %d of %d bytes", tx.Text, at, len(tx.Text))
	}
	for _, w := range words(tx.Text) {
		word := tx.Text[w[0]:w[1]]
		sp := tx.Source(w[0], w[1])
		if sp.Start < 0 || sp.End > len(src) || sp.Start > sp.End {
			t.Fatalf("word %q: span %v outside the file", word, sp)
		}
		got := string(src[sp.Start:sp.End])
		if s, ok := tx.copiedSeg(w[0], w[1]); ok && s.exact {
			if got != word {
				t.Fatalf("word %q of %q maps to %q", word, tx.Text, got)
			}
			continue
		}
		first, fn := utf8.DecodeRuneInString(word)
		last, ln := utf8.DecodeLastRuneInString(word)
		if s, ok := tx.copiedSeg(w[0], w[0]+fn); ok && s.exact && !strings.HasPrefix(got, string(first)) {
			t.Fatalf("word %q of %q maps to %q, which does not start with %q", word, tx.Text, got, first)
		}
		if s, ok := tx.copiedSeg(w[1]-ln, w[1]); ok && s.exact && !strings.HasSuffix(got, string(last)) {
			t.Fatalf("word %q of %q maps to %q, which does not end with %q", word, tx.Text, got, last)
		}
	}
}

// copiedSeg returns the segment holding all of Text[i:j], if one does.
func (t *Text) copiedSeg(i, j int) (seg, bool) {
	for _, s := range t.segs {
		if s.text <= i && j <= s.text+s.n {
			return s, true
		}
	}
	return seg{}, false
}

// checkSpan fails unless sp lies within a file of n bytes.
func checkSpan(t testing.TB, what string, sp Span, n int) {
	t.Helper()
	if sp.Start < 0 || sp.End > n || sp.Start > sp.End {
		t.Fatalf("%s: span %v outside the file (%d bytes)", what, sp, n)
	}
}

// checkCase checks the invariants every parsed case must satisfy.
func checkCase(t testing.TB, c *Case) {
	t.Helper()
	n := len(c.Bytes)
	for _, p := range c.Problems {
		checkSpan(t, "problem "+p.Message, p.Span, n)
		if p.Message == "" {
			t.Fatalf("problem with no message at %v", p.Span)
		}
	}
	for i := 1; i < len(c.Problems); i++ {
		if c.Problems[i].Span.Start < c.Problems[i-1].Span.Start {
			t.Fatalf("problems out of order: %v after %v", c.Problems[i].Span, c.Problems[i-1].Span)
		}
	}
	checkSpan(t, "front matter", c.Front.Span, n)
	for _, d := range c.Body.Directives {
		checkSpan(t, "directive", d.Span, n)
	}
	var walk func(s *Section)
	walk = func(s *Section) {
		checkSpan(t, "section "+s.Title, s.Span, n)
		for _, tb := range s.Tables {
			checkSpan(t, "table", tb.Span, n)
			for _, r := range tb.Rows {
				checkSpan(t, "row", r.Span, n)
				for i := range r.Cells {
					checkSpan(t, "cell", r.Cells[i].Span, n)
				}
			}
		}
		for _, ch := range s.Children {
			walk(ch)
		}
	}
	for _, s := range c.Body.Sections {
		walk(s)
	}
	for _, tx := range allTexts(c) {
		checkText(t, c.Bytes, tx)
	}
	for _, a := range c.Actions {
		checkSpan(t, "action row", a.Row, n)
		for _, tx := range []*Text{&a.Action, &a.Who, &a.By} {
			checkSpan(t, "action cell", tx.Span, n)
		}
	}
	checkPositions(t, c.Source)
}

// checkPositions checks that Pos is monotonic over every offset of the file
// and that OffsetAt inverts it on character boundaries.
func checkPositions(t testing.TB, s *Source) {
	t.Helper()
	prev := Pos{Line: 1, Column: 1}
	step := 1
	if len(s.Bytes) > 1<<14 {
		step = len(s.Bytes) >> 12 // Pos walks the line: keep big inputs fast
	}
	for off := 0; off <= len(s.Bytes); off += step {
		p := s.Pos(off)
		if p.Line < prev.Line || p.Line == prev.Line && (p.Column < prev.Column || p.UTF16 < prev.UTF16) {
			t.Fatalf("Pos(%d) = %+v goes back from %+v", off, p, prev)
		}
		if p.Line < 1 || p.Line > s.Lines() || p.Column < 1 || p.UTF16 < p.Column-1 || p.Offset != max(off, s.bom) {
			t.Fatalf("Pos(%d) = %+v out of range", off, p)
		}
		prev = p
		if off >= s.bom && (off == len(s.Bytes) || utf8.RuneStart(s.Bytes[off])) {
			if got := s.OffsetAt(p.Line, p.Column); got != off && utf8.Valid(s.Bytes) {
				t.Fatalf("OffsetAt(%d, %d) = %d, want %d", p.Line, p.Column, got, off)
			}
			if got := s.OffsetUTF16(p.Line, p.UTF16); got != off && utf8.Valid(s.Bytes) {
				t.Fatalf("OffsetUTF16(%d, %d) = %d, want %d", p.Line, p.UTF16, got, off)
			}
		}
	}
}

// problemLines renders problems as "line:col: message" lines.
func problemLines(c *Case) string {
	var sb strings.Builder
	for _, p := range c.Problems {
		pos := c.Pos(p.Span.Start)
		kind := ""
		if p.Kind != FrontMatterProblem {
			kind = "[" + p.Kind.String() + "] "
		}
		fmt.Fprintf(&sb, "%d:%d: %s%s\n", pos.Line, pos.Column, kind, p.Message)
		if p.Suggestion != "" {
			fmt.Fprintf(&sb, "\tsuggestion: %s\n", p.Suggestion)
		}
		for _, f := range p.Fixes {
			fp := c.Pos(f.Span.Start)
			fmt.Fprintf(&sb, "\tfix: %s: %d:%d %q -> %q\n", f.Title, fp.Line, fp.Column, c.Bytes[f.Span.Start:f.Span.End], f.NewText)
		}
	}
	return sb.String()
}
