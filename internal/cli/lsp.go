package cli

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/internal/build"
	"github.com/sendgen/sendgen/internal/lsp"
)

// LSPOptions are the flags of `sendgen lsp`.
type LSPOptions struct {
	IO      *IO
	Factory *Factory
	CommonOptions
	// Debounce is the wait after a change before the buffer is linted.
	Debounce time.Duration
}

// NewCmdLSP is `sendgen lsp`, the language server. runF replaces runLSP in
// tests.
func NewCmdLSP(f *Factory, runF func(*LSPOptions) error) *cobra.Command {
	o := &LSPOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server (for editors: findings as you type, explanations, quick fixes)",
		Long: `Run sendgen's Language Server Protocol server on standard input and output.

Editors start it themselves: docs/editors.md has the set-up for Neovim,
VS Code, Helix, Emacs and Zed. The buffer is linted as it is typed, with the
configuration found from the document's folder as 'sendgen lint' finds it,
reloaded when a .sendgen.yaml changes.`,
		Example: `  # An editor runs it; in Neovim (0.10 and later):
  #   vim.lsp.start({ name = 'sendgen', cmd = { 'sendgen', 'lsp' } })
  sendgen lsp

  # With a configuration file for every document, and deadlines judged
  # as of a fixed date
  sendgen lsp --config ~/cases/.sendgen.yaml --today 2026-11-01`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runLSP(o)
		},
	}
	o.CommonOptions.addFlags(cmd)
	cmd.Flags().DurationVar(&o.Debounce, "debounce", lsp.DefaultDebounce, "wait after a change before linting")
	return cmd
}

// stdio is the client connection: the process's standard streams.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }

// runLSP serves one editor until it exits. It is long-running: the garbage
// collector keeps its defaults (no oneShot), and without --today every
// check reads the clock, so the appeal deadline moves on at midnight.
func runLSP(o *LSPOptions) error {
	opts := build.Options{}
	if o.Today == "" {
		opts.Now = o.Factory.Now
	}
	ws, err := o.Factory.workspace(o.CommonOptions, opts)
	if err != nil {
		return err
	}
	err = lsp.Serve(context.Background(), stdio{o.IO.In, o.IO.Out}, lsp.Options{
		Workspace: ws, ConfigPath: o.Config, Debounce: o.Debounce, Log: o.IO.Err})
	if errors.Is(err, lsp.ErrExitWithoutShutdown) {
		return exitError{ExitFindings} // the protocol's exit code 1
	}
	return err
}
