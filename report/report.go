// Package report writes lint findings in the formats people and machines
// read: text for a terminal, JSON (the contract of shared/spec/case-file.md),
// SARIF for code scanning and GitHub workflow commands for annotations. One
// writer per format, each with golden files; positions all come from
// casefile.Source.Pos, so every format agrees.
package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
)

// File is one linted file's findings with its source for positions.
type File struct {
	Path     string
	Source   *casefile.Source
	Findings []lint.Finding
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
	Match      string `json:"match,omitempty"`
	// Offset and EndOffset are byte offsets, for tools that patch bytes.
	Offset    int `json:"offset"`
	EndOffset int `json:"end_offset"`
}

// Resolve turns a finding into a diagnostic.
func Resolve(path string, src *casefile.Source, f lint.Finding) Diagnostic {
	s, e := src.Pos(f.Span.Start), src.Pos(f.Span.End)
	return Diagnostic{Path: path, Line: s.Line, Column: s.Column, EndLine: e.Line, EndColumn: e.Column,
		Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message, Suggestion: f.Suggestion,
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

// Diagnostics resolves every finding of every file, in file then position order.
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

// Writer writes the findings of a run.
type Writer interface {
	Write(w io.Writer, files []File) error
}

// Formats are the names --format accepts.
var Formats = []string{"text", "json", "sarif", "github"}

// New returns the writer for a format name.
func New(format string, color bool) (Writer, error) {
	switch format {
	case "text", "":
		return Text{Color: color}, nil
	case "json":
		return JSON{}, nil
	case "sarif":
		return SARIF{}, nil
	case "github":
		return GitHub{}, nil
	}
	return nil, fmt.Errorf("unknown format %q: use one of text, json, sarif, github", format)
}
