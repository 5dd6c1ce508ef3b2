package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/timeline"
)

// TimelineOptions are the flags of `sendgen timeline`.
type TimelineOptions struct {
	IO     *IO
	Format string
	Config string
	Today  string
	Paths  []string
}

func newTimelineCmd(ios *IO) *cobra.Command {
	o := &TimelineOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "timeline [flags] FILE...",
		Short: "Compute the statutory dates of each case, with their legal basis",
		Long: `Compute every statutory date of the SEND mediation timetable for each case
file: when the family must contact the mediation adviser, when mediation and
the certificate are due, the appeal deadline, the phase-transfer date, and the
default due date of each agreed action.

Formats: text (a readable timetable), json (one object per file, one per
line), ics (an RFC 5545 calendar with the case reference and no names).`,
		Args: requirePaths("timeline", "at least one case file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return runTimeline(o)
		},
	}
	cmd.Flags().StringVarP(&o.Format, "format", "f", "text", "output format: text, json, ics")
	addCommonFlags(cmd, &o.Config, &o.Today)
	return cmd
}

func init() { extraCommands = append(extraCommands, newTimelineCmd) }

// caseTimeline is one case's timetable.
type caseTimeline struct {
	Path    string
	Case    *casefile.Case
	Dates   timeline.Dates
	Actions []actionDue
}

type actionDue struct {
	Row     int // 1-based row of the table
	Action  string
	By      string
	Default time.Time
	Basis   string
}

func runTimeline(o *TimelineOptions) error {
	switch o.Format {
	case "text", "json", "ics":
	default:
		return usageError{fmt.Errorf("unknown format %q: use text, json or ics", o.Format)}
	}
	today, err := parseToday(o.Today)
	if err != nil {
		return err
	}
	if today.IsZero() {
		y, m, d := time.Now().Date()
		today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	paths, errs := collectFiles(o.Paths)
	l := newLinter(o.Config, today)
	var cases []caseTimeline
	for _, p := range paths {
		c, err := parseFile(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		e, err := l.engineFor(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ct := caseTimeline{Path: p, Case: c, Dates: e.Dates(c)}
		if m := c.Front.Mediation; m != nil && m.Date.Set {
			defaults, err := e.ActionDefaults(c)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			for i, a := range c.Actions {
				ct.Actions = append(ct.Actions, actionDue{Row: i + 1, Action: a.Action.Text, By: a.By.Text, Default: defaults[i].Due, Basis: defaults[i].Basis})
			}
		}
		for _, p := range c.Problems {
			pos := c.Pos(p.Span.Start)
			fmt.Fprintf(o.IO.Err, "sendgen: %s:%d:%d: %s\n", c.Path, pos.Line, pos.Column, p.Message)
		}
		cases = append(cases, ct)
	}
	switch o.Format {
	case "json":
		err = writeTimelineJSON(o.IO.Out, cases, today)
	case "ics":
		err = writeTimelineICS(o.IO.Out, cases, today)
	default:
		err = writeTimelineText(o.IO.Out, cases, today)
	}
	if err != nil {
		return err
	}
	for _, e := range errs {
		fmt.Fprintf(o.IO.Err, "sendgen: %v\n", e)
	}
	if len(errs) > 0 {
		return exitError{ExitError}
	}
	return nil
}

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

func writeTimelineICS(w io.Writer, cases []caseTimeline, today time.Time) error {
	stamp := today
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			stamp = time.Unix(n, 0).UTC()
		}
	}
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
