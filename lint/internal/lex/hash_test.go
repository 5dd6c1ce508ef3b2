package lex

import (
	"hash/maphash"
	"testing"
)

var sink uint64

var benchWords = []string{"a", "of", "the", "teacher", "therapist", "assistant", "speech and language therapist", "occupational", "lessons"}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		for _, w := range benchWords {
			sink += Hash(w)
		}
	}
}

func BenchmarkMaphash(b *testing.B) {
	seed := maphash.MakeSeed()
	for b.Loop() {
		for _, w := range benchWords {
			sink += maphash.String(seed, w)
		}
	}
}

func TestHashBytes(t *testing.T) {
	for _, w := range benchWords {
		if Hash(w) != Hash([]byte(w)) {
			t.Fatal(w)
		}
	}
}
