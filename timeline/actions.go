package timeline

import (
	"slices"
	"strings"
	"time"

	"github.com/sendgen/sendgen/internal/lazyre"
)

// AgreedAction is what the timetable needs to know of one agreed action.
type AgreedAction struct {
	// Text is the action as written (the Action cell).
	Text string
	// Who is the Who cell as written.
	Who string
	// WhoOrganisation is the organisation of the mediation attendee the Who
	// cell names, when the caller can tell ("St Saviour's Primary School"
	// for "Mark Ellis, SENCo"); empty otherwise.
	WhoOrganisation string
	// Provision reports that the action is itself provision ("Weekly 1-hour mentoring
	// session ...") or quotes the wording for the plan. Deciding that takes the linter's
	// reading of the statement, so the caller says.
	Provision bool
}

// ActionContext is what an action's default depends on besides its own wording.
type ActionContext struct {
	// Appealable: an appeal lies on the dispute, so provision agreed in it
	// goes into the plan under reg 42(2). False only where health or social
	// care sections alone are in dispute; needing no certificate (Section I
	// alone) is not the same as having no right of appeal (legal-review.md E10).
	Appealable bool
	// PlanExists: there is a plan to amend (false after a refusal to assess
	// or to issue one, where plan wording means making a new plan).
	PlanExists bool
	// LocalAuthority names the authority, to recognise its officers.
	LocalAuthority string
}

// ActionStep is one statutory step of an agreed action: reg 44 has two where an order to
// assess is followed by the outcome of the assessment, and where a new plan is issued in draft
// and then as final (legal-review.md E5).
type ActionStep struct {
	What   string    // "notify that it will assess"
	Period string    // "2 weeks", "immediately"
	Due    time.Time // zero when the date of the agreement is not known
	Basis  string    // "SEND Regs 2014 reg 42(2), reg 44(2)(b)"
}

// Within says the period in words: "within 5 weeks", "immediately".
func (s ActionStep) Within() string {
	if s.Period == "immediately" {
		return s.Period
	}
	return "within " + s.Period
}

// ActionDue is the statutory default of one agreed action.
type ActionDue struct {
	Kind ActionKind
	// Bound is false when no statutory time limit binds the action's owner:
	// reg 42 binds only the local authority and the health commissioning
	// body, so an action a school owns has no default (legal-review.md E10).
	Bound bool
	// Owner is who the Who cell names, as far as it can be told.
	Owner Owner
	// Steps are the statutory steps in date order (none when not Bound).
	Steps []ActionStep
	// Due is the step the action's wording names (the last step when it
	// names none); zero when not Bound or the mediation date is not known.
	Due time.Time
	// Period is that step's period ("5 weeks"), for messages.
	Period string
	// Basis is that step's basis, or why there is none.
	Basis string
}

// Step returns the step Due is taken from.
func (a ActionDue) Step() (ActionStep, bool) {
	for _, s := range a.Steps {
		if s.Basis == a.Basis && s.Due.Equal(a.Due) {
			return s, true
		}
	}
	return ActionStep{}, false
}

// ActionDefault is the one place an agreed action's statutory default is decided: its owner
// from the Who cell (a school is not bound by reg 42), its kind from its wording, then the
// reg 42 period or reg 44 steps from the date of the agreement. Provision agreed in an
// appealable dispute goes into the plan (reg 42(2), reg 44). Every command, document and rule
// takes its default from here.
func ActionDefault(agreed time.Time, a AgreedAction, ctx ActionContext) ActionDue {
	owner := ClassifyOwner(a.Who, a.WhoOrganisation, ctx.LocalAuthority)
	kind := ClassifyAction(a.Text, ctx.PlanExists)
	if kind == ActionOther && a.Provision && ctx.Appealable {
		kind = ActionAmend
		if !ctx.PlanExists {
			kind = ActionPlan
		}
	}
	if owner == OwnerHealth && kind != ActionOther {
		// reg 42(2) binds the local authority to the reg 44 periods; what a
		// health body agrees has no right of appeal: reg 42(3).
		kind = ActionOther
	}
	due := ActionDue{Kind: kind, Owner: owner}
	if owner == OwnerSchool {
		due.Basis = "no statutory default: SEND Regs 2014 reg 42 binds only the local authority and the health commissioning body, not a school or college"
		return due
	}
	due.Bound = true
	due.Steps = Steps(civil(agreed), kind)
	pick := len(due.Steps) - 1
	lower := strings.ToLower(a.Text)
	for i, s := range stepWords[kind] {
		if s != nil && s.MatchString(lower) {
			pick = i
			break
		}
	}
	st := due.Steps[pick]
	due.Due, due.Period, due.Basis = st.Due, st.Period, st.Basis
	if owner == OwnerHealth {
		due.Basis = "SEND Regs 2014 reg 42(3): 2 weeks for what the health commissioning body agreed (no right of appeal)"
		due.Steps[pick].Basis = due.Basis
	}
	return due
}

// stepWords pick the step an action's wording names; nil: never by wording.
var stepWords = map[ActionKind][]*lazyre.Regexp{
	ActionAssess: {
		lazyre.New(`\b(?:notif\w*|confirm\w*|agrees?\b|agreed\b|decid\w*|decision\s+to|tell|inform\w*|write\s+to)\b`),
		lazyre.New(`\bno\s+(?:ehc\s*)?plan\b|\bnot\s+(?:necessary|needed|required)\b`),
		nil,
	},
	ActionPlan: {lazyre.New(`\bdraft\b`), nil},
}

// ActionKind classifies an agreed action for its SEND Regs 2014 reg 42 default. The zero value
// is ActionOther.
type ActionKind int

const (
	// ActionOther: a matter with no right of appeal (health, social care, anything else):
	// 2 weeks from the agreement (reg 42(3)).
	ActionOther ActionKind = iota
	// ActionAssess: an EHC needs assessment or re-assessment: notify within 2 weeks that it
	// will assess, then within 10 weeks that no plan is needed or within 14 weeks send the
	// final plan (reg 42(2), reg 44(2)(b)).
	ActionAssess
	// ActionPlan: make a new EHC plan: a draft within 5 weeks and the final plan within
	// 11 weeks (reg 42(2), reg 44(2)(c)).
	ActionPlan
	// ActionSchool: change the school or institution named in the plan (Section I): 2 weeks
	// (reg 42(2), reg 44(2)(f)).
	ActionSchool
	// ActionAmend: amend the EHC plan: 5 weeks (reg 42(2), reg 44(2)(e)).
	ActionAmend
	// ActionContinue: continue to maintain the plan, or cease to maintain it: immediately
	// (reg 42(2), reg 44(2)(a)).
	ActionContinue
)

func (k ActionKind) String() string {
	switch k {
	case ActionAssess:
		return "assess"
	case ActionPlan:
		return "plan"
	case ActionSchool:
		return "school"
	case ActionAmend:
		return "amend"
	case ActionContinue:
		return "continue"
	default:
		return "other"
	}
}

const basis42 = "SEND Regs 2014 reg 42(2), "

// Steps returns the statutory steps of an action of the given kind agreed at mediation on
// agreed, in date order. The parties may agree a different timescale in writing, and a date
// written into the signed agreement is such an agreement (reg 42(5)); that is the caller's to
// check. A zero agreed gives zero due dates (the periods and bases are still returned).
func Steps(agreed time.Time, kind ActionKind) []ActionStep {
	at := func(days int) time.Time {
		if agreed.IsZero() {
			return time.Time{}
		}
		return AddDays(agreed, days)
	}
	switch kind {
	case ActionAssess:
		b := basis42 + "reg 44(2)(b)"
		return []ActionStep{
			{What: "notify that it will make the assessment", Period: "2 weeks", Due: at(14), Basis: b + ": 2 weeks to notify that it will assess"},
			{What: "if no EHC plan is needed, notify that decision", Period: "10 weeks", Due: at(70), Basis: b + ": 10 weeks to notify that no EHC plan is needed"},
			{What: "otherwise send the final EHC plan", Period: "14 weeks", Due: at(98), Basis: b + ": 14 weeks to send the final EHC plan"},
		}
	case ActionPlan:
		b := basis42 + "reg 44(2)(c)"
		return []ActionStep{
			{What: "issue a draft EHC plan", Period: "5 weeks", Due: at(35), Basis: b + ": 5 weeks to issue a draft EHC plan"},
			{What: "send the final EHC plan", Period: "11 weeks", Due: at(77), Basis: b + ": 11 weeks to send the final EHC plan"},
		}
	case ActionAmend:
		return []ActionStep{{What: "amend the EHC plan", Period: "5 weeks", Due: at(35), Basis: basis42 + "reg 44(2)(e): 5 weeks to amend the EHC plan"}}
	case ActionSchool:
		return []ActionStep{{What: "change the school or institution named", Period: "2 weeks", Due: at(14),
			Basis: basis42 + "reg 44(2)(f): 2 weeks to change the school or institution named"}}
	case ActionContinue:
		return []ActionStep{{What: "continue (or cease) to maintain the EHC plan", Period: "immediately", Due: at(0),
			Basis: basis42 + "reg 44(2)(a): immediately"}}
	default:
		return []ActionStep{{What: "do what was agreed", Period: "2 weeks", Due: at(14),
			Basis: "SEND Regs 2014 reg 42(3): 2 weeks for a matter with no right of appeal"}}
	}
}

// DefaultDue returns the last statutory step of an action of the given kind agreed on agreed,
// and its basis: the date by which all of it must be done.
func DefaultDue(agreed time.Time, kind ActionKind) (due time.Time, basis string) {
	st := Steps(civil(agreed), kind)
	last := st[len(st)-1]
	return last.Due, last.Basis
}

// Owner is who owns an agreed action, for whether reg 42 binds them.
type Owner int

const (
	// OwnerUnknown: the Who cell names nobody recognisable; the action is
	// treated as the local authority's (the cautious reading for a family).
	OwnerUnknown Owner = iota
	// OwnerLA: the local authority or one of its officers.
	OwnerLA
	// OwnerHealth: the health commissioning body (an ICB, NHS England).
	OwnerHealth
	// OwnerSchool: a school, college or other setting, or one of its staff:
	// not bound by reg 42.
	OwnerSchool
)

func (o Owner) String() string {
	switch o {
	case OwnerLA:
		return "local authority"
	case OwnerHealth:
		return "health body"
	case OwnerSchool:
		return "school"
	}
	return "unknown"
}

var (
	reOwnerLA     = lazyre.New(`\b(?:council|borough|county|local\s+authority|la|sen(?:d)?\s+(?:officer|team|case\s*worker|caseworker|manager|co-?ordinator|lead)|head\s+of\s+send|ehc\s*(?:p\s+)?co-?ordinator|case\s*worker|caseworker|educational\s+psycholog\w*|social\s+(?:care|worker|services))\b`)
	reOwnerHealth = lazyre.New(`\b(?:icb|integrated\s+care|nhs|ccg|clinical\s+commissioning|designated\s+(?:clinical|medical)\s+officer|dco|dmo)\b`)
	reOwnerSchool = lazyre.New(`\b(?:school|academy|college|nursery|sixth\s+form|senco|head\s*teacher|headteacher|head\s+of\s+year|principal|class\s+teacher|teacher|teaching\s+assistant|setting|multi-academy\s+trust)\b`)
)

// ClassifyOwner tells who owns an action from its Who cell and, when known, the organisation of
// the attendee it names. The local authority and the health body come first: an action shared
// with a school still binds them. Only an owner who is recognisably a school or its staff, and
// nobody else, is OwnerSchool.
func ClassifyOwner(who, organisation, localAuthority string) Owner {
	s := strings.ToLower(who + " | " + organisation)
	if la := strings.ToLower(strings.TrimSpace(localAuthority)); la != "" && strings.Contains(s, la) {
		return OwnerLA
	}
	switch {
	case reOwnerLA.MatchString(s):
		return OwnerLA
	case reOwnerHealth.MatchString(s):
		return OwnerHealth
	case reOwnerSchool.MatchString(s):
		return OwnerSchool
	}
	return OwnerUnknown
}

var (
	reAssess      = lazyre.New(`\b(re-?)?assess`)
	reContinue    = lazyre.New(`\bcontinue\s+to\s+maintain\b|\bnot\s+(?:to\s+)?cease\b|\bwithdraw\w*\s+(?:the\s+|its\s+)?(?:decision|notice|proposal)\s+to\s+cease\b|\bcease\s+to\s+maintain\b`)
	reSectionI    = lazyre.New(`\bsection\s+i\b`)
	reNameSchool  = lazyre.New(`\bnam(e|es|ed|ing)\b.*\b(school|college|institution|placement|setting)\b`)
	reSection     = lazyre.New(`\b(sections?)\s+([a-k][12]?)\b`)
	reAmend       = lazyre.New(`\bamend|\bto\s+read\b`)
	rePlanVerb    = lazyre.New(`\b(?:issue|make|prepare|draft|finalise|finalize|final|produce|write)\b.*\bplan\b`)
	reEHCPlan     = lazyre.New(`\behc\s*plan\b|\behcp\b`)
	reMoreSection = lazyre.New(`^\s*(?:,|and\b|&)\s*([a-k][12]?)\b`)
)

// ClassifyAction guesses the kind of an agreed action from its wording, for the reg 42
// default. planExists says whether the decision is about a plan the local authority maintains:
// plan wording means amending it, or else making a new one. It is a keyword heuristic,
// case-insensitive, applied in this order so that the shorter statutory period wins when
// wording is mixed:
//
//  1. "continue to maintain", "not cease", "withdraw the decision to cease", "cease to
//     maintain" → ActionContinue (immediately);
//  2. "assess", "re-assess", "reassessment" → ActionAssess (2 weeks to notify, then 10 or 14);
//  3. "Section I", or naming a school, college, institution, placement or setting →
//     ActionSchool (2 weeks);
//  4. sections are mentioned and all are health or social care (C, D, G, H, H1, H2) →
//     ActionOther (2 weeks: reg 42(3), no right of appeal);
//  5. "amend", "... to read", "issue/make/draft … plan", "EHC plan", "EHCP" or any other
//     "Section X" → ActionAmend (5 weeks) when a plan exists, otherwise ActionPlan (a draft in
//     5 weeks, the final plan in 11);
//  6. anything else → ActionOther (2 weeks).
//
// A heuristic cannot read intent: callers should let the case file override it.
func ClassifyAction(text string, planExists bool) ActionKind {
	s := strings.ToLower(text)
	// The strings.Contains checks skip expressions that cannot match; this
	// runs for every agreed action of every linted file.
	hasSection := strings.Contains(s, "section")
	if (strings.Contains(s, "maintain") || strings.Contains(s, "cease")) && reContinue.MatchString(s) {
		return ActionContinue
	}
	if strings.Contains(s, "assess") && reAssess.MatchString(s) {
		return ActionAssess
	}
	if (hasSection && reSectionI.MatchString(s)) || (strings.Contains(s, "nam") && reNameSchool.MatchString(s)) {
		return ActionSchool
	}
	var secs []string
	var sectionMatches [][]int
	if hasSection {
		sectionMatches = reSection.FindAllStringSubmatchIndex(s, -1)
	}
	for _, m := range sectionMatches {
		secs = append(secs, strings.ToUpper(s[m[4]:m[5]]))
		if s[m[2]:m[3]] != "sections" {
			continue
		}
		// "Sections F and G", "Sections C, D and G": pick up the letters that follow (only
		// after the plural, so that "Section F and a ..." does not read as Section A).
		rest := s[m[1]:]
		for {
			mm := reMoreSection.FindStringSubmatchIndex(rest)
			if mm == nil {
				break
			}
			secs = append(secs, strings.ToUpper(rest[mm[2]:mm[3]]))
			rest = rest[mm[1]:]
		}
	}
	if slices.Contains(secs, "I") {
		return ActionSchool
	}
	if len(secs) > 0 && allHealthOrCare(secs) {
		return ActionOther
	}
	plan := len(secs) > 0 || reAmend.MatchString(s) ||
		(strings.Contains(s, "plan") && rePlanVerb.MatchString(s)) ||
		(strings.Contains(s, "ehc") && reEHCPlan.MatchString(s))
	switch {
	case !plan:
		return ActionOther
	case planExists || reAmend.MatchString(s):
		return ActionAmend
	}
	return ActionPlan
}
