package timeline

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sendgen/sendgen/internal/words"
	"github.com/sendgen/sendgen/send"
)

// Inputs are the case-file facts the statutory timetable depends on. Every date is a calendar
// date (read in its own location); a zero time.Time means the fact is not known yet.
type Inputs struct {
	Case              string         // case reference (for messages and UIDs)
	DecisionType      string         // one of send.DecisionTypeKeys()
	Decision          time.Time      // D: decision.date, the day the written notice was sent
	Sections          []string       // sections in dispute: A, B, C, D, E, F, G, H1, H2, I, J, K
	AppellantRole     string         // parent | young-person
	ChildBorn         time.Time      // child.date_of_birth
	LocalAuthority    string         // local_authority, to recognise its officers as action owners
	AdviserContacted  time.Time      // mediation.adviser_contacted
	Choice            string         // mediate | decline | ""
	LAInformed        time.Time      // mediation.la_informed
	MediationDate     time.Time      // mediation.date (the day it concluded)
	CertificateIssued time.Time      // C: certificate.issued
	IssuesResolved    string         // certificate.issues_resolved: all | partly | none | ""
	StatementDate     time.Time      // position_statement.date
	TransferTo        string         // school | junior | middle | secondary | post-16 | post-16-move | ""
	TransferDate      time.Time      // child.transfer.date
	Actions           []AgreedAction // the rows of # Agreed actions, in table order
}

// Date is one computed statutory date with its legal basis and an explanation.
type Date struct {
	Key   string    // stable machine key, used in JSON and calendar UIDs: "appeal_deadline", ...
	Label string    // human label: "Appeal deadline"
	Date  time.Time // 00:00 UTC; zero when it cannot be computed
	Basis string    // the legal basis, e.g. "HESC Rules 2008 r.20(1)(c), r.12"
	Why   string    // one line: how it was computed, or what is missing ("needs decision.date")
	// LastWorkingDay is set for a limit that is not moved when it falls on a
	// day that is not a working day (reg 33): the last working day before
	// it, when in practice the step must be taken.
	LastWorkingDay time.Time
}

// Keys of the computed dates.
const (
	KeyAdviserContactBy = "adviser_contact_by"
	KeyCertificateDue   = "certificate_due"
	KeyMediationDue     = "mediation_due"
	KeyAppealDeadline   = "appeal_deadline"
	KeyPhaseTransferBy  = "phase_transfer_by"
	// KeyCertificateIfNotArranged is the latest date of the certificate the
	// mediation adviser must issue when mediation is not arranged within
	// 30 days (legal-review.md E3); computed while mediation is awaited.
	KeyCertificateIfNotArranged = "certificate_due_if_not_arranged"
	// KeyCompulsorySchoolAgeEnds is the day a child ceases to be of
	// compulsory school age: the rights of appeal pass to the young person
	// the day after (CFA 2014 s.83(2); Education Act 1996 s.8).
	KeyCompulsorySchoolAgeEnds = "compulsory_school_age_ends"
)

// Bases, exactly as the spec (shared/spec/statutory-rules.md) words them. The paragraph that
// applied in a particular case is named in Why.
const (
	BasisAdviserContact      = "SEND Regs 2014 reg 33"
	BasisCertificateRequired = "CFA 2014 s.55; s.51"
	BasisCertificateDue      = "SEND Regs 2014 regs 34, 39"
	BasisMediationDue        = "SEND Regs 2014 regs 35-37"
	BasisAppealDeadline      = "HESC Rules 2008 r.20(1)(c), r.12"
	BasisPhaseTransfer       = "SEND Regs 2014 reg 18"
	BasisNotArranged         = "SEND Regs 2014 regs 34-37, 39"
	BasisCompulsorySchoolAge = "CFA 2014 s.83(2); Education Act 1996 s.8"
	BasisPhaseTarget         = "SEND Regs 2014 reg 18 (applies once a plan exists)"
)

// CertificateKind is what a mediation certificate certifies.
type CertificateKind int

const (
	// CertificateNone: no certificate has been issued.
	CertificateNone CertificateKind = iota
	// CertificateDeclined: the family was given information and advice
	// about mediation and told the adviser they do not wish to pursue it
	// (CFA 2014 s.55(4); reg 34).
	CertificateDeclined
	// CertificateAfterMediation: the family took part in mediation
	// (CFA 2014 s.55(5); reg 39).
	CertificateAfterMediation
	// CertificateNotArranged: the family wished to mediate and mediation
	// could not be arranged within 30 days, so the adviser issued a
	// certificate within 3 working days of being told (legal-review.md E3;
	// secondary sources). It never says the family declined.
	CertificateNotArranged
	// CertificateUnknown: a certificate was issued but the case file does
	// not say whether the family declined or mediated.
	CertificateUnknown
)

func (k CertificateKind) String() string {
	switch k {
	case CertificateDeclined:
		return "declined"
	case CertificateAfterMediation:
		return "after-mediation"
	case CertificateNotArranged:
		return "not-arranged"
	case CertificateUnknown:
		return "unknown"
	}
	return "none"
}

// Conflict is a date of the case file that cannot be right given another:
// a certificate dated before the mediation it certifies, an event before
// the decision it follows. Field is the front-matter field that is wrong,
// Other the one it contradicts (both as the case file spells them:
// "certificate.issued", "mediation.date").
type Conflict struct {
	Field, Other string
	Message      string
}

// Dates is the statutory timetable of one case.
type Dates struct {
	AdviserContactBy, CertificateDue, MediationDue, AppealDeadline, PhaseTransferBy Date

	// CertificateIfNotArranged is the latest day for the certificate due
	// when the family chose mediation and it is not arranged within
	// 30 days; zero unless mediation is awaited (KeyCertificateIfNotArranged).
	CertificateIfNotArranged Date
	// CompulsorySchoolAgeEnds is the school leaving date of the child
	// (KeyCompulsorySchoolAgeEnds); zero without child.date_of_birth.
	CompulsorySchoolAgeEnds Date

	CertificateRequired      bool
	CertificateRequiredWhy   string
	CertificateRequiredBasis string

	// AppealAvailable is false when only health or social care sections
	// are in dispute about the contents of a plan: no appeal lies on them
	// alone (CFA 2014 s.51(2)), so AppealDeadline is zero and its Why says
	// so and what the family can do instead.
	AppealAvailable bool
	// PlanExists is false for a refusal to assess or to issue a plan: there
	// is no plan to amend, so reg 18 and the amendment periods do not apply.
	PlanExists bool

	// CertificateKind is what the issued certificate certifies
	// (CertificateNone when none is issued).
	CertificateKind CertificateKind

	// Conflicts are dates of the case file that contradict each other.
	Conflicts []Conflict

	// Actions are the statutory default due dates of the agreed actions, in the order of
	// Inputs.Actions (see ActionDefault).
	Actions []ActionDue

	// Warnings are problems the caller must show: a working-day count that runs outside the
	// bank-holiday table, inconsistent dates, unknown enumeration values.
	Warnings []string
}

// All returns the five dates of the spec in chronological order, and the certificate due if
// mediation is not arranged when it is computed; dates that could not be computed come last.
// Ties, and the missing dates among themselves, keep the order of the mediation process
// (adviser contact, mediation, certificate, appeal, phase transfer), so the result is stable.
func (d Dates) All() []Date {
	all := []Date{d.AdviserContactBy, d.MediationDue, d.CertificateDue, d.AppealDeadline, d.PhaseTransferBy}
	if !d.CertificateIfNotArranged.Date.IsZero() {
		all = slices.Insert(all, 3, d.CertificateIfNotArranged)
	}
	slices.SortStableFunc(all, func(a, b Date) int {
		switch az, bz := a.Date.IsZero(), b.Date.IsZero(); {
		case az && bz:
			return 0
		case az:
			return 1
		case bz:
			return -1
		}
		return a.Date.Compare(b.Date)
	})
	return all
}

const dateFmt = time.DateOnly

func ymd(t time.Time) string { return t.Format(dateFmt) }

// healthOrCare reports whether a section can be mediated but not appealed on its own.
func healthOrCare(code string) bool {
	s, ok := send.LookupSection(code)
	return ok && s.HealthOrCare()
}

// Compute works out the statutory timetable of one case. It never reads the clock. A nil cal
// means DefaultCalendar(). Dates that cannot be computed are zero, with Why naming the missing
// input.
func Compute(in Inputs, cal *Calendar) Dates {
	c := computation{in: normalise(in), cal: cal.get()}
	c.validate()
	c.certificateRequired()
	c.adviserContactBy()
	c.mediationDue()
	c.certificateDue()
	c.appealDeadline()
	c.certificateIfNotArranged()
	c.phaseTransferBy()
	c.compulsorySchoolAge()
	c.conflicts()
	c.actions()
	return c.out
}

type computation struct {
	in  Inputs
	cal *Calendar
	out Dates
	dt  send.DecisionType
	// typeKnown is false for a missing or unknown decision type: the
	// exceptions then cannot be confirmed, so none is applied.
	typeKnown bool
}

func normalise(in Inputs) Inputs {
	for _, t := range []*time.Time{&in.Decision, &in.ChildBorn, &in.AdviserContacted, &in.LAInformed,
		&in.MediationDate, &in.CertificateIssued, &in.StatementDate, &in.TransferDate} {
		*t = civil(*t)
	}
	in.DecisionType = strings.ToLower(strings.TrimSpace(in.DecisionType))
	in.AppellantRole = strings.ToLower(strings.TrimSpace(in.AppellantRole))
	in.Choice = strings.ToLower(strings.TrimSpace(in.Choice))
	in.IssuesResolved = strings.ToLower(strings.TrimSpace(in.IssuesResolved))
	in.TransferTo = strings.ToLower(strings.TrimSpace(in.TransferTo))
	var secs []string
	for _, s := range in.Sections {
		s = strings.ToUpper(strings.TrimSpace(s))
		s = strings.TrimSpace(strings.TrimPrefix(s, "SECTION"))
		if s != "" && !slices.Contains(secs, s) {
			secs = append(secs, s)
		}
	}
	in.Sections = secs
	return in
}

func (c *computation) warn(format string, args ...any) {
	c.out.Warnings = append(c.out.Warnings, fmt.Sprintf(format, args...))
}

func (c *computation) validate() {
	in := c.in
	c.dt, c.typeKnown = send.LookupDecisionType(in.DecisionType)
	if !c.typeKnown && in.DecisionType != "" {
		c.warn("unknown decision type %q (want %s)", in.DecisionType, words.Or(send.DecisionTypeKeys()))
	}
	for _, s := range in.Sections {
		if _, ok := send.LookupSection(s); !ok {
			c.warn("unknown EHC plan section %q (want A-K, H1 or H2)", s)
		}
	}
	switch in.AppellantRole {
	case "", send.Parent, send.YoungPerson:
	default:
		c.warn("unknown appellant role %q (want parent or young-person)", in.AppellantRole)
	}
	// A plan exists unless the decision says there is none: an unknown type
	// keeps the amendment periods and reg 18, which is the cautious reading.
	c.out.PlanExists = !c.typeKnown || c.dt.PlanExists
}

// certificateRequired applies CFA 2014 ss.51 and 55 as shared/spec/statutory-rules.md states
// them (legal-review.md E1, E2). The exception to the certificate requirement covers only an
// appeal about the contents of a plan that is solely about Section I (the school or institution
// named, its type, or that none is named): every other decision type always needs a
// certificate, whatever sections are listed. In a dispute about a plan's contents, health and
// social care sections alone cannot be appealed at all.
func (c *computation) certificateRequired() {
	in := c.in
	c.out.CertificateRequiredBasis = BasisCertificateRequired
	c.out.AppealAvailable = true
	req, why := true, ""
	contents := c.typeKnown && c.dt.ContentsDispute
	switch {
	case c.typeKnown && c.dt.SectionIException && len(in.Sections) == 1 && in.Sections[0] == "I":
		req, why = false, "the appeal is about the contents of the plan and only about Section I "+
			"(the school or institution named, its type, or that none is named), which needs no mediation certificate (the s.55 exception)"
	case contents && len(in.Sections) > 0 && allHealthOrCare(in.Sections):
		req = false
		c.out.AppealAvailable = false
		why = "only health or social care sections (" + strings.Join(in.Sections, ", ") +
			") are in dispute: no appeal lies on them alone (CFA 2014 s.51(2)), so no certificate applies; mediation is still available, " +
			"and an appeal on Section B, F or I (with a mediation certificate) can ask the Tribunal for health and social care recommendations"
	case c.typeKnown && c.dt.AlwaysNeedsCertificate():
		why = "an appeal against a " + strings.ToLower(c.dt.Label[:1]) + c.dt.Label[1:] + " (" + c.dt.Basis +
			") always needs a mediation certificate, whatever sections are in dispute"
	case len(in.Sections) == 0:
		why = "an appeal needs a mediation certificate (no sections recorded, so no exception applies)"
	case !c.typeKnown:
		why = "an appeal needs a mediation certificate (decision.type is not known, so no exception applies)"
	default:
		why = "sections " + strings.Join(in.Sections, ", ") +
			" in dispute: an appeal needs a mediation certificate (only an appeal about the contents of the plan and Section I alone is exempt)"
	}
	c.out.CertificateRequired, c.out.CertificateRequiredWhy = req, why
}

func allHealthOrCare(secs []string) bool {
	for _, s := range secs {
		if !healthOrCare(s) {
			return false
		}
	}
	return true
}

// monthsWhy explains t + n months, noting when the corresponding-date rule clamped the day.
func monthsWhy(name string, t time.Time, n int, res time.Time) string {
	unit := "months"
	if n == 1 || n == -1 {
		unit = "month"
	}
	s := fmt.Sprintf("%s %s + %d calendar %s = %s", name, ymd(t), n, unit, ymd(res))
	if n < 0 {
		s = fmt.Sprintf("%s %s - %d calendar %s = %s", name, ymd(t), -n, unit, ymd(res))
	}
	if res.Day() < t.Day() {
		s += " (no corresponding date: last day of the month)"
	}
	return s
}

func (c *computation) adviserContactBy() {
	in := c.in
	d := Date{Key: KeyAdviserContactBy, Label: "Contact the mediation adviser by", Basis: BasisAdviserContact}
	if in.Decision.IsZero() {
		d.Why = "needs decision.date"
	} else {
		d.Date = AddMonths(in.Decision, 2)
		// r.12 (the Christmas/August rule) governs acts under the Tribunal Rules, not this
		// SEND Regs time limit, so no working-day adjustment (send-domain.md §1.4). A limit
		// that is not moved falls back to the last working day before it in practice: the
		// adviser's office is closed that day (legal-review.md E4).
		d.Why = monthsWhy("decision notice sent", in.Decision, 2, d.Date) + "; not moved for weekends or holidays"
		if !c.cal.IsWorkingDay(d.Date) {
			d.LastWorkingDay = c.cal.AddWorkingDays(d.Date, -1)
			d.Why += fmt.Sprintf(" (%s is not a working day, so in practice the last working day is %s)",
				nonWorkingReason(c.cal, d.Date), d.LastWorkingDay.Format("Monday 2 January 2006")) +
				c.coverage(d.Label, d.LastWorkingDay, d.Date)
		}
		if in.AppellantRole == send.YoungPerson {
			d.Why += "; the young person contacts the adviser in their own right (same period)"
		}
		switch {
		case !c.out.AppealAvailable:
			d.Why += "; no appeal lies on these sections, so reg 33 does not bind: contact the adviser to mediate"
		case !c.out.CertificateRequired:
			d.Why += "; optional here: no certificate is needed"
		}
	}
	c.out.AdviserContactBy = d
}

// workingDaysWhy explains a working-day count and records a warning when it used days outside
// the bank-holiday table.
func (c *computation) workingDaysWhy(label string, from, to time.Time) string {
	s := ""
	if skipped := c.cal.holidaysBetween(from, to); len(skipped) > 0 {
		s = ", skipping " + strings.Join(skipped, ", ")
	}
	return s + c.coverage(label, from, to)
}

// coverage warns when a working-day computation ran outside the bank-holiday table: the
// answer then rests on RuleHolidays and cannot know of a one-off holiday, which must never be
// a silent guess.
func (c *computation) coverage(label string, from, to time.Time) string {
	if c.cal.Covers(from) && c.cal.Covers(to) {
		return ""
	}
	first, last := c.cal.Range()
	c.warn("%s: %s to %s runs outside the bank-holiday table (%d-%d); holidays were assumed from the usual pattern and a one-off holiday would be missed: check gov.uk/bank-holidays and add any to the configuration",
		label, ymd(from), ymd(to), first, last)
	return fmt.Sprintf("; PROVISIONAL: outside the bank-holiday table (%d-%d)", first, last)
}

// certificateKind says what the issued certificate certifies. A mediation date, or a record of
// which issues were resolved, says the mediation was held; a family that chose mediation and has
// a certificate with neither had it because mediation was not arranged in time, never because
// they declined (legal-review.md E3).
func (c *computation) certificateKind() CertificateKind {
	in := c.in
	switch {
	case in.CertificateIssued.IsZero():
		return CertificateNone
	case in.Choice == "decline":
		return CertificateDeclined
	case !in.MediationDate.IsZero() || in.IssuesResolved != "":
		return CertificateAfterMediation
	case in.Choice == "mediate" || !in.LAInformed.IsZero():
		return CertificateNotArranged
	}
	return CertificateUnknown
}

func (c *computation) certificateDue() {
	in := c.in
	d := Date{Key: KeyCertificateDue, Label: "Mediation certificate due", Basis: BasisCertificateDue}
	c.out.CertificateKind = c.certificateKind()
	choice := in.Choice
	if choice == "" && (!in.MediationDate.IsZero() || !in.LAInformed.IsZero()) {
		// A mediation date says the mediation was held, and an LA told of
		// the wish to mediate says the family chose it, whether or not the
		// case file records the family's choice.
		choice = "mediate"
	}
	switch choice {
	case "decline":
		if in.AdviserContacted.IsZero() {
			d.Why = "needs mediation.adviser_contacted (the day the adviser was told the family does not wish to mediate)"
			break
		}
		d.Date = c.cal.AddWorkingDays(in.AdviserContacted, 3)
		d.Why = "reg 34: 3 working days after the adviser was told on " + ymd(in.AdviserContacted) +
			" that the family does not wish to mediate" + c.workingDaysWhy(d.Label, in.AdviserContacted, d.Date)
	case "mediate":
		switch due := c.out.MediationDue.Date; {
		case !in.MediationDate.IsZero():
			d.Date = c.cal.AddWorkingDays(in.MediationDate, 3)
			d.Why = "reg 39: 3 working days after the mediation concluded on " + ymd(in.MediationDate) +
				c.workingDaysWhy(d.Label, in.MediationDate, d.Date)
		case c.out.CertificateKind == CertificateNotArranged && !due.IsZero():
			d.Date = c.cal.AddWorkingDays(due, 3)
			d.Label = "Mediation certificate due (mediation not arranged)"
			d.Basis = BasisNotArranged
			d.Why = "no mediation was held: a local authority that cannot arrange mediation within 30 days (by " + ymd(due) +
				") must tell the mediation adviser, who must issue a certificate within 3 working days of being told; at the latest " +
				ymd(d.Date) + " if told on " + ymd(due) + c.workingDaysWhy(d.Label, due, d.Date)
		case in.IssuesResolved != "":
			d.Why = "needs mediation.date (the certificate is due 3 working days after the mediation concludes)"
		case due.IsZero():
			d.Why = "needs mediation.date (3 working days after the mediation concludes) or mediation.la_informed"
		default:
			d.Why = "needs mediation.date (3 working days after the mediation concludes); if mediation is not arranged by " +
				ymd(due) + ", see " + KeyCertificateIfNotArranged
		}
	case "":
		d.Why = "needs mediation.choice (mediate or decline)"
	default:
		d.Why = fmt.Sprintf("unknown mediation.choice %q (want mediate or decline)", in.Choice)
		c.warn("%s", d.Why)
	}
	switch {
	case !c.out.AppealAvailable:
		d.Why += "; no appeal lies on these sections, so the certificate opens no appeal"
	case !c.out.CertificateRequired:
		d.Why += "; no certificate is needed for this appeal"
	}
	c.out.CertificateDue = d
}

// certificateIfNotArranged is the certificate a family who chose mediation is owed when the
// local authority does not arrange it within 30 days, with the appeal deadline it would give:
// seed 002's "go straight to appeal" needs the dates.
func (c *computation) certificateIfNotArranged() {
	in := c.in
	d := Date{Key: KeyCertificateIfNotArranged, Label: "Certificate due if mediation is not arranged", Basis: BasisNotArranged}
	due := c.out.MediationDue.Date
	if in.Choice == "decline" || due.IsZero() || !in.MediationDate.IsZero() || !in.CertificateIssued.IsZero() || in.IssuesResolved != "" {
		d.Why = "not applicable: only while mediation is awaited"
		c.out.CertificateIfNotArranged = d
		return
	}
	d.Date = c.cal.AddWorkingDays(due, 3)
	d.Why = "if mediation is not arranged by " + ymd(due) + " (30 days after the LA was told), the LA must tell the mediation adviser, " +
		"who must issue a certificate within 3 working days of being told: " + ymd(d.Date) + " if told on " + ymd(due) +
		c.workingDaysWhy(d.Label, due, d.Date)
	if c.out.AppealAvailable && !in.Decision.IsZero() {
		// A hypothetical date: its coverage warning would repeat the real one's.
		n := len(c.out.Warnings)
		appeal, _ := c.appealDate(d.Date)
		c.out.Warnings = c.out.Warnings[:n]
		if !appeal.IsZero() {
			d.Why += "; the appeal deadline would then be 5pm on " + appeal.Format("Monday 2 January 2006")
		}
	}
	c.out.CertificateIfNotArranged = d
}

func (c *computation) mediationDue() {
	in := c.in
	d := Date{Key: KeyMediationDue, Label: "Mediation to be arranged by", Basis: BasisMediationDue}
	switch {
	case in.Choice == "decline":
		d.Why = "not applicable: the family declined mediation"
	case in.LAInformed.IsZero():
		d.Why = "needs mediation.la_informed"
	default:
		d.Date = AddDays(in.LAInformed, 30)
		// Sources differ on whether the meeting must also take place within the 30 days
		// (legal-review.md E7); either way a delay is never excused.
		d.Why = "LA told on " + ymd(in.LAInformed) + " + 30 calendar days; the duty is to arrange mediation within 30 days " +
			"(sources differ on whether it must also take place by then); if it cannot be arranged, the adviser must issue a certificate"
	}
	c.out.MediationDue = d
}

// appealDeadline applies HESC Rules 2008 r.20(1)(c) (the later of D + 2 months and C + 1 month)
// and then r.12: 25 Dec-1 Jan and August push the deadline to the first working day after
// 1 January or 31 August (r.12(3)(a)); any other non-working day to the next working day
// (r.12(2)). The notice must be received by 5pm (r.12(1)).
func (c *computation) appealDeadline() {
	in := c.in
	d := Date{Key: KeyAppealDeadline, Label: "Appeal deadline", Basis: BasisAppealDeadline}
	switch {
	case !c.out.AppealAvailable:
		d.Why = "no appeal deadline: " + c.out.CertificateRequiredWhy
		c.out.AppealDeadline = d
		return
	case in.Decision.IsZero():
		d.Why = "needs decision.date"
		c.out.AppealDeadline = d
		return
	}
	d.Date, d.Why = c.appealDate(in.CertificateIssued)
	if in.AppellantRole == send.YoungPerson {
		d.Why += "; young person appealing in their own right (same periods)"
	}
	if in.CertificateIssued.IsZero() && c.out.CertificateRequired {
		d.Why += "; no certificate issued yet: recompute when it is (C + 1 month may be later)"
	}
	c.out.AppealDeadline = d
}

// appealDate is the appeal deadline for a certificate issued on cert (zero: none), with how it
// was reached.
func (c *computation) appealDate(cert time.Time) (time.Time, string) {
	in := c.in
	fromD := AddMonths(in.Decision, 2)
	raw, rawWhy := fromD, monthsWhy("D", in.Decision, 2, fromD)
	if !cert.IsZero() {
		fromC := AddMonths(cert, 1)
		cWhy := monthsWhy("C", cert, 1, fromC)
		if fromC.After(fromD) {
			raw, rawWhy = fromC, cWhy+" (later than "+rawWhy+")"
		} else {
			rawWhy += " (not earlier than " + cWhy + ")"
		}
	}
	var date time.Time
	var why string
	switch y, m, day := raw.Date(); {
	case (m == time.December && day >= 25) || (m == time.January && day == 1):
		jan1 := time.Date(y+1, time.January, 1, 0, 0, 0, 0, time.UTC)
		if m == time.January {
			jan1 = time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
		}
		date = c.cal.NextWorkingDay(AddDays(jan1, 1))
		why = "raw " + ymd(raw) + " is in the Christmas window (25 Dec-1 Jan): r.12(3)(a), first working day after 1 January"
	case m == time.August:
		aug31 := time.Date(y, time.August, 31, 0, 0, 0, 0, time.UTC)
		date = c.cal.NextWorkingDay(AddDays(aug31, 1))
		why = "raw " + ymd(raw) + " is in August: r.12(3)(a), first working day after 31 August"
	case !c.cal.IsWorkingDay(raw):
		date = c.cal.NextWorkingDay(raw)
		why = "raw " + ymd(raw) + " is not a working day (" + nonWorkingReason(c.cal, raw) + "): r.12(2), next working day"
	default:
		date = raw
		why = "raw " + ymd(raw) + " is a working day"
	}
	return date, why + "; " + rawWhy + "; the notice must be received by 5pm" + c.coverage("Appeal deadline", raw, date)
}

func nonWorkingReason(cal *Calendar, t time.Time) string {
	if name, ok := cal.HolidayName(t); ok {
		return t.Weekday().String() + ", " + name
	}
	return t.Weekday().String()
}

// phaseTransferBy applies SEND Regs 2014 reg 18. Reg 18(1) says the plan must be reviewed and
// amended "before" 15 February (31 March for secondary school to post-16) in the calendar year
// of the transfer. The date returned is that 15 February / 31 March itself, as the spec words
// the rule, and Why says plainly that the day before is the last day on which the plan can be
// amended in time. Reg 18(2) (a move between post-16 institutions) says "at least five months
// before" the move, so transfer date - 5 months is itself the last day. Reg 18 is about a plan
// that exists: after a refusal to assess or to issue a plan the same date is shown as a
// practical target, labelled as such (legal-review.md E9).
func (c *computation) phaseTransferBy() {
	in := c.in
	d := Date{Key: KeyPhaseTransferBy, Label: "Plan amended before (phase transfer)", Basis: BasisPhaseTransfer}
	_, known := send.LookupTransferKind(in.TransferTo)
	switch {
	case in.TransferTo == "":
		d.Why = "no phase transfer recorded (child.transfer)"
	case known:
		if in.TransferDate.IsZero() {
			d.Why = "needs child.transfer.date"
			break
		}
		y := in.TransferDate.Year()
		switch in.TransferTo {
		case "post-16":
			d.Date = time.Date(y, time.March, 31, 0, 0, 0, 0, time.UTC)
			d.Why = fmt.Sprintf("reg 18(1)(a): secondary school to post-16 in %d; the plan must be amended before 31 March %d, so 30 March is the last day", y, y)
		case "post-16-move":
			d.Label = "Plan amended by (phase transfer)"
			d.Date = AddMonths(in.TransferDate, -5)
			d.Why = "reg 18(2): at least 5 months before the move; " + monthsWhy("transfer", in.TransferDate, -5, d.Date) + ", itself the last day"
		default:
			d.Date = time.Date(y, time.February, 15, 0, 0, 0, 0, time.UTC)
			d.Why = fmt.Sprintf("reg 18(1)(b): transfer to %s in %d; the plan must be amended before 15 February %d, so 14 February is the last day", in.TransferTo, y, y)
		}
		if !c.out.PlanExists {
			d.Label = "Practical target: a plan in place before (phase transfer)"
			if in.TransferTo == "post-16-move" {
				d.Label = "Practical target: a plan in place by (phase transfer)"
			}
			d.Basis = BasisPhaseTarget
			d.Why = "no EHC plan exists yet, so reg 18 does not apply; the date it would set is a practical target for the plan to be in place: " + d.Why
		}
	default:
		d.Why = fmt.Sprintf("unknown child.transfer.to %q (want %s)", in.TransferTo, words.Or(send.TransferKindKeys()))
		c.warn("%s", d.Why)
	}
	c.out.PhaseTransferBy = d
}

// EndOfCompulsorySchoolAge is the day a child born on born ceases to be of compulsory school
// age: the school leaving date (the last Friday in June) of the school year, 1 September to
// 31 August, in which the child turns 16 (Education Act 1996 s.8(3); the Education (School
// Leaving Date) Order 1997). From the next day the child is a young person (CFA 2014 s.83(2))
// and the rights of appeal and mediation are theirs. A zero born gives a zero result.
func EndOfCompulsorySchoolAge(born time.Time) time.Time {
	if born.IsZero() {
		return time.Time{}
	}
	sixteen := AddMonths(civil(born), 16*12)
	y := sixteen.Year()
	if sixteen.Month() >= time.September {
		y++ // the school year that started in September ends in June of the next year
	}
	d := time.Date(y, time.June, 30, 0, 0, 0, 0, time.UTC)
	for d.Weekday() != time.Friday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

func (c *computation) compulsorySchoolAge() {
	in := c.in
	d := Date{Key: KeyCompulsorySchoolAgeEnds, Label: "End of compulsory school age (rights pass to the young person the next day)", Basis: BasisCompulsorySchoolAge}
	if in.ChildBorn.IsZero() {
		d.Why = "needs child.date_of_birth"
	} else {
		d.Date = EndOfCompulsorySchoolAge(in.ChildBorn)
		sixteen := AddMonths(in.ChildBorn, 16*12)
		d.Why = "born " + ymd(in.ChildBorn) + ", 16 on " + ymd(sixteen) + ": the last Friday in June of that school year is " +
			ymd(d.Date) + "; a young person from " + ymd(AddDays(d.Date, 1)) + ", not from the 16th birthday"
	}
	c.out.CompulsorySchoolAgeEnds = d
}

// conflicts finds dates that cannot be right together. Each names the field that is wrong and
// the one it contradicts, so that the linter can put the finding on the field.
func (c *computation) conflicts() {
	in := c.in
	add := func(field, other string, format string, args ...any) {
		c.out.Conflicts = append(c.out.Conflicts, Conflict{Field: field, Other: other, Message: fmt.Sprintf(format, args...)})
	}
	before := func(a, b time.Time) bool { return !a.IsZero() && !b.IsZero() && a.Before(b) }
	events := []struct {
		field string
		t     time.Time
		what  string
	}{
		{"mediation.adviser_contacted", in.AdviserContacted, "the family contacted the mediation adviser"},
		{"mediation.la_informed", in.LAInformed, "the local authority was told the family wants to mediate"},
		{"mediation.date", in.MediationDate, "the mediation took place"},
		{"certificate.issued", in.CertificateIssued, "the certificate was issued"},
		{"position_statement.date", in.StatementDate, "the position statement is dated"},
	}
	for _, e := range events {
		if before(e.t, in.Decision) {
			add(e.field, "decision.date", "%s is %s, before decision.date %s: %s only after the decision notice was sent",
				e.field, ymd(e.t), ymd(in.Decision), e.what)
		}
	}
	if before(in.LAInformed, in.AdviserContacted) {
		add("mediation.la_informed", "mediation.adviser_contacted",
			"mediation.la_informed is %s, before mediation.adviser_contacted %s: the adviser tells the local authority after the family has contacted the adviser",
			ymd(in.LAInformed), ymd(in.AdviserContacted))
	}
	switch {
	case before(in.MediationDate, in.LAInformed):
		add("mediation.date", "mediation.la_informed",
			"mediation.date is %s, before mediation.la_informed %s: the local authority arranges mediation after it is told the family wants it",
			ymd(in.MediationDate), ymd(in.LAInformed))
	case before(in.MediationDate, in.AdviserContacted):
		add("mediation.date", "mediation.adviser_contacted",
			"mediation.date is %s, before mediation.adviser_contacted %s: mediation follows the family's contact with the adviser",
			ymd(in.MediationDate), ymd(in.AdviserContacted))
	}
	switch {
	case c.out.CertificateKind == CertificateAfterMediation && before(in.CertificateIssued, in.MediationDate):
		add("certificate.issued", "mediation.date",
			"certificate.issued is %s, before mediation.date %s: a certificate after mediation cannot be issued before the mediation",
			ymd(in.CertificateIssued), ymd(in.MediationDate))
	case before(in.CertificateIssued, in.AdviserContacted):
		add("certificate.issued", "mediation.adviser_contacted",
			"certificate.issued is %s, before mediation.adviser_contacted %s: the adviser issues the certificate after the family's contact",
			ymd(in.CertificateIssued), ymd(in.AdviserContacted))
	}
	if before(in.Decision, in.ChildBorn) {
		add("child.date_of_birth", "decision.date", "child.date_of_birth is %s, after decision.date %s: the decision is about a child already born",
			ymd(in.ChildBorn), ymd(in.Decision))
	}
}

// actions gives each agreed action its reg 42 default, from the date of the mediation.
func (c *computation) actions() {
	if len(c.in.Actions) == 0 {
		return
	}
	ctx := ActionContext{Appealable: c.out.AppealAvailable, PlanExists: c.out.PlanExists, LocalAuthority: c.in.LocalAuthority}
	c.out.Actions = make([]ActionDue, len(c.in.Actions))
	for i, a := range c.in.Actions {
		c.out.Actions[i] = ActionDefault(c.in.MediationDate, a, ctx)
	}
}
