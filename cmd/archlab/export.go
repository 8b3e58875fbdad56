package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/exports"
	"github.com/archlab/archlab/iac"
	"github.com/archlab/archlab/lint"
	"github.com/archlab/archlab/rules"
)

// exportCommand writes a design, or a template read as one, in another
// format to standard output or to the file -o names.
func exportCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "sam", exports.Names())
	output := fs.String("o", "", "write to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	f, ok := exports.Lookup(*format)
	if !ok {
		fmt.Fprintf(stderr, "archlab export: --format must be one of %s, not %q\n", exports.Names(), *format)
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "archlab export: give one file: an archlab design (.archlab.json) or a SAM/CloudFormation template")
		return 2
	}
	path := fs.Arg(0)
	if f.Binary && *output == "" && isTerminal(stdout) {
		fmt.Fprintf(stderr, "archlab export: a %s is binary and standard output is a terminal; redirect it (> diagram%s) or give -o FILE\n",
			strings.ToUpper(f.Name), f.Extension)
		return 2
	}
	cat := design.Builtin()
	d, err := readDesign(path, cat)
	if err != nil {
		fmt.Fprintf(stderr, "archlab export: %s: %v\n", path, err)
		return 1
	}
	out, notes, err := exports.RenderWithNotes(ctx, f, d, cat, rules.Default(cat))
	if err != nil {
		fmt.Fprintf(stderr, "archlab export: %s: %v\n", path, err)
		return 1
	}
	for _, n := range notes {
		fmt.Fprintf(stderr, "archlab export: %s: %s\n", path, n)
	}
	if *output != "" {
		if err := os.WriteFile(*output, out, 0o644); err != nil {
			fmt.Fprintf(stderr, "archlab export: %v\n", err)
			return 1
		}
		return 0
	}
	if _, err := stdout.Write(out); err != nil {
		return 1
	}
	return 0
}

// isTerminal says whether w is a terminal, where binary output would
// garble the screen.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// readDesign reads an archlab/v1 document, or imports a template.
func readDesign(path string, cat *design.Catalogue) (*design.Design, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if lint.IsDesignDocument(path, data) {
		return design.Decode(data, cat)
	}
	imp, err := iac.ImportFile("", path, cat)
	if err != nil {
		return nil, err
	}
	return imp.Design, nil
}

// importCommand reads a SAM or CloudFormation template, with the files it
// references from its folder, and writes the archlab/v1 design it makes;
// what was not read goes to standard error.
func importCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "archlab import: give one SAM or CloudFormation template (YAML or JSON)")
		return 2
	}
	path := fs.Arg(0)
	imp, err := iac.ImportFile("", path, design.Builtin())
	if err != nil {
		fmt.Fprintf(stderr, "archlab import: %s: %v\n", path, err)
		return 2
	}
	for _, n := range imp.Problems {
		fmt.Fprintf(stderr, "%s: %s: %s\n", path, n.Rule, n)
	}
	for _, n := range imp.Notes {
		fmt.Fprintf(stderr, "%s: not read: %s\n", path, n)
	}
	asJSON, _ := exports.Lookup("json")
	out, err := exports.Render(context.Background(), asJSON, imp.Design, nil, nil)
	if err != nil {
		fmt.Fprintf(stderr, "archlab import: %v\n", err)
		return 1
	}
	stdout.Write(out)
	return 0
}
