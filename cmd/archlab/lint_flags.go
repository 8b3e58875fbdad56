package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/archlab/archlab/rules"
)

// lintOptions is archlab lint's command line.
type lintOptions struct {
	format        string
	failOn        rules.Severity
	baseURL       string
	baseline      string
	writeBaseline string
	root          string
	// capacity prints the capacity and cost figures after the findings;
	// traffic names a side file of traffic and assumptions.
	capacity bool
	traffic  string
	paths    []string
}

// parseLintArgs reads archlab lint's command line. It reports false, after
// saying why on stderr, for a command line to refuse with exit code 2. The
// CI integrations' tests read their command lines with it too.
func parseLintArgs(args []string, stderr io.Writer, getenv func(string) string) (lintOptions, bool) {
	var o lintOptions
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.format, "format", "text", "output format: text, json or sarif")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding is at least this severe: error, warning or info")
	fs.StringVar(&o.baseURL, "base-url", envOr(getenv, "ARCHLAB_BASE_URL"), "archlab's public URL, for links to rule pages in SARIF (ARCHLAB_BASE_URL)")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings this baseline `file` does not hold")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record today's findings in this baseline `file`, then report as with --baseline")
	fs.StringVar(&o.root, "root", "", "folder the files templates reference may be read from (default: the folder given, or a template's own folder)")
	fs.BoolVar(&o.capacity, "capacity", false, "after the findings, print each design's load, limits and monthly cost at its stated traffic (text; with --format json, an object {\"findings\", \"capacity\"})")
	fs.StringVar(&o.traffic, "traffic", "", "read traffic and assumptions by logical id from this JSON `file` ({\"traffic\": {...}, \"assumptions\": {...}}), over a template's Metadata.archlab")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: archlab lint [--format text|json|sarif] [--fail-on error|warning|info] [--baseline FILE | --write-baseline FILE] [--root DIR] [--capacity] [--traffic FILE] FILE|DIR|-...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, false
	}
	var ok bool
	if o.failOn, ok = rules.ParseSeverity(*failOn); !ok {
		fmt.Fprintf(stderr, "archlab lint: --fail-on must be error, warning or info, not %q\n", *failOn)
		return o, false
	}
	if o.format != "text" && o.format != "json" && o.format != "sarif" {
		fmt.Fprintf(stderr, "archlab lint: --format must be text, json or sarif, not %q\n", o.format)
		return o, false
	}
	if o.baseline != "" && o.writeBaseline != "" {
		fmt.Fprintln(stderr, "archlab lint: give --baseline or --write-baseline, not both (--write-baseline replaces the file)")
		return o, false
	}
	if o.capacity && o.format == "sarif" {
		fmt.Fprintln(stderr, "archlab lint: --capacity adds the figures to the text or JSON output, not to SARIF, which has no place for them")
		return o, false
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return o, false
	}
	o.paths = fs.Args()
	return o, true
}
