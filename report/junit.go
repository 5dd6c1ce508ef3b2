package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/sendgen/sendgen/lint"
)

// JUnit writes JUnit XML for the test tabs of GitLab, Jenkins and Azure
// (there is no official schema; the shape is golangci-lint's junit-xml):
// one testsuite per case file, one testcase per finding. Errors and
// warnings are failures; information (an appeal deadline weeks away) is a
// passing testcase that carries its text, and a file without findings is
// one passing testcase, so the tab counts every file checked.
type JUnit struct {
	W   io.Writer
	enc *xml.Encoder
}

type junitSuite struct {
	XMLName  xml.Name    `xml:"testsuite"`
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Errors   int         `xml:"errors,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

func (j *JUnit) Begin() error {
	_, err := io.WriteString(j.W, xml.Header+"<testsuites>\n")
	j.enc = xml.NewEncoder(j.W)
	j.enc.Indent("  ", "  ")
	return err
}

func (j *JUnit) File(f File) error {
	s := junitSuite{Name: f.Path}
	for _, fd := range f.Findings {
		d := Resolve(f.Path, f.Source, fd)
		where := d.Path + ":" + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Column)
		c := junitCase{Name: d.Rule, ClassName: where}
		text := fmt.Sprintf("%s: %s %s: %s", where, d.Severity, d.Rule, d.messageWithSuggestion("\n"))
		if fd.Severity >= lint.Warning {
			c.Failure = &junitFailure{Message: d.Message, Type: d.Severity, Body: text}
			s.Failures++
		} else {
			c.SystemOut = text
		}
		s.Cases = append(s.Cases, c)
	}
	if len(s.Cases) == 0 {
		s.Cases = []junitCase{{Name: "sendgen", ClassName: f.Path}}
	}
	s.Tests = len(s.Cases)
	return j.enc.Encode(s)
}

func (j *JUnit) End(Totals) error {
	if err := j.enc.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(j.W, "\n</testsuites>\n")
	return err
}
