package lint

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendgen/sendgen/lint/internal/lex"
)

// TestGeneratedRoles regenerates roles_gen.go from WordNet and compares it
// with the committed file. It needs the WordNet database (Debian:
// wordnet-base): skipped without it, a failure under CI=true.
func TestGeneratedRoles(t *testing.T) {
	const db = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(db, "data.noun")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the WordNet database is required under CI=true (Debian: apt-get install wordnet-base): %v", err)
		}
		t.Skipf("WordNet not installed: %v", err)
	}
	out := filepath.Join(t.TempDir(), "roles_gen.go")
	cmd := exec.Command("go", "run", "./internal/wordnetgen", "-wordnet", db, "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wordnetgen: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("roles_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("roles_gen.go is out of date: run `go generate ./lint/internal/wordnetgen`")
	}
}

// oldLexicon is the lexicon as lint built it in every process before the
// static table (baseLexicon, kept here as the reference): a map from each
// word's hash to its classes, built from roles_gen.go's word lists and
// lint/internal/lex's.
func oldLexicon() (words map[uint64]uint16, longest int) {
	words = make(map[uint64]uint16, strings.Count(wordnetRoles, "\n")+512)
	get := func(w string) uint16 { return words[hashString(w)] }
	set := func(w string, c uint16) { words[hashString(w)] = c }
	or := func(w string, c uint16) { words[hashString(w)] |= c }
	addRole := func(w string) {
		ws := strings.FieldsFunc(strings.ToLower(w), isWordSep)
		switch len(ws) {
		case 0:
			return
		case 1:
			or(ws[0], lexRole)
		default:
			or(strings.Join(ws, " "), lexRole)
			or(ws[0], lexStart)
			or(ws[len(ws)-1], lexEnd)
		}
		longest = max(longest, len(ws))
	}
	for lines := wordnetRoles; len(lines) > 0; {
		i := strings.IndexByte(lines, '\n')
		addRole(lines[:i])
		lines = lines[i+1:]
	}
	for _, w := range lex.ProviderWords {
		addRole(w)
	}
	for lines := wordnetNotRoles; len(lines) > 0; {
		i := strings.IndexByte(lines, '\n')
		or(lines[:i], lexNotRole)
		lines = lines[i+1:]
	}
	for _, w := range lex.GenericPeople {
		set(w, get(w)&^lexRole|lexGeneric)
	}
	for _, w := range lex.NeedModifier {
		or(w, lexNeedMod)
	}
	for _, w := range lex.AttributiveRoles {
		or(w, lexAttributive)
	}
	for _, w := range lex.OrganisationHeads {
		or(w, lexOrganisation)
	}
	for _, w := range lex.StopWords {
		or(w, lexStop)
	}
	return words, longest
}

// TestStaticLexicon: the generated table gives every word the classes the
// old builder gives it, and holds no other word: both ways round. It
// fails when lint/internal/lex's lists changed and roles_gen.go was not
// regenerated.
func TestStaticLexicon(t *testing.T) {
	const regen = "regenerate roles_gen.go: go generate ./lint/internal/wordnetgen"
	old, longest := oldLexicon()
	if longest != lexLongest {
		t.Errorf("the longest role has %d words, the table says %d: %s", longest, lexLongest, regen)
	}
	// The abbreviations share the table, under their own class.
	want := map[uint64]uint16{}
	for h, c := range old {
		want[h] = c
	}
	for _, a := range lex.ProviderAbbrevs {
		if _, ok := old[hashString(a)]; ok {
			t.Errorf("the abbreviation %q is also a word of the lexicon", a)
		}
		want[hashString(a)] = lexAbbrev
	}
	for h, c := range want {
		if got := builtinClass(h); got != c {
			t.Errorf("hash %#x: the table has classes %#x, the old builder %#x: %s", h, got, c, regen)
		}
	}
	n := 0
	for i, h := range lexKeys {
		if h == 0 {
			continue
		}
		n++
		if c, ok := want[h]; !ok || c != lexClasses[i] {
			t.Errorf("slot %d (hash %#x, classes %#x) is no word of the old builder's (%#x, %v): %s", i, h, lexClasses[i], c, ok, regen)
		}
	}
	if n != len(want) {
		t.Errorf("the table holds %d words, the old builder %d: %s", n, len(want), regen)
	}
	// By word: the old builder, lex.Build (what the generator lays out)
	// and a provider set's lookups agree.
	lx := lex.Build(wordnetRoles, wordnetNotRoles)
	if len(lx.Words) != len(old) {
		t.Errorf("lex.Build gives %d words, the old builder %d", len(lx.Words), len(old))
	}
	p := newProviderSet(nil)
	for w, c := range lx.Words {
		if old[hashString(w)] != c || p.class(w) != c {
			t.Errorf("%q: lex.Build %#x, the old builder %#x, the table %#x", w, c, old[hashString(w)], p.class(w))
		}
	}
	for _, w := range []string{"", "x", "teachers", "zzzz", "speech and language", "Teacher", "sENCo"} {
		if c := builtinClass(hashString(w)); c != 0 {
			t.Errorf("%q, no word of the lexicon, has classes %#x", w, c)
		}
	}
}

// TestStaticOccasions: the same for the occasions' table.
func TestStaticOccasions(t *testing.T) {
	want := map[uint64]bool{}
	for w := range lex.Occasions(wordnetOccasions) {
		want[hashString(w)] = true
		if !isOccasion(w) {
			t.Errorf("%q is an occasion, the table says not: regenerate roles_gen.go", w)
		}
	}
	n := 0
	for i, h := range occasionKeys {
		if h != 0 {
			n++
			if !want[h] {
				t.Errorf("slot %d (hash %#x) is no occasion", i, h)
			}
		}
	}
	if n != len(want) {
		t.Errorf("the table holds %d occasions, the lists %d: regenerate roles_gen.go", n, len(want))
	}
	for _, w := range []string{"lesson", "exam", "assembly", "holiday"} {
		if !isOccasion(w) {
			t.Errorf("%q is no occasion", w)
		}
	}
	for _, w := range []string{"", "classroom", "teacher", "effortless"} {
		if isOccasion(w) {
			t.Errorf("%q is an occasion", w)
		}
	}
}

// TestLexiconHashes: no two words of the generated tables share a hash, and
// none hashes to 0 (an empty slot), so that a table of hashes is exact for
// them. (wordnetgen refuses such a table too; this says which words.)
func TestLexiconHashes(t *testing.T) {
	seen := map[uint64]string{}
	check := func(w string) {
		h := hashString(w)
		if h == 0 {
			t.Errorf("%q hashes to 0", w)
		}
		if o, ok := seen[h]; ok && o != w {
			t.Errorf("%q and %q have the same hash %#x", o, w, h)
		}
		seen[h] = w
	}
	for w := range lex.Build(wordnetRoles, wordnetNotRoles).Words {
		check(w)
	}
	for _, a := range lex.ProviderAbbrevs {
		check(a)
	}
	seen = map[uint64]string{}
	for w := range lex.Occasions(wordnetOccasions) {
		check(w)
	}
	if hashBytes([]byte("speech and language therapist")) != hashString("speech and language therapist") {
		t.Error("hashBytes and hashString differ")
	}
}

func TestProviders(t *testing.T) {
	p := newProviderSet([]string{"Portage Home Visitor"})
	for _, tc := range []struct {
		text string
		want bool
	}{
		// WordNet roles, multi-word WordNet roles, British spellings.
		{"with a counsellor trained in CBT", true},
		{"a social worker will review it", true},
		{"reviewed by her paediatrician", true},
		{"an exercise physiologist will design a plan", true},
		// Heads of noun phrases: "... worker", "... trainer", "... adviser".
		{"A short breaks worker will take her swimming", true},
		{"An independent travel trainer will go with her", true},
		{"a 1:1 session with a careers adviser", true},
		{"An occupational therapy technician will check it", true},
		// The suffix rule for roles WordNet lacks.
		{"with a hydrotherapist", true},
		{"reviewed by an orthotist", true},
		{"A clinical neuropsychologist will see her", true},
		// Abbreviations, case-sensitively.
		{"supervised by the SENCo", true},
		{"with a TA", true},
		{"a ta", false},
		// Configured roles.
		{"a portage home visitor will call", true},
		// Generic words and the people provision is for.
		{"a trained member of staff", false},
		{"a trained adult", false},
		{"with her peers", false},
		{"a group of four children", false},
		{"Professionals involved with her", false},
		{"a suitable person", false},
		{"a worker", false},
		{"She will have access to a sensory tent", false},
		// An organisation is not a provider, even when named after a role.
		{"Input from the Specialist Communication Team", false},
		{"the Speech and Language Therapy Service", false},
		{"the Educational Psychologist Service", false},
		// A role before another noun describes it.
		{"adjust her specialist seating", false},
		{"a specialist teacher", true},
		{"Dyslexia specialist teacher holding AMBDA", true},
		{"teaching assistant support per week", true},
		// A word ending in -ist that is no person.
		{"a checklist of tasks", false},
	} {
		if got := p.Has(tc.text); got != tc.want {
			t.Errorf("Has(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func BenchmarkProviders(b *testing.B) {
	p := newProviderSet(nil)
	s := "Social skills teaching in a group of no more than four pupils, twice a week for 40 minutes, led by a teacher trained in Lego-based therapy."
	lower := lowerASCII(s)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p.has(s, lower)
	}
}

// TestPrefilterFinite: a factored alternation is spelled out, so its
// prefilter is whole words, not their common prefix.
func TestPrefilterFinite(t *testing.T) {
	m := mustMatcher(`(?i)\b(?:try|tries|tried|trying)\s+to\b`)
	for _, l := range m.literals() {
		if len(l) < 3 {
			t.Fatalf("prefilter %q has the literal %q", m.literals(), l)
		}
	}
	if m.mightMatch("training for staff") || !m.mightMatch("will try to attend") {
		t.Fatalf("prefilter %q", m.literals())
	}
}

// BenchmarkProvidersCorpus looks for a provider in every line of the dev
// corpus and the samples: the lexicon's lookups over the words plans use,
// more of them than one statement's (BenchmarkProviders).
func BenchmarkProvidersCorpus(b *testing.B) {
	paths, _ := filepath.Glob("../../shared/corpus/dev/*.md")
	more, _ := filepath.Glob("../samples/*.md")
	var lines, lowers []string
	for _, s := range readAll(b, append(paths, more...)) {
		for _, l := range strings.Split(s, "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
				lowers = append(lowers, lowerASCII(l))
			}
		}
	}
	p := newProviderSet(nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range lines {
			p.has(lines[i], lowers[i])
		}
	}
}
