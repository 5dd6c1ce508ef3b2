package casefile

import (
	"fmt"
	"strings"
	"testing"
)

// outline renders the section tree: "L<level> title: block texts".
func outline(c *Case) string {
	var sb strings.Builder
	var walk func(s *Section, indent string)
	walk = func(s *Section, indent string) {
		var blocks []string
		for _, b := range s.Blocks {
			kind := "p"
			switch b.Kind {
			case ListItem:
				kind = fmt.Sprintf("li%d", b.Depth)
			case Code:
				kind = "code"
			}
			blocks = append(blocks, kind+":"+b.Text.Text)
		}
		parent := ""
		if s.Parent != nil {
			parent = " ^" + s.Parent.Title
		}
		fmt.Fprintf(&sb, "%sL%d %s%s [%s] tables=%d\n", indent, s.Level, s.Title, parent, strings.Join(blocks, "; "), len(s.Tables))
		for _, ch := range s.Children {
			walk(ch, indent+"  ")
		}
	}
	for _, s := range c.Body.Sections {
		walk(s, "")
	}
	return sb.String()
}

func TestSections(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"content before the first heading",
			"intro text\n\n# Background\n\nhistory\n",
			"L0  [p:intro text] tables=0\nL1 Background [p:history] tables=0\n"},
		{"no content before the first heading",
			"\n\n# Background\n\nhistory\n",
			"L1 Background [p:history] tables=0\n"},
		{"no headings at all",
			"just text\n\n- a list\n",
			"L0  [p:just text; li1:a list] tables=0\n"},
		{"empty body",
			"",
			"L0  [] tables=0\n"},
		{"section F children and ### under ##: flattened under the level-1 section, in order",
			"# Requested provision\n\nintro\n\n## Section F\n\n- f1\n\n### Speech\n\n- f2\n\n## Section G\n\n- g1\n\n# Evidence\n\n- report\n",
			"L1 Requested provision [p:intro] tables=0\n  L2 Section F ^Requested provision [li1:f1] tables=0\n  L3 Speech ^Requested provision [li1:f2] tables=0\n  L2 Section G ^Requested provision [li1:g1] tables=0\nL1 Evidence [li1:report] tables=0\n"},
		{"a sub-heading before any level-1 heading is promoted",
			"## Orphan\n\ntext\n\n# Background\n\nB\n",
			"L1 Orphan [p:text] tables=0\nL1 Background [p:B] tables=0\n"},
		{"heading markup and closing hashes",
			"# *Agreed*   actions ##\n\n| Action |\n| --- |\n| x |\n",
			"L1 Agreed   actions [] tables=1\n"},
		// Code is printed as written, so it is text the rules read (as
		// written: no headings, no list items inside it).
		{"fenced code is code and its headings are not sections",
			"# Background\n\n```\n# not a heading\n- not an item\n```\n\n    # indented code\n\nafter\n",
			"L1 Background [code:# not a heading - not an item; code:# indented code; p:after] tables=0\n"},
		{"HTML blocks are code, comments are not text",
			"# Background\n\n<div>Access to a mentor.</div>\n\n<!-- a note -->\n\nafter <Child name> and <br> <!-- x --> end\n",
			"L1 Background [code:<div>Access to a mentor.</div>; p:after <Child name> and    end] tables=0\n"},
		{"headings inside lists and quotes are not sections",
			"# Background\n\n> # quoted\n> text\n",
			"L1 Background [p:text] tables=0\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, validFront+tt.body)
			checkCase(t, c)
			if got := outline(c); got != tt.want {
				t.Errorf("outline:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	c := mustParse(t, validFront+"# Requested  Provision\n\n## SECTION f\n\n- x\n\n# agreed actions\n\ntext\n\n# Background\n\n## Background\n")
	for _, q := range []string{"Requested provision", "requested provision", "REQUESTED   PROVISION", " requested provision "} {
		if s := c.Body.Find(q); s == nil || s.Title != "Requested  Provision" {
			t.Errorf("Find(%q) = %v", q, s)
		}
	}
	if s := c.Body.Find("Agreed actions"); s == nil || s.Key() != "agreed actions" {
		t.Errorf("Find(Agreed actions) = %v", s)
	}
	if s := c.Body.Find("Evidence"); s != nil {
		t.Errorf("Find(Evidence) = %v, want nil", s)
	}
	if s := c.Body.Find("Section F"); s != nil {
		t.Errorf("Find matched a level-2 heading: %v", s)
	}
	rp := c.Body.Find("requested provision")
	if ch := rp.Child("Section F"); ch == nil || ch.Parent != rp || ch.Level != 2 {
		t.Errorf("Child(Section F) = %v", ch)
	} else if len(ch.Blocks) != 1 || ch.Blocks[0].Text.Text != "x" {
		t.Errorf("Section F blocks = %v", ch.Blocks)
	}
	if ch := rp.Child("Section G"); ch != nil {
		t.Errorf("Child(Section G) = %v, want nil", ch)
	}
	bg := c.Body.Find("background")
	if bg.Level != 1 || len(bg.Children) != 1 {
		t.Errorf("Background: level %d, %d children", bg.Level, len(bg.Children))
	}
	// Section spans cover the heading text.
	for _, s := range c.Body.Sections {
		if got := string(c.Bytes[s.Span.Start:s.Span.End]); got != s.Title {
			t.Errorf("section span %q, title %q", got, s.Title)
		}
	}
}

func TestDirectives(t *testing.T) {
	type dir struct {
		kind, rules, text string
		line              int
	}
	tests := []struct {
		name string
		body string
		want []dir
	}{
		{"block comment, one rule",
			"<!-- sendgen-disable vague-wording -->\n\n# Background\n",
			[]dir{{"disable", "vague-wording", "<!-- sendgen-disable vague-wording -->", 14}}},
		{"block comment, several rules, commas and spaces",
			"# Background\n\n<!-- sendgen-disable vague-wording, missing-frequency  hedged-commitment -->\n",
			[]dir{{"disable", "vague-wording missing-frequency hedged-commitment", "<!-- sendgen-disable vague-wording, missing-frequency  hedged-commitment -->", 16}}},
		{"enable with no rules means all",
			"# Background\n\n<!--sendgen-enable-->\n",
			[]dir{{"enable", "", "<!--sendgen-enable-->", 16}}},
		{"disable-next-line inline in a paragraph",
			"# Background\n\nsome text <!-- sendgen-disable-next-line missing-provider --> more\n",
			[]dir{{"disable-next-line", "missing-provider", "<!-- sendgen-disable-next-line missing-provider -->", 16}}},
		{"inline comment in a list item",
			"# Requested provision\n\n- weekly <!-- sendgen-disable missing-duration --> therapy\n",
			[]dir{{"disable", "missing-duration", "<!-- sendgen-disable missing-duration -->", 16}}},
		{"multi-line block comment",
			"# Background\n\n<!--\n  sendgen-disable\n  vague-wording\n-->\n",
			[]dir{{"disable", "vague-wording", "<!--\n  sendgen-disable\n  vague-wording\n-->", 16}}},
		{"block comment indented in a list item",
			"- item\n\n  <!-- sendgen-disable\n  vague-wording -->\n",
			[]dir{{"disable", "vague-wording", "<!-- sendgen-disable\n  vague-wording -->", 16}}},
		{"inline comment over two lines of an indented item",
			"- item <!-- sendgen-disable\n  vague-wording --> end\n",
			[]dir{{"disable", "vague-wording", "<!-- sendgen-disable\n  vague-wording -->", 14}}},
		{"two directives in one HTML block",
			"<!-- sendgen-disable a -->\n<!-- sendgen-enable a -->\n",
			[]dir{{"disable", "a", "<!-- sendgen-disable a -->", 14}, {"enable", "a", "<!-- sendgen-enable a -->", 15}}},
		{"CRLF",
			"# Background\r\n\r\n<!-- sendgen-disable-next-line x -->\r\ntext\r\n",
			[]dir{{"disable-next-line", "x", "<!-- sendgen-disable-next-line x -->", 16}}},
		{"in fenced code: not a directive",
			"```\n<!-- sendgen-disable vague-wording -->\n```\n\n~~~md\n<!-- sendgen-enable -->\n~~~\n",
			nil},
		{"in indented code: not a directive",
			"para\n\n    <!-- sendgen-disable vague-wording -->\n",
			nil},
		{"in a code span: not a directive",
			"use `<!-- sendgen-disable x -->` to silence\n",
			nil},
		{"an ordinary comment",
			"<!-- TODO: sendgen is great -->\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, validFront+tt.body)
			checkCase(t, c)
			var got []dir
			for _, d := range c.Body.Directives {
				got = append(got, dir{d.Kind, strings.Join(d.Rules, " "), string(c.Bytes[d.Span.Start:d.Span.End]), c.Pos(d.Span.Start).Line})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("directives\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestAgreedActions(t *testing.T) {
	type act struct{ action, who, by string }
	tests := []struct {
		name          string
		table         string
		hasWho, hasBy bool
		want          []act
		problem       string
	}{
		{"standard columns",
			"| Action | Who | By |\n| --- | --- | --- |\n| Send the plan | Jo Smith | 2026-11-30 |\n",
			true, true, []act{{"Send the plan", "Jo Smith", "2026-11-30"}}, ""},
		{"any order and case",
			"| BY | action | WHO |\n|---|---|---|\n| 10 November 2026 | Share the timetable | Mark Ellis, SENCo |\n",
			true, true, []act{{"Share the timetable", "Mark Ellis, SENCo", "10 November 2026"}}, ""},
		{"extra columns",
			"| # | Action | Notes | Who | By |\n|---|---|---|---|---|\n| 1 | Do it | none | Jo | 2026-12-01 |\n",
			true, true, []act{{"Do it", "Jo", "2026-12-01"}}, ""},
		{"alternative column names",
			"| Agreed action | Owner | Deadline |\n|---|---|---|\n| Do it | Jo | 2026-12-01 |\n",
			true, true, []act{{"Do it", "Jo", "2026-12-01"}}, ""},
		{"no Who column",
			"| Action | By |\n|---|---|\n| Do it | 2026-12-01 |\n",
			false, true, []act{{"Do it", "", "2026-12-01"}}, ""},
		{"no By column",
			"| Action | Who |\n|---|---|\n| Do it | Jo |\n",
			true, false, []act{{"Do it", "Jo", ""}}, ""},
		{"empty cells and an empty row",
			"| Action | Who | By |\n|---|---|---|\n| Do it | | |\n| | | |\n",
			true, true, []act{{"Do it", "", ""}, {"", "", ""}}, ""},
		{"short row",
			"| Action | Who | By |\n|---|---|---|\n| Do it |\n",
			true, true, []act{{"Do it", "", ""}}, ""},
		{"escaped pipes",
			"| Action | Who | By |\n|---|---|---|\n| Choose a \\| b | Jo \\| Sam | 2026-12-01 |\n",
			true, true, []act{{"Choose a | b", "Jo | Sam", "2026-12-01"}}, ""},
		{"quoted wording",
			"| Action | Who | By |\n|---|---|---|\n| Amend Section F to read: \"45 minutes of therapy, weekly\" | Jo | 2026-11-24 |\n",
			true, true, []act{{`Amend Section F to read: "45 minutes of therapy, weekly"`, "Jo", "2026-11-24"}}, ""},
		{"curly quotes and markup",
			"| Action | Who | By |\n|---|---|---|\n| Amend to read: “*weekly* 30 minutes” | **Jo** | 2026-11-24 |\n",
			true, true, []act{{"Amend to read: “weekly 30 minutes”", "Jo", "2026-11-24"}}, ""},
		{"no Action column",
			"| Task | Who |\n|---|---|\n| Do it | Jo |\n",
			false, false, nil, "the agreed actions table has no 'Action' column: use the columns Action, Who, By"},
		{"table under a sub-heading",
			"## On the day\n\n| Action | Who | By |\n|---|---|---|\n| Do it | Jo | 2026-12-01 |\n",
			true, true, []act{{"Do it", "Jo", "2026-12-01"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := validFront + "# Background\n\n| Action | Who | By |\n|---|---|---|\n| not this | x | y |\n\n# Agreed actions\n\n" + tt.table + "\n# Next steps\n\n- x\n"
			c := mustParse(t, src)
			checkCase(t, c)
			var got []act
			for _, a := range c.Actions {
				got = append(got, act{a.Action.Text, a.Who.Text, a.By.Text})
				if a.HasWho != tt.hasWho || a.HasBy != tt.hasBy {
					t.Errorf("HasWho %v HasBy %v, want %v %v", a.HasWho, a.HasBy, tt.hasWho, tt.hasBy)
				}
				// Every cell, empty or not, is on its row's line.
				row := c.Pos(a.Row.Start).Line
				for _, cell := range []Text{a.Action, a.Who, a.By} {
					if l := c.Pos(cell.Span.Start).Line; l != row {
						t.Errorf("cell %q on line %d, row on line %d", cell.Text, l, row)
					}
					if cell.Text == "" && !cell.Span.Empty() {
						t.Errorf("empty cell has span %q", c.Bytes[cell.Span.Start:cell.Span.End])
					}
				}
				if line := c.LineText(row); string(c.Bytes[a.Row.Start:a.Row.End]) != line {
					t.Errorf("row span %q, want the whole line %q", c.Bytes[a.Row.Start:a.Row.End], line)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("actions\n got %q\nwant %q", got, tt.want)
			}
			var problems []string
			for _, p := range c.Problems {
				problems = append(problems, p.Message)
			}
			if strings.Join(problems, "\n") != tt.problem {
				t.Errorf("problems %q, want %q", problems, tt.problem)
			}
		})
	}
}

// TestEmptyCellSpans checks that an empty cell sits between its pipes.
func TestEmptyCellSpans(t *testing.T) {
	src := validFront + "# Agreed actions\n\n| Action | Who | By |\n|---|---|---|\n| Do it |   | 2026-12-01 |\n"
	c := mustParse(t, src)
	a := c.Actions[0]
	line := c.Pos(a.Row.Start).Line
	if col := c.Pos(a.Who.Span.Start).Column; col < 10 || col > 13 {
		t.Errorf("empty Who cell at %d:%d, want between the pipes at columns 10 and 14", line, col)
	}
}

func TestMatchesKey(t *testing.T) {
	titles := []string{"", "a", "Agreed actions", "agreed  actions", " Agreed\tActions ", "AGREED ACTIONS",
		"Section F", "section f", "Ŵyn Ễ", "ŵyn ễ", "Zoë", "ZOË", "a\u00a0b", "İstanbul", "ǅ", "\xff x", "x \xff"}
	for _, a := range titles {
		for _, b := range titles {
			key := normaliseHeading(b)
			if got, want := matchesKey(a, key), normaliseHeading(a) == key; got != want {
				t.Errorf("matchesKey(%q, %q) = %v, want %v", a, key, got, want)
			}
		}
	}
}

func TestColumn(t *testing.T) {
	c := mustParse(t, validFront+"# Agreed actions\n\n| #  | Agreed   Action | WHO |\n|---|---|---|\n| 1 | x | y |\n")
	tb := c.Body.Find("agreed actions").Tables[0]
	for _, tt := range []struct {
		names []string
		want  int
	}{
		{[]string{"action"}, -1},
		{[]string{"action", "agreed action"}, 1},
		{[]string{"Agreed Action"}, 1},
		{[]string{"who"}, 2},
		{[]string{"#"}, 0},
		{[]string{"by"}, -1},
		{nil, -1},
	} {
		if got := tb.Column(tt.names...); got != tt.want {
			t.Errorf("Column(%q) = %d, want %d", tt.names, got, tt.want)
		}
	}
}

// TestLoneCRFile: a file saved with old Mac line endings (lone CR) reads
// exactly like the same file with LF: the front matter, the headings and
// the positions (a lone CR ends a line, as CommonMark and YAML say).
func TestLoneCRFile(t *testing.T) {
	lf := validFront + "\n# Background\n\nZoë is ten.\n\n# Requested provision\n\n- Access to therapy.\n"
	cr := strings.ReplaceAll(lf, "\n", "\r")
	a, b := mustParse(t, lf), mustParse(t, cr)
	if len(b.Problems) != 0 {
		t.Fatalf("problems in the CR file: %v", b.Problems)
	}
	if len(a.Body.Sections) != len(b.Body.Sections) {
		t.Fatalf("%d sections with LF, %d with CR", len(a.Body.Sections), len(b.Body.Sections))
	}
	for i := range a.Body.Sections {
		sa, sb := a.Body.Sections[i], b.Body.Sections[i]
		if sa.Title != sb.Title || a.Pos(sa.Span.Start) != b.Pos(sb.Span.Start) {
			t.Errorf("section %d: %q at %+v with LF, %q at %+v with CR", i, sa.Title, a.Pos(sa.Span.Start), sb.Title, b.Pos(sb.Span.Start))
		}
	}
	rp := b.Body.Find("Requested provision")
	if rp == nil || len(rp.Blocks) != 1 || rp.Blocks[0].Text.Text != "Access to therapy." {
		t.Fatalf("provision in the CR file: %+v", rp)
	}
	// A lone CR inside a paragraph is a line break in it, not text.
	mixed := mustParse(t, validFront+"\n# Background\n\nZoë is ten\rand in Year 6.\n")
	if got := mixed.Body.Find("Background").Blocks[0].Text.Text; strings.ContainsRune(got, '\r') {
		t.Errorf("a CR reached the text: %q", got)
	}
}

// TestNothingDroppedSilently: what the documents would leave out without a
// word is a body problem on its own line: a code fence never closed (it
// swallows the rest of the file), text before the first heading, and a
// second section under a heading the documents print once.
func TestNothingDroppedSilently(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"unclosed fence", "# Background\n\ntext\n\n```\ncode\n\n# Requested provision\n\n- x\n", "this code block is never closed"},
		{"unclosed tilde fence in a list", "# Evidence\n\n- report\n  ~~~\n  more\n", "this code block is never closed"},
		{"text before the first heading", "Some notes first.\n\n# Background\n\ntext\n", "comes before the first heading"},
		{"a second requested provision", "# Requested provision\n\n- a\n\n# Evidence\n\n- e\n\n# requested  Provision\n\n- b\n", "a second # Requested provision"},
		{"closed fence at the end", "# Background\n\n```\ncode\n```\n", ""},
		{"closed fence at the end, no newline", "# Background\n\n```\ncode\n```", ""},
		{"an empty fence closed", "# Background\n\n```\n```\n\ntext\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustParse(t, validFront+"\n"+tc.body)
			var got []Problem
			for _, p := range c.Problems {
				if p.Kind == BodyProblem {
					got = append(got, p)
				}
			}
			if tc.want == "" {
				if len(got) != 0 {
					t.Errorf("problems %v", got)
				}
				return
			}
			if len(got) != 1 || !strings.Contains(got[0].Message, tc.want) {
				t.Fatalf("problems %v, want one saying %q", got, tc.want)
			}
			line := c.Pos(got[0].Span.Start).Line
			if l := c.LineText(line); strings.TrimSpace(l) == "" {
				t.Errorf("reported on an empty line %d", line)
			}
		})
	}
}

func TestIsNone(t *testing.T) {
	for text, want := range map[string]bool{
		"None.": true, "- N/A": true, "Nil": true, "**None agreed**.": true, "**None agreed.**": false, "none  at\tthis time": true,
		"NONE AT THIS TIME.": true, "Not applicable": true, "no": true,
		"None at this time, but": false, "Nothing else": false, "": false, "Speech and language therapy": false,
		"  none    at    this    time   ": true, "\u212aNONE": false,
	} {
		if got := IsNone(text); got != want {
			t.Errorf("IsNone(%q) = %v, want %v", text, got, want)
		}
	}
}
