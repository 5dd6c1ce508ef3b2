// Package timeline computes the statutory timetable of a SEND mediation and appeal in England:
// pure date arithmetic with no clock, no network and no knowledge of Markdown or PDFs.
//
// The contract is shared/spec/statutory-rules.md; the research behind it, with how far each
// point was confirmed, is shared/reference/send-domain.md (sections 1, 5 and 7).
//
// # Counting
//
// Every date is a calendar date held as a time.Time at 00:00 UTC; a zero time.Time means
// "not known". A month is a calendar month ending on the corresponding date, or on the last
// day of the month when there is none (Dodds v Walker [1981]: 31 December + 2 months =
// 28/29 February); AddMonths does this, never time.AddDate. Days are calendar days with the day
// of the event excluded. A working day is Monday to Friday except bank holidays in England and
// Wales (substitute days included), Christmas Day and Good Friday.
//
// # Bank holidays
//
// bankholidays.txt (embedded) lists the England-and-Wales days from gov.uk for 2018-2027,
// including substitute and one-off days, and a computed, provisional 2028. Configuration adds
// proclaimed days with Calendar.With. Outside the table the calendar falls back on the usual
// pattern (RuleHolidays) and Compute adds a warning: an unknown one-off holiday is never a
// silent guess.
//
// # The dates (Compute)
//
//   - adviser_contact_by: D + 2 months, not adjusted for non-working days (SEND Regs 2014
//     reg 33; HESC r.12 applies to Tribunal acts, not to this). When it is not a working day,
//     Date.LastWorkingDay is the last working day before it, when the step can be taken in
//     practice. Reg 33 binds only a family that must obtain a certificate.
//   - certificate_required: false only for an appeal about the contents of a plan that is
//     solely about Section I (the school or institution named, its type, or that none is
//     named). A refusal to assess, to re-assess or to issue a plan, a refusal to amend and a
//     decision to cease always need one, whatever sections are listed (CFA 2014 ss.51, 55).
//     In a dispute about a plan's contents with only health or social care sections (C, D, G,
//     H1, H2), no appeal lies at all: AppealAvailable is false and appeal_deadline is zero,
//     its Why saying so and what the family can do instead.
//   - certificate_due: the adviser told the family declines + 3 working days (reg 34); the
//     mediation date + 3 working days (reg 39); where the family chose mediation and a
//     certificate was issued with no mediation held, mediation_due + 3 working days (the
//     certificate when mediation is not arranged within 30 days). While mediation is awaited,
//     certificate_due_if_not_arranged is that date, with the appeal deadline it would give.
//   - mediation_due: the LA told + 30 calendar days; the duty is to arrange (sources differ on
//     whether the meeting must also take place by then) (regs 35-37).
//   - appeal_deadline: the later of D + 2 months and C + 1 month (C only when issued), then
//     HESC Rules 2008 r.12: 25 Dec-1 Jan inclusive → the first working day after 1 January;
//     August → the first working day after 31 August; otherwise a non-working day → the next
//     working day. The notice must be received by 5pm (r.20(1)(c), r.12).
//   - phase_transfer_by: SEND Regs 2014 reg 18. 15 February of the transfer year (31 March
//     for secondary school to post-16). The regulation says the plan must be amended "before"
//     that date, so the date shown is the first day that is too late and Why names the day
//     before as the last day. For a move between post-16 institutions ("at least five months
//     before" the move) the date is transfer date - 5 calendar months, itself the last day.
//     Where no plan exists yet (a refusal to assess or to issue one), the date is labelled a
//     practical target.
//   - compulsory_school_age_ends (EndOfCompulsorySchoolAge): the last Friday in June of the
//     school year in which the child turns 16; the rights pass to the young person the next day
//     (CFA 2014 s.83(2); Education Act 1996 s.8).
//
// Conflicts lists dates of the case file that contradict each other, each on the field that is
// wrong with the field it contradicts. CertificateKind says what an issued certificate
// certifies: declined (s.55(4)), after mediation (s.55(5)) or mediation not arranged, never
// guessed as declined.
//
// ActionDefault gives the statutory default of an action agreed at mediation (Compute fills
// Dates.Actions with it, one per Inputs.Actions). Reg 42(2) applies the reg 44 periods to
// appealable matters, from the date of the agreement: to assess, 2 weeks to notify that it
// will, then 10 weeks to notify that no plan is needed or 14 weeks to send the final plan; to
// make a plan, a draft within 5 weeks and the final plan within 11; to amend a plan, 5 weeks;
// to change the school named, 2 weeks; to continue to maintain a plan, immediately. Anything
// else the LA or the health body agreed: 2 weeks (reg 42(3)). A school is not bound by reg 42,
// so an action it owns has no default. ClassifyAction guesses the kind from wording and
// ClassifyOwner the owner from the Who cell; whether an action is provision is the caller's to
// say (the linter reads it).
//
// WriteICS writes the dates as an RFC 5545 calendar: the appeal deadline at 17:00
// Europe/London, the rest as all-day events (an agreed action's statutory steps among them),
// with UIDs stable across runs.
package timeline
