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
	// Created is the document date: Options.Created, else a date from the
	// case (the certificate's issue date, the mediation date, or for a
	// position statement the latest of the decision, adviser-contact and
	// LA-informed dates), else SOURCE_DATE_EPOCH. Never the clock.
	Created Date
	// Draft is true in draft mode; Findings are then listed in an appendix.
	Draft    bool
	Findings []FindingView

	Child          Child
	Appellant      Person
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

// Decision is the local authority decision being challenged.
type Decision struct {
	Type string // refuse-assessment | refuse-plan | plan-contents | refuse-amendment | cease-plan
	// Label describes the decision: "Decision not to carry out an EHC needs assessment".
	Label Text
	// Matter is the appeal right it falls under: "CFA 2014 s.51(2)(a)".
	Matter Text
	Date   Date
	// Sections are the EHC plan sections in dispute, with their names.
	Sections []PlanSection
	// SectionList is "B, F and I", or "" when none are listed.
	SectionList Text
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

// CertificateInfo is the mediation certificate.
type CertificateInfo struct {
	Issued Date
	// Declined is true for a s.55(4) certificate (the family did not wish to
	// mediate); false for a s.55(5) certificate after mediation.
	Declined bool
	// Kind is "CFA 2014 s.55(4)" or "CFA 2014 s.55(5)".
	Kind Text
	// IssuesResolved is all | partly | none ("" when declined).
	IssuesResolved string
	// Resolution says it in words: "Some of the issues were resolved; ...".
	Resolution Text
}

// StatutoryDate is a date of the statutory timetable with its basis.
type StatutoryDate struct {
	Key   string // "appeal_deadline"
	Label Text   // "Appeal deadline"
	Date  Date
	Basis Text // "HESC Rules 2008 r.20(1)(c), r.12"
	Why   Text // how it was computed, or what is missing
}

// Dates is the statutory timetable.
type Dates struct {
	AdviserContactBy, CertificateDue, MediationDue, AppealDeadline, PhaseTransferBy StatutoryDate
	CertificateRequired                                                             bool
	CertificateRequiredWhy                                                          Text
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
	// statutory default when By is empty or not a date.
	Due Date
	// Default is true when Due is the statutory default (SEND Regs 2014 reg 42).
	Default bool
	// Basis is the legal basis of the default.
	Basis Text
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
