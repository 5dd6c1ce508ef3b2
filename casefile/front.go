package casefile

import "time"

// String is a scalar front-matter value with where it was written.
type String struct {
	Value string
	Span  Span // the value's span; for a missing value, the parent key's span
	Set   bool
	// Placeholder: the value is a placeholder still to be filled in
	// ("[[child's full name]]"); Set is false and Value empty. Rules that
	// would judge the value leave it to the placeholder's own finding.
	Placeholder bool
}

// Date is a YYYY-MM-DD front-matter value. Time is 00:00 UTC.
type Date struct {
	Time time.Time
	Span Span
	Set  bool
	// Placeholder: the value is a placeholder still to be filled in, as
	// for String.
	Placeholder bool
}

// Bool is a boolean front-matter value.
type Bool struct {
	Value bool
	Span  Span
	Set   bool
}

// Front is the typed front matter. Field names follow the YAML keys of
// shared/spec/case-file.md.
type Front struct {
	Span           Span // the whole front-matter block, fences included
	Case           String
	Child          Child
	Appellant      Person
	LocalAuthority String
	Decision       Decision
	Mediation      *Mediation
	Certificate    *Certificate
	Author         *Person
	// PositionStatement holds the position statement's own date (an
	// extension: position_statement.date); nil when not given.
	PositionStatement *PositionStatement
}

// PositionStatement is the position statement's own front matter.
type PositionStatement struct {
	Span Span
	// Date is the date the statement is made; the statement prints no date
	// without it.
	Date Date
}

// Child is the child or young person the plan is about.
type Child struct {
	Name        String
	DateOfBirth Date
	Transfer    *Transfer
}

// Transfer is a move between phases of education (SEND Regs 2014 reg 18).
type Transfer struct {
	Span Span
	To   String // school | junior | middle | secondary | post-16 | post-16-move
	Date Date
}

// Person is a name with a role.
type Person struct {
	Span Span
	Name String
	Role String
}

// Decision is the local authority decision being challenged.
type Decision struct {
	Span     Span
	Type     String
	Date     Date
	Sections []String
}

// SectionList returns the disputed sections as plain strings.
func (d Decision) SectionList() []string {
	out := make([]string, len(d.Sections))
	for i, s := range d.Sections {
		out[i] = s.Value
	}
	return out
}

// Mediation records the mediation adviser contact and the meeting.
type Mediation struct {
	Span             Span
	Adviser          String // the mediation adviser's organisation
	AdviserName      String // the adviser's own name (an extension; certificates state it)
	AdviserContacted Date
	Choice           String // mediate | decline
	LAInformed       Date
	Date             Date
	Mediator         String
	Attendees        []Attendee
	AttendeesSpan    Span
}

// Attendee is a person at the mediation meeting.
type Attendee struct {
	Span         Span
	Name         String
	Role         String
	Organisation String
	Authority    Bool
}

// Certificate is the mediation certificate.
type Certificate struct {
	Span           Span
	Issued         Date
	IssuesResolved String // all | partly | none
}

// Enumerations of the spec, in the order the spec lists them.
var (
	Choices     = []string{"mediate", "decline"}
	Resolutions = []string{"all", "partly", "none"}
)
