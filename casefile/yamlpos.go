package casefile

import (
	"sort"
	"unicode/utf8"
)

// yamlLines indexes the YAML text src[start:end] by YAML's line breaks.
type yamlLines struct {
	src        []byte
	start, end int
	lineStarts []int // file offsets of the start of each YAML line
	lineEnds   []int // file offsets of the line break ending each line (or end)
	// last is where offset last stopped: the nodes of a flow list on one
	// line come in column order, so counting on from there keeps a
	// 40,000-item [F, F, ...] linear instead of quadratic.
	last struct{ line, column, off int }
}

func newYAMLLines(src []byte, start, end int) yamlLines {
	y := yamlLines{src: src, start: start, end: end, lineStarts: []int{start}}
	for i := start; i < end; {
		n := yamlBreak(src[:end], i)
		if n == 0 {
			i++
			continue
		}
		y.lineEnds = append(y.lineEnds, i)
		i += n
		y.lineStarts = append(y.lineStarts, i)
	}
	y.lineEnds = append(y.lineEnds, end)
	return y
}

// yamlBreak returns the length of the YAML line break at b[i], or 0.
func yamlBreak(b []byte, i int) int {
	switch b[i] {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(b) && b[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xC2:
		if i+1 < len(b) && b[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// lines is the number of YAML lines.
func (y *yamlLines) lines() int { return len(y.lineStarts) }

// lineStart is the file offset of a 1-based YAML line.
func (y *yamlLines) lineStart(line int) int {
	if line < 1 {
		return y.start
	}
	if line > len(y.lineStarts) {
		return y.end
	}
	return y.lineStarts[line-1]
}

// lineEnd is the file offset of the line break ending the line at off (a
// lookup, not a scan: every item of a long flow list asks).
func (y *yamlLines) lineEnd(off int) int {
	if off >= y.end {
		return y.end
	}
	i := sort.SearchInts(y.lineStarts, off+1) - 1
	if i < 0 {
		i = 0
	}
	if e := y.lineEnds[i]; e >= off {
		return e
	}
	return off
}

// offset converts a 1-based YAML line and character column to a file offset.
func (y *yamlLines) offset(line, column int) int {
	off, c := y.lineStart(line), 1
	if y.last.line == line && y.last.column <= column && y.last.column > 0 {
		off, c = y.last.off, y.last.column
	}
	for ; c < column && off < y.end && yamlBreak(y.src[:y.end], off) == 0; c++ {
		_, size := utf8.DecodeRune(y.src[off:y.end])
		off += size
	}
	y.last.line, y.last.column, y.last.off = line, c, off
	return off
}
