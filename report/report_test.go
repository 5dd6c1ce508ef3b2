package report_test

// Golden tests for the writers, in the golangci-lint model: every format's
// output for one fixed input, testdata/in-findings.json (files, their
// sources and findings with byte spans, and the rules a run describes), is
// compared with testdata/golden-<format>.txt. The findings are fixed, not
// produced by the rules, so changing a rule's wording moves no golden here;
// the CLI's testscript files keep the end-to-end goldens. Run
// `go test ./report -update` to rewrite the golden files after an intended
// change, and review the diff.
//
// The property tests (positions, underlines, the JSON contract) run the
// real engine over testdata/*.md instead: they check what is true of every
// output, not one output.

import (
	"github.com/mattn/go-runewidth"

	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

var update = flag.Bool("update", false, "rewrite testdata/golden-*.txt from the current output")

// today pins the date-dependent rules (appeal-deadline) so the property
// tests do not change with the calendar.
var today = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func engine(t testing.TB) *lint.Engine {
	t.Helper()
	e, err := lint.New(lint.DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// lintTestdata lints every testdata/*.md in name order.
func lintTestdata(t testing.TB) []report.File {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no testdata/*.md case files")
	}
	slices.Sort(names)
	e := engine(t)
	var files []report.File
	for _, name := range names {
		files = append(files, lintFile(t, e, filepath.ToSlash(name)))
	}
	return files
}

func lintFile(t testing.TB, e *lint.Engine, path string) report.File {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.Parse(path, src)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	fs, err := e.Lint(c, lint.Options{Today: today})
	if err != nil {
		t.Fatalf("lint %s: %v", path, err)
	}
	return report.File{Path: path, Source: c.Source, Findings: fs}
}

// engineRun describes the engine's rules the way the CLI does.
func engineRun(t testing.TB) report.Run {
	return report.Run{Tool: report.Tool{Name: "sendgen", Version: "1.2.3", InformationURI: report.Home}, Rules: engine(t).Rules()}
}

// input is testdata/in-findings.json.
type input struct {
	Rules []struct {
		ID, Severity, Summary, Scope, Rationale, Law, Bad, Good, Suggestion string
	} `json:"rules"`
	Files []struct {
		Path     string  `json:"path"`
		Source   *string `json:"source"`
		Findings []struct {
			Rule, Severity, Message, Suggestion, Match string
			Start, End                                 int
		} `json:"findings"`
	} `json:"files"`
}

// fixedInput loads the golden input: the files and the run that describes
// its rules.
func fixedInput(t testing.TB) ([]report.File, report.Run) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "in-findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var in input
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var raw struct {
		Comment string `json:"comment"`
		input
	}
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("testdata/in-findings.json: %v", err)
	}
	in = raw.input
	run := report.Run{Tool: report.Tool{Name: "sendgen", Version: "1.2.3", InformationURI: report.Home},
		Title: "sendgen lint", AutomationID: "sendgen/shard-2-of-3/"}
	for _, r := range in.Rules {
		sev, err := lint.ParseSeverity(r.Severity)
		if err != nil {
			t.Fatal(err)
		}
		run.Rules = append(run.Rules, lint.RuleInfo{ID: r.ID, Severity: sev, Summary: r.Summary, Scope: r.Scope,
			Rationale: r.Rationale, Law: r.Law, Bad: r.Bad, Good: r.Good, Suggestion: r.Suggestion})
	}
	var files []report.File
	for _, f := range in.Files {
		var src []byte
		if f.Source != nil {
			src = []byte(*f.Source)
		} else if src, err = os.ReadFile(filepath.FromSlash(f.Path)); err != nil {
			t.Fatal(err)
		}
		rf := report.File{Path: f.Path, Source: casefile.NewSource(f.Path, src)}
		for _, fd := range f.Findings {
			sev, err := lint.ParseSeverity(fd.Severity)
			if err != nil {
				t.Fatal(err)
			}
			if fd.Start < 0 || fd.End < fd.Start || fd.End > len(src) {
				t.Fatalf("%s: span %d..%d outside the %d-byte source", f.Path, fd.Start, fd.End, len(src))
			}
			rf.Findings = append(rf.Findings, lint.Finding{Rule: fd.Rule, Severity: sev, Span: casefile.Span{Start: fd.Start, End: fd.End},
				Message: fd.Message, Suggestion: fd.Suggestion, Match: fd.Match})
		}
		files = append(files, rf)
	}
	return files, run
}

// render writes files in one format ("text-color" is text with colour)
// with a run that describes the engine's rules.
func render(t testing.TB, format string, files []report.File) []byte {
	t.Helper()
	return renderRun(t, format, engineRun(t), files)
}

func renderRun(t testing.TB, format string, run report.Run, files []report.File) []byte {
	t.Helper()
	if format == "text-color" {
		format, run.Color = "text", true
	}
	var buf bytes.Buffer
	w, err := report.New(format, &buf, run)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.WriteAll(w, files); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// goldenFormats is every registered format, text also in colour, and the
// github job summary.
func goldenFormats() []string {
	return append(report.Formats(), "text-color", "github-summary")
}

func TestGolden(t *testing.T) {
	files, run := fixedInput(t)
	for _, format := range goldenFormats() {
		t.Run(format, func(t *testing.T) {
			var got []byte
			if format == "github-summary" {
				var sum bytes.Buffer
				r := run
				r.StepSummary = &sum
				renderRun(t, "github", r, files)
				got = sum.Bytes()
			} else {
				got = renderRun(t, format, run, files)
			}
			checkGolden(t, filepath.Join("testdata", "golden-"+format+".txt"), got)
		})
	}
}

// TestEveryFormatHasAGolden: adding a format to the registry without a
// golden file fails here, not silently.
func TestEveryFormatHasAGolden(t *testing.T) {
	for _, f := range report.Registry() {
		if f.Description == "" {
			t.Errorf("format %s has no description for the help", f.Name)
		}
		if _, err := os.Stat(filepath.Join("testdata", "golden-"+f.Name+".txt")); err != nil && !*update {
			t.Errorf("format %s: %v", f.Name, err)
		}
	}
	if _, err := report.New("yaml", &bytes.Buffer{}, report.Run{}); err == nil || !strings.Contains(err.Error(), "rdjsonl") {
		t.Errorf("unknown format: %v, want an error listing the formats", err)
	}
}

func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run `go test ./report -update` to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run `go test ./report -update` and review the diff):\n%s", golden, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first differing lines, enough to see what changed.
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(wl), len(gl)) && shown < 10; i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			shown++
			b.WriteString("line " + itoa(i+1) + ":\n  want: " + strconv.Quote(w) + "\n  got:  " + strconv.Quote(g) + "\n")
		}
	}
	return b.String()
}

func TestGoldenCoversEdgeCases(t *testing.T) {
	// The golden files are only worth having if the inputs exercise the
	// position edge cases: guard against someone "simplifying" testdata.
	all := map[string][]byte{}
	names, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		all[filepath.Base(n)] = b
	}
	has := func(what string, f func([]byte) bool) {
		for _, b := range all {
			if f(b) {
				return
			}
		}
		t.Errorf("no testdata case file has %s", what)
	}
	has("CRLF line endings", func(b []byte) bool { return bytes.Contains(b, []byte("\r\n")) })
	has("a tab", func(b []byte) bool { return bytes.Contains(b, []byte("\t")) })
	has("an emoji outside the BMP", func(b []byte) bool {
		for _, r := range string(b) {
			if r >= 0x10000 {
				return true
			}
		}
		return false
	})
	has("a UTF-8 byte-order mark", func(b []byte) bool { return bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) })

	// And each of those must actually carry a finding after the special
	// characters on the same line, or the columns are not being tested.
	text := string(render(t, "json", lintTestdata(t)))
	for _, want := range []string{`"path": "testdata/crlf.md"`, `"path": "testdata/unicode.md"`, `"path": "testdata/bom.md"`} {
		if !strings.Contains(text, want) {
			t.Errorf("JSON output has no finding for %s", want)
		}
	}
}

func TestTextColour(t *testing.T) {
	files := lintTestdata(t)
	plain := render(t, "text", files)
	if bytes.Contains(plain, []byte("\x1b[")) {
		t.Error("Text{Color: false} wrote an escape sequence")
	}
	col := render(t, "text-color", files)
	for _, code := range []string{"\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m"} {
		if !bytes.Contains(col, []byte(code)) {
			t.Errorf("Text{Color: true} has no %q", code)
		}
	}
	// Stripping the colour must give the plain output back, byte for byte.
	stripped := stripANSI(string(col))
	if stripped != string(plain) {
		t.Errorf("colour output minus escapes differs from plain output:\n%s", lineDiff(string(plain), stripped))
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestTextUnderline(t *testing.T) {
	// Every underline must start under the first character of the finding
	// and be as long as the finding (tabs are echoed as four spaces).
	files := lintTestdata(t)
	out := strings.Split(string(render(t, "text", files)), "\n")
	ds := report.Diagnostics(files)
	seen := 0
	for i := 0; i+2 < len(out); i++ {
		if !strings.HasPrefix(out[i+2], "  ") || !strings.Contains(out[i+2], "^") || strings.HasPrefix(out[i], " ") {
			continue
		}
		src := []rune(strings.TrimPrefix(out[i+1], "  "))
		ul := []rune(strings.TrimPrefix(out[i+2], "  "))
		start := slices.Index(ul, '^')
		n := 1
		for start+n < len(ul) && ul[start+n] == '~' {
			n++
		}
		// The header names path:line:col; find the diagnostic.
		var d *report.Diagnostic
		for k := range ds {
			// A grouped entry names its rules "missing-frequency,missing-duration".
			h := ds[k].Path + ":" + itoa(ds[k].Line) + ":" + itoa(ds[k].Column) + ": " + ds[k].Severity + " " + ds[k].Rule
			if strings.HasPrefix(out[i], h+":") || strings.HasPrefix(out[i], h+",") {
				d = &ds[k]
				break
			}
		}
		if d == nil {
			t.Errorf("no diagnostic for header %q", out[i])
			continue
		}
		// Wide characters (emoji, CJK) before the finding are the subject of
		// TestTextUnderlineWideCharacters; here only one-cell characters.
		if hasWide([]rune(lineOf(t, files, d.Path, d.Line))[:d.Column-1]) {
			continue
		}
		seen++
		line := []rune(expand(lineOf(t, files, d.Path, d.Line)))
		if string(src) != string(line) {
			t.Errorf("%s:%d: echoed line %q, want %q", d.Path, d.Line, string(src), string(line))
			continue
		}
		// Map the character columns to display columns in the tab-expanded line.
		raw := []rune(lineOf(t, files, d.Path, d.Line))
		disp := func(col int) int {
			w := 0
			for _, r := range raw[:min(col-1, len(raw))] {
				if r == '\t' {
					w += 4
				} else {
					w += runewidth.RuneWidth(r)
				}
			}
			return w
		}
		if start != disp(d.Column) {
			t.Errorf("%s:%d:%d %s: underline starts at %d, want %d", d.Path, d.Line, d.Column, d.Rule, start, disp(d.Column))
		}
		if d.EndLine == d.Line && d.EndColumn > d.Column {
			if want := disp(d.EndColumn) - disp(d.Column); n != want {
				t.Errorf("%s:%d:%d %s: underline is %d wide, want %d", d.Path, d.Line, d.Column, d.Rule, n, want)
			}
		}
	}
	if seen < 10 {
		t.Errorf("checked only %d underlines", seen)
	}
}

// hasWide reports a character a terminal does not print one cell wide:
// the main East Asian wide blocks, emoji, and zero-width joiners.
func hasWide(rs []rune) bool {
	for _, r := range rs {
		switch {
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
			r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
			r >= 0xFFE0 && r <= 0xFFE6, r >= 0x1F000, r == 0x200D, r >= 0xFE00 && r <= 0xFE0F:
			return true
		}
	}
	return false
}

func expand(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

func lineOf(t testing.TB, files []report.File, path string, line int) string {
	t.Helper()
	for _, f := range files {
		if f.Path == path {
			return f.Source.LineText(line)
		}
	}
	t.Fatalf("no file %s", path)
	return ""
}

// TestTextUnderlineWideCharacters: an emoji or a CJK character takes two
// cells in a terminal, so an underline after one must be shifted by two.
func TestTextUnderlineWideCharacters(t *testing.T) {
	src := []byte("- 😀😀 regular speech therapy.\n")
	off := bytes.Index(src, []byte("regular"))
	f := report.File{Path: "wide.md", Source: casefile.NewSource("wide.md", src), Findings: []lint.Finding{{Rule: "vague-wording", Severity: lint.Error,
		Span: casefile.Span{Start: off, End: off + len("regular")}, Message: "m"}}}
	out := strings.Split(string(render(t, "text", []report.File{f})), "\n")
	// "  - 😀😀 regular": indent 2, "- " 2, two emoji 2 cells each, a space.
	const want = 2 + 2 + 4 + 1
	if got := strings.Index(out[2], "^"); got != want {
		t.Errorf("caret at display cell %d, want %d:\n%s\n%s", got, want, out[1], out[2])
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// runeColumn computes the 1-based character column of a byte offset
// independently of casefile.Source.Pos: count runes since the last '\n',
// not counting a byte-order mark at the start of the file.
func runeColumn(src []byte, off int) (line, col int) {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	line = bytes.Count(src[:off], []byte("\n")) + 1
	seg := src[start:off]
	if start == 0 {
		seg = bytes.TrimPrefix(seg, []byte("\xef\xbb\xbf"))
	}
	return line, utf8.RuneCount(seg) + 1
}

// TestTextSanitisesControls: an escape sequence in a case file is echoed
// as U+FFFD, never raw to the terminal, and the underline still lines up.
func TestTextSanitisesControls(t *testing.T) {
	src := []byte("- \x1b]0;owned\x07\x1b[2J access to\n")
	f := report.File{Path: "a\x1b[31m.md", Source: casefile.NewSource("a.md", src), Findings: []lint.Finding{
		{Rule: "vague-wording", Severity: lint.Error, Span: casefile.Span{Start: 17, End: 26}, Message: "m \u009b1m", Suggestion: "s\x1b"}}}
	out := string(render(t, "text", []report.File{f}))
	if strings.ContainsAny(out, "\x1b\x07\u009b") {
		t.Fatalf("control characters reached the output: %q", out)
	}
	lines := strings.Split(out, "\n")
	col := func(s, sub string) int { return utf8.RuneCountInString(s[:strings.Index(s, sub)]) }
	if len(lines) < 3 || col(lines[1], "access") != col(lines[2], "^") {
		t.Errorf("underline does not line up:\n%s", out)
	}
}
