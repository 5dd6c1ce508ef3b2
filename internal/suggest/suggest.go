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

// Similar returns the candidates s may have been meant to be, in the
// candidates' order: the nearest by edit distance (a typo), else every
// candidate one of whose words ("vague" in "vague-wording", split at '-',
// '_' and spaces) starts with s, so that a name given by one of its words
// is found. At most max are returned; none when s matches nothing.
func Similar(s string, candidates []string, max int) []string {
	if near := Nearest(s, candidates); near != "" {
		return []string{near}
	}
	ls := strings.ToLower(strings.TrimSpace(s))
	if len(ls) < 3 {
		return nil
	}
	var out []string
	for _, c := range candidates {
		if hasWordPrefix(strings.ToLower(c), ls) {
			out = append(out, c)
			if len(out) == max {
				break
			}
		}
	}
	return out
}

// hasWordPrefix reports whether a word of name starts with s.
func hasWordPrefix(name, s string) bool {
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' }) {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// DidYouMean is " (did you mean 'x'?)", " (did you mean 'x' or 'y'?)", or
// "" when Similar finds nothing.
func DidYouMean(s string, candidates []string) string {
	sim := Similar(s, candidates, 4)
	if len(sim) == 0 {
		return ""
	}
	q := make([]string, len(sim))
	for i, c := range sim {
		q[i] = "'" + c + "'"
	}
	if len(q) == 1 {
		return " (did you mean " + q[0] + "?)"
	}
	return " (did you mean " + strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1] + "?)"
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

// Typo reports whether s is name mistyped rather than another word: one
// slip of the keyboard (a letter added, dropped, changed, or two letters
// swapped; case and '_' for '-' are free), or two in a name of eight letters
// or more. Nearest may offer "partly" for "mostly" as a hint; only a typo is
// safe to correct without asking, because the other is a change of meaning.
func Typo(s, name string) bool {
	norm := func(x string) string { return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(x)), "_", "-") }
	a, b := norm(s), norm(name)
	if a == b {
		return true
	}
	allowed := 1
	if len([]rune(b)) >= 8 {
		allowed = 2
	}
	return swapDistance(a, b) <= allowed
}

// swapDistance is the edit distance in runes that counts swapping two
// neighbouring letters as one edit (optimal string alignment).
func swapDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
