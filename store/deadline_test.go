package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/store"
	"github.com/archlab/archlab/store/storetest"
)

// An SQLite file that another process keeps locked answers EUNAVAILABLE
// once the deadline passes, not after SQLite's own busy timeout, and not
// as an internal error.
func TestLockedSQLiteIsUnavailableAtTheDeadline(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archlab.db")
	raw, err := store.Open(ctx, path, design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	st := store.WithDeadline(raw, 300*time.Millisecond)
	c := storetest.MustCreate(t, st, `{"format":"archlab/v1","title":"Locked"}`)

	// Another process takes the write lock and holds it.
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	_, err = st.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 1, Ops: storetest.MustOps(t, `[{"op":"setTitle","title":"x"}]`)})
	took := time.Since(start)
	if design.ErrorCode(err) != design.EUNAVAILABLE {
		t.Fatalf("a locked file: %v (code %q), want %q", err, design.ErrorCode(err), design.EUNAVAILABLE)
	}
	if took > 3*time.Second {
		t.Fatalf("answered after %s; the deadline is 300ms", took)
	}

	// The lock is released: the same call succeeds without reopening.
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 1, Ops: storetest.MustOps(t, `[{"op":"setTitle","title":"x"}]`)}); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
}

// A caller that gives up is not told the database is away: its own
// cancellation comes back.
func TestCallerCancellationIsNotUnavailable(t *testing.T) {
	st := store.WithDeadline(mustSQLite(t), time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := st.Design(ctx, design.NewViewID())
	if err == nil || design.ErrorCode(err) == design.EUNAVAILABLE {
		t.Fatalf("a cancelled caller got %v", err)
	}
}

// Domain answers pass through untouched.
func TestDomainErrorsPassThrough(t *testing.T) {
	st := store.WithDeadline(mustSQLite(t), time.Second)
	_, err := st.Design(context.Background(), design.NewViewID())
	if design.ErrorCode(err) != design.ENOTFOUND {
		t.Fatalf("unknown design: %v", err)
	}
}

func mustSQLite(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "a.db"), design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
