package watch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/watch/editortest"
)

// editors are the save patterns, with the real vim when it is installed
// (CI installs it: .ci/run).
func editors(t *testing.T) []editortest.Editor {
	eds := append([]editortest.Editor(nil), editortest.Editors...)
	if _, err := exec.LookPath("vim"); err == nil {
		eds = append(eds, editortest.Editor{Name: "real-vim", Save: editortest.RealVim})
	} else if os.Getenv("CI") == "true" {
		t.Fatalf("vim is not installed; .ci/run installs it")
	}
	return eds
}

const caseV1 = "---\ncase: TST-2026-0001\n---\n# Requested provision\n\n- Weekly speech therapy.\n"

// TestEditorSaves drives the watcher with every editor's save sequence on a
// real folder: each save gives exactly one CaseChanged with the final
// content, the editors' temporary files give nothing, and saving the same
// content again gives nothing.
func TestEditorSaves(t *testing.T) {
	for _, m := range modes {
		for _, ed := range editors(t) {
			t.Run(m.name+"/"+ed.Name, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				p := filepath.Join(dir, "case.md")
				write(t, p, caseV1)
				r := start(t, Options{Paths: []string{dir}, Poll: m.poll})
				if got := r.settle(quietPeriod(m.poll)); len(got) != 0 {
					t.Fatalf("events before any save: %v", strs(got))
				}
				for i := 1; i <= 2; i++ {
					content := fmt.Sprintf("%s- Save %d: %s\n", caseV1, i, strings.Repeat("x", i*3000))
					if err := ed.Save(p, []byte(content)); err != nil {
						t.Fatalf("save %d: %v", i, err)
					}
					got := r.collect(1, quietPeriod(m.poll))
					want := []Event{CaseChanged{Path: p, Content: []byte(content)}}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("save %d: got %v, want %v", i, strs(got), strs(want))
					}
					// The same bytes saved again: nothing to build.
					if err := ed.Save(p, []byte(content)); err != nil {
						t.Fatalf("save %d again: %v", i, err)
					}
					if got := r.settle(quietPeriod(m.poll)); len(got) != 0 {
						t.Fatalf("unchanged save %d: got %v, want nothing", i, strs(got))
					}
				}
				assertNoTemporaries(t, dir, "case.md")
			})
		}
	}
}

func assertNoTemporaries(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("folder holds %v, want %v", names, want)
	}
}

// TestSlowTruncate is an in-place save whose write comes more than one
// quiet period after the truncation: the empty file is never reported.
func TestSlowTruncate(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "case.md")
			write(t, p, caseV1)
			r := start(t, Options{Paths: []string{dir}, Poll: m.poll})
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				t.Fatal(err)
			}
			d := testDebounce
			if m.poll > 0 {
				d = pollDebounce
			}
			time.Sleep(d * 3 / 2)
			if _, err := f.WriteString(caseV1 + "- more\n"); err != nil {
				t.Fatal(err)
			}
			f.Close()
			got := r.collect(1, quietPeriod(m.poll))
			want := []Event{CaseChanged{Path: p, Content: []byte(caseV1 + "- more\n")}}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got %v, want %v", strs(got), strs(want))
			}
			// A file that stays empty is believed, after the second period.
			if err := os.Truncate(p, 0); err != nil {
				t.Fatal(err)
			}
			got = r.collect(1, quietPeriod(m.poll))
			want = []Event{CaseChanged{Path: p, Content: []byte{}}}
			if len(got) != 1 || !reflect.DeepEqual(got[0].(CaseChanged).Path, p) || len(got[0].(CaseChanged).Content) != 0 {
				t.Fatalf("got %v, want %v", strs(got), strs(want))
			}
		})
	}
}

func TestInitialScanAndLayout(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "a.md"), "a")
			write(t, filepath.Join(dir, "sub", "b.MD"), "b")
			write(t, filepath.Join(dir, ".hidden", "c.md"), "hidden folder")
			write(t, filepath.Join(dir, "out", "d.md"), "output folder")
			write(t, filepath.Join(dir, "notes.txt"), "not a case")
			write(t, filepath.Join(dir, ".a.md.swp"), "swap")
			write(t, filepath.Join(dir, "a.md~"), "backup")
			if err := os.Symlink("user@host.1:1", filepath.Join(dir, ".#a.md")); err != nil {
				t.Fatal(err)
			}
			w, err := New(context.Background(), Options{Paths: []string{dir}, Out: filepath.Join(dir, "out"), Poll: m.poll, Debounce: testDebounce})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			var got []string
			for ev := range w.Events() {
				got = append(got, ev.String())
				if _, ok := ev.(Ready); ok {
					break
				}
			}
			want := []string{
				"changed " + filepath.Join(dir, "a.md") + " (1 bytes)",
				"changed " + filepath.Join(dir, "sub", "b.MD") + " (1 bytes)",
				"ready (2 cases)",
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got %q\nwant %q", got, want)
			}
		})
	}
}

// TestDisplayPaths: events carry the paths as given (relative stays
// relative), even when the folder is reached through a symbolic link.
func TestDisplayPaths(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "real", "x.md"), "x")
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	w, err := New(context.Background(), Options{Paths: []string{"link"}, Debounce: testDebounce})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ev := <-w.Events()
	if got, want := ev.String(), "changed "+filepath.Join("link", "x.md")+" (1 bytes)"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// TestNewFolder: a folder created in a watched folder is watched, with the
// files already in it (a folder moved in arrives complete, before any
// watch on it could exist) and the files written later.
func TestNewFolder(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			r := start(t, Options{Paths: []string{dir}, Poll: m.poll})
			// Filled elsewhere, then moved in: only the folder's Create is seen.
			staging := t.TempDir()
			write(t, filepath.Join(staging, "moved", "deep", "m.md"), "moved in")
			if err := os.Rename(filepath.Join(staging, "moved"), filepath.Join(dir, "moved")); err != nil {
				t.Fatal(err)
			}
			// Created and filled at once.
			write(t, filepath.Join(dir, "new", "n.md"), "new")
			got := r.collect(2, quietPeriod(m.poll))
			want := []string{
				"changed " + filepath.Join(dir, "moved", "deep", "m.md") + " (8 bytes)",
				"changed " + filepath.Join(dir, "new", "n.md") + " (3 bytes)",
			}
			if s := sortedStrs(got); !reflect.DeepEqual(s, want) {
				t.Fatalf("got %q\nwant %q", s, want)
			}
			// The new folders are watched: a save there is seen.
			if err := editortest.VimRename(filepath.Join(dir, "new", "n.md"), []byte("saved")); err != nil {
				t.Fatal(err)
			}
			got = r.collect(1, quietPeriod(m.poll))
			if s := strs(got); len(s) != 1 || s[0] != "changed "+filepath.Join(dir, "new", "n.md")+" (5 bytes)" {
				t.Fatalf("save in new folder: got %q", s)
			}
		})
	}
}

func sortedStrs(evs []Event) []string {
	s := strs(evs)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

// TestRemoved: deleting a case file, deleting a folder of them, and moving
// a folder out of the watched tree each give CaseRemoved for every case.
func TestRemoved(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "a.md"), "a")
			write(t, filepath.Join(dir, "gone", "b.md"), "b")
			write(t, filepath.Join(dir, "moved", "c.md"), "c")
			r := start(t, Options{Paths: []string{dir}, Poll: m.poll})
			if err := os.Remove(filepath.Join(dir, "a.md")); err != nil {
				t.Fatal(err)
			}
			if err := os.RemoveAll(filepath.Join(dir, "gone")); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(dir, "moved"), filepath.Join(t.TempDir(), "away")); err != nil {
				t.Fatal(err)
			}
			got := sortedStrs(r.collect(3, quietPeriod(m.poll)))
			want := []string{
				"removed " + filepath.Join(dir, "a.md"),
				"removed " + filepath.Join(dir, "gone", "b.md"),
				"removed " + filepath.Join(dir, "moved", "c.md"),
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got %q\nwant %q", got, want)
			}
			// Back again: a new case.
			write(t, filepath.Join(dir, "a.md"), "a")
			if s := strs(r.collect(1, quietPeriod(m.poll))); len(s) != 1 || s[0] != "changed "+filepath.Join(dir, "a.md")+" (1 bytes)" {
				t.Fatalf("re-created: got %q", s)
			}
		})
	}
}

// TestUnreadable: a case file that exists but cannot be read is reported
// once, and as changed when it can be read again.
func TestUnreadable(t *testing.T) {
	type tc struct {
		name    string
		make    func(p string) error
		mend    func(p string) error
		message string
	}
	cases := []tc{
		{"named-pipe", func(p string) error { return syscall.Mkfifo(p, 0o644) },
			func(p string) error { os.Remove(p); return os.WriteFile(p, []byte("mended"), 0o644) },
			"not a regular file (a named pipe)"},
		{"too-large", func(p string) error { return os.WriteFile(p, make([]byte, 2048), 0o644) },
			func(p string) error { return os.WriteFile(p, []byte("mended"), 0o644) },
			"larger than the 1024-byte limit"},
	}
	// As root, chmod 000 does not stop a read, so this one runs only as
	// another user; the named pipe and the size limit cover the same path
	// through the watcher everywhere.
	if os.Geteuid() != 0 {
		cases = append(cases, tc{"no-permission",
			func(p string) error { return os.WriteFile(p, []byte("secret"), 0o000) },
			func(p string) error { return os.Chmod(p, 0o644) },
			"permission denied"})
	}
	for _, m := range modes {
		for _, c := range cases {
			t.Run(m.name+"/"+c.name, func(t *testing.T) {
				dir := t.TempDir()
				r := start(t, Options{Paths: []string{dir}, Poll: m.poll, MaxSize: 1024})
				p := filepath.Join(dir, "x.md")
				if err := c.make(p); err != nil {
					t.Fatal(err)
				}
				got := r.collect(1, quietPeriod(m.poll))
				if len(got) != 1 {
					t.Fatalf("got %q, want one CaseUnreadable", strs(got))
				}
				u, ok := got[0].(CaseUnreadable)
				if !ok || u.Path != p || !strings.Contains(u.Err.Error(), c.message) {
					t.Fatalf("got %q, want CaseUnreadable %s: ...%s...", strs(got), p, c.message)
				}
				if err := c.mend(p); err != nil {
					t.Fatal(err)
				}
				got = r.collect(1, quietPeriod(m.poll))
				if s := strs(got); len(s) != 1 || s[0] != "changed "+p+" (6 bytes)" {
					t.Fatalf("mended: got %q", s)
				}
			})
		}
	}
}

// TestConfigAndTemplates: configuration files in a watched folder and in a
// folder above it, and the files of the templates folder, give their own
// events, never CaseChanged.
func TestConfigAndTemplates(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			top := t.TempDir()
			dir := filepath.Join(top, "cases")
			tpl := filepath.Join(dir, "templates")
			write(t, filepath.Join(dir, "a.md"), "a")
			write(t, filepath.Join(tpl, "outcome-form.md"), "template")
			write(t, filepath.Join(top, ".sendgen.yaml"), "rules: {}\n")
			r := start(t, Options{Paths: []string{dir}, Templates: tpl, Poll: m.poll})
			if got := r.settle(quietPeriod(m.poll)); len(got) != 0 {
				t.Fatalf("events before any change: %v", strs(got))
			}
			steps := []struct {
				do   func() error
				want string
			}{
				{func() error {
					return os.WriteFile(filepath.Join(top, ".sendgen.yaml"), []byte("rules: {x: 1}\n"), 0o644)
				},
					"config " + filepath.Join(top, ".sendgen.yaml")},
				{func() error { return os.WriteFile(filepath.Join(dir, ".sendgen.yml"), []byte("rules: {}\n"), 0o644) },
					"config " + filepath.Join(dir, ".sendgen.yml")},
				{func() error { return os.Remove(filepath.Join(dir, ".sendgen.yml")) },
					"config " + filepath.Join(dir, ".sendgen.yml")},
				{func() error {
					return editortest.AtomicRename(filepath.Join(tpl, "outcome-form.md"), []byte("changed template"))
				}, "templates " + filepath.Join(tpl, "outcome-form.md")},
				{func() error { return os.WriteFile(filepath.Join(tpl, "partials.md"), []byte("new"), 0o644) },
					"templates " + filepath.Join(tpl, "partials.md")},
			}
			for i, s := range steps {
				if err := s.do(); err != nil {
					t.Fatal(err)
				}
				got := strs(r.collect(1, quietPeriod(m.poll)))
				if len(got) != 1 || got[0] != s.want {
					t.Fatalf("step %d: got %q, want %q", i, got, s.want)
				}
			}
			// Rewriting a config with the same bytes is not a change.
			if err := os.WriteFile(filepath.Join(top, ".sendgen.yaml"), []byte("rules: {x: 1}\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := r.settle(quietPeriod(m.poll)); len(got) != 0 {
				t.Fatalf("unchanged config: %v", strs(got))
			}
		})
	}
}

// TestConfigSearchStops: above the folder holding .git, or above the home
// folder, a .sendgen.yaml does not apply (config.Find stops there), so it
// is not reported.
func TestConfigSearchStops(t *testing.T) {
	for _, stop := range []string{"git", "home"} {
		t.Run(stop, func(t *testing.T) {
			top := t.TempDir()
			repo := filepath.Join(top, "repo")
			dir := filepath.Join(repo, "cases")
			write(t, filepath.Join(dir, "a.md"), "a")
			o := Options{Paths: []string{dir}}
			if stop == "git" {
				if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
					t.Fatal(err)
				}
			} else {
				o.Home = repo
			}
			r := start(t, o)
			write(t, filepath.Join(top, ".sendgen.yaml"), "above the stop\n")
			write(t, filepath.Join(repo, ".sendgen.yaml"), "at the stop\n")
			got := strs(r.collect(1, quietPeriod(0)))
			if want := []string{"config " + filepath.Join(repo, ".sendgen.yaml")}; !reflect.DeepEqual(got, want) {
				t.Fatalf("got %q, want %q", got, want)
			}
		})
	}
}

// TestExplicitConfig: with Options.Config, that file is the configuration
// (wherever it is) and .sendgen.yaml files do not count.
func TestExplicitConfig(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	cfg := filepath.Join(elsewhere, "team.yaml")
	write(t, cfg, "a: 1\n")
	r := start(t, Options{Paths: []string{dir}, Config: cfg})
	write(t, filepath.Join(dir, ".sendgen.yaml"), "ignored: true\n")
	write(t, cfg, "a: 2\n")
	got := strs(r.collect(1, quietPeriod(0)))
	if want := []string{"config " + cfg}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// TestFileRoot: a case file given by name is watched through its folder;
// its neighbours are not cases.
func TestFileRoot(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "one.md")
			write(t, p, "one")
			write(t, filepath.Join(dir, "other.md"), "other")
			r := start(t, Options{Paths: []string{p}, Poll: m.poll})
			write(t, filepath.Join(dir, "other.md"), "other changed")
			if err := editortest.JetBrains(p, []byte("one changed")); err != nil {
				t.Fatal(err)
			}
			got := strs(r.collect(1, quietPeriod(m.poll)))
			if want := []string{"changed " + p + " (11 bytes)"}; !reflect.DeepEqual(got, want) {
				t.Fatalf("got %q, want %q", got, want)
			}
		})
	}
}

// TestOutputFolderIgnored: nothing written in the output folder is
// reported, whether the folder is named directly, through "..", or through
// a symbolic link, and also when it is created after the watcher started.
func TestOutputFolderIgnored(t *testing.T) {
	for _, m := range modes {
		for _, how := range []string{"direct", "dotdot", "symlink", "created-later"} {
			t.Run(m.name+"/"+how, func(t *testing.T) {
				dir := t.TempDir()
				out := filepath.Join(dir, "out")
				if how != "created-later" {
					if err := os.MkdirAll(out, 0o755); err != nil {
						t.Fatal(err)
					}
				}
				given := out
				switch how {
				case "dotdot":
					given = filepath.Join(dir, "out", "..", "out")
				case "symlink":
					link := filepath.Join(t.TempDir(), "out-link")
					if err := os.Symlink(out, link); err != nil {
						t.Fatal(err)
					}
					given = link
				}
				r := start(t, Options{Paths: []string{dir}, Out: given, Poll: m.poll})
				write(t, filepath.Join(out, "x.md"), "x")
				write(t, filepath.Join(out, "sub", "y.md"), "y")
				write(t, filepath.Join(out, ".sendgen.yaml"), "z")
				if err := editortest.AtomicRename(filepath.Join(out, "x.md"), []byte("xx")); err != nil {
					t.Fatal(err)
				}
				write(t, filepath.Join(dir, "case.md"), "real")
				got := strs(r.collect(1, quietPeriod(m.poll)))
				if want := []string{"changed " + filepath.Join(dir, "case.md") + " (4 bytes)"}; !reflect.DeepEqual(got, want) {
					t.Fatalf("got %q, want %q", got, want)
				}
			})
		}
	}
}

func TestOutInsideRootRefused(t *testing.T) {
	dir := t.TempDir()
	_, err := New(context.Background(), Options{Paths: []string{filepath.Join(dir, "out", "cases")}, Out: filepath.Join(dir, "out")})
	if err == nil {
		t.Fatal("no error")
	}
	if err := os.MkdirAll(filepath.Join(dir, "out", "cases"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err = New(context.Background(), Options{Paths: []string{filepath.Join(dir, "out", "cases")}, Out: filepath.Join(dir, "out")})
	if err == nil || !strings.Contains(err.Error(), "inside the output folder") {
		t.Fatalf("err = %v", err)
	}
}

func TestMissingPath(t *testing.T) {
	_, err := New(context.Background(), Options{Paths: []string{filepath.Join(t.TempDir(), "nope")}})
	if err == nil || !strings.Contains(err.Error(), "no such file or directory") {
		t.Fatalf("err = %v", err)
	}
}

// TestSlowCaller: events not yet taken are replaced by newer ones for the
// same file, so a caller busy building sees only the latest content.
func TestSlowCaller(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	write(t, p, "v0")
	w, err := New(context.Background(), Options{Paths: []string{dir}, Debounce: testDebounce})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for ev := range w.Events() {
		if _, ok := ev.(Ready); ok {
			break
		}
	}
	for i := 1; i <= 5; i++ {
		write(t, p, fmt.Sprint("v", i))
		time.Sleep(testDebounce * 2)
	}
	ev := <-w.Events()
	if got := string(ev.(CaseChanged).Content); got != "v5" {
		t.Fatalf("got %q, want v5", got)
	}
}

// TestCloseNoLeak: Close and a cancelled context both end every goroutine
// the watcher started, and close the events channel.
func TestCloseNoLeak(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			dir := t.TempDir()
			write(t, filepath.Join(dir, "a.md"), "a")
			for i := 0; i < 5; i++ {
				ctx, cancel := context.WithCancel(context.Background())
				w, err := New(ctx, Options{Paths: []string{dir}, Poll: m.poll, Debounce: testDebounce})
				if err != nil {
					t.Fatal(err)
				}
				<-w.Events() // the first event, then stop without draining
				write(t, filepath.Join(dir, "a.md"), fmt.Sprint("a", i))
				if i%2 == 0 {
					cancel()
					for range w.Events() {
					}
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				w.Close() // twice is fine
				cancel()
				if _, ok := <-w.Events(); ok {
					t.Fatal("events channel still open after Close")
				}
			}
			deadline := time.Now().Add(2 * time.Second)
			for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if n := runtime.NumGoroutine(); n > before {
				buf := make([]byte, 1<<16)
				t.Fatalf("%d goroutines before, %d after Close:\n%s", before, n, buf[:runtime.Stack(buf, true)])
			}
			assertNoTemporaries(t, dir, "a.md")
		})
	}
}

func TestMaxSizeIsCasefiles(t *testing.T) {
	if DefaultMaxSize != casefile.MaxSize {
		t.Fatalf("DefaultMaxSize %d, casefile.MaxSize %d", DefaultMaxSize, casefile.MaxSize)
	}
}

func TestLimitError(t *testing.T) {
	old := procSys
	defer func() { procSys = old }()
	procSys = func(s string) string {
		return map[string]string{watchesSetting: "8192", instancesSetting: "128"}[s]
	}
	// fsnotify returns the errno of inotify_add_watch wrapped or bare.
	err := limitError("samples/sub", fmt.Errorf("add: %w", syscall.ENOSPC))
	var le *LimitError
	if !errors.As(err, &le) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("not a LimitError wrapping ENOSPC: %v", err)
	}
	want := "cannot watch samples/sub: the system's limit of inotify watches (one per folder) is reached (fs.inotify.max_user_watches is 8192). Raise it with\n" +
		"    sudo sysctl fs.inotify.max_user_watches=524288\n" +
		"(add the line fs.inotify.max_user_watches=524288 to /etc/sysctl.d/90-inotify.conf to keep it after a reboot), or watch fewer folders; meanwhile 'sendgen watch --poll' works without inotify"
	if err.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", err, want)
	}
	err = limitError("the case folders", syscall.EMFILE)
	for _, s := range []string{"inotify instances (one per watching program)", "fs.inotify.max_user_instances is 128", "sudo sysctl fs.inotify.max_user_instances=1024", "--poll"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("EMFILE message lacks %q:\n%s", s, err)
		}
	}
	procSys = func(string) string { return "400000" }
	if err := limitError("x", syscall.ENOSPC); !strings.Contains(err.Error(), "max_user_watches=800000") {
		t.Errorf("a high limit is doubled: %s", err)
	}
	procSys = func(string) string { return "" }
	if err := limitError("x", syscall.ENOSPC); !strings.Contains(err.Error(), "(fs.inotify.max_user_watches). Raise") {
		t.Errorf("unreadable /proc: %s", err)
	}
	if err := limitError("x", syscall.EACCES); errors.As(err, &le) || !strings.Contains(err.Error(), "watch x: permission denied") {
		t.Errorf("other errors pass through: %v", err)
	}
	// The real /proc value is what the message quotes.
	procSys = old
	if b, err := os.ReadFile("/proc/sys/fs/inotify/max_user_watches"); err == nil {
		if msg := limitError("x", syscall.ENOSPC).Error(); !strings.Contains(msg, "is "+strings.TrimSpace(string(b))+")") {
			t.Errorf("message does not quote /proc: %s", msg)
		}
	}
}

func TestIsTemporary(t *testing.T) {
	for name, want := range map[string]bool{
		"case.md": false, "README.md": false, "a.b.md": false, "notes.MD": false,
		"4913": true, "case.md~": true, ".case.md.swp": true, ".case.md.swx": true, ".case.md.swo": true,
		"case.md___jb_tmp___": true, "case.md___jb_old___": true, ".#case.md": true, "#case.md#": true,
		".case.md.123.tmp": true, ".case.md.tmp4567": false, "case.md.kate-swp": true, ".goutputstream-X1": true,
		".DS_Store": true, "case.md.crswap": true,
	} {
		if got := isTemporary(name); got != want {
			t.Errorf("isTemporary(%q) = %v, want %v", name, got, want)
		}
	}
	// A temporary that is not *.md is not a case anyway.
	for _, name := range []string{".case.md.tmp4567", "x.txt", "case.md.bak", ".#case.md"} {
		if isCaseName(name) {
			t.Errorf("isCaseName(%q)", name)
		}
	}
}
