package lsp

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sendgen/sendgen/timeline"
)

// TestDateProduces checks the hover's table of which statutory dates each
// front-matter date produces against timeline.Compute itself: leaving the
// date out must change exactly those dates (in value or explanation), in a
// case that mediated and in one that declined.
func TestDateProduces(t *testing.T) {
	d := func(s string) time.Time { v, _ := time.Parse(time.DateOnly, s); return v }
	base := timeline.Inputs{DecisionType: "plan-contents", Decision: d("2026-09-14"), Sections: []string{"F"},
		AppellantRole: "parent", AdviserContacted: d("2026-09-30"), LAInformed: d("2026-10-01"),
		MediationDate: d("2026-10-27"), CertificateIssued: d("2026-10-29"), TransferTo: "secondary", TransferDate: d("2027-09-01")}
	declined := base
	declined.Choice, declined.MediationDate = "decline", time.Time{}
	mediated := base
	mediated.Choice = "mediate"
	inputs := map[string]func(*timeline.Inputs){
		"decision.date":               func(in *timeline.Inputs) { in.Decision = time.Time{} },
		"mediation.adviser_contacted": func(in *timeline.Inputs) { in.AdviserContacted = time.Time{} },
		"mediation.la_informed":       func(in *timeline.Inputs) { in.LAInformed = time.Time{} },
		"mediation.date":              func(in *timeline.Inputs) { in.MediationDate = time.Time{} },
		"certificate.issued":          func(in *timeline.Inputs) { in.CertificateIssued = time.Time{} },
		"child.transfer.date":         func(in *timeline.Inputs) { in.TransferDate = time.Time{} },
		"child.date_of_birth":         func(in *timeline.Inputs) {}, // not an input of the timetable
	}
	keys := []string{timeline.KeyAdviserContactBy, timeline.KeyCertificateDue, timeline.KeyMediationDue, timeline.KeyAppealDeadline, timeline.KeyPhaseTransferBy}
	for path, drop := range inputs {
		want, ok := produces[path]
		if !ok {
			t.Errorf("%s is not in the hover's table", path)
			continue
		}
		changed := map[string]bool{}
		for _, in := range []timeline.Inputs{mediated, declined} {
			full := timeline.Compute(in, nil)
			less := in
			drop(&less)
			part := timeline.Compute(less, nil)
			for _, k := range keys {
				a, b := dateByKey(full, k), dateByKey(part, k)
				if !a.Date.Equal(b.Date) || a.Why != b.Why {
					changed[k] = true
				}
			}
		}
		var got []string
		for _, k := range keys {
			if changed[k] {
				got = append(got, k)
			}
		}
		slices.Sort(got)
		w := slices.Clone(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("%s produces %v according to timeline.Compute, the hover says %v", path, got, w)
		}
	}
	if len(produces) != len(inputs) {
		t.Errorf("the hover's table has %d dates, the test %d", len(produces), len(inputs))
	}
}

// TestDateHoverActions: mediation.date's hover lists the agreed actions'
// statutory defaults.
func TestDateHoverActions(t *testing.T) {
	c := newClient(t, Options{}, ClientCapabilities{})
	text := strings.Replace(front, "---\n", "", 2)
	text = "---\n" + text + "mediation:\n  choice: mediate\n  date: 2026-10-27\n---\n\n# Agreed actions\n\n" +
		"| Action | Who | By |\n| --- | --- | --- |\n| Issue the amended plan for Zoë. | Jo Smith, SEN Team Manager | 2026-11-10 |\n"
	c.open(uri, 1, text)
	c.version(uri, 1)
	var h Hover
	c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: utf16Col(text, "2026-10-27")}, &h)
	for _, s := range []string{"mediation.date: Tuesday 27 October 2026", "Mediation certificate due", "SEND Regs 2014 regs 34, 39",
		"Agreed action 1, by default", "Issue the amended plan for Zoë."} {
		if !strings.Contains(h.Contents.Value, s) {
			t.Errorf("hover lacks %q:\n%s", s, h.Contents.Value)
		}
	}
}

// TestDisablePlacement: where the disable comment goes, and that applying
// it silences that rule on that line and nothing else.
func TestDisablePlacement(t *testing.T) {
	tests := []struct {
		name, body, word, rule string
		want                   string // a line of the edited text
	}{
		{"list item: at the end of the item before", "- Zoë has 30 minutes of speech and language therapy each week from an HCPC-registered Speech and Language Therapist.\n- Zoë has regular sessions with an occupational therapist.\n",
			"regular", "vague-wording", "- Zoë has 30 minutes of speech and language therapy each week from an HCPC-registered Speech and Language Therapist. <!-- sendgen-disable-next-line vague-wording -->"},
		{"first item after a heading: a line of its own", "- Zoë has regular sessions with an occupational therapist.\n",
			"regular", "vague-wording", "<!-- sendgen-disable-next-line vague-wording -->"},
		{"nested item: at the end of its parent", "- Therapy:\n  - Zoë has regular sessions with an occupational therapist.\n",
			"regular", "vague-wording", "- Therapy: <!-- sendgen-disable-next-line vague-wording -->"},
		{"a paragraph's second line: at the end of the first", "Zoë has 30 minutes of speech and language therapy each week\nfrom an HCPC-registered therapist, and regular sessions with an occupational therapist.\n",
			"regular", "vague-wording", "Zoë has 30 minutes of speech and language therapy each week <!-- sendgen-disable-next-line vague-wording -->"},
	}
	c := newClient(t, Options{}, ClientCapabilities{})
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := "file:///work/cases/dis" + string(rune('a'+i)) + ".md"
			text := front + "\n# Requested provision\n\n" + tt.body
			c.open(u, 1, text)
			before := codes(c.version(u, 1).Diagnostics)
			pos := utf16Col(text, tt.word)
			var actions []CodeAction
			c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: u}, Range: Range{Start: pos, End: pos}}, &actions)
			var edited string
			for _, a := range actions {
				if strings.HasPrefix(a.Title, "Disable "+tt.rule) {
					edited = applyEdits(text, editsOf(t, u, a.Edit))
				}
			}
			if edited == "" {
				t.Fatalf("no disable action for %s in %+v", tt.rule, actions)
			}
			if !slices.Contains(strings.Split(edited, "\n"), strings.TrimSuffix(tt.want, "\n")) {
				t.Errorf("edited text has no line %q:\n%s", tt.want, edited[len(front):])
			}
			c.change(u, 2, edited)
			after := codes(c.version(u, 2).Diagnostics)
			before[tt.rule]--
			if !mapsEqual(before, after) {
				t.Errorf("findings before (less one %s) %v, after %v", tt.rule, before, after)
			}
		})
	}
}

func mapsEqual(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

// TestDisableInTableRow: an agreed action's finding is silenced by a
// comment pair inside its row, which keeps the table whole.
func TestDisableInTableRow(t *testing.T) {
	c := newClient(t, Options{}, ClientCapabilities{})
	text := strings.TrimSuffix(front, "---\n") + "mediation:\n  choice: mediate\n  date: 2026-10-27\n---\n\n# Agreed actions\n\n" +
		"| Action | Who | By |\n| --- | --- | --- |\n| Send Zoë’s plan 😀 to the family. | TBC | 2026-11-10 |\n| Issue the amended plan. | Jo Smith, SEN Team Manager | 2026-11-10 |\n"
	c.open(uri, 1, text)
	before := codes(c.version(uri, 1).Diagnostics)
	if before["action-missing-owner"] != 1 {
		t.Fatalf("want action-missing-owner: %v", before)
	}
	pos := utf16Col(text, "TBC")
	var actions []CodeAction
	c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: Range{Start: pos, End: pos}}, &actions)
	var edited string
	for _, a := range actions {
		if a.Title == "Disable action-missing-owner on this table row" {
			edited = applyEdits(text, editsOf(t, uri, a.Edit))
		}
	}
	wantRow := "| <!-- sendgen-disable action-missing-owner --> Send Zoë’s plan 😀 to the family. | TBC | 2026-11-10 <!-- sendgen-enable action-missing-owner --> |"
	if !strings.Contains(edited, wantRow+"\n") {
		t.Fatalf("edited:\n%s\nactions %+v", edited, actions)
	}
	c.change(uri, 2, edited)
	after := codes(c.version(uri, 2).Diagnostics)
	before["action-missing-owner"]--
	if !mapsEqual(before, after) {
		t.Errorf("before (less one) %v, after %v", before, after)
	}
}
