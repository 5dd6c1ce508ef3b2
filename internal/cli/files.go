package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/config"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/render"
)

// collectFiles expands the command-line paths: files as given, folders
// recursively for *.md (hidden folders skipped). The result is sorted and
// free of duplicates so that runs are deterministic.
func collectFiles(paths []string) ([]string, []error) {
	var out []string
	var errs []error
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
			continue
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", path, unwrapPathError(err)))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".md") && d.Type().IsRegular() {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
		}
		if len(found) == 0 {
			errs = append(errs, fmt.Errorf("%s: no .md case files in this folder", p))
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return out, errs
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// linter parses and lints case files. It builds one engine per
// configuration file and shares it between goroutines.
type linter struct {
	configPath string // --config; "" means look for .sendgen.yaml
	today      time.Time

	mu      sync.Mutex
	engines map[string]*engineOnce
}

type engineOnce struct {
	once sync.Once
	e    *lint.Engine
	err  error
}

func newLinter(configPath string, today time.Time) *linter {
	return &linter{configPath: configPath, today: today, engines: map[string]*engineOnce{}}
}

// engineFor returns the engine for a case file: the --config file, or the
// nearest .sendgen.yaml above the file, or the defaults.
func (l *linter) engineFor(path string) (*lint.Engine, error) {
	cfgPath := l.configPath
	if cfgPath == "" {
		cfgPath = config.Find(filepath.Dir(path))
	}
	l.mu.Lock()
	eo, ok := l.engines[cfgPath]
	if !ok {
		eo = &engineOnce{}
		l.engines[cfgPath] = eo
	}
	l.mu.Unlock()
	eo.once.Do(func() {
		cfg, err := config.Load(cfgPath)
		if err != nil {
			eo.err = err
			return
		}
		eo.e, eo.err = lint.New(cfg)
	})
	return eo.e, eo.err
}

// parseFile reads and parses one case file.
func parseFile(path string) (*casefile.Case, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	if st.Size() > casefile.MaxSize {
		return nil, fmt.Errorf("%s: file is %d bytes, larger than the %d-byte limit for a case file; is this the right file?", path, st.Size(), casefile.MaxSize)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	return casefile.Parse(path, src)
}

// lintCase lints a parsed case with the engine its path selects.
func (l *linter) lintCase(c *casefile.Case) ([]lint.Finding, error) {
	e, err := l.engineFor(c.Path)
	if err != nil {
		return nil, err
	}
	return e.Lint(c, lint.Options{Today: l.today})
}

// result is one file's outcome.
type result struct {
	Path     string
	Case     *casefile.Case
	Findings []lint.Finding
	Err      error
}

// lintFiles parses and lints files concurrently, keeping their order.
func (l *linter) lintFiles(paths []string, workers int) []result {
	out := make([]result, len(paths))
	parallel(len(paths), workers, func(i int) {
		r := result{Path: paths[i]}
		r.Case, r.Err = parseFile(paths[i])
		if r.Err == nil {
			r.Findings, r.Err = l.lintCase(r.Case)
		}
		out[i] = r
	})
	return out
}

// timetable is the case's statutory dates and action defaults as the lint
// engine computes them (configured bank holidays included), for render.
func (l *linter) timetable(c *casefile.Case) (render.Timetable, error) {
	e, err := l.engineFor(c.Path)
	if err != nil {
		return render.Timetable{}, err
	}
	defaults, err := e.ActionDefaults(c)
	if err != nil {
		return render.Timetable{}, err
	}
	tt := render.Timetable{Dates: e.Dates(c)}
	for _, d := range defaults {
		tt.Actions = append(tt.Actions, render.ActionDue{Due: d.Due, Basis: d.Basis})
	}
	return tt, nil
}

// parallel runs f(0..n-1) on a bounded pool of workers.
func parallel(n, workers int, f func(i int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}
