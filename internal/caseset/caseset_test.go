package caseset

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t *testing.T, path, content string) { writeB(t, path, content) }

func writeB(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func caseFile(ref string) string {
	return "---\ncase: " + ref + "\nchild:\n  name: A\n---\n# Background\n"
}

func paths(s *Set) []string {
	var out []string
	for _, e := range s.Files {
		out = append(out, e.Path)
	}
	return out
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, "cases/a.md", caseFile("A-1"))
	write(t, "cases/sub/b.md", caseFile("B-1"))
	write(t, "cases/README.md", "# How we keep case files\n")
	write(t, "cases/notes.md", "---\ntitle: notes\n---\n")
	write(t, "cases/broken.md", "---\ncase: BROKEN-1\nchild:\n name: x\n  bad: [\n") // a case file, broken
	write(t, "cases/.hidden/c.md", caseFile("C-1"))
	write(t, "cases/UPPER.MD", caseFile("U-1"))
	write(t, "cases/drafts/d.md", caseFile("D-1"))
	write(t, "other.txt", "x")

	s := Collect([]string{"cases"}, Options{})
	if len(s.Errs) > 0 {
		t.Fatal(s.Errs)
	}
	want := []string{"cases/UPPER.MD", "cases/a.md", "cases/broken.md", "cases/drafts/d.md", "cases/sub/b.md"}
	if got := paths(s); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	if !slices.Equal(s.Skipped, []string{"cases/README.md", "cases/notes.md"}) {
		t.Errorf("skipped %v", s.Skipped)
	}
	if s.Files[1].Ref != "A-1" || !strings.HasPrefix(s.Files[1].Key(), "case:") {
		t.Errorf("entry %+v", s.Files[1])
	}

	// A file named on the command line is always taken, README or not;
	// named twice (two spellings) it is taken once.
	s = Collect([]string{"cases/README.md", "./cases/a.md", "cases/a.md", "cases"}, Options{})
	if got := paths(s); len(got) != 6 || !slices.Contains(got, "cases/README.md") {
		t.Errorf("explicit files: %v", got)
	}

	// Exclusions apply to what a walk finds, folders included.
	excl := func(p string) (bool, error) {
		return filepath.Base(p) == "drafts" || strings.HasSuffix(p, "b.md"), nil
	}
	s = Collect([]string{"cases", "cases/sub/b.md"}, Options{Exclude: excl})
	if got := paths(s); !slices.Equal(got, []string{"cases/UPPER.MD", "cases/a.md", "cases/broken.md", "cases/sub/b.md"}) || s.Excluded != 2 {
		t.Errorf("excluded: %v (%d)", got, s.Excluded)
	}

	// The run's own report is never taken.
	write(t, "cases/report.md", caseFile("R-1"))
	s = Collect([]string{"cases"}, Options{Skip: []string{filepath.Join(dir, "cases", "report.md")}})
	if slices.Contains(paths(s), "cases/report.md") {
		t.Error("a report path was taken")
	}

	// A folder with no case files is an error that says what it skipped.
	s = Collect([]string{"cases/sub", "nowhere"}, Options{Exclude: excl})
	if len(s.Errs) != 2 || !strings.Contains(s.Errs[0].Error(), "cases/sub: no case files") || !strings.Contains(s.Errs[1].Error(), "nowhere") {
		t.Errorf("errors %v", s.Errs)
	}
	write(t, "docs/README.md", "# docs\n")
	s = Collect([]string{"docs"}, Options{})
	if len(s.Errs) != 1 || !strings.Contains(s.Errs[0].Error(), "1 other .md file skipped") {
		t.Errorf("errors %v", s.Errs)
	}
}

func TestCollectStdin(t *testing.T) {
	s := Collect([]string{"-"}, Options{Stdin: []byte(caseFile("IN-1"))})
	if len(s.Files) != 1 || s.Files[0].Path != "-" || s.Files[0].Ref != "IN-1" || !s.Files[0].Explicit {
		t.Errorf("stdin: %+v", s.Files)
	}
	s = Collect([]string{"-", "-"}, Options{})
	if len(s.Errs) != 1 || len(s.Files) != 1 {
		t.Errorf("stdin twice: %v %v", s.Files, s.Errs)
	}
}

// TestCollectSymlinks: a link to a case file inside a folder is followed
// (once, however many links lead to it), a link to a folder is walked, a
// loop is not followed round, and a dangling link is an error naming it.
func TestCollectSymlinks(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, "store/real.md", caseFile("REAL-1"))
	write(t, "store/other.md", caseFile("OTHER-1"))
	write(t, "cases/own.md", caseFile("OWN-1"))
	for link, target := range map[string]string{
		"cases/link.md":      "../store/real.md",
		"cases/link2.md":     "../store/real.md",
		"cases/shared":       "../store",
		"cases/loop":         ".",
		"cases/store2/again": "..",
	} {
		if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	s := Collect([]string{"cases"}, Options{})
	if len(s.Errs) > 0 {
		t.Fatal(s.Errs)
	}
	if got := paths(s); !slices.Equal(got, []string{"cases/link.md", "cases/own.md", "cases/shared/other.md"}) {
		t.Errorf("files %v: want the link followed once, the linked folder walked, no loop", got)
	}
	if err := os.Symlink("../gone.md", "cases/dangling.md"); err != nil {
		t.Fatal(err)
	}
	s = Collect([]string{"cases"}, Options{})
	if len(s.Errs) != 1 || !strings.Contains(s.Errs[0].Error(), "cases/dangling.md") {
		t.Errorf("dangling link: %v", s.Errs)
	}
}

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"1/1": {1, 1}, "2/4": {2, 4}, " 3 / 7 ": {3, 7}} {
		if got, err := ParseShard(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	for _, in := range []string{"", "0/4", "5/4", "1/0", "a/b", "2", "-1/3", "1/2/3"} {
		if _, err := ParseShard(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

// TestShardsPartition: for 1,000 files and N = 1..7 shards, every file is
// in exactly one shard, so the union of the shards is the whole set; a
// case stays in its shard when other cases are added; no shard is empty
// or grossly uneven.
func TestShardsPartition(t *testing.T) {
	var files []Entry
	for i := 0; i < 1000; i++ {
		e := Entry{Path: fmt.Sprintf("cases/%04d.md", i), Ref: fmt.Sprintf("LA-2026-%04d", i)}
		if i%10 == 0 {
			e.Ref = "" // no readable reference: by path
		}
		files = append(files, e)
	}
	for n := 1; n <= 7; n++ {
		seen := map[string]int{}
		var union []string
		for k := 1; k <= n; k++ {
			part := Shard{K: k, N: n}.Take(files)
			if len(part) < 1000/n/2 {
				t.Errorf("N=%d: shard %d has %d files", n, k, len(part))
			}
			for _, e := range part {
				seen[e.Path]++
				union = append(union, e.Path)
			}
			if !slices.IsSortedFunc(part, func(a, b Entry) int { return strings.Compare(a.Path, b.Path) }) {
				t.Errorf("N=%d: shard %d is not in order", n, k)
			}
		}
		if len(union) != len(files) || len(seen) != len(files) {
			t.Errorf("N=%d: the shards hold %d files (%d distinct), want %d", n, len(union), len(seen), len(files))
		}
		for p, c := range seen {
			if c != 1 {
				t.Errorf("N=%d: %s is in %d shards", n, p, c)
			}
		}
		// Adding cases moves no existing case.
		more := append(append([]Entry(nil), files...), Entry{Path: "cases/new.md", Ref: "NEW-1"})
		for k := 1; k <= n; k++ {
			before := Shard{K: k, N: n}.Take(files)
			after := Shard{K: k, N: n}.Take(more)
			for _, e := range before {
				if !slices.Contains(after, e) {
					t.Errorf("N=%d: adding a case moved %s out of shard %d", n, e.Path, k)
				}
			}
		}
	}
	// The shard is a function of the reference, not the path: two files
	// with one reference (a clash build refuses) land together.
	a, b := Entry{Path: "x/a.md", Ref: "SAME"}, Entry{Path: "y/b.md", Ref: "SAME"}
	if Of(a.Key(), 7) != Of(b.Key(), 7) {
		t.Error("one case reference in two shards")
	}
}
