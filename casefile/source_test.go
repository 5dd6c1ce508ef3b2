package casefile

import (
	"strings"
	"testing"
)

func TestPos(t *testing.T) {
	const bom = "\ufeff"
	tests := []struct {
		name   string
		src    string
		offset int
		// want: line, rune column (1-based), UTF-16 column (0-based), byte column
		line, col, utf16, byteCol int
	}{
		{"start", "abc\ndef", 0, 1, 1, 0, 1},
		{"ascii mid", "abc\ndef", 2, 1, 3, 2, 3},
		{"at line end", "abc\ndef", 3, 1, 4, 3, 4},
		{"second line", "abc\ndef", 4, 2, 1, 0, 1},
		{"EOF no newline", "abc\ndef", 7, 2, 4, 3, 4},
		{"EOF after newline", "abc\n", 4, 2, 1, 0, 1},
		{"past EOF clamps", "abc\n", 99, 2, 1, 0, 1},
		{"negative clamps", "abc", -5, 1, 1, 0, 1},
		{"empty file", "", 0, 1, 1, 0, 1},
		{"after é (2 bytes)", "aé b", 3, 1, 3, 2, 4},
		{"after Ŵ (2 bytes)", "Ŵx", 2, 1, 2, 1, 3},
		{"after ễ (3 bytes)", "ễx", 3, 1, 2, 1, 4},
		{"Welsh and Vietnamese", "Ŵyn ễ b", 9, 1, 7, 6, 10},
		{"after 😀 (4 bytes, 2 UTF-16)", "😀x", 4, 1, 2, 2, 5},
		{"after two 😀", "😀😀x", 8, 1, 3, 4, 9},
		{"😀 on line 2", "a\n😀b", 6, 2, 2, 2, 5},
		{"tab is one character", "\tx", 1, 1, 2, 1, 2},
		{"two tabs", "\t\tx", 2, 1, 3, 2, 3},
		{"combining accent is its own character", "e\u0301x", 3, 1, 3, 2, 4},
		{"CRLF at CR", "ab\r\ncd", 2, 1, 3, 2, 3},
		{"CRLF at LF", "ab\r\ncd", 3, 1, 4, 3, 4},
		{"CRLF next line", "ab\r\ncd", 4, 2, 1, 0, 1},
		{"CRLF next line mid", "ab\r\ncd", 5, 2, 2, 1, 2},
		{"CRLF EOF", "ab\r\ncd\r\n", 8, 3, 1, 0, 1},
		{"BOM: column 1 is after it", bom + "ab\ncd", 3, 1, 1, 0, 1},
		{"BOM: offset inside it", bom + "ab\ncd", 1, 1, 1, 0, 1},
		{"BOM: offset 0", bom + "ab\ncd", 0, 1, 1, 0, 1},
		{"BOM: second character", bom + "ab\ncd", 4, 1, 2, 1, 2},
		{"BOM: line 2 unaffected", bom + "ab\ncd", 7, 2, 2, 1, 2},
		{"BOM and CRLF", bom + "é\r\nx", 7, 2, 1, 0, 1},
		// A lone CR ends a line, as CommonMark, YAML and editors (VS Code,
		// Vim's ff=mac) read it: an old Mac file is not one long line.
		{"lone CR is a line break", "a\rb", 2, 2, 1, 0, 1},
		{"lone CR then CRLF", "a\r\r\nb", 4, 3, 1, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSource("t.md", []byte(tt.src))
			p := s.Pos(tt.offset)
			if p.Line != tt.line || p.Column != tt.col || p.UTF16 != tt.utf16 || p.ByteColumn != tt.byteCol {
				t.Errorf("Pos(%d) in %q = line %d col %d utf16 %d byte %d; want %d %d %d %d",
					tt.offset, tt.src, p.Line, p.Column, p.UTF16, p.ByteColumn, tt.line, tt.col, tt.utf16, tt.byteCol)
			}
			checkPositions(t, s)
		})
	}
}

func TestOffsetAt(t *testing.T) {
	const bom = "\ufeff"
	tests := []struct {
		name         string
		src          string
		line, column int
		want         int
	}{
		{"start", "abc\ndef", 1, 1, 0},
		{"line 2 col 2", "abc\ndef", 2, 2, 5},
		{"multi-byte", "éŴễ😀x", 1, 5, 11},
		{"tab", "\t\tx", 1, 3, 2},
		{"past line end stops at newline", "abc\ndef", 1, 99, 3},
		{"past line end, CRLF", "ab\r\ncd", 1, 99, 3},
		{"past last line", "abc\ndef", 9, 1, 7},
		{"line 0", "abc", 0, 1, 0},
		{"column 0", "abc", 1, 0, 0},
		{"BOM: column 1 of line 1", bom + "ab", 1, 1, 3},
		{"BOM: column 2 of line 1", bom + "ab", 1, 2, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSource("t.md", []byte(tt.src))
			if got := s.OffsetAt(tt.line, tt.column); got != tt.want {
				t.Errorf("OffsetAt(%d, %d) in %q = %d, want %d", tt.line, tt.column, tt.src, got, tt.want)
			}
		})
	}
}

// TestPosInverse checks Pos and OffsetAt against each other on every offset
// of files mixing everything above.
func TestPosInverse(t *testing.T) {
	for _, src := range []string{
		"",
		"\n\n\n",
		"Zoë Ó Súilleabháin\nŴyn ễ\t😀 x\n",
		"\ufeff---\r\ncase: É-1\r\n---\r\n\r\n# Ŵ\r\n\r\n😀\tend",
		"no newline at EOF 😀",
		strings.Repeat("é😀\t\r\n", 50),
	} {
		checkPositions(t, NewSource("t.md", []byte(src)))
	}
}

func TestLineText(t *testing.T) {
	s := NewSource("t.md", []byte("\ufeffone\r\ntwo\n\nfour"))
	for line, want := range map[int]string{-1: "", 0: "", 1: "one", 2: "two", 3: "", 4: "four", 5: ""} {
		if got := s.LineText(line); got != want {
			t.Errorf("LineText(%d) = %q, want %q", line, got, want)
		}
	}
	if s.Lines() != 4 {
		t.Errorf("Lines() = %d, want 4", s.Lines())
	}
	if got := s.LineStart(1); got != 3 {
		t.Errorf("LineStart(1) with a BOM = %d, want 3", got)
	}
}

// TestOffsetUTF16 converts the Language Server Protocol's positions (UTF-16
// code units) back to bytes: names such as Zoë and emoji before a finding,
// CRLF line ends and a byte-order mark must not shift an editor's range.
func TestOffsetUTF16(t *testing.T) {
	const bom = "\ufeff"
	long := strings.Repeat("é😀", 1000) + "x\nnext"
	tests := []struct {
		name        string
		src         string
		line, col16 int
		want        int
	}{
		{"start", "abc\ndef", 1, 0, 0},
		{"line 2 col 2", "abc\ndef", 2, 2, 6},
		{"after Zoë", "Zoë may\n", 1, 4, 5},
		{"after 😀 (2 units)", "😀x", 1, 2, 4},
		{"inside a surrogate pair: start of the character", "😀x", 1, 1, 0},
		{"after two 😀", "😀😀x", 1, 4, 8},
		{"combining accent: two units", "e\u0301x", 1, 2, 3},
		{"past line end stops at newline", "abc\ndef", 1, 99, 3},
		{"past line end, CRLF: at the LF", "ab\r\ncd", 1, 99, 3},
		{"CRLF: the CR is the line length", "ab\r\ncd", 1, 2, 2},
		{"lone CR ends a line: past its end", "ab\rcé", 1, 99, 2},
		{"lone CR ends a line: the next line", "ab\rcé", 2, 2, 6},
		{"CRLF line 2", "ab\r\ncé d", 2, 3, 8},
		{"past last line", "abc\ndef", 9, 0, 7},
		{"line 0", "abc", 0, 1, 1},
		{"negative column", "abc\ndef", 2, -3, 4},
		{"BOM: column 0 of line 1 is after it", bom + "ab", 1, 0, 3},
		{"BOM: column 1 of line 1", bom + "ab", 1, 1, 4},
		{"BOM: line 2", bom + "ab\nZoë x", 2, 4, 11},
		{"long line: from a checkpoint", long, 1, 1500, 1000*6/2 + 0},
		{"long line: past its end", long, 1, 99999, 6001},
		{"long line: next line", long, 2, 2, 6004},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSource("t.md", []byte(tt.src))
			if got := s.OffsetUTF16(tt.line, tt.col16); got != tt.want {
				t.Errorf("OffsetUTF16(%d, %d) in %q = %d, want %d", tt.line, tt.col16, abbrev(tt.src), got, tt.want)
			}
		})
	}
}

func abbrev(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
