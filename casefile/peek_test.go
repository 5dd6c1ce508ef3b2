package casefile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPeekCase(t *testing.T) {
	tests := []struct {
		name, src string
		ref       string
		ok        bool
	}{
		{"plain", "---\ncase: WCC-2026-0412\nchild:\n  name: A\n---\n", "WCC-2026-0412", true},
		{"comment", "---\ncase: WCC-1 # the LA's reference\n---\n", "WCC-1", true},
		{"single quoted", "---\ncase: 'it''s'\n---\n", "it's", true},
		{"double quoted", "---\ncase: \"A-1\"\n---\n", "A-1", true},
		{"space before colon", "---\ncase : A-2\n---\n", "A-2", true},
		{"CRLF and BOM", "\xef\xbb\xbf---\r\ncase: A-3\r\n---\r\n", "A-3", true},
		{"broken YAML around it", "---\ncase: A-4\nchild:\n name: x\n  bad: [\n---\n", "A-4", true},
		{"never closed", "---\ncase: A-5\nchild:\n", "A-5", true},
		{"block scalar", "---\ncase: >-\n  A-6\n---\n", "", true},
		{"empty value", "---\ncase:\n---\n", "", true},
		{"nested case key is not the case", "---\nchild:\n  case: x\n---\n", "", false},
		{"case in the body", "---\ntitle: README\n---\ncase: A-7\n", "", false},
		{"no front matter", "# README\n\ncase: A-8\n", "", false},
		{"key that starts with case", "---\ncases: 3\n---\n", "", false},
		{"empty file", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref, ok := PeekCase([]byte(tt.src))
			if ref != tt.ref || ok != tt.ok {
				t.Errorf("PeekCase = %q, %v; want %q, %v", ref, ok, tt.ref, tt.ok)
			}
		})
	}
}

// TestPeekCaseAgreesWithParse: for every seed case file, the quick look
// finds the reference the full parse finds.
func TestPeekCaseAgreesWithParse(t *testing.T) {
	var names []string
	for _, pattern := range []string{"testdata/seeds/*.md", "testdata/problems/*.md", "../samples/*.md", "../samples/drafts/*.md"} {
		m, _ := filepath.Glob(pattern)
		names = append(names, m...)
	}
	if len(names) < 10 {
		t.Fatalf("only %d files to compare", len(names))
	}
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Parse(name, src)
		if err != nil {
			continue
		}
		ref, ok := PeekCase(src)
		if c.Front.Case.Set && (!ok || ref != c.Front.Case.Value) {
			t.Errorf("%s: PeekCase = %q, %v; Parse says %q", name, ref, ok, c.Front.Case.Value)
		}
	}
}

func FuzzPeekCase(f *testing.F) {
	f.Add([]byte("---\ncase: A-1\n---\n"))
	f.Add([]byte("---\ncase: 'x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ref, ok := PeekCase(b)
		if !ok && ref != "" {
			t.Errorf("a reference %q without a case key", ref)
		}
	})
}
