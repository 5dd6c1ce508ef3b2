package lint

import (
	"fmt"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/suggest"
	"github.com/sendgen/sendgen/send"
)

// ProblemRule is the rule each kind of parse problem is reported under: a
// body the documents cannot use is not a front-matter error.
//
// Body problems are the spec's "structure" rule's (shared/spec/case-file.md:
// headings, lists and tables the documents cannot use).
func ProblemRule(k casefile.ProblemKind) string {
	switch k {
	case casefile.BodyProblem:
		return "structure"
	case casefile.PlaceholderProblem:
		return "placeholder"
	}
	return "frontmatter"
}

// problemRule reports the parse problems of one kind other than the front
// matter's (frontmatterRule reports those, with the timetable's warnings).
type problemRule struct{ kind casefile.ProblemKind }

func (r problemRule) ID() string { return ProblemRule(r.kind) }

func (r problemRule) Check(d *Doc, emit func(Finding)) {
	for _, p := range d.Case.Problems {
		if p.Kind == r.kind {
			emit(Finding{Span: p.Span, Message: p.Message, Suggestion: p.Suggestion, Fixes: p.Fixes})
		}
	}
}

// unknownDirectiveRules warns about a suppression comment that names no
// rule ("sendgen-disable missing-provder"): it suppresses nothing, which
// its writer did not mean.
func unknownDirectiveRules(d *Doc, emit func(Finding)) {
	for _, dir := range d.Case.Body.Directives {
		for _, name := range dir.Rules {
			if ruleIndex(name) < len(RuleIDs) {
				continue
			}
			emit(Finding{Span: dir.Span, Severity: Warning, ownSeverity: true,
				Message:    fmt.Sprintf("sendgen-%s names no rule %q, so it switches nothing off%s", dir.Kind, name, suggest.DidYouMean(name, RuleIDs)),
				Suggestion: "'sendgen rules' lists the rules"})
		}
	}
}

// outsideEngland warns when the local authority is a council in Wales: the
// SEND Regulations 2014, the Tribunal's time limits and the documents
// sendgen writes are England's.
type outsideEngland struct{}

func (outsideEngland) ID() string { return "outside-england" }

func (outsideEngland) Check(d *Doc, emit func(Finding)) {
	la := d.Case.Front.LocalAuthority
	if !la.Set {
		return
	}
	c, ok := send.LookupWelshCouncil(la.Value)
	if !ok {
		return
	}
	emit(Finding{Span: la.Span,
		Message: fmt.Sprintf("%s (%s) is a council in Wales, where the SEND Regulations 2014 do not apply: Wales has the additional learning needs (ALN) system of the Additional Learning Needs and Education Tribunal (Wales) Act 2018, with its own time limits and appeals to the Education Tribunal for Wales, so the dates and documents sendgen makes are not the ones that case needs",
			c.English, c.Welsh),
		Suggestion: "check local_authority; for a case in Wales, follow the ALN Code for Wales 2021"})
}
