// Command wordnetgen writes lint/roles_gen.go from the WordNet 3.0 database (Debian:
// apt-get install wordnet-base, which puts it in /usr/share/wordnet):
//
//   - roles: the nouns whose commonest sense is a kind of person (a
//     hyponym of person.n.01) that names a role or an occupation. The
//     subtrees that name who a person is rather than what they do (a child,
//     a relative, a learner, a peer, a man or a woman) are left out, since
//     in a plan they are the people provision is for, not who delivers it.
//   - notRoles: the words ending in a person suffix ("-ist", "-ician") that
//     have no person sense ("list", "wrist", "checklist"), so that the
//     suffix rule for roles WordNet lacks ("orthotist", "hydrotherapist")
//     does not take them for roles.
//   - occasions: the nouns with a sense that is an act, an event or a
//     time ("lesson", "holiday", "assessment"), for "each ..." frequencies.
//   - verbForms: WordNet's irregular verb forms (verb.exc), inflection to
//     lemma, for matching phrases by lemma ("sought" is "seek").
//   - the provider lexicon (every word's classes: lex.Build of roles,
//     notRoles and lint/internal/lex's lists) and the occasions, as static
//     hash tables (lex.Layout), so that a process builds no map for them.
//     The word lists stay in the file for lint's tests, which build the
//     lexicon from them and compare; as constants only tests read, they
//     are not in the program.
//
// Run `go generate ./lint/internal/wordnetgen` after changing this program
// or lint/internal/lex's lists (it is not part of `go generate ./lint`, so building sendgen does not
// need WordNet); TestGeneratedRoles regenerates the list and fails when the
// committed file differs.
package main

//go:generate go run . -wordnet /usr/share/wordnet -o ../../roles_gen.go

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sendgen/sendgen/lint/internal/lex"
)

// excludedSubtrees are person hyponyms that say who somebody is, not what
// role they have: the recipients of provision and their families.
var excludedSubtrees = []string{
	"juvenile.n.01", "child.n.01", "child.n.02", "relative.n.01", "parent.n.01", "learner.n.01",
	"enrollee.n.01", "student.n.01", "pupil.n.01", "equal.n.01", "friend.n.01", "female.n.02",
	"male.n.02", "man.n.01", "woman.n.01", "lover.n.01", "acquaintance.n.01",
	"patient.n.01", "sick_person.n.01", "unfortunate.n.01", "inhabitant.n.01", "native.n.01",
	"national.n.01", "adolescent.n.01", "user.n.01", "owner.n.01", "customer.n.01", "client.n.01",
	"religious_person.n.01", "worshiper.n.01", "ancestor.n.01", "descendant.n.01", "spouse.n.01",
	"mate.n.03", "couple.n.04", "guest.n.01", "recipient.n.01", "applicant.n.01", "classmate.n.01", "schoolmate.n.01", "trainee.n.01",
}

// excludedLemmaOnly are synsets whose own words are generic but whose
// hyponyms are roles (adult.n.01 covers professional.n.01, and so doctor).
var excludedLemmaOnly = []string{"person.n.01", "adult.n.01", "worker.n.01", "professional.n.01", "expert.n.01"}

type synset struct {
	words    []string
	lexFile  int      // 4 noun.act, 11 noun.event, 28 noun.time ...
	hyponyms []string // offsets
}

// occasionFiles are the lexicographer files of nouns that name an occasion:
// acts, events and times ("lesson", "assessment", "holiday", "morning").
var occasionFiles = map[int]bool{4: true, 11: true, 28: true}

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "folder holding the WordNet 3.0 database (data.noun, index.noun, verb.exc)")
	out := flag.String("o", "roles_gen.go", "file to write")
	flag.Parse()
	if err := run(*dir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "wordnetgen:", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	nouns, err := readData(filepath.Join(dir, "data.noun"))
	if err != nil {
		return err
	}
	index, err := readIndex(filepath.Join(dir, "index.noun"))
	if err != nil {
		return err
	}
	name := func(n string) (string, error) {
		// "juvenile.n.01" -> the offset of the lemma's first sense.
		parts := strings.Split(n, ".")
		var k int
		fmt.Sscanf(parts[2], "%d", &k)
		offs := index[parts[0]]
		if k < 1 || k > len(offs) {
			return "", fmt.Errorf("no synset %s in index.noun", n)
		}
		return offs[k-1], nil
	}
	person, err := name("person.n.01")
	if err != nil {
		return err
	}
	excluded := map[string]bool{}
	for _, n := range excludedSubtrees {
		off, err := name(n)
		if err != nil {
			return err
		}
		excluded[off] = true
	}
	lemmaOnly := map[string]bool{}
	for _, n := range excludedLemmaOnly {
		off, err := name(n)
		if err != nil {
			return err
		}
		lemmaOnly[off] = true
	}
	// A synset is a role when it can be reached from person.n.01 without
	// passing through an excluded subtree (a mother is a relative, so not a
	// role, even though she is also a woman).
	reach := func(avoid map[string]bool) map[string]bool {
		seen := map[string]bool{}
		stack := []string{person}
		for len(stack) > 0 {
			off := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[off] || avoid[off] {
				continue
			}
			seen[off] = true
			if s := nouns[off]; s != nil {
				stack = append(stack, s.hyponyms...)
			}
		}
		return seen
	}
	anyone := reach(nil)
	role := reach(excluded)
	for off := range lemmaOnly {
		delete(role, off)
	}
	delete(role, person)

	// A word is a role when its commonest sense (the first in index.noun)
	// is a role synset: "help" (first sense: the activity) and "hand" (the
	// body part) are person nouns too, but not in a plan. A word that is
	// far more often another part of speech ("have", tagged 19 times as a
	// verb in WordNet's concordance and never as a noun) is left out too.
	tagged := map[string]int{}
	for _, f := range []string{"index.verb", "index.adj", "index.adv"} {
		if err := readTagCounts(filepath.Join(dir, f), tagged); err != nil {
			return err
		}
	}
	nounTagged := map[string]int{}
	if err := readTagCounts(filepath.Join(dir, "index.noun"), nounTagged); err != nil {
		return err
	}
	var roles []string
	seen := map[string]bool{}
	for w, offs := range index {
		if len(offs) == 0 || !role[offs[0]] {
			continue
		}
		if o, n := tagged[w], nounTagged[w]; n == 0 && o > 0 || o > 2*n+2 {
			continue
		}
		for _, v := range variants(strings.ReplaceAll(w, "_", " ")) {
			if !seen[v] {
				seen[v] = true
				roles = append(roles, v)
			}
		}
	}
	sort.Strings(roles)

	// Words with a person suffix that are never a person.
	var notRoles []string
	for _, f := range []string{"index.noun", "index.verb", "index.adj", "index.adv"} {
		idx, err := readIndex(filepath.Join(dir, f))
		if err != nil {
			return err
		}
		for w, offs := range idx {
			if strings.Contains(w, "_") || !(strings.HasSuffix(w, "ist") || strings.HasSuffix(w, "ician")) {
				continue
			}
			isPerson := false
			for _, o := range index[w] {
				isPerson = isPerson || anyone[o]
			}
			_ = offs
			if !isPerson && !seen[w] {
				seen[w] = true
				notRoles = append(notRoles, w)
			}
		}
	}
	sort.Strings(notRoles)

	// Occasions: single nouns with a sense that is an act, an event or a
	// time, so that "each assessment" and "every theory lesson" are how
	// often, and "every classroom" and "each subject teacher" are not.
	var occasions []string
	for w, offs := range index {
		if strings.ContainsAny(w, "_-.'") || len(w) < 3 {
			continue
		}
		for _, o := range offs {
			if s := nouns[o]; s != nil && occasionFiles[s.lexFile] && !anyone[o] {
				occasions = append(occasions, w)
				break
			}
		}
	}
	sort.Strings(occasions)

	forms, err := readExc(filepath.Join(dir, "verb.exc"))
	if err != nil {
		return err
	}

	// The lexicon and the occasions as static tables, so that a process
	// builds no map for them (see lex.Table).
	lx := lex.Build(joinLines(roles), joinLines(notRoles))
	for _, a := range lex.ProviderAbbrevs {
		lx.Words[a] |= lex.Abbrev
	}
	lexTable, err := lex.Layout(lx.Words, lexiconBits)
	if err != nil {
		return fmt.Errorf("the lexicon: %w", err)
	}
	occ := map[string]uint16{}
	for w := range lex.Occasions(joinLines(occasions)) {
		occ[w] = lex.Occasion
	}
	occTable, err := lex.Layout(occ, occasionBits)
	if err != nil {
		return fmt.Errorf("the occasions: %w", err)
	}

	var b bytes.Buffer
	b.WriteString("// Code generated by lint/internal/wordnetgen from WordNet 3.0; DO NOT EDIT.\n")
	b.WriteString("// WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n")
	b.WriteString("// Its licence is in WORDNET-LICENSE beside this file.\n\n")
	b.WriteString("package lint\n\n")
	fmt.Fprintf(&b, "// wordnetRoles are %d nouns whose commonest sense is a role or occupation\n// of a person, one a line (see internal/wordnetgen).\n", len(roles))
	b.WriteString("const wordnetRoles = " + quoteLines(roles) + "\n\n")
	fmt.Fprintf(&b, "// wordnetNotRoles are %d words ending in -ist or -ician that name no person.\n", len(notRoles))
	b.WriteString("const wordnetNotRoles = " + quoteLines(notRoles) + "\n\n")
	fmt.Fprintf(&b, "// wordnetOccasions are %d nouns with a sense that is an act, an event or a time.\n", len(occasions))
	b.WriteString("const wordnetOccasions = " + quoteLines(occasions) + "\n\n")
	fmt.Fprintf(&b, "// wordnetVerbForms are %d irregular verb forms, \"form lemma\" a line.\n", len(forms))
	b.WriteString("const wordnetVerbForms = " + quoteLines(forms) + "\n\n")
	fmt.Fprintf(&b, `// The built-in lexicon: %d words and phrases (lex.Build of the lists above
// and lint/internal/lex's, and lex.ProviderAbbrevs with lex.Abbrev) in an
// open-addressing table of 2^lexBits slots, laid out by lex.Layout: lexKeys[i]
// is the lex.Hash of slot i's word (0: empty), lexClasses[i] its classes.
// A word's home slot is its hash's top lexBits bits; a probe goes on to the
// next slot, wrapping, to the hash or an empty slot (at most %d slots for
// a word in the table). Arrays of constants are laid out by the linker: they
// cost nothing until read. lexLongest is the most words in one role.
const (
	lexBits    = %d
	lexLongest = %d
)

`, len(lx.Words), lexTable.MaxLen, lexiconBits, lx.Longest)
	b.WriteString("var lexKeys = [1 << lexBits]uint64{\n" + keyed(lexTable.Keys, lexTable.Keys, "0x%016x") + "}\n\n")
	b.WriteString("var lexClasses = [1 << lexBits]uint16{\n" + keyed(lexTable.Keys, lexTable.Classes, "%#x") + "}\n\n")
	fmt.Fprintf(&b, `// occasionKeys are the %d occasions (wordnetOccasions and lex.MoreOccasions)
// laid out as lexKeys are, in 2^occasionBits slots (at most %d probes for
// an occasion).
const occasionBits = %d

`, len(occ), occTable.MaxLen, occasionBits)
	b.WriteString("var occasionKeys = [1 << occasionBits]uint64{\n" + keyed(occTable.Keys, occTable.Keys, "0x%016x") + "}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}

// The tables' sizes: each under half full (9,300 words; 7,600 occasions).
const (
	lexiconBits  = 15
	occasionBits = 14
)

// keyed writes the non-empty slots of a table (keys[i] != 0) as the
// elements of a keyed array literal, four to a line.
func keyed[T uint64 | uint16](keys []uint64, vals []T, format string) string {
	var b strings.Builder
	n := 0
	for i, k := range keys {
		if k == 0 {
			continue
		}
		if n%4 == 0 {
			b.WriteString("\t")
		}
		fmt.Fprintf(&b, "%d: "+format+",", i, vals[i])
		n++
		if n%4 == 0 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	if n%4 != 0 {
		b.WriteString("\n")
	}
	return b.String()
}

// variants adds the British spellings plans use to WordNet's American ones.
func variants(w string) []string {
	out := []string{w}
	for _, r := range [][2]string{{"pediatric", "paediatric"}, {"counselor", "counsellor"}, {"orthopedic", "orthopaedic"},
		{"behavior", "behaviour"}, {"anesthet", "anaesthet"}, {"hematolog", "haematolog"}, {"gynecolog", "gynaecolog"}} {
		if strings.Contains(w, r[0]) {
			out = append(out, strings.ReplaceAll(w, r[0], r[1]))
		}
	}
	return out
}

// joinLines is the words as the string constant quoteLines writes.
func joinLines(ws []string) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w + "\n")
	}
	return b.String()
}

// quoteLines writes words as one string constant of lines, split over
// source lines for reading: a constant costs nothing at start-up.
func quoteLines(ws []string) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteString(" +\n\t")
		}
		fmt.Fprintf(&b, "%q", w+"\n")
	}
	if len(ws) == 0 {
		return `""`
	}
	return b.String()
}

func readData(path string) (map[string]*synset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w (install the WordNet database: apt-get install wordnet-base)", err)
	}
	defer f.Close()
	out := map[string]*synset{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue // licence header
		}
		fields := strings.Fields(strings.SplitN(line, " | ", 2)[0])
		if len(fields) < 4 {
			continue
		}
		s := &synset{}
		fmt.Sscanf(fields[1], "%d", &s.lexFile)
		var nw int
		fmt.Sscanf(fields[3], "%x", &nw)
		i := 4
		for k := 0; k < nw; k++ {
			s.words = append(s.words, strings.ToLower(fields[i]))
			i += 2
		}
		var np int
		fmt.Sscanf(fields[i], "%d", &np)
		i++
		for k := 0; k < np; k++ {
			sym, off := fields[i], fields[i+1]
			if sym == "~" { // hyponym (not ~i: instances are named individuals)
				s.hyponyms = append(s.hyponyms, off)
			}
			i += 4
		}
		out[fields[0]] = s
	}
	return out, sc.Err()
}

// readIndex maps each lemma to its synset offsets, commonest sense first.
func readIndex(path string) (map[string][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 {
			continue
		}
		var synsetCnt, pCnt int
		fmt.Sscanf(fields[2], "%d", &synsetCnt)
		fmt.Sscanf(fields[3], "%d", &pCnt)
		offs := fields[len(fields)-synsetCnt:]
		out[fields[0]] = offs
	}
	return out, sc.Err()
}

// readTagCounts adds each lemma's tagsense_cnt (how often its senses were
// tagged in the semantic concordance) to counts, keeping the largest.
func readTagCounts(path string, counts map[string]int) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if strings.HasPrefix(line, "  ") || len(f) < 6 {
			continue
		}
		var pCnt, tag int
		fmt.Sscanf(f[3], "%d", &pCnt)
		if 5+pCnt >= len(f) {
			continue
		}
		fmt.Sscanf(f[5+pCnt], "%d", &tag)
		counts[f[0]] = max(counts[f[0]], tag)
	}
	return nil
}

// readExc reads verb.exc: "inflection lemma" lines.
func readExc(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.Contains(f[0], "_") {
			continue
		}
		out = append(out, f[0]+" "+f[1])
	}
	sort.Strings(out)
	return out, nil
}
