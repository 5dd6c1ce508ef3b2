package report_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

// ghLine is one workflow command as report.GitHub writes it. Property values
// may not contain a raw ',' or ':' (they are escaped), data may not contain
// a raw CR or LF.
var ghLine = regexp.MustCompile(`^::(error|warning|notice) file=([^,:\r\n]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:\r\n]*)::([^\r\n]*)$`)

// unescape reverses the workflow-command escaping of actions/toolkit
// (command.ts): %25 last so that "%253A" stays "%3A".
func unescape(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

func TestGitHubEscaping(t *testing.T) {
	path := "cases/Smith, J: 100%.md"
	src := []byte("- café access to it\n")
	f := report.File{Path: path, Source: casefile.NewSource(path, src), Findings: []lint.Finding{
		{Rule: "vague-wording", Severity: lint.Error, Span: casefile.Span{Start: 8, End: 17},
			Message: "it's 100% vague: a, b", Suggestion: "line one\nline two\r"},
		{Rule: "appeal-deadline", Severity: lint.Info, Span: casefile.Span{Start: 0, End: 1}, Message: "50%0A is literal"},
		{Rule: "missing-provider", Severity: lint.Warning, Span: casefile.Span{Start: 2, End: 19}, Message: "plain"},
	}}
	got := string(render(t, "github", []report.File{f}))
	want := "::error file=cases/Smith%2C J%3A 100%25.md,line=1,col=8,endLine=1,endColumn=17,title=sendgen vague-wording::it's 100%25 vague: a, b%0ASuggestion: line one%0Aline two%0D\n" +
		"::notice file=cases/Smith%2C J%3A 100%25.md,line=1,col=1,endLine=1,endColumn=2,title=sendgen appeal-deadline::50%250A is literal\n" +
		"::warning file=cases/Smith%2C J%3A 100%25.md,line=1,col=3,endLine=1,endColumn=19,title=sendgen missing-provider::plain\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// Round trip: what GitHub un-escapes is what we meant.
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	m := ghLine.FindStringSubmatch(lines[0])
	if m == nil {
		t.Fatalf("line does not parse: %q", lines[0])
	}
	if unescape(m[2]) != path {
		t.Errorf("file round-trips to %q", unescape(m[2]))
	}
	if msg := unescape(m[8]); msg != "it's 100% vague: a, b\nSuggestion: line one\nline two\r" {
		t.Errorf("message round-trips to %q", msg)
	}
	if m := ghLine.FindStringSubmatch(lines[1]); m == nil || unescape(m[8]) != "50%0A is literal" {
		t.Errorf("a literal %%0A must survive: %q", lines[1])
	}
}

// TestGitHubGoldenParses checks every line of the real-engine output
// against the command grammar and the JSON positions.
func TestGitHubGoldenParses(t *testing.T) {
	files := lintTestdata(t)
	ds := report.Diagnostics(files)
	lines := strings.Split(strings.TrimSuffix(string(render(t, "github", files)), "\n"), "\n")
	if len(lines) != len(ds) {
		t.Fatalf("%d lines for %d diagnostics: a raw newline leaked into a command?", len(lines), len(ds))
	}
	for i, l := range lines {
		m := ghLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("line %d does not parse as a workflow command: %q", i+1, l)
			continue
		}
		d := ds[i]
		level := map[string]string{"error": "error", "warning": "warning", "info": "notice"}[d.Severity]
		nums := []int{d.Line, d.Column, d.EndLine, d.EndColumn}
		for k, n := range nums {
			if v, _ := strconv.Atoi(m[3+k]); v != n {
				t.Errorf("line %d: position field %d is %d, want %d", i+1, k, v, n)
			}
		}
		if m[1] != level || unescape(m[2]) != d.Path || unescape(m[7]) != "sendgen "+d.Rule {
			t.Errorf("line %d: %q does not match %+v", i+1, l, d)
		}
		want := d.Message
		if d.Detail != "" {
			want += "\nWorking: " + d.Detail
		}
		if d.Suggestion != "" {
			want += "\nSuggestion: " + d.Suggestion
		}
		if unescape(m[8]) != want {
			t.Errorf("line %d: message %q, want %q", i+1, unescape(m[8]), want)
		}
	}
}
