package report_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

// TestStreamedJSONIsWholeJSON: json, sarif and codequality are written an
// element at a time; the bytes must be exactly what indenting the whole
// document at once gives, for the fixed input, the engine's output and an
// empty run.
func TestStreamedJSONIsWholeJSON(t *testing.T) {
	files, run := fixedInput(t)
	for _, format := range []string{"json", "sarif", "codequality"} {
		for name, out := range map[string][]byte{
			"fixed":  renderRun(t, format, run, files),
			"engine": render(t, format, lintTestdata(t)),
			"empty":  render(t, format, nil),
		} {
			var compact, again bytes.Buffer
			if err := json.Compact(&compact, out); err != nil {
				t.Fatalf("%s %s: not JSON: %v", format, name, err)
			}
			if err := json.Indent(&again, compact.Bytes(), "", "  "); err != nil {
				t.Fatal(err)
			}
			again.WriteByte('\n')
			if !bytes.Equal(again.Bytes(), out) {
				t.Errorf("%s %s: streamed output is not the indented whole:\n%s", format, name, lineDiff(again.String(), string(out)))
			}
		}
	}
}

// TestEveryFormatStreamsEveryFinding: each format carries each finding of
// the fixed input once, whatever its shape.
var textEntry = regexp.MustCompile(`(?m): (?:error|warning|info) ([a-z0-9,-]+): `)

func TestEveryFormatStreamsEveryFinding(t *testing.T) {
	files, run := fixedInput(t)
	n := len(inFileOrder(files))
	count := func(format string, out []byte) int {
		switch format {
		case "json", "codequality":
			var a []json.RawMessage
			if err := json.Unmarshal(out, &a); err != nil {
				t.Fatal(err)
			}
			return len(a)
		case "sarif":
			var d sarifDoc
			_ = json.Unmarshal(out, &d)
			return len(d.Runs[0].Results)
		case "rdjsonl", "github":
			return strings.Count(string(out), "\n")
		case "junit":
			var ts struct {
				Suites []struct {
					Cases []struct {
						Name string `xml:"name,attr"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			if err := xml.Unmarshal(out, &ts); err != nil {
				t.Fatal(err)
			}
			c := 0
			for _, s := range ts.Suites {
				for _, tc := range s.Cases {
					if tc.Name != "sendgen" { // a file without findings
						c++
					}
				}
			}
			return c
		case "checkstyle":
			var cs struct {
				Files []struct {
					Errors []struct {
						Line int `xml:"line,attr"`
					} `xml:"error"`
				} `xml:"file"`
			}
			if err := xml.Unmarshal(out, &cs); err != nil {
				t.Fatal(err)
			}
			c := 0
			for _, f := range cs.Files {
				c += len(f.Errors)
			}
			if len(cs.Files) != len(files) {
				t.Errorf("checkstyle: %d <file> elements for %d files", len(cs.Files), len(files))
			}
			return c
		case "text":
			// What one statement is missing is one entry naming its rules
			// ("missing-frequency,missing-duration"): one finding per rule.
			c := 0
			for _, m := range textEntry.FindAllStringSubmatch(string(out), -1) {
				c += strings.Count(m[1], ",") + 1
			}
			return c
		}
		t.Fatalf("no counter for format %s", format)
		return 0
	}
	for _, format := range report.Formats() {
		if got := count(format, renderRun(t, format, run, files)); got != n {
			t.Errorf("%s: %d findings written, want %d", format, got, n)
		}
	}
}

// TestRDJSONLColumnsAreBytes recomputes every rdjsonl position from the
// byte offsets, independently of casefile.Source.Pos: 1-based, UTF-8
// bytes since the start of the line (after a byte-order mark).
func TestRDJSONLColumnsAreBytes(t *testing.T) {
	src := []byte("a\U00010400b\n")
	f := report.File{Path: "x.md", Source: casefile.NewSource("x.md", src), Findings: []lint.Finding{
		{Rule: "vague-wording", Severity: lint.Error, Span: casefile.Span{Start: 5, End: 6}, Message: "b"}}}
	var d struct {
		Location struct {
			Range struct{ Start, End struct{ Line, Column int } }
		}
	}
	if err := json.Unmarshal(render(t, "rdjsonl", []report.File{f}), &d); err != nil {
		t.Fatal(err)
	}
	// reviewdog.proto's own example: in 'a𐐀b', b is column 6.
	if r := d.Location.Range; r.Start.Column != 6 || r.End.Column != 7 || r.Start.Line != 1 {
		t.Errorf("range %+v, want 1:6-1:7", r)
	}

	files := lintTestdata(t)
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Source.Bytes
	}
	sc := bufio.NewScanner(bytes.NewReader(render(t, "rdjsonl", files)))
	sc.Buffer(nil, 1<<20)
	diags := report.Diagnostics(files)
	i, multibyte := 0, 0
	for sc.Scan() {
		var rd struct {
			Message  string
			Location struct {
				Path  string
				Range struct{ Start, End struct{ Line, Column int } }
			}
			Severity string
			Code     struct{ Value string }
		}
		if err := json.Unmarshal(sc.Bytes(), &rd); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		d := diags[i]
		i++
		b := byPath[rd.Location.Path]
		for k, pos := range []struct{ Line, Column int }{rd.Location.Range.Start, rd.Location.Range.End} {
			off := []int{d.Offset, d.EndOffset}[k]
			line, col := byteColumn(b, off)
			if pos.Line != line || pos.Column != col {
				t.Errorf("%s %s: position %d is %d:%d, want %d:%d", d.Path, d.Rule, k, pos.Line, pos.Column, line, col)
			}
			if k == 0 && col != d.Column {
				multibyte++
			}
		}
		if rd.Code.Value != d.Rule || rd.Severity != strings.ToUpper(d.Severity) {
			t.Errorf("line %d: code %q severity %q, want %s %s", i, rd.Code.Value, rd.Severity, d.Rule, d.Severity)
		}
	}
	if i != len(diags) {
		t.Errorf("%d lines for %d diagnostics", i, len(diags))
	}
	if multibyte < 3 {
		t.Errorf("only %d findings have multi-byte characters before them; the test proves little", multibyte)
	}
}

func byteColumn(src []byte, off int) (line, col int) {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	line = bytes.Count(src[:off], []byte("\n")) + 1
	if start == 0 && bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	return line, off - start + 1
}

// TestFingerprints: the SARIF and Code Quality fingerprint of a finding is
// the same on every run and when lines move (a paragraph inserted above),
// differs when the marked text changes, and differs between two identical
// findings of one file.
func TestFingerprints(t *testing.T) {
	body := "- Access to speech therapy.\n- Access to speech therapy.\n"
	mk := func(prefix, body string) report.File {
		src := []byte(prefix + body)
		var fs []lint.Finding
		for off := 0; ; {
			i := bytes.Index(bytes.ToLower(src[off:]), []byte("access to"))
			if i < 0 {
				break
			}
			off += i
			fs = append(fs, lint.Finding{Rule: "vague-wording", Severity: lint.Error, Span: casefile.Span{Start: off, End: off + 9}, Message: "m"})
			off += 9
		}
		return report.File{Path: "cases/a.md", Source: casefile.NewSource("cases/a.md", src), Findings: fs}
	}
	prints := func(f report.File) []string {
		var out []string
		for _, format := range []string{"sarif", "codequality"} {
			b := render(t, format, []report.File{f})
			var sd sarifDoc
			var cq []struct{ Fingerprint string }
			if format == "sarif" {
				_ = json.Unmarshal(b, &sd)
				for _, r := range sd.Runs[0].Results {
					out = append(out, r.PartialFingerprints["primaryLocationLineHash"])
				}
			} else {
				_ = json.Unmarshal(b, &cq)
				for _, c := range cq {
					out = append(out, c.Fingerprint)
				}
			}
		}
		return out
	}
	a := prints(mk("", body))
	if len(a) != 4 || a[0] == a[1] || a[0] != a[2] || a[1] != a[3] {
		t.Fatalf("fingerprints %v: want two distinct ones, the same in SARIF and Code Quality", a)
	}
	if b := prints(mk("", body)); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("a second run gives %v, the first %v", b, a)
	}
	if b := prints(mk("# Background\n\nA new paragraph.\n\n", body)); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("lines moved: %v, was %v", b, a)
	}
	changed := prints(mk("", strings.Replace(body, "Access to", "Access To", 1)))
	if changed[0] == a[0] {
		t.Error("changing the marked words kept the fingerprint")
	}
	other := mk("", body)
	other.Path = "cases/b.md"
	if b := prints(other); b[0] == a[0] {
		t.Error("another file has the same fingerprint")
	}
}

// TestCodeQualityContract: GitLab needs description, check_name,
// fingerprint, severity and location.path with a line on every issue.
func TestCodeQualityContract(t *testing.T) {
	files, run := fixedInput(t)
	var issues []map[string]any
	if err := json.Unmarshal(renderRun(t, "codequality", run, files), &issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, is := range issues {
		for _, k := range []string{"description", "check_name", "fingerprint", "severity"} {
			if s, _ := is[k].(string); s == "" {
				t.Errorf("issue %d: no %s", i, k)
			}
		}
		if s := is["severity"]; s != "info" && s != "minor" && s != "major" {
			t.Errorf("issue %d: severity %v", i, s)
		}
		fp := is["fingerprint"].(string)
		if seen[fp] {
			t.Errorf("issue %d: fingerprint %s repeated", i, fp)
		}
		seen[fp] = true
		loc := is["location"].(map[string]any)
		begin := loc["positions"].(map[string]any)["begin"].(map[string]any)
		if p, _ := loc["path"].(string); p == "" || strings.HasPrefix(p, "/") || begin["line"].(float64) < 1 {
			t.Errorf("issue %d: location %v", i, loc)
		}
	}
}

// TestGitHubSummary: the job summary counts every finding by rule and by
// file (the annotations GitHub shows stop at ten), and caps the file table.
func TestGitHubSummary(t *testing.T) {
	var files []report.File
	src := []byte("- access to\n")
	for i := 0; i < 130; i++ {
		p := fmt.Sprintf("cases/c%03d.md", i)
		files = append(files, report.File{Path: p, Source: casefile.NewSource(p, src), Findings: []lint.Finding{
			{Rule: "vague-wording", Severity: lint.Error, Span: casefile.Span{Start: 2, End: 11}, Message: "m"},
			{Rule: "missing-provider", Severity: lint.Warning, Span: casefile.Span{Start: 2, End: 11}, Message: "m"}}})
	}
	var sum, out bytes.Buffer
	run := engineRun(t)
	run.StepSummary = &sum
	w, _ := report.New("github", &out, run)
	if err := report.WriteAll(w, files); err != nil {
		t.Fatal(err)
	}
	s := sum.String()
	for _, want := range []string{"130 files: 130 errors, 130 warnings, 0 info", "#vague-wording) | 130 | 0 | 0 |",
		"#missing-provider) | 0 | 130 | 0 |", "| cases/c000.md | 1 | 1 | 0 |", "… and 30 more files with findings"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "c100.md") {
		t.Error("the file table is not capped")
	}
	if strings.Count(out.String(), "\n") != 260 {
		t.Error("not every annotation was written")
	}
	// Without a summary writer nothing is collected or written.
	out.Reset()
	w, _ = report.New("github", &out, engineRun(t))
	if err := report.WriteAll(w, files[:1]); err != nil {
		t.Fatal(err)
	}
}

func TestTotals(t *testing.T) {
	tests := []struct {
		t    report.Totals
		want string
	}{
		{report.Totals{Files: 1, Infos: 1}, "1 file: 0 errors, 0 warnings, 1 info"},
		{report.Totals{Files: 200, Errors: 3, Warnings: 10, Documents: &report.Documents{Written: 440, HeldBack: 2}},
			"200 files: 3 errors, 10 warnings, 0 info; 440 PDFs written, 2 held back"},
		{report.Totals{Files: 2, Errors: 1, Warnings: 1, Unreadable: 1, Documents: &report.Documents{Written: 1}},
			"2 files: 1 error, 1 warning, 0 info; 1 file could not be checked; 1 PDF written, 0 held back"},
	}
	for _, tt := range tests {
		if got := tt.t.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// failWriter fails after n bytes, like a full disk.
type failWriter struct{ n int }

var errFull = errors.New("no space left on device")

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return 0, errFull
	}
	f.n -= len(p)
	return len(p), nil
}

// TestWriteErrorsReachTheCaller: every format reports a failing writer.
func TestWriteErrorsReachTheCaller(t *testing.T) {
	files, run := fixedInput(t)
	for _, format := range report.Formats() {
		for _, n := range []int{0, 100, 5000} {
			w, err := report.New(format, &failWriter{n: n}, run)
			if err != nil {
				t.Fatal(err)
			}
			if err := report.WriteAll(w, files); !errors.Is(err, errFull) {
				t.Errorf("%s failing after %d bytes: error %v", format, n, err)
			}
		}
	}
}

// TestRulesDoc keeps docs/rules.md, the page every helpUri points into,
// equal to what the rules say (`go test ./report -update` rewrites it).
func TestRulesDoc(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Lint rules\n\n<!-- Generated from rules.yaml by `go test ./report -update` (TestRulesDoc); do not edit. -->\n\n")
	b.WriteString("Each rule as `sendgen explain RULE` prints it. SARIF reports link here (`helpUri`). The identifiers\nare a contract: see [case-file.md](case-file.md#lint-rule-identifiers).\n")
	for _, r := range engine(t).Rules() {
		fmt.Fprintf(&b, "\n## %s\n\n%s", r.ID, report.RuleHelpMarkdown(r))
	}
	checkGolden(t, filepath.Join("..", "docs", "rules.md"), []byte(b.String()))
	got, _ := os.ReadFile(filepath.Join("..", "docs", "rules.md"))
	for _, id := range lint.RuleIDs {
		if !bytes.Contains(got, []byte("\n## "+id+"\n")) {
			t.Errorf("docs/rules.md has no section for %s, the anchor report.RuleURL links to", id)
		}
	}
	if !utf8.Valid(got) {
		t.Error("docs/rules.md is not UTF-8")
	}
}
