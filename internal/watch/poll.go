package watch

import (
	"os"
	"time"
)

// coarseClock is how long after a file's modification time its size and
// time cannot be trusted to show a further change: Linux stamps files with
// a clock that ticks every jiffy (1-10 ms), FAT every 2 s, and an NFS
// client caches attributes for seconds. A file modified less than this
// before it was last read is re-read (and its hash compared) on every scan
// until the window has passed.
const coarseClock = 2 * time.Second

// scan looks at every file that matters, the polling implementation (at
// each tick) and the recovery after an inotify queue overflow. A file
// whose size, modification time or identity changed since it was last read
// is scheduled to be read; so is one that was modified recently (see
// coarseClock) and one that disappeared. With inotify, folders that have no
// watch yet get one.
func (w *Watcher) scan() {
	seen := map[string]bool{}
	visit := func(p string) {
		seen[p] = true
		fi, err := os.Stat(p)
		if err != nil {
			fi = nil
		}
		prev, scanned := w.scanned[p]
		w.scanned[p] = fi
		st := w.files[p]
		sinceRead := st == nil || st.info == nil || fi == nil || differs(st.info, fi) ||
			st.readAt.Sub(fi.ModTime()) < coarseClock
		if st != nil && st.readErr != "" && fi == nil {
			sinceRead = false // still cannot even stat it: reported already
		}
		switch {
		case !sinceRead:
		case !scanned || differs(prev, fi):
			// Still changing since the last scan: (re)start the quiet period.
			w.touch(p)
		default:
			if _, ok := w.pending[p]; !ok {
				w.touch(p)
			}
		}
	}
	for _, t := range w.l.watchedTrees() {
		if err := w.addTree(t, visit); err != nil {
			w.emit(Error{err})
		}
	}
	for _, d := range w.l.flatDirs() {
		if err := w.addFlat(d, visit); err != nil {
			w.emit(Error{err})
		}
	}
	for p := range w.files {
		if !seen[p] {
			seen[p] = true
			if prev, ok := w.scanned[p]; !ok || prev != nil {
				w.scanned[p] = nil // observed missing
				w.touch(p)         // gone: check reports it once that holds
			} else if _, ok := w.pending[p]; !ok {
				w.touch(p)
			}
		}
	}
	for p := range w.scanned {
		if !seen[p] {
			delete(w.scanned, p)
		}
	}
	// Folders that went away lose their watch.
	for d := range w.dirs {
		if _, err := os.Lstat(d); err != nil {
			delete(w.dirs, d)
			if w.fsw != nil {
				_ = w.fsw.Remove(d)
			}
		}
	}
}

// differs reports whether two stats of a path show a change: another file
// (renamed over), another size, time or mode.
func differs(a, b os.FileInfo) bool {
	if a == nil || b == nil {
		return a != b
	}
	return !os.SameFile(a, b) || a.Size() != b.Size() || !a.ModTime().Equal(b.ModTime()) || a.Mode() != b.Mode()
}
