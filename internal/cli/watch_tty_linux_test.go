//go:build linux

package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/mattn/go-runewidth"
)

// TestWatchOnTerminal runs the real `sendgen watch` with its output on a
// pseudo-terminal 60 columns by 15 rows: the screen is drawn in place, in
// colour, no line wider than the terminal, and Ctrl-C ends it with exit 0.
func TestWatchOnTerminal(t *testing.T) {
	dir := t.TempDir()
	caseFile := filepath.Join(dir, "cases", "case.md")
	if err := os.MkdirAll(filepath.Dir(caseFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(caseFile, []byte(ttyCase), 0o644); err != nil {
		t.Fatal(err)
	}
	m, s := openPTY(t)
	defer m.Close()
	ws := struct{ Row, Col, X, Y uint16 }{Row: 15, Col: 60}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, s.Fd(), syscall.TIOCSWINSZ, uintptr(unsafe.Pointer(&ws))); e != 0 {
		t.Skipf("TIOCSWINSZ: %v", e)
	}
	var mu sync.Mutex
	var screen bytes.Buffer
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := m.Read(buf)
			mu.Lock()
			screen.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	cmd := exec.Command("sendgen", "watch", "--today", "2026-11-01", "--out", filepath.Join(dir, "out"), filepath.Join(dir, "cases"))
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=")
	cmd.Stdout, cmd.Stderr = s, s
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	read := func() string { mu.Lock(); defer mu.Unlock(); return screen.String() }
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(read(), "vague-wording") {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no screen with the finding:\n%q", read())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v\n%q", err, read())
	}
	s.Close()
	out := read()
	if !strings.Contains(out, "\x1b[H") || !strings.Contains(out, "\x1b[31m") {
		t.Fatalf("not drawn in place, in colour:\n%q", out)
	}
	plain := regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`).ReplaceAllString(out, "")
	t.Logf("the terminal received (escape sequences removed):\n%s", plain)
	for _, line := range strings.Split(strings.ReplaceAll(plain, "\r", ""), "\n") {
		if w := runewidth.StringWidth(line); w > 60 {
			t.Errorf("a line %d cells wide on a 60-column terminal: %q", w, line)
		}
	}
}
