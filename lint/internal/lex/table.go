package lex

import (
	"fmt"
	"sort"
)

// A Table is an open-addressing hash table of words' classes, laid out
// for static arrays: Keys[i] is the Hash of the word in slot i (0: an
// empty slot) and Classes[i] its classes. A word's home slot is its hash's
// top bits; a probe goes on to the next slot, wrapping, until it finds the
// hash or an empty slot.
//
// The table keeps full 64-bit hashes, not the words, so a lookup compares
// one integer; it is exact for the words it holds because Layout refuses
// two words with the same hash (and a word whose hash is 0, the empty
// mark). A word not in the table is taken for one that is only if their
// 64-bit hashes are equal: for a table of 10,000 words, a chance of
// 10,000 in 2^64, about one in 10^15, per word looked up.
type Table struct {
	Bits    int // log2 of the number of slots
	Keys    []uint64
	Classes []uint16
	MaxLen  int // the longest probe sequence of a word in the table
}

// Layout lays the words out in a table of 2^bits slots. It places them in
// the words' order, so the same words give the same table.
func Layout(words map[string]uint16, bits int) (*Table, error) {
	n := 1 << bits
	if len(words) >= n/2 {
		return nil, fmt.Errorf("%d words in %d slots: more than half full", len(words), n)
	}
	ws := make([]string, 0, len(words))
	for w := range words {
		ws = append(ws, w)
	}
	sort.Strings(ws)
	t := &Table{Bits: bits, Keys: make([]uint64, n), Classes: make([]uint16, n)}
	seen := make(map[uint64]string, len(ws))
	for _, w := range ws {
		h := Hash(w)
		if h == 0 {
			return nil, fmt.Errorf("%q hashes to 0, the empty slot's mark", w)
		}
		if o, ok := seen[h]; ok {
			return nil, fmt.Errorf("%q and %q have the same hash %#x", o, w, h)
		}
		seen[h] = w
		i, probes := t.Home(h), 1
		for t.Keys[i] != 0 {
			i = (i + 1) & uint64(n-1)
			probes++
		}
		t.Keys[i], t.Classes[i] = h, words[w]
		t.MaxLen = max(t.MaxLen, probes)
	}
	return t, nil
}

// Home is a hash's first slot.
func (t *Table) Home(h uint64) uint64 { return h >> (64 - t.Bits) }

// Lookup is the classes of the word with hash h (0 when it is not in the
// table), probing as lint's static lookup does.
func (t *Table) Lookup(h uint64) uint16 {
	for i := t.Home(h); ; i = (i + 1) & uint64(len(t.Keys)-1) {
		switch t.Keys[i] {
		case h:
			return t.Classes[i]
		case 0:
			return 0
		}
	}
}
