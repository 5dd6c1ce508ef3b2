//go:build unix

package fsutil

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadLimited(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadLimited(p, 5); err != nil || string(b) != "12345" {
		t.Errorf("at the limit: %q %v", b, err)
	}
	var tl *TooLargeError
	if _, err := ReadLimited(p, 4); err == nil || !asTooLarge(err, &tl) || tl.Size != 5 {
		t.Errorf("over the limit: %v", err)
	}
	fifo := filepath.Join(dir, "f")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadLimited(fifo, 10); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("fifo: %v", err)
	}
	if _, err := ReadLimited("/dev/zero", 10); err == nil || !strings.Contains(err.Error(), "device") {
		t.Errorf("/dev/zero: %v", err)
	}
	// A file larger than the size it reports (a /proc file reports 0) is
	// read to its end, and still held to the limit.
	if want, err := os.ReadFile("/proc/self/status"); err == nil {
		if b, err := ReadLimited("/proc/self/status", 1<<20); err != nil || !strings.HasPrefix(string(b), "Name:") || len(b) < len(want)/2 {
			t.Errorf("/proc/self/status: %d bytes, %v", len(b), err)
		}
		if _, err := ReadLimited("/proc/self/status", 100); err == nil || !asTooLarge(err, &tl) || tl.Size != -1 {
			t.Errorf("/proc/self/status over the limit: %v", err)
		}
	}
	// An empty file.
	e := filepath.Join(dir, "empty.md")
	if err := os.WriteFile(e, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadLimited(e, 10); err != nil || len(b) != 0 {
		t.Errorf("empty: %q %v", b, err)
	}
}

func asTooLarge(err error, tl **TooLargeError) bool {
	e, ok := err.(*TooLargeError)
	*tl = e
	return ok
}
