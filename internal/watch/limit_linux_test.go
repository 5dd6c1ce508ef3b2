//go:build linux

package watch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const limitChildEnv = "SENDGEN_WATCH_LIMIT_CHILD"

// TestLimitReached exhausts the inotify watch limit for real: the test
// binary runs itself in a new user namespace, lowers that namespace's
// user.max_inotify_watches to 3 (a namespace's root may), and watches a
// tree of six folders. New must fail with a *LimitError.
func TestLimitReached(t *testing.T) {
	if os.Getenv(limitChildEnv) != "" {
		t.Skip("the child runs TestLimitChild")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLimitChild$", "-test.v")
	cmd.Env = append(os.Environ(), limitChildEnv+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
	}
	out, err := cmd.CombinedOutput()
	if err != nil && strings.Contains(err.Error(), "operation not permitted") {
		if os.Getenv("CI") == "true" {
			t.Fatalf("cannot create a user namespace under CI: %v", err)
		}
		t.Skipf("user namespaces not allowed here: %v", err)
	}
	if err != nil || !strings.Contains(string(out), "LIMIT-OK") {
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

func TestLimitChild(t *testing.T) {
	if os.Getenv(limitChildEnv) == "" {
		t.Skip("run by TestLimitReached in a user namespace")
	}
	if err := os.WriteFile("/proc/sys/user/max_inotify_watches", []byte("3"), 0); err != nil {
		t.Skipf("cannot lower the namespace's limit: %v", err)
	}
	dir := t.TempDir()
	for i := 0; i < 5; i++ {
		if err := os.MkdirAll(filepath.Join(dir, fmt.Sprint("sub", i)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	_, err := New(context.Background(), Options{Paths: []string{dir}})
	var le *LimitError
	if !errors.As(err, &le) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("New: %v, want a LimitError wrapping ENOSPC", err)
	}
	msg := err.Error()
	for _, want := range []string{"fs.inotify.max_user_watches is ", "this user namespace's user.max_inotify_watches is 3", "sudo sysctl fs.inotify.max_user_watches=", "--poll"} {
		if !strings.Contains(msg, want) {
			t.Fatalf("message lacks %q:\n%s", want, msg)
		}
	}
	// Polling needs no watches.
	w, err := New(context.Background(), Options{Paths: []string{dir}, Poll: testPoll})
	if err != nil {
		t.Fatalf("polling: %v", err)
	}
	w.Close()
	fmt.Println("LIMIT-OK", msg)
}
