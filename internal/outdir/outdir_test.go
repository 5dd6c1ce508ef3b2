package outdir

import (
	"bytes"
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

// Cases staged together are committed in the order staged, as if each had
// been written alone: a clash inside one batch is refused, the others land,
// and no temporary file is left.
func TestStageBatches(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	f, _, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	const n = 60
	var staged []*Pending
	for i := 0; i < n; i++ {
		src := filepath.Join(dir, fmt.Sprintf("case-%d.md", i))
		name := fmt.Sprintf("C-%d", i)
		if i == n-1 {
			name = "C-7" // a second case file with case 7's reference
		}
		staged = append(staged, f.Stage(src, []File{
			{Name: name + "-position-statement.pdf", Data: []byte(src)},
			{Name: name + "-outcome-form.pdf", Data: []byte(src)},
		}))
	}
	for i, p := range staged {
		err := p.Wait()
		var ce *ClashError
		switch {
		case i == n-1 && !errors.As(err, &ce):
			t.Errorf("case %d: %v, want a clash with case 7", i, err)
		case i < n-1 && err != nil:
			t.Errorf("case %d: %v", i, err)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(out, "C-7-outcome-form.pdf")); string(got) != filepath.Join(dir, "case-7.md") {
		t.Errorf("C-7-outcome-form.pdf holds %q: the clashing case replaced it", got)
	}
	entries, _ := os.ReadDir(out)
	pdfs := 0
	for _, e := range entries {
		switch {
		case strings.HasSuffix(e.Name(), ".pdf"):
			pdfs++
		case e.Name() != ManifestName && e.Name() != lockName:
			t.Errorf("left in the folder: %s", e.Name())
		}
	}
	if pdfs != 2*(n-1) {
		t.Errorf("%d PDFs in the folder, want %d", pdfs, 2*(n-1))
	}
	// Another run sees every document recorded.
	g, _, _ := Open(out)
	if err := g.Write(filepath.Join(dir, "other.md"), []File{{Name: "C-58-outcome-form.pdf", Data: []byte("x")}}); !errors.As(err, new(*ClashError)) {
		t.Errorf("a later run replaced a document of a batch: %v", err)
	}
}

// A case whose documents cannot be written fails alone, with nothing of it
// left in the folder.
func TestStageFailure(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	f, _, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	bad := f.Stage("bad.md", []File{{Name: "B-1-certificate.pdf", Data: []byte("b")}, {Name: "no-such-folder/B-1-outcome-form.pdf", Data: []byte("b")}})
	good := f.Stage("good.md", []File{{Name: "G-1-certificate.pdf", Data: []byte("g")}})
	if err := bad.Wait(); err == nil {
		t.Error("a document that cannot be created was reported written")
	}
	if err := good.Wait(); err != nil {
		t.Errorf("the case after a failed one: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "B-1-certificate.pdf")); err == nil {
		t.Error("half of the failed case was put in place")
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestRewriteAppendsNothing: writing a case's documents again from the same
// case file changes nothing in the manifest, so the journal every run reads
// does not grow with re-renders (watch mode re-renders on every save).
func TestRewriteAppendsNothing(t *testing.T) {
	dir := t.TempDir()
	f, _, _ := Open(dir)
	files := []File{{Name: "C-1-certificate.pdf", Data: []byte("one")}}
	if err := f.Write("c1.md", files); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if err := f.Write("c1.md", []File{{Name: "C-1-certificate.pdf", Data: []byte(fmt.Sprint(i))}}); err != nil {
			t.Fatal(err)
		}
		g, _, _ := Open(dir) // as a separate run would
		if err := g.Write("c1.md", files); err != nil {
			t.Fatal(err)
		}
	}
	after, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, after) {
		t.Errorf("journal grew from %d to %d bytes on re-writes from the same case file", len(first), len(after))
	}
	if err := f.Write("other.md", files); err == nil {
		t.Error("another case file replaced the document after the re-writes")
	}
}

// TestCompaction: a journal holding far more records than documents (one
// document moved between case files again and again) is rewritten with one
// record per document, and every Folder, including one that read the old
// journal, keeps the same view of which case file each document came from.
func TestCompaction(t *testing.T) {
	dir := t.TempDir()
	f, _, _ := Open(dir)
	g, _, _ := Open(dir)
	doc := "C-1-certificate.pdf"
	if err := g.Write("keep.md", []File{{Name: "K-1-certificate.pdf"}}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3*compactAfter; i++ {
		src := fmt.Sprintf("c%d.md", i%2)
		if err := f.Write(src, []File{{Name: doc}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Remove(src, doc); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Write("last.md", []File{{Name: doc}}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte("\n")); n > compactAfter+2 {
		t.Errorf("journal has %d lines after %d changes to 2 documents", n, 6*compactAfter)
	}
	for name, folder := range map[string]*Folder{"the writer": f, "a folder that read the old journal": g} {
		if err := folder.Write("other.md", []File{{Name: doc}}); err == nil {
			t.Errorf("%s: another case file replaced last.md's document", name)
		}
		if err := folder.Write("other.md", []File{{Name: "K-1-certificate.pdf"}}); err == nil {
			t.Errorf("%s: another case file replaced keep.md's document", name)
		}
	}
	h, _, _ := Open(dir)
	if err := h.Write("last.md", []File{{Name: doc}}); err != nil {
		t.Errorf("a new run: %v", err)
	}
}
