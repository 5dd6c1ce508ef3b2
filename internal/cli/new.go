package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/internal/fsutil"
	"github.com/sendgen/sendgen/internal/newcase"
	"github.com/sendgen/sendgen/internal/suggest"
	"github.com/sendgen/sendgen/send"
)

// NewOptions are the flags of `sendgen new`.
type NewOptions struct {
	IO        *IO
	Factory   *Factory
	Type      string // --type: the decision challenged
	Role      string // --role: parent | young-person
	Mediation bool   // --mediation: write up a mediation too
	Today     string // --today YYYY-MM-DD: "" means the clock
	Path      string
}

// NewCmdNew is `sendgen new FILE`.
func NewCmdNew(f *Factory, runF func(*NewOptions) error) *cobra.Command {
	o := &NewOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "new [--type DECISION] [--role parent|young-person] [--mediation] FILE",
		Short: "Start a case file: every heading in order, placeholders where the facts go",
		// What a newcomer types first.
		SuggestFor: []string{"init", "create", "start", "template", "skeleton"},
		Long: `Write a new case file to FILE (it must not exist; sendgen never overwrites
one), with the front matter and every body heading in the right order, a note
on what goes in each, and a placeholder such as [[child's full name]] wherever a
fact is needed. The notes are worded for the decision you are challenging and
for who is appealing.

One case file holds one decision: the local authority decision, from its letter
to the mediation certificate. A second decision is a case file of its own.

'sendgen lint' reports every placeholder left, and no final document is made
while one is. With --mediation the file also has what the mediation outcome
form needs (the meeting, who attended, the issues, the agreed actions table, the
unresolved issues), dated today.

Decision types (--type):
` + decisionTypeList(),
		Example: `  # A parent challenging a refusal to carry out an EHC needs assessment
  sendgen new --type refuse-assessment ZS-2026-001.md

  # A young person challenging the contents of their plan, written up at the mediation
  sendgen new --type plan-contents --role young-person --mediation case.md`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("new needs one file name, such as case.md")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Path = args[0]
			if runF != nil {
				return runF(o)
			}
			return runNew(o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Type, "type", "plan-contents", "the decision challenged: "+strings.Join(send.DecisionTypeKeys(), ", "))
	fl.StringVar(&o.Role, "role", send.Parent, "who is appealing: parent, or young-person (16 to 25, in their own right)")
	fl.BoolVar(&o.Mediation, "mediation", false, "add the mediation: the meeting (dated today), attendees, issues, agreed actions, unresolved issues")
	fl.StringVar(&o.Today, "today", "", "the date to write where one is needed, YYYY-MM-DD (default: today)")
	return cmd
}

func decisionTypeList() string {
	var b strings.Builder
	for _, d := range send.DecisionTypes {
		fmt.Fprintf(&b, "  %-20s %s\n", d.Key, d.Label)
	}
	return strings.TrimRight(b.String(), "\n")
}

func runNew(o *NewOptions) error {
	if _, ok := send.LookupDecisionType(o.Type); !ok {
		return usageError{fmt.Errorf("--type %q is not a decision type%s; the types are %s",
			o.Type, suggest.DidYouMean(o.Type, send.DecisionTypeKeys()), strings.Join(send.DecisionTypeKeys(), ", "))}
	}
	if o.Role != send.Parent && o.Role != send.YoungPerson {
		return usageError{fmt.Errorf("--role %q is not parent or young-person%s", o.Role, suggest.DidYouMean(o.Role, send.AppellantRoles))}
	}
	if !strings.EqualFold(filepath.Ext(o.Path), ".md") {
		return usageError{fmt.Errorf("%s: a case file's name ends in .md (so that 'sendgen lint FOLDER' finds it): try %s.md", o.Path, strings.TrimSuffix(o.Path, filepath.Ext(o.Path)))}
	}
	today, err := o.Factory.today(o.Today)
	if err != nil {
		return err
	}
	ref := strings.TrimSuffix(filepath.Base(o.Path), filepath.Ext(o.Path))
	if send.ValidCaseRef(ref) != nil {
		ref = "" // a placeholder instead
	}
	b, err := newcase.Write(newcase.Options{Type: o.Type, Role: o.Role, Mediation: o.Mediation, Today: today, Case: ref})
	if err != nil {
		return err
	}
	if err := fsutil.WriteNew(o.Path, b); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: sendgen new never overwrites a file; give a new file name", o.Path)
		}
		return err
	}
	fmt.Fprintf(o.IO.Out, "wrote %s\n", o.Path)
	fmt.Fprintf(o.IO.Err, "Next: replace each [[...]] placeholder in %s with the facts, then\n  sendgen lint %s     lists what is left to do\n  sendgen build %s    makes the documents\n",
		o.Path, shellQuote(o.Path), shellQuote(o.Path))
	return nil
}

// shellQuote quotes a path for the hint, when it needs it.
func shellQuote(p string) string {
	if strings.ContainsAny(p, " '\"$`\\*?[]{}()&;|<>!#~") {
		return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
	}
	return p
}
