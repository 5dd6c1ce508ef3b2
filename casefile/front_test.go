package casefile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// completeFront uses every field of shared/spec/case-file.md.
const completeFront = `---
case: WCC-2026-0412            # a comment
child:
  name: Zoë Ó Súilleabháin
  date_of_birth: 2014-05-09
  transfer:
    to: secondary
    date: 2027-09-01
appellant:
  name: "Aoife Ó Súilleabháin"
  role: parent
local_authority: Westminster City Council
decision:
  type: plan-contents
  date: 2026-09-14
  sections: [B, F, H1]
mediation:
  adviser: Global Mediation
  adviser_contacted: 2026-09-30
  choice: mediate
  la_informed: 2026-10-01
  date: 2026-10-27
  mediator: 'Sam Patel'
  attendees:
    - name: Aoife Ó Súilleabháin
      role: Parent
    - name: Jo Smith
      role: SEN Team Manager
      organisation: Westminster City Council
      authority: true
certificate:
  issued: 2026-10-29
  issues_resolved: partly
author:
  name: Priya Shah
  role: SEND adviser
---

# Background

text
`

func TestFrontComplete(t *testing.T) {
	for _, variant := range []struct{ name, src string }{
		{"LF", completeFront},
		{"CRLF", strings.ReplaceAll(completeFront, "\n", "\r\n")},
		{"BOM", "\ufeff" + completeFront},
	} {
		t.Run(variant.name, func(t *testing.T) {
			c := mustParse(t, variant.src)
			checkCase(t, c)
			if len(c.Problems) > 0 {
				t.Fatalf("problems:\n%s", problemLines(c))
			}
			if !c.HasFront {
				t.Fatal("HasFront false")
			}
			f := c.Front
			day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
			// Each string value: what it is and what its span covers in the file.
			strs := []struct {
				name       string
				v          String
				want, span string
			}{
				{"case", f.Case, "WCC-2026-0412", "WCC-2026-0412"},
				{"child.name", f.Child.Name, "Zoë Ó Súilleabháin", "Zoë Ó Súilleabháin"},
				{"child.transfer.to", f.Child.Transfer.To, "secondary", "secondary"},
				{"appellant.name", f.Appellant.Name, "Aoife Ó Súilleabháin", `"Aoife Ó Súilleabháin"`},
				{"appellant.role", f.Appellant.Role, "parent", "parent"},
				{"local_authority", f.LocalAuthority, "Westminster City Council", "Westminster City Council"},
				{"decision.type", f.Decision.Type, "plan-contents", "plan-contents"},
				{"mediation.adviser", f.Mediation.Adviser, "Global Mediation", "Global Mediation"},
				{"mediation.choice", f.Mediation.Choice, "mediate", "mediate"},
				{"mediation.mediator", f.Mediation.Mediator, "Sam Patel", "'Sam Patel'"},
				{"attendees[1].name", f.Mediation.Attendees[0].Name, "Aoife Ó Súilleabháin", "Aoife Ó Súilleabháin"},
				{"attendees[1].role", f.Mediation.Attendees[0].Role, "Parent", "Parent"},
				{"attendees[2].organisation", f.Mediation.Attendees[1].Organisation, "Westminster City Council", "Westminster City Council"},
				{"certificate.issues_resolved", f.Certificate.IssuesResolved, "partly", "partly"},
				{"author.name", f.Author.Name, "Priya Shah", "Priya Shah"},
				{"author.role", f.Author.Role, "SEND adviser", "SEND adviser"},
			}
			for _, s := range strs {
				if !s.v.Set || s.v.Value != s.want {
					t.Errorf("%s = %+v, want %q", s.name, s.v, s.want)
				}
				if got := string(c.Bytes[s.v.Span.Start:s.v.Span.End]); got != s.span {
					t.Errorf("%s span %q, want %q", s.name, got, s.span)
				}
			}
			dates := []struct {
				name string
				v    Date
				want string
			}{
				{"child.date_of_birth", f.Child.DateOfBirth, "2014-05-09"},
				{"child.transfer.date", f.Child.Transfer.Date, "2027-09-01"},
				{"decision.date", f.Decision.Date, "2026-09-14"},
				{"mediation.adviser_contacted", f.Mediation.AdviserContacted, "2026-09-30"},
				{"mediation.la_informed", f.Mediation.LAInformed, "2026-10-01"},
				{"mediation.date", f.Mediation.Date, "2026-10-27"},
				{"certificate.issued", f.Certificate.Issued, "2026-10-29"},
			}
			for _, d := range dates {
				if !d.v.Set || !d.v.Time.Equal(day(d.want)) || d.v.Time.Location() != time.UTC {
					t.Errorf("%s = %+v, want %s UTC", d.name, d.v, d.want)
				}
				if got := string(c.Bytes[d.v.Span.Start:d.v.Span.End]); got != d.want {
					t.Errorf("%s span %q", d.name, got)
				}
			}
			if got := strings.Join(f.Decision.SectionList(), ","); got != "B,F,H1" {
				t.Errorf("sections = %s", got)
			}
			for _, s := range f.Decision.Sections {
				if got := string(c.Bytes[s.Span.Start:s.Span.End]); got != s.Value {
					t.Errorf("section span %q, value %q", got, s.Value)
				}
			}
			if n := len(f.Mediation.Attendees); n != 2 {
				t.Fatalf("%d attendees", n)
			}
			if a := f.Mediation.Attendees[0]; a.Authority.Set {
				t.Errorf("attendee 1 authority set: %+v", a.Authority)
			}
			if a := f.Mediation.Attendees[1]; !a.Authority.Set || !a.Authority.Value || string(c.Bytes[a.Authority.Span.Start:a.Authority.Span.End]) != "true" {
				t.Errorf("attendee 2 authority = %+v", a.Authority)
			}
			if got := string(c.Bytes[f.Span.Start:f.Span.End]); !strings.HasPrefix(got, "---") || !strings.HasSuffix(got, "---") || strings.Count(got, "---") != 2 {
				t.Errorf("front span %q", got)
			}
			if bg := c.Body.Find("background"); bg == nil || bg.Blocks[0].Text.Text != "text" {
				t.Errorf("body after the front matter not parsed")
			}
			// Line numbers of values are file lines.
			if l := c.Pos(f.Decision.Date.Span.Start).Line; l != 15 {
				t.Errorf("decision.date on line %d, want 15", l)
			}
		})
	}
}

// frontWith returns completeFront with old replaced by new (once; old must
// be there).
func frontWith(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(completeFront, old) {
		t.Fatalf("completeFront has no %q", old)
	}
	return strings.Replace(completeFront, old, new, 1)
}

// TestFrontProblems: each kind of problem gives exactly one Problem, on the
// line that contains `at`, with a message containing `msg`.
func TestFrontProblems(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		at       string // the problem is on the first line containing this
		msg      string
		suggest  string
	}{
		// Missing required fields: on the parent's key, or the opening --- for top-level fields.
		{"missing case", "case: WCC-2026-0412            # a comment\n", "", "---", "missing required field case", "add case"},
		{"missing child", "child:\n  name: Zoë Ó Súilleabháin\n  date_of_birth: 2014-05-09\n  transfer:\n    to: secondary\n    date: 2027-09-01\n", "", "---", "missing required field child", ""},
		{"missing child.name", "  name: Zoë Ó Súilleabháin\n", "", "child:", "missing required field child.name", "add child.name"},
		{"missing appellant.name", "  name: \"Aoife Ó Súilleabháin\"\n", "", "appellant:", "missing required field appellant.name", ""},
		{"missing appellant.role", "  role: parent\n", "", "appellant:", "missing required field appellant.role", ""},
		{"missing local_authority", "local_authority: Westminster City Council\n", "", "---", "missing required field local_authority", ""},
		{"missing decision.type", "  type: plan-contents\n", "", "decision:", "missing required field decision.type", ""},
		{"missing decision.date", "  date: 2026-09-14\n", "", "decision:", "missing required field decision.date", ""},
		{"missing transfer.date", "    date: 2027-09-01\n", "", "transfer:", "missing required field child.transfer.date", ""},
		{"missing attendee role", "      role: Parent\n", "", "- name: Aoife", "missing required field mediation.attendees[1].role", ""},
		{"empty required value", "local_authority: Westminster City Council", "local_authority:", "local_authority:", "local_authority is empty: it is required", ""},
		{"empty required mapping", "appellant:\n  name: \"Aoife Ó Súilleabháin\"\n  role: parent\n", "appellant:\n", "appellant:", "appellant is empty: it needs appellant.name, appellant.role", ""},

		// Unknown keys, with and without a near miss.
		{"date_of_brith", "date_of_birth:", "date_of_brith:", "date_of_brith", "unknown field child.date_of_brith: did you mean 'date_of_birth'?", "date_of_birth"},
		{"sectons", "sections:", "sectons:", "sectons", "unknown field decision.sectons: did you mean 'sections'?", "sections"},
		{"mediaton", "mediation:", "mediaton:", "mediaton", "unknown field mediaton: did you mean 'mediation'?", "mediation"},
		{"Case capitalised", "case: WCC", "Case: WCC", "Case:", "unknown field Case: did you mean 'case'?", "case"},
		{"unknown, nothing near", "author:\n", "colour: blue\nauthor:\n", "colour", "unknown field colour (known fields: case, child, appellant, local_authority, decision, mediation, certificate, author, position_statement)", ""},

		// Wrong enumerated values.
		{"role: guardian", "role: parent", "role: guardian", "role: guardian", `appellant.role is "guardian"; it must be one of: parent, young-person`, ""},
		{"type: plan_contents", "type: plan-contents", "type: plan_contents", "type: plan_contents", `decision.type is "plan_contents"; it must be one of: refuse-assessment, refuse-plan, plan-contents, refuse-reassessment, refuse-amendment, cease-plan (did you mean 'plan-contents'?)`, "plan-contents"},
		{"choice: mediated", "choice: mediate", "choice: mediated", "choice:", `mediation.choice is "mediated"`, "mediate"},
		{"transfer.to: college", "to: secondary", "to: college", "to: college", `child.transfer.to is "college"`, ""},
		{"issues_resolved: some", "issues_resolved: partly", "issues_resolved: some", "issues_resolved", `certificate.issues_resolved is "some"`, ""},
		{"section X", "sections: [B, F, H1]", "sections: [B, X]", "sections:", `decision.sections: "X" is not an EHC plan section`, ""},
		{"section H", "sections: [B, F, H1]", "sections: [H]", "sections:", `decision.sections: "H" is not an EHC plan section`, "H1 or H2"},

		// Wrong types.
		{"child as a string", "child:\n  name: Zoë Ó Súilleabháin\n  date_of_birth: 2014-05-09\n  transfer:\n    to: secondary\n    date: 2027-09-01\n", "child: Zoë\n", "child: Zoë", "child should be a mapping of fields, not a single value", ""},
		{"sections as a mapping", "sections: [B, F, H1]", "sections:\n    B: yes", "sections:", "decision.sections should be a list such as [B, F], not a mapping", ""},
		{"attendees as a string", "  attendees:\n    - name: Aoife Ó Súilleabháin\n      role: Parent\n    - name: Jo Smith\n      role: SEN Team Manager\n      organisation: Westminster City Council\n      authority: true\n", "  attendees: Jo Smith\n", "attendees:", "mediation.attendees should be a list of people (- name: ... role: ...), not a single value", ""},
		{"authority: maybe", "authority: true", "authority: maybe", "authority: maybe", `mediation.attendees[2].authority is "maybe"; it must be true or false`, ""},
		{"name as a list", "  name: Priya Shah", "  name: [Priya, Shah]", "name: [Priya", "author.name should be a single value, not a list", ""},
		{"case as a mapping", "case: WCC-2026-0412            # a comment\n", "case:\n  ref: x\n", "case:", "case should be a single value, not a mapping", ""},

		// Impossible dates.
		{"2026-02-30", "date: 2026-09-14", "date: 2026-02-30", "date: 2026-02-30", `decision.date: "2026-02-30" is not a real date: February 2026 has 28 days`, "write it as YYYY-MM-DD, for example 2026-09-14"},
		{"2026-13-01", "date: 2026-09-14", "date: 2026-13-01", "date: 2026-13-01", `decision.date: "2026-13-01" has no month 13`, ""},
		{"14/09/2026", "date: 2026-09-14", "date: 14/09/2026", "date: 14/09/2026", `decision.date: "14/09/2026" is not a date in the form YYYY-MM-DD`, ""},
		{"2026-9-14", "issued: 2026-10-29", "issued: 2026-9-14", "issued:", `certificate.issued: "2026-9-14" is not a date in the form YYYY-MM-DD`, ""},
		{"quoted impossible date", "date_of_birth: 2014-05-09", "date_of_birth: '2015-02-29'", "date_of_birth:", `child.date_of_birth: "2015-02-29" is not a real date: February 2015 has 28 days`, ""},
		// 0001-01-01 is the zero time: read as a date it would pass as "not known" silently.
		{"placeholder 0001-01-01", "date: 2026-09-14", "date: 0001-01-01", "date: 0001-01-01", "decision.date: 0001-01-01 is a placeholder, not a real date", "leave the field out"},
		{"year 1066", "issued: 2026-10-29", "issued: 1066-10-14", "issued:", "certificate.issued: 1066-10-14 is a placeholder", ""},

		// Case reference.
		{"case ../etc", "case: WCC-2026-0412", "case: ../etc", "case:", `case reference "../etc" may contain only letters, digits, '-' and '_'`, ""},
		{"case with a space", "case: WCC-2026-0412", "case: WCC 2026", "case:", `case reference "WCC 2026"`, ""},

		// Duplicate keys.
		{"duplicate top-level key", "local_authority: Westminster City Council\n", "local_authority: Westminster City Council\nlocal_authority: Camden\n", "local_authority: Camden", "local_authority is given twice (first on line 12)", "remove one of them"},
		{"duplicate nested key", "  role: parent\n", "  role: parent\n  role: young-person\n", "role: young-person", "appellant.role is given twice (first on line 11)", ""},

		// YAML syntax errors: on the line at fault.
		{"bad indentation (too deep)", "  date_of_birth: 2014-05-09", "   date_of_birth: 2014-05-09", "date_of_birth", "front matter is not valid YAML: this line is indented under a field", "line it up with the fields around it"},
		{"bad indentation (too shallow)", "    to: secondary\n    date: 2027-09-01\n", "    to: secondary\n   date: 2027-09-01\n", "date: 2027-09-01", "front matter is not valid YAML", ""},
		{"tab indentation", "  role: parent\n", "\trole: parent\n", "\trole: parent", "front matter is not valid YAML: this line is indented with a tab; YAML needs spaces", ""},
		{"unclosed double quote", `  name: "Aoife Ó Súilleabháin"`, `  name: "Aoife Ó Súilleabháin`, "name: \"Aoife", "front matter is not valid YAML: a quote on this line is not closed", ""},
		{"unclosed single quote", `mediator: 'Sam Patel'`, `mediator: 'Sam Patel`, "mediator:", "a quote on this line is not closed", ""},
		{"unclosed flow list", "sections: [B, F, H1]", "sections: [B, F, H1", "sections:", "front matter is not valid YAML: a list written between [ and ] is not closed", "close the list with ']'"},

		// YAML errors say what to do, not what the parser was doing.
		{"': ' in a value", "  role: SEN Team Manager", "  role: SEN Team Manager: Westminster", "role: SEN Team Manager:", "the value of role contains ': ', which YAML reads as the start of another field; put the whole value in double quotes (YAML: mapping values are not allowed in this context)", `role: "SEN Team Manager: Westminster"`},
		{"text after a closing quote", `mediator: 'Sam Patel'`, `mediator: 'Sam' Patel`, "mediator:", "the value of mediator has text after its closing quote", `mediator: "Sam Patel"`},
		{"value starting with @", "  adviser: Global Mediation", "  adviser: @GlobalMediation", "adviser:", "the value of adviser starts with '@', which YAML does not allow at the start of a value", `adviser: "@GlobalMediation"`},
		{"value starting with a backtick", "  adviser: Global Mediation", "  adviser: `Global`", "adviser:", "starts with '`'", "adviser: \"`Global`\""},
		{"alias with no anchor", "local_authority: Westminster City Council", "local_authority: *Westminster", "local_authority:", "the value of local_authority starts with '*', which YAML reads as a reference to another value", `local_authority: "*Westminster"`},
		{"backslash in double quotes", `  name: "Aoife Ó Súilleabháin"`, `  name: "Aoife\O Súilleabháin"`, "name: \"Aoife", "is in double quotes and contains a backslash", `name: 'Aoife\O Súilleabháin'`},

		// What YAML would read as something other than the text: the field, and the fix.
		{"a tag", "  name: Priya Shah", "  name: !Priya Shah", "name: !Priya", `author.name: YAML reads '!Priya' as a type tag, not as text, and would keep only "Shah": quote the name`, `name: "!Priya Shah"`},
		{"an anchor", "  name: Zoë Ó Súilleabháin\n", "  name: &Zoe Ó Súilleabháin\n", "name: &Zoe", `child.name: YAML reads '&Zoe' as a label (an anchor), not as text, and would keep only "Ó Súilleabháin": quote the name`, `name: "&Zoe Ó Súilleabháin"`},
		{"an anchor YAML cannot read", "  name: Zoë Ó Súilleabháin\n", "  name: &Zoë Ó Súilleabháin\n", "name: &Zoë", "the value of name starts with '&', which has a meaning in YAML; put the whole value in double quotes", `name: "&Zoë Ó Súilleabháin"`},
		{"!!binary", "  name: Priya Shah", "  name: !!binary UHJpeWE=", "name: !!binary", "author.name: YAML reads '!!binary' as a type tag, not as text, and would decode the value from base64: write the name without it", `name: "UHJpeWE="`},
		{"!!str", "  name: Priya Shah", "  name: !!str 123", "name: !!str", "author.name: YAML reads '!!str' as a type tag", `name: "123"`},
		{"a tag after a comment-free key", "  issued: 2026-10-29", "  issued: !date 2026-10-29", "issued: !date", "certificate.issued: YAML reads '!date' as a type tag", ""},
		{"a tagged mapping", "certificate:\n", "certificate: !cert\n", "certificate: !cert", "certificate: YAML reads '!cert' as a type tag; a case file does not use them", "delete '!cert'"},
		{"an anchored list item", "    - name: Jo Smith", "    - &jo\n      name: Jo Smith", "- &jo", "mediation.attendees[2]: YAML reads '&jo' as a label (an anchor)", ""},
		{"list item in a mapping", "  role: parent\n", "  role: parent\n  - extra\n", "- extra", "front matter is not valid YAML", ""},

		// Fields that contradict each other.
		{"decline with a meeting date", "choice: mediate", "choice: decline", "date: 2026-10-27", "mediation.date is set but mediation.choice is decline", "remove mediation.date"},
		// A certificate must say what it certifies: never guessed as "declined" (legal-review.md E3).
		{"certificate with no choice, date or outcome", "  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\n  mediator: 'Sam Patel'\n  attendees:\n    - name: Aoife Ó Súilleabháin\n      role: Parent\n    - name: Jo Smith\n      role: SEN Team Manager\n      organisation: Westminster City Council\n      authority: true\ncertificate:\n  issued: 2026-10-29\n  issues_resolved: partly\n",
			"certificate:\n  issued: 2026-10-29\n",
			"issued: 2026-10-29", "certificate.issued is set but the case does not say what the certificate certifies", "mediation.choice"},

		// Alternatives that are accepted: no problem expected (msg "").
		{"repeated section", "sections: [B, F, H1]", "sections: [B, F, f]", "", "", ""},
		{"enum in another case", "role: parent", "role: Parent", "", "", ""},
		{"section as a word", "sections: [B, F, H1]", "sections: [Section F, b]", "", "", ""},
		{"single section as a scalar", "sections: [B, F, H1]", "sections: F", "", "", ""},
		{"authority: yes", "authority: true", "authority: yes", "", "", ""},
		{"empty optional block", "certificate:\n  issued: 2026-10-29\n  issues_resolved: partly\n", "certificate:\n", "", "", ""},
		{"closing with ...", "---\n\n# Background", "...\n\n# Background", "", "", ""},
		{"position statement date", "author:\n", "position_statement:\n  date: 2026-10-20\nauthor:\n", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := frontWith(t, tt.old, tt.new)
			c := mustParse(t, src)
			checkCase(t, c)
			if tt.msg == "" {
				if len(c.Problems) != 0 {
					t.Errorf("want no problems, got:\n%s", problemLines(c))
				}
				return
			}
			if len(c.Problems) != 1 {
				t.Fatalf("want exactly one problem, got %d:\n%s", len(c.Problems), problemLines(c))
			}
			p := c.Problems[0]
			if !strings.Contains(p.Message, tt.msg) {
				t.Errorf("message %q, want it to contain %q", p.Message, tt.msg)
			}
			if tt.suggest != "" && !strings.Contains(p.Suggestion, tt.suggest) {
				t.Errorf("suggestion %q, want %q", p.Suggestion, tt.suggest)
			}
			wantLine := 0
			for i, l := range strings.Split(src, "\n") {
				if strings.Contains(l, tt.at) {
					wantLine = i + 1
					break
				}
			}
			if got := c.Pos(p.Span.Start).Line; got != wantLine {
				t.Errorf("problem on line %d, want %d (%q):\n%s", got, wantLine, tt.at, problemLines(c))
			}
			if c.Pos(p.Span.End).Line != c.Pos(p.Span.Start).Line && !strings.HasPrefix(p.Message, "the front matter is empty") {
				t.Errorf("problem span %q spans lines", c.Bytes[p.Span.Start:p.Span.End])
			}
		})
	}
}

// TestManyProblems: several problems in one file are all reported, one
// each, in file order.
func TestManyProblems(t *testing.T) {
	src := `---
case: ../etc
child:
  name: Sam
  date_of_brith: 2014-01-01
appellant:
  name: Alex
  role: guardian
decision:
  type: plan_contents
  date: 2026-02-30
  sectons: [F]
mediaton:
  date: 2026-10-01
---
`
	c := mustParse(t, src)
	checkCase(t, c)
	want := []struct {
		line int
		msg  string
	}{
		{1, "missing required field local_authority"},
		{2, "case reference"},
		{5, "did you mean 'date_of_birth'"},
		{8, `appellant.role is "guardian"`},
		{10, "did you mean 'plan-contents'"},
		{11, "is not a real date"},
		{12, "did you mean 'sections'"},
		{13, "did you mean 'mediation'"},
	}
	if len(c.Problems) != len(want) {
		t.Fatalf("%d problems, want %d:\n%s", len(c.Problems), len(want), problemLines(c))
	}
	for i, w := range want {
		p := c.Problems[i]
		if l := c.Pos(p.Span.Start).Line; l != w.line || !strings.Contains(p.Message, w.msg) {
			t.Errorf("problem %d: line %d %q, want line %d %q", i, l, p.Message, w.line, w.msg)
		}
	}
}

func TestFrontBlock(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		hasFront bool
		problem  string // "" for none; else "line:col: message prefix"
	}{
		{"no front matter", "# Background\n\ntext\n", false, "1:1: no front matter"},
		{"no front matter, BOM", "\ufeff# Background\n", false, "1:1: no front matter"},
		{"empty file", "", false, "1:1: no front matter"},
		{"front matter not at the top", "\n---\ncase: x\n---\n", false, "1:1: no front matter"},
		{"unclosed", "---\ncase: T-1\nchild:\n  name: Sam\n\n# Background\n", false, "1:1: the front matter is not closed"},
		{"only an opening line", "---", false, "1:1: the front matter is not closed"},
		{"only an opening line and newline", "---\n", false, "1:1: the front matter is not closed"},
		{"empty", "---\n---\n# Background\n", true, "1:1: the front matter is empty"},
		{"only comments", "---\n# a comment\n\n---\n", true, "1:1: the front matter is empty"},
		{"only a YAML document marker", "---\n\r---\n---\n", true, "1:1: the front matter is empty"},
		{"an explicit null", "---\n~\n---\n", true, "1:1: the front matter is empty"},
		{"closing line at EOF without newline", validFront[:len(validFront)-1], true, ""},
		{"trailing spaces on fences", strings.Replace(strings.Replace(validFront, "---\n", "---  \n", 1), "\n---\n", "\n--- \t\n", 1), true, ""},
		{"CRLF fences", strings.ReplaceAll(validFront, "\n", "\r\n"), true, ""},
		{"a scalar", "---\njust words\n---\n", true, "2:1: the front matter should be fields written 'key: value', not a single value"},
		{"a list", "---\n- a\n- b\n---\n", true, "2:1: the front matter should be fields written 'key: value', not a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, tt.src)
			checkCase(t, c)
			if c.HasFront != tt.hasFront {
				t.Errorf("HasFront = %v, want %v", c.HasFront, tt.hasFront)
			}
			got := problemLines(c)
			if tt.problem == "" {
				if got != "" {
					t.Errorf("want no problems, got:\n%s", got)
				}
				return
			}
			if strings.Count(got, "\n")-strings.Count(got, "\tsuggestion") != 1 || !strings.HasPrefix(got, tt.problem) {
				t.Errorf("problems:\n%s\nwant exactly one starting %q", got, tt.problem)
			}
		})
	}
	// Without a front matter, the whole file is the body.
	c := mustParse(t, "# Background\n\ntext\n")
	if c.Body.Find("background") == nil {
		t.Error("body not parsed without a front matter")
	}
}

// TestProblemsGolden runs every testdata/problems/*.md file and compares
// its problems, one "line:col: message" each, with the .golden file beside
// it. Regenerate with go test ./casefile -update.
func TestProblemsGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/problems/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c := mustParse(t, string(src))
			checkCase(t, c)
			got := problemLines(c)
			golden := strings.TrimSuffix(f, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./casefile -update)", err)
			}
			if got != string(want) {
				t.Errorf("problems differ from %s:\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}

func TestHardErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       []byte
		line, col int
		msg       string
	}{
		{"invalid UTF-8", []byte("---\ncase: x\n---\nZoë \xff here\n"), 4, 5, "invalid UTF-8 (byte 0xff)"},
		{"invalid UTF-8 after an astral character", []byte("😀\xc3("), 1, 2, "invalid UTF-8 (byte 0xc3)"},
		{"invalid UTF-8, BOM", []byte("\ufeffab\xfe"), 1, 3, "invalid UTF-8 (byte 0xfe)"},
		{"truncated sequence at EOF", []byte("ok\nabc\xe2\x82"), 2, 4, "invalid UTF-8 (byte 0xe2)"},
		{"Latin-1 file", []byte("caf\xe9\n"), 1, 4, "invalid UTF-8 (byte 0xe9)"},
		{"NUL byte", []byte("---\ncase: x\x00\n"), 2, 8, "NUL byte"},
		{"UTF-16 file", []byte("\xff\xfe-\x00-\x00"), 1, 4, "NUL byte"},
		{"too large", []byte(strings.Repeat("a", MaxSize+1)), 0, 0, "larger than the"},
		// Trojan source (CVE-2021-42574): the editor shows "1000", the PDF "0001".
		{"right-to-left override in the body", []byte("---\ncase: x\n---\nHours: \u202e0001\u202c a week\n"), 4, 8, "U+202E (RIGHT-TO-LEFT OVERRIDE)"},
		{"isolate in the front matter", []byte("---\ncase: x\nchild:\n  name: Zoë \u2067Smith\u2069\n"), 4, 13, "U+2067 (RIGHT-TO-LEFT ISOLATE)"},
		{"embedding", []byte("\u202aab"), 1, 1, "U+202A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("f.md", tt.src)
			if err == nil {
				t.Fatalf("no error; case %v", c != nil)
			}
			if c != nil {
				t.Error("a case as well as an error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not a *Error", err, err)
			}
			if !errors.Is(err, ErrNotCaseFile) {
				t.Errorf("errors.Is(%v, ErrNotCaseFile) is false", err)
			}
			if e.Path != "f.md" || e.Line != tt.line || e.Column != tt.col || !strings.Contains(e.Message, tt.msg) {
				t.Errorf("error %+v, want line %d col %d message containing %q", e, tt.line, tt.col, tt.msg)
			}
			if tt.line > 0 && !strings.HasPrefix(err.Error(), "f.md:") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
	// Exactly MaxSize is allowed.
	if _, err := Parse("f.md", []byte(strings.Repeat("a", MaxSize))); err != nil {
		t.Errorf("MaxSize bytes: %v", err)
	}
}

func TestParseISODate(t *testing.T) {
	tests := []struct {
		in, want, msg string
	}{
		{"2026-09-14", "2026-09-14", ""},
		{"2024-02-29", "2024-02-29", ""},
		{"2000-02-29", "2000-02-29", ""},
		{"1900-02-29", "", "February 1900 has 28 days"},
		{"2026-02-30", "", "February 2026 has 28 days"},
		{"2026-04-31", "", "April 2026 has 30 days"},
		{"2026-13-01", "", "has no month 13"},
		{"2026-00-10", "", "has no month 0"},
		{"2026-01-00", "", "January 2026 has 31 days"},
		{"14/09/2026", "", "not a date in the form YYYY-MM-DD"},
		{"2026-9-14", "", "not a date in the form YYYY-MM-DD"},
		{"+026-01-01", "", "not a date in the form YYYY-MM-DD"},
		{"2026-0x-01", "", "not a date in the form YYYY-MM-DD"},
		{"2026-01-1 ", "", "not a date in the form YYYY-MM-DD"},
		{"", "", "not a date in the form YYYY-MM-DD"},
		{"٢٠٢٦-٠٩-١٤", "", "not a date in the form YYYY-MM-DD"},
	}
	for _, tt := range tests {
		got, msg := ParseISODate(tt.in)
		if tt.msg != "" {
			if !strings.Contains(msg, tt.msg) || !got.IsZero() {
				t.Errorf("ParseISODate(%q) = %v, %q; want message containing %q", tt.in, got, msg, tt.msg)
			}
			continue
		}
		if msg != "" || got.Format("2006-01-02") != tt.want || got.Location() != time.UTC {
			t.Errorf("ParseISODate(%q) = %v, %q", tt.in, got, msg)
		}
	}
}

// TestSamples: the checked-in samples parse without problems.
func TestSamples(t *testing.T) {
	files, _ := filepath.Glob("testdata/seeds/*.md")
	if len(files) == 0 {
		t.Fatal("no samples in testdata/seeds")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c := mustParse(t, string(src))
			checkCase(t, c)
			if len(c.Problems) > 0 {
				t.Errorf("problems:\n%s", problemLines(c))
			}
		})
	}
}

// TestValueSpans: a value's span covers it as written: quotes, escapes and
// tags included, comments excluded.
func TestValueSpans(t *testing.T) {
	tests := []struct {
		name, yaml, value, span string
	}{
		{"plain with comment", "name: Zoë # a comment", "Zoë", "Zoë"},
		{"double quoted with escape", `name: "Zo\"ë" # c`, `Zo"ë`, `"Zo\"ë"`},
		{"single quoted with doubled quote", `name: 'it''s' # c`, "it's", `'it''s'`},
		{"flow mapping", "{name: Sam, date_of_birth: 2014-01-01}", "Sam", "Sam"},
		{"folded over two lines", "name: Zoë\n    Byrne", "Zoë Byrne", "Zoë"},
		{"after a tab in the value", "name:\tSam", "Sam", "Sam"},
		{"wide characters before", "name: 😀 Zoë", "😀 Zoë", "😀 Zoë"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			child := "child:\n  " + tt.yaml + "\n"
			if strings.HasPrefix(tt.yaml, "{") {
				child = "child: " + tt.yaml + "\n"
			}
			src := "---\ncase: T-1\n" + child + "appellant:\n  name: A\n  role: parent\nlocal_authority: C\ndecision:\n  type: refuse-plan\n  date: 2026-01-01\n---\n"
			c := mustParse(t, src)
			checkCase(t, c)
			if len(c.Problems) > 0 {
				t.Fatalf("problems:\n%s", problemLines(c))
			}
			n := c.Front.Child.Name
			if n.Value != tt.value {
				t.Errorf("value %q, want %q", n.Value, tt.value)
			}
			if got := string(c.Bytes[n.Span.Start:n.Span.End]); got != tt.span {
				t.Errorf("span %q, want %q", got, tt.span)
			}
		})
	}
}

// TestLimits: inputs built to make the parsers take minutes are refused
// at once, with the line, before the expensive work starts; inputs a real
// case file might hold are not.
func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		line int
		want string // "" accepted
	}{
		{"100,000 nested list markers", strings.Repeat("- ", 100000) + "x\n", 4, "nests lists or quotes 100000 deep"},
		{"nested quotes", strings.Repeat("> ", 65) + "x\n", 4, "65 deep"},
		{"ordered markers", strings.Repeat("1. ", 65) + "x\n", 4, "65 deep"},
		{"64 levels are read", strings.Repeat("- ", 64) + "x\n", 0, ""},
		{"60,000 link openers", strings.Repeat("[a](", 60000) + "\n", 4, "more than 1000 links"},
		{"link openers over many lines of one paragraph", strings.Repeat("[a](b\n", 1001), 4, "more than 1000 links"},
		{"links in separate paragraphs", strings.Repeat("[a](b)\n\n", 1500), 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "---\ncase: x\n---\n" + tc.body
			start := time.Now()
			_, err := Parse("f.md", []byte(src))
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			var e *Error
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && (!errors.As(err, &e) || e.Line != tc.line || !strings.Contains(e.Message, tc.want)):
				t.Errorf("error %v, want line %d saying %q", err, tc.line, tc.want)
			}
		})
	}
}

// TestLongFlowListLinear: a flow list of 40,000 sections on one line once
// took 9 s (every item's position was counted from the start of the line).
func TestLongFlowListLinear(t *testing.T) {
	src := strings.Replace(validFront, "sections: [F]", "sections: ["+strings.TrimSuffix(strings.Repeat("F, ", 40000), ", ")+"]", 1)
	if src == validFront {
		t.Fatal("fixture edit did not apply")
	}
	start := time.Now()
	c, err := Parse("f.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("40,000 sections took %v", d)
	}
	if got := c.Front.Decision.SectionList(); len(got) != 1 || got[0] != "F" {
		t.Errorf("sections %v", got)
	}
}

// TestYAMLErrorLineInLongFrontMatter: a YAML error in a front matter of
// hundreds of lines is reported on its own line (it was one line early
// past 400 lines, where the library's line was taken as it is).
func TestYAMLErrorLineInLongFrontMatter(t *testing.T) {
	for _, n := range []int{3, 150, 1000} {
		var b strings.Builder
		b.WriteString("---\ncase: Y-1\nmediation:\n  attendees:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "    - name: Person %d\n      role: Officer\n", i)
		}
		for _, bad := range []string{" bad: x\n", "\tmediator: Sam\n", "  mediator: Sam: Patel\n"} {
			src := b.String() + "  mediator: Sam Patel\n" + bad + "---\n"
			want := strings.Count(src, "\n") - 1 // the line before the closing fence
			c := mustParse(t, src)
			found := false
			for _, p := range c.Problems {
				if strings.Contains(p.Message, "not valid YAML") {
					found = true
					if got := c.Pos(p.Span.Start).Line; got != want {
						t.Errorf("%d attendees, %q: reported on line %d, want %d", n, bad, got, want)
					}
				}
			}
			if !found {
				t.Errorf("%d attendees, %q: no YAML error", n, bad)
			}
		}
	}
}
