package lsp

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestNeovim runs a real editor, headless Neovim (Debian's neovim, 0.7.2 on
// bookworm), against the built `sendgen lsp` on a case file with "Zoë" and
// an emoji before a finding: the diagnostic arrives at the right UTF-16
// column and Neovim underlines the right bytes, hover explains the rule and
// a date's statutory dates, the quick fix produces the expected line, and
// the edit clears the finding. It skips without nvim, except under CI=true.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("nvim is required under CI=true (Debian: apt-get install neovim; .ci/run installs it)")
		}
		t.Skip("nvim not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "sendgen")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/sendgen")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	script, err := filepath.Abs("testdata/nvim_check.lua")
	if err != nil {
		t.Fatal(err)
	}
	line := "- Zoë’s 😀 sessions should be provided for 30 minutes each week by an HCPC-registered Speech and Language Therapist."
	doc := filepath.Join(dir, "zoe.md")
	if err := os.WriteFile(doc, []byte(front+"\n# Requested provision\n\n## Section F\n\n"+line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	col := utf16Col(line, "should").Character // 20: ë, ’ one unit each, 😀 two
	if col != 20 {
		t.Fatalf("fixture: UTF-16 column %d", col)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Dir = dir
	// Neovim's own state (the LSP log) stays in the test's folder.
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CACHE_HOME="+dir, "XDG_CONFIG_HOME="+dir,
		"LSP_CMD="+bin+" lsp --today 2026-11-01", "DOC="+doc, "CODE=hedged-commitment",
		"WANT_COL="+strconv.Itoa(col), "WANT_TEXT=should", "WANT_LINE="+strings.Replace(line, "should", "will", 1))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	t.Logf("nvim output:\n%s", stdout.String())
	if err != nil || strings.Contains(stdout.String(), "\nERROR ") || strings.HasPrefix(stdout.String(), "ERROR ") {
		t.Fatalf("nvim: %v\nstderr:\n%s", err, stderr.String())
	}
	for _, tag := range []string{"DIAG ", "HOVER ", "HOVER_DATE true", "LINE ", "AFTER_EDIT "} {
		if !strings.Contains(stdout.String(), tag) {
			t.Errorf("no %q step in the output", tag)
		}
	}
}
