package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sendgen/sendgen/internal/pdftest"
	"github.com/sendgen/sendgen/internal/watch/editortest"
)

// syncBuffer is a bytes.Buffer safe for the watcher's writes and the
// test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// watchRun is a runWatch in the background whose builds the test sees.
type watchRun struct {
	t      *testing.T
	out    *syncBuffer
	builds chan built
	cancel context.CancelFunc
	done   chan error
}

type built struct {
	path string
	res  BuildResult
}

func startWatch(t *testing.T, o WatchOptions) *watchRun {
	t.Helper()
	if o.Debounce == 0 {
		o.Debounce = 20 * time.Millisecond
	}
	r := &watchRun{t: t, out: &syncBuffer{}, builds: make(chan built, 100), done: make(chan error, 1)}
	o.IO = &IO{Out: r.out, Err: r.out}
	o.Factory = NewFactory(o.IO)
	real, err := newWatchBuild(context.Background(), &o)
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	o.Ready = func() { close(ready) }
	build := func(p string, src []byte) BuildResult {
		res := real(p, src)
		r.builds <- built{p, res}
		return res
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { r.done <- runWatch(ctx, &o, build) }()
	t.Cleanup(func() { r.stop() })
	select {
	case <-ready:
	case err := <-r.done:
		t.Fatalf("runWatch: %v\n%s", err, r.out)
	case <-time.After(20 * time.Second):
		t.Fatalf("not ready:\n%s", r.out)
	}
	return r
}

func (r *watchRun) stop() {
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			r.t.Errorf("runWatch: %v", err)
		}
		r.done <- nil
	case <-time.After(10 * time.Second):
		r.t.Errorf("runWatch did not stop")
	}
}

// next waits for the next build of path.
func (r *watchRun) next(path string) BuildResult {
	r.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case b := <-r.builds:
			if b.path == path {
				return b.res
			}
		case <-deadline:
			r.t.Fatalf("no build of %s; output:\n%s", path, r.out)
		}
	}
}

// none asserts that no build happens for a while.
func (r *watchRun) none(d time.Duration) {
	r.t.Helper()
	select {
	case b := <-r.builds:
		r.t.Fatalf("unexpected build of %s", b.path)
	case <-time.After(d):
	}
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin := pdftest.Tool(t, "pdftotext")
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", path, err, out)
	}
	return string(out)
}

func sample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWatchPDFFollows saves a case file with every editor's save sequence
// and checks that the PDF on disk follows each save; then a save that
// breaks the file leaves the PDF as it was, and says so; a save that mends
// it makes the PDF follow again.
func TestWatchPDFFollows(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out") // inside the watched folder: never watched
	p := filepath.Join(dir, "cases", "BCC-2026-0033.md")
	src := sample(t, "BCC-2026-0033.md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := startWatch(t, WatchOptions{Paths: []string{dir}, Out: out, CommonOptions: CommonOptions{Today: "2026-12-01"}})
	if res := r.next(p); res.Err != nil || len(res.Wrote) != 1 {
		t.Fatalf("first build: %+v", res)
	}
	pdf := filepath.Join(out, "BCC-2026-0033-certificate.pdf")
	for i, ed := range editortest.Editors {
		name := fmt.Sprintf("Zofia Nowak-%s", ed.Name)
		if err := ed.Save(p, []byte(strings.ReplaceAll(src, "Zofia Nowak", name))); err != nil {
			t.Fatal(err)
		}
		res := r.next(p)
		if res.Err != nil || len(res.Wrote) != 1 || res.Wrote[0] != pdf {
			t.Fatalf("%s: %+v", ed.Name, res)
		}
		if text := pdfText(t, pdf); !strings.Contains(text, name) {
			t.Fatalf("%s: the PDF does not show %q", ed.Name, name)
		}
		if i == 0 {
			// Saving the same bytes again builds nothing.
			if err := ed.Save(p, []byte(strings.ReplaceAll(src, "Zofia Nowak", name))); err != nil {
				t.Fatal(err)
			}
			r.none(300 * time.Millisecond)
		}
	}
	good, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}

	// Broken: not UTF-8 any more.
	if err := editortest.VimRename(p, []byte(strings.Replace(src, "Zofia", "Zof\xffia", 1))); err != nil {
		t.Fatal(err)
	}
	res := r.next(p)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "invalid UTF-8") {
		t.Fatalf("broken save: %+v", res)
	}
	if now, _ := os.ReadFile(pdf); !bytes.Equal(now, good) {
		t.Fatal("a broken save changed the PDF")
	}
	time.Sleep(50 * time.Millisecond) // the log line follows the build
	if log := r.out.String(); !strings.Contains(log, "failed "+p+": "+p+":") || !strings.Contains(log, pdf+" from the last good save at ") {
		t.Fatalf("the log does not say the PDF is from the last good save:\n%s", log)
	}
	// Mended.
	if err := editortest.VSCode(p, []byte(strings.ReplaceAll(src, "Zofia Nowak", "Zofia Mended"))); err != nil {
		t.Fatal(err)
	}
	if res := r.next(p); res.Err != nil || len(res.Wrote) != 1 {
		t.Fatalf("mended: %+v", res)
	}
	if text := pdfText(t, pdf); !strings.Contains(text, "Zofia Mended") {
		t.Fatal("the PDF did not follow the mended save")
	}
	assertNoTemp(t, dir)
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".tmp") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

// TestWatchConfigTemplatesFoldersRemoval: a changed .sendgen.yaml rebuilds
// the cases it applies to (not the others), a changed template rebuilds
// every case, a new sub-folder's case is built, a deleted case is
// reported and its PDF left alone.
func TestWatchConfigTemplatesFoldersRemoval(t *testing.T) {
	dir := t.TempDir()
	out := t.TempDir()
	tpl := filepath.Join(t.TempDir(), "templates")
	if err := os.MkdirAll(tpl, 0o755); err != nil {
		t.Fatal(err)
	}
	certTpl, err := os.ReadFile(filepath.Join("..", "..", "templates", "certificate.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tpl, "certificate.md"), certTpl, 0o644); err != nil {
		t.Fatal(err)
	}
	a := filepath.Join(dir, "a", "BCC-2026-0033.md")
	b := filepath.Join(dir, "b", "CWC-2026-0291.md")
	for p, name := range map[string]string{a: "BCC-2026-0033.md", b: "CWC-2026-0291.md"} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(sample(t, name)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := startWatch(t, WatchOptions{Paths: []string{dir}, Out: out, Templates: tpl, CommonOptions: CommonOptions{Today: "2026-12-01"}})
	first := map[string]BuildResult{}
	for len(first) < 2 {
		b := <-r.builds
		first[b.path] = b.res
	}
	if first[a].Infos != 1 {
		t.Fatalf("a: %+v", first[a])
	}

	// A configuration in a/ turns the appeal-deadline info off: a is
	// rebuilt, b is not.
	cfg := filepath.Join(dir, "a", ".sendgen.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  appeal-deadline:\n    severity: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := r.next(a); res.Infos != 0 || res.Err != nil {
		t.Fatalf("after the config change: %+v", res)
	}
	r.none(300 * time.Millisecond)
	// A broken configuration is a build error, not the end of watching.
	if err := os.WriteFile(cfg, []byte("rules:\n  no-such-rule:\n    severity: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := r.next(a); res.Err == nil || !strings.Contains(res.Err.Error(), "no-such-rule") {
		t.Fatalf("broken config: %+v", res)
	}
	if err := os.Remove(cfg); err != nil {
		t.Fatal(err)
	}
	if res := r.next(a); res.Err != nil || res.Infos != 1 {
		t.Fatalf("config removed: %+v", res)
	}

	// A template change rebuilds both, with the new template.
	if err := editortest.AtomicRename(filepath.Join(tpl, "certificate.md"), bytes.Replace(certTpl, []byte("This certifies"), []byte("TEMPLATE-MARK This certifies"), 1)); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for len(got) < 2 {
		b := <-r.builds
		got[b.path] = true
	}
	if text := pdfText(t, filepath.Join(out, "BCC-2026-0033-certificate.pdf")); !strings.Contains(text, "TEMPLATE-MARK") {
		t.Fatal("the certificate does not use the changed template")
	}

	// A new sub-folder with a case in it.
	c := filepath.Join(dir, "new", "deeper", "LBH-2026-0520.md")
	if err := os.MkdirAll(filepath.Dir(c), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(c, []byte(sample(t, "LBH-2026-0520.md")), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := r.next(c); res.Err != nil || len(res.Wrote) != 3 {
		t.Fatalf("new folder: %+v", res)
	}

	// Deleted: reported, PDFs left.
	if err := os.Remove(b); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(r.out.String(), "removed "+b+"; its PDFs are left as they were") {
		if time.Now().After(deadline) {
			t.Fatalf("no removal line:\n%s", r.out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Join(out, "CWC-2026-0291-position-statement.pdf")); err != nil {
		t.Fatal(err)
	}
	log := r.out.String()
	for _, want := range []string{
		"configuration " + cfg + " changed: rebuilt 1 case",
		"template " + filepath.Join(tpl, "certificate.md") + " changed: rebuilt 2 cases",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

// TestWatchFinal: --final holds back a document whose provision has
// errors and, as sendgen build does, removes its older final so that it is
// not sent by mistake; the other documents are written.
func TestWatchFinal(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	p := filepath.Join(dir, "WCC-2026-0450.md")
	src := sample(t, filepath.Join("drafts", "WCC-2026-0450.md"))
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(out, "WCC-2026-0450-position-statement.pdf")
	if err := os.WriteFile(old, []byte("%PDF-1.4 an earlier final"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := startWatch(t, WatchOptions{Paths: []string{p}, Out: out, Final: true, CommonOptions: CommonOptions{Today: "2026-12-01"}})
	res := r.next(p)
	if res.Err != nil || len(res.Held) != 1 || res.Held[0] != old || res.Errors == 0 || len(res.Removed) != 1 {
		t.Fatalf("final: %+v", res)
	}
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the older final of a held-back document is still there: %v", err)
	}
	time.Sleep(50 * time.Millisecond)
	if log := r.out.String(); !strings.Contains(log, "held back "+old+"; removed the older "+old) {
		t.Fatalf("log:\n%s", log)
	}
}

// TestWatchSameReference: a second case file with the same case reference
// does not replace the first one's documents; it fails, saying why, and
// the watcher goes on.
func TestWatchSameReference(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	first := filepath.Join(dir, "a.md")
	second := filepath.Join(dir, "b.md")
	src := sample(t, "BCC-2026-0033.md")
	if err := os.WriteFile(first, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := startWatch(t, WatchOptions{Paths: []string{dir}, Out: out, CommonOptions: CommonOptions{Today: "2026-12-01"}})
	if res := r.next(first); res.Err != nil {
		t.Fatal(res.Err)
	}
	pdf := filepath.Join(out, "BCC-2026-0033-certificate.pdf")
	before, _ := os.ReadFile(pdf)
	if err := os.WriteFile(second, []byte(strings.ReplaceAll(src, "Zofia", "Another child")), 0o644); err != nil {
		t.Fatal(err)
	}
	res := r.next(second)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "same case reference") {
		t.Fatalf("second case: %+v", res)
	}
	if after, _ := os.ReadFile(pdf); !bytes.Equal(before, after) {
		t.Fatal("the first case's PDF was replaced")
	}
	// The first one still builds.
	if err := editortest.AtomicRename(first, []byte(strings.ReplaceAll(src, "Zofia", "Zosia"))); err != nil {
		t.Fatal(err)
	}
	if res := r.next(first); res.Err != nil || len(res.Wrote) != 1 {
		t.Fatalf("first case again: %+v", res)
	}
}

// TestWatchNextDay: without --today, a watcher running past midnight
// judges deadlines by the new date.
func TestWatchNextDay(t *testing.T) {
	now := time.Date(2026, 12, 20, 23, 59, 0, 0, time.UTC)
	o := &WatchOptions{Out: t.TempDir(), Factory: &Factory{Now: func() time.Time { return now }, Getenv: func(string) string { return "" }}}
	build, err := newWatchBuild(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "BCC-2026-0033.md")
	src := []byte(sample(t, "BCC-2026-0033.md"))
	// The appeal deadline is 21 December 2026: tomorrow, then today.
	before := build(p, src)
	now = now.Add(2 * time.Minute)
	after := build(p, src)
	msg := func(r BuildResult) string {
		for _, s := range r.Statements {
			for _, f := range s.Findings {
				if f.Rule == "appeal-deadline" {
					return f.Message
				}
			}
		}
		return ""
	}
	if msg(before) == msg(after) || !strings.Contains(msg(after), "today") {
		t.Fatalf("before midnight: %q\nafter: %q", msg(before), msg(after))
	}
}

// TestWatchNoLeak: a stopped runWatch leaves no goroutine behind.
func TestWatchNoLeak(t *testing.T) {
	// os/signal starts one goroutine per process at its first Notify
	// (SIGWINCH here): warm up with one run before counting.
	before := -1
	for i := 0; i < 4; i++ {
		if i == 1 {
			before = runtime.NumGoroutine()
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "BCC-2026-0033.md"), []byte(sample(t, "BCC-2026-0033.md")), 0o644); err != nil {
			t.Fatal(err)
		}
		r := startWatch(t, WatchOptions{Paths: []string{dir}, Out: t.TempDir(), CommonOptions: CommonOptions{Today: "2026-12-01"}})
		r.stop()
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

// TestWatchRestoresGC: Main's "collector off" is not for a long-running
// watcher.
func TestWatchRestoresGC(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: the user's choice is kept")
	}
	prev := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(prev)
	startWatch(t, WatchOptions{Paths: []string{t.TempDir()}, Out: t.TempDir()})
	if got := debug.SetGCPercent(-1); got != 100 {
		t.Fatalf("GC percent %d while watching, want 100", got)
	}
}

// TestWatchTerminal: on a terminal the screen is redrawn in place and a
// case file's escape sequences do not reach it.
func TestWatchTerminal(t *testing.T) {
	t.Setenv("TERM", "xterm")
	t.Setenv("NO_COLOR", "1")
	dir := t.TempDir()
	evil := filepath.Join(dir, "evil\x1b[2J.md")
	src := strings.Replace(sample(t, filepath.Join("drafts", "WCC-2026-0450.md")),
		"- Access to speech", "- Access \x1b]0;pwned\x07\x1b[2J\x1b[31mto\x1b[0m speech", 1)
	if !strings.Contains(src, "pwned") {
		t.Fatal("fixture: the provision line moved")
	}
	if err := os.WriteFile(evil, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	o := WatchOptions{Paths: []string{dir}, Out: t.TempDir(), CommonOptions: CommonOptions{Today: "2026-12-01"}, Debounce: 20 * time.Millisecond,
		IO: &IO{Out: out, Err: out, OutIsTTY: true}}
	o.Factory = NewFactory(o.IO)
	build, err := newWatchBuild(context.Background(), &o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	o.Ready = cancel // stop after the first screen
	if err := runWatch(ctx, &o, build); err != nil {
		t.Fatal(err)
	}
	screen := out.String()
	if !strings.Contains(screen, "\x1b[H") || !strings.Contains(screen, `evil\x1b[2J.md`) || !strings.Contains(screen, `Access \x1b]0;pwned\x07`) {
		t.Fatalf("no screen:\n%q", screen)
	}
	rest := screen
	for _, seq := range []string{"\x1b[H", "\x1b[K", "\x1b[J"} {
		rest = strings.ReplaceAll(rest, seq, "")
	}
	if i := strings.IndexByte(rest, 0x1b); i >= 0 {
		t.Fatalf("an escape sequence from the case file reached the terminal: %q", rest[max(0, i-40):min(len(rest), i+40)])
	}
}

// TestWatchInterrupt runs the real command, interrupts it as Ctrl-C does,
// and checks it ends with exit status 0 and leaves no temporary file.
func TestWatchInterrupt(t *testing.T) {
	if _, err := exec.LookPath("sendgen"); err != nil {
		t.Fatalf("the test binary's sendgen command is not on PATH: %v", err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "cases", "BCC-2026-0033.md")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(sample(t, "BCC-2026-0033.md")), 0o644); err != nil {
				t.Fatal(err)
			}
			out := &syncBuffer{}
			cmd := exec.Command("sendgen", "watch", "--out", filepath.Join(dir, "out"), "--today", "2026-12-01", filepath.Join(dir, "cases"))
			cmd.Stdout, cmd.Stderr = out, out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(20 * time.Second)
			for !strings.Contains(out.String(), "built ") {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("no build:\n%s", out)
				}
				time.Sleep(10 * time.Millisecond)
			}
			// A save in flight when the signal comes.
			if err := editortest.AtomicRename(p, []byte(strings.ReplaceAll(sample(t, "BCC-2026-0033.md"), "Zofia", "Zosia"))); err != nil {
				t.Fatal(err)
			}
			time.Sleep(30 * time.Millisecond)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var ee *exec.ExitError
			if errors.As(err, &ee) || err != nil {
				t.Fatalf("exit: %v\n%s", err, out)
			}
			if !strings.HasSuffix(strings.TrimSpace(out.String()), " stopped") {
				t.Fatalf("output does not end with 'stopped':\n%s", out)
			}
			assertNoTemp(t, dir)
		})
	}
}
