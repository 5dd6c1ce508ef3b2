package timeline

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sendgen/sendgen/send"
)

// Inputs are the case-file facts the statutory timetable depends on. Every date is a calendar
// date (read in its own location); a zero time.Time means the fact is not known yet.
type Inputs struct {
	Case              string         // case reference (for messages and UIDs)
	DecisionType      string         // refuse-assessment | refuse-plan | plan-contents | refuse-amendment | cease-plan
	Decision          time.Time      // D: decision.date, the day the written notice was sent
	Sections          []string       // sections in dispute: A, B, C, D, E, F, G, H1, H2, I, J, K
	AppellantRole     string         // parent | young-person
	AdviserContacted  time.Time      // mediation.adviser_contacted
	Choice            string         // mediate | decline | ""
	LAInformed        time.Time      // mediation.la_informed
	MediationDate     time.Time      // mediation.date (the day it concluded)
	CertificateIssued time.Time      // C: certificate.issued
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
}

// Keys of the computed dates.
const (
	KeyAdviserContactBy = "adviser_contact_by"
	KeyCertificateDue   = "certificate_due"
	KeyMediationDue     = "mediation_due"
	KeyAppealDeadline   = "appeal_deadline"
	KeyPhaseTransferBy  = "phase_transfer_by"
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
)

// Dates is the statutory timetable of one case.
type Dates struct {
	AdviserContactBy, CertificateDue, MediationDue, AppealDeadline, PhaseTransferBy Date

	CertificateRequired      bool
	CertificateRequiredWhy   string
	CertificateRequiredBasis string

	// Actions are the statutory default due dates of the agreed actions, in the order of
	// Inputs.Actions (see ActionDefault).
	Actions []ActionDue

	// Warnings are problems the caller must show: a working-day count that runs outside the
	// bank-holiday table, inconsistent dates, unknown enumeration values.
	Warnings []string
}

// All returns the five dates in chronological order; dates that could not be computed come
// last. Ties, and the missing dates among themselves, keep the order of the mediation process
// (adviser contact, mediation, certificate, appeal, phase transfer), so the result is stable.
func (d Dates) All() []Date {
	all := []Date{d.AdviserContactBy, d.MediationDue, d.CertificateDue, d.AppealDeadline, d.PhaseTransferBy}
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
	c.certificateDue()
	c.mediationDue()
	c.appealDeadline()
	c.phaseTransferBy()
	c.actions()
	return c.out
}

type computation struct {
	in  Inputs
	cal *Calendar
	out Dates
}

func normalise(in Inputs) Inputs {
	for _, t := range []*time.Time{&in.Decision, &in.AdviserContacted, &in.LAInformed,
		&in.MediationDate, &in.CertificateIssued, &in.TransferDate} {
		*t = civil(*t)
	}
	in.DecisionType = strings.ToLower(strings.TrimSpace(in.DecisionType))
	in.AppellantRole = strings.ToLower(strings.TrimSpace(in.AppellantRole))
	in.Choice = strings.ToLower(strings.TrimSpace(in.Choice))
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
	if _, ok := send.LookupDecisionType(in.DecisionType); !ok && in.DecisionType != "" {
		c.warn("unknown decision type %q (want %s)", in.DecisionType, orList(send.DecisionTypeKeys()))
	}
	for _, s := range in.Sections {
		if _, ok := send.LookupSection(s); !ok {
			c.warn("unknown EHC plan section %q (want A-K, H1 or H2)", s)
		}
	}
	switch in.AppellantRole {
	case "", "parent", "young-person":
	default:
		c.warn("unknown appellant role %q (want parent or young-person)", in.AppellantRole)
	}
	if !in.CertificateIssued.IsZero() && !in.Decision.IsZero() && in.CertificateIssued.Before(in.Decision) {
		c.warn("certificate.issued %s is before decision.date %s: check the dates", ymd(in.CertificateIssued), ymd(in.Decision))
	}
	if !in.MediationDate.IsZero() && !in.LAInformed.IsZero() && in.MediationDate.Before(in.LAInformed) {
		c.warn("mediation.date %s is before mediation.la_informed %s: check the dates", ymd(in.MediationDate), ymd(in.LAInformed))
	}
}

// certificateRequired applies CFA 2014 s.55 and s.51 exactly as shared/spec/statutory-rules.md
// states them: a certificate is needed before any appeal except one about Section I alone, and
// health and social care sections cannot be appealed on their own at all. The sections in
// dispute decide, whatever the decision type, so the rule stays the one the spec documents.
func (c *computation) certificateRequired() {
	in := c.in
	c.out.CertificateRequiredBasis = BasisCertificateRequired
	req, why := true, ""
	switch {
	case len(in.Sections) == 1 && in.Sections[0] == "I":
		req, why = false, "the appeal is about Section I alone, which needs no mediation certificate (s.55 exception)"
	case len(in.Sections) > 0 && allHealthOrCare(in.Sections):
		req, why = false, "only health or social care sections ("+strings.Join(in.Sections, ", ")+
			") are in dispute; they cannot be appealed on their own, so no certificate is needed (mediation is still available)"
	case len(in.Sections) == 0:
		why = "an appeal needs a mediation certificate (no sections recorded, so no exception applies)"
	default:
		why = "sections " + strings.Join(in.Sections, ", ") +
			" in dispute: an appeal needs a mediation certificate (only Section I alone, or health and social care alone, are exempt)"
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
		// SEND Regs time limit, so no working-day adjustment (send-domain.md §1.4).
		d.Why = monthsWhy("decision notice sent", in.Decision, 2, d.Date) + "; not moved for weekends or holidays"
		if in.AppellantRole == "young-person" {
			d.Why += "; the young person contacts the adviser in their own right (same period)"
		}
		if !c.out.CertificateRequired {
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

func (c *computation) certificateDue() {
	in := c.in
	d := Date{Key: KeyCertificateDue, Label: "Mediation certificate due", Basis: BasisCertificateDue}
	choice := in.Choice
	if choice == "" && !in.MediationDate.IsZero() {
		// A mediation date says the mediation was held, whether or not the
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
		if in.MediationDate.IsZero() {
			d.Why = "needs mediation.date (the certificate is due 3 working days after the mediation concludes)"
			break
		}
		d.Date = c.cal.AddWorkingDays(in.MediationDate, 3)
		d.Why = "reg 39: 3 working days after the mediation concluded on " + ymd(in.MediationDate) +
			c.workingDaysWhy(d.Label, in.MediationDate, d.Date)
	case "":
		d.Why = "needs mediation.choice (mediate or decline)"
	default:
		d.Why = fmt.Sprintf("unknown mediation.choice %q (want mediate or decline)", in.Choice)
		c.warn("%s", d.Why)
	}
	if !c.out.CertificateRequired {
		d.Why += "; no certificate is needed for this appeal"
	}
	c.out.CertificateDue = d
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
		d.Why = "LA told on " + ymd(in.LAInformed) + " + 30 calendar days; the duty is to arrange mediation within 30 days, it may take place later"
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
	if in.Decision.IsZero() {
		d.Why = "needs decision.date"
		c.out.AppealDeadline = d
		return
	}
	fromD := AddMonths(in.Decision, 2)
	raw, rawWhy := fromD, monthsWhy("D", in.Decision, 2, fromD)
	if !in.CertificateIssued.IsZero() {
		fromC := AddMonths(in.CertificateIssued, 1)
		cWhy := monthsWhy("C", in.CertificateIssued, 1, fromC)
		if fromC.After(fromD) {
			raw, rawWhy = fromC, cWhy+" (later than "+rawWhy+")"
		} else {
			rawWhy += " (not earlier than " + cWhy + ")"
		}
	}
	var why string
	switch y, m, day := raw.Date(); {
	case (m == time.December && day >= 25) || (m == time.January && day == 1):
		jan1 := time.Date(y+1, time.January, 1, 0, 0, 0, 0, time.UTC)
		if m == time.January {
			jan1 = time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
		}
		d.Date = c.cal.NextWorkingDay(AddDays(jan1, 1))
		why = "raw " + ymd(raw) + " is in the Christmas window (25 Dec-1 Jan): r.12(3)(a), first working day after 1 January"
	case m == time.August:
		aug31 := time.Date(y, time.August, 31, 0, 0, 0, 0, time.UTC)
		d.Date = c.cal.NextWorkingDay(AddDays(aug31, 1))
		why = "raw " + ymd(raw) + " is in August: r.12(3)(a), first working day after 31 August"
	case !c.cal.IsWorkingDay(raw):
		d.Date = c.cal.NextWorkingDay(raw)
		why = "raw " + ymd(raw) + " is not a working day (" + nonWorkingReason(c.cal, raw) + "): r.12(2), next working day"
	default:
		d.Date = raw
		why = "raw " + ymd(raw) + " is a working day"
	}
	d.Why = why + "; " + rawWhy + "; the notice must be received by 5pm" + c.coverage(d.Label, raw, d.Date)
	if in.AppellantRole == "young-person" {
		d.Why += "; young person appealing in their own right (same periods)"
	}
	if in.CertificateIssued.IsZero() && c.out.CertificateRequired {
		d.Why += "; no certificate issued yet: recompute when it is (C + 1 month may be later)"
	}
	c.out.AppealDeadline = d
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
// before" the move, so transfer date - 5 months is itself the last day.
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
	default:
		d.Why = fmt.Sprintf("unknown child.transfer.to %q (want %s)", in.TransferTo, orList(send.TransferKindKeys()))
		c.warn("%s", d.Why)
	}
	c.out.PhaseTransferBy = d
}

// orList joins values as "a, b or c".
func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// actions gives each agreed action its reg 42 default, from the date of the mediation.
func (c *computation) actions() {
	if len(c.in.Actions) == 0 {
		return
	}
	c.out.Actions = make([]ActionDue, len(c.in.Actions))
	for i, a := range c.in.Actions {
		c.out.Actions[i] = ActionDefault(c.in.MediationDate, a, c.out.CertificateRequired)
	}
}
