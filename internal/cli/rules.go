package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/internal/config"
	"github.com/sendgen/sendgen/internal/suggest"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

// loadEngine builds the engine `rules` and `explain` describe: the --config
// file, else the .sendgen.yaml above the current folder, else the defaults.
func loadEngine(f *Factory, configPath string) (*lint.Engine, error) {
	if configPath == "" {
		configPath = config.Find(".", f.Getenv("HOME"))
	}
	cfg, err := config.Load(configPath)
	if err != nil {
		return nil, err
	}
	return lint.New(cfg.Config, cfg.Calendar())
}

// RulesOptions are the flags of `sendgen rules`.
type RulesOptions struct {
	IO      *IO
	Factory *Factory
	Config  string
}

// NewCmdRules is `sendgen rules`.
func NewCmdRules(f *Factory, runF func(*RulesOptions) error) *cobra.Command {
	o := &RulesOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the lint rules with their severity and scope",
		Example: `  # Every rule, with the severity your configuration gives it
  sendgen rules
  sendgen rules --config cases/.sendgen.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runRules(o)
		},
	}
	cmd.Flags().StringVar(&o.Config, "config", "", "configuration file (default: .sendgen.yaml above the current folder)")
	return cmd
}

func runRules(o *RulesOptions) error {
	o.Factory.oneShot()
	e, err := loadEngine(o.Factory, o.Config)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(o.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tSCOPE\tWHAT IT FINDS")
	for _, r := range e.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Scope, r.Summary)
	}
	return tw.Flush()
}

// ExplainOptions are the flags of `sendgen explain`.
type ExplainOptions struct {
	IO      *IO
	Factory *Factory
	Config  string
	Rule    string
}

// NewCmdExplain is `sendgen explain RULE`.
func NewCmdExplain(f *Factory, runF func(*ExplainOptions) error) *cobra.Command {
	o := &ExplainOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a rule: why it matters, the law behind it, a bad and a good example",
		Example: `  # Why "access to speech and language therapy" is a finding
  sendgen explain vague-wording`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("explain needs one rule name; 'sendgen rules' lists them")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Rule = args[0]
			if runF != nil {
				return runF(o)
			}
			return runExplain(o)
		},
	}
	cmd.Flags().StringVar(&o.Config, "config", "", "configuration file")
	return cmd
}

func runExplain(o *ExplainOptions) error {
	o.Factory.oneShot()
	e, err := loadEngine(o.Factory, o.Config)
	if err != nil {
		return err
	}
	r, ok := e.Rule(o.Rule)
	if !ok {
		ids := make([]string, 0, len(e.Rules()))
		for _, r := range e.Rules() {
			ids = append(ids, r.ID)
		}
		return usageError{fmt.Errorf("no rule %q%s; 'sendgen rules' lists them", o.Rule, suggest.DidYouMean(o.Rule, ids))}
	}
	_, err = fmt.Fprint(o.IO.Out, report.RuleHelp(r))
	return err
}
