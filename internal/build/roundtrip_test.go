package build

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/pdftest"
	"github.com/sendgen/sendgen/render"
	"github.com/sendgen/sendgen/send"
)

// shows is how the documents print one front-matter field.
type shows struct {
	// in are the documents that print the value (when the case has them).
	in []render.Document
	// as is the text a document prints for value v, "" when it prints
	// nothing for it in this case; nil means the value as written.
	as func(c *casefile.Case, doc render.Document, v string) string
	// why says what a field no document prints is for: it is used, not
	// dropped.
	why string
}

var (
	everyDoc = []render.Document{render.PositionStatement, render.OutcomeForm, render.Certificate}
	formCert = []render.Document{render.OutcomeForm, render.Certificate}
)

func longDate(_ *casefile.Case, _ render.Document, v string) string {
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return v
	}
	return t.Format("2 January 2006") // also inside "Monday 2 January 2006"
}

// frontFields classifies every front-matter field: the documents that
// print it and how, or what it is for. A field of a sample missing here
// fails TestSamplesRoundTrip, so a new field is classified when it is added.
var frontFields = map[string]shows{
	"case":                {in: everyDoc},
	"child.name":          {in: everyDoc},
	"child.date_of_birth": {in: everyDoc, as: longDate},
	"child.transfer.to":   {why: "decides the reg 18 date the plan must be amended by, which the position statement prints"},
	"child.transfer.date": {why: "decides the reg 18 date the plan must be amended by, which the position statement prints"},
	"appellant.name":      {in: everyDoc},
	"appellant.role":      {in: everyDoc, as: func(_ *casefile.Case, _ render.Document, v string) string { return send.RoleLabel(v) }},
	"local_authority":     {in: everyDoc},
	"decision.type": {in: everyDoc, as: func(_ *casefile.Case, _ render.Document, v string) string {
		d, _ := send.LookupDecisionType(v)
		return d.Label
	}},
	"decision.date":               {in: everyDoc, as: longDate},
	"decision.sections":           {in: everyDoc, as: func(_ *casefile.Case, _ render.Document, v string) string { return "Section " + v }},
	"mediation.adviser":           {in: formCert},
	"mediation.adviser_name":      {in: []render.Document{render.Certificate}},
	"mediation.adviser_contacted": {in: []render.Document{render.Certificate}, as: longDate},
	"mediation.choice":            {why: "decides which certificate is issued (CFA 2014 s.55(4) or (5)) and what it certifies"},
	"mediation.la_informed":       {why: "starts the 30 days to arrange mediation, whose end the position statement prints"},
	"mediation.date":              {in: formCert, as: longDate},
	"mediation.mediator": {in: formCert, as: func(c *casefile.Case, doc render.Document, v string) string {
		if doc == render.Certificate && c.Front.Mediation.Choice.Value == "decline" {
			return ""
		}
		return v
	}},
	"mediation.attendees.name":         {in: []render.Document{render.OutcomeForm}},
	"mediation.attendees.role":         {in: []render.Document{render.OutcomeForm}},
	"mediation.attendees.organisation": {in: []render.Document{render.OutcomeForm}},
	"mediation.attendees.authority": {in: []render.Document{render.OutcomeForm}, as: func(_ *casefile.Case, _ render.Document, v string) string {
		if v == "true" {
			return "Yes: confirmed authority to agree the outcome"
		}
		return ""
	}},
	"certificate.issued": {in: []render.Document{render.Certificate}, as: longDate},
	"certificate.issues_resolved": {in: []render.Document{render.Certificate}, as: func(_ *casefile.Case, _ render.Document, v string) string {
		return map[string]string{"all": "All of the issues were resolved", "partly": "Some of the issues were resolved", "none": "None of the issues were resolved"}[v]
	}},
	"author.name":             {in: []render.Document{render.PositionStatement}},
	"position_statement.date": {in: []render.Document{render.PositionStatement}, as: longDate},
	"author.role":             {in: []render.Document{render.PositionStatement}},
}

// scalar is one front-matter value as written, with its field.
type scalar struct {
	field, value string
	line         int
}

// scalars walks a front matter's YAML and returns every scalar value as the
// writer wrote it, with its field path (list indexes dropped:
// "mediation.attendees.name"). A quoted value is its text between the
// quotes; any other value is the text on its line, so a tag or an anchor
// YAML would read ("&Zoe Smith" is "Smith" to YAML) stays in the value the
// documents must print.
func scalars(t *testing.T, src []byte) []scalar {
	t.Helper()
	front := bytes.TrimPrefix(bytes.SplitN(src, []byte("\n---\n"), 2)[0], []byte("---\n"))
	lines := strings.Split(string(front), "\n")
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		t.Fatal(err)
	}
	written := func(n *yaml.Node, flow bool) string {
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 || n.Line < 1 || n.Line > len(lines) {
			return n.Value
		}
		raw := []rune(lines[n.Line-1])
		if n.Column-1 > len(raw) {
			return n.Value
		}
		v := string(raw[n.Column-1:])
		if i := strings.Index(v, " #"); i >= 0 {
			v = v[:i]
		}
		if flow {
			if i := strings.IndexAny(v, ",]}"); i >= 0 {
				v = v[:i]
			}
		}
		return strings.TrimSpace(v)
	}
	var out []scalar
	var walk func(n *yaml.Node, path string, flow bool)
	walk = func(n *yaml.Node, path string, flow bool) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, path, flow || n.Style&yaml.FlowStyle != 0)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := n.Content[i].Value
				if path != "" {
					p = path + "." + p
				}
				walk(n.Content[i+1], p, flow || n.Style&yaml.FlowStyle != 0)
			}
		case yaml.ScalarNode:
			out = append(out, scalar{path, written(n, flow), n.Line + 1})
		default:
			t.Errorf("line %d: %s is a YAML alias, which no document can print as written", n.Line+1, path)
		}
	}
	walk(&doc, "", false)
	return out
}

// TestSamplesRoundTrip renders every sample's documents (drafts for
// samples/drafts) and reads them back: each front-matter value a document
// prints is there exactly as written (or in the form documented in
// frontFields), so nothing in the front matter is dropped or reinterpreted
// on its way into a document; every other field is classified with what it
// is for.
func TestSamplesRoundTrip(t *testing.T) {
	pdftotext := pdftest.Tool(t, "pdftotext")
	finals, _ := filepath.Glob("../../samples/*.md")
	drafts, _ := filepath.Glob("../../samples/drafts/*.md")
	if len(finals) == 0 || len(drafts) == 0 {
		t.Fatal("no samples")
	}
	// The date make run pins: every event in samples/ has happened by then.
	ws := workspace(t, Options{Today: time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)})
	for _, path := range append(finals, drafts...) {
		draft := strings.Contains(path, "drafts")
		t.Run(filepath.Base(path), func(t *testing.T) {
			res := ws.CheckFile(context.Background(), path)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			texts := map[render.Document]string{}
			for _, d := range res.Applicable() {
				pdf, err := ws.Render(res, d.Kind, draft)
				if err != nil {
					t.Fatal(err)
				}
				p := filepath.Join(t.TempDir(), d.File)
				write(t, p, string(pdf))
				out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", p, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				text := string(out)
				if i := strings.Index(text, "Appendix: lint findings"); i >= 0 {
					text = text[:i] // the findings quote values; the document must print them itself
				}
				texts[d.Kind] = strings.Join(strings.Fields(text), " ")
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range scalars(t, src) {
				f, ok := frontFields[s.field]
				if !ok {
					t.Errorf("line %d: field %s is in no document and has no stated use: classify it in frontFields", s.line, s.field)
					continue
				}
				if len(f.in) == 0 && f.why == "" {
					t.Errorf("field %s: neither printed nor used", s.field)
				}
				for _, doc := range f.in {
					text, ok := texts[doc]
					if !ok {
						continue // the case does not have this document
					}
					want := s.value
					if f.as != nil {
						want = f.as(res.Case, doc, s.value)
					}
					want = strings.Join(strings.Fields(want), " ")
					if want != "" && !strings.Contains(text, want) {
						t.Errorf("line %d: %s %q: the %s does not print %q", s.line, s.field, s.value, doc, want)
					}
				}
			}
		})
	}
}
