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

	"github.com/sendgen/sendgen/send"
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
	// Problems are the front-matter, body and placeholder problems found
	// while parsing, in file order; each Kind has its own lint rule.
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

// Unwrap makes errors.Is(err, ErrNotCaseFile) true for every *Error.
func (e *Error) Unwrap() error { return ErrNotCaseFile }

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
		return nil, &Error{Path: path, Line: p.Line, Column: p.Column, Message: "file contains a NUL byte: it looks binary, not a Markdown case file"}
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
	if i, r := bidiControl(src); i >= 0 {
		p := s.Pos(i)
		return nil, &Error{Path: path, Line: p.Line, Column: p.Column, Message: fmt.Sprintf(
			"the file contains U+%04X (%s), an invisible character that makes an editor show the text around it in a different order from the one a document prints (\"trojan source\"): delete it", r, bidiNames[r])}
	}
	c := &Case{Source: s}
	bodyStart := c.parseFront()
	if e := checkLimits(s, s.Pos(bodyStart).Line); e != nil {
		return nil, e
	}
	c.Body = parseBody(src, bodyStart)
	c.Problems = append(c.Problems, c.Body.problems...)
	c.bodyProblems()
	c.collectActions()
	c.collectPlaceholders()
	sortProblems(c.Problems)
	return c, nil
}

// parseFront finds and decodes the front matter and returns the offset at
// which the Markdown body starts.
func (c *Case) parseFront() int {
	src := c.Bytes
	start := c.LineStart(1)
	if !isFence(c.lineBytes(1), "---") {
		c.Problems = append(c.Problems, Problem{Span: Span{start, start},
			Message:    "no front matter: a case file starts with a line '---', the YAML fields (case, child, appellant, local_authority, decision), and another '---'",
			Suggestion: "add the front matter block"})
		return start
	}
	end, markers := c.frontEnd()
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
	y := newYAMLLines(src, c.LineStart(2), c.LineStart(end))
	if len(markers) > 0 {
		// Each marker is reported where it is written, and hidden from the
		// YAML parser (turned into a comment of the same length, so every
		// position stays the file's): the fields after it are still read,
		// so nothing after it is lost.
		c.reportMarkers(markers, end)
		y.src = append([]byte(nil), src...)
		for _, l := range markers {
			y.src[c.LineStart(l)] = '#'
		}
	}
	doc, err := unmarshalYAML(y.src[y.start:y.end])
	if err != nil {
		c.Problems = append(c.Problems, c.yamlError(err, &y))
		return bodyStart
	}
	d := &decoder{src: c.Source, yamlText: y}
	if doc.Kind == 0 || doc.Kind == yaml.DocumentNode && len(doc.Content) == 0 {
		d.problemf(c.Front.Span, "", "the front matter is empty: it needs at least case, child, appellant, local_authority and decision")
	} else {
		d.decodeFront(doc, &c.Front)
	}
	c.Problems = append(c.Problems, d.problems...)
	return bodyStart
}

// frontEnd finds the line of the fence that closes the front matter (-1
// when there is none) and the lines inside it that YAML would read as a
// document marker ('---' starts a second document, '...' ends the first)
// and so would silently drop every field after them.
//
// A '---' or '...' line closes the front matter unless what follows it is
// plainly more front matter: its first non-blank line is a top-level field
// ("certificate:") and another fence follows. That is the file a writer
// gets by pasting a second block of fields under the first.
func (c *Case) frontEnd() (end int, markers []int) {
	n := c.Lines()
	for l := 2; l <= n; l++ {
		t := c.lineBytes(l)
		if isFence(t, "---") || isFence(t, "...") {
			if c.continuesFront(l) {
				markers = append(markers, l)
				continue
			}
			return l, markers
		}
		if isDocumentMarker(t) {
			markers = append(markers, l)
		}
	}
	return -1, nil
}

// continuesFront reports whether the lines after the fence on line l are
// more front matter rather than the body.
func (c *Case) continuesFront(l int) bool {
	n := c.Lines()
	k := l + 1
	for k <= n && len(bytes.TrimSpace(c.lineBytes(k))) == 0 {
		k++
	}
	if k > n || !isTopLevelField(c.lineBytes(k)) {
		return false
	}
	for ; k <= n; k++ {
		if t := c.lineBytes(k); isFence(t, "---") || isFence(t, "...") {
			return true
		}
	}
	return false
}

// TopLevelFields are the keys a front matter may have at its top level.
var TopLevelFields = []string{"case", "child", "appellant", "local_authority", "decision", "mediation", "certificate", "author"}

// isTopLevelField reports whether line is "key:" or "key: value" for a
// top-level front-matter key, written at the start of the line.
func isTopLevelField(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	if i <= 0 || i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' && line[i+1] != '\r' {
		return false
	}
	for _, k := range TopLevelFields {
		if string(line[:i]) == k {
			return true
		}
	}
	return false
}

// isDocumentMarker reports whether YAML reads line as a document marker:
// '---' or '...' at the start of a line, followed by a blank or nothing
// ("--- text" starts a second document holding "text").
func isDocumentMarker(line []byte) bool {
	if len(line) < 3 || !bytes.HasPrefix(line, []byte("---")) && !bytes.HasPrefix(line, []byte("...")) {
		return false
	}
	return len(line) == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r'
}

// reportMarkers reports each document marker inside the front matter,
// which the fence on line end closes.
func (c *Case) reportMarkers(lines []int, end int) {
	for _, l := range lines {
		st := c.LineStart(l)
		t := c.lineBytes(l)
		sp := Span{st, st + len(bytes.TrimRight(t, " \t\r"))}
		what := "'---' starts a second YAML document"
		if t[0] == '.' {
			what = "'...' ends the YAML document"
		}
		msg := what + " inside the front matter: YAML would ignore everything after it"
		fix := "delete the '" + string(t[:3]) + "' at the start of this line"
		if isFence(t, "---") || isFence(t, "...") {
			msg += fmt.Sprintf(" (the front matter goes on to line %d)", end)
			fix = "delete this line"
		}
		c.Problems = append(c.Problems, Problem{Span: sp, Message: msg + "; " + fix,
			Suggestion: "keep one '---' line above the fields and one below them"})
	}
}

// isFence reports whether line is fence, perhaps with trailing blanks.
func isFence(line []byte, fence string) bool {
	return string(bytes.TrimRight(line, " \t")) == fence
}

// unmarshalYAML parses YAML into a node tree: the front matter case files
// are written in by fastYAML, anything else by the YAML library. A panic in
// the library is turned into an error: a case file must never crash the
// linter.
func unmarshalYAML(b []byte) (doc *yaml.Node, err error) {
	if doc, ok := fastYAML(b); ok {
		return doc, nil
	}
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("yaml: %v", r)
		}
	}()
	doc = new(yaml.Node)
	err = yaml.Unmarshal(b, doc)
	return doc, err
}

// yamlError turns a YAML syntax error ("yaml: line 3: mapping values are
// not allowed in this context") into a problem on the right file line that
// says what to do (explainYAML).
//
// The line in the library's message is often not the line at fault (it is
// the start of the enclosing mapping, or the end of the text for an
// unclosed quote), so the line is found by parsing ever longer prefixes of
// the front matter: the first prefix that fails with the same message ends
// on the line at fault. Longer prefixes fail the same way, so the first is
// found by bisection: about 20 parses however long the front matter (the
// linear search this replaced gave up past 400 lines, and the library's own
// line is one early there).
func (c *Case) yamlError(err error, y *yamlLines) Problem {
	msg, line := splitYAMLError(err)
	fails := func(k int) bool {
		_, e := unmarshalYAML(y.src[y.start:y.lineStart(k+1)])
		if e == nil {
			return false
		}
		m, _ := splitYAMLError(e)
		return m == msg
	}
	if n := y.lines(); fails(n) {
		lo, hi := 1, n // fails(hi) holds
		for lo < hi {
			mid := lo + (hi-lo)/2
			if fails(mid) {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		line = hi
	}
	if line < 1 {
		line = 1
	}
	if line > y.lines() {
		line = y.lines()
	}
	st := y.lineStart(line)
	text := y.src[st:y.lineEnd(st)]
	sp := Span{st, st + len(bytes.TrimRight(text, " \t\r"))}
	var prev []byte
	for k := line - 1; k >= 1 && prev == nil; k-- {
		ps := y.lineStart(k)
		if t := bytes.TrimSpace(y.src[ps:y.lineEnd(ps)]); len(t) > 0 && t[0] != '#' {
			prev = y.src[ps:y.lineEnd(ps)]
		}
	}
	what, fix := explainYAML(msg, text, prev)
	return Problem{Span: sp, Message: "front matter is not valid YAML: " + what + " (YAML: " + msg + ")", Suggestion: fix}
}

// splitYAMLError splits "yaml: line 3: found ..." into the message and the
// (front-matter) line, 0 when there is none.
func splitYAMLError(err error) (string, int) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	return msg, line
}

// Action, Who and By columns of the agreed actions table, as written and
// in the other spellings accepted.
var (
	ActionColumns = []string{"action", "agreed action", "actions"}
	WhoColumns    = []string{"who", "owner", "by whom", "responsible"}
	ByColumns     = []string{"by", "when", "by when", "deadline", "date"}
)

// collectActions reads the agreed actions table.
func (c *Case) collectActions() {
	sec := c.Body.Find("Agreed actions")
	if sec == nil {
		return
	}
	tables := sec.Tables
	for _, ch := range sec.Children {
		// A table under a sub-heading ("## Agreed on the day") still counts.
		tables = append(tables[:len(tables):len(tables)], ch.Tables...)
	}
	for _, t := range tables {
		ai := t.Column(ActionColumns...)
		wi := t.Column(WhoColumns...)
		bi := t.Column(ByColumns...)
		if ai < 0 {
			c.Problems = append(c.Problems, Problem{Kind: BodyProblem, Span: t.Span,
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

// bidiNames are the Unicode bidirectional embedding, override and isolate
// controls (CVE-2021-42574). An editor honours them and a PDF need not, so
// "1000" on screen can print as "0001": a case file may not hold them.
var bidiNames = map[rune]string{
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING", 0x202D: "LEFT-TO-RIGHT OVERRIDE",
	0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
}

// bidiControl finds the first bidirectional control in src (valid UTF-8),
// or -1. All of them encode as E2 80 AA-AE or E2 81 A6-A9.
func bidiControl(src []byte) (int, rune) {
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], 0xE2)
		if j < 0 || i+j+2 >= len(src) {
			return -1, 0
		}
		i += j
		r, n := utf8.DecodeRune(src[i:])
		if _, ok := bidiNames[r]; ok {
			return i, r
		}
		i += n
	}
}

// bodyProblems reports what the documents would leave out without a word:
// text before the first heading (in no section a document prints), and a
// second section under a heading a document prints (only the first is).
func (c *Case) bodyProblems() {
	if s := c.Body.Sections; len(s) > 0 && s[0].Level == 0 && (len(s[0].Blocks) > 0 || len(s[0].Tables) > 0) {
		sp := Span{c.Body.End, c.Body.End}
		if len(s[0].Blocks) > 0 {
			sp = s[0].Blocks[0].Text.Span
		} else {
			sp = s[0].Tables[0].Span
		}
		c.Problems = append(c.Problems, Problem{Kind: BodyProblem, Span: sp,
			Message:    "this text comes before the first heading, so no document prints it",
			Suggestion: "put it under the heading it belongs to, such as # Background"})
	}
	seen := map[string]bool{}
	for _, sec := range c.Body.Sections {
		if sec.Level != 1 {
			continue
		}
		for _, h := range send.Headings {
			if !matchesKey(sec.Title, normaliseHeading(h)) {
				continue
			}
			if seen[h] {
				c.Problems = append(c.Problems, Problem{Kind: BodyProblem, Span: sec.Span,
					Message:    fmt.Sprintf("a second # %s: the documents print only the first, so everything under this one is left out", h),
					Suggestion: fmt.Sprintf("move what is under this heading into the first # %s, and delete this heading", h)})
			}
			seen[h] = true
		}
	}
}
