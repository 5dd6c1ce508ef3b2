package lint

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/timeline"
)

// Rule is one check. Rules are built once by New and must not keep state
// between calls: one Engine lints many files concurrently.
type Rule interface {
	ID() string
	Check(d *Doc, emit func(Finding))
}

// Doc is what rules look at: the case and what the engine worked out once
// for all rules.
type Doc struct {
	Case       *casefile.Case
	Statements []*Statement
	Today      time.Time
	// Dates is the case's statutory timetable, agreed actions included.
	Dates timeline.Dates

	byDates []byDate // the agreed actions' By dates, read once (actionDate)
}

type byDate struct {
	read bool
	date casefile.ActionDate
	msg  string
}

// actionDate is casefile.ReadActionDate of agreed action i's By column,
// read once however many rules ask: three do, and reading a date is a
// dozen regular expressions.
func (d *Doc) actionDate(i int) (casefile.ActionDate, string) {
	if d.byDates == nil {
		d.byDates = make([]byDate, len(d.Case.Actions))
	}
	b := &d.byDates[i]
	if !b.read {
		b.read = true
		b.date, b.msg = casefile.ReadActionDate(d.Case.Actions[i].By.Text)
	}
	return b.date, b.msg
}

// Options are per-run settings.
type Options struct {
	// Today anchors the rules that depend on the date (appeal-deadline).
	// Zero means the current date.
	Today time.Time
}

// Result is everything the engine worked out about one case: the findings
// and the statutory timetable they were judged against, so that documents,
// calendars and findings always show the same dates.
type Result struct {
	Findings []Finding
	Dates    timeline.Dates
}

// RuleInfo documents a rule for `sendgen rules`, `sendgen explain` and
// editor hovers; all of them read the same text from rules.yaml.
type RuleInfo struct {
	ID         string
	Severity   Severity
	Summary    string
	Scope      string
	Rationale  string
	Law        string
	Bad, Good  string
	Suggestion string
}

// Engine holds the compiled rules.
type Engine struct {
	rules         []Rule
	info          map[string]RuleInfo
	order         []string
	providers     *providerSet
	extraHeadings map[string]bool
	calendar      *timeline.Calendar
	dateRule      map[string]bool // the rules whose messages carry date working
	// ruleIDs and ruleInfo are rules[i]'s identifier and description.
	ruleIDs  []string
	ruleInfo []*RuleInfo
}

// New compiles a configuration into an engine. cal is the working-day
// calendar the date rules count with; nil means timeline.DefaultCalendar()
// (the built-in bank holidays).
func New(cfg Config, cal *timeline.Calendar) (*Engine, error) {
	e := &Engine{info: map[string]RuleInfo{}, extraHeadings: map[string]bool{}, calendar: cal}
	if e.calendar == nil {
		e.calendar = timeline.DefaultCalendar()
	}
	e.providers = newProviderSet(cfg.Providers)
	for _, h := range cfg.ProvisionHeadings {
		e.extraHeadings[strings.ToLower(strings.Join(strings.Fields(h), " "))] = true
	}
	for _, id := range RuleIDs {
		rc, ok := cfg.Rules[id]
		if !ok {
			return nil, fmt.Errorf("configuration has no entry for rule %s", id)
		}
		sev := Warning
		if rc.Severity != "" {
			s, err := ParseSeverity(rc.Severity)
			if err != nil {
				return nil, fmt.Errorf("rule %s: %w", id, err)
			}
			sev = s
		}
		if id == "placeholder" && sev != Error {
			// A placeholder left in a case file would be printed in a final
			// document: it is an error, whatever the configuration says.
			return nil, fmt.Errorf("rule placeholder: severity %s: a placeholder is always an error (a document would print it), so its severity cannot be changed", sev)
		}
		e.info[id] = RuleInfo{ID: id, Severity: sev, Summary: rc.Summary, Scope: rc.Scope,
			Rationale: strings.TrimSpace(rc.Rationale), Law: strings.TrimSpace(rc.Law),
			Bad: rc.Bad, Good: rc.Good, Suggestion: rc.Suggestion}
		e.order = append(e.order, id)
	}
	for id := range cfg.Rules {
		if _, ok := e.info[id]; !ok {
			return nil, fmt.Errorf("configuration names unknown rule %q", id)
		}
	}
	for _, id := range []string{"vague-wording", "hedged-commitment"} {
		pr, err := compilePhrases(id, cfg.Rules[id].Phrases)
		if err != nil {
			return nil, err
		}
		e.rules = append(e.rules, pr)
	}
	e.rules = append(e.rules,
		missingRule{id: "missing-frequency", has: func(s *Statement) bool { return s.Frequency },
			message: "this provision does not say how often it happens"},
		missingRule{id: "missing-duration", has: func(s *Statement) bool { return s.Duration },
			message: "this provision does not say how long each session lasts or how much time is provided"},
		missingRule{id: "missing-provider", has: func(s *Statement) bool { return s.Provider },
			message: "this provision does not say who delivers it (a role or qualification)"},
		groupRule{},
		ownerRule{},
		deadlineRule{},
		frontmatterRule{},
		problemRule{casefile.PlaceholderProblem},
		outsideEngland{},
		structureRule{extraHeadings: e.extraHeadings},
	)
	e.dateRule = map[string]bool{}
	for _, r := range dateRules() {
		e.dateRule[r.ID()] = true
		e.rules = append(e.rules, r)
	}
	for _, r := range e.rules {
		info := e.info[r.ID()]
		e.ruleIDs = append(e.ruleIDs, r.ID())
		e.ruleInfo = append(e.ruleInfo, &info)
	}
	return e, nil
}

// Rules describes every rule, in the order of the spec.
func (e *Engine) Rules() []RuleInfo {
	out := make([]RuleInfo, 0, len(e.order))
	for _, id := range e.order {
		out = append(out, e.info[id])
	}
	return out
}

// Rule returns one rule's description.
func (e *Engine) Rule(id string) (RuleInfo, bool) {
	r, ok := e.info[id]
	return r, ok
}

// Calendar is the working-day calendar the engine counts with.
func (e *Engine) Calendar() *timeline.Calendar { return e.calendar }

// Lint runs every enabled rule over the case and returns the findings in
// file order, suppression comments applied. It is Check without
// cancellation, for callers that want only the findings.
func (e *Engine) Lint(c *casefile.Case, opts Options) ([]Finding, error) {
	r, err := e.Check(context.Background(), c, opts)
	if err != nil {
		return nil, err
	}
	return r.Findings, nil
}

// Check reads the case's statements once, computes its statutory timetable
// from them and runs every enabled rule, returning the findings in file
// order (suppression comments applied) with the timetable. It stops early,
// with ctx's error, when ctx is done: an editor drops a run its next
// keystroke has made stale.
func (e *Engine) Check(ctx context.Context, c *casefile.Case, opts Options) (*Result, error) {
	st, err := e.statements(c)
	if err != nil {
		return nil, fmt.Errorf("lint %s: %w", c.Path, err)
	}
	today := opts.Today
	if today.IsZero() {
		y, m, d := time.Now().Date()
		today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	doc := &Doc{Case: c, Statements: st, Today: today}
	doc.Dates = timeline.Compute(timetableInputs(c, st), e.calendar)
	em := &emitter{e: e, c: c, doc: doc, child: childFirstName(c)}
	emit := em.emit // one function value for every rule: a closure per rule escaped, with the rule's info
	for i, r := range e.rules {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		em.rule, em.info = e.ruleIDs[i], e.ruleInfo[i]
		if em.info.Severity == Off {
			continue
		}
		r.Check(doc, emit)
	}
	out := em.out
	out = suppress(c, out)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Span.Start != out[j].Span.Start {
			return out[i].Span.Start < out[j].Span.Start
		}
		return ruleIndex(out[i].Rule) < ruleIndex(out[j].Rule)
	})
	return &Result{Findings: out, Dates: doc.Dates}, nil
}

// emitter completes each finding a rule emits (its rule, severity,
// suggestion and working) and collects them.
type emitter struct {
	e     *Engine
	c     *casefile.Case
	doc   *Doc
	child string
	rule  string    // the rule running
	info  *RuleInfo // its description
	out   []Finding
	// whys is the timetable's working, longest first so that a Why
	// containing another is taken whole; gathered when a date rule first
	// needs it.
	whys     []string
	gathered bool
}

func (em *emitter) working() []string {
	if !em.gathered {
		em.gathered = true
		for _, d := range em.doc.Dates.All() {
			if d.Why != "" {
				em.whys = append(em.whys, d.Why)
			}
		}
		sort.Slice(em.whys, func(i, j int) bool { return len(em.whys[i]) > len(em.whys[j]) })
	}
	return em.whys
}

func (em *emitter) emit(f Finding) {
	f.Rule = em.rule
	if !f.ownSeverity {
		f.Severity = em.info.Severity
	}
	if f.Suggestion == "" {
		f.Suggestion = em.info.Suggestion
	}
	f.Suggestion = personalise(f.Suggestion, em.child)
	if f.Detail == "" && em.e.dateRule[f.Rule] {
		f.Message, f.Detail = splitWorking(f.Message, em.working())
	}
	if f.Match == "" && f.Span.End > f.Span.Start && f.Span.End <= len(em.c.Bytes) {
		f.Match = string(em.c.Bytes[f.Span.Start:f.Span.End])
	}
	em.out = append(em.out, f)
}

// childFirstName is the first name of the case's child, for suggestions written
// about the child ("{child} will receive ..."); "" when the case has none.
func childFirstName(c *casefile.Case) string {
	name := strings.TrimSpace(c.Front.Child.Name.Value)
	if i := strings.IndexAny(name, " \t"); i >= 0 {
		name = name[:i]
	}
	return name
}

// personalise puts the case's child into a suggestion's {child}: a
// suggestion must never name another family's child. Without a name it is
// "the child" ("The child" where it starts a sentence or a quotation).
func personalise(s, child string) string {
	if !strings.Contains(s, "{child}") {
		return s
	}
	if child != "" {
		return strings.ReplaceAll(s, "{child}", child)
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "{child}")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before := strings.TrimRight(s[:i], " ")
		b.WriteString(s[:i])
		if before == "" || strings.ContainsAny(before[len(before)-1:], "\".:!?“") {
			b.WriteString("The child")
		} else {
			b.WriteString("the child")
		}
		s = s[i+len("{child}"):]
	}
}

// RuleIDs are the rule identifiers of the spec, in its order. They are a
// contract: they appear in every output format and in configuration.
var RuleIDs = []string{
	"vague-wording", "hedged-commitment", "missing-frequency", "missing-duration", "missing-provider",
	"unquantified-group", "action-missing-owner", "action-missing-deadline", "frontmatter", "structure",
	"adviser-contact", "mediation-not-arranged", "appeal-not-available",
	"certificate-late", "mediation-late", "authority-not-confirmed", "health-not-present",
	"certificate-not-required", "appeal-deadline", "phase-transfer", "action-late",
	// Extensions (docs/case-file.md, "Extensions in this implementation").
	"young-person", "date-conflict", "statement-date", "placeholder", "outside-england",
}

func ruleIndex(id string) int {
	if i, ok := ruleOrder()[id]; ok {
		return i
	}
	return len(RuleIDs)
}

// ruleOrder is each rule identifier's place in RuleIDs, for sorting.
var ruleOrder = sync.OnceValue(func() map[string]int {
	m := make(map[string]int, len(RuleIDs))
	for i, id := range RuleIDs {
		m[id] = i
	}
	return m
})
