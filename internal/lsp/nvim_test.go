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
	nvim := neovim(t)
	dir := t.TempDir()
	bin := buildSendgen(t, dir)
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
	cmd.Env = append(nvimEnv(dir),
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

func neovim(t *testing.T) string {
	t.Helper()
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("nvim is required under CI=true (Debian: apt-get install neovim; .ci/run installs it)")
		}
		t.Skip("nvim not installed")
	}
	return nvim
}

// buildSendgen builds the real binary into dir.
func buildSendgen(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "sendgen")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/sendgen")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// nvimEnv keeps Neovim's own state (its LSP log) in the test's folder.
func nvimEnv(dir string) []string {
	return append(os.Environ(), "HOME="+dir, "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CACHE_HOME="+dir, "XDG_CONFIG_HOME="+dir)
}

// TestNeovimSetup runs the Neovim 0.7 set-up of docs/editors.md as it is
// written there, with sendgen on PATH: opening a case file attaches the
// server, its findings arrive, and a second file shares the server.
func TestNeovimSetup(t *testing.T) {
	nvim := neovim(t)
	dir := t.TempDir()
	buildSendgen(t, dir)
	doc, err := os.ReadFile("../../docs/editors.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "### Neovim 0.7")
	_, block, ok2 := strings.Cut(after, "```lua\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("docs/editors.md has no Lua block under ### Neovim 0.7")
	}
	initLua := filepath.Join(dir, "init.lua")
	if err := os.WriteFile(initLua, []byte(block), 0o644); err != nil {
		t.Fatal(err)
	}
	text := front + "\n# Requested provision\n\n- Zoë has regular sessions with a therapist.\n"
	for _, name := range []string{"a.md", "b.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script, _ := filepath.Abs("testdata/nvim_setup.lua")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", initLua, "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(nvimEnv(dir), "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"DOC="+filepath.Join(dir, "a.md"), "DOC2="+filepath.Join(dir, "b.md"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	t.Logf("nvim output:\n%s", stdout.String())
	if err != nil || strings.Contains(stdout.String(), "ERROR ") || !strings.Contains(stdout.String(), "CLIENTS 1") {
		t.Fatalf("nvim: %v\nstderr:\n%s", err, stderr.String())
	}
}
