package casefile

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastYAML reads the front matter case files are written in (block
// mappings and sequences of plain or quoted one-line scalars, flow
// sequences of plain scalars, comments) straight into the node tree the
// YAML library builds from it: the same kinds, styles, tags, values, lines
// and columns. The library parses 14 MB/s, about 70 µs and 500 allocations
// for a sample's front matter, a fifth of linting a thousand files;
// this reads it in a few microseconds. Anything else (anchors, tags, block
// scalars, flow mappings, escapes, scalars over several lines, tabs,
// control characters, anything YAML might reject) returns ok false, and
// the library parses the text. Comments are not kept on the nodes: nothing
// in casefile reads them. TestFastYAML and FuzzFastYAML hold it to the
// library's tree.
func fastYAML(src []byte) (doc *yaml.Node, ok bool) {
	p := &fastParser{src: src}
	if !p.lines() {
		return nil, false
	}
	p.next = p.skipBlank(0)
	if p.next == len(p.ls) {
		return nil, false // no content: the library says what that is
	}
	first := p.ls[p.next]
	root, ok := p.block(first.indent)
	if !ok || p.next != len(p.ls) {
		return nil, false
	}
	doc = p.node()
	*doc = yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: []*yaml.Node{root}}
	return doc, true
}

type fastParser struct {
	src   []byte
	ls    []fastLine
	next  int         // the next line to read
	nodes []yaml.Node // nodes are taken from here, a chunk at a time
	// where col last counted to: line, byte and column
	colLine, colByte, colCol int
	depth                    int // blocks open
}

// fastLine is one line: its number (1-based), its text without the line
// break, and the width of its indentation.
type fastLine struct {
	n      int
	text   string
	indent int
	blank  bool // empty, spaces only, or a comment
}

// lines splits the source, refusing what this reader leaves to the library:
// tabs, control characters, carriage returns other than before a line feed,
// the characters YAML also reads as line breaks (NEL, LS, PS), the
// characters it refuses (DEL, the C1 controls, BOM, U+FFFE, U+FFFF), and
// document markers and directives.
func (p *fastParser) lines() bool {
	s := p.src
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
		case c == '\r':
			if i+1 >= len(s) || s[i+1] != '\n' {
				return false
			}
		case c < 0x20 || c == 0x7f:
			return false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError || r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
				return false
			}
			i += size - 1
		}
	}
	// One string for the text: lines, keys and plain values are slices of it.
	text := string(s)
	n := strings.Count(text, "\n") + 1
	p.ls = make([]fastLine, 0, n)
	p.nodes = make([]yaml.Node, 0, 2*n+2) // a key and a value a line, mostly
	n = 0
	for len(text) > 0 {
		n++
		i := strings.IndexByte(text, '\n')
		var line string
		if i < 0 {
			line, text = text, ""
		} else {
			line, text = text[:i], text[i+1:]
		}
		line = strings.TrimSuffix(line, "\r")
		l := fastLine{n: n, text: line}
		for l.indent < len(l.text) && l.text[l.indent] == ' ' {
			l.indent++
		}
		rest := l.text[l.indent:]
		l.blank = rest == "" || rest[0] == '#'
		if !l.blank && (strings.HasPrefix(l.text, "---") || strings.HasPrefix(l.text, "...") || l.text[0] == '%') {
			return false
		}
		p.ls = append(p.ls, l)
	}
	return true
}

func (p *fastParser) skipBlank(i int) int {
	for i < len(p.ls) && p.ls[i].blank {
		i++
	}
	return i
}

// node is a new node, from a chunk.
func (p *fastParser) node() *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 16)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	return &p.nodes[len(p.nodes)-1]
}

// col is the 1-based column, in characters, of byte i of line l. Counting
// resumes from the last column asked on the same line, so a line of 40,000
// flow items costs one pass, not one per item (TestLongFlowListLinear).
func (p *fastParser) col(l fastLine, i int) int {
	if l.n != p.colLine || i < p.colByte {
		p.colLine, p.colByte, p.colCol = l.n, 0, 1
	}
	p.colCol += utf8.RuneCountInString(l.text[p.colByte:i])
	p.colByte = i
	return p.colCol
}

// block reads the mapping or sequence whose lines are indented by indent,
// starting at p.next.
func (p *fastParser) block(indent int) (*yaml.Node, bool) {
	l := p.ls[p.next]
	if l.indent != indent {
		return nil, false
	}
	// Deep nesting is left to the library, which has its own limit.
	if p.depth++; p.depth > 64 {
		return nil, false
	}
	defer func() { p.depth-- }()
	if isEntry(l.text[indent:]) {
		return p.sequence(indent, false)
	}
	return p.mapping(indent, indent)
}

func isEntry(s string) bool { return s == "-" || strings.HasPrefix(s, "- ") }

// sequence reads block sequence entries ("- ...") at indent. An indentless
// one (the entries at the column of the key they are the value of) ends at
// a line there that is not an entry: the mapping's next key.
func (p *fastParser) sequence(indent int, indentless bool) (*yaml.Node, bool) {
	first := p.ls[p.next]
	seq := p.node()
	*seq = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: first.n, Column: p.col(first, indent)}
	for p.next < len(p.ls) {
		l := p.ls[p.next]
		if l.indent < indent {
			break
		}
		if l.indent == indent && !isEntry(l.text[indent:]) && indentless {
			break
		}
		if l.indent > indent || !isEntry(l.text[indent:]) {
			return nil, false
		}
		// The entry's content starts after "- " and any further spaces.
		at := indent + 1
		for at < len(l.text) && l.text[at] == ' ' {
			at++
		}
		if at == len(l.text) || l.text[at] == '#' {
			return nil, false // an entry on the lines below: left to the library
		}
		rest := l.text[at:]
		var item *yaml.Node
		var ok bool
		if k, _, isKey := splitKey(rest); isKey && k != "" && len(k) < 1000 {
			// "- name: x": a mapping whose keys are at this column.
			item, ok = p.mapping(at, at)
		} else {
			item, ok = p.scalarLine(l, at)
			p.next = p.skipBlank(p.next + 1)
			if ok && p.next < len(p.ls) && p.ls[p.next].indent > indent {
				return nil, false // a scalar continued on the next line
			}
		}
		if !ok {
			return nil, false
		}
		seq.Content = append(seq.Content, item)
	}
	return seq, true
}

// mapping reads "key: value" lines with their keys at column indent; the
// first key may sit further right on its line (after "- "), at first.
func (p *fastParser) mapping(indent, first int) (*yaml.Node, bool) {
	l := p.ls[p.next]
	m := p.node()
	*m = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: l.n, Column: p.col(l, first)}
	at := first
	for {
		rest := l.text[at:]
		key, value, isKey := splitKey(rest)
		if !isKey || key == "" || !plainStart(key) || key == "<<" || len(key) >= 1000 {
			// YAML reads a key of more than 1,024 characters as no key.
			return nil, false
		}
		k := p.node()
		*k = yaml.Node{Kind: yaml.ScalarNode, Value: key, Line: l.n, Column: p.col(l, at)}
		k.Tag = resolvedTag(key)
		var v *yaml.Node
		valueAt := len(l.text) - len(value)
		for valueAt < len(l.text) && l.text[valueAt] == ' ' {
			valueAt++
		}
		if valueAt == len(l.text) || l.text[valueAt] == '#' {
			// The value is on the lines below: a nested block, or an
			// indentless sequence ("key:" then "- x" at the key's column).
			p.next = p.skipBlank(p.next + 1)
			if p.next == len(p.ls) {
				return nil, false // an empty value: left to the library
			}
			nl := p.ls[p.next]
			var ok bool
			switch {
			case nl.indent > indent:
				v, ok = p.block(nl.indent)
			case nl.indent == indent && isEntry(nl.text[indent:]):
				v, ok = p.sequence(indent, true)
			}
			if !ok {
				return nil, false
			}
		} else {
			var ok bool
			if v, ok = p.scalarLine(l, valueAt); !ok {
				return nil, false
			}
			p.next = p.skipBlank(p.next + 1)
			if p.next < len(p.ls) && p.ls[p.next].indent > indent {
				return nil, false // a value continued on the next line
			}
		}
		m.Content = append(m.Content, k, v)
		if p.next == len(p.ls) {
			return m, true
		}
		l = p.ls[p.next]
		if l.indent < indent {
			return m, true
		}
		if l.indent > indent || isEntry(l.text[indent:]) {
			return nil, false
		}
		at = indent
	}
}

// splitKey splits "key: value" (or "key:" at the end of the line) at the
// first ": ", reporting whether there is one. The key is trimmed.
func splitKey(s string) (key, value string, ok bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':':
			if i+1 == len(s) || s[i+1] == ' ' {
				return strings.TrimRight(s[:i], " "), s[i+1:], true
			}
		case '#':
			if i > 0 && s[i-1] == ' ' {
				return "", "", false // a comment before any colon
			}
		case '"', '\'':
			if i == 0 {
				return "", "", false // a quoted key: left to the library
			}
		}
	}
	return "", "", false
}

// plainStart reports whether s may be a plain scalar as this reader reads
// them: it starts with a letter, a digit or another character that is no
// YAML indicator, and holds no " #" (a comment) or ": " (a mapping).
func plainStart(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf ||
		c == '(' || c == '.' || c == '/' || c == '_' || c == '+' || c == '$' || c == '=' || c == '~'
	return ok && !strings.Contains(s, " #") && !strings.Contains(s, ": ") && !strings.HasSuffix(s, ":")
}

// scalarLine reads the value at byte at of line l to the end of the line,
// a comment aside: a plain scalar, a quoted one, or a flow sequence of plain
// scalars.
func (p *fastParser) scalarLine(l fastLine, at int) (*yaml.Node, bool) {
	s := l.text[at:]
	n := p.node()
	*n = yaml.Node{Kind: yaml.ScalarNode, Line: l.n, Column: p.col(l, at)}
	switch s[0] {
	case '\'':
		var b strings.Builder
		i := 1
		for {
			j := strings.IndexByte(s[i:], '\'')
			if j < 0 {
				return nil, false // continued on the next line
			}
			b.WriteString(s[i : i+j])
			i += j + 1
			if i < len(s) && s[i] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			break
		}
		if !restIsComment(s[i:]) {
			return nil, false
		}
		n.Value, n.Style, n.Tag = b.String(), yaml.SingleQuotedStyle, "!!str"
		return n, true
	case '"':
		j := strings.IndexByte(s[1:], '"')
		if j < 0 || strings.IndexByte(s[1:1+j], '\\') >= 0 || !restIsComment(s[2+j:]) {
			return nil, false // escapes, or continued on the next line
		}
		n.Value, n.Style, n.Tag = s[1:1+j], yaml.DoubleQuotedStyle, "!!str"
		return n, true
	case '[':
		return p.flowSequence(l, at, n)
	}
	v := s
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimRight(v, " ")
	if !plainStart(v) || v == "<<" {
		return nil, false
	}
	n.Value, n.Tag = v, resolvedTag(v)
	return n, true
}

// restIsComment reports whether what follows a closing quote is nothing,
// spaces, or a comment after a space.
func restIsComment(s string) bool {
	t := strings.TrimLeft(s, " ")
	return t == "" || t[0] == '#' && len(t) < len(s)
}

// flowSequence reads "[a, b]" on one line, plain scalars only.
func (p *fastParser) flowSequence(l fastLine, at int, seq *yaml.Node) (*yaml.Node, bool) {
	*seq = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: l.n, Column: p.col(l, at)}
	s := l.text
	i := at + 1
	for {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i == len(s) {
			return nil, false // continued on the next line
		}
		if s[i] == ']' {
			if len(seq.Content) > 0 {
				return nil, false // "[a, ]": left to the library
			}
			i++
			break
		}
		j := i
		for j < len(s) && !strings.ContainsRune(",?[]{}#:'\"", rune(s[j])) {
			j++
		}
		v := strings.TrimRight(s[i:j], " ")
		if j == len(s) || !plainStart(v) || v == "<<" || (s[j] != ',' && s[j] != ']') {
			return nil, false
		}
		item := p.node()
		*item = yaml.Node{Kind: yaml.ScalarNode, Value: v, Tag: resolvedTag(v), Line: l.n, Column: p.col(l, i)}
		seq.Content = append(seq.Content, item)
		i = j + 1
		if s[j] == ']' {
			break
		}
	}
	if !restIsComment(s[i:]) {
		return nil, false
	}
	return seq, true
}

// resolvedTag is the tag the YAML library gives a plain scalar: it resolves
// one whose node has no tag. A value whose first character cannot begin a
// number, a date, a boolean, null or a merge key is a string to it without
// further look (its resolve hint table: signs, digits, '.', '<' and
// "yYnNtTfFoO~"), so names and words skip the library's attempts to parse
// them.
func resolvedTag(v string) string {
	if c := v[0]; c >= utf8.RuneSelf || c != '+' && c != '-' && c != '.' && c != '<' && !(c >= '0' && c <= '9') && !strings.ContainsRune("yYnNtTfFoO~", rune(c)) {
		return "!!str"
	}
	if isDate(v) {
		return "!!timestamp" // what the library finds, after three failed attempts with other forms
	}
	n := yaml.Node{Kind: yaml.ScalarNode, Value: v}
	return n.ShortTag()
}

// isDate reports whether v is a real date written YYYY-MM-DD.
func isDate(v string) bool {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return false
	}
	num := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return -1
			}
			n = n*10 + int(s[i]-'0')
		}
		return n
	}
	y, m, d := num(v[:4]), num(v[5:7]), num(v[8:])
	if y < 0 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}
