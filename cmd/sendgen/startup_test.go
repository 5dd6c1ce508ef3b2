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

// unlinked are packages a third_party copy keeps out of sendgen, with the
// copy that does: each was linked only for something sendgen never calls.
var unlinked = map[string]string{
	"net/http":      "afero",  // and crypto/tls with 30-odd more, for afero.NewHttpFs
	"html/template": "cast",   // for five type cases of cast.ToStringE
	"encoding/gob":  "gofpdf", // for template and image serialisation (its item 13)
}

// smallInit are packages whose copy under third_party/ compiles their
// expressions on first use, with what their initialisation may still
// allocate (upstream's, in brackets).
var smallInit = map[string]int{
	"github.com/subosito/gotenv":    1 << 10,  // (30 KB) sync.OnceValue's closures
	"github.com/acarl005/stripansi": 1 << 10,  // (10 KB)
	"github.com/spf13/cast":         1 << 10,  // (6.3 KB)
	"go.yaml.in/yaml/v3":            12 << 10, // (25 KB) its tag tables stay: 6 KB
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
		limit, small := smallInit[c.pkg]
		switch copyName, gone := unlinked[c.pkg]; {
		case gone:
			t.Errorf("%s is initialised: is go.mod's replace of %s by third_party/%s in effect?", c.pkg, copyName, copyName)
		case small:
			if c.bytes > limit {
				t.Errorf("%s allocates %d bytes at start-up: is go.mod's replace of it by third_party/ in effect?", c.pkg, c.bytes)
			}
		case strings.Contains(c.pkg, "/pdfcpu/"):
			pdfcpu = append(pdfcpu, c.pkg)
		case strings.HasPrefix(c.pkg, "github.com/yuin/goldmark"):
			if c.bytes > perPackage {
				t.Errorf("%s allocates %d bytes at start-up: is go.mod's replace of goldmark by third_party/goldmark in effect?", c.pkg, c.bytes)
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
