package lex

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestLayout(t *testing.T) {
	words := map[string]uint16{}
	for i := range 1000 {
		words[fmt.Sprintf("word%d", i)] = uint16(i%7 + 1)
	}
	a, err := Layout(words, 11)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Layout(words, 11)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Keys, b.Keys) || !slices.Equal(a.Classes, b.Classes) {
		t.Error("the same words gave two layouts")
	}
	for w, c := range words {
		if got := a.Lookup(Hash(w)); got != c {
			t.Errorf("%q: %d, want %d", w, got, c)
		}
	}
	for i := range 1000 {
		if got := a.Lookup(Hash(fmt.Sprintf("other%d", i))); got != 0 {
			t.Errorf("other%d: %d, want 0", i, got)
		}
	}
	if _, err := Layout(words, 10); err == nil {
		t.Error("1,000 words in 1,024 slots: no error")
	}
}

// TestHashLengths: words that differ only in length, or in one byte
// anywhere, hash differently.
func TestHashLengths(t *testing.T) {
	seen := map[uint64]string{}
	add := func(s string) {
		h := Hash(s)
		if o, ok := seen[h]; ok {
			t.Errorf("%q and %q: the same hash", o, s)
		}
		seen[h] = s
		if Hash([]byte(s)) != h {
			t.Errorf("%q: Hash of the bytes differs", s)
		}
	}
	for n := range 40 {
		add(strings.Repeat("\x00", n))
		for i := range n {
			b := []byte(strings.Repeat("a", n))
			b[i] = 'b'
			add(string(b))
		}
	}
}
