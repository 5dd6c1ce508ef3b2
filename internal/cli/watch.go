package cli

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/config"
	"github.com/sendgen/sendgen/internal/watch"
	"github.com/sendgen/sendgen/internal/watch/screen"
)

// WatchOptions are the flags of `sendgen watch`.
type WatchOptions struct {
	IO            *IO
	Factory       *Factory
	CommonOptions               // --config (one configuration for every case) and --today
	Out           string        // --out: the folder PDFs are written to
	Final         bool          // --final: final documents where nothing holds them back (default: drafts)
	Templates     string        // --templates: a folder overriding the embedded templates
	Poll          time.Duration // --poll: poll at this interval instead of inotify (0: inotify)
	Paths         []string      // the case files and folders to watch
	// Debounce is the watcher's quiet period; 0 is watch.DefaultDebounce.
	// Tests shorten it.
	Debounce time.Duration
	// Ready, when set, is called once the first build of every case is
	// done and the screen shows it (tests and benchmarks wait for it).
	Ready func()
}

// BuildFunc builds one case file from the bytes of a save: lint it, render
// the documents it supports and write them to the output folder. It is
// called from one goroutine, one case at a time, and must not panic on any
// input. A case file that cannot be built (it does not parse, a document
// fails to render, a PDF cannot be written) returns Err and leaves every
// PDF already on disk as it was.
type BuildFunc func(path string, src []byte) BuildResult

// BuildResult is what the watch screen shows of one build.
type BuildResult struct {
	// Statements are the findings, grouped by the statement they are about.
	Statements              []screen.Statement
	Errors, Warnings, Infos int
	// Wrote are the PDFs written, in document order.
	Wrote []string
	// Held are the PDFs not written because error-level findings hold
	// their document back (--final).
	Held []string
	// Removed are older final documents of Held that were removed, so
	// that last week's version is not sent by mistake (as sendgen build
	// does).
	Removed []string
	// Config is the configuration file the case was built with ("" for the
	// built-in rules): a change to it rebuilds the case.
	Config string
	// Err is why the save could not be built, or nil when it was. When it
	// is set, no document of the case was written or removed (Wrote and
	// Removed are empty), except for a held-back document whose older
	// version could not be removed after the others were written.
	Err error
}

// NewCmdWatch is `sendgen watch`.
func NewCmdWatch(f *Factory, runF func(*WatchOptions) error) *cobra.Command {
	o := &WatchOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "watch [flags] PATH...",
		Short: "Rebuild case files as they are saved: findings on screen, PDFs follow",
		Long: `Build each case file (or folder of them, recursively *.md) once, then again
every time it is saved: lint it, show the findings, and render its documents
into --out, as 'sendgen build' does. Drafts by default (DRAFT watermark,
findings appendix); with --final, final documents where no error-level
finding holds them back.

On a terminal the screen is redrawn in place: per case file, the time of
its last build, the counts, the findings grouped by statement, and the PDFs
written. Elsewhere (a pipe, a log) it prints one line per event.

A save that cannot be built leaves the last good PDFs in place, and the
screen says so. A changed .sendgen.yaml rebuilds the cases it applies to; a
changed template rebuilds every case. The output folder is never watched.
Ctrl-C stops (exit status 0). Open the PDFs in a viewer that reloads changed
files (docs/watch.md).

--poll (or --poll=1s) polls instead of using inotify, for network and
virtual file systems where inotify sees nothing.`,
		Example: `  # Drafts of a case, rebuilt every time you save it
  sendgen watch ZS-2026-001.md

  # Final documents of every case under a folder on a network share
  sendgen watch --final --poll cases/`,
		Args: requirePaths("watch", "at least one file or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if runF != nil {
				return runF(o)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			build, err := newWatchBuild(ctx, o)
			if err != nil {
				return err
			}
			return runWatch(ctx, o, build)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.Out, "out", "o", "out", "folder to write the PDFs to")
	fl.BoolVar(&o.Final, "final", false, "render final documents (held back where provision has errors) instead of drafts")
	fl.StringVar(&o.Templates, "templates", "", "folder of templates overriding the built-in ones (watched too)")
	o.CommonOptions.addFlags(cmd)
	fl.DurationVar(&o.Poll, "poll", 0, "poll for changes at this interval instead of using inotify (--poll alone: "+watch.DefaultPoll.String()+")")
	fl.Lookup("poll").NoOptDefVal = watch.DefaultPoll.String()
	return cmd
}

// watchedCase is what runWatch remembers of one case file.
type watchedCase struct {
	src      []byte // the content last built, for rebuilds on config and template changes
	config   string // the configuration it was built with ("" = the defaults)
	file     screen.File
	lastGood []string             // the PDFs the last good build wrote
	goodAt   time.Time            // when
	written  map[string]time.Time // every PDF written this session, when
}

// runWatch builds every case under o.Paths, then rebuilds them as they
// change, until ctx is done (Ctrl-C), which is not an error. It returns an
// error only when watching cannot start.
func runWatch(ctx context.Context, o *WatchOptions, build BuildFunc) error {
	// The one-shot commands turn the collector off (Factory.oneShot: a
	// soft memory limit does the collecting), and in a process that ran
	// one before (tests, an embedding program) that setting would still
	// hold. A watcher runs for hours, building over and over: with the
	// collector off its heap would sit at the limit and every build pay
	// for a forced collection. Give it the runtime's normal settings,
	// unless the user chose their own.
	if o.Factory.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	if o.Factory.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(math.MaxInt64)
	}
	if o.Out == "" {
		o.Out = "out"
	}
	if o.Config != "" {
		if _, err := os.Stat(o.Config); err != nil {
			return usageError{fmt.Errorf("--config %s: %w", o.Config, unwrapPathError(err))}
		}
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return fmt.Errorf("--out: %w", unwrapPathError(err))
	}
	w, err := watch.New(ctx, watch.Options{
		Paths: o.Paths, Out: o.Out, Templates: o.Templates, Config: o.Config,
		Home: o.Factory.Getenv("HOME"), Poll: o.Poll, Debounce: o.Debounce, MaxSize: casefile.MaxSize,
	})
	if err != nil {
		var le *watch.LimitError
		if errors.As(err, &le) {
			return err
		}
		return usageError{err}
	}
	defer w.Close()

	ui := newWatchScreen(o)
	cases := map[string]*watchedCase{}
	var order []string // sorted paths of cases
	get := func(p string) *watchedCase {
		c, ok := cases[p]
		if !ok {
			c = &watchedCase{written: map[string]time.Time{}}
			cases[p] = c
			order = append(order, p)
			sort.Strings(order)
		}
		return c
	}
	rebuild := func(p string, c *watchedCase) {
		res := build(p, c.src)
		c.config = res.Config
		c.file = fileOf(p, c, res, o.Factory.Now())
		ui.file(c.file)
	}
	ready := false
	resize := notifyResize()
	defer signal.Stop(resize)
	ui.start()
	for {
		var ev watch.Event
		var ok bool
		select {
		case ev, ok = <-w.Events():
		case <-resize:
			ui.redraw()
			continue
		}
		if !ok {
			break
		}
		switch ev := ev.(type) {
		case watch.CaseChanged:
			c := get(ev.Path)
			c.src = ev.Content
			rebuild(ev.Path, c)
		case watch.CaseRemoved:
			c := get(ev.Path)
			c.src = nil
			c.file = screen.File{Path: ev.Path, State: screen.Removed, At: o.Factory.Now()}
			ui.file(c.file)
		case watch.CaseUnreadable:
			c := get(ev.Path)
			c.src = nil
			c.file = screen.File{Path: ev.Path, State: screen.Unreadable, At: o.Factory.Now(), Problem: ev.Err.Error()}
			ui.file(c.file)
		case watch.ConfigChanged:
			n := 0
			for _, p := range order {
				c := cases[p]
				if c.src == nil {
					continue
				}
				// The cases built with it, and those it now applies to (a
				// new .sendgen.yaml nearer than their old one).
				if samePath(c.config, ev.Path) || samePath(configFor(o, p), ev.Path) {
					rebuild(p, c)
					n++
				}
			}
			if n == 0 {
				ui.notice(fmt.Sprintf("configuration %s changed: it applies to none of the watched cases", ev.Path))
			} else {
				ui.notice(fmt.Sprintf("configuration %s changed: rebuilt %d %s", ev.Path, n, plural(n, "case", "cases")))
			}
		case watch.TemplatesChanged:
			n := 0
			for _, p := range order {
				if c := cases[p]; c.src != nil {
					rebuild(p, c)
					n++
				}
			}
			ui.notice(fmt.Sprintf("template %s changed: rebuilt %d %s", ev.Path, n, plural(n, "case", "cases")))
		case watch.Error:
			ui.notice("error: " + ev.Err.Error())
		case watch.Ready:
			ready = true
			ui.ready()
			if o.Ready != nil {
				o.Ready()
			}
		}
		if ready {
			ui.redraw()
		}
	}
	ui.stop()
	return nil
}

// configFor is the configuration file that applies to a case now:
// --config, or the nearest .sendgen.yaml above it (as build.Workspace finds
// it), or "" for the built-in rules.
func configFor(o *WatchOptions, path string) string {
	if o.Config != "" {
		return o.Config
	}
	return config.Find(filepath.Dir(path), o.Factory.Getenv("HOME"))
}

// samePath compares two paths as files: absolute, symbolic links resolved
// (config.Find gives absolute paths, the watcher the paths as given).
func samePath(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return canonical(a) == canonical(b)
}

func canonical(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	return p
}

// fileOf turns a build's result into the file's line on the screen,
// remembering what a good build wrote so that a broken save can say which
// PDFs are left from it.
func fileOf(path string, c *watchedCase, res BuildResult, now time.Time) screen.File {
	f := screen.File{Path: path, State: screen.Built, At: now,
		Errors: res.Errors, Warnings: res.Warnings, Infos: res.Infos,
		Statements: res.Statements, Wrote: res.Wrote, Held: res.Held, Removed: res.Removed}
	for _, p := range res.Wrote {
		c.written[p] = now
	}
	var kept []string
	if res.Err != nil {
		f.State = screen.Broken
		f.Problem = res.Err.Error()
		kept = c.lastGood
	} else {
		if len(res.Wrote) > 0 {
			c.lastGood, c.goodAt = res.Wrote, now
		}
		kept = res.Held
	}
	for _, p := range kept {
		st, err := os.Stat(p)
		if err != nil {
			continue // never written, or deleted since
		}
		if contains(res.Wrote, p) {
			continue
		}
		f.Kept = append(f.Kept, p)
		at, ok := c.written[p]
		if !ok {
			at = st.ModTime() // from before this session
		}
		if at.After(f.KeptAt) {
			f.KeptAt = at
		}
	}
	return f
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// watchScreen is the terminal screen or the plain log.
type watchScreen struct {
	o     *WatchOptions
	model screen.Model
	term  *screen.Terminal // nil: plain lines
	log   screen.Log
	index map[string]int
	shown bool // the first build is done: redraw after every event
}

func newWatchScreen(o *WatchOptions) *watchScreen {
	s := &watchScreen{o: o, index: map[string]int{}, log: screen.Log{W: o.IO.Out},
		model: screen.Model{Paths: o.Paths, Out: o.Out, Final: o.Final, Poll: o.Poll}}
	if o.IO.OutIsTTY && o.Factory.Getenv("TERM") != "dumb" {
		color, _ := useColor("auto", o.Factory)
		out := o.IO.Out
		s.term = &screen.Terminal{W: out, Color: color, Now: o.Factory.Now,
			Size: func() (int, int) { return terminalSize(out, o.Factory.Getenv) }}
	}
	return s
}

func (s *watchScreen) start() {
	if s.term == nil {
		_ = s.log.Start(s.model, s.o.Factory.Now())
	}
}

func (s *watchScreen) ready() { s.shown = true }

// file records a file's new state; plain output prints it at once.
func (s *watchScreen) file(f screen.File) {
	if i, ok := s.index[f.Path]; ok {
		s.model.Files[i] = f
	} else {
		s.model.Files = append(s.model.Files, f)
		sort.Slice(s.model.Files, func(i, j int) bool { return s.model.Files[i].Path < s.model.Files[j].Path })
		for i, f := range s.model.Files {
			s.index[f.Path] = i
		}
	}
	if s.term == nil {
		_ = s.log.File(f)
	} else if !s.shown && len(s.model.Files)%20 == 1 {
		// The first build of a large folder takes a while: show progress.
		_ = s.term.Draw(s.model)
	}
}

func (s *watchScreen) notice(msg string) {
	s.model.Notice, s.model.NoticeAt = msg, s.o.Factory.Now()
	if s.term == nil {
		_ = s.log.Notice(msg, s.model.NoticeAt)
	}
}

func (s *watchScreen) redraw() {
	if s.term != nil && s.shown {
		_ = s.term.Draw(s.model)
	}
}

func (s *watchScreen) stop() {
	if s.term != nil {
		_ = s.term.Draw(s.model)
		_ = s.term.Leave()
		return
	}
	_ = s.log.Notice("stopped", s.o.Factory.Now())
}
