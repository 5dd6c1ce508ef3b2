// Package newcase writes the case file `sendgen new` starts a case with: the
// front matter and every body heading, in order, with a note on what goes
// where and a placeholder ("[[child's full name]]") wherever a fact is
// needed. The linter reports each placeholder until it is replaced, and no
// final document is made while one is left, so a half-finished case file
// cannot become a document anybody signs.
//
// The notes are worded for the decision being challenged (a refusal to
// assess asks for an assessment) and for who is appealing (a parent, or a
// young person in their own right).
package newcase

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/sendgen/sendgen/send"
)

// Options say what kind of case file to write.
type Options struct {
	// Type is the decision challenged, a key of send.DecisionTypes.
	Type string
	// Role is who appeals: send.Parent or send.YoungPerson.
	Role string
	// Mediation adds what the outcome form needs: the meeting, who attended,
	// the issues, the agreed actions table and the unresolved issues.
	Mediation bool
	// Today is the date written where one is needed (the mediation is
	// written up on its day) and in the file's first note.
	Today time.Time
	// Case is the case reference; "" writes a placeholder for it.
	Case string
}

// ask is what a family asks for when it challenges each kind of decision,
// and what its requested provision is for.
type ask struct {
	// What is asked for, after "You are asking the local authority to".
	Ask string
	// Provision says what to list under # Requested provision.
	Provision string
	// Sections: the decision is about an existing plan's contents, so the
	// sections in dispute are asked for.
	Sections bool
}

// asks holds the wording for each decision type. A decision type added to
// send.DecisionTypes without wording here still gets a case file, worded
// from its label (fallbackAsk); TestEveryDecisionTypeWorded says which.
var asks = map[string]ask{
	"refuse-assessment": {
		Ask: "carry out an EHC needs assessment (Children and Families Act 2014 s.36; the test is low: whether there may be special educational needs that may call for an EHC plan)",
		Provision: "List the help needed now that the school or college cannot give from its own resources: it shows why an assessment, and " +
			"perhaps a plan, may be needed.",
	},
	"refuse-reassessment": {
		Ask: "carry out a re-assessment of the needs and provision in the EHC plan (Children and Families Act 2014 s.44), because they have changed",
		Provision: "List the provision needed now that the current plan does not give: it shows why the plan no longer fits and a " +
			"re-assessment is needed.",
		Sections: true,
	},
	"refuse-plan": {
		Ask:       "issue an EHC plan after the assessment (Children and Families Act 2014 s.37)",
		Provision: "List the provision the plan should specify, under the section it belongs in (F education, G health, H1 and H2 social care).",
	},
	"plan-contents": {
		Ask:       "amend the EHC plan so that it specifies the provision needed",
		Provision: "Write the exact wording you want in the plan, under the section it belongs in (F education, G health, H1 and H2 social care).",
		Sections:  true,
	},
	"refuse-amendment": {
		Ask:       "make the amendments to the EHC plan you asked for after the review or re-assessment",
		Provision: "Write the amendments you asked for, in the exact wording you want in the plan, under the section each belongs in.",
		Sections:  true,
	},
	"cease-plan": {
		Ask:       "continue to maintain the EHC plan (Children and Families Act 2014 s.45): the provision it secures is still needed",
		Provision: "List the provision in the current plan that is still needed, as the plan words it.",
	},
}

// fallbackAsk words a decision type asks has no entry for.
func fallbackAsk(d send.DecisionType) ask {
	return ask{
		Ask:       "change its decision (" + strings.ToLower(d.Label[:1]) + d.Label[1:] + ")",
		Provision: "List the provision needed, under the section it belongs in (F education, G health, H1 and H2 social care).",
		Sections:  true,
	}
}

//go:embed case.md.tmpl
var caseTemplate string

// tmpl is parsed on first use, not when sendgen starts: only `sendgen new`
// needs it.
var tmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("case").Funcs(template.FuncMap{"wrap": wrap}).Parse(caseTemplate))
})

// wrap breaks s into lines of at most 80 characters, for the notes.
func wrap(s string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		switch {
		case n == 0:
		case n+1+len([]rune(w)) > 80:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len([]rune(w))
	}
	return b.String()
}

// data is what the template sees.
type data struct {
	Options
	Decision send.DecisionType
	Ask      ask
	Young    bool
	// Child is how the notes name the child: "the child", or "you".
	Child, ChildPossessive string
	Today                  string
	Case                   string
}

// Write returns the case file. It fails for a decision type or a role the
// spec does not have.
func Write(o Options) ([]byte, error) {
	d, ok := send.LookupDecisionType(o.Type)
	if !ok {
		return nil, fmt.Errorf("unknown decision type %q (want %s)", o.Type, strings.Join(send.DecisionTypeKeys(), ", "))
	}
	if o.Role != send.Parent && o.Role != send.YoungPerson {
		return nil, fmt.Errorf("unknown role %q (want %s)", o.Role, strings.Join(send.AppellantRoles, " or "))
	}
	if o.Today.IsZero() {
		return nil, fmt.Errorf("no date for today")
	}
	a, ok := asks[d.Key]
	if !ok {
		a = fallbackAsk(d)
	}
	v := data{Options: o, Decision: d, Ask: a, Young: o.Role == send.YoungPerson,
		Child: "the child", ChildPossessive: "the child's", Today: o.Today.Format(time.DateOnly), Case: o.Case}
	if v.Young {
		v.Child, v.ChildPossessive = "you", "your"
	}
	if v.Case == "" {
		v.Case = `"[[your reference for this case, such as ZS-2026-001]]"`
	}
	var b bytes.Buffer
	if err := tmpl().Execute(&b, v); err != nil {
		return nil, fmt.Errorf("new case file: %w", err)
	}
	return b.Bytes(), nil
}
