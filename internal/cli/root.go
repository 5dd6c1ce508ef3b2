// Package cli wires sendgen's sub-commands: flags, configuration loading,
// output and exit codes. It knows how to call the packages that do the work,
// not how they do it.
//
// Each command follows gh's shape: an exported Options struct holding its
// flags and streams, a NewCmdX(f, runF) constructor that fills it in, and a
// runX(opts) function that does the work. Tests pass their own runF to check
// flag parsing without running anything, and call runX directly to check
// behaviour without cobra.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes, the contract with CI pipelines (the same as Vale's and
// golangci-lint's): 0 clean, 1 findings at or above the fail level, 2 a
// usage, configuration or I/O error.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitError    = 2
)

// IO is where a command reads and writes. Tests pass buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// OutIsTTY controls colour in text output; ErrIsTTY the progress bar.
	OutIsTTY, ErrIsTTY bool
}

// exitError carries an exit code through cobra without printing a usage
// message; the command has already said what went wrong.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// usageError is a mistake in the command line: printed with a hint, exit 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

// Main runs sendgen with args and returns the process exit code.
func Main(args []string, in io.Reader, out, errw io.Writer) int {
	f := NewFactory(&IO{In: in, Out: out, Err: errw, OutIsTTY: isTerminal(out), ErrIsTTY: isTerminal(errw)})
	root := NewRootCmd(f)
	root.SetArgs(args)
	root.SetOut(out)
	root.SetErr(errw)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintf(errw, "sendgen: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "unknown flag") {
		fmt.Fprintln(errw, "Run 'sendgen --help' for usage.")
	}
	return ExitError
}

// NewRootCmd builds the command tree: every command is listed here, once.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "sendgen",
		Short: "Lint SEND mediation case files, compute statutory dates and render the documents",
		Long: `sendgen turns SEND mediation case files (Markdown with YAML front matter) into
documents that hold up: it lints provision wording, checks the statutory
timetable, and renders the position statement, the mediation outcome form
and the mediation certificate as PDFs.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       f.version().String(),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		NewCmdNew(f, nil),
		NewCmdLint(f, nil),
		NewCmdRules(f, nil),
		NewCmdExplain(f, nil),
		NewCmdTimeline(f, nil),
		NewCmdRender(f, nil),
		NewCmdBuild(f, nil),
		NewCmdSign(f, nil),
		NewCmdVerify(f, nil),
		NewCmdVersion(f, nil),
		NewCmdWatch(f, nil),
		NewCmdHelpCaseFile(),
		NewCmdLSP(f, nil),
	)
	return root
}

// isTerminal asks the terminal driver, not the file mode: /dev/null is a
// character device too, and `sendgen lint > /dev/null` is not a terminal.
func isTerminal(w io.Writer) bool {
	fl, ok := w.(*os.File)
	return ok && term.IsTerminal(int(fl.Fd()))
}

// requirePaths is the argument check of the commands that take files: at
// least one, or a usage error (exit 2) saying what is needed.
func requirePaths(command, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usageError{fmt.Errorf("%s needs %s", command, what)}
		}
		return nil
	}
}
