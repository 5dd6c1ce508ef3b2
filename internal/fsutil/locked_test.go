package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWriteFileLocked: a rename refused because a viewer holds the file is
// retried; a lock that outlasts the retries leaves the old file and no
// temporary file, and says what to do; other errors are not retried.
func TestWriteFileLocked(t *testing.T) {
	oldRetries, oldRename := renameRetries, rename
	defer func() { renameRetries, rename = oldRetries, oldRename }()
	renameRetries = []time.Duration{time.Millisecond, time.Millisecond, time.Millisecond}
	for _, c := range []struct {
		name    string
		fails   int
		wantErr bool
	}{{"unlocked", 0, false}, {"released-during-retries", 2, false}, {"stays-locked", 100, true}} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			dest := filepath.Join(dir, "x.pdf")
			if err := os.WriteFile(dest, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			calls := 0
			rename = func(from, to string) error {
				calls++
				if calls <= c.fails {
					return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EBUSY}
				}
				return os.Rename(from, to)
			}
			err := WriteFile(dest, []byte("new"))
			got, _ := os.ReadFile(dest)
			var le *LockedError
			switch {
			case c.wantErr && !errors.As(err, &le):
				t.Fatalf("err = %v, want a LockedError", err)
			case c.wantErr && (string(got) != "old" || calls != len(renameRetries)+1 || !strings.Contains(err.Error(), "the previous version is kept")):
				t.Fatalf("content %q after %d attempts: %v", got, calls, err)
			case !c.wantErr && (err != nil || string(got) != "new"):
				t.Fatalf("err %v, content %q", err, got)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Fatalf("folder holds %d files, want just x.pdf", len(entries))
			}
		})
	}
	calls := 0
	rename = func(string, string) error { calls++; return syscall.EXDEV }
	if err := WriteFile(filepath.Join(t.TempDir(), "y.pdf"), []byte("x")); err == nil || calls != 1 {
		t.Fatalf("err %v after %d attempts", err, calls)
	}
}
