package casefile

import (
	"bytes"
	"fmt"
	"strings"
)

const checkLayout = "check the indentation and that every field is written 'key: value'"

// explainYAML turns the YAML parser's message for a syntax error on line
// (prev is the field line above it, nil when there is none) into what the
// writer should do about it, and the fix to suggest (where the line allows
// one, the line as it should be written). The parser's own words
// ("mapping values are not allowed in this context") describe its state, not
// the mistake; the mistakes behind them are few and known.
func explainYAML(msg string, line, prev []byte) (what, fix string) {
	text := string(bytes.TrimRight(line, " \t\r"))
	indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	key, value, hasValue := splitField(text)
	quoted := func() string { return key + ": " + yamlQuote(value) }
	switch {
	case strings.Contains(indent, "\t"):
		return "this line is indented with a tab; YAML needs spaces", "indent it with spaces, as the lines around it are"
	case strings.Contains(msg, "mapping values are not allowed"):
		if hasValue && strings.Contains(value, ": ") {
			return fmt.Sprintf("the value of %s contains ': ', which YAML reads as the start of another field; put the whole value in double quotes", key), quoted()
		}
		return "this line is indented under a field that already has a value on its own line" + indentNote(text, prev), "line it up with the fields around it (the same number of spaces)"
	case strings.Contains(msg, "did not find expected key"):
		if hasValue && (value[0] == '"' || value[0] == '\'') && closingQuote(value) < len(value)-1 {
			return fmt.Sprintf("the value of %s has text after its closing quote; put the whole value inside the quotes", key), key + ": " + yamlQuote(strings.ReplaceAll(value, string(value[0]), ""))
		}
		return "this line is not lined up with the fields above it" + indentNote(text, prev), "give it the same number of spaces as the other fields of its group (for example, child's fields two spaces in)"
	case strings.Contains(msg, "end of stream") && strings.ContainsAny(text, "\"'"),
		strings.Contains(msg, "could not find expected ':'") && strings.ContainsAny(text, "\"'"):
		return "a quote on this line is not closed", "close the quote at the end of the value, or remove it"
	case strings.Contains(msg, "could not find expected ':'"):
		return "this line is not written 'key: value'", checkLayout
	case strings.Contains(msg, "cannot start any token"):
		if hasValue {
			return fmt.Sprintf("the value of %s starts with '%c', which YAML does not allow at the start of a value; put the whole value in double quotes", key, value[0]), quoted()
		}
		return "this line starts with a character YAML does not allow there", checkLayout
	case strings.Contains(msg, "unknown anchor"):
		return fmt.Sprintf("the value of %s starts with '*', which YAML reads as a reference to another value; put the whole value in double quotes", key), quoted()
	case strings.Contains(msg, "did not find expected alphabetic or numeric character"),
		strings.Contains(msg, "did not find expected whitespace or line break"),
		strings.Contains(msg, "found undefined tag handle"):
		if hasValue {
			return fmt.Sprintf("the value of %s starts with '%c', which has a meaning in YAML; put the whole value in double quotes", key, value[0]), quoted()
		}
		return "this line starts with a character that has a meaning in YAML", checkLayout
	case strings.Contains(msg, "expected ',' or ']'"):
		return "a list written between [ and ] is not closed, or a value on this line starts with '['", "close the list with ']', or put the value in double quotes"
	case strings.Contains(msg, "expected ',' or '}'"):
		return "a group written between { and } is not closed, or a value on this line starts with '{'", "close it with '}', or put the value in double quotes"
	case strings.Contains(msg, "unknown escape character"):
		return fmt.Sprintf("the value of %s is in double quotes and contains a backslash, which starts an escape sequence there", key), "use single quotes around the value instead: " + key + ": '" + strings.Trim(value, "\"") + "'"
	case strings.Contains(msg, "block sequence entries are not allowed"):
		return "a list item ('- ') must start on a line of its own, under its field and indented", "write the field on one line ('attendees:') and each item on the lines below it ('  - name: ...')"
	case strings.Contains(msg, "did not find expected '-' indicator"):
		return "the items of a list are not lined up", "start every '- ' of the list with the same number of spaces"
	case strings.Contains(msg, "control characters are not allowed"):
		return "this line contains an invisible control character", "delete the line and type it again"
	}
	return msg, checkLayout
}

// indentNote says how the line's indentation differs from the line above.
func indentNote(line string, prev []byte) string {
	if prev == nil {
		return ""
	}
	n := len(line) - len(strings.TrimLeft(line, " "))
	p := len(prev) - len(bytes.TrimLeft(prev, " "))
	if n == p {
		return ""
	}
	return fmt.Sprintf(": it starts after %s, the line above after %d", plural(n, "space"), p)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// splitField splits a front-matter line "  - key: value # comment" into key
// and value (the comment dropped). hasValue is false when the line has no
// "key: " or nothing after it.
func splitField(line string) (key, value string, hasValue bool) {
	t := strings.TrimLeft(line, " \t")
	t = strings.TrimPrefix(t, "- ")
	i := strings.Index(t, ": ")
	if i <= 0 {
		return strings.TrimSuffix(t, ":"), "", false
	}
	key, value = t[:i], strings.TrimSpace(t[i+2:])
	if value != "" && value[0] != '"' && value[0] != '\'' {
		if j := strings.Index(value, " #"); j >= 0 {
			value = strings.TrimSpace(value[:j])
		}
	}
	return key, value, value != ""
}

// closingQuote is the index of the quote that closes the quoted value v
// (v[0] is the opening quote), or len(v) when it is not closed.
func closingQuote(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return len(v)
}

var quoteEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// yamlQuote writes s as a YAML double-quoted string.
func yamlQuote(s string) string {
	return `"` + quoteEscaper.Replace(s) + `"`
}
