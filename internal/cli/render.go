package cli

import (
	"bytes"
	"context"
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

	"github.com/sendgen/sendgen/internal/build"
	"github.com/sendgen/sendgen/internal/outdir"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/render"
	"github.com/sendgen/sendgen/report"
	"github.com/sendgen/sendgen/sign"
)

// DocumentsOptions are the flags of `sendgen render` and `sendgen build`:
// the same run, with different defaults.
type DocumentsOptions struct {
	IO      *IO
	Factory *Factory
	CommonOptions
	Out       string // --out: the folder PDFs are written to (created if missing)
	Draft     bool   // --draft: DRAFT band, findings appendix, nothing held back
	Templates string // --templates: a folder overriding the embedded templates
	Workers   int    // concurrent cases; 0 = GOMAXPROCS
	// ShowFindings prints every finding of each case, as lint does, before
	// its documents (sendgen build); otherwise only the findings that hold
	// a document back are printed.
	ShowFindings bool
	// Sign signs every final document as it is written (--sign, with the
	// key flags of `sendgen sign`).
	Sign bool
	SignerOptions
	Paths []string
}

// NewCmdRender is `sendgen render`.
func NewCmdRender(f *Factory, runF func(*DocumentsOptions) error) *cobra.Command {
	return documentsCmd(f, runF, &DocumentsOptions{}, "render",
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

// NewCmdBuild is `sendgen build`: lint every case, print the findings, and
// render the documents each case supports. It is the main job, and what
// `make run` does.
func NewCmdBuild(f *Factory, runF func(*DocumentsOptions) error) *cobra.Command {
	return documentsCmd(f, runF, &DocumentsOptions{ShowFindings: true}, "build",
		"Lint each case file, then render its documents (the main job)",
		`Lint each case file (or folder of them, recursively *.md), print the
findings, and render the documents each case supports into --out.

Without --draft, a position statement or outcome form whose provision has
error-level findings is not rendered (a family must not sign vague
provision); with --draft, every document is rendered with DRAFT on each page
and the findings listed at the end.

Exit status: 0 every document rendered (warnings do not fail a build), 1
documents held back by findings, 2 usage, case-file, template or write errors.`)
}

func documentsCmd(f *Factory, runF func(*DocumentsOptions) error, o *DocumentsOptions, name, short, long string) *cobra.Command {
	o.IO, o.Factory = f.IO, f
	cmd := &cobra.Command{
		Use:   name + " [flags] PATH...",
		Short: short,
		Long:  long,
		Args:  requirePaths(name, "at least one file or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if runF != nil {
				return runF(o)
			}
			return runDocuments(o)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.Out, "out", "o", "out", "folder to write the PDFs to")
	fl.BoolVar(&o.Draft, "draft", false, "render drafts: DRAFT on every page, lint findings appended, nothing held back")
	fl.StringVar(&o.Templates, "templates", "", "folder of templates overriding the built-in ones (same file names)")
	fl.BoolVar(&o.Sign, "sign", false, "sign each final document as it is written (with --key and --cert, or --p12; see 'sendgen sign')")
	o.SignerOptions.addFlags(cmd)
	o.CommonOptions.addFlags(cmd)
	return cmd
}

// heldBack is writeCase's error when lint findings kept documents from
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

// frontMatterHeld is writeCase's error when the front matter has errors:
// no final document of the case is written, and it is a case-file error
// (exit status 2), as a file sendgen cannot read is.
type frontMatterHeld struct {
	path string
	n    int
}

func (e *frontMatterHeld) Error() string {
	return fmt.Sprintf("%s: no final document written: the front matter has %d %s above (fix %s, or render a draft with --draft)",
		e.path, e.n, plural(e.n, "error", "errors"), plural(e.n, "it", "them"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// run is one render or build run: the pipeline, and where it writes.
type documentsRun struct {
	*DocumentsOptions
	ws     *build.Workspace
	out    *outdir.Folder
	color  bool
	signer *sign.Signer // nil without --sign
}

// notSigned is writeCase's error when --sign was asked for and a document
// has error-level findings: it is neither signed nor written (exit 1).
type notSigned struct {
	path string
	docs []render.Document
	n    int
}

func (e *notSigned) Error() string {
	names := make([]string, len(e.docs))
	for i, d := range e.docs {
		names[i] = string(d)
	}
	return fmt.Sprintf("%s: not signed, not written: %s (the case has %d error-level %s; a signed document says it is final: fix %s first)",
		e.path, strings.Join(names, ", "), e.n, plural(e.n, "finding", "findings"), plural(e.n, "it", "them"))
}

// writeCase writes the documents a checked case supports to o.Out. Final
// documents that findings hold back are not written (unless o.Draft); their
// findings are printed to ios.Out and the error is a *heldBack. It prints
// one "wrote PATH" line per file.
func (o *documentsRun) writeCase(ios *IO, res *build.Result) error {
	c := res.Case
	docs := res.Applicable()
	front := res.FrontMatterErrors()
	if len(front) > 0 && !o.Draft {
		return o.holdAll(ios, res, front)
	}
	if len(docs) == 0 {
		fmt.Fprintf(ios.Err, "sendgen: %s: nothing to render (no # Requested provision, no mediation.date with # Agreed actions or # Unresolved issues, no certificate.issued)\n", c.Path)
		return nil
	}
	for _, d := range docs {
		if d.State == build.Refused {
			return fmt.Errorf("%s: %s", c.Path, d.Reason)
		}
	}
	if o.ShowFindings && len(res.Findings) > 0 {
		if err := (report.Text{Color: o.color}).Write(ios.Out, []report.File{{Path: c.Path, Source: c.Source, Findings: res.Findings}}); err != nil {
			return fmt.Errorf("write findings: %w", err)
		}
	}
	var held, unsigned []render.Document
	var blocking []lint.Finding
	var files []outdir.File
	for _, d := range docs {
		if d.State == build.HeldBack && !o.Draft {
			held = append(held, d.Kind)
			blocking = append(blocking, d.Blocking...)
			o.removeStale(ios, c.Path, d.File)
			continue
		}
		if o.signer != nil && errorCount(res) > 0 {
			unsigned = append(unsigned, d.Kind)
			o.removeStale(ios, c.Path, d.File)
			continue
		}
		pdf, err := o.ws.Render(res, d.Kind, o.Draft)
		if err != nil {
			return err
		}
		if o.signer != nil {
			if pdf, err = sign.Sign(pdf, o.signer, o.SignerOptions.signOptions(o.signer, o.Factory)); err != nil {
				return fmt.Errorf("%s: signing %s: %w", c.Path, d.Kind, err)
			}
		}
		files = append(files, outdir.File{Name: d.File, Data: pdf})
	}
	// All of a case's documents or none: never one child's statement beside
	// another child's form.
	if err := o.out.Write(c.Path, files); err != nil {
		return fmt.Errorf("%s: %w", c.Path, err)
	}
	for _, f := range files {
		fmt.Fprintf(ios.Out, "wrote %s\n", filepath.Join(o.Out, f.Name))
	}
	if len(unsigned) > 0 {
		ns := &notSigned{path: c.Path, docs: unsigned, n: errorCount(res)}
		if len(held) == 0 {
			return ns
		}
		fmt.Fprintf(ios.Err, "sendgen: %s\n", ns)
	}
	if len(held) == 0 {
		return nil
	}
	if !o.ShowFindings {
		blocking = uniqueFindings(blocking)
		if err := (report.Text{Color: o.color}).Write(ios.Out, []report.File{{Path: c.Path, Source: c.Source, Findings: blocking}}); err != nil {
			return fmt.Errorf("write findings: %w", err)
		}
	}
	return &heldBack{path: c.Path, docs: held}
}

// errorCount is the number of error-level findings of a case.
func errorCount(res *build.Result) int {
	n := 0
	for _, f := range res.Findings {
		if f.Severity == lint.Error {
			n++
		}
	}
	return n
}

// holdAll writes no final document of a case whose front matter has
// errors: it prints the errors (every finding, for build) and removes the
// case's older final documents from the output folder, so that last week's
// version is not sent by mistake.
func (o *documentsRun) holdAll(ios *IO, res *build.Result, front []lint.Finding) error {
	shown := front
	if o.ShowFindings {
		shown = res.Findings
	}
	if err := (report.Text{Color: o.color}).Write(ios.Out, []report.File{{Path: res.Path, Source: res.Case.Source, Findings: shown}}); err != nil {
		return fmt.Errorf("write findings: %w", err)
	}
	for _, d := range res.Documents {
		o.removeStale(ios, res.Path, d.File)
	}
	return &frontMatterHeld{path: res.Path, n: len(front)}
}

// removeStale removes an older final document that is now held back, and
// says so. file is "" when the case has no name for it.
func (o *documentsRun) removeStale(ios *IO, source, file string) {
	if file == "" {
		return
	}
	p := filepath.Join(o.Out, file)
	removed, err := o.out.Remove(source, file)
	switch {
	case err != nil:
		fmt.Fprintf(ios.Err, "sendgen: %s is held back, but %s was not removed: %v\n", source, p, err)
	case removed:
		fmt.Fprintf(ios.Out, "removed %s: an older version of a document now held back\n", p)
	}
}

func uniqueFindings(findings []lint.Finding) []lint.Finding {
	sort.SliceStable(findings, func(i, j int) bool { return findings[i].Span.Start < findings[j].Span.Start })
	out := findings[:0]
	for i, f := range findings {
		if i > 0 && f.Span == findings[i-1].Span && f.Rule == findings[i-1].Rule && f.Message == findings[i-1].Message {
			continue
		}
		out = append(out, f)
	}
	return out
}

// runDocuments renders every case of o.Paths on a bounded pool of workers
// that share one Workspace; output is printed in the order of the files.
func runDocuments(o *DocumentsOptions) error {
	o.Factory.oneShot()
	if strings.TrimSpace(o.Out) == "" {
		// An unset shell variable (--out "$OUT") must not quietly mean ./out.
		return usageError{errors.New("--out is empty: give the folder to write the PDFs to")}
	}
	// Flags first: nothing is created for a run that cannot go ahead.
	var signer *sign.Signer
	var err error
	if o.Sign {
		if o.Draft {
			return usageError{errors.New("drafts are never signed: drop --draft or --sign")}
		}
		if err := o.SignerOptions.check("--sign"); err != nil {
			return err
		}
		if signer, err = o.SignerOptions.load(o.IO); err != nil {
			return err
		}
	} else if o.Key != "" || o.Cert != "" || o.P12 != "" {
		return usageError{errors.New("--key, --cert and --p12 are for --sign: add --sign to sign the documents")}
	}
	bo := build.Options{}
	if o.Templates != "" {
		st, err := os.Stat(o.Templates)
		if err != nil || !st.IsDir() {
			return usageError{fmt.Errorf("--templates %s: not a folder", o.Templates)}
		}
		bo.Templates = os.DirFS(o.Templates)
	}
	ws, err := o.Factory.workspace(o.CommonOptions, bo)
	if err != nil {
		return err
	}
	out, stale, err := outdir.Open(o.Out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if len(stale) > 0 {
		fmt.Fprintf(o.IO.Err, "sendgen: removed %d temporary %s left in %s by an interrupted run\n", len(stale), plural(len(stale), "file", "files"), o.Out)
	}
	run := &documentsRun{DocumentsOptions: o, ws: ws, signer: signer, out: out}
	run.color, _ = useColor("auto", o.IO)

	files, errs := collectFiles(o.Paths)
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// oneShot sets a 32 MiB soft memory limit with the collector otherwise
	// off, right for one file. A document in flight holds about 15 MB, so in
	// a batch that limit makes the collector run, and hand memory back to
	// the OS, every few documents: 25% more CPU over 1,000 cases. 64 MB per
	// worker keeps memory bounded (flat however many cases) and collection
	// rare. A GOGC or GOMEMLIMIT the user set is left alone.
	if len(files) > 1 && o.Factory.Getenv("GOGC") == "" && o.Factory.Getenv("GOMEMLIMIT") == "" {
		if lim := int64(64<<20) * int64(workers); lim > debug.SetMemoryLimit(-1) {
			debug.SetMemoryLimit(lim)
		}
	}
	type outcome struct {
		out, err bytes.Buffer
		fail     error
	}
	// Check every file first (in parallel), so that two files claiming the
	// same case reference are caught before either is written: their
	// documents would overwrite each other's in --out.
	results := make([]*build.Result, len(files))
	outcomes := make([]outcome, len(files))
	i := 0
	checkFiles(context.Background(), ws, files, workers, func(r *build.Result) {
		results[i] = r
		if r.Err != nil {
			outcomes[i].fail = r.Err
			results[i] = nil
		}
		i++
	})
	first := map[string]string{}
	for i, r := range results {
		if r == nil || !r.Case.Front.Case.Set {
			continue
		}
		ref := r.Case.Front.Case.Value
		if prev, ok := first[ref]; ok {
			outcomes[i].fail = fmt.Errorf("%s: case %s is also the case reference of %s; its documents would overwrite those in the output folder", files[i], ref, prev)
			results[i] = nil
			continue
		}
		first[ref] = files[i]
	}
	parallelOrdered(len(files), workers, func(i int) struct{} {
		if r := results[i]; r != nil {
			res := &outcomes[i]
			res.fail = run.writeCase(&IO{Out: &res.out, Err: &res.err}, r)
			results[i] = nil // let the collector have it
		}
		return struct{}{}
	}, func(struct{}) {})

	held := false
	for i := range outcomes {
		res := &outcomes[i]
		_, _ = io.Copy(o.IO.Out, &res.out)
		_, _ = io.Copy(o.IO.Err, &res.err)
		var hb *heldBack
		var ns *notSigned
		switch {
		case res.fail == nil:
		case errors.As(res.fail, &hb), errors.As(res.fail, &ns):
			held = true
			fmt.Fprintf(o.IO.Err, "sendgen: %s\n", res.fail)
		default:
			errs = append(errs, res.fail)
		}
	}
	printErrors(o.IO, errs)
	switch {
	case len(errs) > 0:
		return exitError{ExitError}
	case held:
		return exitError{ExitFindings}
	}
	return nil
}
