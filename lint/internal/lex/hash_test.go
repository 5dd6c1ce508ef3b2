package lex

import (
	"hash/maphash"
	"testing"
)

var sink uint64

// benchWords are words of a plan, of the lengths a lookup meets.
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
