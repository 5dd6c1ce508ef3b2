package lint

import (
	"regexp"
	"strings"
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
	}

	durationParts = []string{
		// 30 minutes, thirty minutes, 45-minute, 1 hr, 1.5 hours, 20 mins
		`\b` + quantity + `(?:minutes?|mins?|hours?|hrs?)\b`,
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
	ratioOneToOne = regexp.MustCompile(`^1\s*:\s*1$`)
)

// The detectors are kept as lists of small expressions rather than one
// alternation: each gets its own literal prefilter, so most are skipped
// without running, and the ones that run are small.
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

// MatchString reports whether any expression matches lower, the
// ASCII-lower-cased statement (text is unused but keeps the signature of
// matcher).
func (ms matchers) MatchString(text, lower string) bool {
	for _, m := range ms {
		if m.MatchString(lower, lower) {
			return true
		}
	}
	return false
}

// hasFrequency reports whether s states how often.
func hasFrequency(s string) bool { return frequencyM.MatchString(s, lowerASCII(s)) }

// hasDuration reports whether s states how long.
func hasDuration(s string) bool { return durationM.MatchString(s, lowerASCII(s)) }

// unsizedGroups returns the byte ranges of group mentions in s when s gives
// no group size or ratio anywhere.
func unsizedGroups(s string) [][]int {
	lower := lowerASCII(s)
	locs := groupM.FindAllStringIndex(s, lower)
	if len(locs) == 0 {
		return nil
	}
	for _, part := range groupSizeParts {
		for _, loc := range part.FindAllStringIndex(lower, lower) {
			if !ratioOneToOne.MatchString(strings.TrimSpace(s[loc[0]:loc[1]])) {
				return nil
			}
		}
	}
	not := groupNotSizeRE.FindAllStringIndex(s, lower)
	var out [][]int
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
