package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/input"
	"github.com/archlab/archlab/lint"
	"github.com/archlab/archlab/rules"
)

// lintCommand checks files with the rules. Exit codes: 0 when nothing at or
// above --fail-on was found, 1 when something was, 2 when an input could not
// be read or the command line is wrong, 130 when a signal stopped it.
func lintCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	opts, ok := parseLintArgs(args, stderr, getenv)
	if !ok {
		return 2
	}
	baseline, ok := readBaseline(opts, stderr)
	if !ok {
		return 2
	}
	targets, err := lint.Targets(ctx, opts.paths, opts.root)
	if ctx.Err() != nil {
		return stopped(ctx, "lint", stderr)
	}
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
	if opts.traffic != "" {
		if l.Traffic, err = lint.ReadTrafficFile(opts.traffic); err != nil {
			fmt.Fprintf(stderr, "archlab lint: --traffic: %v\n", err)
			return 2
		}
	}
	if slices.Contains(opts.paths, input.Stdin) {
		l.Stdin = input.WithContext(ctx, stdin)
	}
	results, failed, err := l.Check(ctx, targets)
	if err != nil {
		return stopped(ctx, "lint", stderr)
	}
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
	if !baselines(opts, baseline, results, unreadable, stderr) {
		return 2
	}
	switch opts.format {
	case "json":
		if opts.capacity {
			err = lint.JSONCapacity(stdout, results, l.Capacity(ctx, targets))
		} else {
			err = lint.JSON(stdout, results)
		}
	case "sarif":
		if opts.baseURL == "" {
			opts.baseURL = "http://localhost:8080"
		}
		err = lint.SARIF(stdout, results, reg, opts.baseURL)
	default:
		err = lint.Text(stdout, results)
		if err == nil && opts.capacity {
			for _, fc := range l.Capacity(ctx, targets) {
				fmt.Fprintf(stdout, "\nCapacity and cost of %s\n", fc.File)
				if err = capacity.Text(stdout, fc.Result); err != nil {
					break
				}
			}
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "archlab lint: write output: %v\n", err)
		return 2
	}
	switch {
	case unreadable:
		return 2
	case lint.Failing(results, opts.failOn):
		return 1
	}
	return 0
}
