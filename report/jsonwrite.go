package report

import (
	"strconv"
	"unicode/utf8"
)

// appendJSON appends d as encoding/json writes it with SetIndent(indent,
// "  ") and SetEscapeHTML(false), without the final newline: the same bytes,
// without reflection or a second pass to indent, which were a seventh of a
// lint run's CPU with --format json. TestDiagnosticJSON and
// FuzzDiagnosticJSON hold it to encoding/json's output.
func (d *Diagnostic) appendJSON(b []byte, indent string) []byte {
	in := indent + "  "
	b = append(b, '{', '\n')
	str := func(key, v string) {
		b = append(b, in...)
		b = append(b, key...)
		b = appendJSONString(b, v)
		b = append(b, ',', '\n')
	}
	num := func(key string, v int) {
		b = append(b, in...)
		b = append(b, key...)
		b = strconv.AppendInt(b, int64(v), 10)
		b = append(b, ',', '\n')
	}
	str(`"path": `, d.Path)
	num(`"line": `, d.Line)
	num(`"column": `, d.Column)
	num(`"end_line": `, d.EndLine)
	num(`"end_column": `, d.EndColumn)
	str(`"rule": `, d.Rule)
	str(`"severity": `, d.Severity)
	str(`"message": `, d.Message)
	if d.Suggestion != "" {
		str(`"suggestion": `, d.Suggestion)
	}
	if d.Detail != "" {
		str(`"detail": `, d.Detail)
	}
	if d.Match != "" {
		str(`"match": `, d.Match)
	}
	num(`"offset": `, d.Offset)
	b = append(b, in...)
	b = append(b, `"end_offset": `...)
	b = strconv.AppendInt(b, int64(d.EndOffset), 10)
	if len(d.Config) > 0 {
		b = append(b, ",\n"...)
		b = append(b, in...)
		b = append(b, `"config": [`...)
		for i, c := range d.Config {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '\n')
			b = append(b, in...)
			b = append(b, "  "...)
			b = appendJSONString(b, c)
		}
		b = append(b, '\n')
		b = append(b, in...)
		b = append(b, ']')
	}
	b = append(b, '\n')
	b = append(b, indent...)
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's string encoding with HTML escaping
// off: quotes, backslashes and control characters escaped, invalid UTF-8
// as \ufffd, and U+2028 and U+2029 escaped (JavaScript reads them as line
// ends).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
