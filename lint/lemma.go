package lint

import (
	"fmt"
	"strings"

	"github.com/sendgen/sendgen/internal/lazyre"
)

// Phrases are matched by lemma where a list would need every inflection:
// a pattern in rules.yaml may write {ed:consider|explore} for the past
// participles of those verbs ("considered", "explored"), {verb:...} for
// every form of a verb ("seek", "seeks", "sought", "seeking"), and
// {noun:...} for a noun and its plural. The forms come from English's
// regular inflection and WordNet's irregular verbs (verb.exc, in
// roles_gen.go); the expansion is an ordinary alternation, so the phrase
// keeps its literal prefilter and can join a one-pass multi-pattern matcher.
var lemmaSlot = lazyre.New(`\{(ed|verb|noun):([^{}]+)\}`)

// expandLemmas replaces every lemma slot of a pattern with the alternation
// of its forms.
func expandLemmas(pattern string) (string, error) {
	var err error
	out := lemmaSlot.ReplaceAllStringFunc(pattern, func(slot string) string {
		m := lemmaSlot.FindStringSubmatch(slot)
		var forms []string
		for _, lemma := range strings.Split(m[2], "|") {
			lemma = strings.ToLower(strings.TrimSpace(lemma))
			if lemma == "" {
				err = fmt.Errorf("empty lemma in %s", slot)
				return slot
			}
			// A phrase inflects its first word: "look into" -> "looked into".
			head, tail, _ := strings.Cut(lemma, " ")
			if tail != "" {
				tail = " " + tail
			}
			var fs []string
			switch m[1] {
			case "ed":
				fs = pastParticiples(head)
			case "verb":
				fs = verbForms(head)
			case "noun":
				fs = []string{head, plural(head)}
			}
			for _, f := range fs {
				forms = append(forms, wordsPattern(f+tail))
			}
		}
		return `(?:` + strings.Join(dedupe(forms), `|`) + `)`
	})
	return out, err
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// irregular returns WordNet's irregular forms of a verb (verb.exc lists
// "form lemma" lines). It looks for "lemma\n" after a space with
// strings.Index rather than reading the 2,300 lines one by one. The
// built-in phrases' slots are expanded by go generate
// (builtinExpansions), so only a user's phrase gets here.
func irregular(lemma string) []string {
	var out []string
	end := lemma + "\n"
	for lines, at := wordnetVerbForms, 0; ; {
		k := strings.Index(lines[at:], end)
		if k < 0 {
			return out
		}
		k += at
		if k > 0 && lines[k-1] == ' ' {
			out = append(out, lines[strings.LastIndexByte(lines[:k-1], '\n')+1:k-1])
		}
		at = k + len(end)
	}
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// doubles reports whether a verb may double its last consonant before -ed
// and -ing ("refer" -> "referred", "plan" -> "planned"). Stress decides,
// which spelling cannot see, so both forms are generated; the one that is
// not a word never matches.
func doubles(w string) bool {
	n := len(w)
	return n >= 3 && !isVowel(w[n-1]) && strings.IndexByte("wxy", w[n-1]) < 0 && isVowel(w[n-2]) && !isVowel(w[n-3])
}

func pastParticiples(w string) []string {
	out := irregular(w)
	switch {
	case strings.HasSuffix(w, "e"):
		out = append(out, w+"d")
	case strings.HasSuffix(w, "y") && len(w) > 1 && !isVowel(w[len(w)-2]):
		out = append(out, w[:len(w)-1]+"ied")
	default:
		out = append(out, w+"ed")
		if doubles(w) {
			out = append(out, w+w[len(w)-1:]+"ed")
		}
	}
	return out
}

func verbForms(w string) []string {
	out := append([]string{w, plural(w)}, pastParticiples(w)...)
	switch {
	case strings.HasSuffix(w, "ie"):
		out = append(out, w[:len(w)-2]+"ying")
	case strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee"):
		out = append(out, w[:len(w)-1]+"ing")
	default:
		out = append(out, w+"ing")
		if doubles(w) {
			out = append(out, w+w[len(w)-1:]+"ing")
		}
	}
	return out
}

// plural is a noun's plural or a verb's third person singular.
func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}
