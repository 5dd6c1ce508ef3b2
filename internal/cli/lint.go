package cli

import (
	"context"
	"fmt"
	"os"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/internal/build"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

// LintOptions are the flags of `sendgen lint`.
type LintOptions struct {
	IO      *IO
	Factory *Factory
	CommonOptions
	Format string
	FailOn string
	Color  string
	Paths  []string
}

// NewCmdLint is `sendgen lint`. runF replaces runLint in tests.
func NewCmdLint(f *Factory, runF func(*LintOptions) error) *cobra.Command {
	o := &LintOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "lint [flags] PATH...",
		Short: "Check case files for vague provision, missing dates and front-matter errors",
		Long: `Lint case files (or folders of them, recursively *.md).

Exit status: 0 when there are no findings at the --fail-on level or above,
1 when there are, 2 for usage, configuration or file errors.`,
		Args: requirePaths("lint", "at least one file or folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if runF != nil {
				return runF(o)
			}
			return runLint(o)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.Format, "format", "f", "text", "output format: text, json, sarif, github")
	fl.StringVar(&o.FailOn, "fail-on", "error", "lowest severity that makes the exit status 1: error, warning, info")
	o.CommonOptions.addFlags(cmd)
	fl.StringVar(&o.Color, "color", "auto", "colour in text output: auto, always, never")
	return cmd
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
	o.Factory.oneShot()
	failOn, err := lint.ParseSeverity(o.FailOn)
	if err != nil || failOn == lint.Off {
		return usageError{fmt.Errorf("--fail-on must be error, warning or info, not %q", o.FailOn)}
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
	ws, err := o.Factory.workspace(o.CommonOptions, build.Options{})
	if err != nil {
		return err
	}

	paths, errs := collectFiles(o.Paths)
	if o.Format == "sarif" {
		if e, _, err := ws.Engine(firstOr(paths, ".")); err == nil {
			w = sarifWriter(e)
		}
	}
	var files []report.File
	worst := lint.Off
	checkFiles(context.Background(), ws, paths, runtime.GOMAXPROCS(0), func(r *build.Result) {
		if r.Err != nil {
			errs = append(errs, r.Err)
			return
		}
		files = append(files, report.File{Path: r.Path, Source: r.Case.Source, Findings: r.Findings})
		for _, f := range r.Findings {
			if worst == lint.Off || f.Severity > worst {
				worst = f.Severity
			}
		}
	})
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
