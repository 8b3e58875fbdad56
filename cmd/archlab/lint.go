package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/lint"
	"github.com/archlab/archlab/rules"
)

// lintCommand checks files with the rules. Exit codes: 0 when nothing at or
// above --fail-on was found, 1 when something was, 2 when an input could not
// be read or the command line is wrong.
func lintCommand(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json or sarif")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding is at least this severe: error, warning or info")
	baseURL := fs.String("base-url", envOr(getenv, "ARCHLAB_BASE_URL"), "archlab's public URL, for links to rule pages in SARIF (ARCHLAB_BASE_URL)")
	root := fs.String("root", "", "folder the files templates reference may be read from (default: the folder given, or a template's own folder)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: archlab lint [--format text|json|sarif] [--fail-on error|warning|info] [--root DIR] FILE|DIR...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	min, ok := rules.ParseSeverity(*failOn)
	if !ok {
		fmt.Fprintf(stderr, "archlab lint: --fail-on must be error, warning or info, not %q\n", *failOn)
		return 2
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		fmt.Fprintf(stderr, "archlab lint: --format must be text, json or sarif, not %q\n", *format)
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	targets, err := lint.Targets(fs.Args(), *root)
	if err != nil {
		fmt.Fprintf(stderr, "archlab lint: %v\n", err)
		return 2
	}
	if len(targets) == 0 {
		fmt.Fprintln(stderr, "archlab lint: no files to check (looked for *.archlab.json and SAM, CloudFormation and CDK templates)")
		return 2
	}
	reg := rules.Default(design.Builtin())
	l := &lint.Linter{Rules: reg}
	results, failed := l.Check(targets)
	for _, err := range failed {
		var fe *lint.FileError
		if errors.As(err, &fe) {
			fmt.Fprintf(stderr, "archlab lint: %s: %v\n", fe.File, fe.Err)
		} else {
			fmt.Fprintf(stderr, "archlab lint: %v\n", err)
		}
	}
	unreadable := len(failed) > 0
	lint.Sort(results)
	switch *format {
	case "json":
		err = lint.JSON(stdout, results)
	case "sarif":
		if *baseURL == "" {
			*baseURL = "http://localhost:8080"
		}
		err = lint.SARIF(stdout, results, reg, *baseURL)
	default:
		err = lint.Text(stdout, results)
	}
	if err != nil {
		fmt.Fprintf(stderr, "archlab lint: write output: %v\n", err)
		return 2
	}
	switch {
	case unreadable:
		return 2
	case lint.Failing(results, min):
		return 1
	}
	return 0
}
