package lint

import (
	"sort"
	"strings"
	"testing"
)

// rowRules lints a provision table and returns, per body row (by its
// first cell's text), the provision rules reported on the row's line.
func rowRules(t *testing.T, table string) map[string]string {
	t.Helper()
	e := testEngine(t)
	c, fs := lintSource(t, e, header+table, "2026-09-02")
	byLine := map[int][]string{}
	for _, f := range fs {
		switch f.Rule {
		case "vague-wording", "hedged-commitment", "missing-frequency", "missing-duration", "missing-provider", "unquantified-group":
			l := c.Pos(f.Span.Start).Line
			byLine[l] = append(byLine[l], f.Rule)
		}
	}
	out := map[string]string{}
	for l := 1; l <= c.Lines(); l++ {
		line := strings.TrimSpace(c.LineText(l))
		if !strings.HasPrefix(line, "|") {
			continue
		}
		first := strings.TrimSpace(strings.Split(strings.Trim(line, "|"), "|")[0])
		rules := dedupeSorted(byLine[l])
		sort.Strings(rules)
		if len(rules) == 0 {
			out[first] = "-"
		} else {
			out[first] = strings.Join(rules, ",")
		}
	}
	return out
}

func TestProvisionTables(t *testing.T) {
	tests := []struct {
		name  string
		table string
		want  map[string]string
	}{
		{"cells read together",
			"| Provision | Frequency | Duration | Delivered by |\n| --- | --- | --- | --- |\n" +
				"| 1:1 speech and language therapy | Weekly | 45 minutes | HCPC-registered Speech and Language Therapist |\n" +
				"| Pre-teaching of topic vocabulary | Every other week | | Class teacher |\n" +
				"| Access to a workstation | | | |\n",
			map[string]string{"Provision": "-", "---": "-",
				"1:1 speech and language therapy":  "-",
				"Pre-teaching of topic vocabulary": "missing-duration",
				"Access to a workstation":          "missing-duration,missing-frequency,missing-provider,vague-wording"}},
		{"provider column first",
			"| Who | Provision | How often |\n| --- | --- | --- |\n" +
				"| Teaching assistant | Precision teaching, 20 minutes | Daily |\n" +
				"| Staff | Movement breaks, 10 minutes | Twice daily |\n",
			map[string]string{"Who": "-", "---": "-", "Teaching assistant": "-", "Staff": "missing-provider"}},
		{"merged meanings in one cell",
			"| Provision | Details |\n| --- | --- |\n" +
				"| Braille teaching, 1:1 | QTVI, 3 x 45 min per week |\n" +
				"| Orientation and mobility training | Weekly, 1 hour, mobility specialist |\n" +
				"| Social skills in small groups | Once a term, 1 hour, QTVI |\n",
			map[string]string{"Provision": "-", "---": "-", "Braille teaching, 1:1": "-",
				"Orientation and mobility training": "-", "Social skills in small groups": "unquantified-group"}},
		{"need, outcome and review columns are not provision",
			"| Outcome | Provision | Who | How often | Review |\n| --- | --- | --- | --- | --- |\n" +
				"| He may use a word bank | Phonics, 20 minutes | Teaching assistant | Daily | Spring term 2027 |\n" +
				"| He will read | Reading, 15 minutes | Teaching assistant | | Every term |\n",
			map[string]string{"Outcome": "-", "---": "-", "He may use a word bank": "-", "He will read": "missing-frequency"}},
		{"placeholder cells supply nothing",
			"| Provision | Staffing | Hours |\n| --- | --- | --- |\n| Laptop with screen-reading software | N/A | N/A |\n",
			map[string]string{"Provision": "-", "---": "-", "Laptop with screen-reading software": "missing-duration,missing-frequency,missing-provider"}},
		{"header-only table",
			"| Provision | Frequency | Duration | Delivered by |\n| --- | --- | --- | --- |\n",
			map[string]string{"Provision": "-", "---": "-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rowRules(t, tt.table)
			for row, want := range tt.want {
				if got[row] != want {
					t.Errorf("row %q: got %s, want %s", row, got[row], want)
				}
			}
		})
	}
}

// TestTableSpans: a phrase finding covers exactly its words inside its
// cell, and a finding about something missing covers the row, in LF and
// CRLF files with non-ASCII text before the phrase.
func TestTableSpans(t *testing.T) {
	e := testEngine(t)
	table := "| Provision | Frequency | Delivered by |\n| --- | --- | --- |\n" +
		"| Zoë Ó Súilleabháin 😀: access to a quiet room | Łódź, as and when | Teaching assistant |\n" +
		"| Ștefan: help with **small group** work | Weekly | |\n"
	for _, eol := range []string{"\n", "\r\n"} {
		src := strings.ReplaceAll(header+table, "\n", eol)
		c, fs := lintSource(t, e, src, "2026-09-02")
		want := map[string]string{"access to": "vague-wording", "as and when": "vague-wording",
			"help with": "vague-wording", "small group": "unquantified-group"}
		seen := map[string]bool{}
		for _, f := range fs {
			got := string(c.Bytes[f.Span.Start:f.Span.End])
			p, end := c.Pos(f.Span.Start), c.Pos(f.Span.End)
			line := []rune(c.LineText(p.Line))
			if p.Line != end.Line {
				t.Errorf("%s %q spans lines %d-%d", f.Rule, got, p.Line, end.Line)
			}
			if strings.ContainsAny(got, "\r\n|") && f.Rule != "missing-duration" && f.Rule != "missing-provider" && f.Rule != "missing-frequency" {
				t.Errorf("%s span %q crosses a cell", f.Rule, got)
			}
			if rule, ok := want[got]; ok && rule == f.Rule {
				seen[got] = true
				if string(line[p.Column-1:end.Column-1]) != got {
					t.Errorf("%s %q: columns %d-%d do not point at it in %q", f.Rule, got, p.Column, end.Column, string(line))
				}
			}
			if strings.HasPrefix(f.Rule, "missing-") {
				// On the row: from its first cell's words to its last.
				if !strings.HasPrefix(got, "Zoë") && !strings.HasPrefix(got, "Ștefan") {
					t.Errorf("%s covers %q, want the row", f.Rule, got)
				}
				if strings.ContainsRune(got, '\r') {
					t.Errorf("%s span %q holds a carriage return", f.Rule, got)
				}
			}
		}
		for w := range want {
			if !seen[w] {
				t.Errorf("eol %q: no finding spans exactly %q", eol, w)
			}
		}
	}
}
