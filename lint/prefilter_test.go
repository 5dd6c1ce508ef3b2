package lint

import (
	"regexp/syntax"
	"slices"
	"testing"
)

// The built-in detectors are parsed on first use, not at start-up: every
// one must still parse and compile, and its lazily derived prefilter must
// be the one newMatcher derives up front.
func TestBuiltinMatchers(t *testing.T) {
	var all matchers
	all = append(all, frequencyM...)
	all = append(all, durationM...)
	all = append(all, groupSizeParts...)
	all = append(all, groupM, groupNotSizeRE)
	for _, m := range all {
		eager, err := newMatcher(m.src)
		if err != nil {
			t.Errorf("%s: %v", m.src, err)
			continue
		}
		if got, want := m.literals(), eager.literals(); !slices.Equal(got, want) {
			t.Errorf("%s: lazy prefilter %q, eager %q", m.src, got, want)
		}
		_ = m.re() // panics on an expression regexp cannot compile
	}
	if len(all) < 20 {
		t.Errorf("only %d built-in matchers found", len(all))
	}
}

// newMatcher still reports a bad user pattern at once.
func TestNewMatcherRejectsBadPattern(t *testing.T) {
	if _, err := newMatcher(`(?i)every (week`); err == nil {
		t.Fatal("no error for an unclosed group")
	} else if _, ok := err.(*syntax.Error); !ok {
		t.Fatalf("error %T %v, want a *syntax.Error", err, err)
	}
}
