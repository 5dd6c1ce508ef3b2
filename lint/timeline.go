package lint

import (
	"fmt"
	"strings"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/lazyre"
	"github.com/sendgen/sendgen/internal/words"
	"github.com/sendgen/sendgen/send"
	"github.com/sendgen/sendgen/timeline"
)

// timetableInputs collects the inputs of the timetable from a parsed case
// and its statements: the agreed actions that are provision are the ones the
// statement analysis judged as provision, and each action's owner is read
// with the organisation of the attendee its Who cell names. Fields the case
// does not set stay zero, and timeline.Compute says what is missing.
func timetableInputs(c *casefile.Case, st []*Statement) timeline.Inputs {
	f := &c.Front
	in := timeline.Inputs{
		Case:           f.Case.Value,
		DecisionType:   f.Decision.Type.Value,
		Decision:       f.Decision.Date.Time,
		Sections:       f.Decision.SectionList(),
		AppellantRole:  f.Appellant.Role.Value,
		ChildBorn:      f.Child.DateOfBirth.Time,
		LocalAuthority: f.LocalAuthority.Value,
	}
	var attendees []casefile.Attendee
	if m := f.Mediation; m != nil {
		in.AdviserContacted = m.AdviserContacted.Time
		in.Choice = m.Choice.Value
		in.LAInformed = m.LAInformed.Time
		in.MediationDate = m.Date.Time
		attendees = m.Attendees
	}
	if cert := f.Certificate; cert != nil {
		in.CertificateIssued = cert.Issued.Time
		in.IssuesResolved = cert.IssuesResolved.Value
	}
	if ps := f.PositionStatement; ps != nil {
		in.StatementDate = ps.Date.Time
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
		a := &c.Actions[i]
		in.Actions = append(in.Actions, timeline.AgreedAction{Text: a.Action.Text, Who: a.Who.Text,
			WhoOrganisation: attendeeOrganisation(attendees, a.Who.Text), Provision: provision[&a.Action]})
	}
	return in
}

// attendeeOrganisation is the role and organisation of the attendee whose
// name the Who cell gives ("Mark Ellis, SENCo" names Mark Ellis of St
// Saviour's Primary School).
func attendeeOrganisation(attendees []casefile.Attendee, who string) string {
	w := strings.ToLower(who)
	for _, a := range attendees {
		if n := strings.ToLower(strings.TrimSpace(a.Name.Value)); n != "" && strings.Contains(w, n) {
			return strings.TrimSpace(a.Role.Value + ", " + a.Organisation.Value)
		}
	}
	return ""
}

func day(t time.Time) string { return t.Format("Monday 2 January 2006") }

// dateRules are the rules that use the statutory timetable.
func dateRules() []Rule {
	return []Rule{adviserContact{}, mediationNotArranged{}, appealNotAvailable{},
		certificateLate{}, mediationLate{}, authorityRule{}, healthRule{},
		certificateNotRequired{}, appealDeadline{}, phaseTransfer{}, actionLate{},
		youngPerson{}, dateConflict{}, statementDate{}}
}

// dayOrLast names a date, and the last working day before it when the date
// itself is not one (reg 33 is not moved like a Tribunal time limit).
func dayOrLast(x timeline.Date) string {
	if x.LastWorkingDay.IsZero() {
		return day(x.Date)
	}
	return fmt.Sprintf("%s (not a working day: in practice by %s)", day(x.Date), day(x.LastWorkingDay))
}

func daysUntil(t, today time.Time) int { return int(t.Sub(today).Hours() / 24) }

func inDays(days int) string {
	switch days {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days", days)
}

// adviserContact applies SEND Regs 2014 reg 33: a family who must obtain a
// certificate must contact the mediation adviser within 2 months after the
// decision notice was sent; HESC r.12 does not move it (legal-review.md E4).
type adviserContact struct{}

func (adviserContact) ID() string { return "adviser-contact" }

func (adviserContact) Check(d *Doc, emit func(Finding)) {
	t := d.Dates
	by := t.AdviserContactBy
	f := &d.Case.Front
	if by.Date.IsZero() || !t.CertificateRequired || !f.Decision.Date.Set {
		return
	}
	m := f.Mediation
	if m != nil && m.AdviserContacted.Set {
		if !m.AdviserContacted.Time.After(by.Date) {
			return
		}
		emit(Finding{Span: m.AdviserContacted.Span, Severity: Error, ownSeverity: true,
			Message: fmt.Sprintf("the mediation adviser was contacted on %s, after %s, the last day to contact them: within 2 months after the decision notice was sent on %s, not moved for weekends or holidays (%s)",
				day(m.AdviserContacted.Time), dayOrLast(by), day(f.Decision.Date.Time), by.Basis),
			Suggestion: "check the date; if the contact really was late, an appeal brought now needs the Tribunal's permission: the appeal must include a request for an extension of time with the reasons (HESC Rules 2008 r.20(4))"})
		return
	}
	if c := f.Certificate; c != nil && c.Issued.Set {
		return // a certificate was issued, so the adviser was contacted
	}
	sp := f.Decision.Date.Span
	if m != nil {
		sp = m.Span
	}
	switch days := daysUntil(by.Date, d.Today); {
	case days < 0:
		emit(Finding{Span: sp, Severity: Error, ownSeverity: true,
			Message: fmt.Sprintf("no contact with the mediation adviser is recorded, and the last day to contact them was %s: within 2 months after the decision notice was sent on %s (%s; %s)",
				dayOrLast(by), day(f.Decision.Date.Time), by.Why, by.Basis),
			Suggestion: "if the adviser was contacted, add mediation.adviser_contacted; if not, contact the adviser now and ask for the certificate: an appeal brought late must include a request for an extension of time with the reasons (HESC Rules 2008 r.20(4))"})
	case days <= 14:
		emit(Finding{Span: sp, Severity: Warning, ownSeverity: true,
			Message: fmt.Sprintf("contact the mediation adviser by %s, %s: within 2 months after the decision notice was sent on %s; the appeal deadline does not move this date (%s)",
				dayOrLast(by), inDays(days), day(f.Decision.Date.Time), by.Basis),
			Suggestion: "contact the mediation adviser now (the decision letter gives their details) and record mediation.adviser_contacted"})
	}
}

// mediationNotArranged: the family chose mediation and the 30 days have
// passed with no mediation recorded. The local authority must then tell the
// adviser, who must issue a certificate within 3 working days; families are
// advised to go straight to appeal (seed 002; legal-review.md E3, E7).
type mediationNotArranged struct{}

func (mediationNotArranged) ID() string { return "mediation-not-arranged" }

func (mediationNotArranged) Check(d *Doc, emit func(Finding)) {
	m := d.Case.Front.Mediation
	due := d.Dates.MediationDue
	if m == nil || m.Choice.Value != "mediate" || m.Date.Set || due.Date.IsZero() || !d.Today.After(due.Date) {
		return
	}
	if c := d.Case.Front.Certificate; c != nil && (c.Issued.Set || c.IssuesResolved.Set) {
		return
	}
	sp := m.LAInformed.Span
	if !m.LAInformed.Set {
		sp = m.Choice.Span
	}
	msg := fmt.Sprintf("the family chose mediation and the local authority was told on %s, but no mediation is recorded by %s, the end of the 30 days it has to arrange it (%s). "+
		"If mediation has not been arranged, the local authority must tell the mediation adviser, who must issue a certificate within 3 working days of being told",
		day(m.LAInformed.Time), day(due.Date), due.Basis)
	if ifNot := d.Dates.CertificateIfNotArranged; !ifNot.Date.IsZero() {
		msg += fmt.Sprintf(" (by %s if told on %s)", day(ifNot.Date), day(due.Date))
	}
	emit(Finding{Span: sp, Message: msg,
		Suggestion: "ask the mediation adviser for the certificate now and register the appeal with it: a family whose mediation is delayed beyond 30 days is advised to go straight to appeal. If mediation was held, add mediation.date"})
}

// appealNotAvailable: only health or social care sections are in dispute
// about a plan's contents, and no appeal lies on them alone (CFA 2014
// s.51(2); legal-review.md E2).
type appealNotAvailable struct{}

func (appealNotAvailable) ID() string { return "appeal-not-available" }

func (appealNotAvailable) Check(d *Doc, emit func(Finding)) {
	secs := d.Case.Front.Decision.Sections
	if d.Dates.AppealAvailable || len(secs) == 0 {
		return
	}
	sp := casefile.Span{Start: secs[0].Span.Start, End: secs[len(secs)-1].Span.End}
	emit(Finding{Span: sp,
		Message: fmt.Sprintf("no appeal to the Tribunal lies on Section %s alone: the Tribunal's appeal rights cover needs (B), provision (F) and placement (I), not health or social care on their own (CFA 2014 s.51(2)). Mediation is available on them",
			words.And(d.Case.Front.Decision.SectionList())),
		Suggestion: "mediate on the health or social care sections; or, if Section B, F or I is also in dispute, list it, get a mediation certificate and appeal on it, asking the Tribunal for health and social care recommendations"})
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

// Check never excuses the delay: sources differ on whether the duty is to
// arrange mediation or for it to take place within 30 days, and no source
// says a meeting moved at the family's request is not a breach
// (legal-review.md E7).
func (mediationLate) Check(d *Doc, emit func(Finding)) {
	m := d.Case.Front.Mediation
	due := d.Dates.MediationDue
	if m == nil || !m.Date.Set || due.Date.IsZero() || !m.Date.Time.After(due.Date) {
		return
	}
	late := int(m.Date.Time.Sub(due.Date).Hours() / 24)
	emit(Finding{Span: m.Date.Span,
		Message: fmt.Sprintf("mediation took place on %s, %d days after %s, the end of the 30 days the local authority has to arrange it (%s). Sources differ on whether the meeting itself must take place within the 30 days or only be arranged; if it could not be arranged in time, the local authority had to tell the mediation adviser, who must then issue a certificate within 3 working days",
			day(m.Date.Time), late, day(due.Date), due.Basis),
		Suggestion: "record why the mediation was late; where a delay threatens the appeal deadline or a phase transfer, ask the adviser for the certificate rather than wait"})
}

// laOrganisation recognises a local authority attendee.
var laOrganisation = lazyre.New(`(?i)\b(?:council|borough|county|local\s+authority|city\s+of|metropolitan|LA)\b`)

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
	// The duty that those attending have authority to resolve the issues
	// sits with the regulations on arranging mediation (regs 35-37, from
	// secondary sources), not reg 38 (who may attend) (legal-review.md E13).
	emit(Finding{Span: sp,
		Message:    fmt.Sprintf("no attendee from %s is recorded with authority to agree the outcome on the day (authority: true); the people attending for the local authority must be able to resolve the mediation issues (SEND Regs 2014 regs 35-37, as secondary sources give it)", la),
		Suggestion: "ask at the start of the meeting whether the local authority's representative can agree the outcome, and record authority: true for them (with their organisation)"})
}

var (
	healthBody = lazyre.New(`(?i)\b(?:ICB|integrated\s+care|NHS|CCG|clinical\s+commissioning|health|hospital|clinical|medical|CAMHS|designated\s+(?:clinical|medical)\s+officer|DCO|DMO|therap(?:y|ist)|nurs(?:e|ing)|paediatric)`)
	careBody   = lazyre.New(`(?i)\b(?:social\s+care|social\s+work(?:er)?|children'?s\s+services|adult\s+services|care\s+team)\b`)
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
	// Health provision needs the commissioning body as a party (s.53);
	// social care is the local authority's own, so its representative can
	// agree it if they have authority over it (legal-review.md E14).
	var msg string
	switch {
	case len(health) > 0 && !hasHealth:
		msg = fmt.Sprintf("Section %s (health) is in dispute but no attendee from a health body (such as the Integrated Care Board) is recorded; where the mediation issues include health care provision, the health commissioning body takes part in the mediation (CFA 2014 s.53)", strings.Join(health, ", "))
	case len(care) > 0 && !hasHealth && !hasCare:
		msg = fmt.Sprintf("Section %s (social care) is in dispute but no attendee from social care is recorded; social care is the local authority's, so its representative must be able to agree social care provision as well as education (CFA 2014 s.54)", strings.Join(care, ", "))
	default:
		return
	}
	sp := m.AttendeesSpan
	if len(m.Attendees) == 0 {
		sp = m.Span
	}
	emit(Finding{Span: sp, Message: msg, Suggestion: "add the health or social care attendee with their organisation"})
}

type certificateNotRequired struct{}

func (certificateNotRequired) ID() string { return "certificate-not-required" }

// Check fires only for the Section I exception: health or social care alone
// is appeal-not-available, not an appeal without a certificate.
func (certificateNotRequired) Check(d *Doc, emit func(Finding)) {
	t := d.Dates
	if t.CertificateRequired || !t.AppealAvailable || len(d.Case.Front.Decision.Sections) == 0 {
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
	f := &d.Case.Front
	if dl.Date.IsZero() || !f.Decision.Date.Set {
		return
	}
	sp := f.Decision.Date.Span
	cert := f.Certificate
	issued := cert != nil && cert.Issued.Set
	if issued && !cert.Issued.Time.Before(f.Decision.Date.Time) {
		sp = cert.Issued.Span
	}
	days := daysUntil(dl.Date, d.Today)
	out := Finding{Span: sp, ownSeverity: true}
	// A family whose issues were all resolved is not expected to appeal: the
	// deadline is there in case the agreement is not carried out.
	if cert != nil && cert.IssuesResolved.Value == "all" {
		out.Severity = Info
		if days < 0 {
			out.Message = fmt.Sprintf("all the issues were resolved at mediation; the appeal deadline was 5pm on %s (%s; %s)", day(dl.Date), dl.Why, dl.Basis)
			out.Suggestion = "if the agreement is not carried out, remind the local authority in writing of the reg 42 time limits; an appeal now would be late and must include a request for an extension of time with the reasons (HESC Rules 2008 r.20(4))"
		} else {
			out.Message = fmt.Sprintf("all the issues were resolved at mediation; an appeal remains possible until 5pm on %s, %s, if the agreement is not carried out (%s; %s)", day(dl.Date), inDays(days), dl.Why, dl.Basis)
		}
		emit(out)
		return
	}
	switch {
	case days < 0:
		out.Severity = Error
		ago := fmt.Sprintf("%d days ago", -days)
		if days == -1 {
			ago = "yesterday"
		}
		out.Message = fmt.Sprintf("the appeal deadline was 5pm on %s, %s (%s; %s)", day(dl.Date), ago, dl.Why, dl.Basis)
		out.Suggestion = "a late appeal must include a request for an extension of time with the reasons (HESC Rules 2008 r.20(4)); the Tribunal decides"
	case days <= 14:
		out.Severity = Warning
		out.Message = fmt.Sprintf("the appeal must reach the Tribunal by 5pm on %s, %s (%s; %s)", day(dl.Date), inDays(days), dl.Why, dl.Basis)
		out.Suggestion = "send the appeal (form SEND35) now"
		if d.Dates.CertificateRequired && !issued {
			// The Tribunal will not register an appeal that needs a
			// certificate without one (legal-review.md E1).
			out.Suggestion = "this appeal needs a mediation certificate: ask the mediation adviser for it now, and send the appeal (form SEND35) with it"
		}
	default:
		out.Severity = Info
		out.Message = fmt.Sprintf("the appeal deadline is 5pm on %s (%s; %s)", day(dl.Date), dl.Why, dl.Basis)
	}
	emit(out)
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
	what := "the date before which the plan must be amended for the move"
	if !t.PlanExists {
		what = "the date before which a plan should be in place for the move (a practical target: reg 18 applies once a plan exists)"
	}
	emit(Finding{Span: tr.Span,
		Message: fmt.Sprintf("%s would fall on or after %s, %s (%s; %s)",
			strings.Join(late, " and "), day(by), what, t.PhaseTransferBy.Why, t.PhaseTransferBy.Basis),
		Suggestion: "families facing a phase-transfer date are usually advised to appeal straight away rather than wait for mediation"})
}

// writtenAgreement marks a By cell or action whose timescale the parties
// recorded as agreed in writing (reg 42(5)).
var writtenAgreement = lazyre.New(`(?i)agreed\s+in\s+writing|written\s+agreement|reg(?:ulation)?\.?\s*42\s*\(5\)`)

// saysWritten is writtenAgreement.MatchString, asked only of a text that
// holds "agreed", "written" or "reg" in any case: one of them begins every
// match, and no character outside ASCII folds to their letters.
func saysWritten(s string) bool {
	return (containsFoldASCII(s, "agreed") || containsFoldASCII(s, "written") || containsFoldASCII(s, "reg")) &&
		writtenAgreement.MatchString(s)
}

// containsFoldASCII reports whether s holds sub (lower-case ASCII letters)
// in any case, without allocating a lower-cased copy.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

type actionLate struct{}

func (actionLate) ID() string { return "action-late" }

// Check warns where a date written into the agreement is later than the
// statutory limit. A date in the signed agreement is itself agreement in
// writing to a different timescale (reg 42(5)), so the finding tells the
// family what signing gives up (legal-review.md E11). An explicit "agreed in
// writing" records that the family chose it knowingly.
func (actionLate) Check(d *Doc, emit func(Finding)) {
	m := d.Case.Front.Mediation
	if m == nil || !m.Date.Set {
		return
	}
	defaults := d.Dates.Actions
	for i := range d.Case.Actions {
		a := &d.Case.Actions[i]
		ad, msg := d.actionDate(i)
		by := ad.Time
		if msg != "" || saysWritten(a.By.Text) || saysWritten(a.Action.Text) {
			continue
		}
		def := defaults[i]
		if !def.Bound || !by.After(def.Due) {
			continue
		}
		limit := "statutory " + strings.Replace(def.Period, " weeks", "-week", 1) + " limit"
		if def.Period == "immediately" {
			limit = "statutory requirement to act immediately"
		}
		emit(Finding{Span: a.By.Whole(),
			Message: fmt.Sprintf("this action is due on %s, later than %s, the statutory default (%s, from the mediation on %s); a date written into the signed agreement is agreement in writing to a different timescale (reg 42(5)), so by signing this the family gives up the %s",
				by.Format(time.DateOnly), def.Due.Format(time.DateOnly), def.Basis, m.Date.Time.Format(time.DateOnly), limit),
			Suggestion: fmt.Sprintf("bring the date forward to %s or earlier, unless the family accepts the longer time (then write 'agreed in writing' after the date)", def.Due.Format("2 January 2006"))})
	}
}

// youngPerson checks appellant.role against child.date_of_birth: the rights
// of appeal and mediation pass to the young person at the end of compulsory
// school age, the last Friday in June of the school year in which they turn
// 16, not on the 16th birthday (CFA 2014 s.83(2); Education Act 1996 s.8).
type youngPerson struct{}

func (youngPerson) ID() string { return "young-person" }

func (youngPerson) Check(d *Doc, emit func(Finding)) {
	f := &d.Case.Front
	csa := d.Dates.CompulsorySchoolAgeEnds.Date
	role := f.Appellant.Role
	if csa.IsZero() || !f.Child.DateOfBirth.Set || !role.Set {
		return
	}
	at, when := d.Today, "today ("+day(d.Today)+")"
	if f.Decision.Date.Set {
		at, when = f.Decision.Date.Time, "when the decision notice was sent ("+day(f.Decision.Date.Time)+")"
	}
	if at.Before(f.Child.DateOfBirth.Time) {
		return // date-conflict says the birth date cannot be right
	}
	born := fmt.Sprintf("born on %s, %s ceased to be of compulsory school age on %s, the last Friday in June of the school year in which they turned 16",
		day(f.Child.DateOfBirth.Time), childName(f), day(csa))
	if !at.After(csa) {
		born = strings.Replace(born, "ceased", "ceases", 1)
	}
	switch yp := at.After(csa); {
	case role.Value == "parent" && yp:
		emit(Finding{Span: role.Span,
			Message:    fmt.Sprintf("%s: %s they were a young person, and the rights of appeal and mediation are theirs, not a parent's (CFA 2014 s.83(2), s.51(1))", born, when),
			Suggestion: "set appellant.role: young-person and appellant.name to the young person (a parent can still support them; where a young person lacks capacity, SEND Regs 2014 reg 64 and Sch 3 say who acts for them)"})
	case role.Value == "young-person" && !yp:
		emit(Finding{Span: role.Span,
			Message:    fmt.Sprintf("%s: %s they were still of compulsory school age, so the parent brings the appeal; the rights pass at the end of compulsory school age, not on the 16th birthday (CFA 2014 s.83(2))", born, when),
			Suggestion: "set appellant.role: parent and appellant.name to the parent, unless the dates are wrong"})
	case role.Value == "parent" && !yp:
		if dl := d.Dates.AppealDeadline.Date; !dl.IsZero() && dl.After(csa) {
			emit(Finding{Span: role.Span, Severity: Info, ownSeverity: true,
				Message: fmt.Sprintf("%s, before the appeal deadline (%s): from %s the rights of appeal and mediation are the young person's (CFA 2014 s.83(2))",
					born, day(dl), day(csa.AddDate(0, 0, 1)))})
		}
	}
}

func childName(f *casefile.Front) string {
	if f.Child.Name.Value != "" {
		return f.Child.Name.Value
	}
	return "the child"
}

// dateConflict reports dates that cannot be right: one that contradicts
// another (a certificate after mediation dated before the mediation), an
// event that has happened dated after today (a mediation date typed a year
// late gives an appeal deadline a year late), an agreed action due before
// the mediation that agreed it, a weekday that is not the date's, and a
// child whose age cannot fit an EHC decision. Each finding is on the field
// that is wrong and names what it contradicts.
type dateConflict struct{}

func (dateConflict) ID() string { return "date-conflict" }

// maxAge: a young person is under 25 (CFA 2014 s.83(2)); a plan can run to
// the end of the academic year in which they turn 25 (s.46), so nobody 26
// or over has an EHC decision.
const maxAge = 26

func (dateConflict) Check(d *Doc, emit func(Finding)) {
	f := &d.Case.Front
	fields := frontDates(f)
	for _, c := range d.Dates.Conflicts {
		if dt, ok := fields[c.Field]; ok && dt.Set {
			emit(Finding{Span: dt.Span, Message: c.Message, Suggestion: "check " + c.Field + " and " + c.Other + ": one of them is wrong"})
		}
	}
	for _, name := range []string{"decision.date", "mediation.adviser_contacted", "mediation.la_informed", "mediation.date", "certificate.issued", "child.date_of_birth"} {
		dt := fields[name]
		if dt.Set && dt.Time.After(d.Today) {
			emit(Finding{Span: dt.Span,
				Message: fmt.Sprintf("%s is %s, after today (%s): it records something that has already happened, and every date computed from it would be wrong by as much",
					name, dt.Time.Format(time.DateOnly), d.Today.Format(time.DateOnly)),
				Suggestion: "check the year; leave the field out until the event has happened"})
		}
	}
	if b, dec := f.Child.DateOfBirth, f.Decision.Date; b.Set && dec.Set && !dec.Time.Before(b.Time) {
		if age := timeline.Years(b.Time, dec.Time); age >= maxAge {
			emit(Finding{Span: b.Span,
				Message: fmt.Sprintf("child.date_of_birth %s makes %s %d on decision.date %s: EHC needs assessments and plans are for children and young people under 25, and a plan ends at the latest with the academic year in which they turn 25 (CFA 2014 ss.46, 83(2))",
					b.Time.Format(time.DateOnly), childName(f), age, dec.Time.Format(time.DateOnly)),
				Suggestion: "check the year of birth"})
		}
	}
	m := f.Mediation
	for i := range d.Case.Actions {
		a := &d.Case.Actions[i]
		ad, msg := d.actionDate(i)
		if msg != "" {
			continue
		}
		if !ad.WeekdayMatches {
			emit(Finding{Span: a.By.Whole(),
				Message: fmt.Sprintf("%q: %s is a %s, not a %s, so the date cannot be read with certainty",
					strings.TrimSpace(a.By.Text), ad.Time.Format("2 January 2006"), ad.Time.Weekday(), ad.Weekday),
				Suggestion: "write the date the parties agreed, with its right weekday or none"})
		}
		if m != nil && m.Date.Set && ad.Time.Before(m.Date.Time) {
			emit(Finding{Span: a.By.Whole(),
				Message: fmt.Sprintf("this action is due on %s, before mediation.date %s, when it was agreed",
					ad.Time.Format(time.DateOnly), m.Date.Time.Format(time.DateOnly)),
				Suggestion: "check the date (often the year)"})
		}
	}
}

// frontDates names the front-matter dates as the timetable's conflicts name
// them.
func frontDates(f *casefile.Front) map[string]casefile.Date {
	out := map[string]casefile.Date{
		"decision.date":       f.Decision.Date,
		"child.date_of_birth": f.Child.DateOfBirth,
	}
	if m := f.Mediation; m != nil {
		out["mediation.adviser_contacted"] = m.AdviserContacted
		out["mediation.la_informed"] = m.LAInformed
		out["mediation.date"] = m.Date
	}
	if c := f.Certificate; c != nil {
		out["certificate.issued"] = c.Issued
	}
	if ps := f.PositionStatement; ps != nil {
		out["position_statement.date"] = ps.Date
	}
	return out
}

// statementDate suggests dating the position statement: without
// position_statement.date it prints no date, rather than another event's.
type statementDate struct{}

func (statementDate) ID() string { return "statement-date" }

func (statementDate) Check(d *Doc, emit func(Finding)) {
	f := &d.Case.Front
	if !d.Case.HasFront || d.Case.Body.Find(send.RequestedProvision) == nil {
		return
	}
	if ps := f.PositionStatement; ps != nil && (ps.Date.Set || ps.Date.Placeholder) {
		return // dated, or its placeholder says so already
	}
	sp := casefile.Span{Start: f.Span.Start, End: f.Span.Start + 3}
	if ps := f.PositionStatement; ps != nil {
		sp = ps.Span
	} else if a := f.Author; a != nil {
		sp = a.Span
	}
	emit(Finding{Span: sp, Message: "the position statement has no date: it prints none until position_statement.date gives the date it is made",
		Suggestion: "add the date it is made: position_statement: {date: YYYY-MM-DD}"})
}
