package lint

import (
	"sort"
	"strings"
)

// The built-in expressions (rules.yaml's phrases and exceptions, the
// detectors, commitVerb) are known when sendgen is built, and so is all that
// the engine derives from parsing them: `go generate ./lint` writes it into
// patterns_gen.go, so that a process pays for none of it. There, keyed by
// the exact source of each expression:
//
//   - builtinExpansions: each pattern with lemma slots, expanded
//     (expandLemmas);
//   - builtinExprs: each expression's prefilter literals, start literals and
//     what the pattern set reads from them, sorted by source;
//   - builtinSets: the pattern sets the built-in configuration makes (the two
//     phrase rules', the detectors'), their tries as static arrays.
//
// A configuration's expression found there is not parsed at New: the
// generator parsed it. One that is not (a .sendgen.yaml may replace the
// phrases) goes the run-time way: parsed at New, so that a syntax error is
// reported there with its rule and phrase, its literals derived from the
// parse. A set of expressions that is not one of builtinSets has its trie
// built when it first runs, from each expression's start literals, read
// from builtinExprs where they are there. Every expression is compiled only
// when a text first needs it (its literals found, its prefilter passed).
//
// TestPatternTables regenerates patterns_gen.go and compares, and checks
// that what the tables hold is what the run-time path computes.

// builtinExpr is what the engine derives from one parsed expression.
type builtinExpr struct {
	src         string
	lits        []string   // the prefilter (prefilter)
	starts      []startLit // the start literals, when anchor (startLiterals)
	anchor      bool       // every match begins at one of starts
	impliedGate bool       // caseless(lits)
	padStart    bool       // !assertsStart
}

// builtinSet is a pattern set of the built-in configuration.
type builtinSet struct {
	exprs        []int32 // its expressions, as indexes into builtinExprs, in order
	groups       []builtinGroup
	words, other trie
}

// builtinGroup is a group of a builtinSet: how many expressions, on which
// text.
type builtinGroup struct {
	n       int32
	onLower bool
}

// expansion is a pattern with lemma slots and its expansion.
type expansion struct{ from, to string }

// exprState holds the compiled forms of a built-in expression, shared by
// every engine of the process: a second engine compiles nothing again.
type exprState struct{ whole, after, atStart lazyRegexp }

var builtinState [len(builtinExprs)]exprState

// builtinIndex is the index of src in builtinExprs, or -1.
func builtinIndex(src string) int {
	i := sort.Search(len(builtinExprs), func(i int) bool { return builtinExprs[i].src >= src })
	if i < len(builtinExprs) && builtinExprs[i].src == src {
		return i
	}
	return -1
}

// builtinMatcher is the matcher of built-in expression b, its prefilter the
// generator's and its compiled form shared.
func builtinMatcher(b int) matcher {
	st := &builtinState[b]
	st.whole.litsOnce.Do(func() { st.whole.lits = builtinExprs[b].lits })
	return matcher{src: builtinExprs[b].src, lazy: &st.whole}
}

// expandSlots is expandLemmas, read from builtinExpansions for a built-in
// pattern. A pattern without a brace has no slot.
func expandSlots(src string) (string, error) {
	if !strings.Contains(src, "{") {
		return src, nil
	}
	i := sort.Search(len(builtinExpansions), func(i int) bool { return builtinExpansions[i].from >= src })
	if i < len(builtinExpansions) && builtinExpansions[i].from == src {
		return builtinExpansions[i].to, nil
	}
	return expandLemmas(src)
}

// builtinSetOf is the builtinSet that groups make, or nil.
func builtinSetOf(groups []patternGroup) *builtinSet {
sets:
	for k := range builtinSets {
		bs := &builtinSets[k]
		if len(bs.groups) != len(groups) {
			continue
		}
		e := 0
		for g, grp := range groups {
			if int(bs.groups[g].n) != len(grp.ms) || bs.groups[g].onLower != grp.onLower {
				continue sets
			}
			for _, m := range grp.ms {
				if builtinExprs[bs.exprs[e]].src != m.src {
					continue sets
				}
				e++
			}
		}
		return bs
	}
	return nil
}
