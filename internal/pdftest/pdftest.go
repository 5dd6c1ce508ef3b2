// Package pdftest holds what tests of PDF output share: finding the
// external programs that read PDFs back (poppler-utils, qpdf), and handing
// them a document as a file.
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Tool returns the path of an external program (poppler-utils, qpdf).
// Tests that need one skip when it is absent, except under CI=true, where
// a missing tool is a failure: CI must run them.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI=true (Debian: apt-get install poppler-utils qpdf)", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// WriteTemp writes pdf to a file in the test's temporary folder and
// returns its path.
func WriteTemp(t testing.TB, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Run runs an external program (see Tool) and returns its standard output
// followed by its standard error (kept apart, so that a warning never lands
// inside extracted text), and whether it exited 0.
func Run(t testing.TB, name string, args ...string) (string, bool) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(Tool(t, name), args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return out.String() + errb.String(), err == nil
}
