package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/timeline"
)

func dateOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.DateOnly)
}

func writeTimelineJSON(w io.Writer, cases []caseTimeline, today time.Time) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, ct := range cases {
		d := ct.Dates
		obj := map[string]any{
			"path":                 ct.Path,
			"case":                 ct.Case.Front.Case.Value,
			"adviser_contact_by":   dateOrNil(d.AdviserContactBy.Date),
			"certificate_required": d.CertificateRequired,
			"certificate_due":      dateOrNil(d.CertificateDue.Date),
			"mediation_due":        dateOrNil(d.MediationDue.Date),
			"appeal_deadline":      dateOrNil(d.AppealDeadline.Date),
			"phase_transfer_by":    dateOrNil(d.PhaseTransferBy.Date),
			"today":                today.Format(time.DateOnly),
			"warnings":             append([]string{}, d.Warnings...),
			// Extensions (docs/case-file.md, Timeline).
			"appeal_available":                   d.AppealAvailable,
			"adviser_contact_last_working_day":   dateOrNil(d.AdviserContactBy.LastWorkingDay),
			"certificate_kind":                   d.CertificateKind.String(),
			timeline.KeyCertificateIfNotArranged: dateOrNil(d.CertificateIfNotArranged.Date),
			timeline.KeyCompulsorySchoolAgeEnds:  dateOrNil(d.CompulsorySchoolAgeEnds.Date),
		}
		basis := map[string]string{"certificate_required": d.CertificateRequiredBasis}
		why := map[string]string{"certificate_required": d.CertificateRequiredWhy}
		for _, x := range append(d.All(), d.CertificateIfNotArranged, d.CompulsorySchoolAgeEnds) {
			basis[x.Key] = x.Basis
			why[x.Key] = x.Why
		}
		obj["basis"], obj["why"] = basis, why
		if !d.AppealDeadline.Date.IsZero() {
			obj["appeal_deadline_time"] = "17:00"
			obj["days_to_appeal_deadline"] = int(d.AppealDeadline.Date.Sub(today).Hours() / 24)
		}
		conflicts := []map[string]string{}
		for _, c := range d.Conflicts {
			conflicts = append(conflicts, map[string]string{"field": c.Field, "contradicts": c.Other, "message": c.Message})
		}
		obj["conflicts"] = conflicts
		actions := []map[string]any{}
		for _, a := range ct.Actions {
			steps := []map[string]any{}
			for _, st := range a.Due.Steps {
				steps = append(steps, map[string]any{"what": st.What, "period": st.Period, "due": dateOrNil(st.Due), "basis": st.Basis})
			}
			actions = append(actions, map[string]any{"row": a.Row, "action": a.Action, "by": a.By,
				"default_due": dateOrNil(a.Default), "basis": a.Basis,
				"bound": a.Due.Bound, "owner": a.Due.Owner.String(), "kind": a.Due.Kind.String(), "steps": steps})
		}
		obj["actions"] = actions
		if err := enc.Encode(obj); err != nil {
			return err
		}
	}
	return nil
}

const dayFmt = "Mon 2 Jan 2006"

func writeTimelineText(w io.Writer, cases []caseTimeline, today time.Time) error {
	for i, ct := range cases {
		if i > 0 {
			fmt.Fprintln(w)
		}
		d := ct.Dates
		fmt.Fprintf(w, "%s  (%s)\n", ct.Case.Front.Case.Value, ct.Path)
		switch {
		case !d.AppealAvailable:
			fmt.Fprintf(w, "  No appeal lies: %s (%s).\n", d.CertificateRequiredWhy, d.CertificateRequiredBasis)
		case d.CertificateRequired:
			fmt.Fprintf(w, "  A mediation certificate is needed before an appeal (%s).\n", d.CertificateRequiredBasis)
		default:
			fmt.Fprintf(w, "  No mediation certificate is needed: %s (%s).\n", d.CertificateRequiredWhy, d.CertificateRequiredBasis)
		}
		width := 38
		for _, x := range d.All() {
			width = max(width, utf8.RuneCountInString(x.Label))
		}
		for _, x := range d.All() {
			when := "not known"
			switch {
			case !x.Date.IsZero():
				when = x.Date.Format(dayFmt)
				if x.Key == timeline.KeyAppealDeadline {
					when += ", 5pm"
				}
			case x.Key == timeline.KeyAppealDeadline && !d.AppealAvailable:
				when = "none: no appeal"
			}
			fmt.Fprintf(w, "  %-*s %-22s %s\n", width, x.Label, when, dateStatus(ct.Case, d, x, today))
			fmt.Fprintf(w, "      %s: %s\n", x.Basis, x.Why)
		}
		// Who appeals changes at the end of compulsory school age: shown when
		// it is past or near (within a year of the decision).
		if x := d.CompulsorySchoolAgeEnds; !x.Date.IsZero() && (ct.Case.Front.Decision.Date.Time.IsZero() ||
			x.Date.Before(timeline.AddMonths(ct.Case.Front.Decision.Date.Time, 12))) {
			fmt.Fprintf(w, "  %-*s %s\n      %s: %s\n", width, "End of compulsory school age", x.Date.Format(dayFmt), x.Basis, x.Why)
		}
		if len(ct.Actions) > 0 {
			fmt.Fprintln(w, "  Agreed actions (reg 42 default due dates):")
			for _, a := range ct.Actions {
				fmt.Fprintf(w, "    %d. %s\n", a.Row, truncate(a.Action, 90))
				switch {
				case !a.Due.Bound:
					fmt.Fprintf(w, "       by %s; %s\n", orDash(a.By), a.Basis)
				case len(a.Due.Steps) > 1:
					fmt.Fprintf(w, "       by %s; default %s (%s)\n", orDash(a.By), a.Default.Format(dayFmt), a.Basis)
					for k, st := range a.Due.Steps {
						fmt.Fprintf(w, "       step %d: %s %s: %s (%s)\n", k+1, st.What, st.Within(), st.Due.Format(dayFmt), st.Basis)
					}
				default:
					fmt.Fprintf(w, "       by %s; default %s (%s)\n", orDash(a.By), a.Default.Format(dayFmt), a.Basis)
				}
			}
		}
		for _, c := range d.Conflicts {
			fmt.Fprintf(w, "  date conflict: %s\n", c.Message)
		}
		for _, warn := range d.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", warn)
		}
	}
	return nil
}

// dateStatus says where a date stands: done (the step happened), late,
// passed, due soon, or nothing.
func dateStatus(c *casefile.Case, d timeline.Dates, x timeline.Date, today time.Time) string {
	m := c.Front.Mediation
	switch x.Key {
	case timeline.KeyAdviserContactBy:
		if m != nil && m.AdviserContacted.Set {
			if !x.Date.IsZero() && m.AdviserContacted.Time.After(x.Date) && d.CertificateRequired {
				return "LATE: contacted " + m.AdviserContacted.Time.Format("2 Jan 2006")
			}
			return "done: contacted " + m.AdviserContacted.Time.Format("2 Jan 2006")
		}
	case timeline.KeyMediationDue:
		if m != nil && m.Date.Set {
			return "done: held " + m.Date.Time.Format("2 Jan 2006")
		}
	case timeline.KeyCertificateDue:
		if cert := c.Front.Certificate; cert != nil && cert.Issued.Set {
			return "done: issued " + cert.Issued.Time.Format("2 Jan 2006")
		}
	}
	if x.Date.IsZero() || (x.Key == timeline.KeyAdviserContactBy && !d.CertificateRequired) {
		// reg 33 binds only a family that must obtain a certificate.
		return ""
	}
	days := int(x.Date.Sub(today).Hours() / 24)
	status := ""
	switch {
	case days < 0:
		status = "PASSED"
		if x.Key == timeline.KeyMediationDue {
			status = "PASSED, no mediation recorded: ask the adviser for the certificate"
		}
	case days == 0:
		status = "TODAY"
	case days <= 14:
		status = "in " + strconv.Itoa(days) + " days"
	}
	if days >= 0 && !x.LastWorkingDay.IsZero() {
		status = strings.TrimSpace(status + " (in practice by " + x.LastWorkingDay.Format(dayFmt) + ")")
	}
	return status
}

// writeTimelineICS writes the calendar with DTSTAMP stamp.
func writeTimelineICS(w io.Writer, cases []caseTimeline, stamp time.Time) error {
	var ics []timeline.ICSCase
	for _, ct := range cases {
		if !ct.Case.Front.Case.Set {
			continue
		}
		ic := timeline.ICSCase{Case: ct.Case.Front.Case.Value, Dates: ct.Dates}
		for _, a := range ct.Actions {
			ic.AgreedBy = append(ic.AgreedBy, a.Written)
		}
		if len(ct.Actions) == 0 {
			// No mediation date: the actions have no statutory dates yet.
			ic.Dates.Actions = nil
		}
		ics = append(ics, ic)
	}
	return timeline.WriteICS(w, ics, stamp)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(no date)"
	}
	return s
}
