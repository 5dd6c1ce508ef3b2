package watch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// class is what a path is to the watcher.
type class int

const (
	ignored class = iota
	caseFile
	configFile
	templateFile
)

// layout is the resolved set of paths the watcher cares about. Everything
// is compared as real paths (absolute, symbolic links resolved), so that
// "out", "./out" and a symlink to it are the same folder; events are
// reported with the paths the user gave (display paths).
type layout struct {
	dirRoots  []string          // real folders watched recursively
	fileRoots map[string]bool   // real files given on the command line
	confDirs  map[string]bool   // real folders above the roots: only config files count there
	templates string            // real templates folder, or ""
	config    string            // real explicit config file, or ""
	out       string            // real output folder, or ""
	display   map[string]string // real prefix -> display prefix
	prefixes  []string          // keys of display, longest first
}

// resolve makes p absolute with symbolic links resolved, as far as it
// exists: "out" that does not exist yet is resolved through its parent.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

func newLayout(o Options) (*layout, error) {
	l := &layout{fileRoots: map[string]bool{}, confDirs: map[string]bool{}, display: map[string]string{}}
	var err error
	if o.Out != "" {
		if l.out, err = resolve(o.Out); err != nil {
			return nil, fmt.Errorf("--out %s: %w", o.Out, err)
		}
	}
	if len(o.Paths) == 0 {
		return nil, fmt.Errorf("nothing to watch: give at least one case file or folder")
	}
	for _, p := range o.Paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPath(err))
		}
		real, err := resolve(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if l.out != "" && within(real, l.out) {
			return nil, fmt.Errorf("%s is inside the output folder %s: sendgen would watch its own PDFs; choose another --out", p, o.Out)
		}
		l.addDisplay(real, p)
		dir := real
		if st.IsDir() {
			l.dirRoots = append(l.dirRoots, real)
		} else {
			if !st.Mode().IsRegular() {
				return nil, fmt.Errorf("%s is not a regular file or a folder", p)
			}
			l.fileRoots[real] = true
			dir = filepath.Dir(real)
			l.addDisplay(dir, filepath.Dir(p))
		}
		// The nearest configuration may sit above the folder: watch the
		// folders above for config files only, up to where config.Find
		// stops (the folder holding .git, the home folder, the root).
		abs, _ := filepath.Abs(filepath.Dir(p))
		if st.IsDir() {
			abs, _ = filepath.Abs(p)
		}
		home := ""
		if o.Home != "" {
			home, _ = filepath.Abs(o.Home)
		}
		for d, a := dir, abs; ; {
			if !st.IsDir() || d != real {
				l.confDirs[d] = true
				if _, ok := l.display[d]; !ok {
					l.addDisplay(d, a)
				}
			}
			if _, err := os.Stat(filepath.Join(a, ".git")); err == nil || a == home {
				break
			}
			pd := filepath.Dir(d)
			if pd == d {
				break
			}
			d, a = pd, filepath.Dir(a)
		}
	}
	if o.Templates != "" {
		st, err := os.Stat(o.Templates)
		if err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--templates %s: not a folder", o.Templates)
		}
		if l.templates, err = resolve(o.Templates); err != nil {
			return nil, fmt.Errorf("--templates %s: %w", o.Templates, err)
		}
		l.addDisplay(l.templates, o.Templates)
	}
	if o.Config != "" {
		if l.config, err = resolve(o.Config); err != nil {
			return nil, fmt.Errorf("--config %s: %w", o.Config, err)
		}
		l.addDisplay(l.config, o.Config)
		// With an explicit configuration the .sendgen.yaml files around
		// the cases do not count.
		l.confDirs = map[string]bool{}
	}
	// A folder under another root is watched once.
	sort.Strings(l.dirRoots)
	var roots []string
	for _, r := range l.dirRoots {
		if len(roots) > 0 && within(r, roots[len(roots)-1]) {
			continue
		}
		roots = append(roots, r)
	}
	l.dirRoots = roots
	return l, nil
}

func (l *layout) addDisplay(real, shown string) {
	if _, ok := l.display[real]; !ok {
		l.prefixes = append(l.prefixes, real)
		sort.Slice(l.prefixes, func(i, j int) bool { return len(l.prefixes[i]) > len(l.prefixes[j]) })
	}
	l.display[real] = filepath.Clean(shown)
}

// show is the display path of a real path.
func (l *layout) show(real string) string {
	for _, p := range l.prefixes {
		if within(real, p) {
			rel, err := filepath.Rel(p, real)
			if err != nil {
				break
			}
			return filepath.Join(l.display[p], rel)
		}
	}
	return real
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// underRoot reports whether real path p is in a recursively watched folder.
func (l *layout) underRoot(p string) bool {
	for _, r := range l.dirRoots {
		if within(p, r) {
			return true
		}
	}
	return false
}

// classify says what a file path (real) is to the watcher.
func (l *layout) classify(p string) class {
	if l.out != "" && within(p, l.out) {
		return ignored
	}
	base := filepath.Base(p)
	if isTemporary(base) {
		return ignored
	}
	if l.templates != "" && within(p, l.templates) && p != l.templates {
		// A hidden file is not a template: an editor's or a tool's
		// temporary (".outcome-form.md.tmp123" before its rename).
		if strings.HasPrefix(base, ".") {
			return ignored
		}
		return templateFile
	}
	if p == l.config {
		return configFile
	}
	if l.fileRoots[p] {
		return caseFile
	}
	dir := filepath.Dir(p)
	inRoot := l.underRoot(dir)
	if isConfigName(base) && l.config == "" && (inRoot || l.confDirs[dir]) {
		return configFile
	}
	if inRoot && isCaseName(base) && !hiddenBelow(dir, l) {
		return caseFile
	}
	return ignored
}

// hiddenBelow reports whether a folder inside a root is hidden (a name
// starting with "."), as sendgen lint/build skip them: .git, .cache.
func hiddenBelow(dir string, l *layout) bool {
	for _, r := range l.dirRoots {
		if within(dir, r) {
			rel, err := filepath.Rel(r, dir)
			if err != nil || rel == "." {
				return false
			}
			for _, part := range strings.Split(rel, string(filepath.Separator)) {
				if strings.HasPrefix(part, ".") {
					return true
				}
			}
			return false
		}
	}
	return false
}

// skipDir reports whether a folder (real) is not to be watched: the output
// folder and hidden folders inside a root (the templates folder is watched
// wherever it is).
func (l *layout) skipDir(p string) bool {
	if l.out != "" && within(p, l.out) {
		return true
	}
	if l.templates != "" && within(p, l.templates) {
		return false
	}
	return hiddenBelow(p, l)
}

// watchedTrees are the folders watched recursively: the roots and the
// templates folder.
func (l *layout) watchedTrees() []string {
	t := append([]string(nil), l.dirRoots...)
	if l.templates != "" && !l.underRoot(l.templates) {
		t = append(t, l.templates)
	}
	return t
}

// flatDirs are the folders watched for their own entries only: folders of
// file roots and of the explicit config, and folders above the roots.
func (l *layout) flatDirs() []string {
	var out []string
	seen := map[string]bool{}
	add := func(d string) {
		if !seen[d] && !l.underRoot(d) && !(l.templates != "" && within(d, l.templates)) {
			seen[d] = true
			out = append(out, d)
		}
	}
	for f := range l.fileRoots {
		add(filepath.Dir(f))
	}
	for d := range l.confDirs {
		add(d)
	}
	if l.config != "" {
		add(filepath.Dir(l.config))
	}
	sort.Strings(out)
	return out
}

func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
