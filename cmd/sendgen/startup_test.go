package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// initCost is one package's initialisation as GODEBUG=inittrace=1 reports
// it.
type initCost struct {
	pkg    string
	bytes  int
	allocs int
}

// startupInits runs this test binary (which links every package sendgen
// does) with GODEBUG=inittrace=1 and no test, and returns what each
// package's initialisation allocated. Bytes and allocations, unlike times,
// are the same on every run and machine.
func startupInits(t *testing.T) []initCost {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	var out []initCost
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		// init github.com/yuin/goldmark/util @0.91 ms, 0.010 ms clock, 1160 bytes, 9 allocs
		f := strings.Fields(sc.Text())
		if len(f) != 11 || f[0] != "init" || f[8] != "bytes," || f[10] != "allocs" {
			continue
		}
		b, err1 := strconv.Atoi(f[7])
		a, err2 := strconv.Atoi(f[9])
		if err1 != nil || err2 != nil {
			t.Fatalf("cannot read %q", sc.Text())
		}
		out = append(out, initCost{pkg: f[1], bytes: b, allocs: a})
	}
	if len(out) < 50 {
		t.Fatalf("only %d package initialisations reported:\n%s", len(out), stderr.String())
	}
	return out
}

// Start-up initialises nothing a command does not use (issue 16): every
// command, `sendgen --help` included, pays for every package's
// initialisation. Before this was fixed, initialisation allocated 2.0 MB in
// 147 packages and took 6 of `--help`'s 9 ms: regular expressions compiled
// by sendgen's own packages (lint 562 KB, casefile 176 KB, render 149 KB),
// goldmark's (extension 264 KB, util 139 KB, parser 110 KB; see
// third_party/goldmark), and pdfcpu, linked only for a maroto feature
// sendgen never uses (see third_party/maroto).
func TestStartupInitialisesLittle(t *testing.T) {
	const perPackage = 32 << 10
	total := 0
	var pdfcpu []string
	for _, c := range startupInits(t) {
		total += c.bytes
		switch {
		case c.pkg == "net/http":
			// With crypto/tls and 30-odd more, linked only by afero's
			// NewHttpFs, which nothing calls (third_party/afero).
			t.Errorf("net/http is initialised: is go.mod's replace of afero by third_party/afero in effect?")
		case c.pkg == "encoding/gob":
			// Linked only by gofpdf's template and image serialisation
			// (third_party/gofpdf, item 13).
			t.Errorf("encoding/gob is initialised: is go.mod's replace of gofpdf by third_party/gofpdf in effect, with its item 13?")
		case c.pkg == "html/template":
			// Linked only by five type cases of cast.ToStringE (third_party/cast).
			t.Errorf("html/template is initialised: is go.mod's replace of cast by third_party/cast in effect?")
		case strings.Contains(c.pkg, "/pdfcpu/"):
			pdfcpu = append(pdfcpu, c.pkg)
		case strings.HasPrefix(c.pkg, "github.com/yuin/goldmark"):
			if c.bytes > perPackage {
				t.Errorf("%s allocates %d bytes at start-up: is go.mod's replace of goldmark by third_party/goldmark in effect?", c.pkg, c.bytes)
			}
		case c.pkg == "go.yaml.in/yaml/v3":
			// 25 KB for its two expressions; third_party/yaml compiles
			// them on first use, leaving its tag tables (6 KB).
			if c.bytes > 12<<10 {
				t.Errorf("%s allocates %d bytes at start-up: is go.mod's replace of it by third_party/yaml in effect?", c.pkg, c.bytes)
			}
		case c.pkg == "github.com/spf13/cast":
			// 6.3 KB for one expression; third_party/cast compiles it on
			// first use.
			if c.bytes > 1<<10 {
				t.Errorf("%s allocates %d bytes at start-up: is go.mod's replace of it by third_party/cast in effect?", c.pkg, c.bytes)
			}
		case c.pkg == "github.com/subosito/gotenv" || c.pkg == "github.com/acarl005/stripansi":
			// Each compiled its expressions here (30 KB and 10 KB);
			// the copies under third_party/ compile them on first use.
			if c.bytes > 1<<10 { // sync.OnceValue's closures are a few hundred bytes
				t.Errorf("%s allocates %d bytes at start-up: is go.mod's replace of it by third_party/ in effect?", c.pkg, c.bytes)
			}
		case strings.HasPrefix(c.pkg, "github.com/sendgen/sendgen"):
			if c.bytes > perPackage {
				t.Errorf("%s allocates %d bytes at start-up: compile its expressions on first use (internal/lazyre) and build its tables lazily", c.pkg, c.bytes)
			}
		}
	}
	if len(pdfcpu) > 0 {
		t.Errorf("pdfcpu is linked (%s): go.mod's replace of maroto by third_party/maroto, which does not merge PDFs, is not in effect", strings.Join(pdfcpu, ", "))
	}
	t.Logf("package initialisation allocates %d bytes", total)
	if total > 512<<10 {
		t.Errorf("package initialisation allocates %d bytes in all (about 360 KB when this test was written)", total)
	}
}
