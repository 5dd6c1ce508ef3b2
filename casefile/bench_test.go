package casefile

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// BenchmarkParse parses a realistic case file: front matter with every
// section, prose, lists and an agreed actions table.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("testdata/seeds/WCC-2026-0412.md")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse("WCC-2026-0412.md", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFrontMatter reads a sample's front matter into a node tree with
// the fast reader and with the YAML library.
func BenchmarkFrontMatter(b *testing.B) {
	src, err := os.ReadFile("testdata/seeds/WCC-2026-0412.md")
	if err != nil {
		b.Fatal(err)
	}
	s := string(src)
	front := []byte(s[4 : 4+strings.Index(s[4:], "\n---")+1])
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(front)))
		for b.Loop() {
			if _, ok := fastYAML(front); !ok {
				b.Fatal("not taken")
			}
		}
	})
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(front)))
		for b.Loop() {
			var n yaml.Node
			if err := yaml.Unmarshal(front, &n); err != nil {
				b.Fatal(err)
			}
		}
	})
}
