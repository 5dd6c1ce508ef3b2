package lint

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A patternSet matches many expressions over one statement, the way a
// multi-pattern matcher does: one pass over the statement's lower-cased
// bytes finds every occurrence of every expression's literals, and an
// expression then runs only where one of its literals says a match may
// begin, anchored there. Run unanchored, Go's backtracking engine tries the
// whole expression at every byte of the statement: a detector of thirty
// number words cost 5-20 µs a statement it did not match, though its
// literals occur in it nowhere at a word boundary. Anchored at the two or
// three places a match could start, the same answer costs a few hundred
// nanoseconds.
//
// The answers are exactly the expression's own. An expression whose every
// match begins with one of a finite set of strings (its start literals,
// worked out from the parsed expression, case folding included) runs only
// at their occurrences, in order, from the end of the previous match, which
// is how regexp finds successive matches: a match can begin nowhere else,
// so the first that succeeds is the leftmost. The anchored form, `\A(?s:.)`
// then the expression, reads the one character before the occurrence
// first, so that \b and the like see what they see in the whole text. An
// expression without start literals (one that may begin with any
// character) runs on the whole statement, as before. Both kinds keep the
// literal prefilter they had: an expression none of whose required
// literals occurs does not run.
type patternSet struct {
	pats []setPattern
	base []int // where each group's expressions start, and the end
	// words holds the start literals an expression asserts \b before and
	// that begin with a letter or digit: they are looked for only where a
	// word begins. other holds the rest, looked for at every byte.
	words, other trie
}

// setPattern is one expression of a set.
type setPattern struct {
	m       matcher // the expression and its required literals
	onLower bool    // it runs on the lower-cased text (a detector), not the text
	anchor  bool    // every match begins at an occurrence of a start literal
	// impliedGate: any match contains one of the required literals as the
	// lower-cased text spells it (they are ASCII or have no case), so the
	// prefilter cannot turn a match away and need not be asked.
	impliedGate bool
	// afterChar is the expression after one character of context; atStart
	// is it at the start of the text. Compiled on first use, like m; a
	// built-in expression's are shared by every set (builtinState).
	afterChar, atStart *lazyRegexp
	// padStart: at the start of the text the expression runs as it does
	// after a character, on the text after a space. It asserts neither ^
	// nor \A, and to \b and \B a space before the text is what the start
	// of the text is, a character that is not a word character, so the
	// answer is the same; and it is one expression compiled, not two.
	padStart bool
}

// patternGroup is expressions of a set that run on the same text: the
// ASCII-lower-cased statement (onLower: the detectors, written in lower
// case) or the statement as written (rules.yaml's phrases, with (?i)).
type patternGroup struct {
	ms      []matcher
	onLower bool
	parsed  []*syntax.Regexp // ms parsed, when the caller has them; nil (or a nil entry) parses them here
}

// newPatternSet builds a set of groups of expressions; expression j of
// group g is expression ps.base[g]+j of the set. What `go generate` worked
// out for the built-in expressions (builtin.go) is read, not derived again.
func newPatternSet(groups ...patternGroup) *patternSet { return buildPatternSet(true, groups...) }

// buildPatternSet is newPatternSet; without tables it derives everything
// from the expressions, as it does for a user's (the generator and the
// tests' way).
func buildPatternSet(tables bool, groups ...patternGroup) *patternSet {
	ps := &patternSet{}
	var bs *builtinSet
	if tables {
		bs = builtinSetOf(groups)
	}
	var words, other map[string][]setRef
	if bs == nil {
		words, other = map[string][]setRef{}, map[string][]setRef{}
	}
	for _, g := range groups {
		ps.base = append(ps.base, len(ps.pats))
		for j, m := range g.ms {
			i := len(ps.pats)
			p := setPattern{m: m, onLower: g.onLower}
			b := -1
			switch {
			case bs != nil:
				b = int(bs.exprs[i])
			case tables:
				b = builtinIndex(m.src)
			}
			var starts []startLit
			if b >= 0 {
				f, st := &builtinExprs[b], &builtinState[b]
				m.lazy.litsOnce.Do(func() { m.lazy.lits = f.lits })
				p.impliedGate, p.anchor, p.padStart, starts = f.impliedGate, f.anchor, f.padStart, f.starts
				if p.anchor {
					p.afterChar, p.atStart = &st.after, &st.atStart
				}
			} else {
				var re *syntax.Regexp
				err := error(nil)
				if g.parsed != nil && g.parsed[j] != nil {
					re = g.parsed[j]
				} else if re, err = syntax.Parse(m.src, syntax.Perl); err == nil {
					// The prefilter from the same parse, if it is not derived yet.
					m.lazy.litsOnce.Do(func() { m.lazy.lits = prefilter(re) })
				}
				p.impliedGate = caseless(m.literals())
				if err == nil {
					starts, p.anchor = startLiterals(re)
					p.padStart = !assertsStart(re)
					if p.anchor {
						p.afterChar, p.atStart = &lazyRegexp{}, &lazyRegexp{}
					}
				}
			}
			if p.anchor && bs == nil {
				for _, s := range starts {
					r := setRef{expr: int32(i), boundary: s.boundary}
					into := other
					if s.boundary && isWordByte(s.s[0]) {
						into, r.boundary = words, false // a word start is the boundary
					}
					if !slices.Contains(into[s.s], r) {
						into[s.s] = append(into[s.s], r)
					}
				}
			}
			ps.pats = append(ps.pats, p)
		}
	}
	ps.base = append(ps.base, len(ps.pats))
	if bs != nil {
		ps.words, ps.other = bs.words, bs.other
	} else {
		ps.words, ps.other = newTrie(words), newTrie(other)
	}
	return ps
}

// assertsStart reports whether re has a ^ or \A anywhere.
func assertsStart(re *syntax.Regexp) bool {
	if re.Op == syntax.OpBeginLine || re.Op == syntax.OpBeginText {
		return true
	}
	return slices.ContainsFunc(re.Sub, assertsStart)
}

// caseless reports whether lits are spelt as any text that matches them
// reads lower-cased: every character ASCII or without case.
func caseless(lits []string) bool {
	for _, l := range lits {
		for _, r := range l {
			if r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
				return false
			}
		}
	}
	return true
}

// anchored is the expression anchored at the start of the text (first) or
// after its first character, compiled on first use.
func (p *setPattern) anchored(first bool) *regexp.Regexp {
	if first {
		p.atStart.once.Do(func() { p.atStart.re = regexp.MustCompile(`\A(?:` + p.m.src + `)`) })
		return p.atStart.re
	}
	p.afterChar.once.Do(func() {
		p.afterChar.re = regexp.MustCompile(`\A(?s:.)(?:` + p.m.src + `)`)
		p.afterChar.ready.Store(true)
	})
	return p.afterChar.re
}

// setScan is what one pass found in one text: where each expression's
// matches may begin. It is reused from text to text.
type setScan struct {
	set         *patternSet
	text, lower string
	folded      bool    // the text has a character the start literals leave out
	gate        []uint8 // the prefilter's answer, asked once: 0 not yet, 1 may match, 2 cannot
	first, last []int32 // the expression's first and last start, as an index+1 into pos
	pos, next   []int32 // each start: where, and the expression's next start (index+1)
	// padded is the text and the lower-cased text after a space, made
	// when an expression with padStart first runs at offset 0.
	padded [2][]byte
	padOK  [2]bool
}

// scan finds the start literals of every expression of the set in text
// (lower is text ASCII-lower-cased: the same bytes, so the same offsets).
func (ps *patternSet) scan(text, lower string, sc *setScan) {
	n := len(ps.pats)
	sc.set, sc.text, sc.lower = ps, text, lower
	sc.gate = resize(sc.gate, n)
	sc.first = resize(sc.first, n)
	sc.last = resize(sc.last, n)
	sc.pos, sc.next = sc.pos[:0], sc.next[:0]
	sc.padOK = [2]bool{}
	// The two characters that fold to ASCII letters from outside ASCII
	// (the long s and the Kelvin sign) are left out of the start literals,
	// which keeps them few; a text that has one runs every expression on
	// the whole text instead, as it did before the set.
	sc.folded = strings.Contains(text, "\u017f") || strings.Contains(text, "\u212a")
	if sc.folded {
		return
	}
	inWord := false
	for i := 0; i < len(lower); i++ {
		c := lower[i]
		w := isWordByte(c)
		if w && !inWord {
			ps.words.find(lower, i, sc)
		}
		inWord = w
		if ps.other.root[c] != 0 {
			ps.other.find(lower, i, sc)
		}
	}
}

// hit records start literals found at offset i.
func (sc *setScan) hit(refs []setRef, i int) {
	for _, r := range refs {
		if r.boundary {
			// The expression asserts \b before a literal that begins with
			// no word character: only ASCII letters, digits and _ are word
			// characters to regexp, so the byte before tells.
			if i == 0 || !isWordByte(sc.lower[i-1]) {
				continue
			}
		}
		if l := sc.last[r.expr]; l > 0 && sc.pos[l-1] == int32(i) {
			continue // another start literal at the same offset
		}
		sc.pos = append(sc.pos, int32(i))
		sc.next = append(sc.next, 0)
		h := int32(len(sc.pos))
		if l := sc.last[r.expr]; l > 0 {
			sc.next[l-1] = h
		} else {
			sc.first[r.expr] = h
		}
		sc.last[r.expr] = h
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// subject is the string expression i runs on.
func (sc *setScan) subject(i int) string {
	if sc.set.pats[i].onLower {
		return sc.lower
	}
	return sc.text
}

// gated reports whether expression i's prefilter lets the text through.
func (sc *setScan) gated(i int) bool {
	if sc.gate[i] == 0 {
		sc.gate[i] = 2
		if sc.set.pats[i].m.mightMatch(sc.lower) {
			sc.gate[i] = 1
		}
	}
	return sc.gate[i] == 1
}

// whole reports whether expression i runs on the whole text, as it would
// alone, rather than at its start literals: it has none, or the text has a
// character they leave out. Otherwise ok says whether it may match at all.
func (sc *setScan) whole(i int) (whole, ok bool) {
	p := &sc.set.pats[i]
	if !p.anchor || sc.folded {
		return true, sc.gated(i)
	}
	if sc.first[i] == 0 {
		return false, false
	}
	// With a few required literals the prefilter is cheaper than the
	// anchored attempts it saves ("permitting" after any word); with many,
	// where a match implies them, the attempts decide alone, once the
	// expression is compiled: before, the prefilter is much cheaper than
	// compiling it, and where it turns the text away the expression need
	// not be compiled at all (5 of 14 compiles in a one-file process).
	// Either way the answer is the expression's.
	return false, p.impliedGate && len(p.m.literals()) > cheapGate && p.afterChar.ready.Load() || sc.gated(i)
}

// cheapGate is how many required literals are looked for, one
// strings.Contains each, before an anchored attempt.
const cheapGate = 8

// matchAt matches expression i anchored at offset p of s, returning the end
// of the match or -1.
func (sc *setScan) matchAt(i int, s string, p int) int {
	pat := &sc.set.pats[i]
	if p == 0 && pat.padStart {
		if loc := pat.anchored(false).FindIndex(sc.pad(pat.onLower, s)); loc != nil {
			return loc[1] - 1
		}
		return -1
	}
	if p == 0 {
		if loc := pat.anchored(true).FindStringIndex(s); loc != nil {
			return loc[1]
		}
		return -1
	}
	_, w := utf8.DecodeLastRuneInString(s[:p])
	if loc := pat.anchored(false).FindStringIndex(s[p-w:]); loc != nil {
		return p - w + loc[1]
	}
	return -1
}

// matchesAt reports whether expression i matches at offset p of s: matchAt
// without finding where the match ends, which the engine may stop short of.
func (sc *setScan) matchesAt(i int, s string, p int) bool {
	pat := &sc.set.pats[i]
	if p == 0 && pat.padStart {
		return pat.anchored(false).Match(sc.pad(pat.onLower, s))
	}
	if p == 0 {
		return pat.anchored(true).MatchString(s)
	}
	_, w := utf8.DecodeLastRuneInString(s[:p])
	return pat.anchored(false).MatchString(s[p-w:])
}

// pad is s, the text or the lower-cased text, after a space.
func (sc *setScan) pad(lower bool, s string) []byte {
	k := 0
	if lower {
		k = 1
	}
	if !sc.padOK[k] {
		sc.padded[k] = append(append(sc.padded[k][:0], ' '), s...)
		sc.padOK[k] = true
	}
	return sc.padded[k]
}

// matches reports whether expression i matches the text.
func (sc *setScan) matches(i int) bool {
	whole, ok := sc.whole(i)
	switch {
	case !ok:
		return false
	case whole:
		return sc.set.pats[i].m.re().MatchString(sc.subject(i))
	}
	s := sc.subject(i)
	for h := sc.first[i]; h > 0; h = sc.next[h-1] {
		if sc.matchesAt(i, s, int(sc.pos[h-1])) {
			return true
		}
	}
	return false
}

// anyOf reports whether any expression of group g matches the text.
func (sc *setScan) anyOf(g int) bool {
	for i := sc.set.base[g]; i < sc.set.base[g+1]; i++ {
		if sc.matches(i) {
			return true
		}
	}
	return false
}

// findAll appends to dst the successive non-overlapping matches of
// expression i, as regexp's FindAllStringIndex(s, -1) finds them.
func (sc *setScan) findAll(i int, dst [][2]int) [][2]int {
	whole, ok := sc.whole(i)
	switch {
	case !ok:
		return dst
	case whole:
		for _, m := range sc.set.pats[i].m.re().FindAllStringIndex(sc.subject(i), -1) {
			dst = append(dst, [2]int{m[0], m[1]})
		}
		return dst
	}
	s := sc.subject(i)
	end := 0
	for h := sc.first[i]; h > 0; h = sc.next[h-1] {
		p := int(sc.pos[h-1])
		if p < end {
			continue
		}
		if e := sc.matchAt(i, s, p); e >= 0 {
			// Every match is non-empty (it begins with a literal), so
			// the next starts at or after this one's end.
			dst = append(dst, [2]int{p, e})
			end = e
		}
	}
	return dst
}

// setRef is an expression a start literal begins matches of.
type setRef struct {
	expr     int32
	boundary bool // the expression asserts \b before it, and it begins with no word character
}

// trie finds which of many literals begin at an offset, in one walk down
// from the offset's byte: each distinct literal once, however many
// expressions read it (the number words begin eight detectors). Each
// node's edges are a run of keys and kids, all nodes' in two slices.
type trie struct {
	root  [256]int32 // the node of each first byte, 0 for none
	nodes []trieNode // nodes[0] is unused
	keys  string     // the edges' bytes, each node's in a run
	kids  []int32    // the edges' nodes
}

type trieNode struct {
	refs     []setRef // the literal that ends here begins these expressions' matches
	from, to int32    // the node's edges: keys[from:to], kids[from:to]
}

func newTrie(lits map[string][]setRef) trie {
	keys := make([]string, 0, len(lits))
	for l := range lits {
		if l != "" {
			keys = append(keys, l)
		}
	}
	// Built a level at a time: level k's nodes are the literals' distinct
	// k-byte prefixes, in sorted order, so each node's edges are one run.
	slices.Sort(keys)
	t := trie{nodes: make([]trieNode, 1)}
	var edges []byte // t.keys
	type prefixNode struct {
		prefix string
		node   int32
	}
	level := []prefixNode{}
	for _, l := range keys {
		if len(level) == 0 || level[len(level)-1].prefix != l[:1] {
			n := int32(len(t.nodes))
			t.nodes = append(t.nodes, trieNode{})
			t.root[l[0]] = n
			level = append(level, prefixNode{l[:1], n})
		}
	}
	for depth := 1; len(level) > 0; depth++ {
		var next []prefixNode
		i := 0
		for _, pn := range level {
			node := &t.nodes[pn.node]
			node.refs = lits[pn.prefix]
			node.from = int32(len(edges))
			// The keys extending this prefix by one byte, in order.
			for i < len(keys) && keys[i] < pn.prefix {
				i++
			}
			for j := i; j < len(keys) && strings.HasPrefix(keys[j], pn.prefix); j++ {
				if len(keys[j]) <= depth {
					continue
				}
				ext := keys[j][:depth+1]
				if len(next) > 0 && next[len(next)-1].prefix == ext {
					continue
				}
				n := int32(len(t.nodes))
				t.nodes = append(t.nodes, trieNode{})
				node = &t.nodes[pn.node] // append may have moved it
				edges = append(edges, ext[depth])
				t.kids = append(t.kids, n)
				next = append(next, prefixNode{ext, n})
			}
			node.to = int32(len(edges))
		}
		level = next
	}
	t.keys = string(edges)
	return t
}

// find records every literal of t that begins at offset i of lower.
func (t *trie) find(lower string, i int, sc *setScan) {
	n := t.root[lower[i]]
	for j := i + 1; n != 0; j++ {
		node := &t.nodes[n]
		if len(node.refs) > 0 {
			sc.hit(node.refs, i)
		}
		if j == len(lower) {
			return
		}
		c := lower[j]
		n = 0
		for k := node.from; k < node.to; k++ {
			if t.keys[k] == c {
				n = t.kids[k]
				break
			}
		}
	}
}

// maxStarts bounds the start literals of one expression.
const maxStarts = 64

// startLit is a string every match of an expression may begin with, as it
// reads in the lower-cased text.
type startLit struct {
	s        string
	boundary bool // the expression asserts \b before it
}

// startLiterals returns strings, as they read in the ASCII-lower-cased
// text, one of which begins every match of re, and whether there are such:
// not when a match may be empty or begin with any character. A set cut
// short (a prefix of each) is still such a set.
func startLiterals(re *syntax.Regexp) ([]startLit, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		out := []startLit{{}}
		for _, r := range re.Rune {
			imgs := runeImages(r, re.Flags&syntax.FoldCase != 0)
			if len(imgs) == 0 {
				break // a folding character: what comes before it still starts every match
			}
			if len(out)*len(imgs) > maxStarts {
				break
			}
			out = productStarts(out, imgs)
		}
		return out, len(out) > 0 && out[0].s != ""
	case syntax.OpCharClass:
		imgs, ok := classImages(re.Rune)
		if !ok {
			return nil, false
		}
		out := make([]startLit, len(imgs))
		for i, s := range imgs {
			out[i] = startLit{s: s}
		}
		return out, true
	case syntax.OpCapture, syntax.OpPlus:
		return startLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return startLiterals(re.Sub[0])
		}
	case syntax.OpAlternate:
		var out []startLit
		for _, s := range re.Sub {
			sub, ok := startLiterals(s)
			if !ok || len(out)+len(sub) > maxStarts {
				return nil, false
			}
			out = append(out, sub...)
		}
		return out, true
	case syntax.OpConcat:
		return concatStarts(re.Sub)
	}
	return nil, false
}

// concatStarts is startLiterals of a concatenation: its leading assertions
// (a \b is kept with the literals), then the strings its first elements
// spell together. Once every string is three bytes long they are extended
// only by single strings: "will" followed by any of five spaces is kept as
// "will" rather than five literals.
func concatStarts(subs []*syntax.Regexp) ([]startLit, bool) {
	i, boundary := 0, false
	for ; i < len(subs) && zeroWidth(subs[i].Op); i++ {
		boundary = boundary || subs[i].Op == syntax.OpWordBoundary
	}
	first := i
	out := []startLit{{}}
	widen := func(n int) bool { return len(out)*n <= maxStarts && (n == 1 || shortestStart(out) < 3) }
	for ; i < len(subs); i++ {
		if fin, ok := finiteImages(subs[i]); ok && widen(len(fin)) {
			next := make([]startLit, 0, len(out)*len(fin))
			for _, o := range out {
				for _, f := range fin {
					next = append(next, startLit{s: o.s + f})
				}
			}
			out = next
			continue
		}
		if op := subs[i].Op; len(out) == 1 && out[0].s == "" && (op == syntax.OpQuest || op == syntax.OpStar || op == syntax.OpRepeat && subs[i].Min == 0) {
			// An optional element first: a match begins as it does, or as
			// the rest does.
			sub, ok := startLiterals(subs[i].Sub[0])
			if !ok || i+1 == len(subs) {
				return nil, false
			}
			rest, ok := concatStarts(subs[i+1:])
			if !ok || len(sub)+len(rest) > maxStarts {
				return nil, false
			}
			out = append(sub, rest...)
			for i := range out {
				out[i].boundary = out[i].boundary || boundary
			}
			return minimalStarts(out), true
		}
		if sub, ok := startLiterals(subs[i]); ok && widen(len(sub)) {
			next := make([]startLit, 0, len(out)*len(sub))
			for _, o := range out {
				for _, s := range sub {
					if o.s == "" {
						next = append(next, s) // its own \b, if any, is at the start
					} else {
						next = append(next, startLit{s: o.s + s.s})
					}
				}
			}
			out = next
			i++
		}
		break
	}
	// Where the elements so far matched nothing, a match begins as the
	// rest of the concatenation does.
	if j := slices.IndexFunc(out, func(l startLit) bool { return l.s == "" }); j >= 0 {
		out = slices.Delete(out, j, j+1)
		if i >= len(subs) || i == first {
			return nil, false // the whole may match nothing, or begin with anything
		}
		rest, ok := concatStarts(subs[i:])
		if !ok || len(out)+len(rest) > maxStarts {
			return nil, false
		}
		out = append(out, rest...)
	}
	for i := range out {
		out[i].boundary = out[i].boundary || boundary
	}
	return minimalStarts(out), len(out) > 0
}

func shortestStart(ls []startLit) int {
	n := -1
	for _, l := range ls {
		if n < 0 || len(l.s) < n {
			n = len(l.s)
		}
	}
	return n
}

// minimalStarts drops the literals another literal of the set begins ("twice"
// makes "twice " redundant), unless only the longer is free of a \b.
func minimalStarts(ls []startLit) []startLit {
	out := ls[:0]
	for i, l := range ls {
		redundant := false
		for j, m := range ls {
			if i != j && strings.HasPrefix(l.s, m.s) && (!m.boundary || l.boundary) && (len(m.s) < len(l.s) || j < i) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, l)
		}
	}
	return out
}

func zeroWidth(op syntax.Op) bool {
	switch op {
	case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	return false
}

func productStarts(out []startLit, imgs []string) []startLit {
	next := make([]startLit, 0, len(out)*len(imgs))
	for _, o := range out {
		for _, s := range imgs {
			next = append(next, startLit{s: o.s + s})
		}
	}
	return next
}

// asciiImages are the ASCII characters as they read lower-cased, one string
// each, so that deriving start literals does not allocate them.
// Built on first use: no work at package level (go test ./cmd/sendgen).
var asciiImages = sync.OnceValue(func() *[utf8.RuneSelf]string {
	var t [utf8.RuneSelf]string
	for i := range t {
		t[i] = lowerASCII(string(rune(i)))
	}
	return &t
})

// foldsToASCII are the two characters outside ASCII that case folding
// matches with an ASCII letter: the long s (s) and the Kelvin sign (k).
// The start literals leave them out; a text holding one is matched without
// start literals (setScan.folded).
func foldsToASCII(r rune) bool { return r == '\u017f' || r == '\u212a' }

// runeImages are the ways rune r, matched with or without case folding,
// reads in the lower-cased text ("K" folded is "k"), the two folding
// characters left out.
func runeImages(r rune, fold bool) []string {
	if r < utf8.RuneSelf {
		// An ASCII letter folds only to its other case, which reads as
		// this one lower-cased, and to the two characters left out.
		return asciiImages()[r : r+1]
	}
	var out []string
	if !foldsToASCII(r) {
		out = append(out, lowerASCII(string(r)))
	}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if s := lowerASCII(string(f)); !foldsToASCII(f) && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// classImages are the characters of a class as they read in the
// lower-cased text, when there are few (the two folding characters left
// out).
func classImages(ranges []rune) ([]string, bool) {
	var out []string
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i+1]-ranges[i] >= maxStarts {
			return nil, false
		}
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			var s string
			if r < utf8.RuneSelf {
				s = asciiImages()[r]
			} else {
				s = string(r)
			}
			if !foldsToASCII(r) && !slices.Contains(out, s) {
				out = append(out, s)
			}
			if len(out) > maxStarts {
				return nil, false
			}
		}
	}
	return out, len(out) > 0
}

// finiteImages returns every string re can match, as it reads in the
// lower-cased text, when it matches only a few fixed strings.
func finiteImages(re *syntax.Regexp) ([]string, bool) { return spellOut(re, imageLeaf, maxStarts) }

// imageLeaf spells a literal or a character class as it reads in the
// lower-cased text, case folding included.
func imageLeaf(re *syntax.Regexp) ([]string, bool) {
	if re.Op == syntax.OpCharClass {
		return classImages(re.Rune)
	}
	out := []string{""}
	for _, r := range re.Rune {
		imgs := runeImages(r, re.Flags&syntax.FoldCase != 0)
		if len(out)*len(imgs) > maxStarts {
			return nil, false
		}
		out = product(out, imgs)
	}
	return out, true
}

// scanPool holds the scratch of a scan, so that a statement's costs
// nothing to allocate.
var scanPool = sync.Pool{New: func() any { return new(setScan) }}
