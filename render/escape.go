package render

import (
	"strings"
)

// escapeMarkdown makes s print literally in Markdown: punctuation that could
// start markup is backslash-escaped, and a line break becomes <br>, which
// the renderer draws as a new line (maroto drops a raw "\n").
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	atStart := true
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if b.Len() == 0 && (ch == ' ' || ch == '\t') {
			// Leading blanks print as nothing, and four of them where a
			// template puts the value at the start of a line would make it
			// an indented code block.
			continue
		}
		switch ch {
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // CRLF: the LF breaks the line
			}
			b.WriteString("<br>") // a lone CR is a line break too, never dropped
			atStart = true
			continue
		case '\n':
			b.WriteString("<br>")
			atStart = true
			continue
		case '\t':
			b.WriteByte(' ')
			continue
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!', '#':
			b.WriteByte('\\')
		case '-', '+', '=':
			if atStart {
				b.WriteByte('\\')
			}
		case '.', ')':
			// "1. " or "1) " at the start would be a list item.
			if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' && onlyDigitsBefore(s, i) {
				b.WriteByte('\\')
			}
		}
		if ch != ' ' {
			atStart = false
		}
		b.WriteByte(ch)
	}
	return b.String()
}

func onlyDigitsBefore(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		j--
	}
	for k := j - 1; k >= 0; k-- {
		if s[k] == '\n' {
			return true
		}
		if s[k] != ' ' {
			return false
		}
	}
	return true
}
