package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var determinismCases = []string{"full.md", "declined.md", "minimal.md", "breaks.md", "long-background.md"}

// hashes renders every document of the sample cases with a fresh Renderer
// and returns "file doc sha256" lines.
func hashes(t testing.TB) string {
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, name := range determinismCases {
		c := loadCase(t, name)
		for _, d := range Documents(c) {
			fmt.Fprintf(&b, "%s %s %x\n", name, d, sha256.Sum256(render(t, r, c, d)))
		}
	}
	return b.String()
}

// TestDeterministic: the same case renders to the same bytes twice in one
// process, and in other processes (where map iteration order, addresses and
// the time of day all differ).
func TestDeterministic(t *testing.T) {
	r := testRenderer(t)
	for _, name := range determinismCases {
		c := loadCase(t, name)
		for _, d := range Documents(c) {
			a, b := render(t, r, c, d), render(t, r, loadCase(t, name), d)
			if !bytes.Equal(a, b) {
				t.Errorf("%s %s: two renders differ", name, d)
			}
		}
	}
	if testing.Short() {
		return
	}
	want := hashes(t)
	for i := 0; i < 2; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDeterminismChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "SENDGEN_DETERMINISM_CHILD=1", fmt.Sprintf("GOMAXPROCS=%d", i+1))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child process: %v\n%s", err, out)
		}
		got := string(out)
		if i := strings.Index(got, "HASHES\n"); i >= 0 {
			got = got[i+len("HASHES\n"):]
		}
		if j := strings.Index(got, "END\n"); j >= 0 {
			got = got[:j]
		}
		if got != want {
			t.Errorf("process %d rendered different bytes:\n got %s\nwant %s", i+1, got, want)
		}
	}
}

// TestDeterminismChild is run by TestDeterministic in a separate process.
func TestDeterminismChild(t *testing.T) {
	if os.Getenv("SENDGEN_DETERMINISM_CHILD") == "" {
		t.Skip("run by TestDeterministic")
	}
	fmt.Print("HASHES\n" + hashes(t) + "END\n")
}

// TestGolden compares the extracted text of each document with
// testdata/golden (go test -run TestGolden -update rewrites them). The
// golden files make a change to a template or to layout visible in review.
func TestGolden(t *testing.T) {
	r := testRenderer(t)
	for _, name := range []string{"full.md", "declined.md", "minimal.md", "breaks.md"} {
		c := loadCase(t, name)
		for _, d := range Documents(c) {
			got := pdfText(t, render(t, r, c, d))
			p := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".md")+"-"+string(d)+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(p)
			if err != nil {
				t.Fatalf("%v (run go test ./render -run TestGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden text; if intended, rerun with -update\n--- got\n%s", p, got)
			}
		}
	}
}
