package outdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestTwoCaseFilesOneReference(t *testing.T) {
	dir := t.TempDir()
	f, _, err := Open(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(dir, "amira.md"), filepath.Join(dir, "sub", "zoe.md")
	docs := func(s string) []File {
		return []File{{Name: "X-1-position-statement.pdf", Data: []byte(s)}, {Name: "X-1-certificate.pdf", Data: []byte(s)}}
	}
	if err := f.Write(a, docs("amira")); err != nil {
		t.Fatal(err)
	}
	// The same case file again (also by another relative path): replaced.
	t.Chdir(dir)
	if err := f.Write("amira.md", docs("amira 2")); err != nil {
		t.Fatalf("rewriting from the same case file: %v", err)
	}
	// Another case file claiming the same reference: refused, nothing written.
	err = f.Write(b, docs("zoe"))
	var ce *ClashError
	if !errors.As(err, &ce) || len(ce.Files) != 2 || !strings.Contains(err.Error(), a) || !strings.Contains(err.Error(), "X-1-certificate.pdf") {
		t.Fatalf("error %v, want a clash naming both files and where they came from", err)
	}
	for _, n := range []string{"X-1-position-statement.pdf", "X-1-certificate.pdf"} {
		if got, _ := os.ReadFile(filepath.Join(dir, "out", n)); string(got) != "amira 2" {
			t.Errorf("%s holds %q", n, got)
		}
	}
	// A separate run (a new Folder on the same path) remembers.
	g, _, _ := Open(filepath.Join(dir, "out"))
	if err := g.Write(b, docs("zoe")[:1]); !errors.As(err, &ce) {
		t.Errorf("a later run replaced another case file's document: %v", err)
	}
	// Removing a held-back document: only the case's own.
	if _, err := g.Remove(b, "X-1-certificate.pdf"); !errors.As(err, &ce) {
		t.Errorf("removed another case file's document: %v", err)
	}
	if ok, err := g.Remove(a, "X-1-certificate.pdf"); err != nil || !ok {
		t.Errorf("Remove own: %v %v", ok, err)
	}
	// Now free, the other case file may write it.
	if err := g.Write(b, []File{{Name: "X-1-certificate.pdf", Data: []byte("zoe")}}); err != nil {
		t.Errorf("after removal: %v", err)
	}
}

// TestConcurrentRuns: two runs writing into one folder at the same time,
// each with its own case file under one reference: every document in the
// folder comes from one case file or the other, never a mix per file name,
// and the manifest agrees with what is on disk.
func TestConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	var wg sync.WaitGroup
	for r := 0; r < 2; r++ {
		wg.Add(1)
		go func(r int) {
			defer wg.Done()
			f, _, err := Open(out)
			if err != nil {
				t.Error(err)
				return
			}
			src := filepath.Join(dir, fmt.Sprintf("case%d.md", r))
			for i := 0; i < 50; i++ {
				name := fmt.Sprintf("C-%d-certificate.pdf", i)
				err := f.Write(src, []File{{Name: name, Data: []byte(src)}})
				var ce *ClashError
				if err != nil && !errors.As(err, &ce) {
					t.Error(err)
				}
			}
		}(r)
	}
	wg.Wait()
	f, _, _ := Open(out)
	if err := f.catchUp(); err != nil {
		t.Fatal(err)
	}
	if len(f.docs) != 50 {
		t.Fatalf("manifest lists %d documents, want 50", len(f.docs))
	}
	for name, from := range f.docs {
		got, _ := os.ReadFile(filepath.Join(out, name))
		if string(got) != from {
			t.Errorf("%s holds %q, the manifest says %q", name, got, from)
		}
	}
}

// TestTornJournal: a run killed in the middle of appending leaves a partial
// last line; the next run skips it, closes it off, and every whole record
// (before and after) still counts.
func TestTornJournal(t *testing.T) {
	dir := t.TempDir()
	f, _, _ := Open(dir)
	if err := f.Write("a.md", []File{{Name: "A-1-certificate.pdf", Data: []byte("a")}}); err != nil {
		t.Fatal(err)
	}
	j, err := os.OpenFile(filepath.Join(dir, ManifestName), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	j.WriteString(`{"document":"B-1-certif`) // killed here
	j.Close()
	g, _, _ := Open(dir)
	if err := g.Write("b.md", []File{{Name: "B-1-certificate.pdf", Data: []byte("b")}}); err != nil {
		t.Fatal(err)
	}
	h, _, _ := Open(dir)
	var ce *ClashError
	if err := h.Write("other.md", []File{{Name: "A-1-certificate.pdf"}, {Name: "B-1-certificate.pdf"}}); !errors.As(err, &ce) || len(ce.Files) != 2 {
		t.Fatalf("after a torn line: %v, want both documents remembered", err)
	}
}

// TestManyCasesLinear: the journal grows by a record per document, so a
// 2,000-case batch does not rewrite a growing manifest for every case.
func TestManyCasesLinear(t *testing.T) {
	dir := t.TempDir()
	f, _, _ := Open(dir)
	for i := 0; i < 2000; i++ {
		if err := f.Write(fmt.Sprintf("c%d.md", i), []File{{Name: fmt.Sprintf("C-%d-certificate.pdf", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := os.Stat(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 2000*200 {
		t.Errorf("journal is %d bytes for 2,000 documents", st.Size())
	}
}
