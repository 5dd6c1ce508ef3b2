// Package watch reports the case files, configuration files and templates
// that change under a set of folders, the way `sendgen watch` needs them:
// one event per save, with the file's settled content, whatever sequence of
// renames, truncations and temporary files the editor used.
//
// It watches folders, not files (an editor that saves by renaming replaces
// the file, and a watch on the old one is lost), recursively, adding
// folders as they appear. Each path's events are debounced: the file is
// read once it has been quiet for Options.Debounce, and reported only if its
// content differs from what was last reported. Nothing inside the output
// folder is ever reported. Where inotify is not available (network and
// virtual file systems), Options.Poll selects a polling implementation
// behind the same API.
//
//	w, err := watch.New(ctx, watch.Options{Paths: paths, Out: "out"})
//	if err != nil { ... }
//	defer w.Close()
//	for ev := range w.Events() {
//		switch ev := ev.(type) {
//		case watch.CaseChanged: build(ev.Path, ev.Content)
//		...
//		}
//	}
package watch

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/sendgen/sendgen/internal/fsutil"
)

// DefaultDebounce is the quiet period after a path's last event before the
// file is read. TestSaveEventGaps measures, for each save pattern of
// package editortest and for the real vim 9.0, the largest gap between the
// events on the file while it is not yet its final content (missing, empty
// or half written), 10 saves each, on this project's 2-core ext4 machine:
//
//	                              run 1: load 7-13   run 2: load 7   (ms; 2 cores)
//	                              p50     max        p50    max
//	vim / neovim backup+rename    0.3     3.1        0.0    1.4
//	vim backupcopy=yes            3.4*    297 (a)    3.4*   5.4   truncate .. write
//	atomic rename-over            0       0          0      0     a single Create
//	JetBrains safe write          3.3*    4.0        3.3*   3.6   rename away .. rename in
//	JetBrains, one process a step 1.9     15         1.9    2.0
//	VS Code (O_TRUNC, write)      3.4*    18         3.3*   3.3
//	nano (O_TRUNC, 4 KiB writes)  1.3     12         1.2    1.3
//	truncate, reopen, write       4.1*    20         3.3*   3.4
//	Emacs (backup by rename)      0.2     0.5        0.0    0.9
//	real vim 9.0                  0.2     2.8        0.7    0.9
//
// ((a) one save whose write stalled 297 ms in the kernel, the disk busy;
// * the patterns' own 3 ms pause, there to make the intermediate state
// visible.) The reference's shell-scripted JetBrains save took 12 ms.
// 50 ms is more than ten times every pattern's median and above every
// maximum but the stalls of a saturated disk, is watchexec's default, and
// leaves half of issue 10's 100 ms save-to-PDF budget to the build. For
// the stalls, an empty or missing file is believed only after a second
// quiet period, and anything longer costs an extra build of an
// intermediate state, never a wrong final one: the last event always leads
// to a read of what is on disk.
const DefaultDebounce = 50 * time.Millisecond

// DefaultPoll is the polling interval of --poll without a value. Hugo's
// and air's pollers use 500 ms; below that a network file system's
// attribute cache (NFS: 3 s by default) is the limit anyway.
const DefaultPoll = 500 * time.Millisecond

// DefaultMaxSize is the largest file read as a case file, the same limit as
// casefile.MaxSize (a test keeps them equal).
const DefaultMaxSize = 4 << 20

// Options say what to watch.
type Options struct {
	// Paths are case files and folders (watched recursively, hidden
	// folders skipped, like `sendgen build`).
	Paths []string
	// Out is the output folder; nothing in it is ever reported, even when
	// it is inside a watched folder.
	Out string
	// Templates is an optional templates folder, watched recursively:
	// every file in it is a template (TemplatesChanged).
	Templates string
	// Config is an optional explicit configuration file (--config); when
	// set, .sendgen.yaml files around the cases are not reported.
	Config string
	// Home is the user's home folder: configuration files are looked for
	// in the folders above the watched ones up to it, or up to the folder
	// holding .git, as config.Find looks for them.
	Home string
	// Poll, when > 0, polls at this interval instead of using inotify.
	Poll time.Duration
	// Debounce is the quiet period; 0 means DefaultDebounce.
	Debounce time.Duration
	// MaxSize is the largest readable case file; 0 means DefaultMaxSize.
	MaxSize int64
}

// Watcher watches. Its events arrive on Events until Close is called or the
// context given to New is done, after which the channel is closed.
type Watcher struct {
	o      Options
	l      *layout
	fsw    *fsnotify.Watcher // nil when polling
	events chan Event
	cancel context.CancelFunc
	done   chan struct{}
	close  sync.Once

	// Owned by the run goroutine once it has started.
	files   map[string]*fileState  // real path -> what was last reported
	dirs    map[string]bool        // folders with an inotify watch
	pending map[string]time.Time   // real path -> when to read it
	scanned map[string]os.FileInfo // real path -> its stat at the last scan (polling)
	timer   *time.Timer
	queue   []Event // events not yet taken by the caller
	initial []string
	started bool // the first scan has been reported
}

type fileState struct {
	class   class
	sum     [sha256.Size]byte
	size    int
	readErr string      // the unreadable error last reported, or ""
	info    os.FileInfo // at the last read, for polling
	readAt  time.Time
	// retried is set while an empty read waits for a second quiet period.
	retried bool
}

// New starts watching. The first events are a CaseChanged for every case
// file already there (and CaseUnreadable for those that cannot be read),
// then Ready. It returns an error for a path that does not exist and, with
// inotify, a *LimitError when the kernel's watch limit is reached.
func New(ctx context.Context, o Options) (*Watcher, error) {
	if o.Debounce <= 0 {
		o.Debounce = DefaultDebounce
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	l, err := newLayout(o)
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		o: o, l: l,
		events:  make(chan Event),
		done:    make(chan struct{}),
		files:   map[string]*fileState{},
		dirs:    map[string]bool{},
		pending: map[string]time.Time{},
		scanned: map[string]os.FileInfo{},
	}
	if o.Poll <= 0 {
		if w.fsw, err = fsnotify.NewWatcher(); err != nil {
			return nil, limitError("the case folders", err)
		}
	}
	found := map[string]bool{}
	add := func(p string) {
		if !found[p] {
			found[p] = true
			w.initial = append(w.initial, p)
		}
	}
	for _, t := range l.watchedTrees() {
		if err := w.addTree(t, add); err != nil {
			w.closeFS()
			return nil, err
		}
	}
	for _, d := range l.flatDirs() {
		if err := w.addFlat(d, add); err != nil {
			w.closeFS()
			return nil, err
		}
	}
	sort.Strings(w.initial)
	ctx, w.cancel = context.WithCancel(ctx)
	w.timer = time.NewTimer(time.Hour)
	w.timer.Stop()
	go w.run(ctx)
	return w, nil
}

// Events is the channel of events. It is closed when the watcher stops.
func (w *Watcher) Events() <-chan Event { return w.events }

// Close stops the watcher and waits for its goroutines to end. It is safe
// to call more than once.
func (w *Watcher) Close() error {
	var err error
	w.close.Do(func() {
		w.cancel()
		<-w.done
		err = w.closeFS()
	})
	return err
}

func (w *Watcher) closeFS() error {
	if w.fsw == nil {
		return nil
	}
	return w.fsw.Close()
}

// addTree watches a folder and every folder below it (except the output
// folder and hidden ones), calling found for each file that matters. The
// watch on a folder is added before its entries are read, so a file
// created meanwhile is either listed or produces an event (or both).
func (w *Watcher) addTree(root string, found func(string)) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return fmt.Errorf("%s: %w", w.l.show(p), unwrapPath(err))
			}
			if w.started {
				w.emit(Error{fmt.Errorf("%s: %w", w.l.show(p), unwrapPath(err))})
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if w.l.skipDir(p) {
				return fs.SkipDir
			}
			if w.fsw != nil && !w.dirs[p] {
				if err := w.fsw.Add(p); err != nil {
					return limitError(w.l.show(p), err)
				}
			}
			w.dirs[p] = true
			return nil
		}
		if w.l.classify(p) != ignored {
			found(p)
		}
		return nil
	})
}

// addFlat watches one folder for its own entries (the folder of a case file
// given by name, folders above the roots for their config files).
func (w *Watcher) addFlat(dir string, found func(string)) error {
	if w.fsw != nil && !w.dirs[dir] {
		if err := w.fsw.Add(dir); err != nil {
			var le *LimitError
			if err := limitError(w.l.show(dir), err); errors.As(err, &le) {
				return err
			}
			// A folder above the roots we may not read (/root for a
			// user) cannot hold a configuration that applies anyway.
			return nil
		}
	}
	w.dirs[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if w.l.classify(p) != ignored {
			found(p)
		}
	}
	return nil
}

// inTree reports whether a folder is inside a recursively watched tree.
func (w *Watcher) inTree(p string) bool {
	for _, t := range w.l.watchedTrees() {
		if within(p, t) {
			return true
		}
	}
	return false
}

func (w *Watcher) run(ctx context.Context) {
	defer close(w.done)
	defer close(w.events)
	defer w.timer.Stop()
	cases := 0
	for _, p := range w.initial {
		w.check(p)
		if st := w.files[p]; st != nil && st.class == caseFile {
			cases++
		}
	}
	w.initial = nil
	w.started = true
	w.emit(Ready{Cases: cases})

	var fsEvents chan fsnotify.Event
	var fsErrors chan error
	var tick <-chan time.Time
	if w.fsw != nil {
		fsEvents, fsErrors = w.fsw.Events, w.fsw.Errors
	} else {
		t := time.NewTicker(w.o.Poll)
		defer t.Stop()
		tick = t.C
	}
	for {
		var out chan<- Event
		var next Event
		if len(w.queue) > 0 {
			out, next = w.events, w.queue[0]
		}
		select {
		case <-ctx.Done():
			return
		case out <- next:
			w.queue[0] = nil
			w.queue = w.queue[1:]
		case ev, ok := <-fsEvents:
			if !ok {
				fsEvents = nil
				continue
			}
			w.handle(ev)
		case err, ok := <-fsErrors:
			if !ok {
				fsErrors = nil
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// The kernel dropped events: look at everything again.
				w.scan()
				continue
			}
			w.emit(Error{fmt.Errorf("watching: %w", err)})
		case <-tick:
			w.scan()
		case <-w.timer.C:
			w.fire()
		}
	}
}

// handle turns one inotify event into work: folders are watched or
// forgotten, files that matter are scheduled to be read.
func (w *Watcher) handle(ev fsnotify.Event) {
	p := ev.Name
	if p == "" || (w.l.out != "" && within(p, w.l.out)) {
		return
	}
	if ev.Has(fsnotify.Create) && w.inTree(p) {
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
			// A new folder (or one moved in): watch it, then list it, so
			// that files put in it before the watch existed are seen.
			if err := w.addTree(p, w.touch); err != nil {
				w.emit(Error{err})
			}
			return
		}
	}
	if (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) && w.dirs[p] {
		w.forget(p)
		return
	}
	if w.l.classify(p) != ignored {
		w.touch(p)
	}
}

// forget drops the watches of a folder that was removed or moved away and
// re-checks the files that were in it (they are gone, or moved).
func (w *Watcher) forget(dir string) {
	for d := range w.dirs {
		if within(d, dir) {
			if w.fsw != nil {
				_ = w.fsw.Remove(d) // already gone with the folder, usually
			}
			delete(w.dirs, d)
		}
	}
	for p := range w.files {
		if within(p, dir) {
			w.touch(p)
		}
	}
}

// touch schedules a path to be read once it has been quiet for the
// debounce period.
func (w *Watcher) touch(p string) { w.touchAfter(p, w.o.Debounce) }

func (w *Watcher) touchAfter(p string, d time.Duration) {
	w.pending[p] = time.Now().Add(d)
	w.schedule()
}

// schedule sets the timer to the earliest pending deadline.
func (w *Watcher) schedule() {
	var first time.Time
	for _, t := range w.pending {
		if first.IsZero() || t.Before(first) {
			first = t
		}
	}
	if first.IsZero() {
		w.timer.Stop()
		return
	}
	w.timer.Reset(time.Until(first))
}

// fire reads the paths whose quiet period is over, in path order.
func (w *Watcher) fire() {
	now := time.Now()
	var due []string
	for p, t := range w.pending {
		if !t.After(now) {
			due = append(due, p)
		}
	}
	sort.Strings(due)
	for _, p := range due {
		delete(w.pending, p)
		w.check(p)
	}
	w.schedule()
}

// check reads a path whose events have settled and reports what changed.
func (w *Watcher) check(p string) {
	st := w.files[p]
	cls := w.l.classify(p)
	if st != nil {
		cls = st.class
	}
	if cls == ignored {
		return
	}
	fi, err := os.Stat(p)
	if w.fsw == nil && w.started {
		// Polling sees no events, so a read can fall in the middle of a
		// save (between a JetBrains rename-away and rename-in, between
		// nano's writes). Read only a file whose stat has not changed for
		// a whole quiet period.
		if err != nil {
			fi = nil
		}
		prev, ok := w.scanned[p]
		w.scanned[p] = fi
		if !ok || differs(prev, fi) {
			w.touch(p)
			return
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if st != nil && !st.retried && st.readErr == "" {
			// A save by rename leaves no file for a moment (JetBrains
			// between its two renames; any save stalled by the disk):
			// believe the file gone after a second quiet period.
			st.retried = true
			w.touch(p)
			return
		}
		if st != nil {
			delete(w.files, p)
			w.changed(p, cls, nil, true)
		}
		return
	case err != nil:
		w.unreadable(p, cls, err)
		return
	case fi.IsDir():
		// A folder named like a case file, or a file replaced by a folder.
		if st != nil {
			delete(w.files, p)
			w.changed(p, cls, nil, true)
		}
		if w.inTree(p) && !w.dirs[p] {
			if err := w.addTree(p, w.touch); err != nil {
				w.emit(Error{err})
			}
		}
		return
	}
	// fsutil.ReadLimited refuses a named pipe or a device before reading
	// (a FIFO would block the watcher for good) and counts what it reads.
	content, err := fsutil.ReadLimited(p, w.o.MaxSize)
	if errors.Is(err, fs.ErrNotExist) {
		w.touch(p) // replaced between the stat and the open: read it again
		return
	}
	var tl *fsutil.TooLargeError
	if errors.As(err, &tl) {
		err = fmt.Errorf("%v for a case file; is this the right file?", tl)
	}
	if err != nil {
		w.unreadable(p, cls, err)
		return
	}
	if len(content) == 0 && st != nil && st.size > 0 && !st.retried {
		// Truncated: an in-place save (VS Code, nano, Vim with
		// backupcopy=yes) empties the file before writing it. Believe an
		// empty file only after a second quiet period.
		st.retried = true
		w.touch(p)
		return
	}
	sum := sha256.Sum256(content)
	fresh := st == nil
	if fresh {
		st = &fileState{class: cls}
		w.files[p] = st
	}
	st.retried = false
	st.info, st.readAt = fi, time.Now()
	if !fresh && st.sum == sum && st.readErr == "" {
		return // saved without a change
	}
	st.sum, st.size, st.readErr = sum, len(content), ""
	w.changed(p, cls, content, false)
}

// changed reports a file's new content (or its removal).
func (w *Watcher) changed(p string, cls class, content []byte, gone bool) {
	show := w.l.show(p)
	switch cls {
	case caseFile:
		if gone {
			w.emit(CaseRemoved{Path: show})
		} else {
			w.emit(CaseChanged{Path: show, Content: content})
		}
	case configFile:
		if w.started {
			w.emit(ConfigChanged{Path: show})
		}
	case templateFile:
		if w.started {
			w.emit(TemplatesChanged{Path: show})
		}
	}
}

// unreadable reports a file that exists but cannot be read, once per
// distinct error.
func (w *Watcher) unreadable(p string, cls class, err error) {
	err = unwrapPath(err)
	st := w.files[p]
	if st == nil {
		st = &fileState{class: cls}
		w.files[p] = st
	}
	st.retried = false
	if st.readErr == err.Error() {
		return
	}
	st.readErr, st.size, st.sum = err.Error(), 0, [sha256.Size]byte{}
	switch cls {
	case caseFile:
		w.emit(CaseUnreadable{Path: w.l.show(p), Err: err})
	default:
		// The configuration or template loader reports the error in
		// terms its user understands.
		w.changed(p, cls, nil, false)
	}
}

// emit queues an event for the caller. An event not yet taken is replaced
// by a newer one for the same file, so a slow caller builds only the
// latest content.
func (w *Watcher) emit(ev Event) {
	if k := keyOf(ev); k != "" {
		for i, q := range w.queue {
			if keyOf(q) == k {
				w.queue[i] = ev
				return
			}
		}
	}
	w.queue = append(w.queue, ev)
}

func keyOf(ev Event) string {
	switch ev := ev.(type) {
	case CaseChanged:
		return "case\x00" + ev.Path
	case CaseRemoved:
		return "case\x00" + ev.Path
	case CaseUnreadable:
		return "case\x00" + ev.Path
	case ConfigChanged:
		return "config\x00" + ev.Path
	case TemplatesChanged:
		return "templates\x00" + ev.Path
	}
	return ""
}
