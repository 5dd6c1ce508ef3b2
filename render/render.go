// Package render turns a parsed case file into the PDF documents of a SEND
// mediation: the position statement, the mediation outcome form and the
// mediation certificate. It knows nothing of files on disk: it returns bytes,
// and the caller writes them.
//
// The pipeline is: case → View (view.go) → document template in templates/
// (Markdown with text/template actions) → Markdown → goldmark AST → blocks
// (markdown.go) → lines and rows laid out and paginated here (layout.go) →
// maroto components → PDF (pdf.go).
//
// maroto v2.3.3 loses text in four ways (shared/reference/pdf-anchors.md);
// each has a guard here and a test that fails without it:
//
//  1. A row taller than a page is cut at the page bottom: every row this
//     package emits is one line of text or a table row split into chunks that
//     fit a page (layout.go, paginate).
//  2. "\n" inside a text is dropped: text is broken into lines here, and no
//     string handed to maroto contains a line break (pdf.go, textComponent).
//  3. The default font drops every character outside cp1252: every text
//     names the embedded DejaVu family, the page number too, and every
//     character is checked against the font's cmap before drawing (fonts.go;
//     layout.go, check), failing with a MissingGlyphError that names the
//     character and the field or file position it came from.
//  4. The signature component ignores the custom font: signature blocks are
//     drawn from text and cell borders; the component is never imported.
//
// Output is deterministic: the same case and templates give byte-identical
// PDFs (gofpdf's creation and modification dates and catalogue order are
// fixed; the clock is never read).
package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/sendgen/sendgen/casefile"
)

// Document names a document sendgen renders.
type Document string

// The documents, as named in file names and on the command line.
const (
	PositionStatement Document = "position-statement"
	OutcomeForm       Document = "outcome-form"
	Certificate       Document = "certificate"
)

// AllDocuments lists the documents in the order they are rendered.
var AllDocuments = []Document{PositionStatement, OutcomeForm, Certificate}

// Title is the document's name as printed.
func (d Document) Title() string {
	switch d {
	case PositionStatement:
		return "Position statement"
	case OutcomeForm:
		return "Mediation outcome form"
	case Certificate:
		return "Mediation certificate"
	}
	return string(d)
}

func (d Document) valid() bool {
	return d == PositionStatement || d == OutcomeForm || d == Certificate
}

// Documents returns the documents a case supports, per the Documents table
// of shared/spec/case-file.md: a position statement when the body has
// # Requested provision; an outcome form when mediation.date is set and the
// body has # Agreed actions or # Unresolved issues; a certificate when
// certificate.issued is set.
func Documents(c *casefile.Case) []Document {
	var out []Document
	for _, d := range AllDocuments {
		if supports(c, d) == nil {
			out = append(out, d)
		}
	}
	return out
}

// supports says why a case cannot have a document, or nil.
func supports(c *casefile.Case, d Document) error {
	f := &c.Front
	switch d {
	case PositionStatement:
		if c.Body.Find("Requested provision") == nil {
			return errors.New("the body has no '# Requested provision' section")
		}
	case OutcomeForm:
		if f.Mediation == nil || !f.Mediation.Date.Set {
			return errors.New("mediation.date is not set")
		}
		if c.Body.Find("Agreed actions") == nil && c.Body.Find("Unresolved issues") == nil {
			return errors.New("the body has neither '# Agreed actions' nor '# Unresolved issues'")
		}
	case Certificate:
		if f.Certificate == nil || !f.Certificate.Issued.Set {
			return errors.New("certificate.issued is not set")
		}
	default:
		return fmt.Errorf("unknown document %q (want position-statement, outcome-form or certificate)", string(d))
	}
	return nil
}

var caseRefPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}$`)

// FileName returns "<case>-<document>.pdf". It rejects a case reference that
// is not letters, digits, '-' and '_' (so never a path separator, "..", a
// drive letter or an empty name), so the name cannot escape the folder the
// caller writes into.
func FileName(caseRef string, doc Document) (string, error) {
	if caseRef == "" {
		return "", errors.New("no case reference (front matter 'case') to name the file")
	}
	if !caseRefPattern.MatchString(caseRef) {
		return "", fmt.Errorf("case reference %q cannot name a file: use 1-100 letters, digits, '-' or '_'", caseRef)
	}
	if !doc.valid() {
		return "", fmt.Errorf("unknown document %q", string(doc))
	}
	return caseRef + "-" + string(doc) + ".pdf", nil
}

// Finding is a lint finding listed in the draft appendix. The CLI converts
// lint findings into these plain values, so render does not depend on lint.
type Finding struct{ Location, Severity, Rule, Message string }

// Options configure a Renderer.
type Options struct {
	// Templates overrides the embedded templates/ (same layout: e.g.
	// os.DirFS("my-templates")). Files missing from it fall back to the
	// embedded ones.
	Templates fs.FS
	// Draft adds a DRAFT band to every page and an appendix of Findings.
	Draft bool
	// Findings are listed in the draft appendix (see also WithFindings).
	Findings []Finding
	// Created fixes the document date and the PDF creation date. Zero: a
	// date from the case (certificate.issued, mediation.date, ...), else
	// SOURCE_DATE_EPOCH, else 2000-01-01.
	Created time.Time
}

// Renderer renders documents. It parses the templates and fonts once and is
// safe for concurrent use by many goroutines.
type Renderer struct {
	opts      Options
	findings  []Finding
	timetable *Timetable
	tmpl      *templateSet
	fonts     *fontSet
	epoch     time.Time
}

// New parses the templates and loads the fonts.
func New(opts Options) (*Renderer, error) {
	fixGofpdfGlobals()
	fonts, err := sharedFonts()
	if err != nil {
		return nil, err
	}
	ts, err := loadTemplates(opts.Templates)
	if err != nil {
		return nil, err
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		return nil, err
	}
	return &Renderer{opts: opts, findings: opts.Findings, tmpl: ts, fonts: fonts, epoch: epoch}, nil
}

// WithFindings returns a Renderer sharing r's templates and fonts that lists
// findings in the draft appendix: lint findings belong to one case, and a
// Renderer is shared by many.
func (r *Renderer) WithFindings(findings []Finding) *Renderer {
	cp := *r
	cp.findings = findings
	return &cp
}

// WithTimetable returns a Renderer sharing r's templates and fonts that
// prints the given statutory dates instead of computing them with the
// built-in calendar: the CLI passes the linter's, computed with the
// configured bank holidays, so documents and findings agree.
func (r *Renderer) WithTimetable(t Timetable) *Renderer {
	cp := *r
	cp.timetable = &t
	return &cp
}

// Render renders one document of a case to PDF bytes.
func (r *Renderer) Render(c *casefile.Case, doc Document) ([]byte, error) {
	if c == nil {
		return nil, errors.New("render: no case")
	}
	ref := c.Front.Case.Value
	if err := supports(c, doc); err != nil {
		return nil, fmt.Errorf("render %s %s: %w", ref, doc, err)
	}
	tt := r.timetable
	if tt == nil || len(tt.Actions) != len(c.Actions) {
		d := defaultTimetable(c)
		tt = &d
	}
	v := buildView(c, doc, &r.opts, r.findings, r.epoch, *tt)
	md, err := r.tmpl.execute(v)
	if err != nil {
		return nil, fmt.Errorf("render %s %s: %w", ref, doc, err)
	}
	blocks, err := toBlocks(md, v)
	if err != nil {
		return nil, fmt.Errorf("render %s %s: %w", ref, doc, err)
	}
	pdf, err := r.pdf(c, v, doc, blocks)
	if err != nil {
		return nil, fmt.Errorf("render %s %s: %w", ref, doc, err)
	}
	return pdf, nil
}

var (
	fontsOnce sync.Once
	fontsVal  *fontSet
	fontsErr  error
)

// sharedFonts parses the embedded faces once per process: they are
// read-only, and every Renderer can share them.
func sharedFonts() (*fontSet, error) {
	fontsOnce.Do(func() { fontsVal, fontsErr = newFontSet() })
	return fontsVal, fontsErr
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org): the
// date used when neither Options.Created nor the case gives one.
func sourceDateEpoch() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
