// Package templates carries sendgen's document templates in the binary.
// Each document is a Markdown file with Go text/template actions over the
// render.View of a case; see README.md for what templates can use.
package templates

import "embed"

// FS holds the templates: position-statement.md, outcome-form.md,
// certificate.md, partials.md and legal-position/<decision-type>.md.
//
//go:embed *.md legal-position/*.md
var FS embed.FS
