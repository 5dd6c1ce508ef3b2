package lint

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/lazyre"
)

// phraseRule finds listed wordings (vague-wording, hedged-commitment).
type phraseRule struct {
	id      string
	phrases []phrase
	// set is the phrases, matched in one pass per statement; built when
	// the rule first runs, since an engine built only to describe its
	// rules (sendgen lint's reports name them) never needs it.
	set func() *patternSet
}

type phrase struct {
	re           matcher
	exceptions   []matcher
	unquantified bool
	rationale    string
	suggestion   string
	modal        bool // the pattern can match "May" the month
}

// compilePhrases compiles a phrase rule's phrases. A phrase that is one of
// the built-in expressions (builtin.go) is taken from the tables `go
// generate` wrote; any other is parsed here, so that a syntax error in a
// user's phrase or exception is reported by New, naming the rule and the
// phrase. Either way the regular expression is compiled only when a
// statement first needs it (a start literal found, the prefilter passed):
// regexp.Compile is syntax.Parse then a compile that does not fail, so
// what parsed here compiles then.
func compilePhrases(id string, ps []Phrase) (phraseRule, error) { return buildPhrases(id, ps, true) }

// phraseSource is the expression a phrase is written as, before its lemma
// slots are expanded.
func phraseSource(p Phrase) string {
	if p.Pattern == "" {
		return `\b` + wordsPattern(p.Phrase) + `\b`
	}
	return p.Pattern
}

// buildPhrases is compilePhrases; without tables it derives everything
// from the phrases, as for a user's (the generator's and the tests' way).
func buildPhrases(id string, ps []Phrase, tables bool) (phraseRule, error) {
	r := phraseRule{id: id}
	var parsed []*syntax.Regexp
	expand := expandLemmas
	if tables {
		expand = expandSlots
	}
	// compile is parseMatcher, or the built-in matcher of src (not parsed:
	// the generator parsed it, and a nil tree tells the set so).
	compile := func(src string) (matcher, *syntax.Regexp, error) {
		if tables {
			if b := builtinIndex(src); b >= 0 {
				return builtinMatcher(b), nil, nil
			}
		}
		return parseMatcher(src)
	}
	for i, p := range ps {
		src, err := expand(phraseSource(p))
		if err != nil {
			return r, fmt.Errorf("rule %s phrase %d (%q): %w", id, i+1, p.Pattern, err)
		}
		m, tree, err := compile(`(?i)` + src)
		if err != nil {
			return r, fmt.Errorf("rule %s phrase %d (%q): %w", id, i+1, src, err)
		}
		parsed = append(parsed, tree)
		cp := phrase{re: m, unquantified: p.When == "unquantified", rationale: p.Rationale,
			suggestion: p.Suggestion, modal: m.mightMatch("may")}
		for _, ex := range p.Exceptions {
			xm, _, err := compile(`(?i)` + ex)
			if err != nil {
				return r, fmt.Errorf("rule %s phrase %d exception %q: %w", id, i+1, ex, err)
			}
			cp.exceptions = append(cp.exceptions, xm)
		}
		r.phrases = append(r.phrases, cp)
	}
	ms := make([]matcher, len(r.phrases))
	for i, p := range r.phrases {
		ms[i] = p.re
	}
	r.set = sync.OnceValue(func() *patternSet { return buildPatternSet(tables, patternGroup{ms: ms, parsed: parsed}) })
	return r, nil
}

func (r phraseRule) ID() string { return r.id }

func (r phraseRule) Check(d *Doc, emit func(Finding)) {
	if len(d.Statements) == 0 {
		return
	}
	set := r.set()
	sc := scanPool.Get().(*setScan)
	defer scanPool.Put(sc)
	var buf [8][2]int
	for _, s := range d.Statements {
		text := s.String()
		set.scan(text, s.lower, sc)
		var taken [][2]int // spans already reported, so overlapping phrases report once
		for i, p := range r.phrases {
			if p.unquantified && s.Frequency && s.Duration {
				continue
			}
			for _, m := range sc.findAll(i, buf[:0]) {
				if m[1] == m[0] || overlaps(taken, m) || excepted(p.exceptions, text, s.lower, m) {
					continue
				}
				if p.modal && isMonthMay(text, m[0], m[1]) {
					continue
				}
				// A pattern may match surrounding spaces or punctuation;
				// the finding covers the words only.
				for m[0] < m[1] && strings.ContainsRune(" \t,;:", rune(text[m[0]])) {
					m[0]++
				}
				for m[1] > m[0] && strings.ContainsRune(" \t,;:", rune(text[m[1]-1])) {
					m[1]--
				}
				taken = append(taken, [2]int{m[0], m[1]})
				words := text[m[0]:m[1]]
				msg := p.rationale
				if !strings.Contains(strings.ToLower(msg), strings.ToLower(words)) {
					msg = fmt.Sprintf("%q: %s", words, p.rationale)
				}
				f := Finding{Span: s.Text.Source(s.Start+m[0], s.Start+m[1]), Message: msg, Suggestion: p.suggestion, Match: words}
				if will, ok := modalFix(text, m[0], m[1]); ok && string(d.Case.Bytes[f.Span.Start:f.Span.End]) == words {
					// The file holds the word itself (no markup inside it),
					// so replacing the span replaces exactly the word.
					f.Fixes = []Fix{{Span: f.Span, NewText: will, Title: fmt.Sprintf("Replace %q with %q", words, will)}}
				}
				emit(f)
			}
		}
	}
}

var modals = map[string]bool{"may": true, "might": true, "could": true, "should": true, "would": true}

// notWill are verbs after which "will" changes the meaning ("may wish to"
// is not "will wish to") or makes another finding ("will benefit from",
// "will consider").
var notWill = map[string]bool{
	"benefit": true, "like": true, "wish": true, "want": true, "need": true, "prefer": true,
	"choose": true, "decide": true, "consider": true, "try": true, "aim": true, "seek": true,
	"explore": true, "discuss": true, "look": true, "investigate": true, "endeavour": true,
	"think": true, "hope": true, "require": true,
}

// notWillBe are words after "would be" that make a recommendation, not a
// provision ("would be helpful"): "will be helpful" commits to nothing.
var notWillBe = map[string]bool{
	"helpful": true, "useful": true, "beneficial": true, "good": true, "appropriate": true,
	"preferable": true, "ideal": true, "advisable": true, "desirable": true, "nice": true,
	"better": true, "best": true, "that": true, "possible": true, "needed": true, "required": true,
}

// softAdverbs may stand between the modal and its verb.
var softAdverbs = map[string]bool{"also": true, "still": true, "then": true, "always": true,
	"normally": true, "usually": true, "not": true, "now": true, "each": true}

// modalFix is the mechanical fix of a modal in a provision statement:
// "should" -> "will" where the grammar stays right, that is where the modal
// is followed (perhaps after "also" or "not") by a verb in its base form,
// "have" or "be": "should receive", "should have", "could also be
// provided". It refuses a modal that starts a sentence ("Should Oliver
// need ..."), a contraction ("shouldn't"), and the verbs and phrases after
// which "will" says something else (notWill, notWillBe).
func modalFix(text string, start, end int) (string, bool) {
	word := text[start:end]
	if !modals[strings.ToLower(word)] {
		return "", false
	}
	rest := text[end:]
	if strings.HasPrefix(rest, "n't") || strings.HasPrefix(rest, "n’t") || strings.HasPrefix(rest, "'") || strings.HasPrefix(rest, "’") {
		return "", false
	}
	if before := strings.TrimRight(text[:start], " \t"); before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:;(") {
		return "", false
	}
	// The words after the modal, read without the tagger: "have" and "be"
	// (the commonest) need no tagging at all.
	at := end
	var verb string
	for {
		m := nextWord.FindStringSubmatchIndex(text[at:])
		if m == nil {
			return "", false
		}
		verb, at = strings.ToLower(text[at+m[2]:at+m[3]]), at+m[3]
		if !softAdverbs[verb] {
			break
		}
	}
	switch verb {
	case "have":
	case "be":
		if m := nextWord.FindStringSubmatch(text[at:]); m != nil && notWillBe[strings.ToLower(m[1])] {
			return "", false
		}
	default:
		if notWill[verb] || !taggedVerb(text, at-len(verb)) {
			return "", false
		}
	}
	switch {
	case word == strings.ToUpper(word) && len(word) > 1:
		return "WILL", true
	case word[0] >= 'A' && word[0] <= 'Z':
		return "Will", true
	}
	return "will", true
}

var nextWord = lazyre.New(`^\s+([\p{L}’'-]+)`)

// taggedVerb reports whether the tagger reads the word at offset as a verb
// in its base form ("receive" in "should receive").
func taggedVerb(text string, offset int) bool {
	toks := tokenizer().Tokenize(text)
	i := tokenAt(toks, offset)
	if i < 0 {
		return false
	}
	tagThrough(toks, i+1)
	return toks[i].Tag == "VB"
}

func overlaps(taken [][2]int, m [2]int) bool {
	for _, t := range taken {
		if m[0] < t[1] && t[0] < m[1] {
			return true
		}
	}
	return false
}

func excepted(exs []matcher, text, lower string, m [2]int) bool {
	for _, ex := range exs {
		for _, x := range ex.FindAllStringIndex(text, lower) {
			if x[0] <= m[0] && m[1] <= x[1] {
				return true
			}
		}
	}
	return false
}

var (
	monthAfter  = lazyre.New(`^\s*(?:\d{1,4}\b|\d{1,2}(?:st|nd|rd|th)\b|half[\s-]term\b|(?:19|20)\d\d)`)
	monthBefore = lazyre.New(`(?i)(?:\b(?:in|from|by|until|till|since|before|after|during|of|early|late|mid|end|start|beginning|this|next|last|each|every)|\d(?:st|nd|rd|th)?)[\s-]*$`)
	sentenceEnd = lazyre.New(`(?:^|[.!?:;]\s*|^\s*[-*]\s*)$`)
)

// isMonthMay tells "May" the month from "may" the modal. Lower-case "may"
// is the modal. Capitalised "May" is the month when a date is around it
// ("from May 2027", "15 May", "in May"), or when it is not at the start of
// a sentence; at the start of a sentence the tagger decides.
func isMonthMay(text string, start, end int) bool {
	w := text[start:end]
	if w != "May" {
		return false
	}
	before, after := text[:start], text[end:]
	if monthAfter.MatchString(after) || monthBefore.MatchString(before) {
		return true
	}
	if !sentenceEnd.MatchString(before) {
		return true
	}
	// At the start of a sentence: the modal is followed by a verb ("May
	// include", "May be"); the month by anything else ("May half term").
	toks := tokenizer().Tokenize(text)
	if i := tokenAt(toks, start); i >= 0 && i+1 < len(toks) {
		tagThrough(toks, i+2)
		next := toks[i+1]
		return !(strings.HasPrefix(next.Tag, "VB") || next.Tag == "RB" || next.Tag == "MD")
	}
	return false
}

// missingRule reports a statement that lacks a frequency, duration or
// provider.
type missingRule struct {
	id      string
	has     func(*Statement) bool
	message string
}

func (r missingRule) ID() string { return r.id }

func (r missingRule) Check(d *Doc, emit func(Finding)) {
	for _, s := range d.Statements {
		if !s.Judge || r.has(s) {
			continue
		}
		emit(Finding{Span: trimSpan(d.Case, s.judgedSpan()), Message: r.message})
	}
}

// trimSpan drops a final full stop so the underline covers the words.
func trimSpan(c *casefile.Case, sp casefile.Span) casefile.Span {
	for sp.End > sp.Start && strings.ContainsRune(" .;,\t", rune(c.Bytes[sp.End-1])) {
		sp.End--
	}
	return sp
}

// groupRule reports "small group" with no size.
type groupRule struct{}

func (groupRule) ID() string { return "unquantified-group" }

func (groupRule) Check(d *Doc, emit func(Finding)) {
	for _, s := range d.Statements {
		if !s.Judge {
			continue
		}
		base := s.Start
		if s.QuoteEnd > 0 {
			base = s.QuoteStart
		}
		for _, g := range s.groups {
			words := s.judged()[g[0]:g[1]]
			emit(Finding{Span: s.Text.Source(base+g[0], base+g[1]),
				Message: fmt.Sprintf("%q does not say how many children are in the group", words)})
		}
	}
}

// ownerRule reports an agreed action with nobody responsible.
type ownerRule struct{}

func (ownerRule) ID() string { return "action-missing-owner" }

var noOwner = lazyre.New(`(?i)^(?:|-+|—|–|\?+|n/?a|none|tbc|tba|tbd|to be (?:confirmed|agreed|decided|determined)|unknown|someone|somebody|anyone|anybody|everyone|all|various|staff|them|they|the parties)$`)

func (ownerRule) Check(d *Doc, emit func(Finding)) {
	for _, a := range d.Case.Actions {
		if strings.TrimSpace(a.Action.Text) == "" {
			continue
		}
		who := strings.TrimSpace(strings.Trim(a.Who.Text, "*_ "))
		if casefile.HasPlaceholder(who) {
			continue // the placeholder is the finding
		}
		if !a.HasWho {
			emit(Finding{Span: trimSpan(d.Case, a.Action.Whole()), Message: "the agreed actions table has no 'Who' column, so this action has nobody responsible"})
			continue
		}
		if noOwner.MatchString(who) {
			sp := a.Who.Whole()
			msg := "this action has nobody responsible: the 'Who' column is empty"
			if who != "" {
				msg = fmt.Sprintf("this action has nobody responsible: %q names no person or role", who)
			} else {
				sp = trimSpan(d.Case, a.Action.Whole())
			}
			emit(Finding{Span: sp, Message: msg})
		}
	}
}

// deadlineRule reports an agreed action with no date.
type deadlineRule struct{}

func (deadlineRule) ID() string { return "action-missing-deadline" }

func (deadlineRule) Check(d *Doc, emit func(Finding)) {
	for i, a := range d.Case.Actions {
		if strings.TrimSpace(a.Action.Text) == "" {
			continue
		}
		if !a.HasBy {
			emit(Finding{Span: trimSpan(d.Case, a.Action.Whole()), Message: "the agreed actions table has no 'By' column, so this action has no date"})
			continue
		}
		by := strings.TrimSpace(a.By.Text)
		if casefile.HasPlaceholder(by) {
			continue // the placeholder is the finding
		}
		if by == "" {
			emit(Finding{Span: trimSpan(d.Case, a.Action.Whole()), Message: "this action has no date: the 'By' column is empty"})
			continue
		}
		if _, msg := d.actionDate(i); msg != "" {
			emit(Finding{Span: a.By.Whole(), Message: msg})
		}
	}
}

// frontmatterRule reports the front-matter problems the parser found.
type frontmatterRule struct{}

func (frontmatterRule) ID() string { return "frontmatter" }

func (frontmatterRule) Check(d *Doc, emit func(Finding)) {
	for _, p := range d.Case.Problems {
		if p.Kind == casefile.FrontMatterProblem {
			emit(Finding{Span: p.Span, Message: p.Message, Suggestion: p.Suggestion, Fixes: p.Fixes})
		}
	}
	// Dates that are each valid but do not fit together (a certificate
	// before the decision), and dates the bank-holiday table does not
	// cover, are warnings: the timetable is computed, but check it.
	if !d.Case.HasFront {
		return
	}
	sp := d.Case.Front.Decision.Date.Span
	if !d.Case.Front.Decision.Date.Set {
		sp = casefile.Span{Start: d.Case.Front.Span.Start, End: d.Case.Front.Span.Start + 3}
	}
	for _, w := range d.Dates.Warnings {
		emit(Finding{Span: sp, Severity: Warning, ownSeverity: true, Message: w})
	}
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
