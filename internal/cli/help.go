package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/send"
)

// NewCmdHelpCaseFile is `sendgen help case-file`: a help topic (a command
// with no Run, which cobra lists under "Additional help topics") that
// summarises the case-file format. docs/case-file.md is the full contract.
func NewCmdHelpCaseFile() *cobra.Command {
	return &cobra.Command{
		Use:   "case-file",
		Short: "The case file: front matter, body headings, placeholders, rules",
		Long:  caseFileHelp(),
	}
}

func caseFileHelp() string {
	var types, sections []string
	for _, d := range send.DecisionTypes {
		types = append(types, d.Key)
	}
	sections = send.SectionCodes()
	return fmt.Sprintf(`A case file is one Markdown file with YAML front matter, written in any text
editor. 'sendgen new FILE' starts one with every part in place.

One case file holds one decision: the local authority decision it challenges,
from the decision letter to the mediation certificate. A second decision (a
later refusal, a new plan) is a case file of its own.

FRONT MATTER (between two lines '---'; dates YYYY-MM-DD)

  case:               required: letters, digits, '-' and '_'; names the PDFs
  child:              name (required), date_of_birth, transfer (to, date)
  appellant:          name, role: %s
  local_authority:    required, as named on the decision letter
  decision:           type, date (of the letter), sections (plan sections in dispute)
                      type: %s
                      sections: %s
  mediation:          adviser, adviser_name, adviser_contacted, choice (mediate |
                      decline), la_informed, date, mediator, attendees (name, role,
                      organisation, authority: true for who could agree the outcome)
  certificate:        issued, issues_resolved (all | partly | none)
  author:             name, role (who wrote the position statement)

Quote a value that contains ': ' or starts with one of ! & * @ `+"`"+` [ { " '
(name: "Dr: Smith"); YAML would read it as something else, and sendgen says so.

BODY (level-1 headings, in this order; matched in any case)

%s
  Requested provision holds one provision per list item (or table row) under
  '## Section F', '## Section G', '## Section H1', '## Section H2': what, how
  often, for how long and who delivers it. Agreed actions is a table with the
  columns Action, Who, By (a date).

DOCUMENTS

  position statement      when the body has '# Requested provision'
  mediation outcome form  when mediation.date is set and the body has
                          '# Agreed actions' or '# Unresolved issues'
  mediation certificate   when certificate.issued is set

  A final position statement or outcome form is held back while its provision
  has errors, and any document while it would print a placeholder; --draft
  renders it anyway, marked DRAFT, with the findings at the end.

PLACEHOLDERS

  [[...]] marks a fact still to be written ("[[child's full name]]"). Replace
  it, brackets included. Each is an error of the rule 'placeholder' until then.

SUPPRESSING A FINDING

  <!-- sendgen-disable-next-line missing-provider -->   the next line
  <!-- sendgen-disable RULE --> ... <!-- sendgen-enable RULE -->

RULES (%d; 'sendgen rules' lists them, 'sendgen explain RULE' says why)

%s

The full format is docs/case-file.md in the sendgen repository.`,
		strings.Join(send.AppellantRoles, " | "), strings.TrimSpace(wrapList(types, " | ", 80, strings.Repeat(" ", 28))), strings.Join(sections, ", "),
		headingList(), len(lint.RuleIDs), wrapList(lint.RuleIDs, ", ", 78, "  "))
}

var headingUse = map[string]string{
	send.Background:         "the history, in prose (position statement)",
	send.LegalPosition:      "optional: the statutory test (a standard text otherwise)",
	send.RequestedProvision: "the provision asked for (position statement)",
	send.Evidence:           "the reports and letters relied on (position statement)",
	send.Issues:             "the issues discussed at mediation (outcome form)",
	send.AgreedActions:      "the table Action | Who | By (outcome form)",
	send.UnresolvedIssues:   "the issues not agreed (outcome form)",
	send.NextSteps:          "what happens next (both)",
}

func headingList() string {
	var b strings.Builder
	for _, h := range send.Headings {
		fmt.Fprintf(&b, "  # %-22s%s\n", h, headingUse[h])
	}
	return b.String()
}

// wrapList joins items with sep in lines of at most width characters, each
// starting with indent.
func wrapList(items []string, sep string, width int, indent string) string {
	var lines []string
	cur := indent
	for i, it := range items {
		s := sep
		if i == len(items)-1 {
			s = ""
		}
		if len(cur)+len(it)+len(strings.TrimRight(s, " ")) > width && cur != indent {
			lines = append(lines, strings.TrimRight(cur, " "))
			cur = indent
		}
		cur += it + s
	}
	return strings.Join(append(lines, cur), "\n")
}
