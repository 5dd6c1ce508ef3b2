package casefile

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/sendgen/sendgen/internal/suggest"
)

// Problem is something wrong with the case file that the linter reports
// under the `frontmatter` rule: a syntax error, a missing, unknown or
// mistyped field, or an impossible date. Problems never stop the parse: the
// rest of the file is still modelled and linted.
type Problem struct {
	Span    Span
	Message string
	// Suggestion is the fix, where one is known ("did you mean ...").
	Suggestion string
}

var caseRefPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// field describes one key of a YAML mapping.
type field struct {
	name     string
	required bool
	decode   func(key, val *yaml.Node)
}

// decoder walks the YAML node tree and fills Front, collecting problems
// with exact positions. YAML counts lines and columns (in characters) from
// the start of the front-matter text and, unlike Markdown, also breaks lines
// at a lone CR, NEL, LS and PS; yamlLines lets positions be converted with
// the same rules.
type decoder struct {
	src      *Source
	yamlText yamlLines
	problems []Problem
}

// yamlLines indexes the YAML text src[start:end] by YAML's line breaks.
type yamlLines struct {
	src        []byte
	start, end int
	lineStarts []int // file offsets of the start of each YAML line
}

func newYAMLLines(src []byte, start, end int) yamlLines {
	y := yamlLines{src: src, start: start, end: end, lineStarts: []int{start}}
	for i := start; i < end; {
		n := yamlBreak(src[:end], i)
		if n == 0 {
			i++
			continue
		}
		i += n
		y.lineStarts = append(y.lineStarts, i)
	}
	return y
}

// yamlBreak returns the length of the YAML line break at b[i], or 0.
func yamlBreak(b []byte, i int) int {
	switch b[i] {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(b) && b[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xC2:
		if i+1 < len(b) && b[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// lines is the number of YAML lines.
func (y *yamlLines) lines() int { return len(y.lineStarts) }

// lineStart is the file offset of a 1-based YAML line.
func (y *yamlLines) lineStart(line int) int {
	if line < 1 {
		return y.start
	}
	if line > len(y.lineStarts) {
		return y.end
	}
	return y.lineStarts[line-1]
}

// lineEnd is the file offset of the line break ending the line at off.
func (y *yamlLines) lineEnd(off int) int {
	for off < y.end && yamlBreak(y.src[:y.end], off) == 0 {
		off++
	}
	return off
}

// offset converts a 1-based YAML line and character column to a file offset.
func (y *yamlLines) offset(line, column int) int {
	off := y.lineStart(line)
	for c := 1; c < column && off < y.end && yamlBreak(y.src[:y.end], off) == 0; c++ {
		_, size := utf8.DecodeRune(y.src[off:y.end])
		off += size
	}
	return off
}

func (d *decoder) problemf(span Span, suggestion, format string, args ...any) {
	d.problems = append(d.problems, Problem{Span: span, Message: fmt.Sprintf(format, args...), Suggestion: suggestion})
}

// nodeSpan is the span of a node's text on its first line. For a scalar it
// covers the value as written (quotes included); for a collection, the rest
// of its first line.
func (d *decoder) nodeSpan(n *yaml.Node) Span {
	y := &d.yamlText
	start := y.offset(n.Line, n.Column)
	if last := len(y.lineStarts) - 1; start >= y.end && last > 0 && y.lineStarts[last] == y.end {
		// An empty value at the end of the text: the end of the last line,
		// not the closing fence.
		start = y.lineEnd(y.lineStarts[last-1])
	}
	lineEnd := y.lineEnd(start)
	text := d.src.Bytes[start:lineEnd]
	end := start + len(bytes.TrimRight(text, " \t\r\n"))
	if n.Kind == yaml.ScalarNode && !strings.Contains(n.Value, "\n") {
		switch n.Style {
		case 0, yaml.TaggedStyle:
			if start+len(n.Value) <= end && string(d.src.Bytes[start:start+len(n.Value)]) == n.Value {
				end = start + len(n.Value)
			}
		case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
			if len(text) > 0 && (text[0] == '"' || text[0] == '\'') {
				q := text[0]
				for i := 1; i < len(text); i++ {
					if text[i] == '\\' && q == '"' {
						i++
						continue
					}
					if text[i] == q {
						if q == '\'' && i+1 < len(text) && text[i+1] == '\'' {
							i++ // '' is an escaped quote
							continue
						}
						end = start + i + 1
						break
					}
				}
			}
		}
	}
	// A trailing comment is not part of the value.
	if i := bytes.Index(d.src.Bytes[start:end], []byte(" #")); i >= 0 && n.Kind != yaml.ScalarNode {
		end = start + i
	}
	if end < start {
		end = start
	}
	return Span{start, end}
}

// keySpan covers "key: value" for a mapping entry, used for the whole field.
func (d *decoder) pairSpan(key, val *yaml.Node) Span {
	k := d.nodeSpan(key)
	if val.Kind == yaml.ScalarNode && val.Line == key.Line {
		v := d.nodeSpan(val)
		if v.End > k.End {
			k.End = v.End
		}
	}
	return k
}

// isNull reports whether n is an empty value ("key:" or "key: ~").
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "empty"
	}
	return "a single value"
}

// mapping decodes a YAML mapping against known fields. path is the dotted
// prefix used in messages ("mediation."); at is the span to blame for
// missing required fields.
func (d *decoder) mapping(n *yaml.Node, path string, at Span, fields []field) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		switch {
		case path == "":
			d.problemf(d.nodeSpan(n), "write each field on its own line as 'key: value'",
				"the front matter should be fields written 'key: value', not %s", kindName(n))
		case isNull(n):
			var req []string
			for _, f := range fields {
				if f.required {
					req = append(req, path+f.name)
				}
			}
			msg := fmt.Sprintf("%s is empty", strings.TrimSuffix(path, "."))
			if len(req) > 0 {
				msg += ": it needs " + strings.Join(req, ", ")
			}
			d.problemf(at, "", "%s", msg)
		default:
			d.problemf(d.nodeSpan(n), "", "%s should be a mapping of fields, not %s", strings.TrimSuffix(path, "."), kindName(n))
		}
		return
	}
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	var suggested map[string]bool // fields named by a did-you-mean
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if val.Kind == yaml.AliasNode && val.Alias != nil {
			val = val.Alias
		}
		name := key.Value
		if first := seen[name]; first != nil {
			d.problemf(d.nodeSpan(key), "remove one of them", "%s%s is given twice (first on line %d)",
				path, name, d.src.Pos(d.nodeSpan(first).Start).Line)
			continue
		}
		seen[name] = key
		var f *field
		for j := range fields {
			if fields[j].name == name {
				f = &fields[j]
				break
			}
		}
		if f == nil {
			if near := suggest.Nearest(name, names); near != "" {
				if seen[near] == nil {
					// Reported here, not again as a missing field.
					if suggested == nil {
						suggested = map[string]bool{}
					}
					suggested[near] = true
				}
				d.problemf(d.nodeSpan(key), near, "unknown field %s%s: did you mean '%s'?", path, name, near)
			} else {
				d.problemf(d.nodeSpan(key), "", "unknown field %s%s (known fields: %s)", path, name, strings.Join(names, ", "))
			}
			continue
		}
		f.decode(key, val)
	}
	for _, f := range fields {
		if f.required && seen[f.name] == nil && !suggested[f.name] {
			d.problemf(at, "add "+path+f.name, "missing required field %s%s", path, f.name)
		}
	}
}

func (d *decoder) str(dst *String, path string, required bool) func(key, val *yaml.Node) {
	return func(key, val *yaml.Node) {
		if val.Kind != yaml.ScalarNode {
			d.problemf(d.pairSpan(key, val), "", "%s should be a single value, not %s", path, kindName(val))
			return
		}
		v := strings.TrimSpace(val.Value)
		if val.Tag == "!!null" || v == "" {
			if required {
				d.problemf(d.pairSpan(key, val), "", "%s is empty: it is required", path)
			}
			*dst = String{Span: d.pairSpan(key, val)}
			return
		}
		*dst = String{Value: v, Span: d.nodeSpan(val), Set: true}
	}
}

func (d *decoder) enum(dst *String, path string, required bool, values []string) func(key, val *yaml.Node) {
	plain := d.str(dst, path, required)
	return func(key, val *yaml.Node) {
		plain(key, val)
		if !dst.Set {
			return
		}
		for _, v := range values {
			if strings.EqualFold(v, dst.Value) {
				dst.Value = v
				return
			}
		}
		near := suggest.Nearest(dst.Value, values)
		msg := fmt.Sprintf("%s is %q; it must be one of: %s", path, dst.Value, strings.Join(values, ", "))
		if near != "" {
			msg += fmt.Sprintf(" (did you mean '%s'?)", near)
		}
		d.problemf(dst.Span, near, "%s", msg)
		dst.Set = false
	}
}

func (d *decoder) date(dst *Date, path string, required bool) func(key, val *yaml.Node) {
	return func(key, val *yaml.Node) {
		var s String
		d.str(&s, path, required)(key, val)
		if !s.Set {
			*dst = Date{Span: s.Span}
			return
		}
		t, msg := ParseISODate(s.Value)
		if msg != "" {
			d.problemf(s.Span, "write it as YYYY-MM-DD, for example 2026-09-14", "%s: %s", path, msg)
			*dst = Date{Span: s.Span}
			return
		}
		*dst = Date{Time: t, Span: s.Span, Set: true}
	}
}

func (d *decoder) boolean(dst *Bool, path string) func(key, val *yaml.Node) {
	return func(key, val *yaml.Node) {
		sp := d.pairSpan(key, val)
		if val.Kind != yaml.ScalarNode {
			d.problemf(sp, "", "%s should be true or false, not %s", path, kindName(val))
			return
		}
		switch strings.ToLower(strings.TrimSpace(val.Value)) {
		case "true", "yes":
			*dst = Bool{Value: true, Span: d.nodeSpan(val), Set: true}
		case "false", "no":
			*dst = Bool{Value: false, Span: d.nodeSpan(val), Set: true}
		default:
			d.problemf(d.nodeSpan(val), "true", "%s is %q; it must be true or false", path, val.Value)
		}
	}
}

// ParseISODate parses a strict YYYY-MM-DD date. The message says what is
// wrong when it is not one, including impossible dates such as 2026-02-30.
func ParseISODate(s string) (time.Time, string) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]) || !allDigits(s[5:7]) || !allDigits(s[8:]) {
		return time.Time{}, fmt.Sprintf("%q is not a date in the form YYYY-MM-DD", s)
	}
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m := int(s[5]-'0')*10 + int(s[6]-'0')
	dd := int(s[8]-'0')*10 + int(s[9]-'0')
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Sprintf("%q has no month %d: months run from 01 to 12", s, m)
	}
	if n := daysIn(y, time.Month(m)); dd < 1 || dd > n {
		return time.Time{}, fmt.Sprintf("%q is not a real date: %s %d has %d days", s, time.Month(m), y, n)
	}
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC), ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// decodeFront fills f from the YAML document node.
func (d *decoder) decodeFront(doc *yaml.Node, f *Front) {
	root := doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			d.problemf(f.Span, "", "the front matter is empty: it needs at least case, child, appellant, local_authority and decision")
			return
		}
		root = root.Content[0]
	}
	if isNull(root) {
		d.problemf(f.Span, "", "the front matter is empty: it needs at least case, child, appellant, local_authority and decision")
		return
	}
	d.mapping(root, "", Span{f.Span.Start, f.Span.Start + 3}, []field{
		{"case", true, func(k, v *yaml.Node) {
			d.str(&f.Case, "case", true)(k, v)
			if f.Case.Set && !caseRefPattern.MatchString(f.Case.Value) {
				d.problemf(f.Case.Span, "use letters, digits, '-' and '_' only, for example WCC-2026-0412",
					"case reference %q may contain only letters, digits, '-' and '_' (it names the output files)", f.Case.Value)
				f.Case.Set = false
			}
		}},
		{"child", true, func(k, v *yaml.Node) {
			d.mapping(v, "child.", d.nodeSpan(k), []field{
				{"name", true, d.str(&f.Child.Name, "child.name", true)},
				{"date_of_birth", false, d.date(&f.Child.DateOfBirth, "child.date_of_birth", false)},
				{"transfer", false, func(k, v *yaml.Node) {
					if isNull(v) {
						return // "transfer:" with nothing under it: not given
					}
					t := &Transfer{Span: d.nodeSpan(k)}
					f.Child.Transfer = t
					d.mapping(v, "child.transfer.", t.Span, []field{
						{"to", true, d.enum(&t.To, "child.transfer.to", true, TransferKinds)},
						{"date", true, d.date(&t.Date, "child.transfer.date", true)},
					})
				}},
			})
		}},
		{"appellant", true, func(k, v *yaml.Node) {
			f.Appellant.Span = d.nodeSpan(k)
			d.mapping(v, "appellant.", f.Appellant.Span, []field{
				{"name", true, d.str(&f.Appellant.Name, "appellant.name", true)},
				{"role", true, d.enum(&f.Appellant.Role, "appellant.role", true, AppellantRoles)},
			})
		}},
		{"local_authority", true, d.str(&f.LocalAuthority, "local_authority", true)},
		{"decision", true, func(k, v *yaml.Node) {
			f.Decision.Span = d.nodeSpan(k)
			d.mapping(v, "decision.", f.Decision.Span, []field{
				{"type", true, d.enum(&f.Decision.Type, "decision.type", true, DecisionTypes)},
				{"date", true, d.date(&f.Decision.Date, "decision.date", true)},
				{"sections", false, func(k, v *yaml.Node) { d.sections(k, v, &f.Decision) }},
			})
		}},
		{"mediation", false, func(k, v *yaml.Node) {
			if isNull(v) {
				return // "mediation:" with nothing under it: not yet
			}
			m := &Mediation{Span: d.nodeSpan(k)}
			f.Mediation = m
			d.mapping(v, "mediation.", m.Span, []field{
				{"adviser", false, d.str(&m.Adviser, "mediation.adviser", false)},
				{"adviser_name", false, d.str(&m.AdviserName, "mediation.adviser_name", false)},
				{"adviser_contacted", false, d.date(&m.AdviserContacted, "mediation.adviser_contacted", false)},
				{"choice", false, d.enum(&m.Choice, "mediation.choice", false, Choices)},
				{"la_informed", false, d.date(&m.LAInformed, "mediation.la_informed", false)},
				{"date", false, d.date(&m.Date, "mediation.date", false)},
				{"mediator", false, d.str(&m.Mediator, "mediation.mediator", false)},
				{"attendees", false, func(k, v *yaml.Node) { d.attendees(k, v, m) }},
			})
			if m.Choice.Value == "decline" && m.Date.Set {
				d.problemf(m.Date.Span, "remove mediation.date, or set choice: mediate",
					"mediation.date is set but mediation.choice is decline")
			}
		}},
		{"certificate", false, func(k, v *yaml.Node) {
			if isNull(v) {
				return
			}
			c := &Certificate{Span: d.nodeSpan(k)}
			f.Certificate = c
			d.mapping(v, "certificate.", c.Span, []field{
				{"issued", false, d.date(&c.Issued, "certificate.issued", false)},
				{"issues_resolved", false, d.enum(&c.IssuesResolved, "certificate.issues_resolved", false, Resolutions)},
			})
		}},
		{"author", false, func(k, v *yaml.Node) {
			if isNull(v) {
				return
			}
			a := &Person{Span: d.nodeSpan(k)}
			f.Author = a
			d.mapping(v, "author.", a.Span, []field{
				{"name", false, d.str(&a.Name, "author.name", false)},
				{"role", false, d.str(&a.Role, "author.role", false)},
			})
		}},
	})
}

func (d *decoder) sections(k, v *yaml.Node, dec *Decision) {
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	} else if v.Kind != yaml.ScalarNode {
		d.problemf(d.pairSpan(k, v), "", "decision.sections should be a list such as [B, F], not %s", kindName(v))
		return
	} else if v.Tag == "!!null" {
		return
	}
	type entry struct {
		value string
		span  Span
	}
	var entries []entry
	for _, it := range items {
		if it.Kind != yaml.ScalarNode {
			d.problemf(d.nodeSpan(it), "", "decision.sections: each section is a letter such as F, not %s", kindName(it))
			continue
		}
		sp := d.nodeSpan(it)
		// "B, F" written as one string is the same list: split it, and
		// give each part its own span when the value is written plainly.
		parts := strings.FieldsFunc(it.Value, func(r rune) bool { return r == ',' || r == ';' })
		if len(parts) <= 1 {
			entries = append(entries, entry{it.Value, sp})
			continue
		}
		raw := string(d.src.Bytes[sp.Start:sp.End])
		at := 0
		for _, p := range parts {
			p = strings.TrimSpace(p)
			psp := sp
			if i := strings.Index(raw[at:], p); it.Style == 0 && i >= 0 {
				psp = Span{sp.Start + at + i, sp.Start + at + i + len(p)}
				at += i + len(p)
			}
			entries = append(entries, entry{p, psp})
		}
	}
	seen := map[string]bool{}
	for _, en := range entries {
		s := strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(en.value), "Section "), "section ")))
		sp := en.span
		known := false
		for _, p := range PlanSections {
			if p == s {
				known = true
			}
		}
		if !known {
			hint := ""
			if s == "H" {
				hint = "H1 or H2"
			}
			d.problemf(sp, hint, "decision.sections: %q is not an EHC plan section (A, B, C, D, E, F, G, H1, H2, I, J, K)", en.value)
			continue
		}
		if seen[s] {
			continue
		}
		seen[s] = true
		dec.Sections = append(dec.Sections, String{Value: s, Span: sp, Set: true})
	}
}

func (d *decoder) attendees(k, v *yaml.Node, m *Mediation) {
	m.AttendeesSpan = d.nodeSpan(k)
	if v.Kind != yaml.SequenceNode {
		if v.Tag != "!!null" {
			d.problemf(d.pairSpan(k, v), "", "mediation.attendees should be a list of people (- name: ... role: ...), not %s", kindName(v))
		}
		return
	}
	for i, it := range v.Content {
		a := Attendee{Span: d.nodeSpan(it)}
		p := fmt.Sprintf("mediation.attendees[%d].", i+1)
		d.mapping(it, p, a.Span, []field{
			{"name", true, d.str(&a.Name, p+"name", true)},
			{"role", true, d.str(&a.Role, p+"role", true)},
			{"organisation", false, d.str(&a.Organisation, p+"organisation", false)},
			{"authority", false, d.boolean(&a.Authority, p+"authority")},
		})
		m.Attendees = append(m.Attendees, a)
	}
}

// sortProblems orders problems by position so output is deterministic.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Span.Start < ps[j].Span.Start })
}
