package lint

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sendgen/sendgen/casefile"
)

var update = flag.Bool("update", false, "rewrite golden files")

func lintSource(t testing.TB, e *Engine, src string, today string) (*casefile.Case, []Finding) {
	t.Helper()
	c, err := casefile.Parse("t.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var td time.Time
	if today != "" {
		td, _ = time.Parse(time.DateOnly, today)
	}
	fs, err := e.Lint(c, Options{Today: td})
	if err != nil {
		t.Fatal(err)
	}
	return c, fs
}

func rulesOf(fs []Finding) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		out[f.Rule]++
	}
	return out
}

// TestSpansExact checks that every phrase finding covers exactly the
// offending words, with non-ASCII text before it, in LF and CRLF files and
// with a byte-order mark.
func TestSpansExact(t *testing.T) {
	e := testEngine(t)
	body := "- Zoë Ó Súilleabháin 😀 will have access to speech and language therapy.\n" +
		"- Łukasz:\tregular input from an occupational therapist.\n" +
		"- *Ștefan* **should** have a quiet space where possible.\n" +
		"- Nguyễn Thị Mai: opportunities for social skills work in a small group, e.g. Lego.\n"
	for _, variant := range []struct{ name, bom, eol string }{{"lf", "", "\n"}, {"crlf", "", "\r\n"}, {"bom-crlf", "\ufeff", "\r\n"}} {
		t.Run(variant.name, func(t *testing.T) {
			src := variant.bom + strings.ReplaceAll(header+body, "\n", variant.eol)
			c, fs := lintSource(t, e, src, "2026-09-02")
			want := map[string]bool{"access to": false, "regular": false, "input from": false, "should": false,
				"where possible": false, "opportunities for": false, "small group": false, "e.g.": false}
			for _, f := range fs {
				got := string(c.Bytes[f.Span.Start:f.Span.End])
				if strings.ContainsAny(got, "\r") {
					t.Errorf("%s span %q contains a carriage return", f.Rule, got)
				}
				if _, ok := want[strings.ToLower(got)]; ok {
					want[strings.ToLower(got)] = true
					if f.Match != got {
						t.Errorf("%s: Match %q != span text %q", f.Rule, f.Match, got)
					}
					// The column counts characters: re-derive it from the line text.
					p := c.Pos(f.Span.Start)
					line := []rune(c.LineText(p.Line))
					if string(line[p.Column-1:p.Column-1+len([]rune(got))]) != got {
						t.Errorf("%s %q: column %d does not point at it in %q", f.Rule, got, p.Column, string(line))
					}
				}
			}
			for w, seen := range want {
				if !seen {
					t.Errorf("no finding spans exactly %q", w)
				}
			}
		})
	}
}

func TestProvisionScope(t *testing.T) {
	e := testEngine(t)
	src := strings.Replace(header, "# Requested provision\n\n## Section F\n\n", "", 1) +
		"# Background\n\nThe LA refused access to an assessment and regular reviews should happen.\n\n" +
		"# Requested provision\n\nAccess to a laptop. Sam will have 30 minutes of 1:1 SaLT weekly with an HCPC-registered SaLT.\n\n" +
		"## Section B\n\n- Sam has regular meltdowns and may need support.\n\n" +
		"## Section F\n\n### Communication\n\n- Access to SaLT.\n\n" +
		"## Section E\n\n- Sam should be able to read by July.\n\n" +
		"## Section I\n\n- Sam may attend Oak School.\n\n" +
		"# Evidence\n\n- Access to records letter.\n\n# Issues\n\n- Whether regular SaLT should be in F.\n"
	c, fs := lintSource(t, e, src, "2026-09-02")
	lines := map[int][]string{}
	for _, f := range fs {
		if f.Rule == "appeal-deadline" {
			continue
		}
		l := c.Pos(f.Span.Start).Line
		lines[l] = append(lines[l], f.Rule)
	}
	find := func(s string) int {
		for i := 1; i <= c.Lines(); i++ {
			if strings.Contains(c.LineText(i), s) {
				return i
			}
		}
		t.Fatalf("no line %q", s)
		return 0
	}
	for _, notJudged := range []string{"The LA refused", "regular meltdowns", "read by July", "Oak School", "records letter", "Whether regular"} {
		if got := lines[find(notJudged)]; len(got) > 0 {
			t.Errorf("%q is not provision but got %v", notJudged, got)
		}
	}
	if got := lines[find("Access to a laptop")]; len(got) == 0 {
		t.Errorf("provision without a Section heading was not judged")
	}
	if got := lines[find("Access to SaLT")]; len(got) == 0 {
		t.Errorf("### under Section F was not judged")
	}
	// The second sentence of the paragraph is judged on its own and is fine.
	for _, f := range fs {
		if f.Rule == "missing-frequency" && strings.Contains(string(c.Bytes[f.Span.Start:f.Span.End]), "30 minutes") {
			t.Errorf("sentence with a frequency reported: %q", c.Bytes[f.Span.Start:f.Span.End])
		}
	}
}

func TestSuppression(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name, body string
		want       map[string]int
	}{
		{"none", "- Access to SaLT.\n", map[string]int{"vague-wording": 1, "missing-frequency": 1}},
		{"next line all", "<!-- sendgen-disable-next-line -->\n- Access to SaLT.\n", map[string]int{}},
		{"next line one rule", "<!-- sendgen-disable-next-line vague-wording -->\n- Access to SaLT.\n", map[string]int{"vague-wording": 0, "missing-frequency": 1}},
		{"next line skips blanks", "<!-- sendgen-disable-next-line vague-wording -->\n\n- Access to SaLT.\n- Access to OT.\n", map[string]int{"vague-wording": 1}},
		{"region", "<!-- sendgen-disable vague-wording, missing-duration -->\n- Access to SaLT.\n- Access to OT.\n<!-- sendgen-enable vague-wording -->\n- Access to a TA.\n",
			map[string]int{"vague-wording": 1, "missing-duration": 0, "missing-frequency": 3}},
		{"region all unclosed", "<!-- sendgen-disable -->\n- Access to SaLT.\n", map[string]int{}},
		{"enable all", "<!-- sendgen-disable -->\n- Access to SaLT.\n<!-- sendgen-enable -->\n- Access to OT.\n", map[string]int{"vague-wording": 1}},
		{"in code is not a directive", "```\n<!-- sendgen-disable -->\n```\n- Access to SaLT.\n", map[string]int{"vague-wording": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := lintSource(t, e, header+tt.body, "2026-09-02")
			got := rulesOf(fs)
			for r, n := range tt.want {
				if got[r] != n {
					t.Errorf("%s: got %d findings, want %d (all: %v)", r, got[r], n, got)
				}
			}
			if len(tt.want) == 0 {
				delete(got, "appeal-deadline")
				if len(got) > 0 {
					t.Errorf("want no findings, got %v", got)
				}
			}
		})
	}
}

const actionsHeader = testFront + `mediation:
  choice: mediate
  la_informed: 2026-09-10
  date: 2026-10-01
  attendees:
    - name: Jo Smith
      role: SEN Officer
      organisation: Test Council
      authority: true
---

# Agreed actions

| Action | Who | By |
| --- | --- | --- |
`

func TestAgreedActions(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		row  string
		want string // comma-separated rules, "" for none
	}{
		{"| Send the amended plan to Sam's parents. | Jo Smith, SEN Officer | 2026-10-08 |", ""},
		{"| Send the amended plan. | | 2026-10-08 |", "action-missing-owner"},
		{"| Send the amended plan. | TBC | 2026-10-08 |", "action-missing-owner"},
		{"| Send the amended plan. | Jo Smith | |", "action-missing-deadline"},
		{"| Send the amended plan. | Jo Smith | asap |", "action-missing-deadline"},
		{"| Send the amended plan. | Jo Smith | end of term |", "action-missing-deadline"},
		{"| Send the amended plan. | Jo Smith | 31/02/2026 |", "action-missing-deadline"},
		{"| Send the amended plan. | Jo Smith | 8 October 2026 |", ""},
		{"| Send the amended plan. | Jo Smith | 8 Oct 2026 |", ""},
		{"| Send the amended plan. | Jo Smith | 08/10/2026 |", ""},
		{"| Arrange access to a mentor. | Jo Smith | 2026-10-08 |", "vague-wording"},
		{"| The council will consider funding a laptop. | Test Council | 2026-10-08 |", "hedged-commitment"},
		{"| LA to consider funding a laptop. | Test Council | 2026-10-08 |", "hedged-commitment"},
		{"| Consider whether a laptop is needed. | Jo Smith | 2026-10-08 |", "hedged-commitment"},
		{"| Weekly 1-hour mentoring with a learning mentor. | Jo Smith | 2026-10-08 |", ""},
		// Provision without a quote is judged as provision; a task is not.
		{"| The school will provide weekly reading sessions. | Jo Smith | 2026-10-08 |", "missing-duration,missing-provider"},
		{"| The school will provide reading sessions for Sam. | Jo Smith | 2026-10-08 |", "missing-duration,missing-frequency,missing-provider"},
		{"| The college agrees to fund counselling with a counsellor. | Jo Smith | 2026-10-08 |", "missing-duration,missing-frequency"},
		{"| The LA will send the amended plan to the family. | Jo Smith | 2026-10-08 |", ""},
		{"| Jo will provide a copy of the report to the school. | Jo Smith | 2026-10-08 |", ""},
		{"| Weekly mentoring with a learning mentor. | Jo Smith | 2026-10-08 |", "missing-duration"},
		{"| Occupational therapy with an HCPC-registered OT. | Jo Smith | 2026-10-08 |", "missing-duration,missing-frequency"},
		{`| Amend Section F to read: "Access to speech and language therapy." | Jo Smith | 2026-10-08 |`, "missing-duration,missing-frequency,missing-provider,vague-wording"},
		{`| Amend Section F to read: "30 minutes of SaLT weekly with an HCPC-registered SaLT." | Jo Smith | 2026-10-08 |`, ""},
		{"| Speech and language therapy for 1 hour every half term with a SaLT, from May 2027. | Jo Smith | 2026-11-01 |", ""},
		// action-late: a task with no right of appeal has 2 weeks (15 Oct).
		{"| Send the minutes to the family. | Jo Smith | 2026-10-30 |", "action-late"},
		{"| Send the minutes to the family. | Jo Smith | 2026-10-30 (agreed in writing) |", ""},
		{"| Send the minutes to the family. | Jo Smith | by Friday 9 October 2026 |", ""},
		{"| Send the minutes to the family. | Jo Smith | October 9, 2026 |", ""},
		{"| Send the minutes to the family. | Jo Smith | 9th Oct 2026 |", ""},
		{"| Send the minutes to the family. | Jo Smith | 09-10-2026 |", ""},
		{"| Send the minutes to the family. | Jo Smith | 9 October |", "action-missing-deadline"},
		{"| Send the minutes to the family. | Jo Smith | 9 Octember 2026 |", "action-missing-deadline"},
		{"| Amend Section F of the EHC plan. | Jo Smith | 2026-11-05 |", ""},
		{"| Amend Section F of the EHC plan. | Jo Smith | 2026-11-06 |", "action-late"},
	}
	for _, tt := range tests {
		c, fs := lintSource(t, e, actionsHeader+tt.row+"\n", "2026-10-02")
		var got []string
		for _, f := range fs {
			if c.Pos(f.Span.Start).Line == c.Lines()-1 || strings.Contains(tt.row, string(c.Bytes[f.Span.Start:f.Span.End])) && f.Rule != "appeal-deadline" {
				got = append(got, f.Rule)
			}
		}
		got = dedupeSorted(got)
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%s\n  got  %v\n  want %s", tt.row, got, tt.want)
		}
	}
}

func dedupeSorted(s []string) []string {
	m := map[string]bool{}
	var out []string
	for _, x := range s {
		if !m[x] {
			m[x] = true
			out = append(out, x)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func TestDateRules(t *testing.T) {
	e := testEngine(t)
	base := func(front string) string {
		return "---\ncase: T-3\nchild:\n  name: Sam\nappellant:\n  name: Alex\n  role: parent\nlocal_authority: Test Council\n" + front + "---\n"
	}
	tests := []struct {
		name, front, today string
		want               map[string]string // rule -> severity ("" = absent)
	}{
		{"appeal info", "decision:\n  type: plan-contents\n  date: 2026-01-30\n", "2026-01-31",
			map[string]string{"appeal-deadline": "info"}},
		{"appeal warning within 14 days", "decision:\n  type: plan-contents\n  date: 2026-01-30\n", "2026-03-16",
			map[string]string{"appeal-deadline": "warning"}},
		{"appeal due today", "decision:\n  type: plan-contents\n  date: 2026-01-30\n", "2026-03-30",
			map[string]string{"appeal-deadline": "warning"}},
		{"appeal passed", "decision:\n  type: plan-contents\n  date: 2026-01-30\n", "2026-03-31",
			map[string]string{"appeal-deadline": "error"}},
		{"section I only", "decision:\n  type: plan-contents\n  date: 2025-12-31\n  sections: [I]\n", "2026-01-05",
			map[string]string{"certificate-not-required": "info", "appeal-deadline": "info"}},
		{"certificate late", "decision:\n  type: plan-contents\n  date: 2026-09-01\n  sections: [F]\nmediation:\n  choice: decline\n  adviser_contacted: 2026-12-24\ncertificate:\n  issued: 2027-01-04\n", "2026-12-01",
			map[string]string{"certificate-late": "warning"}},
		{"certificate on time", "decision:\n  type: plan-contents\n  date: 2026-09-01\n  sections: [F]\nmediation:\n  choice: decline\n  adviser_contacted: 2026-12-24\ncertificate:\n  issued: 2026-12-31\n", "2026-12-01",
			map[string]string{"certificate-late": ""}},
		{"mediation late, no authority, no health", "decision:\n  type: plan-contents\n  date: 2026-09-01\n  sections: [F, G]\nmediation:\n  choice: mediate\n  la_informed: 2026-09-10\n  date: 2026-10-11\n  attendees:\n    - name: Jo\n      role: SEN Officer\n      organisation: Test Council\n", "2026-10-12",
			map[string]string{"mediation-late": "warning", "authority-not-confirmed": "warning", "health-not-present": "warning"}},
		{"mediation on day 30, authority, health", "decision:\n  type: plan-contents\n  date: 2026-09-01\n  sections: [F, G]\nmediation:\n  choice: mediate\n  la_informed: 2026-09-10\n  date: 2026-10-10\n  attendees:\n    - name: Jo\n      role: SEN Officer\n      organisation: Test Council\n      authority: true\n    - name: Lee\n      role: Designated Clinical Officer\n      organisation: Test Integrated Care Board\n", "2026-10-12",
			map[string]string{"mediation-late": "", "authority-not-confirmed": "", "health-not-present": ""}},
		{"beyond the bank-holiday table", "decision:\n  type: plan-contents\n  date: 2029-01-10\n  sections: [F]\n", "2029-01-11",
			map[string]string{"frontmatter": "warning", "appeal-deadline": "info"}},
		{"certificate before decision", "decision:\n  type: plan-contents\n  date: 2026-09-10\n  sections: [F]\nmediation:\n  choice: decline\ncertificate:\n  issued: 2026-09-01\n", "2026-09-11",
			map[string]string{"date-conflict": "error"}},
		{"phase transfer", "decision:\n  type: plan-contents\n  date: 2027-01-05\n  sections: [F]\nmediation:\n  choice: mediate\n  la_informed: 2027-01-20\n", "2027-01-21",
			map[string]string{"phase-transfer": "warning"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front := tt.front
			if tt.name == "phase transfer" {
				front = strings.Replace(front, "", "", 1)
			}
			src := base(front)
			if tt.name == "phase transfer" {
				src = strings.Replace(src, "child:\n  name: Sam\n", "child:\n  name: Sam\n  transfer:\n    to: secondary\n    date: 2027-09-01\n", 1)
			}
			_, fs := lintSource(t, e, src, tt.today)
			got := map[string]string{}
			for _, f := range fs {
				got[f.Rule] = f.Severity.String()
			}
			for r, sev := range tt.want {
				if got[r] != sev {
					t.Errorf("%s: got %q, want %q (all %v)", r, got[r], sev, got)
				}
			}
			if _, want := tt.want["frontmatter"]; !want && got["frontmatter"] != "" {
				t.Errorf("unexpected frontmatter finding: %v", fs)
			}
		})
	}
}

// TestGolden lints the samples and checks the findings against golden JSON.
func TestGolden(t *testing.T) {
	e := testEngine(t)
	files, _ := filepath.Glob("../samples/*.md")
	drafts, _ := filepath.Glob("../samples/drafts/*.md")
	files = append(files, drafts...)
	if len(files) < 5 {
		t.Fatalf("expected the samples, found %v", files)
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		c, err := casefile.Parse(filepath.Base(path), src)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := e.Lint(c, Options{Today: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, f := range fs {
			s, en := c.Pos(f.Span.Start), c.Pos(f.Span.End)
			fmt.Fprintf(&b, "%d:%d-%d:%d %s %s %q: %s\n", s.Line, s.Column, en.Line, en.Column, f.Severity, f.Rule, f.Match, f.Message)
			if f.Detail != "" {
				fmt.Fprintf(&b, "\tworking: %s\n", f.Detail)
			}
		}
		golden := filepath.Join("testdata", "golden", strings.TrimSuffix(filepath.Base(path), ".md")+".txt")
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./lint -update)", err)
		}
		if string(want) != b.String() {
			t.Errorf("%s: findings differ from %s (run go test ./lint -update and review the diff)\n got:\n%s", path, golden, b.String())
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	e := testEngine(t)
	src, err := os.ReadFile("../samples/drafts/WCC-2026-0450.md")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := casefile.Parse("a.md", src)
	first, _ := e.Lint(c, Options{Today: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
	want, _ := json.Marshal(first)
	done := make(chan string, 8)
	for i := 0; i < 8; i++ {
		go func() {
			c, _ := casefile.Parse("a.md", src)
			fs, _ := e.Lint(c, Options{Today: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
			got, _ := json.Marshal(fs)
			done <- string(got)
		}()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; got != string(want) {
			t.Errorf("concurrent lint differs")
		}
	}
}

func FuzzLint(f *testing.F) {
	for _, p := range []string{"../samples/WCC-2026-0412.md", "../samples/drafts/WCC-2026-0450.md", "../samples/drafts/KCC-2026-0099.md"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(header + "- May may MAY 1:1 small group of 3 up to date e.g. etc\n")
	f.Add(header + "| Provision | Who | How often |\n| --- | --- | --- |\n| Zoë: access to | N/A | each lesson |\r\n| | | |\n| x |\n\n# Agreed Actions:\n\n- None\n<!-- sendgen-disable vague-wordng -->\n")
	e := testEngine(f)
	f.Fuzz(func(t *testing.T, src string) {
		c, err := casefile.Parse("f.md", []byte(src))
		if err != nil {
			return
		}
		fs, err := e.Lint(c, Options{Today: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range fs {
			if x.Span.Start < 0 || x.Span.End < x.Span.Start || x.Span.End > len(c.Bytes) {
				t.Fatalf("%s: span %v outside the file (%d bytes)", x.Rule, x.Span, len(c.Bytes))
			}
		}
	})
}

func FuzzActionDate(f *testing.F) {
	for _, s := range []string{"2026-12-15", "15 December 2026", "15 Dec 2026", "15/12/2026", "31/02/2026", "asap", "Mon 1st June 2026", "",
		"Monday 5 March 2027", "by Fri, 4 Dec 2026; agreed in writing", "2026-12-04 (agreed in writing)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, msg := casefile.ParseActionDate(s)
		if msg == "" && d.IsZero() {
			t.Fatalf("%q: no error but zero date", s)
		}
		if msg != "" && !d.IsZero() {
			t.Fatalf("%q: error %q with a date", s, msg)
		}
		// ReadActionDate reads the same date, and a weekday it reports matches or not.
		ad, amsg := casefile.ReadActionDate(s)
		if amsg != msg || !ad.Time.Equal(d) {
			t.Fatalf("%q: ReadActionDate %v %q, ParseActionDate %v %q", s, ad.Time, amsg, d, msg)
		}
		if msg == "" && ad.Weekday == "" && !ad.WeekdayMatches {
			t.Fatalf("%q: no weekday written but a mismatch", s)
		}
		if msg == "" && ad.Weekday != "" && ad.WeekdayMatches != strings.EqualFold(ad.Weekday[:3], ad.Time.Weekday().String()[:3]) {
			t.Fatalf("%q: weekday %q against %s", s, ad.Weekday, ad.Time.Weekday())
		}
	})
}

func TestSplitWorking(t *testing.T) {
	why := "raw 2026-11-29 is not a working day (Sunday): r.12(2), next working day; D 2026-09-14 + 2 calendar months = 2026-11-14"
	for _, tt := range []struct{ in, short, detail string }{
		{"the appeal deadline is 5pm on Monday 30 November 2026 (" + why + "; HESC Rules 2008 r.20(1)(c), r.12)",
			"the appeal deadline is 5pm on Monday 30 November 2026 (HESC Rules 2008 r.20(1)(c), r.12)", why},
		{"the certificate was due (SEND Regs 2014 regs 34, 39; " + why + ")", "the certificate was due (SEND Regs 2014 regs 34, 39)", why},
		{"the appeal deadline (" + why + ") is near", "the appeal deadline is near", why},
		// Anything else in parentheses is part of what the rule says.
		{"contact the adviser by Saturday 2 January 2027 (not a working day: in practice by Thursday 31 December 2026), in 11 days",
			"contact the adviser by Saturday 2 January 2027 (not a working day: in practice by Thursday 31 December 2026), in 11 days", ""},
		{"Section G (health) is in dispute", "Section G (health) is in dispute", ""},
	} {
		short, detail := splitWorking(tt.in, []string{why, ""})
		if short != tt.short || detail != tt.detail {
			t.Errorf("splitWorking(%q)\n = %q, %q\nwant %q, %q", tt.in, short, detail, tt.short, tt.detail)
		}
	}
}

func TestPersonalise(t *testing.T) {
	for _, tt := range []struct{ in, child, want string }{
		{`use "will": "{child} will have ..."`, "Siân", `use "will": "Siân will have ..."`},
		{`use "will": "{child} will have ..."`, "", `use "will": "The child will have ..."`},
		{`reviewed with {child} each day`, "", `reviewed with the child each day`},
		{`no placeholder`, "Siân", `no placeholder`},
	} {
		if got := personalise(tt.in, tt.child); got != tt.want {
			t.Errorf("personalise(%q, %q) = %q, want %q", tt.in, tt.child, got, tt.want)
		}
	}
}
