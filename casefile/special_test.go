package casefile

import (
	"strings"
	"testing"
)

// TestNothingReadSilently: front matter that YAML would read as something
// other than what is written (a second document, a reference, a label) is
// reported where it is written, with the fix, and nothing after it is lost.
func TestNothingReadSilently(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // problemLines
		// check inspects the decoded case: nothing after the problem lost.
		check func(t *testing.T, c *Case)
	}{
		{
			name: "a second document",
			src:  "---\ncase: T-1\nchild:\n  name: Sam\n---\ncertificate:\n  issued: 2026-10-29\n---\n\n# Background\n\ntext\n",
			want: "1:1: missing required field appellant\n\tsuggestion: add appellant\n" +
				"1:1: missing required field local_authority\n\tsuggestion: add local_authority\n" +
				"1:1: missing required field decision\n\tsuggestion: add decision\n" +
				"5:1: '---' starts a second YAML document inside the front matter: YAML would ignore everything after it (the front matter goes on to line 8); delete this line\n" +
				"\tsuggestion: keep one '---' line above the fields and one below them\n" +
				// Read, the certificate is judged like any other: it must say what it certifies.
				"7:11: certificate.issued is set but the case does not say what the certificate certifies: that the family declined mediation, took part in it, or that it could not be arranged\n" +
				"\tsuggestion: add mediation.choice: decline, or mediation.choice: mediate (with mediation.date once it is held)\n",
			check: func(t *testing.T, c *Case) {
				if c.Front.Certificate == nil || !c.Front.Certificate.Issued.Set {
					t.Error("the certificate after the second '---' was dropped")
				}
				if c.Body.Find("Background") == nil {
					t.Error("the body was not found after the real closing fence")
				}
			},
		},
		{
			name: "a '...' end marker",
			src:  strings.Replace(validFront, "decision:\n", "...\n\ndecision:\n", 1),
			want: "9:1: '...' ends the YAML document inside the front matter: YAML would ignore everything after it (the front matter goes on to line 15); delete this line\n" +
				"\tsuggestion: keep one '---' line above the fields and one below them\n",
			check: func(t *testing.T, c *Case) {
				if !c.Front.Decision.Date.Set {
					t.Error("decision after '...' was dropped")
				}
			},
		},
		{
			name: "'--- text' inside the front matter",
			src:  strings.Replace(validFront, "local_authority: Test Council\n", "--- local_authority: Test Council\n", 1),
			want: "1:1: missing required field local_authority\n\tsuggestion: add local_authority\n" +
				"8:1: '---' starts a second YAML document inside the front matter: YAML would ignore everything after it; delete the '---' at the start of this line\n" +
				"\tsuggestion: keep one '---' line above the fields and one below them\n",
			check: func(t *testing.T, c *Case) {
				if !c.Front.Decision.Date.Set {
					t.Error("the fields after '--- text' were dropped")
				}
			},
		},
		{
			name: "an anchor and its alias",
			src:  strings.Replace(strings.Replace(validFront, "  name: Sam Test\n", "  name: &n Sam Test\n", 1), "  name: Alex Test\n", "  name: *n\n", 1),
			want: "4:9: child.name: YAML reads '&n' as a label (an anchor), not as text, and would keep only \"Sam Test\": quote the name\n" +
				"\tsuggestion: name: \"&n Sam Test\"\n" +
				"6:9: appellant.name: YAML reads '*n' as a reference to another value (an alias), not as text: quote the name\n" +
				"\tsuggestion: name: \"*n\"\n",
		},
		{
			// A body that merely starts with a thematic break is not front matter.
			name: "a body rule after the front matter",
			src:  validFront + "\n---\n\n# Background\n\ntext\n",
			want: "",
		},
		{
			name: "a body paragraph that looks like a field",
			src:  validFront + "Decision: the council refused.\n\n---\n",
			// Not front matter; but before any heading, so no document prints it.
			want: "14:1: [body] this text comes before the first heading, so no document prints it\n" +
				"\tsuggestion: put it under the heading it belongs to, such as # Background\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, tt.src)
			checkCase(t, c)
			if got := problemLines(c); got != tt.want {
				t.Errorf("problems:\n%s\nwant:\n%s", got, tt.want)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

// TestPlaceholders: a placeholder is the one problem reported for its value,
// wherever it is, quoted or not; in a comment it is not printed and not a
// problem.
func TestPlaceholders(t *testing.T) {
	src := `---
case: "[[case reference]]"
child:
  name: "[[child's full name]]"
  date_of_birth: [[date of birth, YYYY-MM-DD]]
appellant:
  name: '[[your full name]]'
  role: "[[parent or young-person]]"
local_authority: Test Council
decision:
  type: plan-contents
  date: "[[date of the decision letter, YYYY-MM-DD]]"
  sections: [[sections in dispute]]
mediation:
  attendees:
    - name: "[[name]]"
      role: Parent
      authority: "[[true or false]]"
---

# Background

<!-- Write [[what happened]] here. -->
[[What happened, in your own words.]]

# Requested provision

## Section F

- [[The first provision]], delivered weekly.

# Agreed actions

| Action | Who | By |
| --- | --- | --- |
| [[action]] | [[who]] | [[YYYY-MM-DD]] |
`
	c := mustParse(t, src)
	checkCase(t, c)
	want := `2:7: [placeholder] case: fill in the placeholder [[case reference]]
	suggestion: replace it, brackets included, with the real text
4:9: [placeholder] child.name: fill in the placeholder [[child's full name]]
	suggestion: replace it, brackets included, with the real text
5:18: [placeholder] child.date_of_birth: fill in the placeholder [[date of birth, YYYY-MM-DD]]
	suggestion: replace it, brackets included, with the real text
7:9: [placeholder] appellant.name: fill in the placeholder [[your full name]]
	suggestion: replace it, brackets included, with the real text
8:9: [placeholder] appellant.role: fill in the placeholder [[parent or young-person]]
	suggestion: replace it, brackets included, with the real text
12:9: [placeholder] decision.date: fill in the placeholder [[date of the decision letter, YYYY-MM-DD]]
	suggestion: replace it, brackets included, with the real text
13:13: [placeholder] decision.sections: fill in the placeholder [[sections in dispute]]
	suggestion: replace it, brackets included, with the real text
16:13: [placeholder] mediation.attendees[1].name: fill in the placeholder [[name]]
	suggestion: replace it, brackets included, with the real text
18:18: [placeholder] mediation.attendees[1].authority: fill in the placeholder [[true or false]]
	suggestion: replace it, brackets included, with the real text
24:1: [placeholder] fill in the placeholder [[What happened, in your own words.]]
	suggestion: replace it, brackets included, with the real text
30:3: [placeholder] fill in the placeholder [[The first provision]]
	suggestion: replace it, brackets included, with the real text
36:3: [placeholder] fill in the placeholder [[action]]
	suggestion: replace it, brackets included, with the real text
36:16: [placeholder] fill in the placeholder [[who]]
	suggestion: replace it, brackets included, with the real text
36:26: [placeholder] fill in the placeholder [[YYYY-MM-DD]]
	suggestion: replace it, brackets included, with the real text
`
	if got := problemLines(c); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if c.Front.Case.Set || c.Front.Child.Name.Set || c.Front.Appellant.Role.Set || c.Front.Decision.Date.Set || len(c.Front.Decision.Sections) != 0 {
		t.Errorf("a placeholder was taken as a value: %+v", c.Front)
	}
}

func TestFindPlaceholder(t *testing.T) {
	tests := []struct {
		s          string
		start, end int
	}{
		{"[[a]]", 0, 5},
		{"x [[child's name]] y", 2, 18},
		{"[[]]", -1, -1},
		{"[[a\nb]]", -1, -1},
		{"[[[a]]", 1, 6},
		{"[[a]", -1, -1},
		{"no placeholder", -1, -1},
		{"[link][[ref]]", 6, 13},
	}
	for _, tt := range tests {
		s, e := FindPlaceholder(tt.s, 0)
		if s != tt.start || e != tt.end {
			t.Errorf("FindPlaceholder(%q) = %d, %d; want %d, %d", tt.s, s, e, tt.start, tt.end)
		}
	}
}
