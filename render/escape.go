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
	line := 0 // where the line being written starts in b
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
			atStart, line = true, b.Len()
			continue
		case '\n':
			b.WriteString("<br>")
			atStart, line = true, b.Len()
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
			// "1. " or "1) " at the start would be a list item. What is
			// asked is what was written, where a tab is already a space.
			if onlyDigitsSoFar(b.String()[line:]) {
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

// onlyDigitsSoFar reports whether a line written so far is digits after
// blanks: a "." or ")" after it would make the line a list item.
func onlyDigitsSoFar(line string) bool {
	line = strings.TrimLeft(line, " ")
	if line == "" {
		return false
	}
	for i := 0; i < len(line); i++ {
		if line[i] < '0' || line[i] > '9' {
			return false
		}
	}
	return true
}
