package tokenize_test

// Tests of sendgen's patch (README.sendgen.md): the expressions compile on
// first use, and tokenize as they did at package initialisation.

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/jdkato/prose/v3/tokenize"
)

// testdata/sendgen_treebank.json is the released TreebankWordTokenizer's
// output for ../testdata/treebank_sents.json.
func TestTreebankUnchanged(t *testing.T) {
	var sents []string
	var want [][]string
	for name, v := range map[string]any{"../testdata/treebank_sents.json": &sents, "testdata/sendgen_treebank.json": &want} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatal(err)
		}
	}
	if len(sents) != len(want) || len(sents) < 100 {
		t.Fatalf("%d sentences, %d tokenizations", len(sents), len(want))
	}
	tk := tokenize.NewTreebankWordTokenizer()
	for i, s := range sents {
		if got := tk.Tokenize(s); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("%q:\n got  %q\n want %q", s, got, want[i])
		}
	}
}

// Emoticons (a switch now, a map before) and the internal-period spans
// (internalRE, compiled by New now) are kept whole.
func TestSpecialSpans(t *testing.T) {
	src := "(-8 :) 8-D ¯\\(ツ)/¯ (╯°□°）╯︵┻━┻ xDD xDDD U.S.A. Mr. Mrs. Dr. e.g. Abcd. ok."
	want := []string{"(-8", ":", ")", "8-D", "¯\\(ツ)/¯", "(╯°□°）╯︵┻━┻", "xDD", "xDDD",
		"U.S.A.", "Mr.", "Mrs.", "Dr.", "e.g.", "Abcd", ".", "ok", "."}
	var got []string
	for _, tok := range tokenize.New().Tokenize(src) {
		got = append(got, tok.Text)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// Spans ending in other than a period never matched internalRE, which is
// now skipped for them (the released tokenizer's output).
func TestSpecialNeedsPeriod(t *testing.T) {
	for src, want := range map[string][]string{
		"U.S.A":   {"U.S.A"},
		"Mr":      {"Mr"},
		"U.S.A.,": {"U.S.A.", ","},
		"Dr.)":    {"Dr.", ")"},
		"e.g.:":   {"e.g.", ":"},
		"(Mrs.":   {"(", "Mrs."},
	} {
		var got []string
		for _, tok := range tokenize.New().Tokenize(src) {
			got = append(got, tok.Text)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}
