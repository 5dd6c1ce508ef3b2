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
//     reg 33; HESC r.12 applies to Tribunal acts, not to this).
//   - certificate_required: false for an appeal about Section I alone, or about health or
//     social care sections (C, D, G, H1, H2) only, which cannot be appealed on their own
//     (CFA 2014 s.55, s.51). Refusals to assess or to issue a plan and decisions to cease one
//     always need a certificate, whatever sections are listed.
//   - certificate_due: the adviser told the family declines + 3 working days (reg 34); the
//     mediation date + 3 working days (reg 39).
//   - mediation_due: the LA told + 30 calendar days; a duty to arrange, not to hold
//     (regs 35-37).
//   - appeal_deadline: the later of D + 2 months and C + 1 month (C only when issued), then
//     HESC Rules 2008 r.12: 25 Dec-1 Jan inclusive → the first working day after 1 January;
//     August → the first working day after 31 August; otherwise a non-working day → the next
//     working day. The notice must be received by 5pm (r.20(1)(c), r.12).
//   - phase_transfer_by: SEND Regs 2014 reg 18. 15 February of the transfer year (31 March
//     for secondary school to post-16). The regulation says the plan must be amended "before"
//     that date, so the date shown is the first day that is too late and Why names the day
//     before as the last day. For a move between post-16 institutions ("at least five months
//     before" the move) the date is transfer date - 5 calendar months, itself the last day.
//
// ActionDefault gives the reg 42 default for an action agreed at mediation (Compute fills
// Dates.Actions with it, one per Inputs.Actions): 2 weeks to assess or re-assess, 5 weeks to
// make or amend a plan, 2 weeks to change the school named (reg 42(2) with reg 44), otherwise
// 2 weeks (reg 42(3)). ClassifyAction guesses the kind from wording; whether an action is
// provision is the caller's to say (the linter reads it).
//
// WriteICS writes the dates as an RFC 5545 calendar: the appeal deadline at 17:00
// Europe/London, the rest as all-day events, with UIDs stable across runs.
package timeline
