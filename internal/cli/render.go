package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/render"
	"github.com/sendgen/sendgen/report"
)

// renderOptions are the flags of `sendgen render`, and what renderCase needs
// to render one case. `sendgen build` can fill one in and call prepare and
// renderCase itself.
type renderOptions struct {
	Out       string // --out: the folder PDFs are written to (created if missing)
	Draft     bool   // --draft: DRAFT band, findings appendix, no lint gate
	Templates string // --templates: a folder overriding the embedded templates
	Config    string // --config, for the lint gate
	Today     string // --today, for the lint gate
	Workers   int    // concurrent cases; 0 = GOMAXPROCS
	Color     bool   // colour in printed findings
	// ShowFindings prints every finding of each case, as lint does, before
	// its documents (sendgen build); otherwise only the findings that hold
	// a document back are printed.
	ShowFindings bool

	renderer *render.Renderer
	linter   *linter
}

func newRenderCmd(ios *IO) *cobra.Command {
	return documentsCmd(ios, renderOptions{}, "render",
		"Render the position statement, outcome form and certificate of each case as PDFs",
		`Render each case file (or folder of them, recursively *.md) to the documents
it supports, written as <out>/<case>-<document>.pdf:

  position-statement  when the body has # Requested provision
  outcome-form        when mediation.date is set and the body has
                      # Agreed actions or # Unresolved issues
  certificate         when certificate.issued is set

Without --draft, a position statement or outcome form whose provision has
error-level lint findings is not rendered: the findings are printed and the
exit status is 1. With --draft every document is rendered with a DRAFT band
on each page and the findings listed at the end.

Files are written through a temporary file and renamed, so a PDF in --out is
always complete. Exit status: 0 all rendered, 1 documents held back by
findings, 2 usage, case-file, template or write errors.`)
}

// documentsCmd builds a command that renders documents (render, build):
// the same flags, the same run, different defaults in o.
func documentsCmd(ios *IO, o renderOptions, name, short, long string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   name + " [flags] PATH...",
		Short: short,
		Long:  long,
		Args:  requirePaths(name, "at least one file or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRender(ios, args, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Out, "out", "o", "out", "folder to write the PDFs to")
	f.BoolVar(&o.Draft, "draft", false, "render drafts: DRAFT on every page, lint findings appended, nothing held back")
	f.StringVar(&o.Templates, "templates", "", "folder of templates overriding the built-in ones (same file names)")
	addCommonFlags(cmd, &o.Config, &o.Today)
	return cmd
}

func init() { extraCommands = append(extraCommands, newRenderCmd) }

// prepare parses the templates and fonts and sets up the linter once, for
// all the cases of a run.
func (o *renderOptions) prepare(ios *IO) error {
	if o.Out == "" {
		o.Out = "out"
	}
	if o.renderer == nil {
		ro := render.Options{Draft: o.Draft}
		if o.Templates != "" {
			st, err := os.Stat(o.Templates)
			if err != nil || !st.IsDir() {
				return usageError{fmt.Errorf("--templates %s: not a folder", o.Templates)}
			}
			ro.Templates = os.DirFS(o.Templates)
		}
		r, err := render.New(ro)
		if err != nil {
			return err
		}
		o.renderer = r
	}
	if o.linter == nil {
		today, err := parseToday(o.Today)
		if err != nil {
			return err
		}
		o.linter = newLinter(o.Config, today)
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return fmt.Errorf("--out: %w", unwrapPathError(err))
	}
	if ios != nil {
		o.Color, _ = useColor("auto", ios)
	}
	return nil
}

// heldBack is renderCase's error when lint findings kept documents from
// being rendered (exit status 1, not 2).
type heldBack struct {
	path string
	docs []render.Document
}

func (e *heldBack) Error() string {
	names := make([]string, len(e.docs))
	for i, d := range e.docs {
		names[i] = string(d)
	}
	return fmt.Sprintf("%s: not rendered because of the errors above: %s (fix them, or render a draft with --draft)",
		e.path, strings.Join(names, ", "))
}

// renderCase lints a parsed case and writes the documents it supports to
// opts.Out. Documents whose provision has error-level findings are held
// back (unless opts.Draft); their findings are printed to ios.Out and the
// error is a *heldBack. It prints one "wrote PATH" line per file.
func renderCase(ios *IO, c *casefile.Case, opts renderOptions) error {
	if opts.renderer == nil || opts.linter == nil {
		if err := opts.prepare(nil); err != nil {
			return err
		}
	}
	docs := render.Documents(c)
	if len(docs) == 0 {
		fmt.Fprintf(ios.Err, "sendgen: %s: nothing to render (no # Requested provision, no mediation.date with # Agreed actions or # Unresolved issues, no certificate.issued)\n", c.Path)
		return nil
	}
	ref := c.Front.Case.Value
	names := make([]string, len(docs))
	for i, d := range docs {
		n, err := render.FileName(ref, d)
		if err != nil {
			return fmt.Errorf("%s: %w", c.Path, err)
		}
		names[i] = n
	}

	findings, err := opts.linter.lintCase(c)
	if err != nil {
		return fmt.Errorf("%s: %w", c.Path, err)
	}
	r := opts.renderer
	if opts.Draft {
		r = r.WithFindings(draftFindings(c, findings))
	}
	if tt, err := opts.linter.timetable(c); err == nil {
		r = r.WithTimetable(tt)
	} else {
		return fmt.Errorf("%s: %w", c.Path, err)
	}
	if opts.ShowFindings && len(findings) > 0 {
		if err := (report.Text{Color: opts.Color}).Write(ios.Out, []report.File{{Path: c.Path, Source: c.Source, Findings: findings}}); err != nil {
			return fmt.Errorf("write findings: %w", err)
		}
	}

	var held []render.Document
	var blocking []lint.Finding
	for i, d := range docs {
		if !opts.Draft {
			if bad := provisionErrors(c, d, findings); len(bad) > 0 {
				held = append(held, d)
				blocking = append(blocking, bad...)
				continue
			}
		}
		pdf, err := r.Render(c, d)
		if err != nil {
			return fmt.Errorf("%s: %w", c.Path, err)
		}
		dest := filepath.Join(opts.Out, names[i])
		if err := writeAtomic(dest, pdf); err != nil {
			return fmt.Errorf("%s: %w", c.Path, err)
		}
		fmt.Fprintf(ios.Out, "wrote %s\n", dest)
	}
	if len(held) == 0 {
		return nil
	}
	if !opts.ShowFindings {
		blocking = uniqueFindings(blocking)
		if err := (report.Text{Color: opts.Color}).Write(ios.Out, []report.File{{Path: c.Path, Source: c.Source, Findings: blocking}}); err != nil {
			return fmt.Errorf("write findings: %w", err)
		}
	}
	return &heldBack{path: c.Path, docs: held}
}

// provisionErrors returns the error-level findings in the provision a
// document sets out: # Requested provision for the position statement,
// # Agreed actions for the outcome form. The certificate states facts and
// is never held back.
func provisionErrors(c *casefile.Case, d render.Document, findings []lint.Finding) []lint.Finding {
	var title string
	switch d {
	case render.PositionStatement:
		title = "Requested provision"
	case render.OutcomeForm:
		title = "Agreed actions"
	default:
		return nil
	}
	start, end, ok := sectionRange(c, title)
	if !ok {
		return nil
	}
	var out []lint.Finding
	for _, f := range findings {
		if f.Severity == lint.Error && f.Span.Start >= start && f.Span.Start < end {
			out = append(out, f)
		}
	}
	return out
}

// sectionRange is the byte range of a level-1 section, heading included, up
// to the next level-1 heading.
func sectionRange(c *casefile.Case, title string) (int, int, bool) {
	s := c.Body.Find(title)
	if s == nil {
		return 0, 0, false
	}
	start, end := s.Span.Start, len(c.Bytes)
	found := false
	for _, o := range c.Body.Sections {
		if found && o.Level == 1 {
			end = o.Span.Start
			break
		}
		found = found || o == s
	}
	return start, end, true
}

func uniqueFindings(fs []lint.Finding) []lint.Finding {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Span.Start < fs[j].Span.Start })
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f.Span == fs[i-1].Span && f.Rule == fs[i-1].Rule && f.Message == fs[i-1].Message {
			continue
		}
		out = append(out, f)
	}
	return out
}

// draftFindings converts lint findings for the draft appendix.
func draftFindings(c *casefile.Case, fs []lint.Finding) []render.Finding {
	out := make([]render.Finding, 0, len(fs))
	for _, f := range fs {
		d := report.Resolve(c.Path, c.Source, f)
		msg := f.Message
		if f.Suggestion != "" {
			msg += " Suggestion: " + f.Suggestion
		}
		out = append(out, render.Finding{
			Location: fmt.Sprintf("%s:%d:%d", filepath.Base(d.Path), d.Line, d.Column),
			Severity: d.Severity, Rule: d.Rule, Message: msg,
		})
	}
	return out
}

// writeAtomic writes data to path through a temporary file in the same
// folder and a rename, so path is never seen half-written: it holds the old
// document or the whole new one.
func writeAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		_ = f.Close()
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	if err = f.Chmod(0o644); err != nil {
		_ = f.Close()
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	return nil
}

// runRender renders every case of paths on a bounded pool of workers that
// share one Renderer; output is printed in the order of the files.
func runRender(ios *IO, paths []string, o renderOptions) error {
	if err := o.prepare(ios); err != nil {
		return err
	}
	files, errs := collectFiles(paths)
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Main sets a 48 MB soft memory limit with the collector otherwise off,
	// right for one file. A document in flight holds about 15 MB, so in a
	// batch that limit makes the collector run, and hand memory back to the
	// OS, every few documents: 25% more CPU over 1,000 cases. 64 MB per
	// worker keeps memory bounded (flat however many cases) and collection
	// rare. A GOGC or GOMEMLIMIT the user set is left alone.
	if len(files) > 1 && os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		if lim := int64(64<<20) * int64(workers); lim > debug.SetMemoryLimit(-1) {
			debug.SetMemoryLimit(lim)
		}
	}
	type outcome struct {
		out, err bytes.Buffer
		fail     error
	}
	// Parse every file first (in parallel), so that two files claiming the
	// same case reference are caught before either is written: their
	// documents would overwrite each other's in --out.
	cases := make([]*casefile.Case, len(files))
	results := make([]outcome, len(files))
	parallel(len(files), workers, func(i int) {
		cases[i], results[i].fail = parseFile(files[i])
	})
	first := map[string]string{}
	for i, c := range cases {
		if c == nil || !c.Front.Case.Set {
			continue
		}
		ref := c.Front.Case.Value
		if prev, ok := first[ref]; ok {
			results[i].fail = fmt.Errorf("%s: case %s is also the case reference of %s; its documents would overwrite those in the output folder", files[i], ref, prev)
			cases[i] = nil
			continue
		}
		first[ref] = files[i]
	}
	parallel(len(files), workers, func(i int) {
		if c := cases[i]; c != nil {
			res := &results[i]
			res.fail = renderCase(&IO{Out: &res.out, Err: &res.err}, c, o)
			cases[i] = nil // let the collector have it
		}
	})

	held := false
	for i := range results {
		res := &results[i]
		_, _ = io.Copy(ios.Out, &res.out)
		_, _ = io.Copy(ios.Err, &res.err)
		var hb *heldBack
		switch {
		case res.fail == nil:
		case errors.As(res.fail, &hb):
			held = true
			fmt.Fprintf(ios.Err, "sendgen: %s\n", res.fail)
		default:
			errs = append(errs, res.fail)
		}
	}
	printErrors(ios, errs)
	switch {
	case len(errs) > 0:
		return exitError{ExitError}
	case held:
		return exitError{ExitFindings}
	}
	return nil
}
