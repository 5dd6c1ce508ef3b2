// Package caseset decides which files a run takes: files named on the
// command line as given, folders walked for the *.md files whose front
// matter has a case: key (a README.md beside them is not a broken case
// file), symbolic links followed once, exclusions applied, and the set cut
// into deterministic shards for a CI matrix. It reads the start of each
// candidate file and keeps only paths and case references, so the set of
// ten thousand files costs a few hundred kilobytes.
package caseset

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/fsutil"
)

// Stdin is the argument that names standard input.
const Stdin = "-"

// Entry is one file of the set.
type Entry struct {
	// Path is the file as named or found ("-" for standard input).
	Path string
	// Ref is the case reference its front matter names ("" when it names
	// none that a quick look can read).
	Ref string
	// Explicit is true for a file named on the command line.
	Explicit bool
}

// Key is what a shard is chosen by: the case reference, or the path for a
// file without one.
func (e Entry) Key() string {
	if e.Ref != "" {
		return "case:" + e.Ref
	}
	return "path:" + filepath.ToSlash(e.Path)
}

// Options say what a walk leaves out.
type Options struct {
	// Exclude reports whether a file or folder met in a walk is left out
	// (--exclude, a configuration's exclude:). Files named on the command
	// line are always taken.
	Exclude func(path string) (bool, error)
	// Skip are files never taken, such as the run's own reports.
	Skip []string
	// Stdin is what standard input held, when "-" is an argument.
	Stdin []byte
}

// Set is the result of a collection.
type Set struct {
	Files []Entry
	// Skipped are the *.md files found in folders that are not case files
	// (no front matter with a case: key).
	Skipped []string
	// Excluded counts the files and folders left out by Options.Exclude.
	Excluded int
	Errs     []error
}

// Collect expands the command-line arguments into the set of case files,
// sorted by path so that a run, and every shard of it, is deterministic.
func Collect(args []string, opts Options) *Set {
	c := &collector{opts: opts, set: &Set{}, files: map[string]bool{}, dirs: map[string]bool{}, skip: map[string]bool{}}
	c.wd, _ = os.Getwd()
	for _, p := range opts.Skip {
		if abs, err := fsutil.Abs(c.wd, p); err == nil {
			c.skip[abs] = true
		}
	}
	stdin := false
	for _, p := range args {
		if p == Stdin {
			if stdin {
				c.errorf("-: standard input can be read once; name it once")
				continue
			}
			stdin = true
			ref, _ := casefile.PeekCase(opts.Stdin)
			c.set.Files = append(c.set.Files, Entry{Path: Stdin, Ref: ref, Explicit: true})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			c.set.Errs = append(c.set.Errs, fmt.Errorf("%s: %w", p, fsutil.Unwrap(err)))
			continue
		}
		if !st.IsDir() {
			c.file(p, true)
			continue
		}
		before, skipped := len(c.set.Files), len(c.set.Skipped)
		c.walk(p, true)
		if len(c.set.Files) == before {
			msg := "no case files in this folder (a case file is a .md file whose front matter has a case: key)"
			if n := len(c.set.Skipped) - skipped; n > 0 {
				msg += fmt.Sprintf("; %d other .md %s skipped", n, plural(n, "file"))
			}
			c.errorf("%s: %s", p, msg)
		}
	}
	sort.SliceStable(c.set.Files, func(i, j int) bool { return c.set.Files[i].Path < c.set.Files[j].Path })
	sort.Strings(c.set.Skipped)
	return c.set
}

type collector struct {
	wd    string // the working directory, asked once (fsutil.Abs)
	opts  Options
	set   *Set
	files map[string]bool // real paths taken
	dirs  map[string]bool // real paths of folders walked
	skip  map[string]bool
}

func (c *collector) errorf(format string, args ...any) {
	c.set.Errs = append(c.set.Errs, fmt.Errorf(format, args...))
}

// walk takes the case files under dir. Hidden folders met on the way are
// skipped (a folder named on the command line is walked whatever its
// name); a folder reached twice, through a link or a loop, is walked once.
func (c *collector) walk(dir string, top bool) {
	real, err := filepath.EvalSymlinks(dir)
	if err == nil {
		real, err = fsutil.Abs(c.wd, real)
	}
	if err != nil {
		c.errorf("%s: %v", dir, fsutil.Unwrap(err))
		return
	}
	if c.dirs[real] {
		return
	}
	c.dirs[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		c.errorf("%s: %v", dir, fsutil.Unwrap(err))
		return
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		typ := e.Type()
		if typ&fs.ModeSymlink != 0 {
			st, err := os.Stat(path)
			if err != nil {
				if isMarkdown(path) {
					c.errorf("%s: a symbolic link to a file that is not there (%v)", path, fsutil.Unwrap(err))
				}
				continue
			}
			typ = st.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if strings.HasPrefix(e.Name(), ".") || c.excluded(path) {
				continue
			}
			c.walk(path, false)
		case typ.IsRegular() && isMarkdown(path):
			if c.excluded(path) {
				continue
			}
			c.file(path, false)
		}
	}
}

func (c *collector) excluded(path string) bool {
	if c.opts.Exclude == nil {
		return false
	}
	ex, err := c.opts.Exclude(path)
	if err != nil {
		c.set.Errs = append(c.set.Errs, err)
		return true
	}
	if ex {
		c.set.Excluded++
	}
	return ex
}

// file takes one file: a named one always, a found one when its front
// matter has a case: key. A file reached twice (named twice, or through a
// link) is taken once, under the first name met.
func (c *collector) file(path string, explicit bool) {
	abs, err := fsutil.Abs(c.wd, path)
	if err == nil && c.skip[abs] {
		return
	}
	real, err := filepath.EvalSymlinks(path)
	if err == nil {
		real, err = fsutil.Abs(c.wd, real)
	}
	if err != nil {
		real = path
	}
	if c.files[real] {
		return
	}
	ref, isCase, err := peek(path)
	if err != nil && !explicit {
		c.errorf("%s: %v", path, err)
		return
	}
	if !isCase && !explicit {
		c.set.Skipped = append(c.set.Skipped, path)
		return
	}
	c.files[real] = true
	c.set.Files = append(c.set.Files, Entry{Path: path, Ref: ref, Explicit: explicit})
}

// peek reads a file, bounded like a case file, and looks for its case key.
func peek(path string) (ref string, ok bool, err error) {
	b, err := fsutil.ReadLimited(path, casefile.MaxSize)
	var tl *fsutil.TooLargeError
	if errors.As(err, &tl) {
		// Too large to be a case file; checking it says so.
		return "", true, nil
	}
	if err != nil {
		return "", false, err
	}
	ref, ok = casefile.PeekCase(b)
	return ref, ok, nil
}

func isMarkdown(path string) bool { return strings.EqualFold(filepath.Ext(path), ".md") }

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}

// Shard is one of N parts of a set: K of N, 1-based. The zero Shard is the
// whole set.
type Shard struct{ K, N int }

// ParseShard reads "K/N", 1 <= K <= N.
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, fmt.Errorf("--shard %q: write K/N with 1 <= K <= N, e.g. 2/4 for the second of four", s)
	}
	return Shard{K: ki, N: ni}, nil
}

// String is "K/N", or "" for the whole set.
func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// Of returns the 0-based shard a key falls in among n: FNV-1a of the key,
// the same on every machine and every run, and unchanged for a case when
// other cases are added or removed.
func Of(key string, n int) int {
	h := fnv.New64a()
	_, _ = h.Write([]byte(key))
	return int(h.Sum64() % uint64(n))
}

// Take returns the entries of this shard, in order.
func (s Shard) Take(files []Entry) []Entry {
	if s.N <= 1 {
		return files
	}
	var out []Entry
	for _, e := range files {
		if Of(e.Key(), s.N) == s.K-1 {
			out = append(out, e)
		}
	}
	return out
}
