package lex

import "math/bits"

// Hash is the lexicon's hash of a word: fixed and seedless, since the
// generator computes it once for the tables that the program then reads
// (maphash's seed is random per process, so a table keyed by it has to be
// built in every process). It reads eight bytes at a time and mixes with
// 64x64->128-bit multiplications (wyhash's "mum"); the input each
// multiplication sees is a one-to-one function of the word and its
// length, so that words differ before mixing. For the generated words, a
// test checks that no two share a hash.
func Hash[T string | []byte](s T) uint64 {
	h := uint64(len(s)) ^ k0
	for len(s) > 8 {
		h = mum(le64(s)^k1, h^k2)
		s = s[8:]
	}
	// The last 1 to 8 bytes: two overlapping four-byte reads, or the
	// first, middle and last byte, which between them are every byte.
	var t uint64
	switch n := len(s); {
	case n >= 4:
		t = uint64(le32(s))<<32 | uint64(le32(s[n-4:]))
	case n > 0:
		t = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	return mum(t^k1, h^k3)
}

// The constants are wyhash's.
const (
	k0 = 0xa0761d6478bd642f
	k1 = 0xe7037ed1a0b428db
	k2 = 0x8ebc6af09c88c6e3
	k3 = 0x589965cc75374cc3
)

func mum(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

func le64[T string | []byte](s T) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func le32[T string | []byte](s T) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}
