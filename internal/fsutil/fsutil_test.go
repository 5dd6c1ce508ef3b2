package fsutil

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileReplacesWholly(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.pdf")
	for _, content := range []string{"first", "second, longer"} {
		if err := WriteFile(p, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != content {
			t.Fatalf("content %q, want %q", b, content)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// TestWriteFileModes: a new file gets 0666 less the umask; an existing
// file keeps its mode (a document made private stays private).
func TestWriteFileModes(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.pdf")
	if err := WriteFile(p, []byte("x")); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if want := os.FileMode(0o666) &^ umask(); st.Mode().Perm() != want {
		t.Errorf("new file mode %v, want %v (umask %v)", st.Mode().Perm(), want, umask())
	}
	priv := filepath.Join(dir, "private.pdf")
	if err := os.WriteFile(priv, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(priv, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(priv, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(priv); st.Mode().Perm() != 0o600 {
		t.Errorf("private file became %v", st.Mode().Perm())
	}
}

// TestWriteFileMode: a derived document (a signed copy) gets the mode it
// is given, whatever the umask and whatever was at the path before.
func TestWriteFileMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "signed.pdf")
	for _, mode := range []os.FileMode{0o640, 0o600} {
		if err := WriteFileMode(p, []byte("x"), mode); err != nil {
			t.Fatal(err)
		}
		if st, _ := os.Stat(p); st.Mode().Perm() != mode {
			t.Errorf("mode %v, want %v", st.Mode().Perm(), mode)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "missing", "a.pdf")
	err := WriteFile(p, []byte("x"))
	if err == nil || !strings.Contains(err.Error(), p) {
		t.Fatalf("error %v, want one naming %s", err, p)
	}
	// A destination that is a folder: the rename fails, the temp file goes.
	folder := filepath.Join(dir, "b.pdf")
	if err := os.MkdirAll(filepath.Join(folder, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(folder, []byte("x")); err == nil {
		t.Fatal("writing over a folder succeeded")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestRemoveStale: a temporary file left by a process killed mid-write is
// removed by the next run; one whose writer is alive stays.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	dead := filepath.Join(dir, ".X-outcome-form.pdf.999999999.123.tmp") // no such process
	alive := filepath.Join(dir, fmt.Sprintf(".X-certificate.pdf.%d.456.tmp", os.Getpid()))
	other := filepath.Join(dir, ".notes.tmp")
	for _, p := range []string{dead, alive, other} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := RemoveStale(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 || removed[0] != filepath.Base(dead) {
		t.Errorf("removed %v, want only the dead writer's file", removed)
	}
	for _, p := range []string{alive, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed", filepath.Base(p))
		}
	}
	// WriteFile's own temporary names are ones RemoveStale recognises.
	if pid, ok := tempPID(fmt.Sprintf(".a.b.pdf.%d.777%s", os.Getpid(), tempSuffix)); !ok || pid != os.Getpid() {
		t.Error("tempPID does not read WriteFile's temporary names")
	}
}

// TestCreateStreams: a File written piece by piece leaves path untouched
// until Commit, and Discard leaves no trace.
func TestCreateStreams(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.sarif")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Create(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"a", "b", "c"} {
		if _, err := f.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != "old" {
			t.Fatalf("path changed before Commit: %q", b)
		}
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "abc" {
		t.Errorf("after Commit: %q", b)
	}
	f.Discard() // after Commit: nothing
	if b, _ := os.ReadFile(p); string(b) != "abc" {
		t.Errorf("Discard after Commit changed the file: %q", b)
	}
	if _, err := f.Write([]byte("x")); err == nil {
		t.Error("Write after Commit succeeded")
	}

	g, err := Create(p)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = g.Write([]byte("half a report"))
	g.Discard()
	if b, _ := os.ReadFile(p); string(b) != "abc" {
		t.Errorf("Discard changed the file: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if err := g.Commit(); err == nil {
		t.Error("Commit after Discard succeeded")
	}
	if _, err := Create(filepath.Join(dir, "missing", "x")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("Create in a missing folder: %v", err)
	}
}

// TestWriteNew: a new file is written whole with the usual mode; an
// existing file, or a link, is never replaced, and nothing is left behind.
func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "case.md")
	if err := WriteNew(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Fatalf("content %q", b)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o666&^umask() {
		t.Errorf("mode %v, want %v", st.Mode().Perm(), 0o666&^umask())
	}
	err := WriteNew(p, []byte("again"))
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second write: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Fatalf("the existing file was changed to %q", b)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink(filepath.Join(dir, "elsewhere.md"), link); err == nil {
		if err := WriteNew(link, []byte("x")); !errors.Is(err, fs.ErrExist) {
			t.Errorf("through a dangling symlink: %v, want fs.ErrExist", err)
		}
		if _, err := os.Stat(filepath.Join(dir, "elsewhere.md")); err == nil {
			t.Error("wrote through a symlink")
		}
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left %s behind", e.Name())
		}
	}
	if err := WriteNew(filepath.Join(dir, "missing", "case.md"), []byte("x")); err == nil {
		t.Error("wrote into a folder that does not exist")
	}
}

// TestAbs: with the working directory given, Abs is filepath.Abs.
func TestAbs(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"", ".", "x.md", "a/../b/./c.md", "../up", "/abs/x", "/abs/../y/", "dir/"} {
		want, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{wd, ""} {
			if got, err := Abs(w, p); err != nil || got != want {
				t.Errorf("Abs(%q, %q) = %q, %v; want %q", w, p, got, err, want)
			}
		}
	}
}

// SyncAll makes several temporary files durable at once; each is then
// renamed into place whole, and one already discarded is left alone.
func TestSyncAll(t *testing.T) {
	dir := t.TempDir()
	var files []*File
	for i := 0; i < 5; i++ {
		f, err := Create(filepath.Join(dir, fmt.Sprintf("doc-%d.pdf", i)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(fmt.Sprint("content ", i))); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	files[2].Discard()
	SyncAll(dir, files)
	for i, f := range files {
		err := f.Rename()
		if i == 2 {
			if err == nil {
				t.Error("a discarded file was renamed into place")
			}
			continue
		}
		if err != nil {
			t.Fatalf("doc-%d: %v", i, err)
		}
		got, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("doc-%d.pdf", i)))
		if err != nil || string(got) != fmt.Sprint("content ", i) {
			t.Errorf("doc-%d holds %q, %v", i, got, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Errorf("%d files in the folder, want the 4 renamed", len(entries))
	}
}
