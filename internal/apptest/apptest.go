// Package apptest builds archlab's handlers the way archlab serve does, over
// a fresh SQLite file, for the tests and benchmarks of other packages.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/static"
	"github.com/archlab/archlab/store/sqlite"
)

// knowledge loads the knowledge base once per test binary: every test
// serves the same embedded pages.
var knowledge = sync.OnceValues(func() (*content.Library, error) {
	cat := design.Builtin()
	return content.Load(cat, rules.Default(cat))
})

// Store opens a fresh SQLite store in the test's temporary directory.
func Store(tb testing.TB) *sqlite.DB {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "archlab.db"), design.Builtin())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Handler returns archlab's handlers over st, logging nowhere.
func Handler(tb testing.TB, st design.Store, opts handlers.Options) *handlers.Handler {
	tb.Helper()
	lib, err := knowledge()
	if err != nil {
		tb.Fatal(err)
	}
	cat := design.Builtin()
	h, err := handlers.New(handlers.Deps{
		Store: st, Catalogue: cat, Rules: rules.Default(cat), Knowledge: lib,
		Assets: static.New(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}
