package flat

// Tests of sendgen's patch (README.sendgen.md): the model is read in place,
// and the embedded model is checked here rather than in every process.

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/jdkato/prose/v3/tag/aptagmodel"
)

// decoded is the model as the released reader decoded it: every section
// copied onto the heap, the tag map in a Go map.
type decoded struct {
	classes  []string
	features []string
	pairOff  []uint32
	classIDs []uint8
	weights  []float32
	tagMap   map[string]uint8
}

func decode(t *testing.T, data []byte) decoded {
	t.Helper()
	r := &reader{b: data}
	r.bytes(len(Magic))
	r.u32()
	var d decoded
	d.classes = make([]string, r.u32())
	for i := range d.classes {
		d.classes[i] = r.str16()
	}
	nFeatures, nPairs, blobLen := int(r.u32()), int(r.u32()), int(r.u32())
	blob := string(r.bytes(blobLen))
	u32s := func(n int) []uint32 {
		out := make([]uint32, n)
		for i := range out {
			out[i] = r.u32()
		}
		return out
	}
	featOff := u32s(nFeatures + 1)
	d.pairOff = u32s(nFeatures + 1)
	for i := 0; i < nFeatures; i++ {
		d.features = append(d.features, blob[featOff[i]:featOff[i+1]])
	}
	d.classIDs = append([]uint8(nil), r.bytes(nPairs)...)
	for _, v := range u32s(nPairs) {
		d.weights = append(d.weights, math.Float32frombits(v))
	}
	d.tagMap = map[string]uint8{}
	for n := int(r.u32()); n > 0; n-- {
		w := r.str16()
		d.tagMap[w] = r.u8()
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	return d
}

// checkSame compares m, read in place, with the model decoded the released
// way: every feature's weights, every tag map entry, and words not in it.
func checkSame(t *testing.T, m *Model, d decoded) {
	t.Helper()
	if strings.Join(m.Classes(), " ") != strings.Join(d.classes, " ") {
		t.Fatalf("classes %q, want %q", m.Classes(), d.classes)
	}
	if m.NumFeatures() != len(d.features) || m.NumPairs() != len(d.weights) {
		t.Fatalf("%d features, %d pairs; want %d, %d", m.NumFeatures(), m.NumPairs(), len(d.features), len(d.weights))
	}
	got := make([]float32, len(d.classes))
	want := make([]float32, len(d.classes))
	for i, f := range d.features {
		clear(got)
		clear(want)
		if !m.AccumulateInto(f, 1, got) {
			t.Fatalf("feature %d %q not found", i, f)
		}
		for j := d.pairOff[i]; j < d.pairOff[i+1]; j++ {
			want[d.classIDs[j]] += d.weights[j]
		}
		for c := range got {
			if math.Float32bits(got[c]) != math.Float32bits(want[c]) {
				t.Fatalf("feature %q class %s: weight %v, want %v", f, d.classes[c], got[c], want[c])
			}
		}
		if m.AccumulateInto(f+"\x00", 1, got) {
			t.Fatalf("feature %q found", f+"\x00")
		}
	}
	for w, id := range d.tagMap {
		if tag, ok := m.TagFor(w); !ok || tag != d.classes[id] {
			t.Fatalf("TagFor(%q) = %q, %v; want %q", w, tag, ok, d.classes[id])
		}
		for _, other := range []string{w + "x", w[:len(w)-1], strings.ToUpper(w), ""} {
			if _, in := d.tagMap[other]; in {
				continue
			}
			if tag, ok := m.TagFor(other); ok {
				t.Fatalf("TagFor(%q) = %q, want none", other, tag)
			}
		}
	}
}

// TestEmbeddedModelValid is the check the tagger no longer makes in every
// process (UnmarshalTrusted): the embedded model passes Unmarshal's full
// validation, and read in place it holds exactly what the released reader
// decoded from it.
func TestEmbeddedModelValid(t *testing.T) {
	full, err := Unmarshal(aptagmodel.English)
	if err != nil {
		t.Fatalf("the embedded model fails validation: %v", err)
	}
	trusted, err := UnmarshalTrusted(aptagmodel.English)
	if err != nil {
		t.Fatal(err)
	}
	d := decode(t, aptagmodel.English)
	checkSame(t, full, d)
	checkSame(t, trusted, d)
	t.Logf("%d classes, %d features, %d pairs, %d tag map entries",
		len(d.classes), len(d.features), len(d.weights), len(d.tagMap))
}

// The backing bytes need not be aligned: values are decoded, not cast (go
// test -race enables checkptr, which would catch a cast).
func TestUnalignedModel(t *testing.T) {
	buf := make([]byte, len(aptagmodel.English)+3)
	data := buf[3:]
	copy(data, aptagmodel.English)
	m, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	checkSame(t, m, decode(t, data))
}

// TestLoadAllocatesLittle: loading reads the model in place; only the class
// names and the tag map's index are allocated.
func TestLoadAllocatesLittle(t *testing.T) {
	n := testing.AllocsPerRun(5, func() {
		if _, err := UnmarshalTrusted(aptagmodel.English); err != nil {
			t.Fatal(err)
		}
	})
	if n > 60 {
		t.Errorf("UnmarshalTrusted allocates %v times", n)
	}
}

func small(t *testing.T) []byte {
	t.Helper()
	data, err := Marshal(Source{
		Weights: map[string]map[string]float64{
			"bias":        {"NN": 0.5, "VB": -1.25},
			"i word dog":  {"NN": 3},
			"i word runs": {"VBZ": 2, "NNS": 0.75},
		},
		TagMap:  map[string]string{"the": "DT", "and": "CC", "of": "IN", "dog": "NN"},
		Classes: []string{"NN", "VB", "VBZ", "NNS", "DT", "CC", "IN"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A tag map in another order than Marshal writes (sorted) still works, and
// a word listed twice keeps its last entry, as when the entries filled a
// map.
func TestUnsortedTagMap(t *testing.T) {
	data := small(t)
	m, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	start := len(data) - len(m.tagData)
	type entry struct {
		w  string
		id uint8
	}
	var entries []entry
	for _, slot := range m.tagIndex {
		if slot != 0 {
			w, id := m.tagEntry(slot - 1)
			entries = append(entries, entry{w, id})
		}
	}
	if len(entries) != 4 {
		t.Fatalf("%d entries indexed, want 4", len(entries))
	}
	// "the" first as IN, then the rest (in the index's order, not sorted),
	// with "the" again as DT.
	var again []byte
	again = append(again, data[:start]...)
	put := func(e entry) {
		again = binary.LittleEndian.AppendUint16(again, uint16(len(e.w)))
		again = append(again, e.w...)
		again = append(again, e.id)
	}
	in := entries[0].id // "and" CC
	for _, e := range entries {
		if e.w == "of" {
			in = e.id
		}
	}
	binary.LittleEndian.PutUint32(again[start-4:], uint32(len(entries)+1))
	put(entry{"the", in})
	for _, e := range entries {
		put(e)
	}
	m2, err := Unmarshal(again)
	if err != nil {
		t.Fatal(err)
	}
	d := decode(t, again)
	if d.classes[d.tagMap["the"]] != "DT" {
		t.Fatalf("the decoded map says %q for the", d.classes[d.tagMap["the"]])
	}
	checkSame(t, m2, d)
	n := 0
	for _, slot := range m2.tagIndex {
		if slot != 0 {
			n++
		}
	}
	if n != len(entries) {
		t.Errorf("%d entries indexed, want %d", n, len(entries))
	}
}

// Models from elsewhere keep the full checks; UnmarshalTrusted skips those
// that read the whole model, as documented.
func TestValidationOfUntrustedModels(t *testing.T) {
	data := small(t)
	m, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	// Swap "bias" for "zzzz": the features are no longer sorted.
	unsorted := append([]byte(nil), data...)
	blobStart := len(data) - len(m.tagData) - 4 - 5*m.NumPairs() - 8*(m.NumFeatures()+1) - len(m.blob)
	if string(unsorted[blobStart:blobStart+4]) != "bias" {
		t.Fatalf("blob starts %q", unsorted[blobStart:blobStart+4])
	}
	copy(unsorted[blobStart:], "zzzz")
	if _, err := Unmarshal(unsorted); err == nil || !strings.Contains(err.Error(), "not sorted") {
		t.Errorf("Unmarshal of unsorted features: %v", err)
	}
	if _, err := UnmarshalTrusted(unsorted); err != nil {
		t.Errorf("UnmarshalTrusted: %v", err)
	}
	// A class ID out of range.
	badID := append([]byte(nil), data...)
	badID[len(data)-len(m.tagData)-4-4*m.NumPairs()-1] = 200
	if _, err := Unmarshal(badID); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("Unmarshal of a bad class ID: %v", err)
	}
	// Truncated anywhere: an error, never a panic.
	for n := 0; n < len(data); n++ {
		if _, err := Unmarshal(data[:n]); err == nil {
			t.Errorf("Unmarshal of %d of %d bytes succeeded", n, len(data))
		}
		if _, err := UnmarshalTrusted(data[:n]); err == nil {
			t.Errorf("UnmarshalTrusted of %d of %d bytes succeeded", n, len(data))
		}
	}
}
