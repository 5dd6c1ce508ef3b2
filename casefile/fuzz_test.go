package casefile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedFiles returns the sample case files kept in testdata (copies of
// samples/ and of the shared development corpus) and the problem files.
func seedFiles(f *testing.F) [][]byte {
	f.Helper()
	var out [][]byte
	for _, pattern := range []string{"testdata/seeds/*.md", "testdata/problems/*.md"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		f.Fatal("no seed files in testdata")
	}
	return out
}

// splitFront splits a seed file into its front-matter text (without the
// fences) and its body.
func splitFront(b []byte) (front, body []byte) {
	s := string(bytes.TrimPrefix(b, []byte("\ufeff")))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if !strings.HasPrefix(s, "---\n") {
		return nil, []byte(s)
	}
	end := strings.Index(s[4:], "\n---")
	if end < 0 {
		return []byte(s[4:]), nil
	}
	front = []byte(s[4 : 4+end+1])
	rest := s[4+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = ""
	}
	return front, []byte(rest)
}

// FuzzParse: arbitrary bytes never panic; a parsed case satisfies every
// span and position invariant.
func FuzzParse(f *testing.F) {
	for _, b := range seedFiles(f) {
		f.Add(b)
	}
	f.Add([]byte(""))
	f.Add([]byte("---"))
	f.Add([]byte("\ufeff---\r\ncase: x\r\n---\r\n# A\r\n\r\n- b\r\n"))
	f.Add([]byte("---\ncase: x\rchild: y\r---\rbody\r"))
	f.Add([]byte("---\nname: \"a\u2028b\"\nx: \u0085 y\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("fuzz.md", src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T %v is not a *Error", err, err)
			}
			return
		}
		checkCase(t, c)
	})
}

// FuzzFrontMatter: the input is the text between the two '---' lines.
func FuzzFrontMatter(f *testing.F) {
	for _, b := range seedFiles(f) {
		if front, _ := splitFront(b); front != nil {
			f.Add(front)
		}
	}
	for _, s := range []string{
		"",
		"case: x\n",
		"case: [x\n",
		"case: \"x\n",
		"child:\n\tname: x\n",
		"child:\n    name: x\n  date_of_birth: 2014-01-01\n",
		"case: &a x\nchild: *a\nappellant: *b\n",
		"<<: {case: x}\n",
		"? [a, b]\n: c\n",
		"case: !!binary aGVsbG8=\n",
		"decision:\n  sections: [[F], {G: 1}, ~, H]\n",
		"mediation:\n  attendees:\n    - ~\n    - [a]\n    - name: x\n      authority: ~\n",
		"case: 'it''s'\nchild: {name: \"a\\\"b\", date_of_birth: '2026-02-30'}\n",
		"case: |\n  multi\n  line\nchild:\n  name: >\n    folded\n",
		"a: b: c\n",
		"case: x\r\nchild:\r\n  name: y\r\n",
		"case: x\rchild: y\r",
		"%YAML 1.2\n---\ncase: x\n",
		"case: x\n...\n",
		"- a\n- b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, front []byte) {
		src := append(append([]byte("---\n"), front...), "\n---\n\n# Background\n\ntext\n"...)
		c, err := Parse("fuzz.md", src)
		if err != nil {
			return
		}
		checkCase(t, c)
		if !c.HasFront {
			t.Fatalf("no front matter found in %q", src)
		}
		// Front-matter problems lie within the front matter, and only a
		// problem with the whole block starts on the closing fence.
		closing := c.LineStart(c.Pos(c.Front.Span.End).Line)
		for _, p := range c.Problems {
			if p.Kind != FrontMatterProblem {
				continue // a body problem (the fuzzed body is a fixed one)
			}
			if p.Span.End > c.Front.Span.End {
				t.Fatalf("problem %q at %v outside the front matter %v", p.Message, p.Span, c.Front.Span)
			}
			if p.Span.Start >= closing && p.Span.Start != c.Front.Span.Start {
				t.Fatalf("problem %q on the closing fence in %q", p.Message, src)
			}
		}
		// Every value that is set has a span inside the front matter.
		f := c.Front
		for _, s := range []String{f.Case, f.Child.Name, f.Appellant.Name, f.Appellant.Role, f.LocalAuthority, f.Decision.Type} {
			if s.Set && (s.Span.Start < c.Front.Span.Start || s.Span.End > c.Front.Span.End) {
				t.Fatalf("value %q at %v outside the front matter %v", s.Value, s.Span, c.Front.Span)
			}
		}
		for _, d := range []Date{f.Child.DateOfBirth, f.Decision.Date} {
			if d.Set && (d.Span.Start < c.Front.Span.Start || d.Span.End > c.Front.Span.End) {
				t.Fatalf("date at %v outside the front matter %v", d.Span, c.Front.Span)
			}
		}
	})
}

// FuzzBody: the input is the Markdown body after a valid front matter.
func FuzzBody(f *testing.F) {
	for _, b := range seedFiles(f) {
		if _, body := splitFront(b); len(body) > 0 {
			f.Add(body)
		}
	}
	for _, s := range []string{
		"# Background\n\nHello *big* **world** `code` [link](http://x) <http://auto.x> and\nsoft break\n",
		"- a\n  - b\n    - c\n\n1. loose\n\n   second\n",
		"| Action | Who | By |\n| --- | --- | --- |\n| a \\| b | | 2026-01-01 |\n| | | |\n| short |\n",
		"<!-- sendgen-disable x -->\n\ntext <!-- sendgen-enable --> more\n\n```\n<!-- sendgen-disable y -->\n```\n",
		"- item\n\n  <!-- sendgen-disable\n  a b -->\n",
		"Ŵyn ễ 😀 B&amp;Q &#233; &#x1F600; &bogus; \\* \\\\\n",
		"line\r\nbreak  \r\nhard\\\r\n`code\r\nspan`\r\n",
		"a\rb\r\rc\n",
		"> quote\n> - in list\n>   | a | b |\n>   |---|---|\n>   | c | d |\n",
		"Title\n=====\n\nSub\n---\n\ntext\n",
		"[ref]: http://x\n\n[ref] and ![img][ref]\n",
		"***\n\n<div>\nhtml block\n</div>\n\n    indented code\n",
		"a*b*c **d**e _f_g\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		src := append([]byte(validFront), body...)
		c, err := Parse("fuzz.md", src)
		if err != nil {
			return
		}
		checkCase(t, c)
		// A body that starts with a top-level field ("certificate:") and
		// has a '---' line below is the rest of the front matter, pasted
		// after its closing line: that is reported, on purpose.
		first := strings.TrimLeft(string(body), " \t\r\n")
		if i := strings.IndexByte(first, '\n'); i >= 0 {
			first = first[:i]
		}
		continued := isTopLevelField([]byte(first))
		for _, p := range c.Problems {
			if p.Kind == FrontMatterProblem && !continued {
				t.Fatalf("body %q gave a front-matter problem: %s", body, p.Message)
			}
		}
		bodyStart := len(validFront)
		for _, tx := range allTexts(c) {
			if len(tx.Text) > 0 && tx.Span.Start < bodyStart {
				t.Fatalf("text %q at %v starts in the front matter", tx.Text, tx.Span)
			}
		}
		for _, d := range c.Body.Directives {
			if d.Span.Start < bodyStart || !bytes.Contains(src[d.Span.Start:d.Span.End], []byte("sendgen-"+d.Kind)) {
				t.Fatalf("directive %+v spans %q", d, src[d.Span.Start:d.Span.End])
			}
		}
	})
}

// FuzzFindPlaceholder: every placeholder found is "[[" text "]]" on one
// line, found in order, and nothing is found twice.
func FuzzFindPlaceholder(f *testing.F) {
	for _, s := range []string{"[[a]]", "x [[child's name]] [[b]]", "[[[a]]]", "[[a\nb]]", "[[]]", "]][[", "[[a]] [[", "[[é]]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		from := 0
		for n := 0; n <= len(s); n++ {
			i, j := FindPlaceholder(s, from)
			if i < 0 {
				if j != -1 {
					t.Fatalf("start -1 with end %d", j)
				}
				return
			}
			if i < from || j <= i+4 || j > len(s) {
				t.Fatalf("FindPlaceholder(%q, %d) = %d, %d", s, from, i, j)
			}
			p := s[i:j]
			if !strings.HasPrefix(p, "[[") || !strings.HasSuffix(p, "]]") || strings.ContainsAny(p, "\n\r") || strings.Contains(p[2:len(p)-2], "]]") {
				t.Fatalf("%q is not a placeholder", p)
			}
			from = j
		}
		t.Fatalf("more placeholders than bytes in %q", s)
	})
}
