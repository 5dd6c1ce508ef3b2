package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sendgen/sendgen/internal/cli"
)

// TestUndatedActionOneDate: for an agreed action with no date, `sendgen
// timeline --format json` gives a default due date, and the outcome form
// printed by `sendgen render` and by `sendgen build` (both through the one
// pipeline) shows exactly that date. Before the pipeline, render's own
// fallback said 2026-10-15 where the linter said 2026-11-05.
func TestUndatedActionOneDate(t *testing.T) {
	pdftotext := needTool(t, "pdftotext")
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.md")
	if err := os.WriteFile(casePath, []byte(undatedCase), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := cli.Main([]string{"timeline", "--format", "json", "--today", "2026-11-01", casePath}, nil, &out, &errb); code != 0 {
		t.Fatalf("timeline exit %d: %s", code, errb.String())
	}
	var tl struct {
		Actions []struct {
			DefaultDue string `json:"default_due"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(out.Bytes(), &tl); err != nil || len(tl.Actions) != 1 || tl.Actions[0].DefaultDue == "" {
		t.Fatalf("timeline JSON %s: %v", out.String(), err)
	}
	due, err := time.Parse(time.DateOnly, tl.Actions[0].DefaultDue)
	if err != nil {
		t.Fatal(err)
	}
	if tl.Actions[0].DefaultDue != "2026-11-05" {
		t.Errorf("timeline's default %s; the reg 42(2) plan-amendment period from 2026-10-01 is 2026-11-05", tl.Actions[0].DefaultDue)
	}
	want := due.Format("2 January 2006")
	for _, command := range []string{"render", "build"} {
		outDir := filepath.Join(dir, command)
		out.Reset()
		errb.Reset()
		cli.Main([]string{command, "--draft", "--today", "2026-11-01", "--out", outDir, casePath}, nil, &out, &errb)
		pdf := filepath.Join(outDir, "UND-1-outcome-form.pdf")
		text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("%s: %v (%s%s)", command, err, out.String(), errb.String())
		}
		if !strings.Contains(string(text), want) {
			t.Errorf("sendgen %s: the outcome form does not print %s, the date timeline gives", command, want)
		}
	}
}

func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is needed under CI", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

const undatedCase = `---
case: UND-1
child:
  name: Amira Haddad
appellant:
  name: Amira Haddad
  role: young-person
local_authority: Nottinghamshire County Council
decision:
  type: plan-contents
  date: 2026-08-20
  sections: [F]
mediation:
  adviser: Global Mediation
  adviser_contacted: 2026-09-01
  choice: mediate
  la_informed: 2026-09-02
  date: 2026-10-01
  mediator: Sam Patel
  attendees:
    - name: Dana Fox
      role: SEN Officer
      organisation: Nottinghamshire County Council
      authority: true
---

# Agreed actions

| Action | Who | By |
| --- | --- | --- |
| Weekly 1-hour mentoring session with a learning mentor employed by the college. | Dana Fox, SEN Officer | |
`
