package casefile

import (
	"strings"
	"testing"
)

// TestTextMapping checks, for every word of every block of each body, that
// the file bytes at Text.Source(word) are the word itself, and what the
// plain text of each block is.
func TestTextMapping(t *testing.T) {
	tests := []struct {
		name  string
		src   string // whole file; "{F}" is replaced by a valid front matter
		texts []string
	}{
		{"paragraph", "{F}# Background\n\nZoë is ten and in Year 6.\n",
			[]string{"Zoë is ten and in Year 6."}},
		{"soft breaks", "{F}# Background\n\nline one\nline two\n  indented three\n",
			[]string{"line one line two indented three"}},
		{"hard breaks", "{F}# Background\n\nspaces  \nbackslash\\\nend\n",
			[]string{"spaces backslash end"}},
		{"emphasis strong code link", "{F}# Background\n\nA *weekly* **30-minute** session `code` with [a mentor](https://x.example/y \"t\") and _ELSA_ ~~gone~~ .\n",
			[]string{"A weekly 30-minute session code with a mentor and ELSA gone ."}},
		{"nested emphasis", "{F}# Background\n\n***both*** and **strong *inner* text**\n",
			[]string{"both and strong inner text"}},
		{"autolink", "{F}# Background\n\nsee <https://example.org/x> and <a@b.example> now\n",
			[]string{"see https://example.org/x and a@b.example now"}},
		{"image alt", "{F}# Background\n\nan ![alt words](i.png) image\n",
			[]string{"an alt words image"}},
		{"backslash escapes", "{F}# Background\n\nnot \\* emphasis \\* and a \\# sign\n",
			[]string{"not * emphasis * and a # sign"}},
		{"code span keeps backslashes", "{F}# Background\n\nrun `a\\*b` now\n",
			[]string{`run a\*b now`}},
		{"code span over lines", "{F}# Background\n\nrun `a\nb` now\n",
			[]string{"run a b now"}},
		{"non-ASCII before a word", "{F}# Background\n\nŴyn ễ 😀 Ó Súilleabháin — weekly\n",
			[]string{"Ŵyn ễ 😀 Ó Súilleabháin — weekly"}},
		{"tabs", "{F}# Background\n\nword\tafter\ttab\n",
			[]string{"word\tafter\ttab"}},
		{"inline comment removed", "{F}# Background\n\nbefore <!-- sendgen-disable vague-wording --> after\n",
			[]string{"before  after"}},
		{"tight list", "{F}# Requested provision\n\n- first item\n- second item\n",
			[]string{"first item", "second item"}},
		{"loose list", "{F}# Requested provision\n\n- first item\n\n- second item\n",
			[]string{"first item", "second item"}},
		{"multi-line item", "{F}# Requested provision\n\n- 45 minutes of\n  speech therapy\n  each week\n",
			[]string{"45 minutes of speech therapy each week"}},
		{"item with two paragraphs", "{F}# Requested provision\n\n1. first para\n\n   second para\n",
			[]string{"first para second para"}},
		{"nested list", "{F}# Requested provision\n\n- outer\n  - inner one\n    - innermost\n  - inner two\n- last\n",
			[]string{"outer", "inner one", "innermost", "inner two", "last"}},
		{"star and plus lists", "{F}# Requested provision\n\n* star\n+ plus\n",
			[]string{"star", "plus"}},
		{"ordered list with paren", "{F}# Requested provision\n\n1) one\n2) two\n",
			[]string{"one", "two"}},
		{"block quote", "{F}# Background\n\n> quoted\n> words\n",
			[]string{"quoted words"}},
		{"table cells", "{F}# Agreed actions\n\n| Action | Who | By |\n| --- | :-: | --: |\n| Send *the* plan | Jo Smith, SENCo | 2026-11-30 |\n| Call Amira | | |\n",
			[]string{"Action", "Who", "By", "Send the plan", "Jo Smith, SENCo", "2026-11-30", "Call Amira", "", ""}},
		{"table without outer pipes", "{F}# Agreed actions\n\nAction | Who\n--- | ---\ndo it | Jo\n",
			[]string{"Action", "Who", "do it", "Jo"}},
		{"escaped pipe in a cell", "{F}# Agreed actions\n\n| Action | Who |\n| --- | --- |\n| either a \\| b | Jo |\n",
			[]string{"Action", "Who", "either a | b", "Jo"}},
		{"escaped pipe in a code span in a cell", "{F}# Agreed actions\n\n| Action | Who |\n| --- | --- |\n| `a \\| b` | Jo |\n",
			[]string{"Action", "Who", "a | b", "Jo"}},
		{"CRLF file", strings.ReplaceAll("{F}# Background\n\nline one\nline two  \nthree `co\nde`\n\n- item one\n  more\n\n| A | B |\n| - | - |\n| x | |\n", "\n", "\r\n"),
			[]string{"line one line two three co de", "item one more", "A", "B", "x", ""}},
		{"BOM file", "\ufeff{F}# Background\n\nZoë first\n",
			[]string{"Zoë first"}},
		{"BOM, no front matter", "\ufeffZoë first\n",
			[]string{"Zoë first"}},
		{"lone CR", "{F}# Background\n\nold\rmac\n",
			[]string{"old mac"}},
		{"heading levels", "{F}# Background\n\nA\n\n## Sub\n\nB\n\n### Deeper\n\nC\n",
			[]string{"A", "B", "C"}},
		{"setext heading", "{F}Background\n==========\n\nbody text\n",
			[]string{"body text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(tt.src, "{F}", validFront, 1)
			if strings.Contains(tt.src, "\r\n") {
				src = strings.Replace(tt.src, "{F}", strings.ReplaceAll(validFront, "\n", "\r\n"), 1)
			}
			c := mustParse(t, src)
			checkCase(t, c)
			var got []string
			for _, tx := range allTexts(c) {
				got = append(got, tx.Text)
				checkWordsExact(t, c.Bytes, tx)
			}
			if strings.Join(got, "|") != strings.Join(tt.texts, "|") {
				t.Errorf("texts = %q\nwant    %q", got, tt.texts)
			}
			if !strings.HasPrefix(src, "\ufeffZoë") {
				for _, p := range c.Problems {
					t.Errorf("unexpected problem %q", p.Message)
				}
			}
		})
	}
}

// TestTextSource checks Source on ranges that are not whole words: inside
// replaced text, across a joining space, empty ranges and the ends.
func TestTextSource(t *testing.T) {
	src := validFront + "# Background\n\nB&amp;Q and\nnext &#233;t\u00e9 \\*x\n"
	c := mustParse(t, src)
	tx := &c.Body.Find("background").Blocks[0].Text
	if want := "B&Q and next été *x"; tx.Text != want {
		t.Fatalf("text %q, want %q", tx.Text, want)
	}
	slice := func(i, j int) string {
		sp := tx.Source(i, j)
		return src[sp.Start:sp.End]
	}
	tests := []struct {
		i, j int
		want string
	}{
		{0, 3, "B&amp;Q"},                      // a word with an entity maps to what is written
		{1, 2, "&amp;"},                        // the replaced character maps to the whole entity
		{0, 1, "B"},                            //
		{4, 7, "and"},                          //
		{4, 12, "and\nnext"},                   // across the line break
		{7, 8, ""},                             // the line break itself is synthetic
		{13, 15, "&#233;"},                     // é written as a reference
		{13, 18, "&#233;t\u00e9"},              // a word mixing both
		{len(tx.Text) - 2, len(tx.Text), "*x"}, // an escaped character maps to itself, not its backslash
		{len(tx.Text) - 1, len(tx.Text), "x"},  //
		{5, 5, ""},                             // empty range
		{len(tx.Text), len(tx.Text), ""},       // at the end
	}
	for _, tt := range tests {
		if got := slice(tt.i, tt.j); got != tt.want {
			t.Errorf("Source(%d, %d) [%q] = %q, want %q", tt.i, tt.j, tx.Text[tt.i:tt.j], got, tt.want)
		}
	}
	if sp := tx.Source(7, 8); sp.Start != strings.Index(src, "\nnext") {
		t.Errorf("the soft break maps to %d, want the line end %d", sp.Start, strings.Index(src, "\nnext"))
	}
	if sp := tx.Source(9, 3); !sp.Empty() {
		t.Errorf("Source(9, 3) = %v, want an empty span", sp)
	}
	if w := tx.Whole(); src[w.Start:w.End] != "B&amp;Q and\nnext &#233;t\u00e9 \\*x" {
		t.Errorf("Whole = %q", src[w.Start:w.End])
	}
	var empty Text
	if sp := empty.Source(0, 0); sp != (Span{}) {
		t.Errorf("empty Text: Source = %v", sp)
	}
}

// TestEntities: entity and numeric character references are resolved, and
// ones that spell a line break become spaces.
func TestEntities(t *testing.T) {
	for in, want := range map[string]string{
		"B&amp;Q":                   "B&Q",
		"caf&eacute; &copy;":        "café ©",
		"&#233; &#xE9; &#XE9;":      "é é é",
		"&#x1F600;":                 "😀",
		"a&#10;b&#13;c&NewLine;d":   "a b c d",
		"&#0; &#xD800; &#99999999;": "\uFFFD \uFFFD &#99999999;",
		"&bogus; & &; &#; &#x;":     "&bogus; & &; &#; &#x;",
		"`&amp;` in code":           "&amp; in code",
	} {
		c := mustParse(t, validFront+"# Background\n\n"+in+"\n")
		checkCase(t, c)
		if got := c.Body.Find("background").Blocks[0].Text.Text; got != want {
			t.Errorf("%q: text %q, want %q", in, got, want)
		}
	}
}

// TestJoin: a row's cells joined into one Text keep their map to the file,
// and the separator maps to no file bytes of its own.
func TestJoin(t *testing.T) {
	src := validFront + "# Requested provision\n\n| Provision | Frequency | Who |\r\n| --- | --- | --- |\r\n| Zoë: access to **a room** | | Teaching assistant |\r\n"
	c := mustParse(t, src)
	tb := c.Body.Find("Requested provision").Tables[0]
	row := tb.Rows[0]
	j := Join(row.Cells, " | ", row.Span)
	if j.Text != "Zoë: access to a room | Teaching assistant" {
		t.Fatalf("joined %q", j.Text)
	}
	for _, w := range []string{"access to", "a room", "Teaching assistant", "Zoë"} {
		i := strings.Index(j.Text, w)
		sp := j.Source(i, i+len(w))
		if got := string(c.Bytes[sp.Start:sp.End]); got != w {
			t.Errorf("%q maps to %q", w, got)
		}
	}
	sp := j.Whole()
	if got := string(c.Bytes[sp.Start:sp.End]); !strings.HasPrefix(got, "Zoë") || !strings.HasSuffix(got, "Teaching assistant") {
		t.Errorf("whole row maps to %q", got)
	}
	if e := Join(nil, " | ", row.Span); e.Text != "" || e.Span != row.Span {
		t.Errorf("empty join = %+v", e)
	}
}
