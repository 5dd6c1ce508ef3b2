package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/build"
	"github.com/sendgen/sendgen/internal/caseset"
	"github.com/sendgen/sendgen/internal/config"
	"github.com/sendgen/sendgen/internal/fsutil"
	"github.com/sendgen/sendgen/internal/suggest"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

// CIOptions are the flags `sendgen lint` and `sendgen build` share for
// batch and CI runs.
type CIOptions struct {
	Format   string   // --format: the report on stdout
	Outputs  []string // --output FORMAT=PATH, repeatable: more reports, each to its file
	FailOn   string   // --fail-on: error, warning, info or none
	Color    string   // --color: auto, always, never
	Jobs     int      // --jobs: concurrent cases; 0 = every core
	Shard    string   // --shard K/N
	Exclude  []string // --exclude GLOB, repeatable
	PathBase string   // --path-base: what report paths are relative to
	Verbose  bool     // --verbose: the text report shows the working behind each finding
}

func (o *CIOptions) addFlags(cmd *cobra.Command, failOn string) {
	fl := cmd.Flags()
	fl.StringVarP(&o.Format, "format", "f", "text", "report on stdout: "+strings.Join(report.Formats(), ", "))
	fl.StringArrayVar(&o.Outputs, "output", nil, "also write a report to a file, FORMAT=PATH (repeatable: --output sarif=sendgen.sarif --output junit=junit.xml)")
	fl.StringVar(&o.FailOn, "fail-on", failOn, "lowest severity that makes the exit status 1: error, warning, info, none")
	fl.StringVar(&o.Color, "color", "auto", "colour in text output: auto, always, never")
	fl.IntVar(&o.Jobs, "jobs", 0, "case files checked at once (default: the number of cores)")
	fl.StringVar(&o.Shard, "shard", "", "take only shard K of N of the files, K/N, split by case reference (a CI matrix runs 1/N ... N/N)")
	fl.StringArrayVar(&o.Exclude, "exclude", nil, "leave out files and folders a folder argument finds, a glob relative to the current folder ('drafts/**'); repeatable")
	fl.BoolVarP(&o.Verbose, "verbose", "v", false, "show the working behind each finding in text output (how a date was reached); the other formats always carry it")
	fl.StringVar(&o.PathBase, "path-base", "", "folder that paths in sarif, github, codequality, checkstyle and rdjsonl reports are relative to (default: the repository root, found by walking up to .git)")
}

// output is one report of a run.
type output struct {
	format, path string // path "" is stdout
	file         *fsutil.File
	buf          *bufio.Writer // in front of file
	w            report.Writer
}

// batch is one lint or build run over many files: the files chosen, the
// reports they stream into, the totals and the errors.
type batch struct {
	f       *Factory
	ci      *CIOptions
	ws      *build.Workspace
	failOn  lint.Severity // lint.Off: findings never fail the run
	jobs    int
	shard   caseset.Shard
	root    string
	wd      string // the working directory, asked once ("" when it cannot be)
	stdin   []byte
	set     *caseset.Set
	entries []caseset.Entry

	textOut bool      // the stdout report is text: notes go to stdout too
	out     io.Writer // stdout, buffered (or above the progress bar)
	outBuf  *bufio.Writer
	errOut  io.Writer // stderr (or above the progress bar)
	outputs []*output
	summary *os.File
	bar     *progress

	totals report.Totals
	worst  lint.Severity
	errs   []error
}

// parseFailOn reads --fail-on; "none" (or "off") means findings never fail
// the run, only errors and held-back documents do.
func parseFailOn(s string) (lint.Severity, error) {
	sev, err := lint.ParseSeverity(s)
	if err != nil {
		return 0, usageError{fmt.Errorf("--fail-on must be error, warning, info or none, not %q%s", s, suggest.DidYouMean(s, []string{"error", "warning", "info", "none"}))}
	}
	return sev, nil
}

// newBatch checks the flags, builds the workspace and chooses the files;
// nothing is written yet. title names the run ("sendgen lint").
func newBatch(f *Factory, common CommonOptions, ci *CIOptions, bo build.Options, paths []string, title string) (*batch, error) {
	b := &batch{f: f, ci: ci}
	var err error
	if b.failOn, err = parseFailOn(ci.FailOn); err != nil {
		return nil, err
	}
	if ci.Jobs < 0 {
		return nil, usageError{fmt.Errorf("--jobs must be 0 (every core) or more, not %d", ci.Jobs)}
	}
	b.jobs = ci.Jobs
	if b.jobs == 0 {
		b.jobs = runtime.GOMAXPROCS(0)
	}
	if ci.Shard != "" {
		if b.shard, err = caseset.ParseShard(ci.Shard); err != nil {
			return nil, usageError{err}
		}
	}
	for _, g := range ci.Exclude {
		if !doublestar.ValidatePattern(filepath.ToSlash(g)) || filepath.IsAbs(g) {
			return nil, usageError{fmt.Errorf("--exclude %q is not a relative glob pattern (e.g. 'drafts/**', '**/README.md')", g)}
		}
	}
	if !slices.Contains(report.Formats(), ci.Format) {
		return nil, usageError{fmt.Errorf("unknown format %q: use one of %s%s", ci.Format, strings.Join(report.Formats(), ", "), suggest.DidYouMean(ci.Format, report.Formats()))}
	}
	b.outputs = []*output{{format: ci.Format}}
	seen := map[string]bool{}
	for _, spec := range ci.Outputs {
		format, path, ok := strings.Cut(spec, "=")
		if !ok || path == "" {
			return nil, usageError{fmt.Errorf("--output %q: write FORMAT=PATH, e.g. sarif=sendgen.sarif", spec)}
		}
		if !slices.Contains(report.Formats(), format) {
			return nil, usageError{fmt.Errorf("--output %q: unknown format %q: use one of %s%s", spec, format, strings.Join(report.Formats(), ", "), suggest.DidYouMean(format, report.Formats()))}
		}
		if path == "-" {
			return nil, usageError{fmt.Errorf("--output %q: stdout is --format's", spec)}
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, usageError{fmt.Errorf("--output %q: %v", spec, err)}
		}
		if seen[abs] {
			return nil, usageError{fmt.Errorf("--output %q: two reports to one file", spec)}
		}
		seen[abs] = true
		if st, err := os.Stat(filepath.Dir(abs)); err != nil || !st.IsDir() {
			return nil, usageError{fmt.Errorf("--output %q: the folder %s does not exist", spec, filepath.Dir(path))}
		}
		b.outputs = append(b.outputs, &output{format: format, path: path})
	}
	color, err := useColor(ci.Color, f)
	if err != nil {
		return nil, err
	}

	if b.ws, err = f.workspace(common, bo); err != nil {
		return nil, err
	}
	if slices.Contains(paths, caseset.Stdin) {
		if f.IO.In == nil {
			return nil, usageError{errors.New("-: there is no standard input to read")}
		}
		b.stdin, err = io.ReadAll(io.LimitReader(f.IO.In, casefile.MaxSize+1))
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
	}
	if b.root, err = repoRoot(ci.PathBase); err != nil {
		return nil, err
	}
	b.wd, _ = os.Getwd()

	var skip []string
	for _, o := range b.outputs[1:] {
		skip = append(skip, o.path)
	}
	b.set = caseset.Collect(paths, caseset.Options{Exclude: b.excluded, Skip: skip, Stdin: b.stdin})
	b.errs = append(b.errs, b.set.Errs...)
	b.entries = b.shard.Take(b.set.Files)

	run := report.Run{Tool: report.Tool{Name: "sendgen", Version: f.version().toolVersion(), InformationURI: report.Home},
		Color: color, Verbose: ci.Verbose, Title: title, AutomationID: "sendgen/"}
	if b.shard.N > 1 {
		run.Title += fmt.Sprintf(", shard %d of %d", b.shard.K, b.shard.N)
		run.AutomationID = fmt.Sprintf("sendgen/shard-%d-of-%d/", b.shard.K, b.shard.N)
	}
	if e, err := b.ws.FolderEngine("."); err == nil {
		// The workspace's engine for the current folder, which its case
		// files are then checked with: built once, not twice.
		run.Rules = e.Rules()
	} else if e, err := lint.New(lint.DefaultConfig(), nil); err == nil {
		// The configuration's own error is reported with the files it
		// applies to; the reports still describe the built-in rules.
		run.Rules = e.Rules()
	}
	b.textOut = ci.Format == "text"
	b.out, b.errOut = f.IO.Out, f.IO.Err
	if b.bar = newProgress(f, len(b.entries), title); b.bar != nil {
		b.errOut = b.bar.p
		if f.IO.OutIsTTY {
			b.out = b.bar.p // lines above the bar, not through it
		}
	}
	b.outBuf = bufio.NewWriter(b.out)
	if p := f.Getenv("GITHUB_STEP_SUMMARY"); p != "" && slices.ContainsFunc(b.outputs, func(o *output) bool { return o.format == "github" }) {
		// GitHub's own file, appended to by every step: not ours to
		// replace atomically.
		if b.summary, err = os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err != nil {
			return nil, fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
	}
	summaryGiven := false
	for _, o := range b.outputs {
		r := run
		if o.format == "github" && b.summary != nil && !summaryGiven {
			r.StepSummary, summaryGiven = b.summary, true // one summary a run
		}
		var w io.Writer = b.outBuf
		if o.path != "" {
			r.Color = false
			if o.file, err = fsutil.Create(o.path); err != nil {
				b.discard()
				return nil, err
			}
			o.buf = bufio.NewWriter(o.file)
			w = o.buf
		}
		if o.w, err = report.New(o.format, w, r); err != nil {
			b.discard()
			return nil, usageError{err}
		}
	}
	return b, nil
}

// excluded applies --exclude (relative to the current folder) and the
// exclude: of the configuration that governs the path.
func (b *batch) excluded(path string) (bool, error) {
	rel := filepath.ToSlash(filepath.Clean(path))
	if abs, err := fsutil.Abs(b.wd, path); err == nil && b.wd != "" {
		if r, err := filepath.Rel(b.wd, abs); err == nil {
			rel = filepath.ToSlash(r)
		}
	}
	if config.MatchAny(b.ci.Exclude, rel) {
		return true, nil
	}
	cfg, err := b.ws.Config(path)
	if err != nil {
		return true, err
	}
	return cfg.Excludes(path), nil
}

// repoRoot is what report paths are relative to: --path-base, else the
// nearest folder above the current one that holds .git (a folder, or a
// file in a worktree), else the current folder.
func repoRoot(base string) (string, error) {
	if base != "" {
		st, err := os.Stat(base)
		if err != nil || !st.IsDir() {
			return "", usageError{fmt.Errorf("--path-base %s: not a folder", base)}
		}
		return filepath.Abs(base)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return wd, nil
		}
		dir = parent
	}
}

// displayPath is how reports name an entry.
func displayPath(e caseset.Entry) string {
	if e.Path == caseset.Stdin {
		return "<stdin>"
	}
	return e.Path
}

// repoPath is a file's path relative to the repository root, with forward
// slashes; "" when it cannot be made relative (the report then uses the
// path as given).
func (b *batch) repoPath(path string) string {
	if path == caseset.Stdin {
		return ""
	}
	abs, err := fsutil.Abs(b.wd, path)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(b.root, abs)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(rel)
}

// check runs the pipeline over one entry.
func (b *batch) check(ctx context.Context, e caseset.Entry) *build.Result {
	if e.Path == caseset.Stdin {
		if len(b.stdin) > casefile.MaxSize {
			return &build.Result{Path: "<stdin>", Err: fmt.Errorf("<stdin>: more than %d bytes, too large for a case file", casefile.MaxSize)}
		}
		return b.ws.Check(ctx, "<stdin>", b.stdin)
	}
	return b.ws.CheckFile(ctx, e.Path)
}

// begin starts every report.
func (b *batch) begin() error {
	for _, o := range b.outputs {
		if err := o.w.Begin(); err != nil {
			return b.writeErr(o, err)
		}
	}
	return nil
}

// report streams one file's findings to every report and counts them.
// findings may be a subset of the result's (render shows what blocks).
func (b *batch) report(e caseset.Entry, res *build.Result, findings []lint.Finding) error {
	b.totals.Files++
	b.totals.Count(findings)
	for _, f := range findings {
		if b.worst == lint.Off || f.Severity > b.worst {
			b.worst = f.Severity
		}
	}
	rf := report.File{Path: displayPath(e), RepoPath: b.repoPath(e.Path), Source: res.Case.Source, Findings: findings,
		Config: b.userConfig(res.Config)}
	b.totals.AddConfig(rf.Config)
	for _, o := range b.outputs {
		if err := o.w.File(rf); err != nil {
			return b.writeErr(o, err)
		}
	}
	// Stream: what is known is shown before the next file is done.
	return b.outBuf.Flush()
}

// fail records a file that could not be checked.
func (b *batch) fail(err error) {
	b.totals.Files++
	b.totals.Unreadable++
	b.errs = append(b.errs, err)
}

// note is a line for people: on stdout beside a text report, else stderr,
// so that a machine-readable stdout stays one valid document.
func (b *batch) note(format string, args ...any) {
	w := b.errOut
	if b.textOut {
		w = b.outBuf
	}
	fmt.Fprintf(w, format+"\n", args...)
}

func (b *batch) writeErr(o *output, err error) error {
	if o.path == "" {
		return fmt.Errorf("writing the %s report to stdout: %w", o.format, err)
	}
	return fmt.Errorf("writing the %s report %s: %w", o.format, o.path, err)
}

func (b *batch) discard() {
	for _, o := range b.outputs {
		if o.file != nil {
			o.file.Discard()
		}
	}
	if b.summary != nil {
		_ = b.summary.Close()
	}
}

// finish ends every report, commits the report files and prints what the
// run skipped, its errors and, beside a machine-readable stdout, the grand
// total. It returns the error that decides the exit status before
// findings are counted: exit 2 for errors.
func (b *batch) finish() error {
	var werr error
	for _, o := range b.outputs {
		if err := o.w.End(b.totals); err != nil && werr == nil {
			werr = b.writeErr(o, err)
		}
		if o.file == nil {
			continue
		}
		if werr == nil {
			if err := o.buf.Flush(); err != nil {
				werr = b.writeErr(o, err)
			}
		}
		if werr != nil {
			o.file.Discard()
			continue
		}
		if err := o.file.Commit(); err != nil {
			werr = err
		}
	}
	if err := b.outBuf.Flush(); err != nil && werr == nil {
		werr = fmt.Errorf("writing to stdout: %w", err)
	}
	if b.summary != nil {
		if err := b.summary.Close(); err != nil && werr == nil {
			werr = fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
	}
	if b.bar != nil {
		b.bar.done()
		b.errOut = b.f.IO.Err
	}
	if n := len(b.set.Skipped); n > 0 {
		names := b.set.Skipped
		more := ""
		if len(names) > 3 {
			names, more = names[:3], fmt.Sprintf(" and %d more", n-3)
		}
		fmt.Fprintf(b.f.IO.Err, "sendgen: skipped %d .md %s without front matter naming a case (case:): %s%s\n",
			n, plural(n, "file", "files"), strings.Join(names, ", "), more)
	}
	printErrors(b.f.IO, b.errs)
	if !b.textOut && b.totals.Files > b.totals.Unreadable {
		fmt.Fprintf(b.f.IO.Err, "sendgen: %s\n", b.totals)
	}
	if werr != nil {
		return werr
	}
	if len(b.errs) > 0 {
		return exitError{ExitError}
	}
	return nil
}

// failed reports whether findings reach --fail-on.
func (b *batch) failed() bool {
	return b.failOn != lint.Off && b.worst != lint.Off && b.worst >= b.failOn && b.totals.Errors+b.totals.Warnings+b.totals.Infos > 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// progress is the bar on stderr for a run over many files: only on a
// terminal and never under CI, where a log would fill with redraws.
type progress struct {
	p   *mpb.Progress
	bar *mpb.Bar
}

func newProgress(f *Factory, n int, title string) *progress {
	if n < 2 || !f.IO.ErrIsTTY || f.Getenv("CI") != "" || f.Getenv("TERM") == "dumb" {
		return nil
	}
	p := mpb.New(mpb.WithOutput(f.IO.Err), mpb.WithWidth(40))
	bar := p.AddBar(int64(n),
		mpb.PrependDecorators(decor.Name(title+" "), decor.CountersNoUnit("%d/%d files")),
		mpb.AppendDecorators(decor.Percentage()),
		mpb.BarRemoveOnComplete())
	return &progress{p: p, bar: bar}
}

func (p *progress) step() {
	if p != nil {
		p.bar.Increment()
	}
}

func (p *progress) done() {
	if !p.bar.Completed() {
		p.bar.Abort(true)
	}
	p.p.Wait()
}

func unwrapPathError(err error) error { return fsutil.Unwrap(err) }

// userConfig is the configuration files a user wrote that applied to a
// result (the built-in rules dropped), relative to the repository root so
// that no report names a folder of the machine it ran on.
func (b *batch) userConfig(sources []string) []string {
	if len(sources) <= 1 {
		return nil
	}
	out := make([]string, 0, len(sources)-1)
	for _, s := range sources[1:] {
		if rel := b.repoPath(s); rel != "" && !strings.HasPrefix(rel, "../") {
			out = append(out, rel)
		} else {
			out = append(out, s)
		}
	}
	return out
}
