package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/internal/build"
	"github.com/sendgen/sendgen/internal/caseset"
	"github.com/sendgen/sendgen/internal/outdir"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/render"
	"github.com/sendgen/sendgen/report"
	"github.com/sendgen/sendgen/sign"
)

// DocumentsOptions are the flags of `sendgen render` and `sendgen build`:
// the same run, with different defaults. The CI flags are build's; render
// runs with their defaults.
type DocumentsOptions struct {
	IO      *IO
	Factory *Factory
	CommonOptions
	CIOptions
	Out       string // --out: the folder PDFs are written to (created if missing)
	Draft     bool   // --draft: DRAFT band, findings appendix, nothing held back
	Templates string // --templates: a folder overriding the embedded templates
	// ShowFindings reports every finding of each case, as lint does
	// (sendgen build); otherwise only the findings that hold a document
	// back, or make the case file unusable, are reported.
	ShowFindings bool
	// Sign signs every final document as it is written (--sign, with the
	// key flags of `sendgen sign`).
	Sign bool
	SignerOptions
	Paths []string
}

// NewCmdRender is `sendgen render`.
func NewCmdRender(f *Factory, runF func(*DocumentsOptions) error) *cobra.Command {
	o := &DocumentsOptions{CIOptions: CIOptions{Format: "text", FailOn: "none", Color: "auto"}}
	return documentsCmd(f, runF, o, "render", `  # The documents of one case, into out/
  sendgen render case.md

  # Drafts of every case under a folder, with the findings at the end
  sendgen render --draft --out drafts cases/`,
		"Render the position statement, outcome form and certificate of each case as PDFs",
		`Render each case file (or folder of them: the *.md files whose front matter
names a case) to the documents it supports, written as
<out>/<case>-<document>.pdf:

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
findings, 2 usage, case-file (front-matter errors included), template or
write errors.`)
}

// NewCmdBuild is `sendgen build`: lint every case, report the findings,
// and render the documents each case supports. It is the main job, and
// what `make run` does.
func NewCmdBuild(f *Factory, runF func(*DocumentsOptions) error) *cobra.Command {
	o := &DocumentsOptions{ShowFindings: true}
	cmd := documentsCmd(f, runF, o, "build", `  # Lint a case and make its documents in out/
  sendgen build case.md

  # Every case under a folder, as drafts, into another folder
  sendgen build --draft --out drafts cases/`,
		"Lint each case file, then render its documents (the main job)",
		`Lint each case file (or folder of them: the *.md files whose front matter
names a case), report the findings, and render the documents each case
supports into --out, on every core, streaming: memory stays flat however
many cases there are.

Without --draft, a position statement or outcome form whose provision has
error-level findings is not rendered (a family must not sign vague
provision); with --draft, every document is rendered with DRAFT on each page
and the findings listed at the end.

The reports are lint's (--format, --output FORMAT=PATH); the grand total
counts the PDFs. Exit status: 0 every document rendered (findings fail a
build only with --fail-on), 1 documents held back by findings, 2 usage,
case-file (front-matter errors included), template or write errors.`)
	o.CIOptions.addFlags(cmd, "none")
	return cmd
}

func documentsCmd(f *Factory, runF func(*DocumentsOptions) error, o *DocumentsOptions, name, example, short, long string) *cobra.Command {
	o.IO, o.Factory = f.IO, f
	cmd := &cobra.Command{
		Use:     name + " [flags] PATH...",
		Short:   short,
		Long:    long,
		Example: example,
		Args:    requirePaths(name, "at least one file or folder (or - for standard input)"),
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

// caseOutcome is what a worker did with one case: the check, the PDFs it
// wrote, and what it could not do. It is reported, in file order, by the
// one goroutine that owns the reports.
type caseOutcome struct {
	res      *build.Result
	findings []lint.Finding // what the reports show
	written  []string
	held     []render.Document
	unsigned []render.Document // --sign with error-level findings: neither signed nor written
	removed  []string          // older versions of documents now held back
	notes    []string          // problems to print, for stderr
	nothing  bool              // no document applies
	commit   *outdir.Pending   // written's documents on their way into place
	badFront int               // error-level front-matter findings: no final document, exit 2
	err      error             // the case could not be rendered at all
}

// documentsRun is one render or build run.
type documentsRun struct {
	*DocumentsOptions
	b      *batch
	out    *outdir.Folder
	signer *sign.Signer // nil without --sign
	// owner is the first file, in the run's order, naming each case
	// reference: a later file with the same reference would overwrite its
	// PDFs, and is refused. It holds references and paths, never cases.
	owner map[string]string
	mu    sync.Mutex
	late  map[string]string // references a quick look could not read, claimed as met
}

// process checks one case and writes its documents (in a worker).
func (r *documentsRun) process(ctx context.Context, e caseset.Entry) *caseOutcome {
	out := &caseOutcome{res: r.b.check(ctx, e)}
	res := out.res
	if res.Err != nil {
		out.err = res.Err
		return out
	}
	c := res.Case
	if r.ShowFindings {
		out.findings = res.Findings
	}
	path := displayPath(e)
	if c.Front.Case.Set {
		if prev := r.claim(c.Front.Case.Value, path); prev != "" {
			out.err = fmt.Errorf("%s: case %s is also the case reference of %s; its documents would overwrite those in the output folder", path, c.Front.Case.Value, prev)
			return out
		}
	}
	if front := res.FrontMatterErrors(); len(front) > 0 && !r.Draft {
		// No final document of a case whose front matter is wrong, and
		// last week's versions go, so they are not sent by mistake.
		out.badFront = len(front)
		if !r.ShowFindings {
			out.findings = front
		}
		for _, d := range res.Documents {
			r.removeStale(out, res.Path, d.File)
		}
		return out
	}
	docs := res.Applicable()
	if len(docs) == 0 {
		out.nothing = true
		return out
	}
	for _, d := range docs {
		if d.State == build.Refused {
			out.err = fmt.Errorf("%s: %s", path, d.Reason)
			return out
		}
	}
	var blocking []lint.Finding
	var files []outdir.File
	for _, d := range docs {
		if d.State == build.HeldBack && !r.Draft {
			out.held = append(out.held, d.Kind)
			blocking = append(blocking, d.Blocking...)
			r.removeStale(out, res.Path, d.File)
			continue
		}
		if r.signer != nil && errorCount(res) > 0 {
			out.unsigned = append(out.unsigned, d.Kind)
			r.removeStale(out, res.Path, d.File)
			continue
		}
		pdf, err := r.b.ws.Render(res, d.Kind, r.Draft)
		if err != nil {
			out.err = err
			return out
		}
		if r.signer != nil {
			if pdf, err = sign.Sign(pdf, r.signer, r.SignerOptions.signOptions(r.signer, r.Factory)); err != nil {
				out.err = fmt.Errorf("%s: signing %s: %w", path, d.Kind, err)
				return out
			}
		}
		files = append(files, outdir.File{Name: d.File, Data: pdf})
	}
	// All of a case's documents or none: never one child's statement beside
	// another child's form. They are committed while this worker goes on
	// to the next case; the case is reported once they are (emitted).
	out.commit = r.out.Stage(res.Path, files)
	for _, f := range files {
		out.written = append(out.written, filepath.Join(r.Out, f.Name))
	}
	if !r.ShowFindings {
		out.findings = uniqueFindings(blocking)
	}
	return out
}

// committed waits for the case's documents to be in place; if they are
// not, none is reported written and the case fails.
func (out *caseOutcome) committed(path string) {
	if out.commit == nil {
		return
	}
	if err := out.commit.Wait(); err != nil {
		out.err = fmt.Errorf("%s: %w", path, err)
		out.written = nil
	}
}

// removeStale removes an older final document that is now held back.
// file is "" when the case has no name for it.
func (r *documentsRun) removeStale(out *caseOutcome, source, file string) {
	if file == "" {
		return
	}
	p := filepath.Join(r.Out, file)
	removed, err := r.out.Remove(source, file)
	switch {
	case err != nil:
		out.notes = append(out.notes, fmt.Sprintf("%s is held back, but %s was not removed: %v", source, p, err))
	case removed:
		out.removed = append(out.removed, p)
	}
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

// claim records that path names a case reference and returns the earlier
// file that already does ("" if none).
func (r *documentsRun) claim(ref, path string) string {
	if first, ok := r.owner[ref]; ok {
		if first == path {
			return ""
		}
		return first
	}
	// A reference the quick look did not read (a block scalar): first come.
	r.mu.Lock()
	defer r.mu.Unlock()
	if first, ok := r.late[ref]; ok && first != path {
		return first
	}
	r.late[ref] = path
	return ""
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

// runDocuments checks and renders every case on a bounded pool of workers
// that share one Workspace; each case is reported, in the order of the
// files, as soon as it and every case before it are done, and then
// dropped, so memory does not grow with the number of cases.
func runDocuments(o *DocumentsOptions) error {
	o.Factory.oneShot()
	if strings.TrimSpace(o.Out) == "" {
		// An unset shell variable (--out "$OUT") must not quietly mean ./out.
		return usageError{errors.New("--out is empty: give the folder to write the PDFs to")}
	}
	if st, err := os.Stat(o.Out); err == nil && !st.IsDir() {
		return usageError{fmt.Errorf("--out %s is a file, not a folder: give the folder to write the PDFs into (it is created if missing), such as --out out", o.Out)}
	}
	// Flags first: nothing is created for a run that cannot go ahead.
	var signer *sign.Signer
	if o.Sign {
		if o.Draft {
			return usageError{errors.New("drafts are never signed: drop --draft or --sign")}
		}
		if err := o.SignerOptions.check("--sign"); err != nil {
			return err
		}
		var err error
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
	name := "sendgen build"
	if !o.ShowFindings {
		name = "sendgen render"
	}
	b, err := newBatch(o.Factory, o.CommonOptions, &o.CIOptions, bo, o.Paths, name)
	if err != nil {
		return err
	}
	out, stale, err := outdir.Open(o.Out)
	if err != nil {
		b.discard()
		return fmt.Errorf("--out: %w", err)
	}
	if len(stale) > 0 {
		fmt.Fprintf(o.IO.Err, "sendgen: removed %d temporary %s left in %s by an interrupted run\n", len(stale), plural(len(stale), "file", "files"), o.Out)
	}
	r := &documentsRun{DocumentsOptions: o, b: b, out: out, signer: signer, owner: map[string]string{}, late: map[string]string{}}
	for _, e := range b.set.Files {
		if _, ok := r.owner[e.Ref]; e.Ref != "" && !ok {
			r.owner[e.Ref] = displayPath(e)
		}
	}
	// oneShot sets a 32 MiB soft memory limit with the collector otherwise
	// off, right for one file. A document in flight holds about 15 MB, so in
	// a batch that limit makes the collector run, and hand memory back to
	// the OS, every few documents: 25% more CPU over 1,000 cases. 64 MB per
	// worker keeps memory bounded (flat however many cases) and collection
	// rare. A GOGC or GOMEMLIMIT the user set is left alone.
	if len(b.entries) > 1 && o.Factory.Getenv("GOGC") == "" && o.Factory.Getenv("GOMEMLIMIT") == "" {
		if lim := int64(64<<20) * int64(b.jobs); lim > debug.SetMemoryLimit(-1) {
			debug.SetMemoryLimit(lim)
		}
	}
	if err := b.begin(); err != nil {
		b.discard()
		return err
	}
	docs := &report.Documents{}
	b.totals.Documents = docs
	held := false
	var werr error
	ctx := context.Background()
	next := 0
	parallelOrdered(len(b.entries), b.jobs, func(i int) *caseOutcome {
		return r.process(ctx, b.entries[i])
	}, func(out *caseOutcome) {
		defer b.bar.step()
		e := b.entries[next]
		next++
		out.committed(displayPath(e))
		if out.res.Err != nil {
			b.fail(out.err)
			return
		}
		if err := b.report(e, out.res, out.findings); err != nil && werr == nil {
			werr = err
		}
		for _, p := range out.written {
			b.note("wrote %s", p)
		}
		for _, p := range out.removed {
			b.note("removed %s: an older version of a document now held back", p)
		}
		for _, n := range out.notes {
			fmt.Fprintf(b.errOut, "sendgen: %s\n", n)
		}
		docs.Written += len(out.written)
		docs.HeldBack += len(out.held) + len(out.unsigned)
		if out.badFront > 0 {
			n := out.badFront
			b.errs = append(b.errs, fmt.Errorf("%s: no final document written: the front matter has %d %s above (fix %s, or render a draft with --draft)",
				displayPath(e), n, plural(n, "error", "errors"), plural(n, "it", "them")))
			return
		}
		if len(out.unsigned) > 0 {
			held = true
			names := make([]string, len(out.unsigned))
			for i, d := range out.unsigned {
				names[i] = string(d)
			}
			n := errorCount(out.res)
			fmt.Fprintf(b.errOut, "sendgen: %s: not signed, not written: %s (the case has %d error-level %s; a signed document says it is final: fix %s first)\n",
				displayPath(e), strings.Join(names, ", "), n, plural(n, "finding", "findings"), plural(n, "it", "them"))
		}
		switch {
		case out.err != nil:
			b.errs = append(b.errs, out.err)
		case out.nothing:
			fmt.Fprintf(b.errOut, "sendgen: %s: nothing to render (no # Requested provision, no mediation.date with # Agreed actions or # Unresolved issues, no certificate.issued)\n", displayPath(e))
		case len(out.held) > 0:
			held = true
			names := make([]string, len(out.held))
			for i, d := range out.held {
				names[i] = string(d)
			}
			fmt.Fprintf(b.errOut, "sendgen: %s: not rendered because of the errors above: %s (fix them, or render a draft with --draft)\n",
				displayPath(e), strings.Join(names, ", "))
		}
	})
	if werr != nil {
		b.discard()
		return werr
	}
	if err := b.finish(); err != nil {
		return err
	}
	if held || b.failed() {
		return exitError{ExitFindings}
	}
	return nil
}
