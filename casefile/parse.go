// Package casefile turns the bytes of a SEND mediation case file (Markdown
// with YAML front matter, shared/spec/case-file.md) into a typed model in
// which every value and every block of text knows its exact byte span in
// the original file. It knows nothing of rules or PDFs.
package casefile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest case file sendgen reads. Real case files are a few
// kilobytes; anything near this is almost certainly the wrong file.
const MaxSize = 4 << 20

// Case is one parsed case file.
type Case struct {
	*Source
	Front Front
	Body  Body
	// HasFront reports whether the file has a front-matter block at all.
	HasFront bool
	// Problems are the front-matter and structure problems found while
	// parsing, in file order. They are reported by the `frontmatter` rule.
	Problems []Problem
	// Actions are the rows of the # Agreed actions table.
	Actions []Action
}

// Action is one row of the agreed actions table.
type Action struct {
	Row    Span
	Action Text
	Who    Text
	By     Text
	// HasWho and HasBy report whether the table has those columns at all.
	HasWho, HasBy bool
}

// Error is a file sendgen cannot read as a case file at all: too large,
// binary, or not UTF-8. Line is 0 when the problem has no single place.
type Error struct {
	Path    string
	Line    int
	Column  int
	Message string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Message)
}

// ErrNotCaseFile is wrapped by errors for files that are not text.
var ErrNotCaseFile = errors.New("not a case file")

// Parse parses a case file. It returns an error only when the bytes cannot
// be a case file (binary, too large, invalid UTF-8); every other problem is
// recorded in Case.Problems with its position, so one run reports them all.
func Parse(path string, src []byte) (*Case, error) {
	if len(src) > MaxSize {
		return nil, &Error{Path: path, Message: fmt.Sprintf("file is %d bytes, larger than the %d-byte limit for a case file; is this the right file?", len(src), MaxSize)}
	}
	s := NewSource(path, src)
	if i := bytes.IndexByte(src, 0); i >= 0 {
		p := s.Pos(i)
		return nil, fmt.Errorf("%w", &Error{Path: path, Line: p.Line, Column: p.Column, Message: "file contains a NUL byte: it looks binary, not a Markdown case file"})
	}
	if !utf8.Valid(src) {
		bad := 0
		for bad < len(src) {
			r, size := utf8.DecodeRune(src[bad:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			bad += size
		}
		p := s.Pos(bad)
		return nil, &Error{Path: path, Line: p.Line, Column: p.Column, Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02x): save the file as UTF-8 in your editor", src[bad])}
	}
	c := &Case{Source: s}
	bodyStart := c.parseFront()
	c.Body = parseBody(src, bodyStart)
	c.collectActions()
	sortProblems(c.Problems)
	return c, nil
}

// parseFront finds and decodes the front matter and returns the offset at
// which the Markdown body starts.
func (c *Case) parseFront() int {
	src := c.Bytes
	start := c.LineStart(1)
	if c.Lines() < 2 || strings.TrimRight(c.LineText(1), " \t") != "---" {
		c.Problems = append(c.Problems, Problem{Span: Span{start, start},
			Message:    "no front matter: a case file starts with a line '---', the YAML fields (case, child, appellant, local_authority, decision), and another '---'",
			Suggestion: "add the front matter block"})
		return start
	}
	end := -1
	for l := 2; l <= c.Lines(); l++ {
		t := strings.TrimRight(c.LineText(l), " \t")
		if t == "---" || t == "..." {
			end = l
			break
		}
	}
	if end < 0 {
		c.Problems = append(c.Problems, Problem{Span: Span{start, start + 3},
			Message: "the front matter is not closed: add a line '---' after the last field"})
		return len(src)
	}
	c.HasFront = true
	bodyStart := c.LineStart(end + 1)
	if end == c.Lines() {
		bodyStart = len(src)
	}
	c.Front.Span = Span{start, c.LineStart(end) + 3}
	yamlText := src[c.LineStart(2):c.LineStart(end)]
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlText, &doc); err != nil {
		c.Problems = append(c.Problems, c.yamlError(err))
		return bodyStart
	}
	d := &decoder{src: c.Source, lineBase: 2}
	if doc.Kind == 0 {
		d.problemf(c.Front.Span, "", "the front matter is empty: it needs at least case, child, appellant, local_authority and decision")
	} else {
		d.decodeFront(&doc, &c.Front)
	}
	c.Problems = append(c.Problems, d.problems...)
	return bodyStart
}

// yamlError turns a YAML syntax error ("yaml: line 3: mapping values are
// not allowed in this context") into a problem on the right file line.
func (c *Case) yamlError(err error) Problem {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	fileLine := 2
	if line > 0 {
		fileLine = line + 1
	}
	st := c.LineStart(fileLine)
	sp := Span{st, st + len(c.LineText(fileLine))}
	return Problem{Span: sp, Message: "front matter is not valid YAML: " + msg,
		Suggestion: "check the indentation and that every field is written 'key: value'"}
}

// collectActions reads the agreed actions table.
func (c *Case) collectActions() {
	sec := c.Body.Find("Agreed actions")
	if sec == nil {
		return
	}
	for _, t := range sec.Tables {
		ai := t.Column("action", "agreed action", "actions")
		wi := t.Column("who", "owner", "by whom", "responsible")
		bi := t.Column("by", "when", "by when", "deadline", "date")
		if ai < 0 {
			c.Problems = append(c.Problems, Problem{Span: t.Span,
				Message: "the agreed actions table has no 'Action' column: use the columns Action, Who, By"})
			continue
		}
		for _, r := range t.Rows {
			a := Action{Row: r.Span, HasWho: wi >= 0, HasBy: bi >= 0}
			cell := func(i int) Text {
				if i >= 0 && i < len(r.Cells) {
					return r.Cells[i]
				}
				return Text{Span: Span{r.Span.End, r.Span.End}}
			}
			a.Action, a.Who, a.By = cell(ai), cell(wi), cell(bi)
			c.Actions = append(c.Actions, a)
		}
	}
}
