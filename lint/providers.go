package lint

import (
	"regexp"
	"strings"
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

// buildProviderRE compiles the provider detector, with extra words from the
// configuration.
func buildProviderRE(extra []string) (*regexp.Regexp, *regexp.Regexp) {
	words := append(append([]string(nil), providerWords...), extra...)
	alts := make([]string, 0, len(words))
	for _, w := range words {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		alts = append(alts, wordsPattern(w)+`(?:s|es)?`)
	}
	// Longest first so "teaching assistant" wins over "teacher" in spans.
	sortByLengthDesc(alts)
	full := regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)\b`)
	abbr := regexp.MustCompile(`\b(?:` + strings.Join(providerAbbrevs, "|") + `)\b`)
	return full, abbr
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

func sortByLengthDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && len(s[j]) > len(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
