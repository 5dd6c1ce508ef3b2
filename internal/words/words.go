// Package words joins lists the way sendgen's messages and documents say
// them: "B, F and I", "school, college or setting".
package words

import "strings"

// And joins xs as "a, b and c".
func And(xs []string) string { return join(xs, " and ") }

// Or joins xs as "a, b or c".
func Or(xs []string) string { return join(xs, " or ") }

func join(xs []string, last string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + last + xs[len(xs)-1]
}
