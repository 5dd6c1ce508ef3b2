package lint

import (
	"strings"
	"sync"

	"github.com/sendgen/sendgen/internal/lazyre"
)

// The detectors answer "does this statement say how often / how long / who
// / how many?" They are regular expressions over the statement's plain
// text, compiled once. Numbers may be digits or words.

const (
	numWord  = `(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-five|thirty|thirty-five|forty|forty-five|fifty|sixty|ninety|a\s+couple\s+of|several)`
	numDigit = `(?:\d+(?:\.\d+)?½?|½)`
	num      = `(?:` + numDigit + `|` + numWord + `)`
	// quantity is a number followed by what it counts: digits may touch
	// the unit ("20mins"), words may not ("amin" is not "a min").
	quantity = `(?:` + numDigit + `(?:\s*(?:-|–|to)\s*` + numDigit + `)?[\s-]*|` + numWord + `(?:\s*(?:-|–|to)\s*` + numWord + `)?[\s-]+)`
)

const period = `(?:school\s+days?|days?|weekdays?|weeks?|fortnights?|months?|terms?|half[\s-]terms?|years?|academic\s+years?|mornings?|afternoons?|evenings?|nights?|lessons?|sessions?|lunchtimes?|lunch\s+times?|break\s*times?|breaks|playtimes?|play\s+times?|registrations?|assembl(?:y|ies)|school\s+weeks?|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|annum|semesters?|transitions?|changeovers?|visits?|periods?|hours?)`

var (
	frequencyParts = []string{
		// adverbs: daily, weekly, twice-weekly, half-termly ...
		`\b(?:(?:twice|once|thrice|bi|half)[\s-]?)?(?:daily|weekly|nightly|fortnightly|monthly|termly|yearly|annually|annual|biannual|quarterly)\b`,
		// per / each / every lesson, every two weeks, before each literacy lesson ...
		`\b(?:each|every|every\s+other|every\s+` + num + `)\s+` + period + `\b`,
		// "per week" is a frequency; "30 minutes per session" is not
		`\bper\s+(?:school\s+days?|days?|weekdays?|weeks?|fortnights?|months?|terms?|half[\s-]terms?|years?|academic\s+years?|annum|school\s+weeks?|mornings?|afternoons?|evenings?|nights?|hours?)\b`,
		`\b(?:each|every)\s+(?:[a-z]+\s+){1,2}` + period + `\b`,
		// "a week", "/week": only calendar periods, since "a session" is no frequency
		`(?:\b(?:a|an)\s+|/\s*)(?:school\s+)?(?:day|week|fortnight|month|term|half[\s-]term|year)\b`,
		`\b(?:p\.?w\.?|p/w|pw)\b`,
		// N times a week, once a term, twice per half term
		`\b(?:once|twice|thrice|` + num + `\s+times?)\s+(?:a|an|per|each|every|in\s+(?:a|each|every))\s+` + period + `\b`,
		// on Mondays, Tuesdays and Thursdays; on weekdays
		`\bon\s+(?:(?:mon|tues|wednes|thurs|fri)days|weekdays)\b`,
		`\b(?:mon|tues|wednes|thurs|fri)days?\s+and\s+(?:mon|tues|wednes|thurs|fri)days?\b`,
		// continuous provision
		`\bthroughout\s+(?:the|each|every)\s+(?:school\s+)?(?:day|week)\b`,
		`\b(?:all|every)\s+lessons\b`,
		`\bat\s+all\s+times\b`,
		`\bfull[\s-]time\b`,
		`\bper\s+annum\b`,
		// event-based: at each transition, before each new topic, after every meal
		`\b(?:at|before|after|during|following|on|prior\s+to|ahead\s+of|throughout)\s+(?:the\s+(?:start|end|beginning)\s+of\s+)?(?:each|every)\s+[a-z]`,
		// on each of the first five days of term
		`\b(?:each|every)\s+of\s+(?:the|her|his|their)\s+(?:[a-z0-9]+\s+){0,3}` + period + `\b`,
	}

	durationParts = []string{
		// 30 minutes, thirty minutes, 45-minute, 1 hr, 1.5 hours, 20 mins
		`\b` + quantity + `(?:minutes?|mins?|hours?|hrs?)\b`,
		// 16 taught hours, 25 contact hours, 15 funded hours
		`\b` + numDigit + `\s+[a-z]+\s+(?:minutes?|hours?)\b`,
		// the first hour, the first two hours of each day, the last 10 minutes
		`\b(?:first|last|final|opening)\s+(?:` + quantity + `)?(?:minutes?|mins?|hours?|hour)\b`,
		// half a day, a half-day, half a morning
		`\bhalf\s+(?:a|an)\s+(?:school\s+)?(?:day|morning|afternoon|session)\b|\bhalf[\s-]days?\b|\bhalf[\s-]hours?\b|\bquarter\s+of\s+an\s+hour\b`,
		// continuous provision: throughout the school day, at all times
		`\bthroughout\s+(?:the|each|every)\s+(?:school\s+)?day\b|\bwhole\s+of\s+(?:the|each|every)\s+(?:school\s+)?day\b|\ball\s+(?:school\s+)?day\b|\bat\s+all\s+times\b`,
		// two lessons a week: a lesson is a known length
		`\b` + num + `\s+(?:(?:single|double)\s+)?(?:lessons?|periods?)\s+(?:a|per|each|every)\s+(?:week|fortnight|day|term)\b`,
		`\b\d+(?:\.\d+)?\s*h\b`,
		`\bhalf\s+an?\s+hour\b`,
		`\b(?:one|an?)\s+and\s+a\s+half\s+hours?\b`,
		// an amount of days: 2 days per week, a full school day
		`\b` + num + `\s+(?:full\s+|half\s+|school\s+)?days?\s+(?:a|per|each|every)\s+week\b`,
		`\b(?:the\s+|a\s+)?(?:full|whole|entire)\s+(?:school\s+)?day\b`,
		`\bfull[\s-]time\b`,
		`\b(?:single|double)\s+lessons?\b`,
		`\blasting\s+` + num + `\b`,
	}

	groupM = mustMatcher(`(?i)\b(?:small[\s-]+)?groups?\b`)
	// groupSizeParts are the ways a group's size is stated; each is its own
	// expression so that its prefilter can skip it.
	groupSizeParts = compileParts([]string{
		`\b\d+\s*:\s*\d+\b`,
		`\bgroups?\s+of\s+(?:no\s+more\s+than\s+|not\s+more\s+than\s+|up\s+to\s+|at\s+most\s+|a\s+maximum\s+of\s+|maximum\s+|max\.?\s+|between\s+|around\s+|about\s+)?` + num + `\b`,
		`\b` + num + `(?:\s*(?:-|–|to|or)\s*` + num + `)?\s+(?:other\s+)?(?:pupils?|children|child|students?|learners?|young\s+people|peers?)\b`,
		`\b(?:max(?:imum)?\.?|no\s+more\s+than|not\s+more\s+than|at\s+most)\s+(?:of\s+)?` + num + `\b`,
		`\b(?:pairs?|paired|one\s+other)\b`,
		`\bratio\s+of\s+\d+`,
	})
	// groupNotSize are groups that are not teaching groups.
	groupNotSizeRE = mustMatcher(`(?i)\b(?:age|peer|year|support|focus|parent|friendship|tutor|ethnic|working|steering)\s+groups?\b`)

	// ratioOneToOne is 1:1 teaching, which says nothing about a group's size.
	ratioOneToOne = lazyre.New(`^1\s*:\s*1$`)
)

// The detectors are kept as lists of small expressions rather than one
// alternation: each gets its own literal prefilter and start literals, so
// most are skipped without running, and the ones that run are small.
var (
	frequencyM = compileParts(frequencyParts)
	durationM  = compileParts(durationParts)
)

type matchers []matcher

// compileParts compiles lower-case patterns that run on ASCII-lower-cased
// text: without (?i) the engine does no case folding, which was a fifth of
// the detectors' time.
func compileParts(parts []string) matchers {
	out := make(matchers, len(parts))
	for i, p := range parts {
		out[i] = mustMatcher(p)
	}
	return out
}

// The groups of the detectors' set, in its order.
const (
	frequencyGroup = iota
	durationGroup
	groupMention // groupM
	groupSize    // groupSizeParts
	groupNotSize // groupNotSizeRE
)

// detectors is every detector in one set, so that one pass over a
// statement finds all their literals; built on first use.
// Its tries and the expressions' literals come from patterns_gen.go
// (builtin.go), so building it is a few allocations.
var detectors = sync.OnceValue(func() *patternSet { return newPatternSet(detectorGroups()...) })

// detectorGroups are the groups of the detectors' set.
func detectorGroups() []patternGroup {
	return []patternGroup{
		{ms: frequencyM, onLower: true},
		{ms: durationM, onLower: true},
		{ms: matchers{groupM}},
		{ms: groupSizeParts, onLower: true},
		{ms: matchers{groupNotSizeRE}},
	}
}

// isOccasion reports whether w is a noun that names an act, an event or a
// time (WordNet's, with the ones WordNet files under another sense:
// lex.MoreOccasions): a probe of the generated table occasionKeys
// (roles_gen.go), laid out as the lexicon's is (see builtinClass).
func isOccasion(w string) bool {
	h := hashString(w)
	for i := h >> (64 - occasionBits); ; i = (i + 1) & (1<<occasionBits - 1) {
		switch occasionKeys[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// eachOccasion reports whether lower says "each" or "every" of an occasion
// ("each assessment", "every theory lesson", "each PE lesson", "in all
// tests"): that is how often. "Every classroom" or "each subject teacher" is where or who.
func eachOccasion(lower string) bool {
	for _, q := range [...]string{"each ", "every ", "in all ", "at all ", "during all ", "for all "} {
		for from := 0; ; {
			k := strings.Index(lower[from:], q)
			if k < 0 {
				break
			}
			at := from + k
			from = at + len(q)
			if at > 0 && isLetter(lower[at-1]) {
				continue
			}
			// The noun phrase after it: up to three words, to a stop.
			rest := lower[from:]
			for n := 0; n < 3 && len(rest) > 0; n++ {
				j := 0
				for j < len(rest) && (isLetter(rest[j]) || rest[j] == '-') {
					j++
				}
				w := rest[:j]
				if w == "" {
					break
				}
				if notOccasion[w] {
					break // "every effort", "every opportunity"
				}
				if isOccasion(w) || len(w) > 3 && w[len(w)-1] == 's' && isOccasion(w[:len(w)-1]) {
					return true
				}
				if j >= len(rest) || rest[j] != ' ' || w == "of" {
					break
				}
				rest = rest[j+1:]
			}
		}
	}
	return false
}

// notOccasion are acts that "every" does not count: "every effort will be
// made", "at every opportunity".
var notOccasion = map[string]bool{"effort": true, "efforts": true, "attempt": true, "care": true,
	"opportunity": true, "step": true, "measure": true, "way": true, "aspect": true, "area": true}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// unsizedGroups returns the byte ranges of group mentions in the scanned
// text when it gives no group size or ratio anywhere.
func unsizedGroups(sc *setScan) [][2]int {
	var buf [4][2]int
	locs := sc.findAll(sc.set.base[groupMention], buf[:0])
	if len(locs) == 0 {
		return nil
	}
	var sizes [4][2]int
	for i := sc.set.base[groupSize]; i < sc.set.base[groupSize+1]; i++ {
		for _, loc := range sc.findAll(i, sizes[:0]) {
			if !ratioOneToOne.MatchString(strings.TrimSpace(sc.text[loc[0]:loc[1]])) {
				return nil
			}
		}
	}
	var nbuf [4][2]int
	not := sc.findAll(sc.set.base[groupNotSize], nbuf[:0])
	var out [][2]int
	for _, l := range locs {
		skip := false
		for _, n := range not {
			if l[0] < n[1] && n[0] < l[1] {
				skip = true
			}
		}
		if !skip {
			out = append(out, l)
		}
	}
	return out
}
