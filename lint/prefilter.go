package lint

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
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
// was most of a one-file run's start-up.
type matcher struct {
	src  string
	lazy *lazyRegexp
	lits []string
}

type lazyRegexp struct {
	once sync.Once
	re   *regexp.Regexp
}

func (m matcher) re() *regexp.Regexp {
	m.lazy.once.Do(func() { m.lazy.re = regexp.MustCompile(m.src) })
	return m.lazy.re
}

// newMatcher parses src (reporting syntax errors now, as regexp.Compile
// would) and derives its prefilter; compiling waits until it is needed.
func newMatcher(src string) (matcher, error) {
	p, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return matcher{}, err
	}
	m := matcher{src: src, lazy: &lazyRegexp{}}
	if lits, ok := required(p); ok {
		m.lits = lits
	}
	return m, nil
}

// mustMatcher is newMatcher for the built-in expressions.
func mustMatcher(src string) matcher {
	m, err := newMatcher(src)
	if err != nil {
		panic(err)
	}
	return m
}

// mightMatch reports whether the expression can match text, given lower,
// its ASCII-lower-cased copy. A false answer is definitive.
func (m matcher) mightMatch(lower string) bool {
	if len(m.lits) == 0 {
		return true
	}
	for _, l := range m.lits {
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
		// selective one (the longest shortest literal).
		var best []string
		bestLen := 0
		for _, s := range re.Sub {
			if lits, ok := required(s); ok {
				if l := shortest(lits); l > bestLen {
					best, bestLen = lits, l
				}
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
