package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/internal/config"
	"github.com/sendgen/sendgen/lint"
)

func loadEngine(configPath string) (*lint.Engine, error) {
	if configPath == "" {
		configPath = config.Find(".")
	}
	cfg, err := config.Load(configPath)
	if err != nil {
		return nil, err
	}
	return lint.New(cfg)
}

func newRulesCmd(ios *IO) *cobra.Command {
	var cfgPath string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the lint rules with their severity and scope",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := loadEngine(cfgPath)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(ios.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "RULE\tSEVERITY\tSCOPE\tWHAT IT FINDS")
			for _, r := range e.Rules() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Scope, r.Summary)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&cfgPath, "config", "", "configuration file (default: .sendgen.yaml above the current folder)")
	return cmd
}

func newExplainCmd(ios *IO) *cobra.Command {
	var cfgPath string
	cmd := &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a rule: why it matters, the law behind it, a bad and a good example",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("explain needs one rule name; 'sendgen rules' lists them")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := loadEngine(cfgPath)
			if err != nil {
				return err
			}
			r, ok := e.Rule(args[0])
			if !ok {
				return usageError{fmt.Errorf("no rule %q; 'sendgen rules' lists them", args[0])}
			}
			w := ios.Out
			fmt.Fprintf(w, "%s (%s)\n\n%s\n\nApplies to: %s\n\nWhy it matters\n%s\n\nLaw and guidance\n%s\n",
				r.ID, r.Severity, r.Summary, r.Scope, indent(r.Rationale), indent(r.Law))
			if r.Bad != "" {
				fmt.Fprintf(w, "\nInstead of\n%s\n", indent(r.Bad))
			}
			if r.Good != "" {
				fmt.Fprintf(w, "\nWrite\n%s\n", indent(r.Good))
			}
			if r.Suggestion != "" {
				fmt.Fprintf(w, "\nHow to fix it\n%s\n", indent(r.Suggestion))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&cfgPath, "config", "", "configuration file")
	return cmd
}

func indent(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = "  " + strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}
