package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sendgen/sendgen/internal/pdftest"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/render"
)

var today = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

const front = `---
case: B-1
child:
  name: Zoë Ó Súilleabháin
appellant:
  name: Aoife Ó Súilleabháin
  role: parent
local_authority: Westminster City Council
decision:
  type: plan-contents
  date: 2026-09-14
  sections: [F]
mediation:
  adviser: Global Mediation
  adviser_contacted: 2026-09-30
  choice: mediate
  la_informed: 2026-10-01
  date: 2026-10-27
  mediator: Sam Patel
  attendees:
    - name: Jo Smith
      role: SEN Team Manager
      organisation: Westminster City Council
      authority: true
certificate:
  issued: 2026-10-29
  issues_resolved: partly
---
`

const goodProvision = `
# Requested provision

- 45 minutes of 1:1 speech and language therapy each week, delivered by an HCPC-registered Speech and Language Therapist.
`

const vagueProvision = `
# Requested provision

- Access to speech and language therapy.
`

const actions = `
# Agreed actions

| Action | Who | By |
| --- | --- | --- |
| Send the amended plan to the family. | Jo Smith, SEN Team Manager | 2026-11-10 |
`

const vagueActions = `
# Agreed actions

| Action | Who | By |
| --- | --- | --- |
| The council will consider funding a laptop. | Jo Smith, SEN Team Manager | 2026-11-10 |
`

func workspace(t testing.TB, opts Options) *Workspace {
	t.Helper()
	if opts.Today.IsZero() {
		opts.Today = today
	}
	ws, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func TestDocumentStates(t *testing.T) {
	tests := []struct {
		name string
		body string
		want map[render.Document]State
	}{
		{"all clean", goodProvision + actions,
			map[render.Document]State{render.PositionStatement: Ready, render.OutcomeForm: Ready, render.Certificate: Ready}},
		{"vague provision holds the statement back, not the form or certificate", vagueProvision + actions,
			map[render.Document]State{render.PositionStatement: HeldBack, render.OutcomeForm: Ready, render.Certificate: Ready}},
		{"a hedged action holds the form back", goodProvision + vagueActions,
			map[render.Document]State{render.PositionStatement: Ready, render.OutcomeForm: HeldBack, render.Certificate: Ready}},
		{"no provision section: no statement", actions,
			map[render.Document]State{render.PositionStatement: NotApplicable, render.OutcomeForm: Ready, render.Certificate: Ready}},
	}
	ws := workspace(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ws.Check(context.Background(), "case.md", []byte(front+tt.body))
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if len(res.Documents) != len(render.AllDocuments) {
				t.Fatalf("%d documents, want one per render.AllDocuments", len(res.Documents))
			}
			for kind, want := range tt.want {
				d := res.Document(kind)
				if d.State != want {
					t.Errorf("%s: %s (%s), want %s", kind, d.State, d.Reason, want)
				}
				switch d.State {
				case HeldBack:
					if len(d.Blocking) == 0 {
						t.Errorf("%s held back by no findings", kind)
					}
					for _, f := range d.Blocking {
						if f.Severity != lint.Error {
							t.Errorf("%s held back by a %s finding", kind, f.Severity)
						}
					}
				case NotApplicable:
					if d.Reason == "" {
						t.Errorf("%s does not apply, with no reason", kind)
					}
				case Ready:
					if d.File != "B-1-"+string(kind)+".pdf" {
						t.Errorf("%s file %q", kind, d.File)
					}
				}
			}
		})
	}
}

// TestRenderRefusesHeldBackFinal: a final document the findings hold back
// cannot be had from the pipeline by mistake; its draft can.
func TestRenderRefusesHeldBackFinal(t *testing.T) {
	ws := workspace(t, Options{})
	res := ws.Check(context.Background(), "case.md", []byte(front+vagueProvision))
	if _, err := ws.Render(res, render.PositionStatement, false); !errors.Is(err, ErrHeldBack) {
		t.Fatalf("final of a held-back statement: %v, want ErrHeldBack", err)
	}
	pdf, err := ws.Render(res, render.PositionStatement, true)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("draft: %v", err)
	}
	if _, err := ws.Render(res, render.OutcomeForm, true); err == nil || !strings.Contains(err.Error(), "Agreed actions") {
		t.Errorf("a document the case does not have: %v", err)
	}
}

// TestOneTimetable: the dates the findings were judged against are the
// dates a document prints, configured bank holidays included.
func TestOneTimetable(t *testing.T) {
	dir := t.TempDir()
	// 2026-11-02 as a (made-up) extra holiday moves the certificate due date.
	write(t, filepath.Join(dir, ".sendgen.yaml"), "bank_holidays: ['2026-10-28']\n")
	casePath := filepath.Join(dir, "case.md")
	write(t, casePath, front+goodProvision+actions)
	ws := workspace(t, Options{})
	res := ws.CheckFile(context.Background(), casePath)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	// Mediation 2026-10-27 + 3 working days, 28 October not one: 2026-11-02.
	if got := res.Dates.CertificateDue.Date.Format(time.DateOnly); got != "2026-11-02" {
		t.Errorf("certificate due %s, want 2026-11-02 with the configured holiday", got)
	}
	if len(res.Config) != 2 || res.Config[1] != filepath.Join(dir, ".sendgen.yaml") {
		t.Errorf("configuration sources %q", res.Config)
	}
	if len(res.Dates.Actions) != 1 {
		t.Fatalf("%d action defaults, want 1", len(res.Dates.Actions))
	}
}

// TestInvalidate: a changed .sendgen.yaml applies after Invalidate, and
// not before (the engine is built once per configuration file).
// TestFolderEngine: a folder's engine is the one its case files are
// checked with, built once; another folder's configuration has its own.
func TestFolderEngine(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "team", ".sendgen.yaml"), "rules:\n  missing-provider:\n    severity: off\n")
	ws := workspace(t, Options{})
	for _, folder := range []string{dir, filepath.Join(dir, "team")} {
		fe, err := ws.FolderEngine(folder)
		if err != nil {
			t.Fatal(err)
		}
		e, _, err := ws.Engine(filepath.Join(folder, "case.md"))
		if err != nil {
			t.Fatal(err)
		}
		if fe != e {
			t.Errorf("%s: the folder's engine is not its case files'", folder)
		}
	}
	a, _ := ws.FolderEngine(dir)
	b, _ := ws.FolderEngine(filepath.Join(dir, "team"))
	if r, _ := b.Rule("missing-provider"); a == b || r.Severity != lint.Off {
		t.Error("the team folder's configuration does not apply to its engine")
	}
}

func TestInvalidate(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".sendgen.yaml")
	casePath := filepath.Join(dir, "sub", "case.md")
	write(t, casePath, front+vagueProvision)
	ws := workspace(t, Options{})
	count := func() int {
		res := ws.CheckFile(context.Background(), casePath)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		n := 0
		for _, f := range res.Findings {
			if f.Rule == "missing-provider" {
				n++
			}
		}
		return n
	}
	if count() != 1 {
		t.Fatal("want one missing-provider finding with the built-in rules")
	}
	write(t, cfg, "rules:\n  missing-provider:\n    severity: off\n")
	if count() != 1 {
		t.Error("the configuration found before is cached until Invalidate")
	}
	ws.Invalidate()
	if count() != 0 {
		t.Error("after Invalidate the new .sendgen.yaml turns the rule off")
	}
	if err := os.Remove(cfg); err != nil {
		t.Fatal(err)
	}
	ws.Invalidate()
	if count() != 1 {
		t.Error("after Invalidate a removed .sendgen.yaml no longer applies")
	}
}

func TestBrokenConfigIsTheResultsError(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".sendgen.yaml"), "rules:\n  missing-provder:\n    severity: off\n")
	casePath := filepath.Join(dir, "case.md")
	write(t, casePath, front+goodProvision)
	res := workspace(t, Options{}).CheckFile(context.Background(), casePath)
	if res.Err == nil || !strings.Contains(res.Err.Error(), ".sendgen.yaml:2") || !strings.Contains(res.Err.Error(), "missing-provider") {
		t.Fatalf("error %v, want the file, the line and the did-you-mean", res.Err)
	}
}

func TestNotACaseFile(t *testing.T) {
	res := workspace(t, Options{}).Check(context.Background(), "bin.md", []byte("\x00\x01"))
	if res.Err == nil || res.Case != nil || res.Documents != nil {
		t.Fatalf("result %+v", res)
	}
	if _, err := workspace(t, Options{}).Render(res, render.Certificate, true); err == nil {
		t.Error("rendering a file that is not a case file should fail")
	}
}

// TestCheckCancelled: a run whose context is done stops with its error.
func TestCheckCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := workspace(t, Options{}).Check(ctx, "case.md", []byte(front+goodProvision))
	if !errors.Is(res.Err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", res.Err)
	}
}

// TestConcurrentChecks shares one workspace between goroutines, as every
// batch command does (run with -race).
func TestConcurrentChecks(t *testing.T) {
	ws := workspace(t, Options{})
	want := ws.Check(context.Background(), "case.md", []byte(front+vagueProvision+actions))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := ws.Check(context.Background(), "case.md", []byte(front+vagueProvision+actions))
			if res.Err != nil || len(res.Findings) != len(want.Findings) {
				t.Errorf("concurrent check: %v, %d findings, want %d", res.Err, len(res.Findings), len(want.Findings))
				return
			}
			if i%2 == 0 {
				if _, err := ws.Render(res, render.OutcomeForm, false); err != nil {
					t.Error(err)
				}
			}
			ws.Invalidate()
		}()
	}
	wg.Wait()
}

// TestUndatedActionSameDateEverywhere renders an outcome form whose agreed
// action has no date and reads the PDF back: it prints the default the
// timetable (and so `sendgen timeline`) gives, the plan-amendment period
// because the action is provision agreed in an appealable dispute.
func TestUndatedActionSameDateEverywhere(t *testing.T) {
	pdftotext := pdftest.Tool(t, "pdftotext")
	body := goodProvision + `
# Agreed actions

| Action | Who | By |
| --- | --- | --- |
| Weekly 1-hour mentoring session with a learning mentor employed by the college. | Jo Smith, SEN Team Manager | |
`
	ws := workspace(t, Options{})
	res := ws.Check(context.Background(), "case.md", []byte(front+body))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	due := res.Dates.Actions[0].Due
	// Mediation 2026-10-27 + 5 weeks (reg 42(2), reg 44: amend the plan).
	if due.Format(time.DateOnly) != "2026-12-01" {
		t.Fatalf("default %s, want 2026-12-01", due.Format(time.DateOnly))
	}
	pdf, err := ws.Render(res, render.OutcomeForm, true)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "form.pdf")
	write(t, p, string(pdf))
	out, err := exec.Command(pdftotext, "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "1 December 2026") {
		t.Errorf("the form does not print the timetable's default 1 December 2026:\n%s", out)
	}
}

func write(t testing.TB, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFrontMatterErrorsHoldEveryDocument: a blank name, an impossible date
// or a misspelt field would print a document that is silently wrong, so
// every final document waits, the certificate included.
func TestFrontMatterErrorsHoldEveryDocument(t *testing.T) {
	ws := workspace(t, Options{})
	for _, tc := range []struct{ name, from, to string }{
		{"no child's name", "  name: Zoë Ó Súilleabháin\n", ""},
		{"an impossible decision date", "date: 2026-09-14", "date: 2026-09-31"},
		{"a misspelt field", "  issues_resolved: partly", "  issues_resolvd: partly"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(front, tc.from, tc.to, 1)
			res := ws.Check(context.Background(), "case.md", []byte(src+goodProvision+actions))
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if len(res.FrontMatterErrors()) == 0 {
				t.Fatal("no front-matter error")
			}
			for _, d := range res.Documents {
				if d.State != HeldBack {
					t.Errorf("%s is %s, want held back", d.Kind, d.State)
				}
				if _, err := ws.Render(res, d.Kind, false); !errors.Is(err, ErrHeldBack) {
					t.Errorf("%s final: %v", d.Kind, err)
				}
			}
		})
	}
}

// TestBudget: a file still being checked after the budget is this file's
// error and the caller moves on.
func TestBudget(t *testing.T) {
	ws := workspace(t, Options{Budget: time.Microsecond})
	src := front + strings.Repeat(vagueProvision, 200)
	res := ws.Check(context.Background(), "slow.md", []byte(src))
	if res.Err == nil || !strings.Contains(res.Err.Error(), "still being checked after 1µs") || !strings.Contains(res.Err.Error(), "slow.md") {
		t.Fatalf("err %v", res.Err)
	}
}

// TestNowReadAtEachCheck: with no fixed Today, every Check reads the clock
// it was given, so a language server left running judges the appeal
// deadline against the day it is.
func TestNowReadAtEachCheck(t *testing.T) {
	clock := time.Date(2026, 11, 1, 15, 0, 0, 0, time.UTC)
	ws, err := New(Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	severity := func() lint.Severity {
		res := ws.Check(context.Background(), "case.md", []byte(front+goodProvision))
		for _, f := range res.Findings {
			if f.Rule == "appeal-deadline" {
				return f.Severity
			}
		}
		t.Fatal("no appeal-deadline finding")
		return lint.Off
	}
	if got := severity(); got != lint.Info {
		t.Fatalf("on %s the deadline is weeks away: want info, got %s", clock.Format(time.DateOnly), got)
	}
	clock = clock.AddDate(0, 3, 0)
	if got := severity(); got != lint.Error {
		t.Fatalf("on %s the deadline has passed: want error, got %s", clock.Format(time.DateOnly), got)
	}
}
