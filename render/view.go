package render

import (
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/send"
)

// View is what a document template sees: the case, made ready to print.
// Every string taken from the case file is a Text, which prints escaped for
// Markdown (a name containing '*' or '|' prints as written, and a line
// break prints as a line break); every date is a Date, which prints as
// "14 September 2026". Body sections are Markdown values, included with
// {{markdown .Body.Background}}, which keeps them self-contained (a list or
// an unclosed code fence in the case file cannot swallow the template text
// after it) and moves their headings one level down, so that a case file's
// "## Section F" sits under the template's "## Requested provision".
//
// Templates live in templates/ (embedded); see templates/README.md.
type View struct {
	// Document is the document being rendered: "position-statement",
	// "outcome-form" or "certificate".
	Document string
	// Case is the case reference (front matter `case`).
	Case Text
	// Created is the document's PDF date: Options.Created, else a date from
	// the case (the certificate's issue date, the mediation date, or for a
	// position statement position_statement.date, else the latest of the
	// decision, adviser-contact and LA-informed dates), else
	// SOURCE_DATE_EPOCH. Never the clock.
	Created Date
	// StatementDate is position_statement.date, the date the position
	// statement prints; not Known when the case does not give it (the
	// statement then prints no date rather than another event's).
	StatementDate Date
	// ProvisionComplete is true when the provision rules found nothing in
	// # Requested provision (see Input.ProvisionComplete).
	ProvisionComplete bool
	// Draft is true in draft mode; Findings are then listed in an appendix.
	Draft    bool
	Findings []FindingView

	Child          Child
	Appellant      Appellant
	LocalAuthority Text
	Decision       Decision
	// Mediation, Certificate and Author are nil when the front matter does
	// not have them; use {{with .Mediation}} ... {{end}}.
	Mediation   *MediationInfo
	Certificate *CertificateInfo
	Author      *Person

	// Dates is the statutory timetable (package timeline), each date with
	// its legal basis.
	Dates Dates

	// Body holds the level-1 sections of the case body.
	Body Body
	// Provision is # Requested provision split by its "## Section X"
	// sub-headings (one entry with an empty Code when there are none).
	Provision []ProvisionSection
	// Actions are the rows of the # Agreed actions table with their due
	// dates: as written, or the reg 42 default when By is empty or not a date.
	Actions []Action
	// Signatories are the people who sign this document: for the outcome
	// form every attendee and the mediator; for the certificate the
	// mediator or adviser; for the position statement the appellant and the
	// author.
	Signatories []Signatory

	// snippets are the Markdown values the markdown template function can
	// include, indexed by Markdown.ID.
	snippets []*Markdown
	// fields are the plain text values with the front-matter path they came
	// from, for naming the source of a character the font cannot draw.
	fields []field
	// src is the case file's bytes with lone CRs as LF, for cutting sections.
	src []byte
}

type field struct {
	path  string
	value string
}

// Text is a plain value from the case file. It prints escaped for Markdown;
// Raw returns it unescaped.
type Text string

// String escapes t for Markdown, so that a template can print it anywhere
// (a paragraph, a heading, a table cell).
func (t Text) String() string { return escapeMarkdown(string(t)) }

// Raw returns the text as written in the case file.
func (t Text) Raw() string { return string(t) }

// Date is a calendar date that may be unknown.
type Date struct {
	Time  time.Time
	Known bool
}

func newDate(t time.Time) Date { return Date{Time: t, Known: !t.IsZero()} }

func caseDate(d casefile.Date) Date { return newDate(dateOf(d)) }

// String prints "14 September 2026", or "not stated".
func (d Date) String() string {
	if !d.Known {
		return "not stated"
	}
	return d.Time.Format("2 January 2006")
}

// Long prints "Monday 14 September 2026".
func (d Date) Long() string {
	if !d.Known {
		return "not stated"
	}
	return d.Time.Format("Monday 2 January 2006")
}

// ISO prints "2026-09-14".
func (d Date) ISO() string {
	if !d.Known {
		return ""
	}
	return d.Time.Format(time.DateOnly)
}

// Child is the child or young person the plan is about.
type Child struct {
	Name        Text
	DateOfBirth Date
	// Age is the age on the decision date; -1 when either date is unknown.
	Age int
	// Transfer is a planned move between phases of education, or nil.
	Transfer *Transfer
}

// Transfer is a move between phases of education (SEND Regs 2014 reg 18).
type Transfer struct {
	Key   string // school | junior | middle | secondary | post-16 | post-16-move
	Label Text   // "secondary school"
	Date  Date
}

// Person is someone with a role.
type Person struct {
	Name Text
	// Role is printable: "Parent", "Young person", "SEND adviser".
	Role Text
	// RoleKey is the role as written in the front matter ("parent").
	RoleKey string
}

// Appellant is the parent, or the young person appealing in their own
// right (CFA 2014 s.83(2)); documents word the request by who makes it.
type Appellant struct {
	Person
	// YoungPerson is true for a young person appealing in their own right.
	YoungPerson bool
	// Asks begins the request: "The family asks" for a parent; "I ask" for
	// a young person who writes the statement (no author, or the author is
	// the young person); "<name> asks" otherwise.
	Asks Text
	// Position is "The family's position", "My position" or "<name>'s
	// position", in the same way.
	Position Text
}

// Decision is the local authority decision being challenged.
type Decision struct {
	Type string // one of send.DecisionTypeKeys()
	// Label describes the decision: "Decision not to carry out an EHC needs assessment".
	Label Text
	// Matter is the appeal right it falls under: "CFA 2014 s.51(2)(a)".
	Matter Text
	Date   Date
	// Sections are the EHC plan sections in dispute, with their names.
	Sections []PlanSection
	// SectionList is "B, F and I", or "" when none are listed.
	SectionList Text
	// Request is what the appellant asks for: "an EHC needs assessment",
	// "an EHC plan", "an amended EHC plan" (send.DecisionType.Request).
	Request Text
	// RequestBasis is the duty it rests on ("Children and Families Act 2014
	// s.37(1)"), or "".
	RequestBasis Text
	// RequestSpecifies is true when the provision is to be specified in the
	// plan asked for; false for an assessment.
	RequestSpecifies bool
	// PlanExists is false after a refusal to assess or to issue a plan.
	PlanExists bool
	// Placement is true when Section I is in dispute.
	Placement bool
	// MediationWith names the other parties to the mediation: the local
	// authority, with the health commissioning body when health sections are
	// in dispute and an attendee from it is recorded; for health alone, that
	// body, or "" when none is recorded.
	MediationWith Text
}

// PlanSection is a section of an EHC plan.
type PlanSection struct {
	Code string // "F"
	Name Text   // "Special educational provision"
}

// MediationInfo is the mediation adviser contact and the meeting.
type MediationInfo struct {
	Adviser          Text // organisation
	AdviserName      Text // the adviser's own name, when the case gives it
	AdviserContacted Date
	Choice           string // mediate | decline | ""
	Declined         bool
	LAInformed       Date
	Date             Date
	Mediator         Text
	Attendees        []Attendee
}

// Attendee is a person at the mediation meeting.
type Attendee struct {
	Name, Role, Organisation Text
	// Authority is true when the attendee confirmed authority to agree the
	// outcome on the day.
	Authority bool
}

// CertificateInfo is the mediation certificate. Exactly one of Declined,
// AfterMediation, NotArranged and Unknown is true (timeline.CertificateKind).
type CertificateInfo struct {
	Issued Date
	// Declined is true for a s.55(4) certificate (the family did not wish to
	// mediate).
	Declined bool
	// AfterMediation is true for a s.55(5) certificate after mediation.
	AfterMediation bool
	// NotArranged is true for the certificate issued because mediation could
	// not be arranged within 30 days: it never says the family declined.
	NotArranged bool
	// Unknown is true when the case does not say what the certificate
	// certifies (a final certificate is then held back).
	Unknown bool
	// Kind is the basis: "CFA 2014 s.55(4)", "CFA 2014 s.55(5)", or for a
	// certificate when mediation was not arranged "CFA 2014 s.55; SEND Regs
	// 2014 regs 34-37".
	Kind Text
	// IssuesResolved is all | partly | none ("" when declined).
	IssuesResolved string
	// Resolution says it in words: "Some of the issues were resolved; ...".
	Resolution Text
	// Signer is who signs it: "mediation adviser" or "mediator", with
	// SignerName when known.
	Signer, SignerName Text
}

// StatutoryDate is a date of the statutory timetable with its basis.
type StatutoryDate struct {
	Key   string // "appeal_deadline"
	Label Text   // "Appeal deadline"
	Date  Date
	Basis Text // "HESC Rules 2008 r.20(1)(c), r.12"
	Why   Text // how it was computed, or what is missing
	// LastWorkingDay is, for a limit not moved off a non-working day
	// (reg 33), the last working day before it; not Known otherwise.
	LastWorkingDay Date
}

// Dates is the statutory timetable.
type Dates struct {
	AdviserContactBy, CertificateDue, MediationDue, AppealDeadline, PhaseTransferBy StatutoryDate
	// CertificateIfNotArranged is the certificate due if mediation is not
	// arranged within 30 days, while mediation is awaited.
	CertificateIfNotArranged StatutoryDate
	CertificateRequired      bool
	CertificateRequiredWhy   Text
	// AppealAvailable is false when only health or social care sections are
	// in dispute: no appeal lies, and AppealDeadline.Why says so.
	AppealAvailable bool
	// Known are the dates that could be computed, in date order.
	Known []StatutoryDate
	// Warnings are the timetable's caveats (a count running outside the
	// bank-holiday table, inconsistent dates).
	Warnings []Text
}

// Body holds the level-1 sections of the case body the documents use.
type Body struct {
	Background, LegalPosition, RequestedProvision, Evidence Markdown
	Issues, AgreedActions, UnresolvedIssues, NextSteps      Markdown
}

// Markdown is a section of the case body (or a default text). Include it
// with {{markdown .Body.Background}}; test it with {{if .Body.Background.Present}}.
type Markdown struct {
	// ID identifies the snippet for the markdown function; -1 when absent.
	ID int
	// Title is the heading it came from ("Background").
	Title string
	// Present is true when the case has the section and it is not empty.
	Present bool
	// Default is true when the text is the template default (legal position).
	Default bool
	// Source is the Markdown text.
	Source string
	// origin names where the text came from in error messages, and offset
	// maps a byte of Source to the case file (-1: not from the case file).
	origin string
	offset int
}

// String returns the Markdown source, for templates that want to print it
// inline rather than include it.
func (m Markdown) String() string { return m.Source }

// ProvisionSection is one "## Section X" of # Requested provision.
type ProvisionSection struct {
	// Code is the plan section ("F"); "" for provision under no sub-heading,
	// or for a sub-heading that names no plan section.
	Code string
	// Heading is printable: "Section F: Special educational provision";
	// "" for provision written before any sub-heading.
	Heading Text
	Body    Markdown
}

// Action is a row of the agreed actions table.
type Action struct {
	N               int
	Action, Who, By Text
	// Due is the date the action is due: the By date as written, or the
	// statutory default when By is empty or not a date (not Known when no
	// default applies).
	Due Date
	// Note is what was written after the By date, "(agreed in writing)".
	Note Text
	// WeekdayMismatch is true when By names a weekday that is not its
	// date's; the form then prints By as written.
	WeekdayMismatch bool
	// Default is true when Due is the statutory default (SEND Regs 2014 reg 42).
	Default bool
	// Bound is false when no statutory time limit binds the action's owner
	// (a school): there is then no default.
	Bound bool
	// Basis is the legal basis of the default, or why there is none.
	Basis Text
	// Steps are the statutory steps (two where reg 44 has two: an
	// assessment's notice and outcome, a new plan's draft and final).
	Steps []ActionStep
	// Limit is the statutory period of the step the action names ("5
	// weeks"), with LimitDue its date; LaterThanLimit is true when the date
	// written is later, so that signing gives the limit up (reg 42(5)).
	Limit          Text
	LimitDue       Date
	LaterThanLimit bool
}

// ActionStep is one statutory step of an agreed action.
type ActionStep struct {
	What   Text // "notify that it will make the assessment"
	Within Text // "within 2 weeks", "immediately"
	Due    Date
	Basis  Text // "SEND Regs 2014 reg 42(2), reg 44(2)(b): 2 weeks to notify that it will assess"
	Rule   Text // the provisions alone: "SEND Regs 2014 reg 42(2), reg 44(2)(b)"
}

// Signatory signs a document.
type Signatory struct {
	Name, Role, Organisation Text
}

// FindingView is a lint finding listed in the draft appendix. Suggestion is
// the fix, "" when there is none; the appendix prints it on a line of its
// own.
type FindingView struct {
	Location, Severity, Rule, Message, Suggestion Text
}

// sectionName is a plan section's name as a document prints it.
func sectionName(code string) string {
	if s, ok := send.LookupSection(code); ok {
		return s.Name
	}
	return ""
}

var resolutions = map[string]string{
	"all":    "All of the issues were resolved at mediation.",
	"partly": "Some of the issues were resolved at mediation; others remain in dispute.",
	"none":   "None of the issues were resolved at mediation.",
}
