package render

import "testing"

// TestHasContent: a section holding only comments prints nothing, so it is
// empty (the document uses its default or says nothing was given).
func TestHasContent(t *testing.T) {
	for src, want := range map[string]bool{
		"":                         false,
		"  \n\n":                   false,
		"<!-- write it here -->\n": false,
		"<!-- a -->\n\n<!-- b -->": false,
		"<!-- a --> text":          true,
		"text <!-- a -->":          true,
		"<!-- unclosed":            true,
		"- item":                   true,
	} {
		if got := hasContent(src); got != want {
			t.Errorf("hasContent(%q) = %v, want %v", src, got, want)
		}
	}
}
