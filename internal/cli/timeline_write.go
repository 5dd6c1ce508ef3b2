package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

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
		}
		basis := map[string]string{"certificate_required": d.CertificateRequiredBasis}
		why := map[string]string{"certificate_required": d.CertificateRequiredWhy}
		for _, x := range d.All() {
			basis[x.Key] = x.Basis
			why[x.Key] = x.Why
		}
		obj["basis"], obj["why"] = basis, why
		if !d.AppealDeadline.Date.IsZero() {
			obj["appeal_deadline_time"] = "17:00"
			obj["days_to_appeal_deadline"] = int(d.AppealDeadline.Date.Sub(today).Hours() / 24)
		}
		actions := []map[string]any{}
		for _, a := range ct.Actions {
			actions = append(actions, map[string]any{"row": a.Row, "action": a.Action, "by": a.By,
				"default_due": dateOrNil(a.Default), "basis": a.Basis})
		}
		obj["actions"] = actions
		if err := enc.Encode(obj); err != nil {
			return err
		}
	}
	return nil
}

func writeTimelineText(w io.Writer, cases []caseTimeline, today time.Time) error {
	for i, ct := range cases {
		if i > 0 {
			fmt.Fprintln(w)
		}
		d := ct.Dates
		fmt.Fprintf(w, "%s  (%s)\n", ct.Case.Front.Case.Value, ct.Path)
		if d.CertificateRequired {
			fmt.Fprintf(w, "  A mediation certificate is needed before an appeal (%s).\n", d.CertificateRequiredBasis)
		} else {
			fmt.Fprintf(w, "  No mediation certificate is needed: %s (%s).\n", d.CertificateRequiredWhy, d.CertificateRequiredBasis)
		}
		for _, x := range d.All() {
			when := "not known"
			if !x.Date.IsZero() {
				when = x.Date.Format("Mon 2 Jan 2006")
				if x.Key == timeline.KeyAppealDeadline {
					when += ", 5pm"
				}
			}
			fmt.Fprintf(w, "  %-38s %-22s %s\n", x.Label, when, dateStatus(ct.Case, x, today))
			fmt.Fprintf(w, "      %s: %s\n", x.Basis, x.Why)
		}
		if len(ct.Actions) > 0 {
			fmt.Fprintln(w, "  Agreed actions (reg 42 default due dates):")
			for _, a := range ct.Actions {
				fmt.Fprintf(w, "    %d. %s\n       by %s; default %s (%s)\n", a.Row, truncate(a.Action, 90), orDash(a.By), a.Default.Format("Mon 2 Jan 2006"), a.Basis)
			}
		}
		for _, warn := range d.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", warn)
		}
	}
	return nil
}

// dateStatus says where a date stands: done (the step happened), passed,
// due soon, or nothing.
func dateStatus(c *casefile.Case, x timeline.Date, today time.Time) string {
	m := c.Front.Mediation
	switch x.Key {
	case timeline.KeyAdviserContactBy:
		if m != nil && m.AdviserContacted.Set {
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
	if x.Date.IsZero() {
		return ""
	}
	switch days := int(x.Date.Sub(today).Hours() / 24); {
	case days < 0:
		return "PASSED"
	case days == 0:
		return "TODAY"
	case days <= 14:
		return "in " + strconv.Itoa(days) + " days"
	}
	return ""
}

// writeTimelineICS writes the calendar with DTSTAMP stamp.
func writeTimelineICS(w io.Writer, cases []caseTimeline, stamp time.Time) error {
	var ics []timeline.ICSCase
	for _, ct := range cases {
		if !ct.Case.Front.Case.Set {
			continue
		}
		ics = append(ics, timeline.ICSCase{Case: ct.Case.Front.Case.Value, Dates: ct.Dates})
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
