package lint

import (
	"regexp"
	"strings"
	"unicode"
)

// providerWords are roles and qualifications that name who delivers
// provision, matched case-insensitively as words (plurals included).
// Generic words ("staff", "an adult", "the school", "professionals") are
// deliberately absent: they do not say who or with what expertise.
var providerWords = []string{
	"teacher", "class teacher", "specialist teacher", "advisory teacher", "qualified teacher",
	"teaching assistant", "classroom assistant", "learning support assistant", "support assistant",
	"specialist assistant", "higher level teaching assistant",
	"special educational needs co-ordinator", "special educational needs coordinator",
	"speech and language therapist", "speech & language therapist", "speech therapist", "language therapist",
	"occupational therapist", "physiotherapist", "therapist", "psychotherapist",
	"art therapist", "music therapist", "play therapist", "drama therapist",
	"educational psychologist", "clinical psychologist", "psychologist", "psychiatrist",
	"teacher of the deaf", "teacher of the visually impaired", "teacher of the multi-sensory impaired",
	"habilitation specialist", "habilitation officer", "habilitation worker", "mobility officer",
	"mentor", "learning mentor", "counsellor", "counselor",
	"nurse", "school nurse", "paediatrician", "pediatrician", "doctor", "dietitian", "dietician",
	"audiologist", "educational audiologist", "orthoptist", "optometrist",
	"social worker", "personal assistant", "care worker", "carer", "support worker", "family support worker",
	"youth worker", "outreach worker", "key worker", "keyworker", "play worker",
	"note-taker", "notetaker", "note taker", "scribe", "interpreter", "bsl interpreter",
	"communication support worker", "intervenor", "tutor", "specialist tutor", "lecturer", "instructor",
	"coach", "job coach", "practitioner", "behaviour analyst", "emotional literacy support assistant",
	"autism specialist", "dyslexia specialist", "literacy specialist", "sensory specialist",
	"specialist senior practitioner",
}

// providerAbbrevs are matched case-sensitively, since "ta", "ot" or "ep"
// in lower case are usually other words.
var providerAbbrevs = []string{
	"TA", "TAs", "LSA", "LSAs", "HLTA", "HLTAs", "SENCo", "SENCO", "SENCOs", "SENDCo", "SENDCO", "Senco",
	"SaLT", "SALT", "SLT", "SLTs", "OT", "OTs", "EP", "EPs", "ToD", "TOD", "QToD", "QTOD", "QTVI", "QTMSI",
	"ELSA", "ELSAs", "PA", "PAs", "GP", "BCBA", "CSW", "SpLD",
}

// providerSet recognises provider roles by looking words up, not by a
// regular expression: a 90-way case-insensitive alternation costs about
// 50 µs a statement, a map lookup per word a few hundred nanoseconds.
type providerSet struct {
	phrases map[string]bool // lower-case, single-spaced, singular
	starts  map[string]bool // first words of the phrases of several words
	longest int             // most words in one phrase
	abbrevs map[string]bool // case-sensitive
}

func newProviderSet(extra []string) *providerSet {
	p := &providerSet{phrases: map[string]bool{}, starts: map[string]bool{}, abbrevs: map[string]bool{}}
	for _, w := range append(append([]string(nil), providerWords...), extra...) {
		words := splitWords(strings.ToLower(w))
		if len(words) == 0 {
			continue
		}
		p.phrases[strings.Join(words, " ")] = true
		if len(words) > 1 {
			p.starts[words[0]] = true
		}
		if len(words) > p.longest {
			p.longest = len(words)
		}
	}
	for _, a := range providerAbbrevs {
		p.abbrevs[a] = true
	}
	return p
}

// splitWords splits on anything that is not a letter, digit or apostrophe,
// so "HCPC-registered" and "note-taker" split like "note taker".
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '&')
	})
}

// singular gives the word and its forms without a plural ending, so
// "therapists" finds "therapist". It returns an array, not a slice, so
// that it does not allocate.
func singular(w string) [3]string {
	out := [3]string{w}
	if strings.HasSuffix(w, "es") {
		out[1] = w[:len(w)-2]
	}
	if strings.HasSuffix(w, "s") {
		out[2] = w[:len(w)-1]
	}
	return out
}

// Has reports whether text names a provider.
func (p *providerSet) Has(text string) bool {
	words := splitWords(text)
	var key strings.Builder
	lower := make([]string, len(words))
	for i, w := range words {
		if p.abbrevs[w] {
			return true
		}
		lower[i] = lowerASCII(w)
	}
	for i := range lower {
		// One-word roles need no allocation: singular forms are slices.
		for _, form := range singular(lower[i]) {
			if form != "" && p.phrases[form] {
				return true
			}
		}
		if !p.starts[lower[i]] {
			continue
		}
		key.Reset()
		key.WriteString(lower[i])
		for n := 2; n <= p.longest && i+n <= len(lower); n++ {
			last := lower[i+n-1]
			for _, form := range singular(last) {
				if form != "" && p.phrases[key.String()+" "+form] {
					return true
				}
			}
			key.WriteByte(' ')
			key.WriteString(last)
		}
	}
	return false
}

// wordsPattern turns "speech and language therapist" into a pattern that
// allows any run of spaces or hyphens between the words.
func wordsPattern(words string) string {
	parts := strings.Fields(words)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(parts, `[\s-]+`)
}
