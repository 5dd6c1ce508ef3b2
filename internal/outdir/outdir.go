// Package outdir is the folder a run writes documents into. It remembers,
// in a small manifest, which case file each document came from, so that two
// case files with the same case reference (two children, one typo) can
// never silently replace each other's documents: not in one run, not in
// separate runs, not in two runs at the same time.
package outdir

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/sendgen/sendgen/internal/fsutil"
)

// ManifestName is the manifest's file name in the output folder.
const ManifestName = ".sendgen-manifest.json"

// lockName is the file locked while the manifest is read and written.
const lockName = ".sendgen-manifest.lock"

// Folder is an output folder. It is safe for concurrent use, and processes
// writing into the same folder take turns on its lock.
type Folder struct {
	path string
	mu   sync.Mutex
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

type manifest struct {
	// Documents maps a file name to the case file it was written from.
	Documents map[string]string `json:"documents"`
}

// Write writes a case's documents, all or none: it refuses (a *ClashError)
// when any of them is already in the folder from another case file, and
// otherwise writes each atomically and records where it came from. source
// identifies the case file (its path).
func (f *Folder) Write(source string, files []File) error {
	source = identity(source)
	return f.locked(func(m *manifest) error {
		clash := map[string]string{}
		for _, fl := range files {
			if from, ok := m.Documents[fl.Name]; ok && from != source {
				clash[fl.Name] = from
			}
		}
		if len(clash) > 0 {
			return &ClashError{Source: source, Files: clash}
		}
		for _, fl := range files {
			if err := fsutil.WriteFile(filepath.Join(f.path, fl.Name), fl.Data); err != nil {
				return err
			}
			m.Documents[fl.Name] = source
		}
		return nil
	})
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
		delete(m.Documents, name)
		return nil
	})
	return removed, err
}

// locked runs fn with the manifest read under the folder's lock, and
// saves it afterwards (atomically) if fn succeeded or changed it.
func (f *Folder) locked(fn func(*manifest) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	unlock, err := lockFile(filepath.Join(f.path, lockName))
	if err != nil {
		return fmt.Errorf("locking %s: %w", f.path, err)
	}
	defer unlock()
	m, err := f.read()
	if err != nil {
		return err
	}
	before := len(m.Documents)
	ferr := fn(m)
	if ferr == nil || len(m.Documents) != before {
		if err := f.save(m); err != nil {
			return err
		}
	}
	return ferr
}

func (f *Folder) read() (*manifest, error) {
	m := &manifest{Documents: map[string]string{}}
	p := filepath.Join(f.path, ManifestName)
	b, err := fsutil.ReadLimited(p, 16<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("%s is not a sendgen manifest (%v): remove it, and sendgen starts a new one", p, err)
	}
	if m.Documents == nil {
		m.Documents = map[string]string{}
	}
	return m, nil
}

func (f *Folder) save(m *manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return fsutil.WriteFile(filepath.Join(f.path, ManifestName), append(b, '\n'))
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
