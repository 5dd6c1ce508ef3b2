package cli

import (
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

// LintOptions are the flags of `sendgen lint`.
type LintOptions struct {
	IO     *IO
	Format string
	FailOn string
	Config string
	Today  string
	Color  string
	Paths  []string
}

func newLintCmd(ios *IO) *cobra.Command {
	o := &LintOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "lint [flags] PATH...",
		Short: "Check case files for vague provision, missing dates and front-matter errors",
		Long: `Lint case files (or folders of them, recursively *.md).

Exit status: 0 when there are no findings at the --fail-on level or above,
1 when there are, 2 for usage, configuration or file errors.`,
		Args: requirePaths("lint", "at least one file or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return runLint(o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Format, "format", "f", "text", "output format: text, json, sarif, github")
	f.StringVar(&o.FailOn, "fail-on", "error", "lowest severity that makes the exit status 1: error, warning, info")
	addCommonFlags(cmd, &o.Config, &o.Today)
	f.StringVar(&o.Color, "color", "auto", "colour in text output: auto, always, never")
	return cmd
}

// addCommonFlags adds --config and --today, shared by the commands that lint.
func addCommonFlags(cmd *cobra.Command, configPath, today *string) {
	cmd.Flags().StringVar(configPath, "config", "", "configuration file (default: the nearest .sendgen.yaml above each case file)")
	cmd.Flags().StringVar(today, "today", "", "the date to judge deadlines against, YYYY-MM-DD (default: today)")
}

func parseToday(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, msg := casefile.ParseISODate(s)
	if msg != "" {
		return time.Time{}, usageError{fmt.Errorf("--today: %s", msg)}
	}
	return t, nil
}

func useColor(mode string, ios *IO) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		return ios.OutIsTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb", nil
	}
	return false, usageError{fmt.Errorf("--color must be auto, always or never, not %q", mode)}
}

func runLint(o *LintOptions) error {
	failOn, err := lint.ParseSeverity(o.FailOn)
	if err != nil || failOn == lint.Off {
		return usageError{fmt.Errorf("--fail-on must be error, warning or info, not %q", o.FailOn)}
	}
	today, err := parseToday(o.Today)
	if err != nil {
		return err
	}
	color, err := useColor(o.Color, o.IO)
	if err != nil {
		return err
	}
	var w report.Writer
	if o.Format == "sarif" {
		w = report.SARIF{}
	} else if w, err = report.New(o.Format, color); err != nil {
		return usageError{err}
	}

	paths, errs := collectFiles(o.Paths)
	l := newLinter(o.Config, today)
	if o.Format == "sarif" {
		if e, err := l.engineFor(firstOr(paths, ".")); err == nil {
			w = sarifWriter(e)
		}
	}
	results := l.lintFiles(paths, runtime.GOMAXPROCS(0))
	var files []report.File
	worst := lint.Off
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, r.Err)
			continue
		}
		files = append(files, report.File{Path: r.Path, Source: r.Case.Source, Findings: r.Findings})
		for _, f := range r.Findings {
			if worst == lint.Off || f.Severity > worst {
				worst = f.Severity
			}
		}
	}
	if err := w.Write(o.IO.Out, files); err != nil {
		return fmt.Errorf("write findings: %w", err)
	}
	printErrors(o.IO, errs)
	switch {
	case len(errs) > 0:
		return exitError{ExitError}
	case worst != lint.Off && worst >= failOn:
		return exitError{ExitFindings}
	}
	return nil
}

func firstOr(s []string, d string) string {
	if len(s) > 0 {
		return s[0]
	}
	return d
}

func sarifWriter(e *lint.Engine) report.SARIF {
	var s report.SARIF
	for _, r := range e.Rules() {
		s.Rules = append(s.Rules, report.SARIFRule{ID: r.ID, Summary: r.Summary, Help: r.Rationale})
	}
	return s
}

// printErrors prints each distinct error once: a broken configuration is
// the same error for every file that uses it.
func printErrors(ios *IO, errs []error) {
	seen := map[string]bool{}
	for _, e := range errs {
		msg := e.Error()
		if seen[msg] {
			continue
		}
		seen[msg] = true
		fmt.Fprintf(ios.Err, "sendgen: %s\n", msg)
	}
}
