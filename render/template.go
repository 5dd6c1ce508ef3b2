package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/sendgen/sendgen/internal/words"
	"github.com/sendgen/sendgen/templates"
)

// templateSet is the parsed templates: the embedded ones, then any files of
// Options.Templates parsed over them, so an override directory only needs
// the files (or the {{define}}s of partials.md) it changes.
//
// Without an override, each document's templates (partials.md, the
// document's file and legal-position/) are parsed the first time that
// document is rendered: a process that renders one outcome form does not
// parse the other two documents' templates (a third of the parsing, which
// was most of New). The embedded templates cannot fail to parse
// (TestEmbeddedTemplatesParse). An override is parsed whole in New, so
// that its mistakes are reported before any case is read.
type templateSet struct {
	t    *template.Template // the override's set, for every document; nil: docs
	docs [3]struct {
		once sync.Once
		t    *template.Template
		err  error
	}
}

// forDoc returns the templates to execute doc with.
func (ts *templateSet) forDoc(doc string) (*template.Template, error) {
	if ts.t != nil {
		return ts.t, nil
	}
	i := 0
	for i < len(AllDocuments)-1 && string(AllDocuments[i]) != doc {
		i++
	}
	d := &ts.docs[i]
	d.once.Do(func() { d.t, d.err = parseTemplates(nil, AllDocuments[i:i+1]) })
	return d.t, d.err
}

// Named templates the renderer executes besides the documents.
const (
	partialsFile        = "partials.md"
	tmplOrganisation    = "organisation"
	tmplConfidentiality = "confidentiality"
	tmplDraftAppendix   = "draft-appendix"
	legalPositionDir    = "legal-position"
	defaultConfidential = "CONFIDENTIAL — contains personal data about a child"
)

// includeMarker is what {{markdown .X}} prints: an HTML comment block the
// Markdown converter replaces with the separately parsed snippet.
const includeMarker = "sendgen:include"

var templateFuncs = template.FuncMap{
	// markdown includes a body section (a Markdown value) as its own block.
	"markdown": func(m Markdown) string {
		if m.ID < 0 || !m.Present {
			return ""
		}
		return fmt.Sprintf("\n\n<!-- %s %d -->\n\n", includeMarker, m.ID)
	},
	// esc escapes any value for Markdown (Text values already print escaped).
	"esc": func(v any) string {
		if t, ok := v.(Text); ok {
			return t.String()
		}
		return escapeMarkdown(fmt.Sprint(v))
	},
	// default returns v, or def when v is empty.
	"default": func(def string, v any) any {
		if isEmpty(v) {
			return Text(def)
		}
		return v
	},
	"upper": func(v any) Text { return Text(strings.ToUpper(raw(v))) },
	"lower": func(v any) Text { return Text(strings.ToLower(raw(v))) },
	// plural picks the singular or plural word for n.
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
	"add": func(a, b int) int { return a + b },
	// joinAnd joins Texts with commas and " and " before the last.
	"joinAnd": func(xs []Text) Text {
		s := make([]string, len(xs))
		for i, x := range xs {
			s[i] = string(x)
		}
		return Text(words.And(s))
	},
}

func raw(v any) string {
	switch x := v.(type) {
	case Text:
		return string(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case Text:
		return strings.TrimSpace(string(x)) == ""
	case string:
		return strings.TrimSpace(x) == ""
	case Date:
		return !x.Known
	case Markdown:
		return !x.Present
	}
	return false
}

// loadTemplates parses the embedded templates and then the override's; with
// no override, each document's are parsed when it is first rendered.
func loadTemplates(override fs.FS) (*templateSet, error) {
	if override == nil {
		return &templateSet{}, nil
	}
	t, err := parseTemplates(override, AllDocuments)
	if err != nil {
		return nil, err
	}
	return &templateSet{t: t}, nil
}

// parseTemplates parses the embedded templates of docs (with partials.md
// and legal-position/), then the override's, and checks that what the
// renderer executes is defined.
func parseTemplates(override fs.FS, docs []Document) (*template.Template, error) {
	root := template.New("sendgen").Funcs(templateFuncs).Option("missingkey=error")
	if err := parseFS(root, templates.FS, "embedded templates", docs); err != nil {
		return nil, err
	}
	if override != nil {
		if err := parseFS(root, override, "templates", docs); err != nil {
			return nil, err
		}
	}
	for _, d := range docs {
		if root.Lookup(string(d)+".md") == nil {
			return nil, fmt.Errorf("templates: no %s.md", d)
		}
	}
	for _, n := range []string{tmplOrganisation, tmplConfidentiality, tmplDraftAppendix} {
		if root.Lookup(n) == nil {
			return nil, fmt.Errorf("templates: %s does not define %q", partialsFile, n)
		}
	}
	return root, nil
}

// parseFS parses the template files of fsys: the documents docs,
// partials.md and, when one of docs prints the legal position,
// legal-position/*.md. Other files (README.md) are ignored.
func parseFS(root *template.Template, fsys fs.FS, what string, docs []Document) error {
	names := []string{partialsFile}
	legal := false
	for _, d := range docs {
		names = append(names, string(d)+".md")
		legal = legal || printsLegalPosition(d)
	}
	if lp, err := fs.Glob(fsys, legalPositionDir+"/*.md"); err == nil && legal {
		sort.Strings(lp)
		names = append(names, lp...)
	}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: reading %s: %w", what, n, err)
		}
		if _, err := root.New(n).Parse(string(b)); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return nil
}

// printsLegalPosition reports whether doc's embedded template prints
// .Body.LegalPosition: only the position statement's does
// (TestEmbeddedTemplatesParse checks the templates' text). The other
// documents' embedded templates are parsed without legal-position/, and their
// default legal position is not worked out, which was a fifth of an outcome
// form's template parsing (77 of 338 µs). An override (--templates) is
// parsed whole, legal-position/ included, for every document, since an
// organisation's outcome form may print it.
func printsLegalPosition(doc Document) bool { return doc == PositionStatement }

// execute runs the document template for v and returns its Markdown. It
// also fills in the default legal position when the case has none and the
// templates have legal-position/.
func (ts *templateSet) execute(v *View) (string, error) {
	t, err := ts.forDoc(v.Document)
	if err != nil {
		return "", err
	}
	if !v.Body.LegalPosition.Present {
		name := path.Join(legalPositionDir, v.Decision.Type+".md")
		if v.Decision.Type == "" || t.Lookup(name) == nil {
			name = path.Join(legalPositionDir, "default.md")
		}
		if t.Lookup(name) != nil {
			s, err := ts.run(t, name, v)
			if err != nil {
				return "", err
			}
			v.Body.LegalPosition = v.snippet(Markdown{Title: "Legal position", Present: strings.TrimSpace(s) != "",
				Default: true, Source: s, origin: "template " + name, offset: -1})
		}
	}
	s, err := ts.run(t, v.Document+".md", v)
	if err != nil {
		return "", err
	}
	if v.Draft {
		a, err := ts.run(t, tmplDraftAppendix, v)
		if err != nil {
			return "", err
		}
		if strings.TrimSpace(a) != "" {
			s += "\n\n<!-- page-break -->\n\n" + a
		}
	}
	return s, nil
}

// run executes the template name of t for v, bounded in output. An
// override's templates run aside and bounded in time too (runAside); the
// embedded ones are sendgen's own, tested, and linear in the case, so they
// run here: a goroutine and a timer per template cost a one-form process
// about 0.2 ms.
func (ts *templateSet) run(t *template.Template, name string, v *View) (string, error) {
	if ts.t != nil {
		return runAside(t, name, v)
	}
	return execTemplate(t, name, v)
}

// execTemplate runs the template bounded in output; a panic is this document's
// error.
func execTemplate(t *template.Template, name string, v *View) (s string, err error) {
	b := &limitedBuffer{max: MaxTemplateOutput}
	defer func() {
		if p := recover(); p != nil {
			s, err = "", fmt.Errorf("template %s: %v", name, p)
		}
	}()
	if err := t.ExecuteTemplate(b, name, v); err != nil {
		return "", fmt.Errorf("template %s: %w", name, err)
	}
	return b.String(), nil
}

// runAside is execTemplate bounded in time as well. An organisation's own
// template (--templates) is code: a loop over {{range 1000000000}} must not
// hang a batch. Execution runs aside; a template that overruns is abandoned
// (it only reads the View) and the document fails with what to fix.
func runAside(t *template.Template, name string, v *View) (string, error) {
	type result struct {
		s   string
		err error
	}
	done := make(chan result, 1)
	go func() {
		s, err := execTemplate(t, name, v)
		done <- result{s, err}
	}()
	timer := time.NewTimer(templateTimeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.s, r.err
	case <-timer.C:
		return "", fmt.Errorf("template %s: still running after %v: does it loop over a huge range? Templates must finish in %v", name, templateTimeout, templateTimeout)
	}
}

// MaxTemplateOutput bounds what one template may write, and
// templateTimeout how long it may run: far beyond any real document (the
// longest sample's template output is about 20 KB and takes well under a
// millisecond). templateTimeout is a variable for the test.
const MaxTemplateOutput = 4 << 20

var templateTimeout = 5 * time.Second

// limitedBuffer fails a write past max bytes, which stops the template.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, fmt.Errorf("the template writes more than %d bytes: does it loop over a huge range?", b.max)
	}
	return b.Buffer.Write(p)
}

// plain runs a partial that yields one line of plain text (header, footer).
func (ts *templateSet) plain(name string, v *View) (string, error) {
	t, err := ts.forDoc(v.Document)
	if err != nil {
		return "", err
	}
	s, err := ts.run(t, name, v)
	if err != nil {
		return "", err
	}
	return inlinePlain(s), nil
}
