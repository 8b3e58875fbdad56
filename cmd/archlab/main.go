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
	"syscall"

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

// run dispatches to a command and returns the process's exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
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
		return lintCommand(ctx, args, stdin, stdout, stderr, getenv)
	case "rules":
		return rulesCommand(args, stdout, stderr)
	case "export":
		return exportCommand(ctx, args, stdin, stdout, stderr)
	case "import":
		return importCommand(ctx, args, stdin, stdout, stderr)
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	}
	fmt.Fprintf(stderr, "archlab: unknown command %q\n\n", cmd)
	usage(stderr)
	return 2
}

// stopped reports a command that SIGINT or SIGTERM stopped, and returns
// its exit code.
func stopped(ctx context.Context, cmd string, stderr io.Writer) int {
	fmt.Fprintf(stderr, "archlab %s: stopped: %v\n", cmd, context.Cause(ctx))
	return exitStopped
}

func usage(w io.Writer) {
	fmt.Fprintf(w, `archlab designs and checks serverless architectures on AWS.

Usage:
  archlab [serve] [--addr :8080] [--db ./data/archlab.db]   serve the web app
  archlab migrate [--db DSN]                                  bring the database schema up to date
  archlab lint [--format text|json|sarif] [--fail-on error] [--baseline FILE | --write-baseline FILE] FILE|DIR|-...
                                                              check designs with the rules (exit 1 on findings)
  archlab rules [--format text|json]                          list the rules
  archlab import FILE|-                                       read a SAM/CloudFormation template into a design (JSON)
  archlab export [--format sam|mermaid|svg|png|json] [-o OUT] FILE|-
                                                              write a design or template in another format
  archlab healthcheck                                         exit 0 when the local server is ready
  archlab help                                                this text

FILE is a regular file of at most %s bytes, or - for standard input.
SIGINT or SIGTERM stops any command (a second one at once).

Environment:
`, input.Group(lint.MaxFileSize))
	for _, s := range settings {
		def := s.Default
		if def == "" {
			def = "unset"
		}
		fmt.Fprintf(w, "  %-26s %s (default %s)\n", s.Env, s.Help, def)
	}
}
