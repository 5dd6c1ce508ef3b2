//go:build linux

package cli_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"

	"github.com/sendgen/sendgen/internal/cli"
)

// openPTY opens a pseudo-terminal pair with the standard library only.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		m.Close()
		t.Skipf("TIOCGPTN: %v", e)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		m.Close()
		t.Skipf("TIOCSPTLCK: %v", e)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("open slave: %v", err)
	}
	return m, s
}

const ttyCase = `---
case: TST-2026-0300
child:
  name: Sam Carter
appellant:
  name: Alex Carter
  role: parent
local_authority: Leeds City Council
decision:
  type: plan-contents
  date: 2026-10-12
  sections: [F]
---

# Requested provision

## Section F
- Access to speech and language therapy.
`

// runOnTTY runs `sendgen lint` with stdout on a pseudo-terminal and returns
// what the terminal received.
func runOnTTY(t *testing.T, args ...string) (string, int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "case.md")
	if err := os.WriteFile(path, []byte(ttyCase), 0o644); err != nil {
		t.Fatal(err)
	}
	m, s := openPTY(t)
	defer m.Close()
	done := make(chan []byte)
	go func() {
		var buf bytes.Buffer
		_, _ = io.Copy(&buf, m) // ends with EIO once the slave is closed
		done <- buf.Bytes()
	}()
	var errw bytes.Buffer
	code := cli.Main(append(append([]string{"lint", "--today", "2026-11-01"}, args...), path), nil, s, &errw)
	s.Close()
	out := <-done
	if errw.Len() > 0 {
		t.Errorf("stderr: %s", errw.String())
	}
	return string(out), code
}

func TestColourOnTerminal(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantANSI bool
	}{
		{"terminal", nil, nil, true},
		{"NO_COLOR", map[string]string{"NO_COLOR": "1"}, nil, false},
		{"NO_COLOR empty means unset", map[string]string{"NO_COLOR": ""}, nil, true},
		{"TERM=dumb", map[string]string{"TERM": "dumb"}, nil, false},
		{"--color never", nil, []string{"--color", "never"}, false},
		{"--color always beats NO_COLOR", map[string]string{"NO_COLOR": "1"}, []string{"--color", "always"}, true},
		{"json on a terminal", nil, []string{"-f", "json"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", "")
			t.Setenv("TERM", "xterm-256color")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			out, code := runOnTTY(t, tt.args...)
			if code != cli.ExitFindings {
				t.Errorf("exit %d, want %d", code, cli.ExitFindings)
			}
			if got := bytes.Contains([]byte(out), []byte("\x1b[")); got != tt.wantANSI {
				t.Errorf("escape codes: %v, want %v:\n%q", got, tt.wantANSI, out)
			}
			if !bytes.Contains([]byte(out), []byte("vague-wording")) {
				t.Errorf("no finding on the terminal: %q", out)
			}
		})
	}
}
