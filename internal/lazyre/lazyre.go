// Package lazyre is a regular expression compiled on first use.
//
// A package-level regexp.MustCompile runs at program start for every
// command, whether or not the command ever matches it: sendgen's built-in
// expressions took about a millisecond of `sendgen --help`. A *Regexp
// declared with New costs nothing until a method is called; the methods
// are those of *regexp.Regexp that sendgen uses, and behave the same.
// The idea is the Go command's own cmd/go/internal/lazyregexp.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled on first use. It is safe for
// concurrent use.
type Regexp struct {
	str  string
	once sync.Once
	rx   *regexp.Regexp
}

// New returns an expression compiled, with regexp.MustCompile, on first
// use. It is for expressions known to be valid (literals in the source):
// a bad one panics at that first use, and the package's tests catch it.
func New(str string) *Regexp { return &Regexp{str: str} }

// Regexp returns the compiled expression.
func (r *Regexp) Regexp() *regexp.Regexp {
	r.once.Do(func() { r.rx = regexp.MustCompile(r.str) })
	return r.rx
}

// String returns the source text.
func (r *Regexp) String() string { return r.str }

func (r *Regexp) MatchString(s string) bool { return r.Regexp().MatchString(s) }

func (r *Regexp) FindStringIndex(s string) []int { return r.Regexp().FindStringIndex(s) }

func (r *Regexp) FindStringSubmatch(s string) []string { return r.Regexp().FindStringSubmatch(s) }

func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return r.Regexp().FindStringSubmatchIndex(s)
}

func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.Regexp().FindAllStringIndex(s, n)
}

func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.Regexp().FindAllStringSubmatchIndex(s, n)
}

func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.Regexp().ReplaceAllString(src, repl)
}

func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.Regexp().ReplaceAllStringFunc(src, repl)
}
