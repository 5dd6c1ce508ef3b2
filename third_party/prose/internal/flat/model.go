package flat

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
)

// Model is a flat averaged-perceptron model, ready for scoring.
//
// Lookup is by feature string. Features are held in one sorted byte blob and
// found by binary search, which keeps the whole structure pointer-free: the GC
// never has to trace 75,447 individual strings.
//
// The numeric sections are not decoded at load: they stay in the model's
// backing bytes, and each value is decoded from little-endian where it is
// read. A load then reads only the header and the tag map, and each page of
// the model is touched only when tagging reads it.
type Model struct {
	classes []string // class ID -> name

	blob    string // all feature strings, concatenated, sorted bytewise
	featOff []byte // nFeatures+1 uint32 offsets into blob
	pairOff []byte // nFeatures+1 uint32 offsets into classIDs/weights

	classIDs []byte // nPairs class IDs
	weights  []byte // nPairs float32 weights

	// tagData is the tag map section, unambiguous word -> class assignments
	// that bypass scoring. tagIndex is a hash table of its entries (open
	// addressing, FNV-1a of the word): each slot is 0 or 1 + the offset of
	// an entry in tagData. It is built at load in one pass over the section,
	// allocates one pointer-free slice, and finds a word in about one probe.
	tagData  []byte
	tagIndex []uint32
}

// u32At decodes the i'th little-endian uint32 of b. The model's bytes may be
// unaligned (go:embed makes no promise), so they are decoded, not cast.
// (b[4*i : 4*i+4] rather than b[4*i:]: a slice known not to be empty costs
// the compiler one bounds check and no pointer masking.)
func u32At(b []byte, i int) uint32 { return binary.LittleEndian.Uint32(b[4*i : 4*i+4]) }

// featureAt returns the i'th feature string. Its two offsets are read from
// one 8-byte slice, one bounds check: this is the binary search's inner
// loop.
func (m *Model) featureAt(i int) string {
	off := m.featOff[4*i : 4*i+8]
	return m.blob[binary.LittleEndian.Uint32(off):binary.LittleEndian.Uint32(off[4:])]
}

// tagEntry returns the word and class ID of the tag map entry at off.
func (m *Model) tagEntry(off uint32) (string, uint8) {
	n := uint32(binary.LittleEndian.Uint16(m.tagData[off:]))
	return unsafeString(m.tagData[off+2 : off+2+n]), m.tagData[off+2+n]
}

func (m *Model) tagWord(off uint32) string {
	w, _ := m.tagEntry(off)
	return w
}

func fnv1a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// addTag indexes the tag map entry at off, for word w. A word listed again
// takes the slot of its earlier entry: the last entry counts, as it did when
// the entries filled a map.
func (m *Model) addTag(off uint32, w string) {
	mask := uint32(len(m.tagIndex) - 1)
	h := fnv1a(w) & mask
	for m.tagIndex[h] != 0 && m.tagWord(m.tagIndex[h]-1) != w {
		h = (h + 1) & mask
	}
	m.tagIndex[h] = off + 1
}

// Classes returns the class names, indexed by class ID.
func (m *Model) Classes() []string { return m.classes }

// NumFeatures reports how many distinct features the model knows.
func (m *Model) NumFeatures() int { return len(m.featOff)/4 - 1 }

// NumPairs reports how many feature-class weights the model holds.
func (m *Model) NumPairs() int { return len(m.classIDs) }

// TagFor returns the pre-assigned tag for an unambiguous word.
func (m *Model) TagFor(word string) (string, bool) {
	if len(m.tagIndex) == 0 {
		return "", false
	}
	// The table is at most half full, so a probe sequence ends at an empty
	// slot.
	mask := uint32(len(m.tagIndex) - 1)
	for h := fnv1a(word) & mask; m.tagIndex[h] != 0; h = (h + 1) & mask {
		if w, id := m.tagEntry(m.tagIndex[h] - 1); w == word {
			return m.classes[id], true
		}
	}
	return "", false
}

// feature returns the index of feat, or -1. Binary search over the blob.
func (m *Model) feature(feat string) int {
	n := m.NumFeatures()
	i := sort.Search(n, func(i int) bool {
		return m.featureAt(i) >= feat
	})
	if i < n && m.featureAt(i) == feat {
		return i
	}
	return -1
}

// AccumulateInto adds the weights of feat, scaled by value, into scores.
// scores must be at least len(m.classes) long. Reports whether feat was known.
//
// This is the inner loop: no allocation, no map lookups, and the weights for
// a feature are contiguous.
func (m *Model) AccumulateInto(feat string, value float32, scores []float32) bool {
	i := m.feature(feat)
	if i < 0 {
		return false
	}
	off := m.pairOff[4*i : 4*i+8]
	lo, hi := binary.LittleEndian.Uint32(off), binary.LittleEndian.Uint32(off[4:])
	ids := m.classIDs[lo:hi]
	wts := m.weights[4*lo : 4*hi]
	for j, id := range ids {
		scores[id] += value * math.Float32frombits(u32At(wts, j))
	}
	return true
}

// Best returns the highest-scoring class name.
//
// Ties break toward the lowest class ID, so the result is deterministic.
func (m *Model) Best(scores []float32) string {
	best, bestID := float32(math.Inf(-1)), -1
	for id := range m.classes {
		if scores[id] > best {
			best, bestID = scores[id], id
		}
	}
	if bestID < 0 {
		return ""
	}
	return m.classes[bestID]
}

// --- decoding -------------------------------------------------------------

type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || r.pos+n > len(r.b) {
		r.fail("truncated model: wanted %d bytes at offset %d, have %d",
			n, r.pos, len(r.b)-r.pos)
		return nil
	}
	out := r.b[r.pos : r.pos+n]
	r.pos += n
	return out
}

func (r *reader) u32() uint32 {
	b := r.bytes(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *reader) u16() uint16 {
	b := r.bytes(2)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint16(b)
}

func (r *reader) u8() uint8 {
	b := r.bytes(1)
	if b == nil {
		return 0
	}
	return b[0]
}

func (r *reader) str16() string {
	n := int(r.u16())
	return string(r.bytes(n))
}

// Unmarshal decodes a flat model.
//
// data is retained: the model reads its features and weights from it rather
// than copying them, so the caller must not modify it afterwards. Embedded
// data satisfies this.
func Unmarshal(data []byte) (*Model, error) {
	return unmarshal(data, true)
}

// UnmarshalTrusted decodes a flat model as Unmarshal does, but checks only
// the invariants that cost nothing to check (the sizes of the sections, and
// where the offset arrays end), not those that read every feature and class
// ID (features sorted, class IDs in range): reading those touches the whole
// model, a page fault for every 4 KiB of it in a fresh process.
//
// It is for a model compiled into the program, such as aptagmodel.English:
// its bytes are fixed when the program is built, and a test checks them in
// full (TestEmbeddedModelValid), so checking them again in every process
// finds nothing new. Models from elsewhere (FromBytes) get Unmarshal's
// checks, so that a corrupt file fails at load rather than mid-tag.
func UnmarshalTrusted(data []byte) (*Model, error) {
	return unmarshal(data, false)
}

func unmarshal(data []byte, full bool) (*Model, error) {
	r := &reader{b: data}

	if string(r.bytes(len(Magic))) != Magic {
		return nil, errors.New("not a prose flat tagger model")
	}
	if v := r.u32(); v != Version {
		return nil, fmt.Errorf("unsupported model version %d (want %d)", v, Version)
	}

	m := &Model{}

	nClasses := int(r.u32())
	if r.err != nil {
		return nil, r.err
	}
	if nClasses > MaxClasses {
		return nil, fmt.Errorf("model has %d classes, format allows %d",
			nClasses, MaxClasses)
	}
	m.classes = make([]string, nClasses)
	for i := range m.classes {
		m.classes[i] = r.str16()
	}

	nFeatures := int(r.u32())
	nPairs := int(r.u32())
	blobLen := int(r.u32())
	if r.err != nil {
		return nil, r.err
	}

	blob := r.bytes(blobLen)
	if r.err != nil {
		return nil, r.err
	}
	// Zero-copy: the blob's bytes live in the caller's slice (rodata, for an
	// embedded model), so no 1.4 MB duplicate ends up on the heap.
	m.blob = unsafeString(blob)

	m.featOff = r.bytes(4 * (nFeatures + 1))
	m.pairOff = r.bytes(4 * (nFeatures + 1))

	if r.err != nil {
		return nil, r.err
	}
	m.classIDs = r.bytes(nPairs)
	if r.err != nil {
		return nil, r.err
	}

	m.weights = r.bytes(4 * nPairs)

	nTagMap := int(r.u32())
	if r.err != nil {
		return nil, r.err
	}
	// The tag map is read in place too, through a hash table of its entries.
	start := r.pos
	if nTagMap < 0 || nTagMap > (len(data)-start)/3 {
		return nil, fmt.Errorf("truncated model: %d tagMap entries at offset %d", nTagMap, start)
	}
	m.tagData = data[start:]
	if nTagMap > 0 {
		size := 1
		for size < 2*nTagMap {
			size <<= 1
		}
		m.tagIndex = make([]uint32, size)
	}
	for i := 0; i < nTagMap; i++ {
		off := r.pos - start
		w := unsafeString(r.bytes(int(r.u16())))
		id := r.u8()
		if r.err != nil {
			return nil, r.err
		}
		if int(id) >= nClasses {
			return nil, fmt.Errorf("tagMap entry %q has class ID %d, only %d classes",
				w, id, nClasses)
		}
		m.addTag(uint32(off), w)
	}
	if r.err != nil {
		return nil, r.err
	}

	if full {
		if err := m.validate(); err != nil {
			return nil, err
		}
	} else if err := m.validateSizes(); err != nil {
		return nil, err
	}
	return m, nil
}

// validate checks the invariants the scoring path relies on, so a corrupt
// model fails at load with a clear message instead of panicking mid-tag.
func (m *Model) validate() error {
	if err := m.validateSizes(); err != nil {
		return err
	}
	n := m.NumFeatures()
	for _, id := range m.classIDs {
		if int(id) >= len(m.classes) {
			return fmt.Errorf("class ID %d out of range (%d classes)",
				id, len(m.classes))
		}
	}
	// The binary search in feature() is only correct on sorted input.
	for i := 1; i < n; i++ {
		prev := m.featureAt(i - 1)
		cur := m.featureAt(i)
		if prev >= cur {
			return fmt.Errorf("features not sorted at index %d: %q >= %q",
				i, prev, cur)
		}
	}
	return nil
}

// validateSizes checks the invariants that cost nothing to check: validate
// without the checks that read every class ID and feature.
func (m *Model) validateSizes() error {
	n := m.NumFeatures()
	if len(m.pairOff) != len(m.featOff) {
		return fmt.Errorf("offset arrays disagree: %d features vs %d pair offsets",
			n, len(m.pairOff)/4-1)
	}
	if 4*len(m.classIDs) != len(m.weights) {
		return fmt.Errorf("classIDs (%d) and weights (%d) differ in length",
			len(m.classIDs), len(m.weights)/4)
	}
	if n > 0 {
		if int(u32At(m.featOff, n)) != len(m.blob) {
			return fmt.Errorf("feature offsets end at %d, blob is %d bytes",
				u32At(m.featOff, n), len(m.blob))
		}
		if int(u32At(m.pairOff, n)) != len(m.classIDs) {
			return fmt.Errorf("pair offsets end at %d, weights has %d entries",
				u32At(m.pairOff, n), len(m.classIDs))
		}
	}
	return nil
}
