package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/sendgen/sendgen/casefile"
)

// patternSets are every set the engine matches statements with.
func patternSets(t testing.TB) map[string]*patternSet {
	e := testEngine(t)
	sets := map[string]*patternSet{"detectors": detectors()}
	for _, r := range e.rules {
		if pr, ok := r.(phraseRule); ok {
			sets[pr.id] = pr.set()
		}
	}
	return sets
}

// checkSet compares the set's answers on text with each expression's own:
// the prefilter, then FindAllStringIndex and MatchString over the whole text.
func checkSet(t testing.TB, name string, ps *patternSet, text string) {
	lower := lowerASCII(text)
	sc := new(setScan)
	ps.scan(text, lower, sc)
	for i, p := range ps.pats {
		subject := text
		if p.onLower {
			subject = lower
		}
		var want [][2]int
		if p.m.mightMatch(lower) {
			for _, m := range p.m.re().FindAllStringIndex(subject, -1) {
				want = append(want, [2]int{m[0], m[1]})
			}
		}
		got := sc.findAll(i, nil)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s expression %d %s on %q: set finds %v, the expression %v", name, i, p.m.src, text, got, want)
		}
		if m := sc.matches(i); m != (len(want) > 0) {
			t.Errorf("%s expression %d %s on %q: set says match %v", name, i, p.m.src, text, m)
		}
	}
}

// patternTexts are the statements of the samples and the dev corpus, and
// texts at the edges: case folding (the Kelvin sign folds to k, the long s
// to s), invalid UTF-8, matches at the very start and end, hyphens, tabs.
func patternTexts(t testing.TB) []string {
	e := testEngine(t)
	var texts []string
	files := benchCorpus(t, 7)
	paths, _ := filepath.Glob("../../shared/corpus/*/*.md")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	for _, src := range files {
		c, err := casefile.Parse("b.md", src)
		if err != nil {
			t.Fatal(err)
		}
		st, err := e.statements(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range st {
			texts = append(texts, s.String(), s.judged())
		}
	}
	return append(texts, "", "a", "h", "e.g. etc", "may might could", "every effort will be made", "ſ",
		"Access to", "access to", "ACCESS  TO", "access-to", "xaccess to", "access tox", "Acce\u017f\u017f to therapy",
		"\u212aey adults", "key adults", "Key\tadults", "up to 5", "Up To", "\xffup to\xff", "\xe2up to", "up to\xe2\x80",
		"twice a week", "Twice A Week", "30 minutes", "30mins", "1:1", "½ hour", "a½ hour", "every other day",
		"each of the first five days", "in a small group", "small groups of 4", "a group of no more than four pupils",
		"peer group", "1 : 1 support", "teacher each week", "May 2027", "may be", "as and when required", "’s offer",
		"as part of the school’s offer", "as part of the school's usual offer", "ongoing on-going", "etc.", "e.g.",
		"consider funding", "Consider funding", "  consider", "will be considered", "should", "Should Oliver",
	)
}

func TestPatternSet(t *testing.T) {
	sets := patternSets(t)
	for _, text := range patternTexts(t) {
		for name, ps := range sets {
			checkSet(t, name, ps, text)
		}
	}
}

// FuzzPatternSet: on any text, each expression of every set finds exactly
// what it finds on its own.
func FuzzPatternSet(f *testing.F) {
	for _, text := range patternTexts(f) {
		f.Add(text)
	}
	sets := patternSets(f)
	f.Fuzz(func(t *testing.T, text string) {
		for name, ps := range sets {
			checkSet(t, name, ps, text)
		}
	})
}

// TestStartLiterals: the strings every match begins with, case folding
// included, and the expressions that have none.
func TestStartLiterals(t *testing.T) {
	for _, c := range []struct {
		re   string
		want string // the literals, quoted, a \b before marked with \b; "" for none
	}{
		{`\bup\s+to\b`, `\b"up\t" \b"up\n" \b"up\f" \b"up\r" \b"up "`},
		{`(?i)\bkey\b`, `\b"key"`},
		{`(?i)as`, `"as"`},
		{`(?i)\x{17f}x`, `"sx"`},
		{`\x{17f}x`, ``},
		{`a\x{17f}x`, `"a"`},
		{`\b(?:a|an)\s+day`, `\b"a\t" \b"a\n" \b"a\f" \b"a\r" \b"a " \b"an\t" \b"an\n" \b"an\f" \b"an\r" \b"an "`},
		{`(?:\ba\s|/)x`, `\b"a\t" \b"a\n" \b"a\f" \b"a\r" \b"a " "/"`},
		{`\d+h`, `"0" "1" "2" "3" "4" "5" "6" "7" "8" "9"`},
		{`(?:x)?y`, `"y" "xy"`},
		{`(?i)[a-c]`, `"a" "b" "c"`},
		{`x*y`, `"x" "y"`},
		{`(?i)\b(?:small[\s-]+)?groups?\b`, `\b"small" \b"group"`},
		{`x*`, ``},
		{`(?:x?)y`, `"y" "xy"`},
		{`.y`, ``},
		{`^\s*consider`, `"\t" "\n" "\f" "\r" " " "consider"`},
		{`[^x]y`, ``},
		{`a|`, ``},
	} {
		re, err := syntax.Parse(c.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := startLiterals(re)
		var b strings.Builder
		for i, l := range got {
			if i > 0 {
				b.WriteByte(' ')
			}
			if l.boundary {
				b.WriteString(`\b`)
			}
			fmt.Fprintf(&b, "%+q", l.s)
		}
		s := b.String()
		if !ok {
			s = ""
		}
		if s != c.want {
			t.Errorf("%s: start literals %s, want %s", c.re, s, c.want)
		}
	}
}

// TestSaysWritten: the prefilter keeps every answer of the expression.
func TestSaysWritten(t *testing.T) {
	for _, s := range append(patternTexts(t), "AGREED IN WRITING", "Written  Agreement", "reg 42(5)", "Regulation.42 (5)",
		"agreed in\twriting", "2026-12-15 (agreed in writing)", "regulation 42", "agreed", "wRiTtEn aGrEeMeNt", "") {
		if got, want := saysWritten(s), writtenAgreement.MatchString(s); got != want {
			t.Errorf("saysWritten(%q) = %v, the expression %v", s, got, want)
		}
	}
}
