package report_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

// specKeys are the keys shared/spec/case-file.md promises in every object.
var specKeys = map[string]string{
	"path": "string", "line": "number", "column": "number", "end_line": "number",
	"end_column": "number", "rule": "string", "severity": "string", "message": "string",
}

func TestJSONContract(t *testing.T) {
	files := lintTestdata(t)
	out := render(t, "json", files)

	var raw []map[string]any
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatalf("JSON output is not one array of objects: %v", err)
	}
	if len(raw) == 0 {
		t.Fatal("no diagnostics")
	}
	for i, obj := range raw {
		for k, typ := range specKeys {
			v, ok := obj[k]
			if !ok {
				t.Errorf("diagnostic %d has no %q: %v", i, k, obj)
				continue
			}
			switch typ {
			case "string":
				if s, ok := v.(string); !ok || s == "" {
					t.Errorf("diagnostic %d: %q is %#v, want a non-empty string", i, k, v)
				}
			case "number":
				if n, ok := v.(float64); !ok || n < 1 || n != float64(int(n)) {
					t.Errorf("diagnostic %d: %q is %#v, want a positive integer", i, k, v)
				}
			}
		}
		if s := obj["severity"]; s != "error" && s != "warning" && s != "info" {
			t.Errorf("diagnostic %d: severity %v", i, s)
		}
		if r, _ := obj["rule"].(string); !slices.Contains(lint.RuleIDs, r) {
			t.Errorf("diagnostic %d: rule %q is not a spec rule id", i, r)
		}
	}

	// An empty run is an empty array, not null: consumers index into it.
	if got := strings.TrimSpace(string(render(t, "json", nil))); got != "[]" {
		t.Errorf("no findings: got %q, want []", got)
	}
	// Suggestions with HTML-ish characters stay readable.
	if bytes.Contains(out, []byte(`\u003c`)) || bytes.Contains(out, []byte(`\u0026`)) {
		t.Error("JSON escapes HTML characters")
	}
}

func TestJSONOrder(t *testing.T) {
	ds := decodeJSON(t, render(t, "json", lintTestdata(t)))
	for i := 1; i < len(ds); i++ {
		a, b := ds[i-1], ds[i]
		if a.Path > b.Path || (a.Path == b.Path && (a.Line > b.Line || (a.Line == b.Line && a.Column > b.Column))) {
			t.Errorf("diagnostics out of order: %s:%d:%d before %s:%d:%d", a.Path, a.Line, a.Column, b.Path, b.Line, b.Column)
		}
	}
}

func decodeJSON(t testing.TB, out []byte) []report.Diagnostic {
	t.Helper()
	var ds []report.Diagnostic
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ds); err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestJSONColumnsCountCharacters recomputes every line and column from the
// byte offsets, independently of casefile.Source.Pos: columns count Unicode
// characters (not bytes, not UTF-16 units), 1-based, and ignore a BOM.
func TestJSONColumnsCountCharacters(t *testing.T) {
	files := lintTestdata(t)
	src := map[string][]byte{}
	for _, f := range files {
		src[f.Path] = f.Source.Bytes
	}
	nonASCII := 0
	for _, d := range decodeJSON(t, render(t, "json", files)) {
		b := src[d.Path]
		if d.Offset < 0 || d.EndOffset < d.Offset || d.EndOffset > len(b) {
			t.Errorf("%s: offsets %d..%d out of range", d.Path, d.Offset, d.EndOffset)
			continue
		}
		l, c := runeColumn(b, d.Offset)
		el, ec := runeColumn(b, d.EndOffset)
		if l != d.Line || c != d.Column || el != d.EndLine || ec != d.EndColumn {
			t.Errorf("%s %s: reported %d:%d-%d:%d, offsets %d..%d are %d:%d-%d:%d",
				d.Path, d.Rule, d.Line, d.Column, d.EndLine, d.EndColumn, d.Offset, d.EndOffset, l, c, el, ec)
		}
		start := bytes.LastIndexByte(b[:d.Offset], '\n') + 1
		if c != d.Offset-start+1 && !bytes.HasPrefix(b[start:d.Offset], []byte("\xef\xbb\xbf")) {
			nonASCII++
		}
	}
	if nonASCII < 3 {
		t.Errorf("only %d diagnostics have non-ASCII text before them on their line; the test proves little", nonASCII)
	}
}

// TestJSONMatchIsTheMarkedText: the match text is exactly the characters
// [column-1, end_column-1) of the source line (CR of a CRLF excluded).
func TestJSONMatchIsTheMarkedText(t *testing.T) {
	e := engine(t)
	names, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	checked := 0
	for _, name := range names {
		name = filepath.ToSlash(name)
		t.Run(filepath.Base(name), func(t *testing.T) {
			f := lintFile(t, e, name)
			for _, d := range decodeJSON(t, render(t, "json", []report.File{f})) {
				if d.Line != d.EndLine || d.Match == "" {
					continue
				}
				line := []rune(f.Source.LineText(d.Line))
				if d.EndColumn-1 > len(line) || d.Column > d.EndColumn {
					t.Errorf("%s:%d:%d-%d %s: columns outside the %d-character line", d.Path, d.Line, d.Column, d.EndColumn, d.Rule, len(line))
					continue
				}
				checked++
				if got := string(line[d.Column-1 : d.EndColumn-1]); got != d.Match {
					t.Errorf("%s:%d:%d-%d %s: columns mark %q, match is %q", d.Path, d.Line, d.Column, d.EndColumn, d.Rule, got, d.Match)
				}
			}
		})
	}
	if checked < 10 {
		t.Errorf("only %d one-line diagnostics with a match were checked", checked)
	}
}

// TestPhraseSpanIsTheWords: a phrase finding marks the words, like its
// match. A configured pattern that consumes a separator ("e.g. ", before
// rules.yaml changed its own e.g. pattern to '\be\.g\b\.?') marks one
// character more than the match says.
func TestPhraseSpanIsTheWords(t *testing.T) {
	cfg := lint.DefaultConfig()
	r := cfg.Rules["vague-wording"]
	r.Phrases = append(r.Phrases, lint.Phrase{Pattern: `\bsomewhat\s`, Rationale: "r"})
	cfg.Rules["vague-wording"] = r
	e, err := lint.New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	src := []byte(header("- 30 minutes of somewhat weekly therapy with a speech and language therapist.\n"))
	c, err := casefile.Parse("x.md", src)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := e.Lint(c, lint.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range report.Diagnostics([]report.File{{Path: "x.md", Source: c.Source, Findings: fs}}) {
		if d.Rule == "vague-wording" && d.Match == "somewhat" {
			found = true
			if d.EndColumn-d.Column != len("somewhat") {
				t.Errorf("%q is marked over %d characters", d.Match, d.EndColumn-d.Column)
			}
		}
	}
	if !found {
		t.Error("the configured phrase did not fire")
	}
}

func header(body string) string {
	return "---\ncase: T-1\nchild:\n  name: Sam Test\nappellant:\n  name: Alex Test\n  role: parent\nlocal_authority: Test Council\ndecision:\n  type: plan-contents\n  date: 2026-10-20\n  sections: [F]\n---\n\n# Requested provision\n\n" + body
}

// TestResolveSurrogatePairs: a character outside the BMP counts once,
// which is also what SARIF's unicodeCodePoints column kind means.
func TestResolveSurrogatePairs(t *testing.T) {
	src := []byte("a😀b\r\n🧑‍🏫 x\n")
	s := casefile.NewSource("x.md", src)
	cases := []struct {
		off, line, col int
	}{
		{0, 1, 1}, {1, 1, 2}, {5, 1, 3}, {6, 1, 4}, // 'b' is after 4 bytes of emoji
		{8, 2, 1},                                 // after CRLF
		{8 + 4 + 3 + 4, 2, 4}, {8 + 11 + 1, 2, 5}, // ZWJ sequence is three code points
	}
	for _, c := range cases {
		d := report.Resolve("x.md", s, lint.Finding{Span: casefile.Span{Start: c.off, End: c.off}})
		if d.Line != c.line || d.Column != c.col {
			t.Errorf("offset %d: %d:%d, want %d:%d", c.off, d.Line, d.Column, c.line, c.col)
		}
	}
}
