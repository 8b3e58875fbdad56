// Command archlab serves the archlab web application and runs its tools.
//
//	archlab [serve]      serve the web app (the default)
//	archlab migrate      bring the database schema up to date
//	archlab lint FILE... check designs (and templates) with the rules
//	archlab import FILE  read a template into a design
//	archlab export FILE  write a design or template in another format
//	archlab rules        list the rules
//	archlab healthcheck  exit 0 when the local server is ready (for containers)
//	archlab help         list the commands
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/archlab/archlab/exports"
	"github.com/archlab/archlab/internal/input"
	"github.com/archlab/archlab/lint"
)

// exitStopped is the exit code of a command that SIGINT or SIGTERM
// stopped before it was done: 128 + SIGINT, as shells report Ctrl-C.
const exitStopped = 130

func main() {
	// The first SIGINT or SIGTERM cancels ctx, which every command heeds
	// (serve by shutting down gracefully); a second one, after stop
	// restores the default, ends the process at once, whatever it is
	// waiting on.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// invocation is what a command is run with.
type invocation struct {
	ctx            context.Context
	args           []string
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// command is one subcommand: the dispatcher runs it and the usage lists it,
// both from this one table, so that neither can forget one.
type command struct {
	name     string
	synopsis string // the arguments, as the usage shows them
	help     string // one line
	run      func(invocation) int
}

// commands are archlab's subcommands, in the order the usage lists them.
// help has no run: it prints the usage, which reads this table.
var commands = []command{
	{"serve", "[--addr :8080] [--db ./data/archlab.db]", "serve the web app (the default)",
		func(c invocation) int { return serveCommand(c.ctx, c.args, c.stderr, c.getenv) }},
	{"migrate", "[--db DSN]", "bring the database schema up to date",
		func(c invocation) int { return migrateCommand(c.ctx, c.args, c.stdout, c.stderr, c.getenv) }},
	{"lint", "[--format text|json|sarif] [--fail-on error] [--baseline FILE | --write-baseline FILE] FILE|DIR|-...", "check designs and templates with the rules (exit 1 on findings)",
		func(c invocation) int { return lintCommand(c.ctx, c.args, c.stdin, c.stdout, c.stderr, c.getenv) }},
	{"rules", "[--format text|json]", "list the rules",
		func(c invocation) int { return rulesCommand(c.args, c.stdout, c.stderr) }},
	{"import", "FILE|-", "read a SAM/CloudFormation template into a design (JSON)",
		func(c invocation) int { return importCommand(c.ctx, c.args, c.stdin, c.stdout, c.stderr) }},
	{"export", "[--format " + strings.ReplaceAll(exports.Names(), ", ", "|") + "] [-o OUT] FILE|-", "write a design or template in another format",
		func(c invocation) int { return exportCommand(c.ctx, c.args, c.stdin, c.stdout, c.stderr) }},
	{"healthcheck", "", "exit 0 when the local server is ready (for containers)",
		func(c invocation) int { return healthcheckCommand(c.ctx, c.stderr, c.getenv) }},
	{"help", "", "list the commands (also -h, --help)", nil},
}

// run dispatches to a command and returns the process's exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	name := "serve"
	switch {
	case len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help"):
		name, args = "help", args[1:]
	case len(args) > 0 && args[0] != "" && args[0][0] != '-':
		name, args = args[0], args[1:]
	}
	for _, c := range commands {
		if c.name != name {
			continue
		}
		if c.run == nil {
			usage(stdout)
			return 0
		}
		return c.run(invocation{ctx: ctx, args: args, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv})
	}
	fmt.Fprintf(stderr, "archlab: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

// stopped reports a command that SIGINT or SIGTERM stopped, and returns
// its exit code.
func stopped(ctx context.Context, cmd string, stderr io.Writer) int {
	fmt.Fprintf(stderr, "archlab %s: stopped: %v\n", cmd, context.Cause(ctx))
	return exitStopped
}

// usage lists the commands from the table, then the settings.
func usage(w io.Writer) {
	fmt.Fprint(w, "archlab designs and checks serverless architectures on AWS.\n\nUsage:\n")
	for _, c := range commands {
		line := "  archlab " + c.name
		if c.synopsis != "" {
			line += " " + c.synopsis
		}
		// A long synopsis puts its description on the next line, under
		// the others.
		if len(line) > 40 {
			fmt.Fprintf(w, "%s\n  %-40s%s\n", line, "", c.help)
		} else {
			fmt.Fprintf(w, "%-42s%s\n", line, c.help)
		}
	}
	fmt.Fprintf(w, "\nFILE is a regular file of at most %s bytes, or - for standard input.\n", input.Group(lint.MaxFileSize))
	fmt.Fprint(w, "SIGINT or SIGTERM stops any command (a second one at once).\n")
	fmt.Fprint(w, "\nEnvironment:\n")
	for _, s := range settings {
		def := s.Default
		if def == "" {
			def = "unset"
		}
		fmt.Fprintf(w, "  %-26s %s (default %s)\n", s.Env, s.Help, def)
	}
}
