package casefile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sendgen/sendgen/send"
	"go.yaml.in/yaml/v3"
)

// Problem is something wrong with the case file found while parsing it: a
// YAML syntax error, a missing, unknown or mistyped field, an impossible
// date, a body the documents cannot use, a placeholder still to be filled
// in. Problems never stop the parse: the rest of the file is still modelled
// and linted. The linter files each under the rule its Kind names.
type Problem struct {
	Kind    ProblemKind
	Span    Span
	Message string
	// Suggestion is the fix, where one is known ("did you mean ...").
	Suggestion string
	// Fixes are the mechanical corrections, where one is certain: a
	// misspelt key renamed to the known one, an enumeration value to the
	// nearest allowed value, a date rewritten as YYYY-MM-DD.
	Fixes []Fix
}

// ProblemKind says what part of the case file a problem is about, so that
// the linter reports a body problem under a body rule and not as a
// front-matter error.
type ProblemKind int

const (
	// FrontMatterProblem is a problem with the YAML front matter (the zero
	// value: most problems are).
	FrontMatterProblem ProblemKind = iota
	// BodyProblem is a Markdown body the documents cannot use as written,
	// such as an agreed actions table with no Action column.
	BodyProblem
	// PlaceholderProblem is a placeholder `sendgen new` wrote
	// ("[[child's full name]]") that is still in the file, in the front
	// matter or the body: a document would print it.
	PlaceholderProblem
)

func (k ProblemKind) String() string {
	switch k {
	case BodyProblem:
		return "body" // as in the text of a problem: "[body] ..."
	case PlaceholderProblem:
		return "placeholder"
	}
	return "front matter"
}

// field describes one key of a YAML mapping.
type field struct {
	name     string
	required bool
	decode   func(key, val *yaml.Node)
}

// decoder walks the YAML node tree and fills Front, collecting problems
// with exact positions. YAML counts lines and columns (in characters) from
// the start of the front-matter text and, unlike Markdown, also breaks lines
// at a lone CR, NEL, LS and PS; yamlLines lets positions be converted with
// the same rules.
type decoder struct {
	src      *Source
	yamlText yamlLines
	problems []Problem
}

// decodeFront fills f from the YAML document node.
func (d *decoder) decodeFront(doc *yaml.Node, f *Front) {
	root := doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			d.problemf(f.Span, "", "the front matter is empty: it needs at least case, child, appellant, local_authority and decision")
			return
		}
		root = root.Content[0]
	}
	if isNull(root) {
		d.problemf(f.Span, "", "the front matter is empty: it needs at least case, child, appellant, local_authority and decision")
		return
	}
	d.mapping(root, "", Span{f.Span.Start, f.Span.Start + 3}, []field{
		{"case", true, func(k, v *yaml.Node) {
			d.str(&f.Case, "case", true)(k, v)
			if err := send.ValidCaseRef(f.Case.Value); f.Case.Set && err != nil {
				d.problemf(f.Case.Span, "use letters, digits, '-' and '_' only, for example WCC-2026-0412",
					"%v (it names the output files)", err)
				f.Case.Set = false
			}
		}},
		{"child", true, func(k, v *yaml.Node) {
			d.mapping(v, "child.", d.nodeSpan(k), []field{
				{"name", true, d.str(&f.Child.Name, "child.name", true)},
				{"date_of_birth", false, d.date(&f.Child.DateOfBirth, "child.date_of_birth", false)},
				{"transfer", false, func(k, v *yaml.Node) {
					if isNull(v) {
						return // "transfer:" with nothing under it: not given
					}
					t := &Transfer{Span: d.nodeSpan(k)}
					f.Child.Transfer = t
					d.mapping(v, "child.transfer.", t.Span, []field{
						{"to", true, d.enum(&t.To, "child.transfer.to", true, send.TransferKindKeys())},
						{"date", true, d.date(&t.Date, "child.transfer.date", true)},
					})
				}},
			})
		}},
		{"appellant", true, func(k, v *yaml.Node) {
			f.Appellant.Span = d.nodeSpan(k)
			d.mapping(v, "appellant.", f.Appellant.Span, []field{
				{"name", true, d.str(&f.Appellant.Name, "appellant.name", true)},
				{"role", true, d.enum(&f.Appellant.Role, "appellant.role", true, send.AppellantRoles)},
			})
		}},
		{"local_authority", true, d.str(&f.LocalAuthority, "local_authority", true)},
		{"decision", true, func(k, v *yaml.Node) {
			f.Decision.Span = d.nodeSpan(k)
			d.mapping(v, "decision.", f.Decision.Span, []field{
				{"type", true, d.enum(&f.Decision.Type, "decision.type", true, send.DecisionTypeKeys())},
				{"date", true, d.date(&f.Decision.Date, "decision.date", true)},
				{"sections", false, func(k, v *yaml.Node) { d.sections(k, v, &f.Decision) }},
			})
		}},
		{"mediation", false, func(k, v *yaml.Node) {
			if isNull(v) {
				return // "mediation:" with nothing under it: not yet
			}
			m := &Mediation{Span: d.nodeSpan(k)}
			f.Mediation = m
			d.mapping(v, "mediation.", m.Span, []field{
				{"adviser", false, d.str(&m.Adviser, "mediation.adviser", false)},
				{"adviser_name", false, d.str(&m.AdviserName, "mediation.adviser_name", false)},
				{"adviser_contacted", false, d.date(&m.AdviserContacted, "mediation.adviser_contacted", false)},
				{"choice", false, d.enum(&m.Choice, "mediation.choice", false, Choices)},
				{"la_informed", false, d.date(&m.LAInformed, "mediation.la_informed", false)},
				{"date", false, d.date(&m.Date, "mediation.date", false)},
				{"mediator", false, d.str(&m.Mediator, "mediation.mediator", false)},
				{"attendees", false, func(k, v *yaml.Node) { d.attendees(k, v, m) }},
			})
			if m.Choice.Value == "decline" && m.Date.Set {
				d.problemf(m.Date.Span, "remove mediation.date, or set choice: mediate",
					"mediation.date is set but mediation.choice is decline")
			}
		}},
		{"certificate", false, func(k, v *yaml.Node) {
			if isNull(v) {
				return
			}
			c := &Certificate{Span: d.nodeSpan(k)}
			f.Certificate = c
			d.mapping(v, "certificate.", c.Span, []field{
				{"issued", false, d.date(&c.Issued, "certificate.issued", false)},
				{"issues_resolved", false, d.enum(&c.IssuesResolved, "certificate.issues_resolved", false, Resolutions)},
			})
		}},
		{"author", false, func(k, v *yaml.Node) {
			if isNull(v) {
				return
			}
			a := &Person{Span: d.nodeSpan(k)}
			f.Author = a
			d.mapping(v, "author.", a.Span, []field{
				{"name", false, d.str(&a.Name, "author.name", false)},
				{"role", false, d.str(&a.Role, "author.role", false)},
			})
		}},
		{"position_statement", false, func(k, v *yaml.Node) {
			if isNull(v) {
				return
			}
			ps := &PositionStatement{Span: d.nodeSpan(k)}
			f.PositionStatement = ps
			d.mapping(v, "position_statement.", ps.Span, []field{
				{"date", false, d.date(&ps.Date, "position_statement.date", false)},
			})
		}},
	})
	d.checkCertificateKind(f)
}

// checkCertificateKind refuses to let a certificate be read as one thing or
// another when the case does not say what it certifies: it was rendered as
// "the family declined" before, which may be false (legal-review.md E3).
func (d *decoder) checkCertificateKind(f *Front) {
	c := f.Certificate
	if c == nil || !c.Issued.Set || c.IssuesResolved.Set {
		return
	}
	if m := f.Mediation; m != nil && (m.Choice.Set || m.Date.Set || m.LAInformed.Set) {
		return
	}
	d.problemf(c.Issued.Span, "add mediation.choice: decline, or mediation.choice: mediate (with mediation.date once it is held)",
		"certificate.issued is set but the case does not say what the certificate certifies: that the family declined mediation, took part in it, or that it could not be arranged")
}

func (d *decoder) sections(k, v *yaml.Node, dec *Decision) {
	if d.placeholder("decision.sections", v) {
		return
	}
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	} else if v.Kind != yaml.ScalarNode {
		d.problemf(d.pairSpan(k, v), "", "decision.sections should be a list such as [B, F], not %s", kindName(v))
		return
	} else if v.Tag == "!!null" {
		return
	}
	type entry struct {
		value string
		span  Span
	}
	var entries []entry
	for _, it := range items {
		if (it != v && d.special("decision.sections", "", nil, it)) || d.placeholder("decision.sections", it) {
			continue
		}
		if it.Kind != yaml.ScalarNode {
			d.problemf(d.nodeSpan(it), "", "decision.sections: each section is a letter such as F, not %s", kindName(it))
			continue
		}
		sp := d.nodeSpan(it)
		// "B, F" written as one string is the same list: split it, and
		// give each part its own span when the value is written plainly.
		parts := strings.FieldsFunc(it.Value, func(r rune) bool { return r == ',' || r == ';' })
		if len(parts) <= 1 {
			entries = append(entries, entry{it.Value, sp})
			continue
		}
		raw := string(d.src.Bytes[sp.Start:sp.End])
		at := 0
		for _, p := range parts {
			p = strings.TrimSpace(p)
			psp := sp
			if i := strings.Index(raw[at:], p); it.Style == 0 && i >= 0 {
				psp = Span{sp.Start + at + i, sp.Start + at + i + len(p)}
				at += i + len(p)
			}
			entries = append(entries, entry{p, psp})
		}
	}
	seen := map[string]bool{}
	for _, en := range entries {
		s := strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(en.value), "Section "), "section ")))
		sp := en.span
		if _, known := send.LookupSection(s); !known || s == "H" {
			hint := ""
			if s == "H" {
				hint = "H1 or H2"
			}
			d.problemf(sp, hint, "decision.sections: %q is not an EHC plan section (A, B, C, D, E, F, G, H1, H2, I, J, K)", en.value)
			continue
		}
		if seen[s] {
			continue
		}
		seen[s] = true
		dec.Sections = append(dec.Sections, String{Value: s, Span: sp, Set: true})
	}
}

func (d *decoder) attendees(k, v *yaml.Node, m *Mediation) {
	m.AttendeesSpan = d.nodeSpan(k)
	if v.Kind != yaml.SequenceNode {
		if v.Tag != "!!null" {
			d.problemf(d.pairSpan(k, v), "", "mediation.attendees should be a list of people (- name: ... role: ...), not %s", kindName(v))
		}
		return
	}
	for i, it := range v.Content {
		a := Attendee{Span: d.nodeSpan(it)}
		p := fmt.Sprintf("mediation.attendees[%d].", i+1)
		if d.special(strings.TrimSuffix(p, "."), "", nil, it) {
			continue
		}
		d.mapping(it, p, a.Span, []field{
			{"name", true, d.str(&a.Name, p+"name", true)},
			{"role", true, d.str(&a.Role, p+"role", true)},
			{"organisation", false, d.str(&a.Organisation, p+"organisation", false)},
			{"authority", false, d.boolean(&a.Authority, p+"authority")},
		})
		m.Attendees = append(m.Attendees, a)
	}
}

// sortProblems orders problems by position so output is deterministic.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Span.Start < ps[j].Span.Start })
}
