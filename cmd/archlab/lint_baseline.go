package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/archlab/archlab/lint"
)

// readBaseline reads the --baseline file, if any; false means exit 2.
func readBaseline(opts lintOptions, stderr io.Writer) (*lint.Baseline, bool) {
	if opts.baseline == "" {
		return nil, true
	}
	b, err := lint.ReadBaseline(opts.baseline)
	if err != nil {
		fmt.Fprintf(stderr, "archlab lint: --baseline %s: %v\n", opts.baseline, err)
		return nil, false
	}
	return b, true
}

// baselines writes the --write-baseline file from the results, and
// suppresses the results the baseline holds, the one just written or the
// one read; false means exit 2. A baseline is not written when a file
// could not be read: it would lack that file's findings, and report them
// all as new once the file reads.
func baselines(opts lintOptions, baseline *lint.Baseline, results []lint.Result, unreadable bool, stderr io.Writer) bool {
	file := opts.baseline
	if opts.writeBaseline != "" {
		if unreadable {
			fmt.Fprintf(stderr, "archlab lint: not writing %s: it would lack the findings of the files that could not be read\n", opts.writeBaseline)
			return false
		}
		baseline = lint.NewBaseline(results, filepath.Dir(opts.writeBaseline))
		if err := baseline.WriteFile(opts.writeBaseline); err != nil {
			fmt.Fprintf(stderr, "archlab lint: --write-baseline: %v\n", err)
			return false
		}
		fmt.Fprintf(stderr, "archlab lint: recorded %s in %s\n", findings(len(lint.Reported(results))), opts.writeBaseline)
		file = opts.writeBaseline
	}
	if baseline == nil {
		return true
	}
	if gone := baseline.Apply(results, filepath.Dir(file), file); gone > 0 {
		verb := "are"
		if gone == 1 {
			verb = "is"
		}
		fmt.Fprintf(stderr, "archlab lint: %s of %s %s gone; --write-baseline %s records what is left\n", findings(gone), file, verb, file)
	}
	return true
}

// findings counts findings in words: "1 finding", "3 findings".
func findings(n int) string {
	if n == 1 {
		return "1 finding"
	}
	return fmt.Sprintf("%d findings", n)
}
