// Package report writes lint findings in the formats people and machines
// read: text for a terminal, JSON (the contract of shared/spec/case-file.md),
// SARIF for code scanning, GitHub workflow commands, JUnit XML, checkstyle
// XML, GitLab Code Quality and reviewdog's rdjsonl. One writer per format
// (one file each, in the golangci-lint model), registered in one table;
// positions all come from casefile.Source.Pos, so every format agrees.
//
// Writers stream: Begin, then File once per checked file as it completes,
// then End. Nothing is held across files except counts, so a run over ten
// thousand case files writes its reports in flat memory, and one run can
// feed several writers (a text report on stdout, SARIF and JUnit to files).
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
)

// File is one checked file's findings with its source for positions.
type File struct {
	// Path is the file as the user named it (text and JSON show it).
	Path string
	// RepoPath is Path relative to the repository root, slash-separated:
	// what code scanning, annotations and merge-request widgets resolve
	// against. Empty means Path.
	RepoPath string
	Source   *casefile.Source
	Findings []lint.Finding
	// Config lists the configuration files (.sendgen.yaml) that applied to
	// the file, nearest last; empty when only the built-in rules did.
	Config []string
}

// repoPath is RepoPath, or Path with forward slashes.
func (f File) repoPath() string {
	if f.RepoPath != "" {
		return f.RepoPath
	}
	return strings.ReplaceAll(strings.TrimPrefix(f.Path, "./"), `\`, "/")
}

// Diagnostic is a finding with its positions resolved, as it appears in
// JSON. Columns count Unicode characters, 1-based; the end is exclusive
// (the column just after the last character).
type Diagnostic struct {
	Path       string `json:"path"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	EndLine    int    `json:"end_line"`
	EndColumn  int    `json:"end_column"`
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
	// Detail is the working behind the message (a date's computation).
	Detail string `json:"detail,omitempty"`
	Match  string `json:"match,omitempty"`
	// Offset and EndOffset are byte offsets, for tools that patch bytes.
	Offset    int `json:"offset"`
	EndOffset int `json:"end_offset"`
	// Config lists the configuration files that applied to the file, when
	// any did besides the built-in rules: a rule switched off three
	// folders up must never be a surprise.
	Config []string `json:"config,omitempty"`
}

// Resolve turns a finding into a diagnostic.
func Resolve(path string, src *casefile.Source, f lint.Finding) Diagnostic {
	s, e := src.Pos(f.Span.Start), src.Pos(f.Span.End)
	return Diagnostic{Path: path, Line: s.Line, Column: s.Column, EndLine: e.Line, EndColumn: e.Column,
		Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message, Suggestion: f.Suggestion, Detail: f.Detail,
		Match: f.Match, Offset: f.Span.Start, EndOffset: f.Span.End}
}

// level names the severity for formats that say "error" and "warning" but
// have their own word for information ("notice" in GitHub, "note" in SARIF).
func (d Diagnostic) level(info string) string {
	if d.Severity == "error" || d.Severity == "warning" {
		return d.Severity
	}
	return info
}

// messageWithSuggestion is the message, then the working and the
// suggestion, each after sep: the machine formats keep everything a finding
// says, the working included.
func (d Diagnostic) messageWithSuggestion(sep string) string {
	msg := d.Message
	if d.Detail != "" {
		msg += sep + "Working: " + d.Detail
	}
	if d.Suggestion != "" {
		msg += sep + "Suggestion: " + d.Suggestion
	}
	return msg
}

// Diagnostics resolves every finding of every file, in file then position
// order. It holds them all: for tests and small runs; writers stream.
func Diagnostics(files []File) []Diagnostic {
	out := []Diagnostic{}
	sorted := append([]File(nil), files...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	for _, f := range sorted {
		for _, fd := range f.Findings {
			out = append(out, Resolve(f.Path, f.Source, fd))
		}
	}
	return out
}

// Tool identifies the program in the reports that name it (SARIF's driver,
// reviewdog's source).
type Tool struct {
	Name           string
	Version        string // "" leaves it out
	InformationURI string
}

// Home is sendgen's home page, the SARIF informationUri.
const Home = "https://github.com/sendgen/sendgen"

// RuleURL is the page that explains a rule: its section of docs/rules.md,
// which is generated from the same text as `sendgen explain`.
func RuleURL(id string) string { return Home + "/blob/main/docs/rules.md#" + id }

// Run is what a writer knows of the run besides the files.
type Run struct {
	Tool Tool
	// Rules describes every rule, in the order of the spec (SARIF's
	// driver.rules). A finding of a rule not listed is still written.
	Rules []lint.RuleInfo
	// Color paints the text format.
	Color bool
	// Verbose adds each finding's working to the text format.
	Verbose bool
	// Title names the run in summaries ("sendgen lint, shard 2 of 4").
	Title string
	// AutomationID is SARIF's runAutomationDetails.id; code scanning takes
	// everything up to its last '/' as the analysis category, so each
	// shard of a matrix needs its own ("sendgen/shard-2-of-4/").
	AutomationID string
	// StepSummary receives the github format's job summary (Markdown
	// appended to $GITHUB_STEP_SUMMARY); nil writes none.
	StepSummary io.Writer
}

// Totals are a run's counts, written at the end of a report.
type Totals struct {
	Files                   int // case files checked
	Errors, Warnings, Infos int
	// Unreadable counts files that could not be checked at all (binary,
	// too large, broken configuration).
	Unreadable int
	// Documents are build's PDFs; nil for lint.
	Documents *Documents
	// Config counts, per configuration file that applied, the files it
	// applied to.
	Config map[string]int
}

// AddConfig counts the configuration files that applied to one file.
func (t *Totals) AddConfig(files []string) {
	for _, c := range files {
		if t.Config == nil {
			t.Config = map[string]int{}
		}
		t.Config[c]++
	}
}

// ConfigLine says which configuration files applied ("configuration:
// cases/.sendgen.yaml (3 files)"), or "" when only the built-in rules did.
func (t Totals) ConfigLine() string {
	if len(t.Config) == 0 {
		return ""
	}
	names := make([]string, 0, len(t.Config))
	for n := range t.Config {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s (%d %s)", n, t.Config[n], plural(t.Config[n], "file"))
	}
	return "configuration: " + strings.Join(parts, ", ")
}

// Documents counts the PDFs of a build.
type Documents struct{ Written, HeldBack int }

// Count adds a file's findings.
func (t *Totals) Count(fs []lint.Finding) {
	for _, f := range fs {
		switch f.Severity {
		case lint.Error:
			t.Errors++
		case lint.Warning:
			t.Warnings++
		default:
			t.Infos++
		}
	}
}

// String is the grand total: "200 files: 3 errors, 10 warnings, 0 info;
// 440 PDFs written, 2 held back".
func (t Totals) String() string {
	s := fmt.Sprintf("%d %s: %d %s, %d %s, %d info", t.Files, plural(t.Files, "file"),
		t.Errors, plural(t.Errors, "error"), t.Warnings, plural(t.Warnings, "warning"), t.Infos)
	if t.Unreadable > 0 {
		s += fmt.Sprintf("; %d %s could not be checked", t.Unreadable, plural(t.Unreadable, "file"))
	}
	if d := t.Documents; d != nil {
		s += fmt.Sprintf("; %d %s written, %d held back", d.Written, plural(d.Written, "PDF"), d.HeldBack)
	}
	return s
}

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}

// Writer writes one report, a file at a time.
type Writer interface {
	// Begin writes what comes before the first file (a header, the rules).
	Begin() error
	// File writes one file's findings. Files come in the order of the run.
	File(File) error
	// End finishes the report (closes arrays and elements, writes totals).
	End(Totals) error
}

// Format is one output format of the registry.
type Format struct {
	Name        string
	Description string
	New         func(w io.Writer, run Run) Writer
}

// registry is every format, in the order the help lists them.
var registry = []Format{
	{"text", "for people: each finding with its line and the words underlined", func(w io.Writer, r Run) Writer { return &Text{W: w, Color: r.Color, Verbose: r.Verbose} }},
	{"json", "one array of diagnostics (shared/spec/case-file.md)", func(w io.Writer, r Run) Writer { return &JSON{W: w} }},
	{"sarif", "SARIF 2.1.0 for GitHub code scanning and SARIF viewers", func(w io.Writer, r Run) Writer { return &SARIF{W: w, Run: r} }},
	{"github", "GitHub Actions annotations, and a job summary", func(w io.Writer, r Run) Writer { return &GitHub{W: w, Run: r} }},
	{"junit", "JUnit XML for test report tabs (GitLab, Jenkins, Azure)", func(w io.Writer, r Run) Writer { return &JUnit{W: w} }},
	{"checkstyle", "checkstyle XML (Jenkins, reviewdog -f=checkstyle)", func(w io.Writer, r Run) Writer { return &Checkstyle{W: w} }},
	{"codequality", "GitLab Code Quality (CodeClimate) JSON for merge requests", func(w io.Writer, r Run) Writer { return &CodeQuality{W: w} }},
	{"rdjsonl", "reviewdog diagnostics, one JSON object a line", func(w io.Writer, r Run) Writer { return &RDJSONL{W: w, Run: r} }},
}

// Formats are the names New accepts, in the order of the help.
func Formats() []string {
	out := make([]string, len(registry))
	for i, f := range registry {
		out[i] = f.Name
	}
	return out
}

// Registry lists every format with what it is for.
func Registry() []Format { return append([]Format(nil), registry...) }

// New returns the writer for a format name, writing to w.
func New(format string, w io.Writer, run Run) (Writer, error) {
	for _, f := range registry {
		if f.Name == format {
			return f.New(w, run), nil
		}
	}
	return nil, fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats(), ", "))
}

// WriteAll writes a whole report of files already in memory: Begin, File
// for each, End with their totals.
func WriteAll(w Writer, files []File) error {
	if err := w.Begin(); err != nil {
		return err
	}
	t := Totals{Files: len(files)}
	for _, f := range files {
		t.Count(f.Findings)
		t.AddConfig(f.Config)
		if err := w.File(f); err != nil {
			return err
		}
	}
	return w.End(t)
}
