package report

import (
	"encoding/xml"
	"io"
)

// Checkstyle writes checkstyle XML (version 5.0, as golangci-lint and
// reviewdog -f=checkstyle read it): one <file> per case file checked, one
// <error> per finding, with 1-based lines and columns in characters.
type Checkstyle struct {
	W   io.Writer
	enc *xml.Encoder
}

type checkstyleFile struct {
	XMLName xml.Name          `xml:"file"`
	Name    string            `xml:"name,attr"`
	Errors  []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func (c *Checkstyle) Begin() error {
	_, err := io.WriteString(c.W, xml.Header+`<checkstyle version="5.0">`+"\n")
	c.enc = xml.NewEncoder(c.W)
	c.enc.Indent("  ", "  ")
	return err
}

func (c *Checkstyle) File(f File) error {
	cf := checkstyleFile{Name: f.repoPath()}
	for _, fd := range f.Findings {
		d := Resolve(f.Path, f.Source, fd)
		cf.Errors = append(cf.Errors, checkstyleError{Line: d.Line, Column: d.Column, Severity: d.Severity,
			Message: d.messageWithSuggestion(" "), Source: "sendgen." + d.Rule})
	}
	return c.enc.Encode(cf)
}

func (c *Checkstyle) End(Totals) error {
	if err := c.enc.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(c.W, "\n</checkstyle>\n")
	return err
}
