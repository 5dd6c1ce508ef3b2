package cli

// The BuildFunc of `sendgen watch`: the shared pipeline (build.Workspace),
// as `sendgen build` uses it, with the watcher's policy on top. It is one
// file on purpose: what the watch screen needs of a build is here and
// nowhere else.

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/build"
	"github.com/sendgen/sendgen/internal/fsutil"
	"github.com/sendgen/sendgen/internal/outdir"
	"github.com/sendgen/sendgen/internal/watch/screen"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

// watchBuild holds the Workspace between builds and renews what a change
// made stale before each one: a new Workspace when a template's content
// changed (templates are parsed when it is made) or the day did (without
// --today, deadlines are judged by the date it was made), Workspace.Invalidate when
// the configuration of the case's folder is another file than before or
// its content changed. Comparing costs a few stats and reads of small
// files per build, and means a build never uses a stale configuration or
// template however the change was noticed (or missed).
type watchBuild struct {
	ctx    context.Context
	o      *WatchOptions
	ws     *build.Workspace
	wsErr  error
	out    *outdir.Folder
	tplSum [sha256.Size]byte
	day    string                       // the clock's date the Workspace judges deadlines by
	dirs   map[string]string            // case folder -> configuration file found for it
	sums   map[string][sha256.Size]byte // configuration file -> content hash
}

func newWatchBuild(ctx context.Context, o *WatchOptions) (BuildFunc, error) {
	if _, err := o.Factory.today(o.Today); err != nil {
		return nil, err
	}
	if o.Templates != "" {
		if st, err := os.Stat(o.Templates); err != nil || !st.IsDir() {
			return nil, usageError{fmt.Errorf("--templates %s: not a folder", o.Templates)}
		}
	}
	if o.Out == "" {
		o.Out = "out"
	}
	out, stale, err := outdir.Open(o.Out)
	if err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	if len(stale) > 0 {
		fmt.Fprintf(o.IO.Err, "sendgen: removed %d temporary %s left in %s by an interrupted run\n", len(stale), plural(len(stale), "file", "files"), o.Out)
	}
	b := &watchBuild{ctx: ctx, o: o, out: out}
	// Templates that do not parse stop the command at the start, as they
	// stop `sendgen build`; later they are one more reason a build fails.
	if err := b.refresh(""); err != nil {
		return nil, err
	}
	return b.build, nil
}

func (b *watchBuild) build(path string, src []byte) BuildResult {
	// The configuration that applies, even when it is broken: a change to
	// it must rebuild the case.
	out := BuildResult{Config: configFor(b.o, path)}
	if err := b.refresh(path); err != nil {
		out.Err = err
		return out
	}
	res := b.ws.Check(b.ctx, path, src)
	if res.Err != nil {
		out.Err = res.Err
		return out
	}
	c := res.Case
	out.Statements = groupFindings(c, res.Findings)
	for _, f := range res.Findings {
		switch f.Severity {
		case lint.Error:
			out.Errors++
		case lint.Warning:
			out.Warnings++
		default:
			out.Infos++
		}
	}
	// Render everything first and write only when every document
	// rendered: a save that breaks one document must not leave a mix of
	// new and old PDFs.
	draft := !b.o.Final
	var files []outdir.File
	var stale []string
	for _, d := range res.Applicable() {
		if d.State == build.Refused {
			out.Err = fmt.Errorf("%s: %s", path, d.Reason)
			return out
		}
		if d.State == build.HeldBack && !draft {
			out.Held = append(out.Held, filepath.Join(b.o.Out, d.File))
			stale = append(stale, d.File)
			continue
		}
		data, err := b.ws.Render(res, d.Kind, draft)
		if err != nil {
			out.Err = err
			return out
		}
		files = append(files, outdir.File{Name: d.File, Data: data})
	}
	// All of the case's documents or none, never over a document of
	// another case file with the same reference (outdir), each through
	// fsutil.WriteFile, which retries a PDF a viewer has locked and then
	// leaves the old one in place (docs/watch.md).
	if err := os.MkdirAll(b.o.Out, 0o755); err != nil { // removed while watching
		out.Err = fmt.Errorf("--out: %w", unwrapPathError(err))
		return out
	}
	if err := b.out.Write(path, files); err != nil {
		out.Err = fmt.Errorf("%s: %w", path, err)
		return out
	}
	for _, f := range files {
		out.Wrote = append(out.Wrote, filepath.Join(b.o.Out, f.Name))
	}
	// A final document now held back loses its older version, as with
	// `sendgen build`: last week's final must not be sent by mistake.
	for _, name := range stale {
		removed, err := b.out.Remove(path, name)
		if err != nil {
			out.Err = fmt.Errorf("%s is held back, but %s was not removed: %w", path, filepath.Join(b.o.Out, name), err)
			return out
		}
		if removed {
			out.Removed = append(out.Removed, filepath.Join(b.o.Out, name))
		}
	}
	return out
}

// refresh renews the Workspace, or forgets its configurations, where a
// template or the configuration of path's folder changed. path "" checks
// the templates only.
func (b *watchBuild) refresh(path string) error {
	sum, err := b.templatesSum()
	if err != nil {
		return err
	}
	// Without --today the Workspace judges deadlines by the date it was
	// made on; a watcher left running past midnight needs a new one.
	day := b.o.Factory.Now().Format("2006-01-02")
	if b.ws == nil && b.wsErr == nil || sum != b.tplSum || b.o.Today == "" && day != b.day {
		b.day = day
		bo := build.Options{}
		if b.o.Templates != "" {
			bo.Templates = os.DirFS(b.o.Templates)
		}
		b.tplSum = sum
		b.ws, b.wsErr = b.o.Factory.workspace(b.o.CommonOptions, bo)
		b.dirs, b.sums = map[string]string{}, map[string][sha256.Size]byte{}
	}
	if b.wsErr != nil {
		return fmt.Errorf("templates: %w", b.wsErr)
	}
	if path == "" {
		return nil
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		dir = filepath.Dir(path)
	}
	cfg := configFor(b.o, path)
	var cs [sha256.Size]byte
	if cfg != "" {
		// A file that cannot be read hashes as empty; the Workspace
		// reports the error when it loads it.
		data, _ := fsutil.ReadLimited(cfg, 1<<20)
		cs = sha256.Sum256(data)
	}
	prevCfg, seen := b.dirs[dir]
	prevSum, loaded := b.sums[cfg]
	if seen && prevCfg != cfg || loaded && prevSum != cs {
		b.ws.Invalidate()
		b.dirs, b.sums = map[string]string{}, map[string][sha256.Size]byte{}
	}
	b.dirs[dir], b.sums[cfg] = cfg, cs
	return nil
}

// templatesSum hashes the names and contents of the templates folder.
func (b *watchBuild) templatesSum() ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	if b.o.Templates == "" {
		return sum, nil
	}
	h := sha256.New()
	err := filepath.WalkDir(b.o.Templates, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fsutil.ReadLimited(p, 1<<20)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(p), len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return sum, fmt.Errorf("--templates %s: %w", b.o.Templates, unwrapPathError(err))
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// groupFindings groups findings by the statement they are in: the
// paragraph or list item, the table row, or for the front matter and
// headings the line.
func groupFindings(c *casefile.Case, findings []lint.Finding) []screen.Statement {
	type key struct{ start, end int }
	var order []key
	groups := map[key]*screen.Statement{}
	for _, f := range findings {
		sp, text := statementOf(c, f.Span.Start)
		k := key{sp.Start, sp.End}
		st, ok := groups[k]
		if !ok {
			st = &screen.Statement{
				StartLine: c.Source.Pos(sp.Start).Line,
				EndLine:   c.Source.Pos(max(sp.Start, sp.End-1)).Line,
				Text:      text,
			}
			groups[k] = st
			order = append(order, k)
		}
		d := report.Resolve(c.Path, c.Source, f)
		msg := f.Message
		if f.Suggestion != "" {
			msg += " (suggestion: " + f.Suggestion + ")"
		}
		st.Findings = append(st.Findings, screen.Finding{Line: d.Line, Column: d.Column,
			Severity: screenSeverity(f.Severity), Rule: f.Rule, Message: msg})
	}
	sort.Slice(order, func(i, j int) bool { return order[i].start < order[j].start })
	out := make([]screen.Statement, len(order))
	for i, k := range order {
		st := groups[k]
		sort.SliceStable(st.Findings, func(a, b int) bool {
			fa, fb := st.Findings[a], st.Findings[b]
			return fa.Line < fb.Line || fa.Line == fb.Line && fa.Column < fb.Column
		})
		out[i] = *st
	}
	return out
}

// statementOf is the span and text of the block holding offset: a
// paragraph or list item, a table row, else its line.
func statementOf(c *casefile.Case, off int) (casefile.Span, string) {
	var walk func(ss []*casefile.Section) (casefile.Span, string, bool)
	walk = func(ss []*casefile.Section) (casefile.Span, string, bool) {
		for _, s := range ss {
			for _, b := range s.Blocks {
				if off >= b.Text.Span.Start && off < b.Text.Span.End {
					return b.Text.Span, b.Text.Text, true
				}
			}
			for _, t := range s.Tables {
				for _, r := range t.Rows {
					if off >= r.Span.Start && off < r.Span.End {
						return r.Span, strings.TrimSpace(string(c.Bytes[r.Span.Start:r.Span.End])), true
					}
				}
			}
			if sp, text, ok := walk(s.Children); ok {
				return sp, text, true
			}
		}
		return casefile.Span{}, "", false
	}
	if sp, text, ok := walk(c.Body.Sections); ok {
		return sp, text
	}
	line := c.Source.Pos(min(off, len(c.Bytes))).Line
	start := c.Source.LineStart(line)
	text := c.Source.LineText(line)
	return casefile.Span{Start: start, End: start + len(text)}, strings.TrimSpace(strings.TrimRight(text, "\r"))
}

func screenSeverity(s lint.Severity) screen.Severity {
	switch s {
	case lint.Error:
		return screen.Error
	case lint.Warning:
		return screen.Warning
	}
	return screen.Info
}
