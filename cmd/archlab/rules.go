package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// rulesCommand lists the rule registry.
func rulesCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	reg := rules.Default(design.Builtin())
	switch *format {
	case "json":
		type entry struct {
			rules.Meta
			KB string `json:"kb"`
		}
		var out []entry
		for _, m := range reg.Rules() {
			out = append(out, entry{Meta: m, KB: m.KB()})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return 1
		}
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tSEVERITY\tSCOPE\tKB\tEQUIVALENTS")
		for _, m := range reg.Rules() {
			eq := strings.Join(m.Equivalents, " ")
			if eq == "" {
				eq = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.ID, m.Severity, m.Scope, m.KB(), eq)
		}
		tw.Flush()
		fmt.Fprintf(stdout, "\n%d rules\n", len(reg.Rules()))
	default:
		fmt.Fprintf(stderr, "archlab rules: --format must be text or json, not %q\n", *format)
		return 2
	}
	return 0
}
