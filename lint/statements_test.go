package lint

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/sendgen/sendgen/casefile"
)

func testEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := New(DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// testFront is the front matter the lint tests share (case, parties,
// decision); each test adds what it needs.
const testFront = `---
case: T-1
child:
  name: Sam Test
appellant:
  name: Alex Test
  role: parent
local_authority: Test Council
decision:
  type: plan-contents
  date: 2026-09-01
  sections: [F]
`

const header = testFront + `position_statement:
  date: 2026-09-02
---

# Requested provision

## Section F

`

// provisionRules lints one provision list item and returns the provision
// rules it breaks, sorted and comma-joined.
func provisionRules(t testing.TB, e *Engine, item string) string {
	t.Helper()
	src := header + "- " + item + "\n"
	c, err := casefile.Parse("t.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fs, err := e.Lint(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	for _, f := range fs {
		switch f.Rule {
		case "vague-wording", "hedged-commitment", "missing-frequency", "missing-duration", "missing-provider", "unquantified-group":
			set[f.Rule] = true
		}
	}
	var out []string
	for r := range set {
		out = append(out, r)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return "-"
	}
	return strings.Join(out, ",")
}

// Abbreviations for the table: V vague, H hedged, F frequency, D duration,
// P provider, G group.
func expand(codes string) string {
	if codes == "" {
		return "-"
	}
	names := map[rune]string{'V': "vague-wording", 'H': "hedged-commitment", 'F': "missing-frequency",
		'D': "missing-duration", 'P': "missing-provider", 'G': "unquantified-group"}
	var out []string
	for _, c := range codes {
		out = append(out, names[c])
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func TestProvisionStatements(t *testing.T) {
	e := testEngine(t)
	tests := []struct{ text, want string }{
		// Quantified provision: nothing to report.
		{"30 minutes of 1:1 speech and language therapy per week delivered by an HCPC-registered Speech and Language Therapist.", ""},
		{"A qualified speech and language therapist will deliver one 45-minute session per week, plus a 15-minute follow-up in class with the teaching assistant.", ""},
		{"The child will receive a 30-minute one-to-one speech and language therapy session every week with a qualified therapist.", ""},
		{"The child will receive a 45-minute occupational therapy session every two weeks, reviewed termly, with an HCPC-registered Occupational Therapist.", ""},
		{"The Specialist Teacher will work with Sam for 30 minutes, once per week.", ""},
		{"A teaching assistant trained in literacy difficulties will deliver the programme for 15 minutes daily.", ""},
		{"The child will receive 15 hours per week of 1:1 support from a trained teaching assistant.", ""},
		{"Thirty minutes of physiotherapy twice weekly with an HCPC-registered physiotherapist.", ""},
		{"3 x 20 mins per week of phonics teaching with a Level 3 TA.", ""},
		{"Speech and language therapy for 1 hour every half term with an HCPC-registered SaLT, from May 2027.", ""},
		{"A Teacher of the Deaf will visit for 1 hr each half term to advise staff.", ""},
		{"Emotional literacy sessions with an ELSA for 30 minutes every Tuesday and Thursday.", ""},
		{"Lego-based therapy in a group of no more than four pupils, 40 minutes twice a week, led by a trained teacher.", ""},
		{"Social skills group (1:4) with the SENCo for 45 minutes each week.", ""},
		{"Counselling with a BACP-registered counsellor for 50 minutes fortnightly.", ""},
		{"Two 10-minute movement breaks every morning, supervised by a teaching assistant.", ""},
		{"Direct teaching from a specialist teacher for 25 hours per week.", ""},
		{"An educational psychologist will observe Sam in class for two hours each term.", ""},
		{"Jamie will receive 2 x 30-minute sessions of speech and language therapy per week from an HCPC-registered Speech and Language Therapist.", ""},
		{"A specialist teacher for visual impairment (QTVI) will provide 1 hour of direct teaching each week.", ""},
		{"Pre-teaching of key vocabulary for 10 minutes before each literacy lesson by the class teacher.", ""},
		{"An Educational Psychologist will carry out an annual 2-hour assessment of Sam's cognitive skills.", ""},
		{"Twice-termly review meetings with the SENCo and parents, lasting 1 hour.", ""},
		{"Small group work (max 6 pupils) for maths, 4 x 45 minutes per week, led by a qualified teacher.", ""},
		{"Fortnightly 45-minute sessions with a music therapist.", ""},
		{"Sam will access the sensory room for 10 minutes, three times a day, supervised by a TA.", ""},
		{"A Teaching Assistant will prompt Sam for 2 minutes at each transition between lessons.", ""},
		{"Weekly social skills group.", "GDP"},
		{"Ongoing support from the SENCo.", "VFD"},
		{"Sessions with a counsellor as and when needed.", "VFD"},
		{"Sam should receive OT input of 30 minutes per fortnight.", "H"},
		{"Daily access to a sensory circuit for 15 minutes, run by a trained teaching assistant.", "V"},
		{"Sam will be given 5 minutes of movement every hour by his TA.", ""},
		{"Speech and language therapy: 6 sessions per term, each lasting 45 minutes, delivered by a SaLT.", ""},
		{"Sam will benefit from a structured literacy programme.", "VFDP"},
		{"Speech and language therapy in line with the therapy report.", "VFDP"},
		{"30 minutes of SaLT weekly, delivered by a TA in accordance with a programme devised by an HCPC-registered SaLT.", ""},
		{"Sam may require additional support at times of transition.", "VHFDP"},
		{"Speech therapy with a SaLT, 30 minutes per session.", "F"},
		{"Speech therapy with a SaLT, 30 minutes per session, 3 sessions per week.", ""},
		// Vague.
		{"Access to speech and language therapy.", "VFDP"},
		{"Access to a sensory room as required.", "VFDP"},
		{"Regular speech and language support.", "VFDP"},
		{"Opportunities for emotional regulation.", "VFDP"},
		{"Support from a teaching assistant where appropriate.", "VFD"},
		{"The child will have access to speech and language therapy.", "VFDP"},
		{"The child will receive regular occupational therapy.", "VFDP"},
		{"Up to 10 hours of teaching assistant support per week.", "V"},
		{"Sam needs support from skilled staff.", "VFDP"},
		{"Sam will have equipment, e.g. a pen.", "VFDP"},
		{"1-1, small group or whole class as appropriate.", "VFDPG"},
		{"Speech and language targets will be monitored.", "VFDP"},
		{"Input from a Teacher of the Deaf.", "VFD"},
		{"Interventions to support literacy.", "VFDP"},
		// Hedged.
		{"Oliver should have a quiet space when he feels anxious.", "HFDP"},
		{"Oliver may benefit from a visual timetable.", "HFDP"},
		{"The school will provide additional support where possible.", "VHFDP"},
		{"The child would benefit from additional support in class.", "VHFDP"},
		{"Sensory breaks where possible.", "HFDP"},
		{"Hydrotherapy for 45 minutes every week with an HCPC-registered Physiotherapist, subject to pool availability.", "H"},
		{"It is recommended that Sam has 30 minutes of speech and language therapy weekly with a SaLT.", "H"},
		// Missing pieces only.
		{"A Teaching Assistant will support the child in the playground at play and lunchtime.", "FD"},
		{"The setting will support the child in the playground at play and lunchtime.", "FDP"},
		{"Weekly occupational therapy with an HCPC-registered Occupational Therapist.", "D"},
		{"A 30-minute session with an HCPC-registered Speech and Language Therapist.", "F"},
		{"Daily 20-minute precision teaching.", "P"},
		{"Social skills teaching in a small group twice a week for 40 minutes with a trained teacher.", "G"},
		{"Daily 20 minute reading sessions with a trained member of staff.", "P"},
		{"Daily 20 minute reading sessions with an adult.", "P"},
		// The shapes of vague and hedged wording, in words the rules do not list.
		{"Extra help with spelling from the class teacher every lesson.", "VD"},
		{"Additional adult supervision at break, delivered by a lunchtime supervisor.", "VFD"},
		{"An additional 30 minutes of reading with a TA each day.", ""},
		{"25% extra time in all tests, supervised by the exams officer.", "D"},
		{"A selection of sensory toys.", "VFDP"},
		{"Physiotherapy will continue at the same level as now.", "VFDP"},
		{"Speech and language therapy as per the therapist's report.", "VFDP"},
		{"Play therapy will be explored by the school.", "HFDP"},
		{"The provision is to be reviewed by the SENCo.", "HFD"},
		{"Exploration of a part-time timetable with the head of year.", "HFD"},
		{"Art therapy is suggested, weekly for 45 minutes, with an art therapist.", "H"},
		{"Time permitting, a TA will read with Sam for 10 minutes daily.", "H"},
		{"A laptop will be provided if needed.", "HFDP"},
		{"Occasional check-ins with a learning mentor.", "VFD"},
		{"Appropriate support with dressing after PE.", "VFDP"},
		{"Every effort will be made to give Sam a quiet space.", "HFDP"},
		{"Sessions with the school counsellor on an as-needed basis.", "VFD"},
		{"Mentoring within existing resources.", "HFDP"},
		// Open-class providers and durations in other words.
		{"A portage home visitor will call for an hour every fortnight.", ""},
		{"The SEMH practitioner will meet Sam for a half-hour session each week.", ""},
		{"1:1 supervision throughout the school day by a teaching assistant.", ""},
		{"Two lessons a week of touch-typing with the ICT technician.", ""},
		{"The Pastoral Lead will check in with Sam at the start of each day for 5 minutes.", ""},
		{"Weekly 30-minute sessions with a play leader.", ""},
		{"Weekly 30-minute sessions with a leader.", "P"},
	}
	for _, tt := range tests {
		got := provisionRules(t, e, tt.text)
		if want := expand(tt.want); got != want {
			t.Errorf("%q\n  got  %s\n  want %s", tt.text, got, want)
		}
	}
}

func TestMayMonthAndModal(t *testing.T) {
	e := testEngine(t)
	for _, tt := range []struct {
		text   string
		hedged bool
	}{
		{"From May 2027, 30 minutes of SaLT weekly with an HCPC-registered SaLT.", false},
		{"30 minutes of SaLT weekly with a SaLT, starting 4 May.", false},
		{"30 minutes of SaLT weekly with a SaLT until May.", false},
		{"May 2027: 30 minutes of SaLT weekly with a SaLT.", false},
		{"Sam may have 30 minutes of SaLT weekly with a SaLT.", true},
		{"May include 30 minutes of SaLT weekly with a SaLT.", true},
	} {
		got := strings.Contains(provisionRules(t, e, tt.text), "hedged-commitment")
		if got != tt.hedged {
			t.Errorf("%q: hedged = %v, want %v", tt.text, got, tt.hedged)
		}
	}
}

var _ = fmt.Sprint

func TestNestedListIntro(t *testing.T) {
	e := testEngine(t)
	src := header + "- Speech and language therapy:\n  - 30 minutes weekly with an HCPC-registered SaLT.\n  - Access to a SaLT as required.\n- Occupational therapy:\n"
	c, fs := lintSource(t, e, src, "2026-09-02")
	byLine := map[string][]string{}
	for _, f := range fs {
		byLine[c.LineText(c.Pos(f.Span.Start).Line)] = append(byLine[c.LineText(c.Pos(f.Span.Start).Line)], f.Rule)
	}
	if got := byLine["- Speech and language therapy:"]; len(got) != 0 {
		t.Errorf("an introducing item with nested items was judged: %v", got)
	}
	if got := byLine["  - Access to a SaLT as required."]; len(got) == 0 {
		t.Errorf("the nested item was not judged")
	}
	src2 := header + "The following provision will be made for Sam:\n\n- 30 minutes weekly with an HCPC-registered SaLT.\n"
	_, fs2 := lintSource(t, e, src2, "2026-09-02")
	for _, f := range fs2 {
		if f.Rule != "appeal-deadline" {
			t.Errorf("a paragraph introducing a list was judged: %s %s", f.Rule, f.Message)
		}
	}
	// Without nested items it is a statement like any other.
	if got := byLine["- Occupational therapy:"]; len(got) == 0 {
		t.Errorf("a lone item ending in a colon was not judged")
	}
}
