package render

import (
	"regexp"
	"strconv"
	"testing"
)

// The expressions the hand-written matchers of markdown.go replace.
var (
	reInclude   = regexp.MustCompile(`^<!--\s*` + includeMarker + `\s+(\d+)\s*-->\s*$`)
	rePageBreak = regexp.MustCompile(`^<!--\s*page-break\s*-->\s*$`)
	reBr        = regexp.MustCompile(`(?i)^<br\s*/?>$`)
)

func checkHTMLMatchers(t *testing.T, s string) {
	m := reInclude.FindStringSubmatch(s)
	got, ok := matchInclude(s)
	if (m != nil) != ok || ok && got != m[1] {
		t.Errorf("matchInclude(%q) = %q, %v; the expression says %q", s, got, ok, m)
	}
	if ok {
		want, _ := strconv.Atoi(m[1])
		if includeID(s) != want {
			t.Errorf("includeID(%q) = %d, want %d", s, includeID(s), want)
		}
	} else if includeID(s) != -1 {
		t.Errorf("includeID(%q) = %d, want -1", s, includeID(s))
	}
	if want := rePageBreak.MatchString(s); isPageBreak(s) != want {
		t.Errorf("isPageBreak(%q) = %v, the expression says %v", s, !want, want)
	}
	if want := reBr.MatchString(s); isBr(s) != want {
		t.Errorf("isBr(%q) = %v, the expression says %v", s, !want, want)
	}
}

func TestHTMLMatchers(t *testing.T) {
	for _, s := range []string{
		"", "<!---->", "<!-- sendgen:include 3 -->", "<!--sendgen:include\t12-->\n", "<!-- sendgen:include 3 --> ",
		"<!-- sendgen:include3 -->", "<!-- sendgen:include -->", "<!-- sendgen:include 3 4 -->", "<!-- sendgen:include 3 --> -->",
		"<!-- sendgen:include 99999999999999999999999 -->", " <!-- sendgen:include 3 -->", "<!-- sendgen:include 3 -- >",
		"<!-- sendgen:include\v3 -->", "<!-- sendgen:include\f3\r-->", "<!-- SENDGEN:include 3 -->",
		"<!-- page-break -->", "<!--page-break-->", "<!-- page-break --> x", "<!-- page-break-now -->", "<!-- page-break -->\n\n",
		"<!-- page-break --> -->", "<!-- page break -->",
		"<br>", "<BR/>", "<Br />", "<br\t/>", "<br/ >", "<br//>", "<br >x", "<brr>", "<br", "<b>", " <br>", "<br>\n", "<bR\n>",
	} {
		checkHTMLMatchers(t, s)
	}
}

func FuzzHTMLMatchers(f *testing.F) {
	for _, s := range []string{"<!-- sendgen:include 3 -->", "<!-- page-break -->", "<br />"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkHTMLMatchers(t, s) })
}
