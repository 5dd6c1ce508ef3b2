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
	"sync"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/send"
	"github.com/sendgen/sendgen/timeline"
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
		if Supports(c, d) == nil {
			out = append(out, d)
		}
	}
	return out
}

// Supports says why a case cannot have a document (the rules of the
// Documents table), or nil when it can.
func Supports(c *casefile.Case, d Document) error {
	f := &c.Front
	switch d {
	case PositionStatement:
		if c.Body.Find(send.RequestedProvision) == nil {
			return errors.New("the body has no '# Requested provision' section")
		}
	case OutcomeForm:
		if f.Mediation == nil || !f.Mediation.Date.Set {
			return errors.New("mediation.date is not set")
		}
		if c.Body.Find(send.AgreedActions) == nil && c.Body.Find(send.UnresolvedIssues) == nil {
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

// FileName returns "<case>-<document>.pdf". It rejects a case reference that
// is not letters, digits, '-' and '_' (so never a path separator, "..", a
// drive letter or an empty name), so the name cannot escape the folder the
// caller writes into.
func FileName(caseRef string, doc Document) (string, error) {
	if caseRef == "" {
		return "", errors.New("no case reference (front matter 'case') to name the file")
	}
	if err := send.ValidCaseRef(caseRef); err != nil {
		return "", fmt.Errorf("%w, so it cannot name a file", err)
	}
	if !doc.valid() {
		return "", fmt.Errorf("unknown document %q", string(doc))
	}
	return caseRef + "-" + string(doc) + ".pdf", nil
}

// Finding is a lint finding listed in the draft appendix. The caller
// converts lint findings into these plain values, so render does not depend
// on lint. Suggestion is the fix, "" when there is none.
type Finding struct{ Location, Severity, Rule, Message, Suggestion string }

// Options configure a Renderer.
type Options struct {
	// Templates overrides the embedded templates/ (same layout: e.g.
	// os.DirFS("my-templates")). Files missing from it fall back to the
	// embedded ones.
	Templates fs.FS
	// Created fixes the document date and the PDF creation date. Zero: a
	// date from the case (certificate.issued, mediation.date, ...), else
	// Epoch.
	Created time.Time
	// Epoch is the date used when neither Created nor the case gives one
	// (the CLI passes SOURCE_DATE_EPOCH). Zero means 2000-01-01. The
	// Renderer never reads the clock or the environment.
	Epoch time.Time
}

// Input is what one document of one case needs besides the case itself.
type Input struct {
	// Dates is the case's statutory timetable, agreed actions included, as
	// lint.Engine.Check computed it: documents print the dates the findings
	// were judged against, and render has no timetable of its own.
	Dates timeline.Dates
	// Draft adds a DRAFT band and watermark to every page and an appendix
	// of Findings.
	Draft    bool
	Findings []Finding
	// Trace, when set, is told every piece of text the document's body
	// draws and where it came from ("# Requested provision", "template
	// outcome-form.md"): an audit of what was printed, which the pipeline's
	// fuzz test checks against what the linter judged.
	Trace func(where, text string)
	// ProvisionComplete says that the provision rules found nothing in
	// # Requested provision, so the position statement may say that each
	// item states what, by whom, how often and for how long. False (the
	// zero value) makes no such claim.
	ProvisionComplete bool
}

// Renderer renders documents. It parses the templates and fonts once and is
// safe for concurrent use by many goroutines.
type Renderer struct {
	opts  Options
	tmpl  *templateSet
	fonts *fontSet
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
	if opts.Epoch.IsZero() {
		opts.Epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return &Renderer{opts: opts, tmpl: ts, fonts: fonts}, nil
}

// Render renders one document of a case to PDF bytes.
func (r *Renderer) Render(c *casefile.Case, doc Document, in Input) (pdf []byte, err error) {
	// The layout guards against losing text by panicking (a line break or a
	// foreign font reaching maroto is a bug); one case must never take a
	// batch of others down with it, so the panic becomes this case's error.
	defer func() {
		if p := recover(); p != nil {
			pdf, err = nil, fmt.Errorf("render %s %s: internal error, please report it: %v", c.Front.Case.Value, doc, p)
		}
	}()
	if c == nil {
		return nil, errors.New("render: no case")
	}
	ref := c.Front.Case.Value
	if err := Supports(c, doc); err != nil {
		return nil, fmt.Errorf("render %s %s: %w", ref, doc, err)
	}
	// A timetable computed for another case, or none at all, would print
	// dates nobody checked: refuse rather than guess.
	if in.Dates.AppealDeadline.Key == "" {
		return nil, fmt.Errorf("render %s %s: no timetable given (Input.Dates: the one lint.Engine.Check computed)", ref, doc)
	}
	if len(in.Dates.Actions) != len(c.Actions) {
		return nil, fmt.Errorf("render %s %s: the timetable has %d agreed actions and the case %d: it was computed for another version of the case", ref, doc, len(in.Dates.Actions), len(c.Actions))
	}
	v := buildView(c, doc, &r.opts, &in)
	md, err := r.tmpl.execute(v)
	if err != nil {
		return nil, fmt.Errorf("render %s %s: %w", ref, doc, err)
	}
	blocks, err := toBlocks(md, v)
	if err != nil {
		return nil, fmt.Errorf("render %s %s: %w", ref, doc, err)
	}
	if in.Trace != nil {
		traceBlocks(blocks, in.Trace)
	}
	out, err := r.pdf(c, v, doc, blocks)
	if err != nil {
		return nil, fmt.Errorf("render %s %s: %w", ref, doc, err)
	}
	return out, nil
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

// traceBlocks tells trace the text of every block, as layout will draw it.
func traceBlocks(blocks []block, trace func(where, text string)) {
	for _, b := range blocks {
		where := ""
		if b.origin != nil {
			where = b.origin.what
		}
		if t := runsText(b.runs); t != "" {
			trace(where, t)
		}
		if tb := b.table; tb != nil {
			for _, cell := range tb.header {
				trace(where, runsText(cell))
			}
			for _, row := range tb.rows {
				for _, cell := range row {
					trace(where, runsText(cell))
				}
			}
		}
		for _, sg := range b.sigs {
			trace(where, string(sg.Name)+"\n"+string(sg.Role)+"\n"+string(sg.Organisation))
		}
	}
}
