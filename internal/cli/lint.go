package cli

import (
	"context"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/internal/build"
	"github.com/sendgen/sendgen/internal/caseset"
	"github.com/sendgen/sendgen/internal/suggest"
)

// LintOptions are the flags of `sendgen lint`.
type LintOptions struct {
	IO      *IO
	Factory *Factory
	CommonOptions
	CIOptions
	Paths []string
	// Fix applies the findings' mechanical fixes to the files (--fix).
	Fix bool
}

// NewCmdLint is `sendgen lint`. runF replaces runLint in tests.
func NewCmdLint(f *Factory, runF func(*LintOptions) error) *cobra.Command {
	o := &LintOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "lint [flags] PATH...",
		Short: "Check case files for vague provision, missing dates and front-matter errors",
		Long: `Lint case files, or folders of them: a folder is walked for the *.md files whose
front matter names a case (case:); other .md files (a README) are skipped and
counted. A file named on the command line is always linted; - reads one case
file from standard input.

One report goes to stdout (--format) and any number to files (--output
FORMAT=PATH), all from one run. Exit status: 0 when there are no findings at
the --fail-on level or above, 1 when there are, 2 for usage, configuration or
file errors.`,
		Example: `  # Lint one case file, and every case file under a folder
  sendgen lint case.md
  sendgen lint cases/

  # Fail a CI job on warnings too, with GitHub annotations
  sendgen lint --fail-on warning --format github cases/

  # Judge the deadlines as of a given date (reproducible runs)
  sendgen lint --today 2026-11-01 case.md

  # Apply the mechanical fixes ("should" to "will", misspelt keys, dates
  # as YYYY-MM-DD), then list what is left to do by hand
  sendgen lint --fix case.md`,
		Args: requirePaths("lint", "at least one file or folder (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if runF != nil {
				return runF(o)
			}
			return runLint(o)
		},
	}
	o.CIOptions.addFlags(cmd, "error")
	o.CommonOptions.addFlags(cmd)
	cmd.Flags().BoolVar(&o.Fix, "fix", false, "apply the mechanical fixes (modal to \"will\", misspelt keys and values, dates as YYYY-MM-DD) to the files, then report what is left")
	return cmd
}

// useColor decides colour in the text format: --color, else a terminal
// without NO_COLOR or TERM=dumb.
func useColor(mode string, f *Factory) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		return f.IO.OutIsTTY && f.Getenv("NO_COLOR") == "" && f.Getenv("TERM") != "dumb", nil
	}
	return false, usageError{fmt.Errorf("--color must be auto, always or never, not %q%s", mode, suggest.DidYouMean(mode, []string{"auto", "always", "never"}))}
}

func runLint(o *LintOptions) error {
	o.Factory.oneShot()
	if o.Fix && slices.Contains(o.Paths, caseset.Stdin) {
		return usageError{fmt.Errorf("--fix rewrites files: it cannot fix standard input (-)")}
	}
	b, err := newBatch(o.Factory, o.CommonOptions, &o.CIOptions, build.Options{}, o.Paths, "sendgen lint")
	if err != nil {
		return err
	}
	if err := b.begin(); err != nil {
		b.discard()
		return err
	}
	var werr error
	ctx := context.Background()
	next := 0
	parallelOrdered(len(b.entries), b.jobs, func(i int) *build.Result {
		return b.check(ctx, b.entries[i])
	}, func(r *build.Result) {
		defer b.bar.step()
		e := b.entries[next]
		next++
		if o.Fix && e.Path != caseset.Stdin {
			fixed, err := fixFile(ctx, b.ws, b.errOut, r)
			if err != nil {
				b.fail(err)
			} else {
				r = fixed
			}
		}
		if r.Err != nil {
			b.fail(r.Err)
			return
		}
		if err := b.report(e, r, r.Findings); err != nil && werr == nil {
			werr = err
		}
	})
	if werr != nil {
		b.discard()
		return werr
	}
	if err := b.finish(); err != nil {
		return err
	}
	if b.failed() {
		return exitError{ExitFindings}
	}
	return nil
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
