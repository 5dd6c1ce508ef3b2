package lint

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/timeline"
)

// timetableInputs collects the inputs of the timetable from a parsed case
// and its statements: the agreed actions that are provision are the ones the
// statement analysis judged as provision. Fields the case does not set stay
// zero, and timeline.Compute says what is missing.
func timetableInputs(c *casefile.Case, st []*Statement) timeline.Inputs {
	f := &c.Front
	in := timeline.Inputs{
		Case:          f.Case.Value,
		DecisionType:  f.Decision.Type.Value,
		Decision:      f.Decision.Date.Time,
		Sections:      f.Decision.SectionList(),
		AppellantRole: f.Appellant.Role.Value,
	}
	if m := f.Mediation; m != nil {
		in.AdviserContacted = m.AdviserContacted.Time
		in.Choice = m.Choice.Value
		in.LAInformed = m.LAInformed.Time
		in.MediationDate = m.Date.Time
	}
	if cert := f.Certificate; cert != nil {
		in.CertificateIssued = cert.Issued.Time
	}
	if t := f.Child.Transfer; t != nil {
		in.TransferTo = t.To.Value
		in.TransferDate = t.Date.Time
	}
	provision := map[*casefile.Text]bool{}
	for _, s := range st {
		if s.Kind == ActionText && s.Judge {
			provision[s.Text] = true
		}
	}
	for i := range c.Actions {
		a := &c.Actions[i].Action
		in.Actions = append(in.Actions, timeline.AgreedAction{Text: a.Text, Provision: provision[a]})
	}
	return in
}

func day(t time.Time) string { return t.Format("Monday 2 January 2006") }

// dateRules are the rules that use the statutory timetable.
func dateRules() []Rule {
	return []Rule{certificateLate{}, mediationLate{}, authorityRule{}, healthRule{},
		certificateNotRequired{}, appealDeadline{}, phaseTransfer{}, actionLate{}}
}

type certificateLate struct{}

func (certificateLate) ID() string { return "certificate-late" }

func (certificateLate) Check(d *Doc, emit func(Finding)) {
	cert := d.Case.Front.Certificate
	due := d.Dates.CertificateDue
	if cert == nil || !cert.Issued.Set || due.Date.IsZero() || !cert.Issued.Time.After(due.Date) {
		return
	}
	emit(Finding{Span: cert.Issued.Span,
		Message: fmt.Sprintf("the certificate was issued on %s, after it was due on %s (%s; %s)",
			day(cert.Issued.Time), day(due.Date), due.Why, due.Basis),
		Suggestion: "check the dates; if the certificate really was late, the appeal deadline still runs from its issue date"})
}

type mediationLate struct{}

func (mediationLate) ID() string { return "mediation-late" }

func (mediationLate) Check(d *Doc, emit func(Finding)) {
	m := d.Case.Front.Mediation
	due := d.Dates.MediationDue
	if m == nil || !m.Date.Set || due.Date.IsZero() || !m.Date.Time.After(due.Date) {
		return
	}
	late := int(m.Date.Time.Sub(due.Date).Hours() / 24)
	emit(Finding{Span: m.Date.Span,
		Message: fmt.Sprintf("mediation took place on %s, %d days after %s, the end of the 30 days the local authority has to arrange it (%s). The duty is to arrange mediation in time: a meeting moved at the family's request is not a breach",
			day(m.Date.Time), late, day(due.Date), due.Basis)})
}

// laOrganisation recognises a local authority attendee.
var laOrganisation = regexp.MustCompile(`(?i)\b(?:council|borough|county|local\s+authority|city\s+of|metropolitan|LA)\b`)

func isLA(c *casefile.Case, a casefile.Attendee) bool {
	org := a.Organisation.Value
	if org == "" {
		return false
	}
	la := c.Front.LocalAuthority.Value
	return (la != "" && (strings.EqualFold(org, la) || strings.Contains(strings.ToLower(org), strings.ToLower(la)))) || laOrganisation.MatchString(org)
}

type authorityRule struct{}

func (authorityRule) ID() string { return "authority-not-confirmed" }

func (authorityRule) Check(d *Doc, emit func(Finding)) {
	m := d.Case.Front.Mediation
	if m == nil || m.Choice.Value == "decline" || (!m.Date.Set && len(m.Attendees) == 0) {
		return
	}
	for _, a := range m.Attendees {
		if isLA(d.Case, a) && a.Authority.Value || a.Organisation.Placeholder {
			return // a placeholder still to be filled in is its own finding
		}
	}
	sp := m.AttendeesSpan
	if len(m.Attendees) == 0 {
		sp = m.Span
	}
	la := d.Case.Front.LocalAuthority.Value
	if la == "" {
		la = "the local authority"
	}
	emit(Finding{Span: sp,
		Message:    fmt.Sprintf("no attendee from %s is recorded with authority to agree the outcome on the day (authority: true); an agreement made without it may be reopened (SEND Regs 2014 reg 38)", la),
		Suggestion: "add the local authority's representative with organisation and authority: true, or record that nobody with authority attended"})
}

var (
	healthBody = regexp.MustCompile(`(?i)\b(?:ICB|integrated\s+care|NHS|CCG|clinical\s+commissioning|health|hospital|clinical|medical|CAMHS|designated\s+(?:clinical|medical)\s+officer|DCO|DMO|therap(?:y|ist)|nurs(?:e|ing)|paediatric)`)
	careBody   = regexp.MustCompile(`(?i)\b(?:social\s+care|social\s+work(?:er)?|children'?s\s+services|adult\s+services|care\s+team)\b`)
)

type healthRule struct{}

func (healthRule) ID() string { return "health-not-present" }

func (healthRule) Check(d *Doc, emit func(Finding)) {
	m := d.Case.Front.Mediation
	if m == nil || m.Choice.Value == "decline" || (!m.Date.Set && len(m.Attendees) == 0) {
		return
	}
	var health, care []string
	for _, s := range d.Case.Front.Decision.Sections {
		switch s.Value {
		case "C", "G":
			health = append(health, s.Value)
		case "D", "H1", "H2":
			care = append(care, s.Value)
		}
	}
	if len(health) == 0 && len(care) == 0 {
		return
	}
	hasHealth, hasCare := false, false
	for _, a := range m.Attendees {
		who := a.Organisation.Value + " " + a.Role.Value
		hasHealth = hasHealth || healthBody.MatchString(who)
		hasCare = hasCare || careBody.MatchString(who)
	}
	var missing string
	switch {
	case len(health) > 0 && !hasHealth:
		missing = fmt.Sprintf("Section %s (health) is in dispute but no attendee from a health body (such as the Integrated Care Board) is recorded", strings.Join(health, ", "))
	case len(care) > 0 && !hasHealth && !hasCare:
		missing = fmt.Sprintf("Section %s (social care) is in dispute but no attendee from health or social care is recorded", strings.Join(care, ", "))
	default:
		return
	}
	sp := m.AttendeesSpan
	if len(m.Attendees) == 0 {
		sp = m.Span
	}
	emit(Finding{Span: sp, Message: missing + "; an agreement on those sections binds only a body that took part (SEND Regs 2014 regs 36, 38)",
		Suggestion: "add the health or social care attendee with their organisation"})
}

type certificateNotRequired struct{}

func (certificateNotRequired) ID() string { return "certificate-not-required" }

func (certificateNotRequired) Check(d *Doc, emit func(Finding)) {
	t := d.Dates
	if t.CertificateRequired || len(d.Case.Front.Decision.Sections) == 0 {
		return
	}
	secs := d.Case.Front.Decision.Sections
	sp := casefile.Span{Start: secs[0].Span.Start, End: secs[len(secs)-1].Span.End}
	emit(Finding{Span: sp, Message: "no mediation certificate is needed before appealing: " + t.CertificateRequiredWhy + " (" + t.CertificateRequiredBasis + ")"})
}

type appealDeadline struct{}

func (appealDeadline) ID() string { return "appeal-deadline" }

func (appealDeadline) Check(d *Doc, emit func(Finding)) {
	dl := d.Dates.AppealDeadline
	if dl.Date.IsZero() || !d.Case.Front.Decision.Date.Set {
		return
	}
	sp := d.Case.Front.Decision.Date.Span
	if c := d.Case.Front.Certificate; c != nil && c.Issued.Set && !c.Issued.Time.Before(d.Case.Front.Decision.Date.Time) {
		sp = c.Issued.Span
	}
	days := int(dl.Date.Sub(d.Today).Hours() / 24)
	f := Finding{Span: sp, ownSeverity: true}
	switch {
	case days < 0:
		f.Severity = Error
		ago := fmt.Sprintf("%d days ago", -days)
		if days == -1 {
			ago = "yesterday"
		}
		f.Message = fmt.Sprintf("the appeal deadline was 5pm on %s, %s (%s; %s)", day(dl.Date), ago, dl.Why, dl.Basis)
		f.Suggestion = "a late appeal needs the Tribunal's permission: ask for an extension with reasons (HESC Rules 2008 r.5)"
	case days <= 14:
		f.Severity = Warning
		when := fmt.Sprintf("in %d days", days)
		switch days {
		case 0:
			when = "today"
		case 1:
			when = "tomorrow"
		}
		f.Message = fmt.Sprintf("the appeal must reach the Tribunal by 5pm on %s, %s (%s; %s)", day(dl.Date), when, dl.Why, dl.Basis)
		f.Suggestion = "send the appeal (form SEND35) now"
	default:
		f.Severity = Info
		f.Message = fmt.Sprintf("the appeal deadline is 5pm on %s (%s; %s)", day(dl.Date), dl.Why, dl.Basis)
	}
	emit(f)
}

type phaseTransfer struct{}

func (phaseTransfer) ID() string { return "phase-transfer" }

// Check warns when mediation or the certificate would fall on or after
// the reg 18 date: the plan must be amended *before* it, so an event on
// the date itself is already too late.
func (phaseTransfer) Check(d *Doc, emit func(Finding)) {
	t := d.Dates
	tr := d.Case.Front.Child.Transfer
	if tr == nil || t.PhaseTransferBy.Date.IsZero() {
		return
	}
	by := t.PhaseTransferBy.Date
	var late []string
	if m := d.Case.Front.Mediation; m != nil && m.Date.Set {
		if !m.Date.Time.Before(by) {
			late = append(late, "the mediation ("+m.Date.Time.Format(time.DateOnly)+")")
		}
	} else if !t.MediationDue.Date.IsZero() && !t.MediationDue.Date.Before(by) {
		late = append(late, "the latest date for mediation ("+t.MediationDue.Date.Format(time.DateOnly)+")")
	}
	if !t.CertificateDue.Date.IsZero() && !t.CertificateDue.Date.Before(by) {
		late = append(late, "the certificate ("+t.CertificateDue.Date.Format(time.DateOnly)+")")
	}
	if len(late) == 0 {
		return
	}
	emit(Finding{Span: tr.Span,
		Message: fmt.Sprintf("%s would fall on or after %s, the date before which the plan must be amended for the move (%s; %s)",
			strings.Join(late, " and "), day(by), t.PhaseTransferBy.Why, t.PhaseTransferBy.Basis),
		Suggestion: "families facing a phase-transfer date are usually advised to appeal straight away rather than wait for mediation"})
}

// writtenAgreement marks a By cell or action whose longer timescale the
// parties agreed in writing (reg 42(5)).
var writtenAgreement = regexp.MustCompile(`(?i)agreed\s+in\s+writing|written\s+agreement|reg(?:ulation)?\.?\s*42\s*\(5\)`)

type actionLate struct{}

func (actionLate) ID() string { return "action-late" }

func (actionLate) Check(d *Doc, emit func(Finding)) {
	m := d.Case.Front.Mediation
	if m == nil || !m.Date.Set {
		return
	}
	defaults := d.Dates.Actions
	for i := range d.Case.Actions {
		a := &d.Case.Actions[i]
		by, msg := casefile.ParseActionDate(a.By.Text)
		if msg != "" || writtenAgreement.MatchString(a.By.Text) || writtenAgreement.MatchString(a.Action.Text) {
			continue
		}
		due, basis := defaults[i].Due, defaults[i].Basis
		if !by.After(due) {
			continue
		}
		emit(Finding{Span: a.By.Whole(),
			Message: fmt.Sprintf("this action is due on %s, later than the statutory default of %s (%s, from the mediation on %s)",
				by.Format(time.DateOnly), due.Format(time.DateOnly), basis, m.Date.Time.Format(time.DateOnly)),
			Suggestion: "bring the date forward, or record that the parties agreed the longer time in writing (write 'agreed in writing' in the By column)"})
	}
}
