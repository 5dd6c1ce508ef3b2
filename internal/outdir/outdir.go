// Package outdir is the folder a run writes documents into. It remembers,
// in a small manifest, which case file each document came from, so that two
// case files with the same case reference (two children, one typo) can
// never silently replace each other's documents: not in one run, not in
// separate runs, not in two runs at the same time.
package outdir

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/sendgen/sendgen/internal/fsutil"
)

// ManifestName is the manifest's file name in the output folder.
const ManifestName = ".sendgen-manifest.jsonl"

// lockName is the file locked while the manifest is read and written.
const lockName = ".sendgen-manifest.lock"

// Folder is an output folder. It is safe for concurrent use, and processes
// writing into the same folder take turns on its lock.
type Folder struct {
	path string
	mu   sync.Mutex
	// Cases staged and not yet committed, and whether a goroutine is
	// committing them (Stage).
	qmu        sync.Mutex
	queue      []*Pending
	committing bool
	// The manifest as last read: docs maps a document to its case file;
	// offset is how much of the journal has been read, seen its identity.
	docs   map[string]string
	offset int64
	seen   fs.FileInfo
	lines  int // records in the journal as read (compact)
}

// File is one document to write.
type File struct {
	Name string // "<case>-<document>.pdf"
	Data []byte
}

// Open creates the folder when missing and removes the temporary files a
// process killed mid-write left there; it returns their names.
func Open(path string) (*Folder, []string, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, fsutil.Unwrap(err))
	}
	removed, err := fsutil.RemoveStale(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, fsutil.Unwrap(err))
	}
	return &Folder{path: path}, removed, nil
}

// Path is the folder's path.
func (f *Folder) Path() string { return f.path }

// ClashError is Write's error when a document in the folder came from
// another case file.
type ClashError struct {
	Source string            // the case file being written
	Files  map[string]string // file name -> the case file it came from
}

func (e *ClashError) Error() string {
	names := make([]string, 0, len(e.Files))
	for n := range e.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	var parts []string
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s (from %s)", n, e.Files[n]))
	}
	return fmt.Sprintf("not written: the output folder already holds %s, written from another case file with the same case reference; give each case its own reference, or remove those files if %s replaces them",
		strings.Join(parts, ", "), e.Source)
}

// manifest is the view fn works on: Documents maps a file name to the case
// file it was written from; set and remove record what changed.
type manifest struct {
	Documents map[string]string
	touched   map[string]string
}

// set records that name was written from source. Writing a document again
// from the case file it came from changes nothing in the manifest, so it
// appends nothing: re-rendering one case (watch mode, an editor's save, a
// benchmark) must not grow the journal that every later run reads.
func (m *manifest) set(name, source string) {
	if old, ok := m.Documents[name]; ok && old == source {
		return
	}
	m.Documents[name] = source
	m.touched[name] = source
}

func (m *manifest) remove(name string) {
	if _, ok := m.Documents[name]; !ok {
		return
	}
	delete(m.Documents, name)
	m.touched[name] = ""
}

// Write writes a case's documents, all or none: it refuses (a *ClashError)
// when any of them is already in the folder from another case file, and
// otherwise writes each atomically and records where it came from. source
// identifies the case file (its path). It is Stage and then Wait.
func (f *Folder) Write(source string, files []File) error {
	return f.Stage(source, files).Wait()
}

// Pending is a case's documents staged in the folder, on their way into
// place.
type Pending struct {
	source string
	names  []string
	temps  []*fsutil.File
	err    error
	done   chan struct{}
}

// Wait returns once the documents are in place, or are not and never will
// be, with Write's error.
func (p *Pending) Wait() error {
	<-p.done
	return p.err
}

// Stage writes a case's documents to temporary files in the folder and
// returns at once; they are then committed, with whatever other cases were
// staged meanwhile, by a goroutine of the folder's: the temporary files
// synced (fsutil.SyncAll: one flush of the disk for the lot), and under the
// folder's lock each case's clash check and renames in the order staged,
// one folder sync and one append to the manifest. A batch's workers so
// never wait for the disk, and 1,000 cases cost a few hundred flushes
// rather than four thousand. A run that is killed before the commit
// leaves only temporary files, which the next Open removes.
func (f *Folder) Stage(source string, files []File) *Pending {
	p := &Pending{source: identity(source), done: make(chan struct{})}
	for _, fl := range files {
		t, err := fsutil.Create(filepath.Join(f.path, fl.Name))
		if err == nil {
			p.temps = append(p.temps, t)
			p.names = append(p.names, fl.Name)
			_, err = t.Write(fl.Data)
		}
		if err != nil {
			p.finish(err)
			return p
		}
	}
	f.qmu.Lock()
	f.queue = append(f.queue, p)
	start := !f.committing
	f.committing = true
	f.qmu.Unlock()
	if start {
		go f.commitQueued()
	}
	return p
}

// finish ends p with err (nil: in place), removing what was not renamed.
func (p *Pending) finish(err error) {
	if p.err == nil {
		p.err = err
	}
	for _, t := range p.temps {
		t.Discard() // a no-op for the ones renamed into place
	}
	close(p.done)
}

// commitQueued commits what is staged, a batch at a time, until nothing is.
func (f *Folder) commitQueued() {
	for {
		f.qmu.Lock()
		batch := f.queue
		f.queue = nil
		if len(batch) == 0 {
			f.committing = false
			f.qmu.Unlock()
			return
		}
		f.qmu.Unlock()
		f.commit(batch)
	}
}

// commit puts a batch of staged cases in place (see Stage).
func (f *Folder) commit(batch []*Pending) {
	var temps []*fsutil.File
	for _, p := range batch {
		temps = append(temps, p.temps...)
	}
	fsutil.SyncAll(f.path, temps)
	errs := make([]error, len(batch))
	err := f.locked(func(m *manifest) error {
		renamed := false
		for i, p := range batch {
			clash := map[string]string{}
			for _, name := range p.names {
				if from, ok := m.Documents[name]; ok && from != p.source {
					clash[name] = from
				}
			}
			if len(clash) > 0 {
				errs[i] = &ClashError{Source: p.source, Files: clash}
				continue
			}
			for j, t := range p.temps {
				if err := t.Rename(); err != nil {
					errs[i] = err
					break
				}
				renamed = true
				m.set(p.names[j], p.source)
			}
		}
		if renamed {
			fsutil.SyncDir(f.path)
		}
		return nil
	})
	for i, p := range batch {
		if errs[i] == nil {
			errs[i] = err
		}
		p.finish(errs[i])
	}
}

// Remove removes an older document of the case that is now held back, and
// reports whether there was one. A document that came from another case
// file is not the case's to remove: it is left, and reported as a clash.
func (f *Folder) Remove(source, name string) (bool, error) {
	source = identity(source)
	removed := false
	err := f.locked(func(m *manifest) error {
		if from, ok := m.Documents[name]; ok && from != source {
			return &ClashError{Source: source, Files: map[string]string{name: from}}
		}
		err := os.Remove(filepath.Join(f.path, name))
		switch {
		case err == nil:
			removed = true
		case !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("removing %s: %w", filepath.Join(f.path, name), fsutil.Unwrap(err))
		}
		if _, ok := m.Documents[name]; ok || removed {
			m.remove(name)
		}
		return nil
	})
	return removed, err
}

// locked runs fn with the manifest brought up to date under the folder's
// lock, and appends what fn changed to the journal before the lock is
// released.
func (f *Folder) locked(fn func(*manifest) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	unlock, err := lockFile(filepath.Join(f.path, lockName))
	if err != nil {
		return fmt.Errorf("locking %s: %w", f.path, err)
	}
	defer unlock()
	if err := f.catchUp(); err != nil {
		return err
	}
	before := make(map[string]string, 4)
	m := &manifest{Documents: f.docs, touched: before}
	ferr := fn(m)
	if err := f.append(m); err != nil {
		return err
	}
	if f.lines > compactAfter && f.lines > 4*len(f.docs) {
		if err := f.compact(); err != nil {
			return err
		}
	}
	return ferr
}

// compactAfter is how many records the journal may hold before it is
// rewritten with one line per document (when it is also over four times the
// documents it describes): documents written from one case file, then
// another, then removed, each leave a line, and every run reads them all.
const compactAfter = 256

// compact replaces the journal with one record per document, atomically
// (temporary file, sync, rename, folder sync), under the lock. A process
// that had read the old journal sees a different file at its next catchUp
// and reads the new one from the start.
func (f *Folder) compact() error {
	names := make([]string, 0, len(f.docs))
	for n := range f.docs {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, n := range names {
		line, _ := json.Marshal(record{Document: n, Source: f.docs[n]})
		b.Write(line)
		b.WriteByte('\n')
	}
	p := filepath.Join(f.path, ManifestName)
	if err := fsutil.WriteFile(p, b.Bytes()); err != nil {
		return fmt.Errorf("compacting %s: %w", p, err)
	}
	st, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("%s: %w", p, fsutil.Unwrap(err))
	}
	f.offset, f.seen, f.lines = st.Size(), st, len(names)
	return nil
}

// The manifest is a journal, one JSON object a line ({"document":
// "X-certificate.pdf", "source": "/cases/x.md"}, an empty source for a
// removal), appended to under the lock and read incrementally: a batch of
// 10,000 cases appends 10,000 short records, where rewriting a whole
// manifest per case would write gigabytes.
type record struct {
	Document string `json:"document"`
	Source   string `json:"source"`
}

// catchUp reads what other runs appended since this Folder last looked (all
// of it the first time, or after the journal was replaced).
func (f *Folder) catchUp() error {
	p := filepath.Join(f.path, ManifestName)
	fh, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		f.docs, f.offset, f.lines = map[string]string{}, 0, 0
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", p, fsutil.Unwrap(err))
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return fmt.Errorf("%s: %w", p, fsutil.Unwrap(err))
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a file: remove it, and sendgen starts a new manifest", p)
	}
	if f.docs == nil || st.Size() < f.offset || !os.SameFile(st, f.seen) {
		f.docs, f.offset, f.lines = map[string]string{}, 0, 0
	}
	f.seen = st
	if st.Size() == f.offset {
		return nil
	}
	if _, err := fh.Seek(f.offset, io.SeekStart); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	b, err := io.ReadAll(io.LimitReader(fh, st.Size()-f.offset))
	if err != nil {
		return fmt.Errorf("%s: %w", p, fsutil.Unwrap(err))
	}
	// Only whole lines: a run killed mid-append leaves a partial last line,
	// which the next append's newline closes off and which is skipped.
	end := bytes.LastIndexByte(b, '\n') + 1
	for _, line := range bytes.Split(b[:end], []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		f.lines++
		var r record
		if err := json.Unmarshal(line, &r); err != nil || r.Document == "" {
			continue // a torn line from a killed run
		}
		if r.Source == "" {
			delete(f.docs, r.Document)
		} else {
			f.docs[r.Document] = r.Source
		}
	}
	f.offset += int64(end)
	return nil
}

// append writes the records fn changed, and syncs them.
func (f *Folder) append(m *manifest) error {
	if len(m.touched) == 0 {
		return nil
	}
	names := make([]string, 0, len(m.touched))
	for n := range m.touched {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	if f.offset > 0 {
		b.WriteByte('\n') // closes off a torn line a killed run may have left
	}
	for _, n := range names {
		line, _ := json.Marshal(record{Document: n, Source: f.docs[n]})
		b.Write(line)
		b.WriteByte('\n')
	}
	p := filepath.Join(f.path, ManifestName)
	fh, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("%s: %w", p, fsutil.Unwrap(err))
	}
	if _, err := fh.Write(b.Bytes()); err != nil {
		fh.Close()
		return fmt.Errorf("%s: %w", p, fsutil.Unwrap(err))
	}
	if err := fh.Sync(); err != nil {
		fh.Close()
		return fmt.Errorf("%s: %w", p, fsutil.Unwrap(err))
	}
	st, err := fh.Stat()
	fh.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", p, fsutil.Unwrap(err))
	}
	f.offset, f.seen = st.Size(), st
	f.lines += len(names)
	return nil
}

// identity is how a case file is known in the manifest: its absolute,
// cleaned path (the same file reached by two relative paths is one file).
func identity(source string) string {
	if source == "" || source == "-" {
		return "(standard input)"
	}
	if abs, err := filepath.Abs(source); err == nil {
		return abs
	}
	return filepath.Clean(source)
}
