package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/store"
)

// migrateCommand brings the schema up to date and exits: for deployments
// that migrate before rolling out new instances. serve migrates at start too.
func migrateCommand(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", envOr(getenv, "DATABASE_URL"), "postgres:// URL or SQLite file path (DATABASE_URL)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st, err := store.Open(ctx, *dsn, design.Builtin())
	if err != nil {
		fmt.Fprintf(stderr, "archlab migrate: %v\n", err)
		return 1
	}
	defer st.Close()
	fmt.Fprintf(stdout, "%s: schema is up to date\n", store.Describe(*dsn))
	return 0
}
