//go:build linux

package cli_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
	// Beside a machine-readable stdout the grand total goes to stderr.
	if e := errw.String(); e != "" && !strings.HasPrefix(e, "sendgen: 1 file: ") {
		t.Errorf("stderr: %s", e)
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

// TestP12PasswordAtTerminal types the PKCS #12 password at a terminal
// (standard input is a pseudo-terminal): sign reads it without echo.
func TestP12PasswordAtTerminal(t *testing.T) {
	dir := t.TempDir()
	caseFile := filepath.Join(dir, "case.md")
	if err := os.WriteFile(caseFile, []byte(ttyOutcomeCase), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errw bytes.Buffer
	if code := cli.Main([]string{"render", "--today", "2026-11-01", "--out", dir, caseFile}, nil, &out, &errw); code != 0 {
		t.Fatalf("render: exit %d: %s", code, errw.String())
	}
	p12 := filepath.Join(dir, "id.p12")
	writeTestP12(t, p12, "typed secret")

	m, s := openPTY(t)
	defer m.Close()
	echoed := make(chan []byte)
	go func() {
		var buf bytes.Buffer
		_, _ = io.Copy(&buf, m)
		echoed <- buf.Bytes()
	}()
	// Type the password once the prompt is shown, as a person would.
	errR, errW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := make(chan string)
	go func() {
		var seen []byte
		buf := make([]byte, 256)
		typed := false
		for {
			n, err := errR.Read(buf)
			seen = append(seen, buf[:n]...)
			if !typed && bytes.Contains(seen, []byte("Password for id.p12: ")) {
				typed = true
				time.Sleep(50 * time.Millisecond) // echo is turned off right after the prompt
				_, _ = m.Write([]byte("typed secret\n"))
			}
			if err != nil {
				stderr <- string(seen)
				return
			}
		}
	}()
	out.Reset()
	code := cli.Main([]string{"sign", "--p12", p12, "--out", filepath.Join(dir, "signed.pdf"),
		filepath.Join(dir, "TTY-1-outcome-form.pdf")}, s, &out, errW)
	errW.Close()
	s.Close()
	got, prompt := <-echoed, <-stderr
	if code != 0 {
		t.Fatalf("sign: exit %d\n%s%s", code, out.String(), prompt)
	}
	if !strings.Contains(prompt, "Password for id.p12: ") {
		t.Errorf("no prompt: %q", prompt)
	}
	if bytes.Contains(got, []byte("typed secret")) {
		t.Errorf("the password was echoed to the terminal: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "signed.pdf")); err != nil {
		t.Error(err)
	}
}

const ttyOutcomeCase = `---
case: TTY-1
child:
  name: Sam Carter
appellant:
  name: Alex Carter
  role: parent
local_authority: Leeds City Council
decision:
  type: plan-contents
  date: 2026-09-14
mediation:
  date: 2026-10-27
  mediator: Sam Patel
---

# Unresolved issues

- The size of the group.
`
