// Package send is the statutory vocabulary of special educational needs and
// disability (SEND) in England that sendgen's case files, rules, dates and
// documents share: the sections of an EHC plan, the decisions a family can
// challenge, the phase transfers of reg 18, the appellant's role, the
// case-reference syntax and the body headings of a case file. It is a leaf:
// it imports nothing of sendgen, so every other package can use it and none
// keeps a copy of its own.
package send

import (
	"fmt"
	"strings"
)

// Area is what an EHC plan section is about. Health and social care sections
// can be mediated but not appealed on their own (CFA 2014 s.51(2) lists only
// needs, provision and placement); an agreement on health provision needs
// the health commissioning body to be a party to the mediation (s.53), while
// social care is the local authority's own.
type Area int

const (
	// General: the child's views (A), outcomes (E), personal budget (J),
	// advice and information (K).
	General Area = iota
	// Education: special educational needs (B), provision (F), placement (I).
	Education
	// Health: health needs (C) and provision (G).
	Health
	// SocialCare: social care needs (D) and provision (H1, H2).
	SocialCare
)

// Section is one section of an EHC plan (SEND Regs 2014 reg 12).
type Section struct {
	Code string // "F"
	Name string // "Special educational provision"
	Area Area
	// Provision marks the sections that state provision (F, G, H1, H2),
	// which the provision rules judge.
	Provision bool
}

// HealthOrCare reports whether a section is about health or social care.
func (s Section) HealthOrCare() bool { return s.Area == Health || s.Area == SocialCare }

// Sections are the sections of an EHC plan, in the plan's order. "H" (both
// parts of Section H) is accepted where a case file or an action names it,
// but the front matter lists H1 and H2.
var Sections = []Section{
	{Code: "A", Name: "Views, interests and aspirations", Area: General},
	{Code: "B", Name: "Special educational needs", Area: Education},
	{Code: "C", Name: "Health needs", Area: Health},
	{Code: "D", Name: "Social care needs", Area: SocialCare},
	{Code: "E", Name: "Outcomes", Area: General},
	{Code: "F", Name: "Special educational provision", Area: Education, Provision: true},
	{Code: "G", Name: "Health provision", Area: Health, Provision: true},
	{Code: "H1", Name: "Social care provision (CSDPA 1970 s.2)", Area: SocialCare, Provision: true},
	{Code: "H2", Name: "Other social care provision", Area: SocialCare, Provision: true},
	{Code: "I", Name: "Placement", Area: Education},
	{Code: "J", Name: "Personal budget", Area: General},
	{Code: "K", Name: "Advice and information", Area: General},
}

// sectionH is Section H as a whole, for text that does not name the part.
var sectionH = Section{Code: "H", Name: "Social care provision", Area: SocialCare, Provision: true}

// SectionCodes are the codes a case file's decision.sections may list.
func SectionCodes() []string {
	out := make([]string, len(Sections))
	for i, s := range Sections {
		out[i] = s.Code
	}
	return out
}

// LookupSection finds a section by its code ("f", "Section F" and "H" are
// accepted).
func LookupSection(code string) (Section, bool) {
	c := strings.ToUpper(strings.TrimSpace(code))
	c = strings.TrimSpace(strings.TrimPrefix(c, "SECTION"))
	if c == "H" {
		return sectionH, true
	}
	for _, s := range Sections {
		if s.Code == c {
			return s, true
		}
	}
	return Section{}, false
}

// DecisionType is a decision of the local authority that a family can
// challenge, with what the law attaches to it.
type DecisionType struct {
	Key   string // the case file's decision.type: "plan-contents"
	Label string // as a document prints it
	Basis string // the right of appeal

	// SectionIException marks the one decision type whose appeal can fall
	// within the exception to the certificate requirement: an appeal about
	// the contents of a plan that is only about the school or institution
	// named in Section I, its type, or that none is named (s.51(2)(c)(iii)
	// and (iv); CFA 2014 s.55(3) and the exception made under s.56(1)(h)).
	// Every other decision type always needs a certificate, whatever
	// sections the case lists (legal-review.md E1).
	SectionIException bool
	// ContentsDispute marks a dispute about what a plan says (its contents,
	// or a refusal to amend it): only there do the sections in dispute
	// decide whether an appeal lies, and health or social care sections on
	// their own cannot be appealed (s.51(2); legal-review.md E2). A refusal
	// to assess, to re-assess or to issue a plan, and a decision to cease
	// one, are appealable decisions whatever sections are listed.
	ContentsDispute bool
	// PlanExists is true when the decision is about a plan the local
	// authority maintains: reg 18 (reviewing a plan before a phase
	// transfer) and amendment periods apply only then.
	PlanExists bool
	// Request is what the appellant asks for, as a position statement
	// words it after "asks for": "an EHC needs assessment".
	Request string
	// RequestBasis is the duty the request rests on: "Children and
	// Families Act 2014 s.36(8)".
	RequestBasis string
	// RequestSpecifies is true when the requested provision is to be
	// specified in the plan asked for ("..., specifying the following
	// provision"); false for an assessment, where the provision shows what
	// the evidence says is needed.
	RequestSpecifies bool
}

// AlwaysNeedsCertificate reports whether an appeal against this decision
// needs a mediation certificate whatever sections are in dispute.
func (d DecisionType) AlwaysNeedsCertificate() bool { return !d.SectionIException }

// DecisionTypes are the decisions a case file may record, in the order of
// CFA 2014 s.51(2).
var DecisionTypes = []DecisionType{
	{Key: "refuse-assessment", Label: "Decision not to carry out an EHC needs assessment", Basis: "CFA 2014 s.51(2)(a)",
		Request: "an EHC needs assessment", RequestBasis: "Children and Families Act 2014 s.36(8)"},
	{Key: "refuse-plan", Label: "Decision not to issue an EHC plan after assessment", Basis: "CFA 2014 s.51(2)(b)",
		Request: "an EHC plan", RequestBasis: "Children and Families Act 2014 s.37(1)", RequestSpecifies: true},
	{Key: "plan-contents", Label: "The contents of the EHC plan", Basis: "CFA 2014 s.51(2)(c)",
		SectionIException: true, ContentsDispute: true, PlanExists: true,
		Request: "an amended EHC plan", RequestSpecifies: true},
	{Key: "refuse-reassessment", Label: "Decision not to carry out a re-assessment of the child or young person's needs", Basis: "CFA 2014 s.51(2)(d)",
		PlanExists: true, Request: "a re-assessment of the child or young person's educational, health and care needs", RequestBasis: "Children and Families Act 2014 s.44"},
	{Key: "refuse-amendment", Label: "Decision not to amend the EHC plan after a review or re-assessment", Basis: "CFA 2014 s.51(2)(e)",
		ContentsDispute: true, PlanExists: true, Request: "an amended EHC plan", RequestSpecifies: true},
	{Key: "cease-plan", Label: "Decision to cease to maintain the EHC plan", Basis: "CFA 2014 s.51(2)(f)",
		PlanExists: true, Request: "the EHC plan to continue to be maintained", RequestBasis: "Children and Families Act 2014 s.45", RequestSpecifies: true},
}

// DecisionTypeKeys are the values decision.type may take.
func DecisionTypeKeys() []string {
	out := make([]string, len(DecisionTypes))
	for i, d := range DecisionTypes {
		out[i] = d.Key
	}
	return out
}

// LookupDecisionType finds a decision type by its key.
func LookupDecisionType(key string) (DecisionType, bool) {
	for _, d := range DecisionTypes {
		if d.Key == key {
			return d, true
		}
	}
	return DecisionType{}, false
}

// TransferKind is a move between phases of education (SEND Regs 2014
// reg 18), as child.transfer.to names it.
type TransferKind struct {
	Key   string // "secondary"
	Label string // "secondary school", as a document prints it
}

// TransferKinds are the values child.transfer.to may take.
var TransferKinds = []TransferKind{
	{Key: "school", Label: "school"},
	{Key: "junior", Label: "junior school"},
	{Key: "middle", Label: "middle school"},
	{Key: "secondary", Label: "secondary school"},
	{Key: "post-16", Label: "a post-16 institution"},
	{Key: "post-16-move", Label: "another post-16 institution"},
}

// TransferKindKeys are the values child.transfer.to may take.
func TransferKindKeys() []string {
	out := make([]string, len(TransferKinds))
	for i, t := range TransferKinds {
		out[i] = t.Key
	}
	return out
}

// LookupTransferKind finds a transfer kind by its key.
func LookupTransferKind(key string) (TransferKind, bool) {
	for _, t := range TransferKinds {
		if t.Key == key {
			return t, true
		}
	}
	return TransferKind{}, false
}

// Appellant roles: a parent, or a young person (over compulsory school age)
// appealing in their own right.
const (
	Parent      = "parent"
	YoungPerson = "young-person"
)

// AppellantRoles are the values appellant.role may take.
var AppellantRoles = []string{Parent, YoungPerson}

// RoleLabel is a role as a document prints it.
func RoleLabel(role string) string {
	switch role {
	case Parent:
		return "Parent"
	case YoungPerson:
		return "Young person"
	}
	return role
}

// MaxCaseRefLen bounds a case reference: it names the output files, and a
// file name longer than the file system allows would fail only when the
// first document is written.
const MaxCaseRefLen = 100

// ValidCaseRef checks a case reference: 1 to MaxCaseRefLen letters, digits,
// '-' or '_'. It names the output files and calendar UIDs, so it can never
// hold a path separator, "..", a drive letter or a space.
func ValidCaseRef(ref string) error {
	if ref == "" {
		return fmt.Errorf("case reference is empty")
	}
	if len(ref) > MaxCaseRefLen {
		return fmt.Errorf("case reference is %d characters long; use at most %d", len(ref), MaxCaseRefLen)
	}
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return fmt.Errorf("case reference %q may contain only letters, digits, '-' and '_'", ref)
		}
	}
	return nil
}

// The level-1 headings of a case file's body (shared/spec/case-file.md),
// matched case-insensitively.
const (
	Background         = "Background"
	LegalPosition      = "Legal position"
	RequestedProvision = "Requested provision"
	Evidence           = "Evidence"
	Issues             = "Issues"
	AgreedActions      = "Agreed actions"
	UnresolvedIssues   = "Unresolved issues"
	NextSteps          = "Next steps"
)

// Headings are the body headings in the order a case file writes them.
var Headings = []string{Background, LegalPosition, RequestedProvision, Evidence, Issues, AgreedActions, UnresolvedIssues, NextSteps}
