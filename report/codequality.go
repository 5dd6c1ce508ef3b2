package report

import (
	"io"

	"github.com/sendgen/sendgen/lint"
)

// CodeQuality writes GitLab's Code Quality report (a subset of the
// CodeClimate issue format), which the merge-request widget shows: one
// JSON array, each issue with a fingerprint (the same stable one as
// SARIF's), a severity and the path relative to the repository root.
type CodeQuality struct {
	W   io.Writer
	arr jsonArray
}

type cqIssue struct {
	Type        string     `json:"type"`
	CheckName   string     `json:"check_name"`
	Description string     `json:"description"`
	Categories  []string   `json:"categories"`
	Severity    string     `json:"severity"`
	Fingerprint string     `json:"fingerprint"`
	Location    cqLocation `json:"location"`
}

type cqLocation struct {
	Path      string      `json:"path"`
	Positions cqPositions `json:"positions"`
}

type cqPositions struct {
	Begin cqPosition `json:"begin"`
	End   cqPosition `json:"end"`
}

type cqPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// cqSeverity maps onto CodeClimate's info, minor, major, critical,
// blocker: an error in a case file is major (it holds a document back),
// nothing sendgen finds is a blocker to the code.
func cqSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "major"
	case lint.Warning:
		return "minor"
	}
	return "info"
}

func (c *CodeQuality) Begin() error {
	c.arr = jsonArray{w: c.W}
	return nil
}

func (c *CodeQuality) File(f File) error {
	fp := newFingerprinter(f)
	path := f.repoPath()
	for _, fd := range f.Findings {
		d := Resolve(path, f.Source, fd)
		if err := c.arr.add(cqIssue{Type: "issue", CheckName: d.Rule, Description: d.messageWithSuggestion(" "),
			Categories: []string{"Clarity"}, Severity: cqSeverity(fd.Severity), Fingerprint: fp.of(fd),
			Location: cqLocation{Path: path, Positions: cqPositions{
				Begin: cqPosition{d.Line, d.Column}, End: cqPosition{d.EndLine, d.EndColumn}}}}); err != nil {
			return err
		}
	}
	return nil
}

func (c *CodeQuality) End(Totals) error {
	if err := c.arr.close(); err != nil {
		return err
	}
	_, err := io.WriteString(c.W, "\n")
	return err
}
