package report

import (
	"encoding/json"
	"io"

	"github.com/sendgen/sendgen/lint"
)

// RDJSONL writes reviewdog's rdjsonl: one Diagnostic per line
// (reviewdog/reviewdog proto/rdf/reviewdog.proto). Its positions differ
// from every other format's: lines are 1-based and columns are 1-based
// counts of UTF-8 bytes, so 'b' in "a𐐀b" is column 6, and the end is
// exclusive. The byte count starts after a byte-order mark, as editors do.
type RDJSONL struct {
	W   io.Writer
	Run Run
	enc *json.Encoder
}

type rdDiagnostic struct {
	Message  string     `json:"message"`
	Location rdLocation `json:"location"`
	Severity string     `json:"severity"`
	Source   rdSource   `json:"source"`
	Code     rdCode     `json:"code"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
	End   rdPosition `json:"end"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

func (r *RDJSONL) Begin() error {
	r.enc = json.NewEncoder(r.W)
	r.enc.SetEscapeHTML(false)
	return nil
}

func (r *RDJSONL) File(f File) error {
	path := f.repoPath()
	src := rdSource{Name: orDefault(r.Run.Tool.Name, "sendgen"), URL: r.Run.Tool.InformationURI}
	for _, fd := range f.Findings {
		s, e := f.Source.Pos(fd.Span.Start), f.Source.Pos(fd.Span.End)
		msg := fd.Message
		if fd.Suggestion != "" {
			msg += "\nSuggestion: " + fd.Suggestion
		}
		if err := r.enc.Encode(rdDiagnostic{Message: msg,
			Location: rdLocation{Path: path, Range: rdRange{Start: rdPosition{s.Line, s.ByteColumn}, End: rdPosition{e.Line, e.ByteColumn}}},
			Severity: rdSeverity(fd.Severity), Source: src, Code: rdCode{Value: fd.Rule, URL: RuleURL(fd.Rule)}}); err != nil {
			return err
		}
	}
	return nil
}

func (r *RDJSONL) End(Totals) error { return nil }

func rdSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "ERROR"
	case lint.Warning:
		return "WARNING"
	}
	return "INFO"
}
