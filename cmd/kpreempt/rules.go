package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
)

func rulesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "list the rules, with their checkpatch types",
		Args:  noOperands,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, r := range rules.Known() {
				fmt.Fprintf(cmd.OutOrStdout(), "%-20s %-36s %s\n", r.ID, report.RuleType(r.ID), r.Summary)
			}
			return nil
		},
	}
}

func explainCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "show a rule's documentation: what it flags, the rule it enforces, examples",
		Long: `Shows a rule's page. RULE is its ID (percpu-preemptible) or the checkpatch type
kpreempt patch prints (KPREEMPT_PERCPU_PREEMPTIBLE).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("explain takes one rule (see kpreempt rules)")
			}
			r := rules.ByID(args[0])
			if r == nil {
				return fmt.Errorf("unknown rule %q (see kpreempt rules)", args[0])
			}
			fmt.Fprint(cmd.OutOrStdout(), r.Page())
			return nil
		},
	}
}

// noOperands refuses operands of a command that takes none.
func noOperands(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("%s takes no operands (got %q)", cmd.Name(), args[0])
	}
	return nil
}
