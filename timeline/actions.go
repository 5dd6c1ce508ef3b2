package timeline

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// AgreedAction is what the timetable needs to know of one agreed action.
type AgreedAction struct {
	// Text is the action as written (the Action cell).
	Text string
	// Provision reports that the action is itself provision ("Weekly 1-hour mentoring
	// session ...") or quotes the wording for the plan. Deciding that takes the linter's
	// reading of the statement, so the caller says.
	Provision bool
}

// ActionDue is the statutory default due date of one agreed action.
type ActionDue struct {
	Kind  ActionKind
	Due   time.Time // zero when the mediation date is not known
	Basis string
}

// ActionDefault is the one place an agreed action's statutory default is decided: its kind
// from its wording, then the reg 42 period from the date of the agreement. Provision agreed
// in an appealable dispute goes into the plan, so the plan-amendment period applies to it
// (reg 42(2), reg 44). Every command, document and rule takes its default from here.
func ActionDefault(agreed time.Time, a AgreedAction, appealable bool) ActionDue {
	kind := ClassifyAction(a.Text)
	if kind == ActionOther && a.Provision && appealable {
		kind = ActionPlan
	}
	due, basis := DefaultDue(civil(agreed), kind)
	return ActionDue{Kind: kind, Due: due, Basis: basis}
}

// ActionKind classifies an agreed action for the SEND Regs 2014 reg 42 default due date.
// The zero value is ActionOther.
type ActionKind int

const (
	// ActionOther: a matter with no right of appeal (health, social care, anything else):
	// 2 weeks from the agreement (reg 42(3)).
	ActionOther ActionKind = iota
	// ActionAssess: start an EHC needs assessment or re-assessment: 2 weeks (reg 42(2), reg 44).
	ActionAssess
	// ActionPlan: make, issue or amend an EHC plan: 5 weeks (reg 42(2), reg 44).
	ActionPlan
	// ActionSchool: change the school or institution named in the plan (Section I): 2 weeks
	// (reg 42(2), reg 44; HMCTS SEND18 guidance).
	ActionSchool
)

func (k ActionKind) String() string {
	switch k {
	case ActionAssess:
		return "assess"
	case ActionPlan:
		return "plan"
	case ActionSchool:
		return "school"
	default:
		return "other"
	}
}

// DefaultDue returns the reg 42 default due date of an action of the given kind agreed at
// mediation on agreed, and its basis. The parties may agree a different timescale in writing
// (reg 42(5)); that is the caller's to check. A zero agreed gives a zero due date (the basis is
// still returned).
func DefaultDue(agreed time.Time, kind ActionKind) (due time.Time, basis string) {
	switch kind {
	case ActionAssess:
		return AddDays(agreed, 14), "SEND Regs 2014 reg 42(2), reg 44: 2 weeks to assess or re-assess"
	case ActionPlan:
		return AddDays(agreed, 35), "SEND Regs 2014 reg 42(2), reg 44: 5 weeks to make or amend an EHC plan"
	case ActionSchool:
		return AddDays(agreed, 14), "SEND Regs 2014 reg 42(2), reg 44: 2 weeks to change the school or institution named"
	default:
		return AddDays(agreed, 14), "SEND Regs 2014 reg 42(3): 2 weeks for a matter with no right of appeal"
	}
}

var (
	reAssess      = regexp.MustCompile(`\b(re-?)?assess`)
	reSectionI    = regexp.MustCompile(`\bsection\s+i\b`)
	reNameSchool  = regexp.MustCompile(`\bnam(e|es|ed|ing)\b.*\b(school|college|institution|placement|setting)\b`)
	reSection     = regexp.MustCompile(`\b(sections?)\s+([a-k][12]?)\b`)
	rePlanVerb    = regexp.MustCompile(`\bamend|\bissue\b.*\bplan\b|\bfinal(ise)?\b.*\bplan\b`)
	reEHCPlan     = regexp.MustCompile(`\behc\s*plan\b|\behcp\b`)
	reMoreSection = regexp.MustCompile(`^\s*(?:,|and\b|&)\s*([a-k][12]?)\b`)
)

// ClassifyAction guesses the kind of an agreed action from its wording, for the reg 42
// default due date. It is a keyword heuristic, case-insensitive, applied in this order so that
// the shorter statutory period wins when wording is mixed:
//
//  1. "assess", "re-assess", "reassessment" → ActionAssess (2 weeks);
//  2. "Section I", or naming a school, college, institution, placement or setting →
//     ActionSchool (2 weeks);
//  3. sections are mentioned and all are health or social care (C, D, G, H, H1, H2) →
//     ActionOther (2 weeks: reg 42(3), no right of appeal);
//  4. "amend", "issue … plan", "finalise … plan", "EHC plan", "EHCP" or any other "Section X" →
//     ActionPlan (5 weeks);
//  5. anything else → ActionOther (2 weeks).
//
// A heuristic cannot read intent: callers should let the case file override it.
func ClassifyAction(text string) ActionKind {
	s := strings.ToLower(text)
	// The strings.Contains checks skip expressions that cannot match; this
	// runs for every agreed action of every linted file.
	hasSection := strings.Contains(s, "section")
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
	if len(secs) > 0 || rePlanVerb.MatchString(s) || (strings.Contains(s, "ehc") && reEHCPlan.MatchString(s)) {
		return ActionPlan
	}
	return ActionOther
}
