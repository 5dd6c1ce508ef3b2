package casefile

import (
	"bytes"
	"fmt"
)

// Limits on what a case file may hold, checked in one linear pass before
// the Markdown parser sees the body. Real case files are far inside them;
// inputs past them are either the wrong file or built to make the parser
// (goldmark) take minutes: its list, quote and link handling is quadratic
// in these shapes (100,000 nested list markers on one line took 23 s, and
// 60,000 "[a](" 12 s).
const (
	// MaxNesting is how deep lists and block quotes may nest on one line.
	MaxNesting = 64
	// MaxLinksPerParagraph bounds the "](" link openings in one paragraph.
	MaxLinksPerParagraph = 1000
)

// checkLimits returns the first place the body, from line first, goes past
// a limit, as an Error.
func checkLimits(s *Source, first int) *Error {
	links, paraStart := 0, first
	for line := first; line <= s.Lines(); line++ {
		b := s.lineBytes(line)
		if len(bytes.TrimSpace(b)) == 0 {
			links, paraStart = 0, line+1
			continue
		}
		if depth := containerDepth(b); depth > MaxNesting {
			return &Error{Path: s.Path, Line: line, Column: 1, Message: fmt.Sprintf(
				"this line nests lists or quotes %d deep; sendgen reads at most %d levels (a case file needs a few): is this the right file?", depth, MaxNesting)}
		}
		links += bytes.Count(b, []byte("]("))
		if links > MaxLinksPerParagraph {
			return &Error{Path: s.Path, Line: paraStart, Column: 1, Message: fmt.Sprintf(
				"the paragraph starting here has more than %d links; sendgen reads at most %d in one paragraph: is this the right file?", MaxLinksPerParagraph, MaxLinksPerParagraph)}
		}
	}
	return nil
}

// containerDepth counts the list markers ("-", "*", "+", "1.", "1)") and
// quote markers (">") a line opens before its text.
func containerDepth(b []byte) int {
	depth := 0
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			depth++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(b) || b[i+1] == ' ' || b[i+1] == '\t'):
			depth++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(b) && j-i < 9 && b[j] >= '0' && b[j] <= '9' {
				j++
			}
			if j < len(b) && (b[j] == '.' || b[j] == ')') && (j+1 == len(b) || b[j+1] == ' ' || b[j+1] == '\t') {
				depth++
				i = j + 1
				continue
			}
			return depth
		default:
			return depth
		}
	}
	return depth
}
