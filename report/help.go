package report

import (
	"fmt"
	"strings"

	"github.com/sendgen/sendgen/lint"
)

// RuleHelp is a rule's explanation as `sendgen explain` prints it: what it
// finds, where, why it matters, the law, a bad and a good example and how
// to fix it. SARIF carries it as help.text.
func RuleHelp(r lint.RuleInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n\n%s\n\nApplies to: %s\n\nWhy it matters\n%s\n\nLaw and guidance\n%s\n",
		r.ID, r.Severity, r.Summary, r.Scope, indent(r.Rationale), indent(r.Law))
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nInstead of\n%s\n", indent(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\nWrite\n%s\n", indent(r.Good))
	}
	if r.Suggestion != "" {
		fmt.Fprintf(&b, "\nHow to fix it\n%s\n", indent(r.Suggestion))
	}
	return b.String()
}

// RuleHelpMarkdown is the same explanation in Markdown, for code
// scanning's rule help (help.markdown) and docs/rules.md. The heading is
// left to the page that embeds it.
func RuleHelpMarkdown(r lint.RuleInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nSeverity: **%s**. Applies to: %s.\n\n", mdText(r.Summary), r.Severity, mdText(r.Scope))
	fmt.Fprintf(&b, "**Why it matters.** %s\n\n**Law and guidance.** %s\n", mdText(oneParagraph(r.Rationale)), mdText(oneParagraph(r.Law)))
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nInstead of:\n\n%s", mdQuote(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\nWrite:\n\n%s", mdQuote(r.Good))
	}
	if r.Suggestion != "" {
		fmt.Fprintf(&b, "\n**How to fix it.** %s\n", mdText(oneParagraph(r.Suggestion)))
	}
	return b.String()
}

func indent(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = "  " + strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

func oneParagraph(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// mdQuote quotes example text line by line, escaped, so a case-file
// example ("- Access to ...") is shown as written, not as a Markdown list.
func mdQuote(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		b.WriteString("> " + mdText(strings.TrimSpace(l)) + "\n")
	}
	return b.String()
}

// mdText escapes the characters that would make plain text Markdown.
func mdText(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#':
			b.WriteByte('\\')
		case '-', '+':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
