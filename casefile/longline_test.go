package casefile

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// naivePos is the definition Pos must agree with: count from the line start.
func naivePos(s *Source, offset int) Pos {
	line := 1
	for i := 0; i < offset && i < len(s.Bytes); i++ {
		if s.Bytes[i] == '\n' {
			line++
		}
	}
	start := s.LineStart(line)
	p := Pos{Offset: offset, Line: line, Column: 1, ByteColumn: offset - start + 1}
	for i := start; i < offset; {
		r, size := utf8.DecodeRune(s.Bytes[i:])
		if i+size > offset {
			break
		}
		i += size
		p.Column++
		p.UTF16++
		if r >= 0x10000 {
			p.UTF16++
		}
	}
	return p
}

// TestPosLongLines checks the checkpointed path (lines over a kilobyte)
// against counting, on lines mixing ASCII, accents and emoji.
func TestPosLongLines(t *testing.T) {
	line := strings.Repeat("Zoë 😀 reads daily. ", 400) // ~9 KB, multi-byte throughout
	src := "\ufeff" + line + "\r\nshort ë line\n" + line + "\n"
	s := NewSource("long.md", []byte(src))
	for off := 0; off <= len(src); off += 7 {
		got, want := s.Pos(off), naivePos(s, off)
		if off < 3 { // inside the BOM: Pos moves to the first character
			continue
		}
		if got != want {
			t.Fatalf("Pos(%d) = %+v, want %+v", off, got, want)
		}
	}
}

// BenchmarkPosLongLine is a finding near the end of a 1 MB paragraph.
func BenchmarkPosLongLine(b *testing.B) {
	s := NewSource("p.md", []byte(strings.Repeat("Sam will have regular support. ", 35000)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s.Pos(len(s.Bytes) - 10 - i%1000)
	}
}
