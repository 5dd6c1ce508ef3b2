// Package suggest finds the known name a mistyped one was meant to be, for
// the "did you mean" of front-matter and configuration errors.
package suggest

import "strings"

// Nearest returns the candidate closest to s by edit distance (ignoring
// case), or "" when none is close enough to be a plausible typo. Ties go to
// the earlier candidate, so callers get the same answer on every run.
func Nearest(s string, candidates []string) string {
	if len(s) > 64 {
		return "" // not a typo of any name, and costly to compare
	}
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if d := Distance(ls, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= min(len(s)/3+1, 4) {
		return best
	}
	return ""
}

// Distance is the Levenshtein distance between a and b, in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
