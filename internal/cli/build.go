package cli

import "github.com/spf13/cobra"

// newBuildCmd is `sendgen build`: lint every case, print the findings, and
// render the documents each case supports. It is the main job, and what
// `make run` does.
func newBuildCmd(ios *IO) *cobra.Command {
	return documentsCmd(ios, renderOptions{ShowFindings: true}, "build",
		"Lint each case file, then render its documents (the main job)",
		`Lint each case file (or folder of them, recursively *.md), print the
findings, and render the documents each case supports into --out.

Without --draft, a position statement or outcome form whose provision has
error-level findings is not rendered (a family must not sign vague
provision); with --draft, every document is rendered with DRAFT on each page
and the findings listed at the end.

Exit status: 0 every document rendered (warnings do not fail a build), 1
documents held back by findings, 2 usage, case-file, template or write errors.`)
}

func init() { extraCommands = append(extraCommands, newBuildCmd) }
