package build

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendgen/sendgen/internal/pdftest"
	"github.com/sendgen/sendgen/render"
)

// TestAppendixConcernsTheDocument: a draft's appendix lists the findings
// about what that document prints. A certificate's appendix has no
// provision or agreed-action findings; a position statement's has no
// agreed-action findings; front-matter findings are in every appendix.
func TestAppendixConcernsTheDocument(t *testing.T) {
	src := strings.Replace(front, "role: parent", "role: mother", 1) + vagueProvision + vagueActions
	ws := workspace(t, Options{})
	res := ws.Check(context.Background(), "case.md", []byte(src))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	rules := func(kind render.Document) map[string]bool {
		out := map[string]bool{}
		for _, f := range appendixFindings(res, kind) {
			out[f.Rule] = true
		}
		return out
	}
	for _, tt := range []struct {
		kind     render.Document
		has, not []string
	}{
		{render.Certificate, []string{"frontmatter"}, []string{"vague-wording", "missing-frequency", "hedged-commitment"}},
		{render.PositionStatement, []string{"frontmatter", "vague-wording", "missing-frequency"}, []string{"hedged-commitment"}},
		{render.OutcomeForm, []string{"frontmatter", "hedged-commitment"}, []string{"vague-wording", "missing-frequency"}},
	} {
		got := rules(tt.kind)
		for _, r := range tt.has {
			if !got[r] {
				t.Errorf("%s appendix: no %s finding (has %v)", tt.kind, r, got)
			}
		}
		for _, r := range tt.not {
			if got[r] {
				t.Errorf("%s appendix lists %s, which concerns another document", tt.kind, r)
			}
		}
	}
	// The suggestion is kept apart, for its own line.
	for _, f := range appendixFindings(res, render.PositionStatement) {
		if strings.Contains(f.Message, "Suggestion:") {
			t.Errorf("suggestion run on into the message: %q", f.Message)
		}
		if f.Rule == "vague-wording" && f.Suggestion == "" {
			t.Errorf("vague-wording finding without its suggestion")
		}
	}
}

// TestPlaceholdersHoldBack: a placeholder holds back every final document
// that would print it, the certificate included, and only those.
func TestPlaceholdersHoldBack(t *testing.T) {
	ws := workspace(t, Options{})
	for _, tt := range []struct {
		name string
		src  string
		want map[render.Document]State
	}{
		{"in the front matter", strings.Replace(front, "name: Zoë Ó Súilleabháin", `name: "[[child's full name]]"`, 1) + goodProvision + actions,
			map[render.Document]State{render.PositionStatement: HeldBack, render.OutcomeForm: HeldBack, render.Certificate: HeldBack}},
		{"in the background", front + "\n# Background\n\n[[What happened.]]\n" + goodProvision + actions,
			map[render.Document]State{render.PositionStatement: HeldBack, render.OutcomeForm: Ready, render.Certificate: Ready}},
		{"in an agreed action", front + goodProvision + "\n# Agreed actions\n\n| Action | Who | By |\n| --- | --- | --- |\n| Send the plan. | [[who]] | 2026-11-10 |\n",
			map[render.Document]State{render.PositionStatement: Ready, render.OutcomeForm: HeldBack, render.Certificate: Ready}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := ws.Check(context.Background(), "case.md", []byte(tt.src))
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			for kind, want := range tt.want {
				if d := res.Document(kind); d.State != want {
					t.Errorf("%s: %s, want %s (blocking %v)", kind, d.State, want, d.Blocking)
				}
			}
		})
	}
}

// TestAppendixSuggestionOwnLine renders a draft and reads it back: the
// suggestion starts its own line in the appendix, after the message.
func TestAppendixSuggestionOwnLine(t *testing.T) {
	pdftotext := pdftest.Tool(t, "pdftotext")
	ws := workspace(t, Options{})
	res := ws.Check(context.Background(), "case.md", []byte(front+vagueProvision+actions))
	pdf, err := ws.Render(res, render.PositionStatement, true)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "draft.pdf")
	write(t, p, string(pdf))
	out, err := exec.Command(pdftotext, "-raw", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	i := strings.Index(text, "Appendix")
	if i < 0 {
		t.Fatalf("no appendix:\n%s", text)
	}
	n := 0
	for _, line := range strings.Split(text[i:], "\n") {
		if j := strings.Index(line, "Suggestion:"); j >= 0 {
			n++
			if strings.TrimSpace(line[:j]) != "" {
				t.Errorf("suggestion runs on from the text before it: %q", line)
			}
		}
	}
	if n == 0 {
		t.Errorf("no suggestion in the appendix:\n%s", text[i:])
	}
}
