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
	"github.com/archlab/archlab/internal/input"
	"github.com/archlab/archlab/lint"
	"github.com/archlab/archlab/rules"
)

// exportCommand writes a design, or a template read as one, in another
// format to standard output or to the file -o names.
func exportCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
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
		fmt.Fprintln(stderr, "archlab export: give one file: an archlab design (.archlab.json) or a SAM/CloudFormation template, or - for standard input")
		return 2
	}
	path := fs.Arg(0)
	if f.Binary && *output == "" && isTerminal(stdout) {
		fmt.Fprintf(stderr, "archlab export: a %s is binary and standard output is a terminal; redirect it (> diagram%s) or give -o FILE\n",
			strings.ToUpper(f.Name), f.Extension)
		return 2
	}
	cat := design.Builtin()
	if path == input.Stdin {
		stdin = input.WithContext(ctx, stdin)
	}
	d, err := readDesign(path, stdin, cat)
	if ctx.Err() != nil {
		return stopped(ctx, "export", stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "archlab export: %s: %v\n", input.Name(path), err)
		return 1
	}
	out, notes, err := exports.RenderWithNotes(ctx, f, d, cat, rules.Default(cat))
	if ctx.Err() != nil {
		return stopped(ctx, "export", stderr)
	}
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

// readDesign reads an archlab/v1 document, or imports a template, from
// path or, for "-", from stdin: a regular file, through lint's limit on
// one file.
func readDesign(path string, stdin io.Reader, cat *design.Catalogue) (*design.Design, error) {
	data, err := input.Read(path, stdin, lint.MaxFileSize)
	if err != nil {
		return nil, err
	}
	if lint.IsDesignDocument(path, data) {
		return design.Decode(data, cat)
	}
	imp, err := importTemplate(path, data, cat)
	if err != nil {
		return nil, err
	}
	return imp.Design, nil
}

// importTemplate imports the template at path with the files it
// references from its folder; a template from standard input (data) has
// no folder, so what it references is noted as not read.
func importTemplate(path string, data []byte, cat *design.Catalogue) (*iac.Imported, error) {
	if path == input.Stdin {
		return iac.Import(data, "", cat)
	}
	return iac.ImportFile("", path, cat)
}

// importCommand reads a SAM or CloudFormation template, with the files it
// references from its folder, and writes the archlab/v1 design it makes;
// what was not read goes to standard error.
func importCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "archlab import: give one SAM or CloudFormation template (YAML or JSON), or - for standard input")
		return 2
	}
	path := fs.Arg(0)
	// The template is refused unread when it is not a regular file or is
	// too large; ImportFile reads it through the limit all the same.
	var data []byte
	var err error
	if path == input.Stdin {
		data, err = input.ReadAll(input.WithContext(ctx, stdin), iac.MaxTemplateSize)
	} else {
		err = input.Check(path, iac.MaxTemplateSize)
	}
	if ctx.Err() != nil {
		return stopped(ctx, "import", stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "archlab import: %s: %v\n", input.Name(path), err)
		return 2
	}
	imp, err := importTemplate(path, data, design.Builtin())
	if ctx.Err() != nil {
		return stopped(ctx, "import", stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "archlab import: %s: %v\n", input.Name(path), err)
		return 2
	}
	for _, n := range imp.Problems {
		fmt.Fprintf(stderr, "%s: %s: %s\n", path, n.Rule, n)
	}
	for _, n := range imp.Notes {
		fmt.Fprintf(stderr, "%s: not read: %s\n", path, n)
	}
	asJSON, _ := exports.Lookup("json")
	out, err := exports.Render(ctx, asJSON, imp.Design, nil, nil)
	if err != nil {
		fmt.Fprintf(stderr, "archlab import: %v\n", err)
		return 1
	}
	stdout.Write(out)
	return 0
}
