// Package apptest builds archlab's handlers the way archlab serve does, over
// a fresh SQLite file, for the tests and benchmarks of other packages.
package apptest

import (
	"context"
	"crypto/rand"
	"net/http/httptest"
	"strings"

	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/testenv"
	"github.com/archlab/archlab/live"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/static"
	"github.com/archlab/archlab/store/postgres"
	"github.com/archlab/archlab/store/sqlite"
	"github.com/archlab/archlab/webhook"
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

// Handler returns archlab's handlers over st, logging nowhere, with live
// updates joined to the other instances when st can carry them, as
// archlab serve does.
func Handler(tb testing.TB, st design.Store, opts handlers.Options) *handlers.Handler {
	tb.Helper()
	return HandlerWith(tb, st, opts, Hooks(tb, st))
}

// Hooks returns a webhook dispatcher for tests over st's queue, running
// until tb ends: it may post to this machine (the tests' receivers), and
// waits milliseconds, not seconds, between attempts.
func Hooks(tb testing.TB, st design.SpaceStore) *webhook.Dispatcher {
	d := webhook.New(webhook.Options{Queue: webhook.StoreQueue(st), AllowPrivate: true, Timeout: 5 * time.Second, Poll: 50 * time.Millisecond,
		Backoff: webhook.ExponentialBackoff(time.Millisecond, 20*time.Millisecond)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	tb.Cleanup(func() { cancel(); <-done })
	return d
}

// HandlerWith is Handler with the given webhook dispatcher.
func HandlerWith(tb testing.TB, st design.Store, opts handlers.Options, hooks *webhook.Dispatcher) *handlers.Handler {
	tb.Helper()
	lib, err := knowledge()
	if err != nil {
		tb.Fatal(err)
	}
	cat := design.Builtin()
	hub := live.NewHub(design.NewViewID())
	if bus, ok := st.(live.Bus); ok {
		ctx, cancel := context.WithCancel(context.Background())
		tb.Cleanup(cancel)
		hub.Join(ctx, bus)
	}
	h, err := handlers.New(handlers.Deps{
		Store: st, Catalogue: cat, Rules: rules.Default(cat), Knowledge: lib,
		Assets: static.New(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Live: hub, Hooks: hooks,
	}, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(h.EndStreams)
	return h
}

// PostgresConfig returns the connection settings of a fresh schema in the
// database TEST_DATABASE_URL names, dropped when tb ends. Stores opened on
// it share one database, as several archlab instances do.
func PostgresConfig(tb testing.TB) *pgxpool.Config {
	tb.Helper()
	dsn := testenv.PostgresURL(tb)
	ctx := context.Background()
	schema := "t_" + strings.ToLower(rand.Text()[:12])
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatalf("connect to TEST_DATABASE_URL: %v", err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		tb.Fatal(err)
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = schema
	return cfg
}

// Postgres opens a store on cfg, closed when tb ends.
func Postgres(tb testing.TB, cfg *pgxpool.Config) *postgres.DB {
	tb.Helper()
	db, err := postgres.OpenConfig(context.Background(), cfg.Copy(), design.Builtin())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Server serves archlab over st on a local port, as archlab serve would,
// until tb ends.
func Server(tb testing.TB, st design.Store, opts handlers.Options) *httptest.Server {
	tb.Helper()
	h := Handler(tb, st, opts)
	srv := httptest.NewServer(h.Routes())
	tb.Cleanup(srv.Close)
	// Event streams never end by themselves: end them before the server
	// waits for its requests (cleanups run last first).
	tb.Cleanup(h.EndStreams)
	return srv
}
