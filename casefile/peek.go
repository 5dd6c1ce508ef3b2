package casefile

import (
	"bytes"
	"strings"
)

// PeekCase looks at a file's front matter without parsing it: ok reports
// whether the file opens with a front-matter block holding a top-level
// `case:` key, and ref is that key's value when it is written as a plain or
// quoted scalar on the same line ("" otherwise). A folder walk uses it to
// tell case files from the README.md beside them, and a sharded run to
// place a file by its case reference, for thousands of files before any is
// parsed. It is deliberately tolerant: front matter with broken YAML
// elsewhere, or never closed, is still a case file (a broken one, which
// the full parse reports); a case file without a case: key is not one
// this look can recognise.
func PeekCase(src []byte) (ref string, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	line, rest := nextLine(src)
	if !isFence(line, "---") {
		return "", false
	}
	for len(rest) > 0 {
		line, rest = nextLine(rest)
		if isFence(line, "---") || isFence(line, "...") {
			break
		}
		v, found := bytes.CutPrefix(line, []byte("case"))
		if !found {
			continue
		}
		v = bytes.TrimLeft(v, " \t")
		if len(v) == 0 || v[0] != ':' {
			continue
		}
		return scalarValue(string(v[1:])), true
	}
	return "", false
}

func nextLine(b []byte) (line, rest []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return bytes.TrimSuffix(b, []byte("\r")), nil
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:]
}

// scalarValue reads a one-line YAML scalar: 'quoted', "quoted" (without
// escapes beyond \" and \\), or plain up to a comment. Anything else (a
// block scalar, a flow collection, an alias) gives "".
func scalarValue(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return ""
	case s[0] == '\'':
		if end := strings.LastIndexByte(s, '\''); end > 0 {
			return strings.ReplaceAll(s[1:end], "''", "'")
		}
		return ""
	case s[0] == '"':
		if end := strings.LastIndexByte(s, '"'); end > 0 {
			return strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(s[1:end])
		}
		return ""
	case strings.ContainsRune("|>[{&*!%@`", rune(s[0])):
		return ""
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
