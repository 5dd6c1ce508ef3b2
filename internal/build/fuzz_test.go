package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/render"
	"github.com/sendgen/sendgen/send"
)

// FuzzPipeline drives the whole pipeline, bytes in, findings and PDFs out,
// and asserts what the tool promises about hostile input:
//   - nothing panics (a panic inside is reported as an "internal error");
//   - every word a final document prints from # Requested provision is a
//     word of a statement the linter judged (nothing printed unchecked);
//   - a final document prints the child's name and the case reference the
//     front matter gives (nothing dropped on the way).
func FuzzPipeline(f *testing.F) {
	for _, glob := range []string{"../../samples/*.md", "../../samples/drafts/*.md", "../../render/testdata/*.md"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(front + goodProvision + actions))
	f.Add([]byte(front + "\n# Requested provision\n\n```\nAccess\u00a0to therapy.\n```\n\n<div>as required</div>\n"))
	ws := workspace(f, Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		defer func() {
			// A mutated case file that takes seconds is a slow path a
			// hostile file could use: a finding in itself.
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("%d bytes took %v", len(src), d)
			}
		}()
		res := ws.Check(context.Background(), "fuzz.md", src)
		if res.Err != nil {
			if strings.Contains(res.Err.Error(), "internal error") {
				t.Fatalf("check: %v", res.Err)
			}
			return
		}
		judged := judgedWords(res.Case)
		for _, d := range res.Documents {
			if d.State != Ready {
				continue
			}
			var drawn strings.Builder
			pdf, err := ws.render(res, d.Kind, false, func(where, text string) {
				drawn.WriteString(text + "\n")
				if where != "# "+send.RequestedProvision {
					return
				}
				for _, w := range words(text) {
					if !judged[w] {
						t.Errorf("%s prints %q from # Requested provision, which the linter never judged (in %q)", d.Kind, w, text)
					}
				}
			})
			var mg *render.MissingGlyphError
			switch {
			case errors.As(err, &mg):
				continue // refused with a clear error: fine
			case err != nil && strings.Contains(err.Error(), "internal error"):
				t.Fatalf("render %s: %v", d.Kind, err)
			case err != nil:
				continue
			case len(pdf) == 0:
				t.Fatalf("render %s: no bytes", d.Kind)
			}
			printed := strings.Join(strings.Fields(drawn.String()), " ")
			f := res.Case.Front
			for _, v := range []string{f.Child.Name.Value, f.Case.Value} {
				if v = strings.Join(strings.Fields(v), " "); v != "" && !strings.Contains(printed, v) {
					t.Errorf("%s does not print %q from the front matter", d.Kind, v)
				}
			}
		}
	})
}

// judgedWords are the words of everything the linter reads in # Requested
// provision (its blocks, tables and headings, sub-sections included).
func judgedWords(c *casefile.Case) map[string]bool {
	out := map[string]bool{"image": true} // an image without alt text prints "[image]"
	add := func(s string) {
		for _, w := range words(s) {
			out[w] = true
		}
	}
	s := c.Body.Find(send.RequestedProvision)
	if s == nil {
		return out
	}
	secs := append([]*casefile.Section{s}, s.Children...)
	for _, sec := range secs {
		add(sec.Title)
		for _, b := range sec.Blocks {
			add(b.Text.Text)
		}
		for _, tb := range sec.Tables {
			for _, h := range tb.Header {
				add(h.Text)
			}
			for _, r := range tb.Rows {
				for _, cell := range r.Cells {
					add(cell.Text)
				}
			}
		}
	}
	return out
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
