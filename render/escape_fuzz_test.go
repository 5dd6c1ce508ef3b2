package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzEscapeMarkdown: a front-matter value escaped for a template and read
// back through goldmark is the value, word for word: no character of a
// name may turn into markup ("*", "&amp;", "<br>", "1." at a line start).
func FuzzEscapeMarkdown(f *testing.F) {
	for _, s := range []string{"Jo &amp; Smith", "Jo<br>Smith", "*Zoë* _Ó_", "1. first", "- item", "# h", "a\\b", "[x](y)", "`c`", "~~s~~", "a\nb\r\nc\rd", "&#65;", "| a | b |", "<!-- x -->", "!", "+", "=", "  lead"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00") {
			return
		}
		got := strings.Fields(inlinePlain(escapeMarkdown(s)))
		want := strings.Fields(clean(s))
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("value %q prints as %q, want %q", s, strings.Join(got, " "), strings.Join(want, " "))
		}
	})
}
