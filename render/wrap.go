package render

import (
	"math"
	"strings"
	"unicode/utf8"
)

// seg is text placed on a line: x from the line's left edge.
type seg struct {
	x    float64
	text string
	face int
	size float64 // points; 0: the line's style
}

// tline is a laid-out line.
type tline struct {
	segs  []seg
	width float64
}

// word is text between break opportunities; its pieces may differ in style.
type word struct {
	pieces []seg // x relative to the word start
	width  float64
	space  float64 // width of the space before it
	face   int     // face of the space before it
	brk    bool    // a hard line break comes before this word
}

// wrap breaks runs into lines no wider than w. A "\n" in a run (a hard line
// break, a line of a code block, a line break inside a front-matter value)
// always starts a new line: maroto would drop it and join the lines.
func (l *layout) wrap(runs []run, st tstyle, w float64, preserveSpaces bool, o *origin) []tline {
	w -= slack
	// Room for every word at once, and one piece each (most words have
	// one), so that neither grows by doubling: a form lays out thousands.
	n := 1
	for _, r := range runs {
		n += strings.Count(r.text, " ") + strings.Count(r.text, "\n") + 1
	}
	words := make([]word, 0, n)
	pieces := make([]seg, 0, n)
	var cur *word
	pendingBreak := false
	spaceBefore := false
	for _, r := range runs {
		face := r.face()
		if st.bold {
			face |= 1
		}
		txt := r.text
		if !preserveSpaces {
			txt = strings.ReplaceAll(txt, "\t", " ")
		} else {
			txt = strings.ReplaceAll(txt, "\t", "    ")
		}
		l.check(txt, face, o)
		for len(txt) > 0 {
			c, size := utf8.DecodeRuneInString(txt)
			switch {
			case c == '\n':
				cur = nil
				if pendingBreak {
					// Two breaks in a row: an empty line between them.
					words = append(words, word{brk: true})
				}
				pendingBreak = true
				spaceBefore = false
				txt = txt[size:]
				if preserveSpaces {
					// Keep a line's leading spaces: they are its indentation.
					n := len(txt) - len(strings.TrimLeft(txt, " "))
					if n > 0 {
						words = append(words, word{brk: true, pieces: []seg{{text: txt[:n], face: face}},
							width: l.width(txt[:n], face, st.size)})
						cur = &words[len(words)-1]
						pendingBreak = false
						txt = txt[n:]
					}
				}
				continue
			case c == ' ':
				cur = nil
				spaceBefore = true
				txt = txt[size:]
				continue
			}
			// The longest stretch up to the next space or break.
			end := strings.IndexAny(txt, " \n")
			if end < 0 {
				end = len(txt)
			}
			piece := txt[:end]
			txt = txt[end:]
			pw := l.width(piece, face, st.size)
			if cur == nil || spaceBefore || pendingBreak {
				words = append(words, word{brk: pendingBreak})
				cur = &words[len(words)-1]
				if spaceBefore && !pendingBreak {
					cur.space = l.width(" ", face, st.size)
					cur.face = face
				}
				pendingBreak, spaceBefore = false, false
			}
			if cur.pieces == nil && len(pieces) < cap(pieces) {
				// A word's first piece from the shared array; a second
				// piece (a change of style mid-word) makes the word its own.
				pieces = pieces[:len(pieces)+1]
				cur.pieces = pieces[len(pieces)-1 : len(pieces) : len(pieces)]
				cur.pieces[0] = seg{x: cur.width, text: piece, face: face}
			} else {
				cur.pieces = append(cur.pieces, seg{x: cur.width, text: piece, face: face})
			}
			cur.width += pw
		}
	}
	if pendingBreak {
		words = append(words, word{brk: true})
	}

	var lines []tline
	var ln tline
	started := false
	flush := func() {
		lines = append(lines, ln)
		ln = tline{}
		started = false
	}
	place := func(wd word, x float64) {
		for _, p := range wd.pieces {
			ln.segs = append(ln.segs, seg{x: x + p.x, text: p.text, face: p.face})
		}
		ln.width = x + wd.width
		started = true
	}
	for _, wd := range words {
		if wd.brk {
			flush()
		}
		if len(wd.pieces) == 0 {
			continue
		}
		x := 0.0
		if started {
			x = ln.width + wd.space
		}
		if started && x+wd.width > w {
			flush()
			x = 0
		}
		if wd.width <= w || x > 0 {
			place(wd, x)
			continue
		}
		// A word wider than the line (a long reference or URL): break it
		// between characters rather than let it run off the page.
		for _, p := range wd.pieces {
			rest := p.text
			for rest != "" {
				avail := w - ln.width
				if !started {
					avail = w
				}
				n := l.fit(rest, p.face, st.size, avail)
				if n == 0 {
					if started {
						flush()
						continue
					}
					_, n = utf8.DecodeRuneInString(rest) // at least one character per line
				}
				x := ln.width
				if !started {
					x = 0
				}
				part := rest[:n]
				ln.segs = append(ln.segs, seg{x: x, text: part, face: p.face})
				ln.width = x + l.width(part, p.face, st.size)
				started = true
				rest = rest[n:]
				if rest != "" {
					flush()
				}
			}
		}
	}
	if started || len(lines) == 0 {
		flush()
	}
	// Merge neighbouring pieces of one face into one text, with the space
	// between them, so a line is drawn with as few text objects as possible.
	for i := range lines {
		lines[i].segs = l.merge(lines[i].segs, st.size)
	}
	return lines
}

// fit returns how many bytes of s fit in w.
func (l *layout) fit(s string, face int, size, w float64) int {
	total := 0.0
	for i, r := range s {
		total += float64(l.face(face).runeWidth(r)) * size * ptToMM / 1000
		if total > w {
			return i
		}
	}
	return len(s)
}

func (l *layout) merge(segs []seg, size float64) []seg {
	var out []seg
	for _, s := range segs {
		if n := len(out); n > 0 && out[n-1].face == s.face {
			prev := &out[n-1]
			end := prev.x + l.width(prev.text, prev.face, size)
			gap := s.x - end
			sp := l.width(" ", s.face, size)
			switch {
			case math.Abs(gap) < 0.001:
				prev.text += s.text
				continue
			case math.Abs(gap-sp) < 0.001:
				prev.text += " " + s.text
				continue
			}
		}
		out = append(out, s)
	}
	return out
}
