// Package build is the pipeline under every sendgen command: a case file's
// bytes and path in; the parsed case, every finding, the statutory
// timetable and, for each document, whether it may be rendered, is held
// back (and by which findings) or does not apply, out. Rendering on request
// returns the PDF bytes; writing them is the caller's job.
//
// lint, timeline, render and build share one Workspace: it finds the
// configuration of each case file's folder, builds one lint engine per
// configuration file, and keeps both until it is told a configuration
// changed (a watcher reloads a saved .sendgen.yaml, a language server a
// changed workspace file).
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/config"
	"github.com/sendgen/sendgen/internal/fsutil"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/render"
	"github.com/sendgen/sendgen/send"
	"github.com/sendgen/sendgen/timeline"
)

// Options configure a Workspace. Every value that would otherwise come from
// the clock or the environment is resolved by the caller, once, so that a
// run is a function of its inputs.
type Options struct {
	// ConfigPath is an explicit configuration file (--config). Empty: the
	// nearest .sendgen.yaml above each case file, else the built-in rules.
	ConfigPath string
	// Today anchors the date rules (appeal-deadline). Zero: the date of Now
	// at each Check, so a long-running process (the language server) moves
	// on at midnight.
	Today time.Time
	// Now is the clock read when Today is zero; nil means time.Now.
	Now func() time.Time
	// Templates overrides the embedded templates (--templates); nil keeps them.
	Templates fs.FS
	// Epoch dates documents whose case gives no date (SOURCE_DATE_EPOCH).
	Epoch time.Time
	// Home is the user's home folder: configuration discovery stops there,
	// as it stops at a repository's root.
	Home string
	// Budget bounds the time one case file may take to check; zero means
	// DefaultBudget.
	Budget time.Duration
}

// DefaultBudget is the time a case file may take to check: real files take
// milliseconds, so a file still being read after this was built to slow
// sendgen down, and the batch moves on without it.
const DefaultBudget = 20 * time.Second

// Workspace runs the pipeline for many case files, concurrently. It is safe
// for concurrent use.
type Workspace struct {
	opts     Options
	renderer *render.Renderer

	wd string // the working directory, asked once (fsutil.Abs)

	mu      sync.Mutex
	dirs    map[string]string        // folder -> configuration file found for it ("" none)
	engines map[string]*engineResult // configuration file -> its engine
}

type engineResult struct {
	once    sync.Once
	cfg     *config.Config
	engine  *lint.Engine
	sources []string
	err     error
}

// New parses the templates and fonts once for every case of the workspace.
func New(opts Options) (*Workspace, error) {
	r, err := render.New(render.Options{Templates: opts.Templates, Epoch: opts.Epoch})
	if err != nil {
		return nil, err
	}
	wd, _ := os.Getwd() // "": fsutil.Abs asks each time
	return &Workspace{opts: opts, renderer: r, wd: wd, dirs: map[string]string{}, engines: map[string]*engineResult{}}, nil
}

// Invalidate forgets every configuration found and every engine built, so
// the next Check reads the configuration files again: a changed, added or
// removed .sendgen.yaml applies from then on.
func (w *Workspace) Invalidate() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.dirs = map[string]string{}
	w.engines = map[string]*engineResult{}
}

// ConfigFor is the configuration file that applies to a case file ("" when
// none does: the built-in rules).
func (w *Workspace) ConfigFor(casePath string) string {
	return w.configForDir(filepath.Dir(casePath))
}

// configForDir is the configuration file that applies to the case files
// of a folder.
func (w *Workspace) configForDir(folder string) string {
	if w.opts.ConfigPath != "" {
		return w.opts.ConfigPath
	}
	dir, err := fsutil.Abs(w.wd, folder)
	if err != nil {
		dir = folder
	}
	w.mu.Lock()
	p, ok := w.dirs[dir]
	w.mu.Unlock()
	if !ok {
		p = config.Find(dir, w.opts.Home)
		w.mu.Lock()
		w.dirs[dir] = p
		w.mu.Unlock()
	}
	return p
}

// Engine is the lint engine for a case file's configuration, built once per
// configuration file, with the files it was read from.
func (w *Workspace) Engine(casePath string) (*lint.Engine, []string, error) {
	er := w.load(casePath)
	return er.engine, er.sources, er.err
}

// Config is the configuration that applies to a case file (or to a folder
// walked for them), loaded once per configuration file.
func (w *Workspace) Config(casePath string) (*config.Config, error) {
	er := w.load(casePath)
	return er.cfg, er.err
}

// FolderEngine is the lint engine for the case files of a folder, the one
// Engine gives each of them: `sendgen lint` describes its rules in the
// reports from the current folder's, built once for the run.
func (w *Workspace) FolderEngine(folder string) (*lint.Engine, error) {
	er := w.loadConfig(w.configForDir(folder))
	return er.engine, er.err
}

func (w *Workspace) load(casePath string) *engineResult {
	return w.loadConfig(w.ConfigFor(casePath))
}

func (w *Workspace) loadConfig(cfgPath string) *engineResult {
	w.mu.Lock()
	er, ok := w.engines[cfgPath]
	if !ok {
		er = &engineResult{}
		w.engines[cfgPath] = er
	}
	w.mu.Unlock()
	er.once.Do(func() {
		cfg, err := config.Load(cfgPath)
		if err != nil {
			er.err = err
			return
		}
		er.cfg = cfg
		er.engine, er.err = lint.New(cfg.Config, cfg.Calendar())
		er.sources = cfg.Sources
	})
	return er
}

// State is what happens to one document of a case.
type State int

const (
	// NotApplicable: the case does not have this document (no
	// # Requested provision, no mediation date, no certificate).
	NotApplicable State = iota
	// Ready: the document may be rendered as a final document.
	Ready
	// HeldBack: findings hold the final document back; a draft may still
	// be rendered.
	HeldBack
	// Refused: the document cannot be rendered at all, not even as a draft
	// (no case reference to name its file).
	Refused
)

func (s State) String() string {
	switch s {
	case Ready:
		return "ready"
	case HeldBack:
		return "held back"
	case Refused:
		return "refused"
	}
	return "not applicable"
}

// Document is what the pipeline decided for one document of a case.
type Document struct {
	Kind  render.Document
	State State
	// File is the document's file name, "<case>-<document>.pdf"; "" when
	// the case has no valid case reference. It is set for a document that
	// does not apply too.
	File string
	// Reason says why the document does not apply or is refused.
	Reason string
	// Blocking are the findings that hold a final document back.
	Blocking []lint.Finding
}

// Result is the pipeline's answer for one case file.
type Result struct {
	Path string
	// Case is the parsed case; nil when the file is not a case file.
	Case *casefile.Case
	// Err is set when the file could not be read as a case file at all
	// (binary, too large, not UTF-8) or its configuration is broken; the
	// rest of the result is then empty.
	Err error
	// Config lists the configuration files that applied, built in first.
	Config   []string
	Findings []lint.Finding
	// Dates is the statutory timetable the findings were judged against,
	// the agreed actions' defaults included.
	Dates timeline.Dates
	// Documents has one entry per render.AllDocuments, in that order.
	Documents []Document
}

// Document returns the entry for one document kind.
func (r *Result) Document(kind render.Document) *Document {
	for i := range r.Documents {
		if r.Documents[i].Kind == kind {
			return &r.Documents[i]
		}
	}
	return nil
}

// Applicable are the documents the case has (any state but NotApplicable).
func (r *Result) Applicable() []Document {
	var out []Document
	for _, d := range r.Documents {
		if d.State != NotApplicable {
			out = append(out, d)
		}
	}
	return out
}

// ReadFile reads a case file, bounded by casefile.MaxSize: a FIFO, a
// device or a file that grows while it is read is refused rather than read
// until memory runs out.
func ReadFile(path string) ([]byte, error) {
	b, err := fsutil.ReadLimited(path, casefile.MaxSize)
	var tl *fsutil.TooLargeError
	if errors.As(err, &tl) {
		return nil, fmt.Errorf("%s: %v for a case file; is this the right file?", path, tl)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// CheckFile reads a case file and checks it.
func (w *Workspace) CheckFile(ctx context.Context, path string) *Result {
	src, err := ReadFile(path)
	if err != nil {
		return &Result{Path: path, Err: err}
	}
	return w.Check(ctx, path, src)
}

// Check runs the pipeline over a case file's bytes: parse, lint (which
// computes the timetable once), and decide each document. src is read, not
// kept beyond the returned case: an editor's unsaved buffer is checked
// exactly like a file on disk.
func (w *Workspace) Check(ctx context.Context, path string, src []byte) *Result {
	budget := w.opts.Budget
	if budget <= 0 {
		budget = DefaultBudget
	}
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	done := make(chan *Result, 1)
	go func() {
		// One case must never take the others down: a panic in the parser
		// or a rule is this file's error.
		defer func() {
			if p := recover(); p != nil {
				done <- &Result{Path: path, Err: fmt.Errorf("%s: internal error while checking this file, please report it: %v", path, p)}
			}
		}()
		done <- w.check(ctx, path, src)
	}()
	var res *Result
	select {
	case res = <-done:
	case <-ctx.Done():
		res = &Result{Path: path, Err: ctx.Err()}
	}
	if errors.Is(res.Err, context.DeadlineExceeded) {
		res = &Result{Path: path, Err: fmt.Errorf("%s: still being checked after %v (real case files take milliseconds): is this the right file?", path, budget)}
	}
	return res
}

func (w *Workspace) check(ctx context.Context, path string, src []byte) *Result {
	res := &Result{Path: path}
	c, err := casefile.Parse(path, src)
	if err != nil {
		res.Err = err
		return res
	}
	res.Case = c
	e, sources, err := w.Engine(path)
	if err != nil {
		res.Err = err
		return res
	}
	res.Config = sources
	today := w.opts.Today
	if today.IsZero() && w.opts.Now != nil {
		y, m, d := w.opts.Now().Date()
		today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	lr, err := e.Check(ctx, c, lint.Options{Today: today})
	if err != nil {
		res.Err = err
		return res
	}
	res.Findings, res.Dates = lr.Findings, lr.Dates
	res.Documents = decide(c, lr.Findings)
	return res
}

// decide applies the hold-back policy. Every final document is held back
// while the front matter has errors: a name left blank, an impossible
// decision date or a misspelt certificate field would print a document that
// is silently wrong; and while a date cannot be right (date-conflict): each
// document prints dates computed from it, and a certificate must never claim
// a mediation before it happened. A final position statement or outcome
// form is also held back while the provision it sets out (# Requested
// provision, # Agreed actions) has error-level findings, because a family
// must not sign vague provision. Any document is held back while it would
// print a placeholder `sendgen new` wrote.
func decide(c *casefile.Case, findings []lint.Finding) []Document {
	front := frontMatterErrors(findings)
	out := make([]Document, 0, len(render.AllDocuments))
	for _, kind := range render.AllDocuments {
		d := Document{Kind: kind}
		name, nameErr := render.FileName(c.Front.Case.Value, kind)
		if nameErr == nil {
			// Named even when it does not apply: a caller removing the
			// case's older documents needs the name.
			d.File = name
		}
		if err := render.Supports(c, kind); err != nil {
			d.Reason = err.Error()
			out = append(out, d)
			continue
		}
		if nameErr != nil {
			d.State, d.Reason = Refused, nameErr.Error()
			out = append(out, d)
			continue
		}
		d.Blocking = append(append([]lint.Finding(nil), front...), blockingFindings(c, kind, findings)...)
		d.State = Ready
		if len(d.Blocking) > 0 {
			d.State = HeldBack
		}
		out = append(out, d)
	}
	return out
}

// FrontMatterErrors are the error-level findings about the front matter,
// which hold back every final document of the case.
func (r *Result) FrontMatterErrors() []lint.Finding { return frontMatterErrors(r.Findings) }

func frontMatterErrors(findings []lint.Finding) []lint.Finding {
	var out []lint.Finding
	for _, f := range findings {
		if f.Rule == "frontmatter" && f.Severity == lint.Error {
			out = append(out, f)
		}
	}
	return out
}

// provisionSection is the section whose provision a document sets out.
var provisionSection = map[render.Document]string{
	render.PositionStatement: send.RequestedProvision,
	render.OutcomeForm:       send.AgreedActions,
}

// blockingFindings returns the findings, besides the front matter's errors,
// that hold a final document back, in file order: the error-level findings
// inside the provision it sets out, dates in the front matter that cannot be
// right, structure errors about a section it draws on, and any placeholder
// it would print (a half-finished case file never becomes a final document,
// the certificate included).
func blockingFindings(c *casefile.Case, kind render.Document, findings []lint.Finding) []lint.Finding {
	var out []lint.Finding
	ext, hasProvision := provisionExtent(c, kind)
	for _, f := range findings {
		switch {
		case f.Rule == lint.ProblemRule(casefile.PlaceholderProblem) && Concerns(c, kind, f):
			out = append(out, f)
		case f.Severity != lint.Error || f.Rule == "frontmatter":
		case f.Rule == "structure" && f.Section != "":
			if drawnOn(kind, f.Section) {
				out = append(out, f)
			}
		case (hasProvision && f.Span.Start >= ext.Start && f.Span.Start < ext.End) ||
			(f.Rule == "date-conflict" && f.Span.Start < c.Front.Span.End):
			out = append(out, f)
		}
	}
	return out
}

// drawnOn reports whether a document prints the section of a body heading.
func drawnOn(kind render.Document, section string) bool {
	for _, s := range printedSections[kind] {
		if strings.EqualFold(section, s) {
			return true
		}
	}
	return false
}

// provisionExtent is the extent of the section whose provision a document
// sets out.
func provisionExtent(c *casefile.Case, kind render.Document) (casefile.Span, bool) {
	title, ok := provisionSection[kind]
	if !ok {
		return casefile.Span{}, false
	}
	s := c.Body.Find(title)
	if s == nil {
		return casefile.Span{}, false
	}
	return c.Body.Extent(s), true
}

// provisionRules are the rules that judge how provision is worded.
var provisionRules = map[string]bool{"vague-wording": true, "hedged-commitment": true, "missing-frequency": true,
	"missing-duration": true, "missing-provider": true, "unquantified-group": true}

// provisionComplete reports that no provision rule found anything in
// # Requested provision, so the position statement may say that each item
// states what, by whom, how often and for how long (legal-review.md E8).
func provisionComplete(c *casefile.Case, findings []lint.Finding) bool {
	ext, ok := provisionExtent(c, render.PositionStatement)
	if !ok {
		return false
	}
	for _, f := range findings {
		if provisionRules[f.Rule] && f.Span.Start >= ext.Start && f.Span.Start < ext.End {
			return false
		}
	}
	return true
}

// ErrHeldBack is returned by Render for a final document that findings hold
// back.
var ErrHeldBack = errors.New("held back by findings")

// Render renders one document of a checked case: a final document only when
// nothing holds it back, a draft (DRAFT on every page, the findings in an
// appendix) whatever its findings.
func (w *Workspace) Render(res *Result, kind render.Document, draft bool) ([]byte, error) {
	return w.render(res, kind, draft, nil)
}

func (w *Workspace) render(res *Result, kind render.Document, draft bool, trace func(where, text string)) ([]byte, error) {
	if res.Case == nil {
		return nil, fmt.Errorf("%s: nothing to render: %w", res.Path, res.Err)
	}
	d := res.Document(kind)
	if d == nil {
		return nil, fmt.Errorf("%s: unknown document %q", res.Path, kind)
	}
	switch {
	case d.State == NotApplicable || d.State == Refused:
		return nil, fmt.Errorf("%s: %s: %s", res.Path, kind, d.Reason)
	case d.State == HeldBack && !draft:
		return nil, fmt.Errorf("%s: %s: %w", res.Path, kind, ErrHeldBack)
	}
	in := render.Input{Dates: res.Dates, Draft: draft, Trace: trace, ProvisionComplete: provisionComplete(res.Case, res.Findings)}
	if draft {
		in.Findings = appendixFindings(res, kind)
	}
	pdf, err := w.renderer.Render(res.Case, kind, in)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", res.Path, err)
	}
	return pdf, nil
}
