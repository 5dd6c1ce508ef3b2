package lint

import (
	"reflect"
	"testing"
)

// checkPrefixTagging: the first tokens of a text, and the tags of the first
// of them, are the ones tokenizing and tagging all of it gives.
func checkPrefixTagging(t *testing.T, text string) {
	all := tokenizer().Tokenize(text)
	tagged := append(all[:0:0], all...)
	if tg, err := tagger(); err == nil {
		tg.TagTokens(tagged)
	}
	for _, n := range []int{1, 2, 3, 7} {
		got := firstTokens(text, n)
		if len(got) < min(n, len(all)) {
			t.Fatalf("%q: firstTokens(%d) gave %d tokens, the text has %d", text, n, len(got), len(all))
		}
		if !reflect.DeepEqual(got, all[:len(got)]) {
			t.Fatalf("%q: firstTokens(%d) = %v, want %v", text, n, got, all[:len(got)])
		}
		// Tagged through k, the first k tokens have their tags, if the two
		// after them are there (or the text ends).
		k := n
		if len(got) < len(all) {
			k = min(n, len(got)-2)
		}
		tagThrough(got, k)
		for i := 0; i < min(k, len(got)); i++ {
			if got[i].Tag != tagged[i].Tag {
				t.Fatalf("%q: token %d %q tagged %s alone, %s with the whole text", text, i, got[i].Text, got[i].Tag, tagged[i].Tag)
			}
		}
	}
}

func TestPrefixTagging(t *testing.T) {
	texts := append(patternTexts(t), "Weekly 1-hour mentoring session with a trained mentor.", "  Send\tthe plan\n to Amira.",
		"Review\u00a0the transport arrangements.", "A  B   C    D", "x", "", " ", "(Consider) funding, e.g. a laptop.")
	for _, text := range texts {
		checkPrefixTagging(t, text)
	}
}

func FuzzPrefixTagging(f *testing.F) {
	f.Add("Arrange access to a mentor.")
	f.Add("Speech and language therapy for 1 hour every half term\twith an HCPC-registered SaLT.")
	f.Fuzz(func(t *testing.T, text string) { checkPrefixTagging(t, text) })
}
