package tag_test

import (
	"testing"

	"github.com/jdkato/prose/v3/tag"
)

// Tokens the special cases (noneRe and keepRe, compiled on first use now)
// pass through, and ordinary words next to them.
func TestSpecialTokens(t *testing.T) {
	tg, err := tag.New()
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"*-1", "*T*-2", "0", "*", "*?*", "-LRB-", "-RRB-", "-", ":-)", "@someone", "-ABCD-", "*-1234", "00", "", "a-LRB-", "x*-1"}
	want := []string{"-NONE-", "-NONE-", "-NONE-", "-NONE-", "-NONE-", "-LRB-", "-RRB-", "-", "SYM", "NN"}
	for i, tok := range tg.Tag(words) {
		if i < len(want) && tok.Tag != want[i] {
			t.Errorf("%q tagged %q, want %q", tok.Text, tok.Tag, want[i])
		}
		if i >= len(want) && (tok.Tag == "-NONE-" || tok.Tag == tok.Text) {
			t.Errorf("%q tagged %q", tok.Text, tok.Tag)
		}
	}
}
