// Command archlab serves the archlab web application and runs its tools.
//
//	archlab [serve]      serve the web app (the default)
//	archlab migrate      bring the database schema up to date
//	archlab lint FILE... check designs (and templates) with the rules
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
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// run dispatches to a command and returns the process's exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serveCommand(ctx, args, stderr, getenv)
	case "migrate":
		return migrateCommand(ctx, args, stdout, stderr, getenv)
	case "healthcheck":
		return healthcheckCommand(ctx, stderr, getenv)
	case "lint":
		return lintCommand(args, stdout, stderr, getenv)
	case "rules":
		return rulesCommand(args, stdout, stderr)
	case "export":
		return exportCommand(ctx, args, stdout, stderr)
	case "import":
		return importCommand(args, stdout, stderr)
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	}
	fmt.Fprintf(stderr, "archlab: unknown command %q\n\n", cmd)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `archlab designs and checks serverless architectures on AWS.

Usage:
  archlab [serve] [--addr :8080] [--db ./data/archlab.db]   serve the web app
  archlab migrate [--db DSN]                                  bring the database schema up to date
  archlab lint [--format text|json|sarif] [--fail-on error] FILE|DIR...
                                                              check designs with the rules (exit 1 on findings)
  archlab rules [--format text|json]                          list the rules
  archlab import FILE                                         read a SAM/CloudFormation template into a design (JSON)
  archlab export [--format sam|mermaid|svg|png|json] [-o OUT] FILE
                                                              write a design or template in another format
  archlab healthcheck                                         exit 0 when the local server is ready
  archlab help                                                this text

Environment:
`)
	for _, s := range settings {
		def := s.Default
		if def == "" {
			def = "unset"
		}
		fmt.Fprintf(w, "  %-26s %s (default %s)\n", s.Env, s.Help, def)
	}
}
