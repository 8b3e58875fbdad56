package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

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
	baselineFile := fs.String("baseline", "", "report only findings this baseline `file` does not hold")
	writeBaseline := fs.String("write-baseline", "", "record today's findings in this baseline `file`, then report as with --baseline")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: archlab lint [--format text|json|sarif] [--fail-on error|warning|info] [--baseline FILE | --write-baseline FILE] FILE|DIR...")
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
	if *baselineFile != "" && *writeBaseline != "" {
		fmt.Fprintln(stderr, "archlab lint: give --baseline or --write-baseline, not both (--write-baseline replaces the file)")
		return 2
	}
	var baseline *lint.Baseline
	if *baselineFile != "" {
		var err error
		if baseline, err = lint.ReadBaseline(*baselineFile); err != nil {
			fmt.Fprintf(stderr, "archlab lint: --baseline %s: %v\n", *baselineFile, err)
			return 2
		}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	files, err := lint.Files(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "archlab lint: %v\n", err)
		return 2
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "archlab lint: no files to check (looked for *.archlab.json and template.yaml|yml|json)")
		return 2
	}
	reg := rules.Default(design.Builtin())
	l := &lint.Linter{Rules: reg}
	var results []lint.Result
	unreadable := false
	for _, f := range files {
		rs, err := l.File(f)
		if err != nil {
			var fe *lint.FileError
			if errors.As(err, &fe) {
				fmt.Fprintf(stderr, "archlab lint: %s: %v\n", fe.File, fe.Err)
			} else {
				fmt.Fprintf(stderr, "archlab lint: %v\n", err)
			}
			unreadable = true
			continue
		}
		results = append(results, rs...)
	}
	lint.Sort(results)
	if *writeBaseline != "" {
		if unreadable {
			fmt.Fprintf(stderr, "archlab lint: not writing %s: it would lack the findings of the files that could not be read\n", *writeBaseline)
			return 2
		}
		baseline = lint.NewBaseline(results, filepath.Dir(*writeBaseline))
		if err := baseline.WriteFile(*writeBaseline); err != nil {
			fmt.Fprintf(stderr, "archlab lint: --write-baseline: %v\n", err)
			return 2
		}
		fmt.Fprintf(stderr, "archlab lint: recorded %d findings in %s\n", len(lint.Reported(results)), *writeBaseline)
		*baselineFile = *writeBaseline
	}
	if baseline != nil {
		if gone := baseline.Apply(results, filepath.Dir(*baselineFile), *baselineFile); gone > 0 {
			fmt.Fprintf(stderr, "archlab lint: %d findings of %s are gone; --write-baseline %s records what is left\n", gone, *baselineFile, *baselineFile)
		}
	}
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
