// Package sendgen holds the files the design keeps at the top of the
// repository and the binary embeds: the default rule configuration.
package sendgen

import _ "embed"

// DefaultRules is rules.yaml, the default rule configuration.
//
//go:embed rules.yaml
var DefaultRules []byte
