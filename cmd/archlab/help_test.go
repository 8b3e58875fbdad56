package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// Every way of asking for help prints the usage, naming each subcommand the
// dispatcher knows with a line about it, on stdout, and exits 0.
func TestHelpListsEverySubcommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"-help"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), args, nil, &stdout, &stderr, env(nil))
			if code != 0 {
				t.Fatalf("exit %d, want 0; stderr: %s", code, stderr.String())
			}
			if stderr.Len() != 0 {
				t.Errorf("help wrote to stderr: %s", stderr.String())
			}
			out := stdout.String()
			for _, name := range []string{"serve", "migrate", "lint", "rules", "import", "export", "healthcheck", "help"} {
				line := lineStarting(out, "  archlab "+name)
				if line == "" {
					t.Errorf("usage has no line for %q:\n%s", name, out)
					continue
				}
				if len(strings.Fields(line)) < 4 {
					t.Errorf("the line for %q has no description: %q", name, line)
				}
			}
			if len(commands) == 0 {
				t.Fatal("no commands in the table")
			}
			for _, c := range commands {
				if lineStarting(out, "  archlab "+c.name) == "" && lineStarting(out, "  archlab ["+c.name+"]") == "" {
					t.Errorf("command %q of the dispatcher's table is not in the usage", c.name)
				}
			}
		})
	}
}

// An unknown subcommand is a usage error: the usage on stderr, exit 2.
func TestUnknownSubcommandPrintsUsageOnStderr(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"deploy"}, nil, &stdout, &stderr, env(nil))
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout: %s", stdout.String())
	}
	if !strings.Contains(stderr.String(), `unknown command "deploy"`) || lineStarting(stderr.String(), "  archlab lint") == "" {
		t.Errorf("stderr does not name the command and give the usage:\n%s", stderr.String())
	}
}

func lineStarting(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}
