package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/store/sqlite"
	"github.com/archlab/archlab/store/storetest"
)

// MustOpen opens a store on a fresh file in the test's temporary directory.
func MustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "archlab.db"), design.Builtin())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open: func(tb testing.TB) design.Store { return MustOpen(tb) },
		StoredEditKey: func(tb testing.TB, s design.Store, id string) string {
			return s.(*sqlite.DB).StoredEditKey(tb, id)
		},
		FillComments: func(tb testing.TB, s design.Store, id string, n int) {
			s.(*sqlite.DB).FillComments(tb, id, n)
		},
		StoredCohortKeys: func(tb testing.TB, s design.Store, cohortID, memberID string) []string {
			return s.(*sqlite.DB).StoredCohortKeys(tb, cohortID, memberID)
		},
		StoredSpaceKey: func(tb testing.TB, s design.Store, id string) string {
			return s.(*sqlite.DB).StoredSpaceKey(tb, id)
		},
	})
}

func TestInMemory(t *testing.T) {
	db, err := sqlite.Open(context.Background(), ":memory:", design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := storetest.MustCreate(t, db, `{"format":"archlab/v1","title":"m"}`)
	if _, err := db.Design(context.Background(), c.Design.ID); err != nil {
		t.Fatal(err)
	}
}

func TestDesignsSurviveReopening(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "archlab.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	c := storetest.MustCreate(t, db, `{"format":"archlab/v1","title":"Kept"}`)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(ctx, path, design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d, err := db.Design(ctx, c.Design.ID)
	if err != nil || d.Title != "Kept" {
		t.Fatalf("after reopening: %+v, %v", d, err)
	}
}

func BenchmarkApply(b *testing.B) { storetest.BenchmarkApply(b, MustOpen(b)) }
func BenchmarkRead(b *testing.B)  { storetest.BenchmarkRead(b, MustOpen(b)) }

// Commits are synced before they are acknowledged: a power loss cannot drop
// an edit whose client was answered 200.
func TestCommitsAreDurable(t *testing.T) {
	if got := MustOpen(t).SynchronousLevel(t); got != 2 {
		t.Fatalf("PRAGMA synchronous = %d, want 2 (FULL)", got)
	}
}

// BenchmarkApplyDurability measures applying a batch with each commit
// synced (FULL, archlab's setting) and with the log synced only at
// checkpoints (NORMAL), on the same disk in one run.
func BenchmarkApplyDurability(b *testing.B) {
	for _, level := range []string{"FULL", "NORMAL"} {
		b.Run(level, func(b *testing.B) {
			db := MustOpen(b)
			db.Synchronous(b, level)
			storetest.BenchmarkApply(b, db)
		})
	}
}
