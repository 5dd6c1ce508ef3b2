package lint

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"sync/atomic"
)

// matcher is a compiled regular expression with a literal prefilter, the
// technique Vale uses: most phrases appear in almost no statement, and a
// strings.Contains over a lower-cased copy is far cheaper than running a
// case-insensitive regular expression that will not match. The prefilter
// is a set of literals of which every match must contain at least one; an
// empty set means "cannot tell", and the expression always runs.
//
// The expression itself is compiled on first use: most phrases never get
// past their prefilter in a given run, and compiling all of them up front
// was most of a one-file run's start-up. The built-in detectors' prefilters
// are derived on first use too (parsing them was most of the package's
// initialisation, paid by every command, `sendgen --help` included).
type matcher struct {
	src  string
	lazy *lazyRegexp
}

type lazyRegexp struct {
	once     sync.Once
	re       *regexp.Regexp
	ready    atomic.Bool // re is compiled (set where something asks)
	litsOnce sync.Once
	lits     []string
}

func (m matcher) re() *regexp.Regexp {
	m.lazy.once.Do(func() { m.lazy.re = regexp.MustCompile(m.src) })
	return m.lazy.re
}

// newMatcher parses src (reporting syntax errors now, as regexp.Compile
// would) and derives its prefilter; compiling waits until it is needed.
func newMatcher(src string) (matcher, error) {
	m, _, err := parseMatcher(src)
	return m, err
}

// parseMatcher is newMatcher that also returns the parsed expression, for
// a pattern set to read its start literals from without parsing it again.
func parseMatcher(src string) (matcher, *syntax.Regexp, error) {
	p, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return matcher{}, nil, err
	}
	m := matcher{src: src, lazy: &lazyRegexp{}}
	m.lazy.litsOnce.Do(func() { m.lazy.lits = prefilter(p) })
	return m, p, nil
}

// mustMatcher is newMatcher for the built-in expressions, which are known
// to parse (the tests run every one): parsing waits until first use.
func mustMatcher(src string) matcher {
	return matcher{src: src, lazy: &lazyRegexp{}}
}

// prefilter is the literal set of p, or nil for "cannot tell".
func prefilter(p *syntax.Regexp) []string {
	if lits, ok := required(p); ok {
		return lits
	}
	return nil
}

// literals returns the prefilter, deriving it on first use (reading it
// from builtinExprs for a built-in expression).
func (m matcher) literals() []string {
	m.lazy.litsOnce.Do(func() {
		if b := builtinIndex(m.src); b >= 0 {
			m.lazy.lits = builtinExprs[b].lits
			return
		}
		p, err := syntax.Parse(m.src, syntax.Perl)
		if err != nil {
			panic(err)
		}
		m.lazy.lits = prefilter(p)
	})
	return m.lazy.lits
}

// mightMatch reports whether the expression can match text, given lower,
// its ASCII-lower-cased copy. A false answer is definitive.
func (m matcher) mightMatch(lower string) bool {
	lits := m.literals()
	if len(lits) == 0 {
		return true
	}
	for _, l := range lits {
		if strings.Contains(lower, l) {
			return true
		}
	}
	return false
}

func (m matcher) MatchString(text, lower string) bool {
	return m.mightMatch(lower) && m.re().MatchString(text)
}

func (m matcher) FindAllStringIndex(text, lower string) [][]int {
	if !m.mightMatch(lower) {
		return nil
	}
	return m.re().FindAllStringIndex(text, -1)
}

// required returns literals (lower case) of which every match of re
// contains at least one, and whether such a set exists.
func required(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, false
		}
		return []string{lowerASCII(string(re.Rune))}, true
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil, false
	case syntax.OpConcat:
		// Any child's requirement holds for the whole; keep the most
		// selective one (the longest shortest literal). A run of children
		// that spell a few whole strings together ("tr" then "y|ies|ied")
		// counts as one: the parser factors "try|tries|tried" into a common
		// prefix, and "tr" alone would let every "training" through.
		var best []string
		bestLen := 0
		consider := func(lits []string) {
			if l := shortest(lits); l > bestLen {
				best, bestLen = lits, l
			}
		}
		for i := 0; i < len(re.Sub); i++ {
			if lits, ok := required(re.Sub[i]); ok {
				consider(lits)
			}
			run, ok := finite(re.Sub[i])
			for j := i + 1; ok && j < len(re.Sub); j++ {
				next, ok2 := finite(re.Sub[j])
				if !ok2 || len(run)*len(next) > maxFinite {
					break
				}
				run = product(run, next)
				consider(run)
			}
		}
		return best, best != nil
	case syntax.OpAlternate:
		var all []string
		for _, s := range re.Sub {
			lits, ok := required(s)
			if !ok {
				return nil, false
			}
			all = append(all, lits...)
		}
		return all, true
	}
	return nil, false
}

// maxFinite bounds the strings a finite sub-expression is spelled out into.
const maxFinite = 64

// finite returns every string (lower case) re can match, when it matches
// only a few fixed strings: literals, alternations and concatenations of
// them, and small character classes.
func finite(re *syntax.Regexp) ([]string, bool) { return spellOut(re, lowerLeaf, maxFinite) }

// lowerLeaf spells a literal or a small character class as the prefilter
// compares it: ASCII lower case.
func lowerLeaf(re *syntax.Regexp) ([]string, bool) {
	if re.Op == syntax.OpLiteral {
		return []string{lowerASCII(string(re.Rune))}, true
	}
	var out []string
	seen := map[string]bool{}
	for i := 0; i+1 < len(re.Rune); i += 2 {
		if re.Rune[i+1]-re.Rune[i] > maxFinite {
			return nil, false
		}
		for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
			if l := lowerASCII(string(r)); !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	return out, len(out) > 0 && len(out) <= maxFinite
}

// spellOut returns every string re can match, at most limit of them, when
// it matches only a few fixed strings; leaf spells its literals and
// character classes (the prefilter and the pattern sets read text
// differently cased, so each spells them its own way).
func spellOut(re *syntax.Regexp, leaf func(*syntax.Regexp) ([]string, bool), limit int) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral, syntax.OpCharClass:
		return leaf(re)
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpCapture:
		return spellOut(re.Sub[0], leaf, limit)
	case syntax.OpQuest:
		sub, ok := spellOut(re.Sub[0], leaf, limit)
		if !ok || len(sub)+1 > limit {
			return nil, false
		}
		return append([]string{""}, sub...), true
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			sub, ok := spellOut(s, leaf, limit)
			if !ok || len(out)+len(sub) > limit {
				return nil, false
			}
			out = append(out, sub...)
		}
		return out, true
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range re.Sub {
			sub, ok := spellOut(s, leaf, limit)
			if !ok || len(out)*len(sub) > limit {
				return nil, false
			}
			out = product(out, sub)
		}
		return out, true
	}
	return nil, false
}

func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

func shortest(lits []string) int {
	n := -1
	for _, l := range lits {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}

// lowerASCII lower-cases ASCII letters only, so that byte offsets in the
// copy are the offsets in the original.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
