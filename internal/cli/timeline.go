package cli

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/build"
	"github.com/sendgen/sendgen/internal/caseset"
	"github.com/sendgen/sendgen/internal/suggest"
	"github.com/sendgen/sendgen/timeline"
)

// TimelineOptions are the flags of `sendgen timeline`.
type TimelineOptions struct {
	IO      *IO
	Factory *Factory
	CommonOptions
	Format string
	Paths  []string
}

// NewCmdTimeline is `sendgen timeline`.
func NewCmdTimeline(f *Factory, runF func(*TimelineOptions) error) *cobra.Command {
	o := &TimelineOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "timeline [flags] FILE...",
		Short: "Compute the statutory dates of each case, with their legal basis",
		Long: `Compute every statutory date of the SEND mediation timetable for each case
file: when the family must contact the mediation adviser, when mediation and
the certificate are due, the appeal deadline, the phase-transfer date, and the
default due date of each agreed action (both reg 44 steps where there are two).

Formats: text (a readable timetable), json (one object per file, one per
line), ics (an RFC 5545 calendar with the case reference and no names).`,
		Example: `  # The dates of one case, each with its legal basis
  sendgen timeline case.md

  # A calendar to import: the appeal deadline at 5pm with a reminder a week before
  sendgen timeline --format ics case.md > case.ics`,
		Args: requirePaths("timeline", "at least one case file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if runF != nil {
				return runF(o)
			}
			return runTimeline(o)
		},
	}
	cmd.Flags().StringVarP(&o.Format, "format", "f", "text", "output format: text, json, ics")
	o.CommonOptions.addFlags(cmd)
	return cmd
}

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
	// Due is the statutory default with its steps (two or three where
	// reg 44 has them) and whether it binds the action's owner at all.
	Due timeline.ActionDue
	// Written is the By date as written, zero when By is not a date.
	Written time.Time
}

func runTimeline(o *TimelineOptions) error {
	o.Factory.oneShot()
	switch o.Format {
	case "text", "json", "ics":
	default:
		return usageError{fmt.Errorf("unknown format %q: use text, json or ics%s", o.Format, suggest.DidYouMean(o.Format, []string{"text", "json", "ics"}))}
	}
	today, err := o.Factory.today(o.Today)
	if err != nil {
		return err
	}
	stamp, err := o.Factory.epoch()
	if err != nil {
		return err
	}
	if stamp.IsZero() {
		stamp = today
	}
	ws, err := o.Factory.workspace(o.CommonOptions, build.Options{})
	if err != nil {
		return err
	}
	set := caseset.Collect(o.Paths, caseset.Options{})
	errs := set.Errs
	var paths []string
	for _, e := range set.Files {
		paths = append(paths, e.Path)
	}
	var cases []caseTimeline
	checkFiles(context.Background(), ws, paths, runtime.GOMAXPROCS(0), func(r *build.Result) {
		if r.Err != nil {
			errs = append(errs, r.Err)
			return
		}
		c := r.Case
		ct := caseTimeline{Path: r.Path, Case: c, Dates: r.Dates}
		if m := c.Front.Mediation; m != nil && m.Date.Set {
			for i, a := range c.Actions {
				d := r.Dates.Actions[i]
				written, _ := casefile.ParseActionDate(a.By.Text)
				ct.Actions = append(ct.Actions, actionDue{Row: i + 1, Action: a.Action.Text, By: a.By.Text, Default: d.Due, Basis: d.Basis,
					Due: d, Written: written})
			}
		}
		for _, p := range c.Problems {
			pos := c.Pos(p.Span.Start)
			fmt.Fprintf(o.IO.Err, "sendgen: %s:%d:%d: %s\n", c.Path, pos.Line, pos.Column, p.Message)
		}
		cases = append(cases, ct)
	})
	switch o.Format {
	case "json":
		err = writeTimelineJSON(o.IO.Out, cases, today)
	case "ics":
		err = writeTimelineICS(o.IO.Out, cases, stamp)
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
