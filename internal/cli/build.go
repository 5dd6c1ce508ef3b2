package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newBuildCmd is `sendgen build`: lint every case, print the findings, and
// render the documents each case supports. It is the main job, and what
// `make run` does.
func newBuildCmd(ios *IO) *cobra.Command {
	o := renderOptions{ShowFindings: true}
	cmd := &cobra.Command{
		Use:   "build [flags] PATH...",
		Short: "Lint each case file, then render its documents (the main job)",
		Long: `Lint each case file (or folder of them, recursively *.md), print the
findings, and render the documents each case supports into --out.

Without --draft, a position statement or outcome form whose provision has
error-level findings is not rendered (a family must not sign vague
provision); with --draft, every document is rendered with DRAFT on each page
and the findings listed at the end.

Exit status: 0 every document rendered (warnings do not fail a build), 1
documents held back by findings, 2 usage, case-file, template or write errors.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("build needs at least one file or folder")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRender(ios, args, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Out, "out", "o", "out", "folder to write the PDFs to")
	f.BoolVar(&o.Draft, "draft", false, "render drafts: DRAFT on every page, lint findings appended, nothing held back")
	f.StringVar(&o.Templates, "templates", "", "folder of templates overriding the built-in ones (same file names)")
	addCommonFlags(cmd, &o.Config, &o.Today)
	return cmd
}

func init() { extraCommands = append(extraCommands, newBuildCmd) }
