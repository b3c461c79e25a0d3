package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/kpreempt/kpreempt/rules"
)

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "list the rules",
		Action: func(c *cli.Context) error {
			for _, r := range rules.All() {
				fmt.Fprintf(c.App.Writer, "%-20s %s\n", r.ID, r.Summary)
			}
			return nil
		},
	}
}

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "show a rule's documentation: what it flags, the rule it enforces, examples",
		ArgsUsage: "RULE",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("explain takes one rule ID (see kpreempt rules)")
			}
			r := rules.ByID(c.Args().First())
			if r == nil {
				return fmt.Errorf("unknown rule %q (see kpreempt rules)", c.Args().First())
			}
			fmt.Fprint(c.App.Writer, r.Page())
			return nil
		},
	}
}
