package render

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/timeline"
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

// FindingView is a lint finding listed in the draft appendix.
type FindingView struct {
	Location, Severity, Rule, Message Text
}

var decisionLabels = map[string][2]string{
	"refuse-assessment": {"Decision not to carry out an EHC needs assessment", "CFA 2014 s.51(2)(a)"},
	"refuse-plan":       {"Decision not to issue an EHC plan after assessment", "CFA 2014 s.51(2)(b)"},
	"plan-contents":     {"The contents of the EHC plan", "CFA 2014 s.51(2)(c)"},
	"refuse-amendment":  {"Decision not to amend the EHC plan after a review or re-assessment", "CFA 2014 s.51(2)(e)"},
	"cease-plan":        {"Decision to cease to maintain the EHC plan", "CFA 2014 s.51(2)(f)"},
}

var sectionNames = map[string]string{
	"A": "Views, interests and aspirations", "B": "Special educational needs",
	"C": "Health needs", "D": "Social care needs", "E": "Outcomes",
	"F": "Special educational provision", "G": "Health provision",
	"H": "Social care provision", "H1": "Social care provision (CSDPA 1970 s.2)",
	"H2": "Other social care provision", "I": "Placement", "J": "Personal budget",
	"K": "Advice and information",
}

var transferLabels = map[string]string{
	"school": "school", "junior": "junior school", "middle": "middle school",
	"secondary": "secondary school", "post-16": "a post-16 institution",
	"post-16-move": "another post-16 institution",
}

var roleLabels = map[string]string{"parent": "Parent", "young-person": "Young person"}

var resolutions = map[string]string{
	"all":    "All of the issues were resolved at mediation.",
	"partly": "Some of the issues were resolved at mediation; others remain in dispute.",
	"none":   "None of the issues were resolved at mediation.",
}

// buildView turns a case into the template view for one document.
func buildView(c *casefile.Case, doc Document, opts *Options, findings []Finding, epoch time.Time, tt Timetable) *View {
	f := &c.Front
	v := &View{Document: string(doc), Draft: opts.Draft}
	v.Case = v.text("case", f.Case.Value)

	v.Child.Name = v.text("child.name", f.Child.Name.Value)
	v.Child.DateOfBirth = caseDate(f.Child.DateOfBirth)
	if t := f.Child.Transfer; t != nil {
		lbl := transferLabels[t.To.Value]
		if lbl == "" {
			lbl = t.To.Value
		}
		v.Child.Transfer = &Transfer{Key: t.To.Value, Label: v.text("child.transfer.to", lbl), Date: caseDate(t.Date)}
	}
	v.Appellant = v.person("appellant", f.Appellant, true)
	v.LocalAuthority = v.text("local_authority", f.LocalAuthority.Value)

	d := &v.Decision
	d.Type = f.Decision.Type.Value
	if l, ok := decisionLabels[d.Type]; ok {
		d.Label, d.Matter = Text(l[0]), Text(l[1])
	} else {
		d.Label = v.text("decision.type", d.Type)
	}
	d.Date = caseDate(f.Decision.Date)
	var codes []string
	for i, s := range f.Decision.Sections {
		code := strings.ToUpper(strings.TrimSpace(s.Value))
		v.text(fmt.Sprintf("decision.sections[%d]", i), s.Value)
		d.Sections = append(d.Sections, PlanSection{Code: code, Name: Text(sectionNames[code])})
		codes = append(codes, code)
	}
	d.SectionList = Text(joinAnd(codes))

	if m := f.Mediation; m != nil {
		mv := &MediationInfo{
			Adviser:          v.text("mediation.adviser", m.Adviser.Value),
			AdviserName:      v.text("mediation.adviser_name", m.AdviserName.Value),
			AdviserContacted: caseDate(m.AdviserContacted),
			Choice:           m.Choice.Value,
			Declined:         m.Choice.Value == "decline",
			LAInformed:       caseDate(m.LAInformed),
			Date:             caseDate(m.Date),
			Mediator:         v.text("mediation.mediator", m.Mediator.Value),
		}
		for i, a := range m.Attendees {
			p := fmt.Sprintf("mediation.attendees[%d]", i)
			mv.Attendees = append(mv.Attendees, Attendee{
				Name:         v.text(p+".name", a.Name.Value),
				Role:         v.text(p+".role", a.Role.Value),
				Organisation: v.text(p+".organisation", a.Organisation.Value),
				Authority:    a.Authority.Set && a.Authority.Value,
			})
		}
		v.Mediation = mv
	}
	if ct := f.Certificate; ct != nil {
		cv := &CertificateInfo{Issued: caseDate(ct.Issued), IssuesResolved: ct.IssuesResolved.Value}
		cv.Declined = v.Mediation != nil && v.Mediation.Declined ||
			(!ct.IssuesResolved.Set && (f.Mediation == nil || !f.Mediation.Date.Set))
		if cv.Declined {
			cv.Kind = "CFA 2014 s.55(4)"
			cv.Resolution = "The family did not wish to pursue mediation."
		} else {
			cv.Kind = "CFA 2014 s.55(5)"
			cv.Resolution = Text(resolutions[cv.IssuesResolved])
			if cv.Resolution == "" {
				cv.Resolution = "Whether the issues were resolved is not stated."
			}
		}
		v.Certificate = cv
	}
	if a := f.Author; a != nil {
		p := v.person("author", *a, false)
		v.Author = &p
	}

	v.buildDates(tt.Dates)
	v.buildBody(c)
	v.buildActions(c, tt.Actions)
	v.buildSignatories(doc)

	for _, fd := range findings {
		v.Findings = append(v.Findings, FindingView{
			Location: v.text("finding.location", fd.Location), Severity: v.text("finding.severity", fd.Severity),
			Rule: v.text("finding.rule", fd.Rule), Message: v.text("finding.message", fd.Message),
		})
	}

	v.Created = newDate(documentDate(c, doc, opts.Created, epoch))
	return v
}

// documentDate is the document's date and the PDF creation date. It never
// reads the clock, so the same case renders to the same bytes.
func documentDate(c *casefile.Case, doc Document, explicit, epoch time.Time) time.Time {
	if !explicit.IsZero() {
		return explicit.UTC()
	}
	f := &c.Front
	var t time.Time
	switch doc {
	case Certificate:
		if f.Certificate != nil {
			t = dateOf(f.Certificate.Issued)
		}
	case OutcomeForm:
		if f.Mediation != nil {
			t = dateOf(f.Mediation.Date)
		}
	case PositionStatement:
		t = dateOf(f.Decision.Date)
		if m := f.Mediation; m != nil {
			for _, d := range []casefile.Date{m.AdviserContacted, m.LAInformed} {
				if x := dateOf(d); x.After(t) {
					t = x
				}
			}
		}
	}
	if t.IsZero() {
		t = epoch
	}
	return t
}

func (v *View) text(path, s string) Text {
	if s != "" {
		v.fields = append(v.fields, field{path, s})
	}
	return Text(s)
}

func (v *View) person(path string, p casefile.Person, appellant bool) Person {
	role := p.Role.Value
	if l, ok := roleLabels[role]; ok && appellant {
		role = l
	}
	return Person{Name: v.text(path+".name", p.Name.Value), Role: v.text(path+".role", role), RoleKey: p.Role.Value}
}

func (v *View) buildDates(d timeline.Dates) {
	conv := func(x timeline.Date) StatutoryDate {
		return StatutoryDate{Key: x.Key, Label: Text(x.Label), Date: newDate(x.Date), Basis: Text(x.Basis), Why: Text(x.Why)}
	}
	v.Dates = Dates{
		AdviserContactBy:       conv(d.AdviserContactBy),
		CertificateDue:         conv(d.CertificateDue),
		MediationDue:           conv(d.MediationDue),
		AppealDeadline:         conv(d.AppealDeadline),
		PhaseTransferBy:        conv(d.PhaseTransferBy),
		CertificateRequired:    d.CertificateRequired,
		CertificateRequiredWhy: Text(d.CertificateRequiredWhy),
	}
	for _, x := range d.All() {
		if !x.Date.IsZero() {
			v.Dates.Known = append(v.Dates.Known, conv(x))
		}
	}
	for _, w := range d.Warnings {
		v.Dates.Warnings = append(v.Dates.Warnings, Text(w))
	}
}

// snippet registers a Markdown value for the markdown template function.
func (v *View) snippet(m Markdown) Markdown {
	if !m.Present {
		m.ID = -1
		return m
	}
	m.ID = len(v.snippets)
	mm := m
	v.snippets = append(v.snippets, &mm)
	return m
}

func (v *View) buildBody(c *casefile.Case) {
	sec := func(title string) Markdown {
		s := c.Body.Find(title)
		if s == nil {
			return v.snippet(Markdown{Title: title})
		}
		start, end := sectionContent(c, s)
		return v.snippet(v.markdownFrom(c, title, start, end))
	}
	b := &v.Body
	b.Background = sec("Background")
	b.LegalPosition = sec("Legal position")
	b.RequestedProvision = sec("Requested provision")
	b.Evidence = sec("Evidence")
	b.Issues = sec("Issues")
	b.AgreedActions = sec("Agreed actions")
	b.UnresolvedIssues = sec("Unresolved issues")
	b.NextSteps = sec("Next steps")

	rp := c.Body.Find("Requested provision")
	if rp == nil {
		return
	}
	start, end := sectionContent(c, rp)
	// Only "##" sub-headings split the section: deeper headings stay inside
	// their section's text.
	var kids []*casefile.Section
	for _, ch := range rp.Children {
		if ch.Level == 2 {
			kids = append(kids, ch)
		}
	}
	// Text before the first "## Section X" is provision under no sub-heading.
	pre := end
	if len(kids) > 0 {
		pre = lineStart(c.Bytes, kids[0].Span.Start)
	}
	if m := v.markdownFrom(c, "Requested provision", start, pre); m.Present {
		v.Provision = append(v.Provision, ProvisionSection{Body: v.snippet(m)})
	}
	for i, ch := range kids {
		cs := afterHeading(c.Bytes, ch.Span.End)
		ce := end
		if i+1 < len(kids) {
			ce = lineStart(c.Bytes, kids[i+1].Span.Start)
		}
		ps := ProvisionSection{Heading: v.text("# Requested provision", ch.Title)}
		if m := reSectionHeading.FindStringSubmatch(ch.Title); m != nil {
			ps.Code = strings.ToUpper(m[1])
			if n := sectionNames[ps.Code]; n != "" {
				ps.Heading = Text("Section " + ps.Code + ": " + n)
			}
		}
		md := v.markdownFrom(c, "Requested provision > "+ch.Title, cs, ce)
		md.Present = true // an empty section still gets its heading
		ps.Body = v.snippet(md)
		v.Provision = append(v.Provision, ps)
	}
}

var reSectionHeading = regexp.MustCompile(`(?i)^section\s+([a-k][12]?)\b`)

func (v *View) markdownFrom(c *casefile.Case, title string, start, end int) Markdown {
	if end < start {
		end = start
	}
	src := string(c.Bytes[start:end])
	return Markdown{Title: title, Present: strings.TrimSpace(src) != "", Source: src,
		origin: "# " + title, offset: start}
}

// sectionContent returns the byte range of a level-1 section's content: from
// the line after its heading to the line of the next level-1 heading.
func sectionContent(c *casefile.Case, s *casefile.Section) (int, int) {
	start := afterHeading(c.Bytes, s.Span.End)
	end := len(c.Bytes)
	found := false
	for _, o := range c.Body.Sections {
		if found && o.Level == 1 {
			end = lineStart(c.Bytes, o.Span.Start)
			break
		}
		if o == s {
			found = true
		}
	}
	if end < start {
		end = start
	}
	return start, end
}

// afterHeading returns the offset of the line after a heading whose text
// ends at off, skipping a setext underline ("Background\n==========").
func afterHeading(b []byte, off int) int {
	start := lineEnd(b, off)
	if e := lineEnd(b, start); e > start {
		l := strings.TrimSpace(string(b[start:e]))
		if l != "" && (strings.Trim(l, "=") == "" || strings.Trim(l, "-") == "") {
			start = e
		}
	}
	return start
}

// lineEnd returns the offset just after the line containing off.
func lineEnd(b []byte, off int) int {
	for off < len(b) && b[off] != '\n' {
		off++
	}
	if off < len(b) {
		off++
	}
	return off
}

// lineStart returns the offset of the start of the line containing off.
func lineStart(b []byte, off int) int {
	if off > len(b) {
		off = len(b)
	}
	for off > 0 && b[off-1] != '\n' {
		off--
	}
	return off
}

func (v *View) buildActions(c *casefile.Case, defaults []ActionDue) {
	for i, a := range c.Actions {
		p := fmt.Sprintf("# Agreed actions row %d", i+1)
		av := Action{N: i + 1,
			Action: v.text(p+" Action", a.Action.Text),
			Who:    v.text(p+" Who", a.Who.Text),
			By:     v.text(p+" By", strings.TrimSpace(a.By.Text)),
		}
		if t, msg := casefile.ParseActionDate(a.By.Text); msg == "" {
			av.Due = newDate(t)
		} else {
			av.Due, av.Default, av.Basis = newDate(defaults[i].Due), true, Text(defaults[i].Basis)
		}
		v.Actions = append(v.Actions, av)
	}
}

func (v *View) buildSignatories(doc Document) {
	switch doc {
	case OutcomeForm:
		m := v.Mediation
		if m == nil {
			return
		}
		mediatorListed := false
		for _, a := range m.Attendees {
			v.Signatories = append(v.Signatories, Signatory{Name: a.Name, Role: a.Role, Organisation: a.Organisation})
			if m.Mediator != "" && strings.EqualFold(strings.TrimSpace(string(a.Name)), strings.TrimSpace(string(m.Mediator))) {
				mediatorListed = true
			}
		}
		if !mediatorListed {
			v.Signatories = append(v.Signatories, Signatory{Name: m.Mediator, Role: "Mediator", Organisation: m.Adviser})
		}
	case Certificate:
		s := Signatory{Role: "Mediation adviser"}
		if m := v.Mediation; m != nil {
			s.Organisation, s.Name = m.Adviser, m.AdviserName
			if !m.Declined && m.Mediator != "" {
				s.Name, s.Role = m.Mediator, "Mediator"
			}
		}
		v.Signatories = append(v.Signatories, s)
	case PositionStatement:
		v.Signatories = append(v.Signatories, Signatory{Name: v.Appellant.Name, Role: v.Appellant.Role})
		if a := v.Author; a != nil && a.Name != "" && a.Name != v.Appellant.Name {
			v.Signatories = append(v.Signatories, Signatory{Name: a.Name, Role: a.Role})
		}
	}
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// escapeMarkdown makes s print literally in Markdown: punctuation that could
// start markup is backslash-escaped, and a line break becomes <br>, which
// the renderer draws as a new line (maroto drops a raw "\n").
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	atStart := true
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch ch {
		case '\r':
			continue
		case '\n':
			b.WriteString("<br>")
			atStart = true
			continue
		case '\t':
			b.WriteByte(' ')
			continue
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!', '#':
			b.WriteByte('\\')
		case '-', '+', '=':
			if atStart {
				b.WriteByte('\\')
			}
		case '.', ')':
			// "1. " or "1) " at the start would be a list item.
			if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' && onlyDigitsBefore(s, i) {
				b.WriteByte('\\')
			}
		}
		if ch != ' ' {
			atStart = false
		}
		b.WriteByte(ch)
	}
	return b.String()
}

func onlyDigitsBefore(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		j--
	}
	for k := j - 1; k >= 0; k-- {
		if s[k] == '\n' {
			return true
		}
		if s[k] != ' ' {
			return false
		}
	}
	return true
}
