package casefile

import (
	"bytes"
	"sort"
	"sync"
	"unicode/utf8"
)

// Span is a half-open range of byte offsets into the original file bytes.
// Every position sendgen reports starts life as a Span; converting it to a
// line and column happens in one place (Source.Pos) so that the CLI, JSON,
// SARIF and the language server can never disagree.
type Span struct {
	Start, End int
}

// Empty reports whether the span covers no bytes.
func (s Span) Empty() bool { return s.End <= s.Start }

// Pos is a position in a file, 1-based, in the units each consumer needs.
type Pos struct {
	Offset int // byte offset into the file
	Line   int // 1-based line
	Column int // 1-based column in Unicode characters (runes)
	// UTF16 is the 0-based column in UTF-16 code units, which is what the
	// Language Server Protocol counts.
	UTF16 int
	// ByteColumn is the 1-based column in bytes (reviewdog's rdjsonl).
	ByteColumn int
}

// Source is a file's bytes with a line-start table for position lookups.
type Source struct {
	Path  string
	Bytes []byte
	// lineStarts[i] is the byte offset where line i+1 begins.
	lineStarts []int
	// bom is the length of a leading UTF-8 byte-order mark, which editors do
	// not count as a character of line 1.
	bom int

	// Checkpoints for long lines, built on first need: counting characters
	// from the start of a line is linear, and a file whose provision is one
	// 1 MB paragraph made every finding cost a scan of it (minutes for a
	// file with a hundred thousand findings).
	cpOnce sync.Once
	cps    []checkpoint
}

// checkpoint records, at a character boundary, how many characters and
// UTF-16 units precede it in the file.
type checkpoint struct {
	offset, runes, utf16 int
}

// checkpointEvery is the spacing of checkpoints in bytes; lines shorter than
// this are counted directly.
const checkpointEvery = 1024

func (s *Source) buildCheckpoints() {
	runes, units := 0, 0
	next := 0
	for i := 0; i < len(s.Bytes); {
		if i >= next {
			s.cps = append(s.cps, checkpoint{i, runes, units})
			next = i + checkpointEvery
		}
		r, size := utf8.DecodeRune(s.Bytes[i:])
		i += size
		runes++
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
}

// count returns the characters and UTF-16 units in the file before offset,
// which must be on a character boundary.
func (s *Source) count(offset int) (runes, units int) {
	s.cpOnce.Do(s.buildCheckpoints)
	k := sort.Search(len(s.cps), func(i int) bool { return s.cps[i].offset > offset }) - 1
	i := 0
	if k >= 0 {
		i, runes, units = s.cps[k].offset, s.cps[k].runes, s.cps[k].utf16
	}
	for i < offset {
		r, size := utf8.DecodeRune(s.Bytes[i:])
		if i+size > offset {
			break
		}
		i += size
		runes++
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return runes, units
}

// NewSource indexes src for position lookups.
func NewSource(path string, src []byte) *Source {
	s := &Source{Path: path, Bytes: src, lineStarts: make([]int, 1, len(src)/40+1)}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		s.bom = 3
	}
	// A line ends at LF, CRLF or a lone CR (old Mac files, text pasted from
	// some tools): CommonMark and YAML both read a lone CR as a line
	// ending, so positions must too.
	for i, b := range src {
		if b == '\n' || b == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			s.lineStarts = append(s.lineStarts, i+1)
		}
	}
	return s
}

// Lines returns the number of lines in the file.
func (s *Source) Lines() int { return len(s.lineStarts) }

// LineStart returns the byte offset of the start of a 1-based line.
func (s *Source) LineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(s.lineStarts) {
		return len(s.Bytes)
	}
	if line == 1 {
		return s.bom
	}
	return s.lineStarts[line-1]
}

// LineText returns the text of a 1-based line without its line ending.
func (s *Source) LineText(line int) string { return string(s.lineBytes(line)) }

// lineBytes is LineText without the copy.
func (s *Source) lineBytes(line int) []byte {
	if line < 1 || line > len(s.lineStarts) {
		return nil
	}
	start := s.LineStart(line)
	end := len(s.Bytes)
	if line < len(s.lineStarts) {
		end = s.lineStarts[line] - 1
	}
	if end > start && s.Bytes[end-1] == '\r' {
		end--
	}
	if end < start {
		end = start
	}
	return s.Bytes[start:end]
}

// Pos converts a byte offset into a position. Offsets past the end are
// clamped to the end of the file.
func (s *Source) Pos(offset int) Pos {
	if offset < 0 {
		offset = 0
	}
	if offset > len(s.Bytes) {
		offset = len(s.Bytes)
	}
	line := sort.Search(len(s.lineStarts), func(i int) bool { return s.lineStarts[i] > offset })
	start := s.LineStart(line)
	if offset < start { // inside the BOM
		offset = start
	}
	p := Pos{Offset: offset, Line: line, Column: 1, ByteColumn: offset - start + 1}
	if offset-start > checkpointEvery {
		// A long line: difference of two counts from the checkpoints.
		r1, u1 := s.count(start)
		r2, u2 := s.count(offset)
		p.Column, p.UTF16 = 1+r2-r1, u2-u1
		return p
	}
	for i := start; i < offset; {
		r, size := utf8.DecodeRune(s.Bytes[i:])
		if i+size > offset {
			break
		}
		i += size
		p.Column++
		if r >= 0x10000 {
			p.UTF16 += 2
		} else {
			p.UTF16++
		}
	}
	return p
}

// OffsetAt converts a 1-based line and 1-based rune column to a byte offset.
// It is the inverse of Pos: OffsetAt(p.Line, p.Column) == p.Offset for every
// offset on a character boundary. A column past the end of the line gives
// the offset of its '\n'.
func (s *Source) OffsetAt(line, column int) int {
	off := s.LineStart(line)
	for c := 1; c < column && off < len(s.Bytes) && s.Bytes[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(s.Bytes[off:])
		off += size
	}
	return off
}

// LoneCRToLF returns b with each lone CR (an old Mac line ending, or one
// pasted from some tools) turned into LF, copying only when there is one.
// CommonMark and YAML end a line at a lone CR, but goldmark's reader splits
// lines at LF only. The length is unchanged, so offsets into b still hold.
func LoneCRToLF(b []byte) []byte {
	i := bytes.IndexByte(b, '\r')
	if i < 0 {
		return b
	}
	out := append([]byte(nil), b...)
	for ; i < len(out); i++ {
		if out[i] == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}

// OffsetUTF16 converts a 1-based line and a 0-based column in UTF-16 code
// units (the Language Server Protocol's default position) to a byte offset.
// It is the inverse of Pos: OffsetUTF16(p.Line, p.UTF16) == p.Offset for
// every offset on a character boundary. A column inside a character (between
// the two halves of a surrogate pair) gives the start of that character; a
// column past the end of the line gives the offset of its line ending ('\n',
// or a lone CR), as the protocol asks ("defaults back to the line length");
// a line past the end gives the end of the file.
func (s *Source) OffsetUTF16(line, col16 int) int {
	line = max(line, 1)
	if line > len(s.lineStarts) {
		return len(s.Bytes)
	}
	off := s.LineStart(line)
	if col16 <= 0 {
		return off
	}
	// end is the line's terminator: its '\n', or a lone CR, which ends a
	// line too (the CR of a CRLF is a character of the line, as in Pos).
	end := len(s.Bytes)
	if line < len(s.lineStarts) {
		end = s.lineStarts[line] - 1
	}
	units := 0
	if col16 > checkpointEvery {
		// A long line: start from the last checkpoint before the column
		// rather than counting from the start of the line.
		s.cpOnce.Do(s.buildCheckpoints)
		_, base := s.count(off)
		k := min(sort.Search(len(s.cps), func(i int) bool { return s.cps[i].utf16 > base+col16 }),
			sort.Search(len(s.cps), func(i int) bool { return s.cps[i].offset > end })) - 1
		if k >= 0 && s.cps[k].offset > off {
			off, units = s.cps[k].offset, s.cps[k].utf16-base
		}
	}
	for off < end {
		r, size := utf8.DecodeRune(s.Bytes[off:])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > col16 {
			break
		}
		units += w
		off += size
	}
	return off
}
