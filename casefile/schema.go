package casefile

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sendgen/sendgen/internal/suggest"
)

func (d *decoder) problemf(span Span, suggestion, format string, args ...any) {
	d.problems = append(d.problems, Problem{Span: span, Message: fmt.Sprintf(format, args...), Suggestion: suggestion})
}

// fix attaches a replacement of a value written at sp to the problem just
// reported, when the file holds exactly that value there (plain or quoted on
// one line): a value folded over several lines, or written with escapes, is
// left for a person to correct.
func (d *decoder) fix(sp Span, value, newText, title string) {
	if len(d.problems) == 0 || sp.Empty() || sp.End > len(d.src.Bytes) {
		return
	}
	raw := string(d.src.Bytes[sp.Start:sp.End])
	if raw != value && raw != `"`+value+`"` && raw != "'"+value+"'" {
		return
	}
	p := &d.problems[len(d.problems)-1]
	p.Fixes = append(p.Fixes, Fix{Span: sp, NewText: newText, Title: title})
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

// pairSpan covers "key: value" for a mapping entry, used for the whole field.
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
				if seen[near] == nil && suggest.Typo(name, near) {
					// Only a typo is renamed without asking; renaming onto a
					// field already given would make a duplicate.
					d.fix(d.nodeSpan(key), name, near, fmt.Sprintf("Rename %s%s to %s%s", path, name, path, near))
				}
			} else {
				d.problemf(d.nodeSpan(key), "", "unknown field %s%s (known fields: %s)", path, name, strings.Join(names, ", "))
			}
			continue
		}
		// A tag, anchor or alias on the key or the value changes what YAML
		// reads; it is reported, and a value it changed is not used.
		if d.special(path, name, nil, key) || d.special(path, name, key, val) {
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
		if d.placeholder(path, val) {
			*dst = String{Span: d.nodeSpan(val), Placeholder: true}
			return
		}
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
		if near != "" && suggest.Typo(dst.Value, near) {
			d.fix(dst.Span, strings.TrimSpace(val.Value), near, fmt.Sprintf("Change %s to %s", path, near))
		}
		// The value is reported here, once: nothing downstream (the
		// timetable, a document) sees a value that is not one of the
		// spec's, so nothing reports or prints it a second time.
		*dst = String{Span: dst.Span}
	}
}

// minYear is the first year a case-file date can be: no child, decision or
// mediation of this law is dated before 1900.
const minYear = 1900

func (d *decoder) date(dst *Date, path string, required bool) func(key, val *yaml.Node) {
	return func(key, val *yaml.Node) {
		var s String
		d.str(&s, path, required)(key, val)
		if !s.Set {
			*dst = Date{Span: s.Span, Placeholder: s.Placeholder}
			return
		}
		t, msg := ParseISODate(s.Value)
		if msg != "" {
			d.problemf(s.Span, "write it as YYYY-MM-DD, for example 2026-09-14", "%s: %s", path, msg)
			if t, ok := UnambiguousDate(s.Value); ok {
				iso := t.Format(time.DateOnly)
				d.fix(s.Span, strings.TrimSpace(val.Value), iso, fmt.Sprintf("Write %s as %s", path, iso))
			}
			*dst = Date{Span: s.Span}
			return
		}
		if t.Year() < minYear {
			// 0001-01-01 is Go's and many tools' "no date": read as a date,
			// it is the zero time and would be silently taken as missing.
			d.problemf(s.Span, "write the real date as YYYY-MM-DD, or leave the field out until it is known",
				"%s: %s is a placeholder, not a real date", path, s.Value)
			*dst = Date{Span: s.Span}
			return
		}
		*dst = Date{Time: t, Span: s.Span, Set: true}
	}
}

func (d *decoder) boolean(dst *Bool, path string) func(key, val *yaml.Node) {
	return func(key, val *yaml.Node) {
		sp := d.pairSpan(key, val)
		if d.placeholder(path, val) {
			return
		}
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
			if near := suggest.Nearest(strings.TrimSpace(val.Value), []string{"true", "false"}); near != "" && suggest.Typo(val.Value, near) {
				d.fix(d.nodeSpan(val), val.Value, near, fmt.Sprintf("Change %s to %s", path, near))
			}
		}
	}
}
