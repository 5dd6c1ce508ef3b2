package lint

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tokenize"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/lazyre"
	"github.com/sendgen/sendgen/send"
)

// StatementKind says where a statement comes from.
type StatementKind int

const (
	// Provision is a list item or paragraph sentence in a provision section.
	Provision StatementKind = iota
	// ActionText is the text of an agreed action. It is judged for wording
	// and, when the action is itself provision, for quantities.
	ActionText
)

// Statement is a piece of text the provision rules judge: Text.Text[Start:End].
type Statement struct {
	Kind       StatementKind
	Text       *casefile.Text
	Start, End int
	// Judge reports whether the quantity rules (frequency, duration,
	// provider, group) apply: always for provision, only for actions that
	// are themselves provision or quote it.
	Judge bool
	// QuoteStart/QuoteEnd, when set, is quoted plan wording inside an
	// action ("Amend Section F to read: '...'"), which is judged as provision.
	QuoteStart, QuoteEnd int
	// Row reports a table row: Text is its judged cells joined.
	Row bool

	Frequency, Duration, Provider bool

	// groups are the group mentions ("a small group") of the judged text
	// when it says nothing of their size, as offsets into it.
	groups [][2]int

	// lower is Text.Text[Start:End] with ASCII letters lower-cased, for
	// the literal prefilters (same byte offsets as the statement).
	lower string
}

// String is the statement's text.
func (s *Statement) String() string { return s.Text.Text[s.Start:s.End] }

// Span is where the statement is in the file.
func (s *Statement) Span() casefile.Span { return s.Text.Source(s.Start, s.End) }

// Quantified reports whether the statement states a frequency or a duration.
func (s *Statement) Quantified() bool { return s.Frequency || s.Duration }

// The models load lazily and once per process, and each only when a file
// needs it: the sentence segmenter's training data takes about 27 ms to
// load, more than linting a file, and only paragraphs in provision
// sections need it (list items are statements already). prose/v3's
// segmenter and tagger are safe for concurrent use.
var (
	segmenter = sync.OnceValues(segment.New)
	tagger    = sync.OnceValues(func() (*tag.Tagger, error) { return tag.New() })
	tokenizer = sync.OnceValue(func() *tokenize.Tokenizer { return tokenize.New() })
)

// tagThrough tags toks[:n] as tagging every token would: the tagger reads
// each token with the two words after it and the two tags before it, so
// tokens from n+2 on change nothing, and are left untagged. On a model error
// the tokens stay untagged, and callers fall back to their non-tagger rules.
func tagThrough(toks []tokenize.Token, n int) {
	if tg, err := tagger(); err == nil {
		tg.TagTokens(toks[:min(len(toks), n+2)])
	}
}

// tokenAt returns the index of the token of toks that starts at offset, or
// -1.
func tokenAt(toks []tokenize.Token, offset int) int {
	for i, t := range toks {
		if t.Start == offset {
			return i
		}
	}
	return -1
}

// firstTokens tokenizes the beginning of text: at least its first n tokens
// (all of them when it has fewer), the same tokens as tokenizing all of it.
// The tokenizer splits text at white space and each piece on its own, so
// tokenizing the first n pieces gives those pieces' tokens.
func firstTokens(text string, n int) []tokenize.Token {
	end, pieces := 0, 0
	for end < len(text) && pieces < n {
		for end < len(text) && isSpaceByte(text[end]) {
			end++
		}
		if end == len(text) {
			break
		}
		for end < len(text) && !isSpaceByte(text[end]) {
			end++
		}
		pieces++
	}
	toks := tokenizer().Tokenize(text[:end])
	if len(toks) < n && end < len(text) {
		toks = tokenizer().Tokenize(text)
	}
	return toks
}

// isSpaceByte is ASCII white space; a piece ends at it whatever follows.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// The keys (lower case) of the headings the statements come from.
var (
	agreedActionsKey      = strings.ToLower(send.AgreedActions)
	requestedProvisionKey = strings.ToLower(send.RequestedProvision)
)

var provisionSections = map[string]bool{"section f": true, "section g": true, "section h1": true, "section h2": true, "section h": true}

// provisionBlocks returns the blocks and tables of the case that are
// provision: under # Requested provision, directly or in ## Section F, G,
// H1, H2, and under any heading the configuration adds.
func (e *Engine) provisionBlocks(c *casefile.Case) ([]*casefile.Block, []*casefile.Table) {
	var out []*casefile.Block
	var tables []*casefile.Table
	for _, s := range c.Body.Sections {
		if s.Is(agreedActionsKey) {
			continue // its table is the agreed actions, read as actions
		}
		whole := s.Is(requestedProvisionKey) || len(e.extraHeadings) > 0 && e.extraHeadings[s.Key()]
		if whole {
			out = append(out, s.Blocks...)
			tables = append(tables, s.Tables...)
		}
		// Sub-headings: a "## Section X" decides for everything under it
		// (including ### headings) until the next level-2 heading; any
		// other sub-heading of a provision part is provision.
		inProvision := whole
		for _, ch := range s.Children {
			if ch.Level == 2 {
				k := normaliseSection(ch.Key())
				switch {
				case len(e.extraHeadings) > 0 && e.extraHeadings[ch.Key()]:
					inProvision = true
				case strings.HasPrefix(k, "section "):
					inProvision = whole && provisionSections[k]
				default:
					inProvision = whole
				}
			}
			if inProvision {
				out = append(out, ch.Blocks...)
				tables = append(tables, ch.Tables...)
			}
		}
	}
	return out, tables
}

// notProvisionColumn names a column of a provision table that holds the
// child's needs, the outcomes sought or a review date (Sections B and E, not
// provision): "Need", "Area of need", "Outcome", "Review". A column that
// says it holds provision ("Provision to meet the need") is provision.
var (
	notProvisionColumn = lazyre.New(`(?i)\b(?:needs?|outcomes?|targets?|goals?|aims?|review(?:ed)?|objectives?)\b`)
	provisionColumn    = lazyre.New(`(?i)\b(?:provision|support|intervention|who|how|by|frequency|when)\b`)
	// placeholderCell is a cell that supplies nothing: "N/A", "-", "TBC".
	placeholderCell = lazyre.New(`(?i)^\s*(?:n/?a|-+|—|–|none|nil|tbc|tba|\?+)\s*\.?\s*$`)
)

// rowStatements reads a provision table: each body row is one statement,
// its judged cells read together (frequency in one cell, provider in
// another), joined by a separator no detector reads across. Header rows
// and empty or placeholder cells supply nothing.
func (e *Engine) rowStatements(t *casefile.Table, out []*Statement) []*Statement {
	judged := make([]bool, len(t.Header))
	anyHeader := false
	for i, h := range t.Header {
		k := strings.TrimSpace(h.Text)
		judged[i] = k == "" || provisionColumn.MatchString(k) || !notProvisionColumn.MatchString(k)
		anyHeader = anyHeader || judged[i]
	}
	if !anyHeader {
		// No column says it holds provision: read them all rather than none.
		for i := range judged {
			judged[i] = true
		}
	}
	parts := make([]casefile.Text, 0, len(t.Header))
	for _, r := range t.Rows {
		parts = parts[:0]
		for i, cell := range r.Cells {
			if i < len(judged) && !judged[i] || placeholderCell.MatchString(cell.Text) || casefile.HasPlaceholder(cell.Text) {
				continue
			}
			parts = append(parts, cell)
		}
		text := casefile.Join(parts, " | ", r.Span)
		if strings.TrimSpace(text.Text) == "" {
			continue
		}
		out = append(out, e.analyse(&Statement{Kind: Provision, Text: &text, Start: 0, End: len(text.Text), Judge: true, Row: true}))
	}
	return out
}

var sectionHeading = lazyre.New(`^section\s+(f|g|h1|h2|h|[a-k])\b`)

// normaliseSection maps "Section F: special educational provision" and
// "section f" to "section f".
func normaliseSection(k string) string {
	if m := sectionHeading.FindStringSubmatch(k); m != nil {
		return "section " + m[1]
	}
	return k
}

// statements splits the case into the statements the provision rules judge.
func (e *Engine) statements(c *casefile.Case) ([]*Statement, error) {
	var out []*Statement
	blocks, tables := e.provisionBlocks(c)
	for _, t := range tables {
		out = e.rowStatements(t, out)
	}
	for i, b := range blocks {
		t := &b.Text
		// Provision still to be written ("[[the first provision]]") is
		// reported once, as a placeholder, not judged as wording.
		if casefile.HasPlaceholder(t.Text) {
			continue
		}
		if casefile.IsNone(t.Text) {
			continue // "None." is an empty section, not a statement
		}
		if b.Kind == casefile.ListItem {
			// "- Speech and language therapy:" over a nested list is a
			// heading for the items below it, which carry the quantities:
			// its wording is judged, the quantities are not.
			intro := strings.HasSuffix(strings.TrimSpace(t.Text), ":") && i+1 < len(blocks) &&
				blocks[i+1].Kind == casefile.ListItem && blocks[i+1].Depth > b.Depth
			out = append(out, e.analyse(&Statement{Kind: Provision, Text: t, Start: 0, End: len(t.Text), Judge: !intro}))
			continue
		}
		// A paragraph is judged sentence by sentence.
		seg, err := segmenter()
		if err != nil {
			return nil, fmt.Errorf("load the sentence segmenter: %w", err)
		}
		// "The following provision will be made:" before a list introduces it.
		leadsList := i+1 < len(blocks) && blocks[i+1].Kind == casefile.ListItem
		for _, s := range seg.Segment(t.Text) {
			intro := leadsList && strings.HasSuffix(strings.TrimSpace(s.Text), ":") && s.End() >= len(strings.TrimRight(t.Text, " "))
			out = append(out, e.analyse(&Statement{Kind: Provision, Text: t, Start: s.Start, End: s.End(), Judge: !intro}))
		}
	}
	for i := range c.Actions {
		a := &c.Actions[i]
		t := &a.Action
		if strings.TrimSpace(t.Text) == "" || casefile.HasPlaceholder(t.Text) {
			continue
		}
		st := &Statement{Kind: ActionText, Text: t, Start: 0, End: len(t.Text)}
		if qs, qe, ok := quoted(t.Text); ok {
			st.QuoteStart, st.QuoteEnd = qs, qe
			st.Judge = true
		}
		e.analyse(st)
		if st.QuoteEnd == 0 {
			st.Judge = e.actionIsProvision(st)
		}
		out = append(out, st)
	}
	return out, nil
}

// judged is the part of a statement the quantity rules look at.
func (s *Statement) judged() string {
	if s.QuoteEnd > 0 {
		return s.Text.Text[s.QuoteStart:s.QuoteEnd]
	}
	return s.String()
}

// judgedSpan is where the judged part is in the file.
func (s *Statement) judgedSpan() casefile.Span {
	if s.QuoteEnd > 0 {
		return s.Text.Source(s.QuoteStart, s.QuoteEnd)
	}
	return s.Span()
}

func (e *Engine) analyse(s *Statement) *Statement {
	s.lower = lowerASCII(s.String())
	text, lower := s.judged(), s.lower
	if s.QuoteEnd > 0 {
		lower = s.lower[s.QuoteStart-s.Start : s.QuoteEnd-s.Start]
	}
	sc := scanPool.Get().(*setScan)
	detectors().scan(text, lower, sc)
	s.Frequency = sc.anyOf(frequencyGroup) || eachOccasion(lower)
	s.Duration = sc.anyOf(durationGroup)
	s.groups = unsizedGroups(sc)
	scanPool.Put(sc)
	s.Provider = e.providers.has(text, lower)
	return s
}

// quoteRE finds wording quoted for the plan: straight or curly quotes, at
// least a few words long so that a quoted term is not mistaken for it.
var quoteRE = lazyre.New(`"([^"]{12,})"|“([^”]{12,})”|'([^']{12,})'|‘([^’]{12,})’`)

func quoted(s string) (int, int, bool) {
	if !strings.ContainsAny(s, "\"“'‘") {
		return 0, 0, false // no quote for the expression to find
	}
	m := quoteRE.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, 0, false
	}
	for g := 2; g+1 < len(m); g += 2 {
		if m[g] >= 0 {
			return m[g], m[g+1], true
		}
	}
	return 0, 0, false
}

// provisionNoun finds nouns that name a service delivered to the child.
var provisionNoun = lazyre.New(`(?i)\b(?:therapy|therapies|physiotherapy|hydrotherapy|teaching|tuition|tutoring|sessions?|support|mentoring|counselling|coaching|programmes?|interventions?|lessons?|input|supervision|assistance|provision|care|help|breaks?|groups?)\b`)

// commitVerb is a promise to deliver something ("will provide", "is to
// receive", "agrees to fund", "will be delivered").
// commitVerb is compiled on first use; its lemma slots were expanded by `go
// generate` (builtinExpansions).
var commitVerb = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(mustExpand(commitVerbSrc)) })

const commitVerbSrc = `(?i)\b(?:will|shall|to|agrees?\s+to|agreed\s+to)\s+(?:now\s+|also\s+|then\s+)?(?:{verb:provide|deliver|fund|offer|give|run|receive|attend|have|put in place|arrange for}|be\s+{ed:provide|deliver|offer|give|fund|run})\b`

func mustExpand(p string) string {
	out, err := expandSlots(p)
	if err != nil {
		panic(err)
	}
	return out
}

// administrativeVerbs start actions that are tasks, not provision.
var administrativeVerbs = map[string]bool{
	"send": true, "review": true, "arrange": true, "amend": true, "issue": true, "write": true,
	"hold": true, "share": true, "convene": true, "update": true, "contact": true, "confirm": true,
	"visit": true, "check": true, "complete": true, "carry": true, "undertake": true, "commission": true,
	"agree": true, "request": true, "ask": true, "consult": true, "provide": false, "deliver": false,
	"meet": true, "call": true, "email": true, "organise": true, "organize": true, "finalise": true,
	"draft": true, "circulate": true, "refer": true, "apply": true, "submit": true, "obtain": true,
	"consider": true, "investigate": true, "explore": true, "look": true, "find": true, "identify": true,
	"set": true, "book": true, "schedule": true, "inform": true, "notify": true, "tell": true,
	"produce": true, "prepare": true, "seek": true, "liaise": true, "discuss": true, "assess": true,
	"reassess": true, "re-assess": true, "name": true, "fund": false, "make": true, "give": true,
}

// actionIsProvision decides whether an agreed action is itself provision
// ("Weekly 1-hour mentoring session with ...") rather than a task ("Send
// the amended plan to Amira"). A task starts with a verb; provision names
// a service and usually a quantity.
func (e *Engine) actionIsProvision(s *Statement) bool {
	text := strings.TrimSpace(s.String())
	// The first word, and the head of the action: its first six tokens.
	toks := firstTokens(text, 7)
	if len(toks) == 0 {
		return false
	}
	first := strings.ToLower(toks[0].Text)
	if v, ok := administrativeVerbs[first]; ok && v {
		return false
	}
	if _, ok := administrativeVerbs[first]; !ok {
		// Unknown first word: ask the tagger whether it is an imperative verb.
		tagThrough(toks, 1)
		if toks[0].Tag == "VB" {
			return false
		}
	}
	if s.Frequency || s.Duration {
		return true
	}
	// "The school will provide reading sessions": a commitment to deliver
	// a service is provision, though it states no quantity; "The LA will
	// send the amended plan" is a task.
	if loc := commitVerb().FindStringIndex(text); loc != nil && provisionNoun.MatchString(text[loc[1]:]) {
		return true
	}
	// The head of the action, before any verb, names a service.
	head := text
	if len(toks) > 6 {
		head = text[:toks[6].Start]
	}
	if loc := provisionNoun.FindStringIndex(head); loc != nil {
		return !strings.Contains(strings.ToLower(head[:loc[0]]), " will ")
	}
	return false
}
