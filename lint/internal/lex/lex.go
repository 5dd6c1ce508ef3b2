// Package lex holds what the provider lexicon and the occasion nouns are
// made of, other than WordNet's lists: the word classes, the hand-written
// word lists, how they combine (Build), the fixed hash (Hash) and the
// open-addressing layout (Layout) of the static table that
// lint/internal/wordnetgen writes into lint/roles_gen.go. The generator
// and lint's tests use it; the lint package reads only the classes and the
// hash. After editing a list here, run `go generate
// ./lint/internal/wordnetgen`: TestStaticLexicon fails until you do.
package lex

import (
	"strings"
	"unicode"
)

// Word classes, one bit each. Role to End are the lexicon's; Abbrev and
// Occasion share its table.
const (
	Role         = 1 << iota // a role on its own: "teacher", "orthotist"
	Start                    // the first word of a role of several words
	Generic                  // never a provider: "staff", "adult"
	NotRole                  // has a person suffix but is no person: "checklist"
	NeedMod                  // a role only after a modifier: "worker"
	Attributive              // before another noun, describes it: "specialist"
	Organisation             // heads a body's name: "team", "service"
	Stop                     // ends a noun phrase: "of", "will", "with"
	End                      // the last word of a role of several words
	Abbrev                   // a provider abbreviation, case-sensitive: "SENCo"
	Occasion                 // a noun naming an act, an event or a time: "lesson"
)

// ProviderWords are roles and qualifications WordNet does not have in
// this sense (British usage, SEND roles), matched as words, plurals
// included.
var ProviderWords = []string{
	"teacher", "class teacher", "specialist teacher", "advisory teacher", "qualified teacher",
	"teaching assistant", "classroom assistant", "learning support assistant", "support assistant",
	"higher level teaching assistant", "special educational needs co-ordinator",
	"special educational needs coordinator", "speech and language therapist", "speech & language therapist",
	"language therapist", "teacher of the deaf", "teacher of the visually impaired",
	"teacher of the multi-sensory impaired", "habilitation specialist", "habilitation officer",
	"mobility officer", "learning mentor", "school nurse", "dietician", "care worker", "carer",
	"support worker", "family support worker", "youth worker", "outreach worker", "key worker",
	"keyworker", "play worker", "note-taker", "notetaker", "note taker", "scribe", "bsl interpreter",
	"communication support worker", "intervenor", "job coach", "behaviour analyst",
	"emotional literacy support assistant", "co-ordinator", "paraprofessional", "psychotherapist",
	"physio", "portage worker", "nursery nurse", "headteacher", "head teacher", "deputy head",
	"assistant head", "head of year", "head of department", "head of house", "head of sixth form",
	"head of centre", "head of school",
}

// ProviderAbbrevs are matched case-sensitively, since "ta", "ot" or "ep"
// in lower case are usually other words.
var ProviderAbbrevs = []string{
	"TA", "TAs", "LSA", "LSAs", "HLTA", "HLTAs", "SENCo", "SENCO", "SENCOs", "SENDCo", "SENDCO", "Senco",
	"SaLT", "SALT", "SLT", "SLTs", "OT", "OTs", "EP", "EPs", "ToD", "TOD", "QToD", "QTOD", "QTVI", "QTMSI",
	"ELSA", "ELSAs", "PA", "PAs", "GP", "BCBA", "CSW", "SpLD", "CNS", "DCO", "MSI", "HI", "VI",
}

// GenericPeople name a person without a role or qualification, or the
// people provision is for: they never count, whatever WordNet says.
var GenericPeople = []string{
	"staff", "adult", "person", "people", "individual", "team", "service", "school", "college",
	"setting", "professional", "member", "employee", "employer", "colleague", "volunteer", "helper",
	"someone", "somebody", "anyone", "anybody", "everyone", "player", "mate", "runner", "speaker",
	"writer", "user", "partner", "representative", "agent", "official", "worker", "associate",
	"attendant", "contact", "follower", "owner", "participant", "provider", "relation",
	"resident", "supporter", "giver",
}

// NeedModifier are heads that name a role only with a word before them:
// "a care worker", "a learning support assistant", "an exams officer"; "an
// assistant" or "a practitioner" alone says nothing of expertise.
var NeedModifier = []string{"worker", "assistant", "officer", "practitioner", "coordinator", "lead", "leader", "aide", "specialist", "technician", "supervisor"}

// AttributiveRoles are roles that, written before another noun, describe
// it rather than name a person: "specialist seating", "expert advice".
var AttributiveRoles = []string{"specialist", "expert", "consultant", "assistant", "guide"}

// OrganisationHeads end a noun phrase that names a body, not a person:
// "the Speech and Language Therapy Service", "the Specialist Teacher Team".
var OrganisationHeads = []string{
	"team", "teams", "service", "services", "clinic", "clinics", "department", "unit", "base", "hub",
	"centre", "center", "network", "trust", "board", "panel", "agency", "partnership", "school", "college",
	"nursery", "academy", "setting", "practice", "office", "hospital", "authority", "council",
	"organisation", "organization", "charity", "provision", "pathway",
}

// StopWords end a noun phrase.
var StopWords = []string{
	"a", "an", "the", "of", "for", "from", "with", "in", "on", "at", "to", "by", "and", "or", "who",
	"which", "that", "will", "shall", "must", "may", "can", "should", "would", "could", "is", "are",
	"be", "was", "has", "have", "working", "holding", "using", "during", "per", "each", "every", "twice",
	"once", "weekly", "daily", "termly", "as", "into", "about", "under", "over", "after", "before", "via",
	"through", "where", "when", "if", "while", "but", "not", "so", "his", "her", "their", "its", "s",
	"also", "then",
}

// MoreOccasions are occasions WordNet files under another sense.
var MoreOccasions = []string{"exam", "lunch", "snack", "assembly", "registration", "class", "visit"}

// Lexicon is a set of word classes keyed by the word or phrase itself.
type Lexicon struct {
	Words   map[string]uint16
	Longest int // most words in one role
}

// AddRole adds a role, as written: lower-cased, its words single-spaced.
func (lx *Lexicon) AddRole(w string) {
	words := SplitWords(strings.ToLower(w))
	switch len(words) {
	case 0:
		return
	case 1:
		lx.Words[words[0]] |= Role
	default:
		lx.Words[strings.Join(words, " ")] |= Role
		lx.Words[words[0]] |= Start
		lx.Words[words[len(words)-1]] |= End
	}
	lx.Longest = max(lx.Longest, len(words))
}

// Build is the built-in lexicon from WordNet's roles and its words with a
// person suffix that name no person (each a line, as roles_gen.go has
// them) and the lists above: every word's classes, the later lists
// overriding or adding to the earlier ones.
func Build(roles, notRoles string) *Lexicon {
	lx := &Lexicon{Words: make(map[string]uint16, strings.Count(roles, "\n")+512)}
	for _, w := range Lines(roles) {
		lx.AddRole(w)
	}
	for _, w := range ProviderWords {
		lx.AddRole(w)
	}
	for _, w := range Lines(notRoles) {
		lx.Words[w] |= NotRole
	}
	for _, w := range GenericPeople {
		lx.Words[w] = lx.Words[w]&^Role | Generic
	}
	for _, w := range NeedModifier {
		lx.Words[w] |= NeedMod
	}
	for _, w := range AttributiveRoles {
		lx.Words[w] |= Attributive
	}
	for _, w := range OrganisationHeads {
		lx.Words[w] |= Organisation
	}
	for _, w := range StopWords {
		lx.Words[w] |= Stop
	}
	return lx
}

// Occasions is the set of occasion nouns: WordNet's (a line each) and
// MoreOccasions.
func Occasions(wordnet string) map[string]bool {
	m := map[string]bool{}
	for _, w := range Lines(wordnet) {
		m[w] = true
	}
	for _, w := range MoreOccasions {
		m[w] = true
	}
	return m
}

// Lines splits a generated word list, one word a line.
func Lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// SplitWords splits on anything that is not a letter, digit or apostrophe,
// so "HCPC-registered" and "note-taker" split like "note taker".
func SplitWords(s string) []string {
	return strings.FieldsFunc(s, IsWordSep)
}

// IsWordSep reports whether r separates words.
func IsWordSep(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '&' || r == '’')
}
