package timeline

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// icsFixture stands for what the CLI would pass: the case file holds names, the timeline
// inputs do not, so the names can be checked for absence in the output.
var icsFixture = struct {
	names []string
	cases []ICSCase
}{
	names: []string{"Zoë", "Súilleabháin", "Aoife", "Sam Patel", "Jo Smith", "Priya Shah"},
	cases: []ICSCase{
		{Case: "WCC-2026-0412", Dates: Compute(Inputs{Case: "WCC-2026-0412", DecisionType: "plan-contents",
			Decision: d("2026-09-14"), Sections: []string{"B", "F"}, AdviserContacted: d("2026-09-30"), Choice: "mediate",
			LAInformed: d("2026-10-01"), MediationDate: d("2026-10-27"), CertificateIssued: d("2026-10-29"),
			TransferTo: "secondary", TransferDate: d("2027-09-01")}, nil)},
		{Case: "WCC-2026-0999", Dates: Compute(Inputs{Case: "WCC-2026-0999", DecisionType: "plan-contents",
			Decision: d("2026-06-15"), CertificateIssued: d("2026-07-20"), Sections: []string{"I"}}, nil)},
		{Case: "FAR-2028_7", Dates: Compute(Inputs{Decision: d("2028-10-31"), CertificateIssued: d("2028-11-29")}, nil)},
	},
}

var icsStamp = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func writeFixture(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteICS(&b, icsFixture.cases, icsStamp); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteICSStructure(t *testing.T) {
	out := writeFixture(t)
	if again := writeFixture(t); !bytes.Equal(out, again) {
		t.Fatal("two runs differ")
	}
	s := string(out)
	if !strings.HasSuffix(s, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Error("every line must end in CRLF and only there")
	}
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
	}
	for _, n := range icsFixture.names {
		if strings.Contains(s, n) {
			t.Errorf("output contains the name %q", n)
		}
	}
	unfolded := strings.ReplaceAll(s, "\r\n ", "")
	for _, want := range []string{
		"UID:appeal_deadline.WCC-2026-0412@sendgen\r\n",
		"UID:certificate_due.WCC-2026-0412@sendgen\r\n",
		"UID:phase_transfer_by.WCC-2026-0412@sendgen\r\n",
		"DTSTAMP:20261122T090000Z\r\n",
		"DTSTART;TZID=Europe/London:20261130T170000\r\n",
		"DTSTART;VALUE=DATE:20261030\r\nDTEND;VALUE=DATE:20261031\r\n",
		"TZID:Europe/London\r\n",
		"TRIGGER:-P7D\r\n",
		"SUMMARY:WCC-2026-0412: Appeal deadline (received by 5pm)\r\n",
		`Basis: HESC Rules 2008 r.20(1)(c)\, r.12.`,
		"DTSTART;TZID=Europe/London:20260901T170000\r\n", // the Section I case, August rule
		"Warning: Appeal deadline: 2028-12-31 to 2029-01-02 runs outside the bank-holiday table",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Dates that could not be computed are left out: the Section I case has no mediation.
	for _, no := range []string{"UID:mediation_due.WCC-2026-0999@sendgen", "UID:phase_transfer_by.WCC-2026-0999@sendgen"} {
		if strings.Contains(unfolded, no) {
			t.Errorf("output has %q", no)
		}
	}
	if n := strings.Count(s, "BEGIN:VEVENT"); n != 5+2+2 {
		t.Errorf("%d events", n)
	}
}

func TestWriteICSErrors(t *testing.T) {
	var b bytes.Buffer
	if err := WriteICS(&b, nil, time.Time{}); err == nil {
		t.Error("zero DTSTAMP accepted")
	}
	for _, cs := range [][]ICSCase{{{Case: ""}}, {{Case: "a b"}}, {{Case: "a,b"}}, {{Case: "X-1"}, {Case: "X-1"}}} {
		if err := WriteICS(&b, cs, icsStamp); err == nil {
			t.Errorf("cases %v accepted", cs)
		}
	}
	b.Reset()
	if err := WriteICS(&b, nil, icsStamp); err != nil || !strings.Contains(b.String(), "BEGIN:VCALENDAR") {
		t.Errorf("empty calendar: %v %q", err, b.String())
	}
}

func TestEscapeText(t *testing.T) {
	in := "a,b;c\\d\r\ne\nf"
	if got, want := escapeText(in), `a\,b\;c\\d\ne\nf`; got != want {
		t.Errorf("escapeText = %q, want %q", got, want)
	}
}

func TestWriteFolded(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("a", 75),
		strings.Repeat("a", 76),
		strings.Repeat("é", 100),       // 2-octet characters
		"X" + strings.Repeat("€", 60),  // 3-octet characters, odd alignment
		"YY" + strings.Repeat("😀", 50), // 4-octet characters
	} {
		var b bytes.Buffer
		writeFolded(&b, s)
		out := b.String()
		lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, l := range lines {
			if len(l) > 75 || !utf8.ValidString(l) || (i > 0 && !strings.HasPrefix(l, " ")) {
				t.Errorf("bad folded line %d %q", i, l)
			}
		}
		if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != s {
			t.Errorf("unfolding does not give the input back: %q", got)
		}
		if len(s) <= 75 && len(lines) != 1 {
			t.Errorf("a %d-octet line was folded", len(s))
		}
	}
}

// icsCheckScript parses the calendar with Python's icalendar (a real RFC 5545 parser) and
// prints what it understood, so the Go test can compare.
const icsCheckScript = `
import datetime, json, sys
import icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    rec = {"uid": str(ev["UID"]), "summary": str(ev["SUMMARY"]), "description": str(ev["DESCRIPTION"]),
           "stamp": ev.decoded("DTSTAMP").isoformat()}
    if isinstance(start, datetime.datetime):
        rec["start_utc"] = start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M")
        rec["alarms"] = [str(a["TRIGGER"].to_ical(), "ascii") for a in ev.walk("VALARM")]
    else:
        rec["date"] = start.isoformat()
        rec["end"] = ev.decoded("DTEND").isoformat()
    out.append(rec)
print(json.dumps(out))
`

func TestICSParsesWithPythonIcalendar(t *testing.T) {
	const py = "/usr/bin/python3"
	need := func(why string) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s (required under CI=true: apt-get install python3-icalendar)", why)
		}
		t.Skip(why)
	}
	if _, err := os.Stat(py); err != nil {
		need("no " + py)
	}
	if err := exec.Command(py, "-c", "import icalendar").Run(); err != nil {
		need("Python icalendar is not installed")
	}
	cmd := exec.Command(py, "-c", icsCheckScript)
	cmd.Stdin = bytes.NewReader(writeFixture(t))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("icalendar could not parse the output: %v\n%s", err, stderr.String())
	}
	var events []struct {
		UID, Summary, Description, Stamp string
		StartUTC                         string `json:"start_utc"`
		Date, End                        string
		Alarms                           []string
	}
	if err := json.Unmarshal(raw, &events); err != nil {
		t.Fatal(err)
	}
	byUID := map[string]int{}
	for i, e := range events {
		if _, dup := byUID[e.UID]; dup {
			t.Errorf("duplicate UID %s", e.UID)
		}
		byUID[e.UID] = i
		if e.Stamp != "2026-11-22T09:00:00+00:00" {
			t.Errorf("%s: DTSTAMP %s", e.UID, e.Stamp)
		}
		if !strings.Contains(e.Summary, "WCC-") && !strings.Contains(e.Summary, "FAR-") {
			t.Errorf("%s: summary %q lacks the case reference", e.UID, e.Summary)
		}
		if !strings.Contains(e.Description, "Basis: ") {
			t.Errorf("%s: description %q lacks the basis", e.UID, e.Description)
		}
	}
	get := func(uid string) int {
		i, ok := byUID[uid]
		if !ok {
			t.Fatalf("no event %s", uid)
		}
		return i
	}
	// 30 Nov 2026 is GMT: 17:00 local = 17:00 UTC. 1 Sep 2026 is BST: 17:00 local = 16:00 UTC.
	if e := events[get("appeal_deadline.WCC-2026-0412@sendgen")]; e.StartUTC != "2026-11-30T17:00" ||
		len(e.Alarms) != 1 || e.Alarms[0] != "-P7D" {
		t.Errorf("appeal deadline: %+v", e)
	}
	if e := events[get("appeal_deadline.WCC-2026-0999@sendgen")]; e.StartUTC != "2026-09-01T16:00" {
		t.Errorf("BST appeal deadline: %+v", e)
	}
	if e := events[get("certificate_due.WCC-2026-0412@sendgen")]; e.Date != "2026-10-30" || e.End != "2026-10-31" {
		t.Errorf("certificate due: %+v", e)
	}
	if e := events[get("phase_transfer_by.WCC-2026-0412@sendgen")]; e.Date != "2027-02-15" ||
		!strings.Contains(e.Description, "14 February is the last day") {
		t.Errorf("phase transfer: %+v", e)
	}
	if e := events[get("appeal_deadline.WCC-2026-0412@sendgen")]; !strings.Contains(e.Description, "r.20(1)(c), r.12") {
		t.Errorf("escaped comma not restored: %q", e.Description)
	}
}

// SEND Regs 2014 reg 42(2) with reg 44(2)(b), (c): the calendar carries each statutory step of
// an agreed action (both where reg 44 has two), or the date written into the agreement
// (reg 42(5)); an action a school owns with no date has none. Events name the action by its
// number, never by its text, which may name people (legal-review.md E5, E10).
func TestWriteICSAgreedActionSteps(t *testing.T) {
	dates := Compute(Inputs{Case: "AS-1", DecisionType: "refuse-assessment", Decision: d("2026-09-14"),
		Choice: "mediate", LAInformed: d("2026-09-22"), MediationDate: d("2026-10-20"), LocalAuthority: "Leeds City Council",
		Actions: []AgreedAction{
			{Text: "Carry out an EHC needs assessment for Zoë", Who: "Leeds City Council"},
			{Text: "Issue an EHC plan", Who: "Leeds City Council"},
			{Text: "Share the timetable", Who: "Head teacher, Oak School"},
			{Text: "Send the minutes to Aoife", Who: "Jo Smith"},
		}}, nil)
	var b bytes.Buffer
	agreed := []time.Time{{}, {}, {}, d("2026-11-20")}
	if err := WriteICS(&b, []ICSCase{{Case: "AS-1", Dates: dates, AgreedBy: agreed}}, icsStamp); err != nil {
		t.Fatal(err)
	}
	out := strings.ReplaceAll(b.String(), "\r\n ", "")
	for _, w := range []string{
		"UID:action_1_step_1.AS-1@sendgen", "DTSTART;VALUE=DATE:20261103", "SUMMARY:AS-1: agreed action 1: notify that it will make the assessment",
		"UID:action_1_step_2.AS-1@sendgen", "DTSTART;VALUE=DATE:20261229",
		"UID:action_1_step_3.AS-1@sendgen", "DTSTART;VALUE=DATE:20270126", "reg 44(2)(b)",
		"UID:action_2_step_1.AS-1@sendgen", "DTSTART;VALUE=DATE:20261124", "SUMMARY:AS-1: agreed action 2: issue a draft EHC plan",
		"UID:action_2_step_2.AS-1@sendgen", "DTSTART;VALUE=DATE:20270105", "reg 44(2)(c)",
		"UID:action_4.AS-1@sendgen", "DTSTART;VALUE=DATE:20261120", "reg 42(5)",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q", w)
		}
	}
	for _, w := range []string{"action_3", "Zoë", "Aoife", "Oak School"} {
		if strings.Contains(out, w) {
			t.Errorf("should not contain %q", w)
		}
	}
}
