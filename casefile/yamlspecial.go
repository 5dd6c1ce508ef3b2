package casefile

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// special reports a value (the field prefix+field) that YAML reads as something other than the text
// written: a tag ("!Zoe Smith" is the tag !Zoe on "Smith"; "!!binary"
// decodes base64), an anchor ("&Zoe Smith" names the value "Smith" Zoe) or
// an alias ("*x" stands for another value). A case file has no use for any
// of them, and each would change a name or a date without a word, so each
// is an error on the field, with the quoted value to write instead. It
// returns true when n was reported and its value cannot be trusted (a
// scalar or an alias); a tagged or anchored mapping or list keeps its
// content, so its fields are still read.
func (d *decoder) special(prefix, field string, key, n *yaml.Node) bool {
	if n.Kind != yaml.AliasNode && n.Anchor == "" && n.Style&yaml.TaggedStyle == 0 {
		return false // the common case, checked before anything is built
	}
	path := prefix + field
	name := lastName(path)
	quoteAll := name + ": " + yamlQuote(d.rawValue(n))
	var what, fix string
	switch {
	case n.Kind == yaml.AliasNode:
		what, fix = fmt.Sprintf("YAML reads '*%s' as a reference to another value (an alias), not as text: quote the %s", n.Value, name), quoteAll
	case n.Anchor != "" && n.Kind == yaml.ScalarNode:
		what, fix = fmt.Sprintf("YAML reads '&%s' as a label (an anchor), not as text, and would keep only %q: quote the %s", n.Anchor, n.Value, name), quoteAll
	case n.Anchor != "":
		what, fix = fmt.Sprintf("YAML reads '&%s' as a label (an anchor); a case file does not use them", n.Anchor), "delete '&"+n.Anchor+"'"
	case n.Style&yaml.TaggedStyle != 0:
		tag := d.writtenTag(n)
		switch {
		case n.Kind != yaml.ScalarNode:
			what, fix = fmt.Sprintf("YAML reads '%s' as a type tag; a case file does not use them", tag), "delete '"+tag+"'"
		case strings.HasPrefix(tag, "!!"):
			// A standard tag (!!str, !!binary, !!int) changes how the text
			// is read: the writer wants the text itself.
			what = fmt.Sprintf("YAML reads '%s' as a type tag, not as text", tag)
			if tag == "!!binary" {
				what += ", and would decode the value from base64"
			}
			what += fmt.Sprintf(": write the %s without it", name)
			fix = name + ": " + yamlQuote(n.Value)
		default:
			what, fix = fmt.Sprintf("YAML reads '%s' as a type tag, not as text, and would keep only %q: quote the %s", tag, n.Value, name), quoteAll
		}
	default:
		return false
	}
	sp := d.nodeSpan(n)
	if key != nil && n.Kind != yaml.ScalarNode && n.Kind != yaml.AliasNode {
		sp = d.nodeSpan(key)
	}
	d.problemf(sp, fix, "%s: %s", path, what)
	return n.Kind == yaml.ScalarNode || n.Kind == yaml.AliasNode
}

// writtenTag is the tag as written ("!!binary", "!Zoe"); the parser gives
// the resolved form ("tag:yaml.org,2002:binary") for some.
func (d *decoder) writtenTag(n *yaml.Node) string {
	raw := d.rawValue(n)
	if strings.HasPrefix(raw, "!") {
		if i := strings.IndexAny(raw, " \t"); i > 0 {
			return raw[:i]
		}
		return raw
	}
	return n.Tag
}

// rawValue is a node's text as written on its line, without a trailing
// comment: what the writer meant the value to be.
func (d *decoder) rawValue(n *yaml.Node) string {
	y := &d.yamlText
	start := y.offset(n.Line, n.Column)
	text := d.src.Bytes[start:y.lineEnd(start)]
	if i := bytes.Index(text, []byte(" #")); i >= 0 {
		text = text[:i]
	}
	return string(bytes.TrimSpace(text))
}

func lastName(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}
