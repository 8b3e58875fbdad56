package postgres_test

import (
	"context"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/store/storetest"
)

// Two instances share one database, each with its own cache: an edit one
// of them computes from a cached version the other has moved past must not
// be written over the other's edit, and a batch id recorded through one is
// replayed, not applied again, through the other.
func TestInstancesWithStaleCaches(t *testing.T) {
	cfg := apptest.PostgresConfig(t)
	a, b := apptest.Postgres(t, cfg), apptest.Postgres(t, cfg)
	ctx := context.Background()
	c := storetest.MustCreate(t, a, `{"format":"archlab/v1","title":"Shared","blocks":[{"id":"F","kind":"lambda"},{"id":"G","kind":"lambda"}]}`)
	if _, err := b.Design(ctx, c.Design.ID); err != nil { // b caches version 1
		t.Fatal(err)
	}
	move := func(id string, x float64) design.Ops {
		return design.Ops{{Op: design.OpMoveBlock, ID: id, X: &x, Y: &x}}
	}
	if _, err := a.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 1, Ops: move("F", 10), ID: "once"}); err != nil {
		t.Fatal(err)
	}
	// b still holds version 1: this batch, also based on it, merges.
	got, err := b.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 1, Ops: move("G", 20)})
	if err != nil {
		t.Fatal(err)
	}
	if got.Design.Version != 3 {
		t.Fatalf("merged edit is version %d, want 3", got.Design.Version)
	}
	for _, s := range []design.Store{a, b} {
		d, err := s.Design(ctx, c.Design.ID)
		if err != nil {
			t.Fatal(err)
		}
		if f, g := d.Block("F"), d.Block("G"); d.Version != 3 || f.X != 10 || g.X != 20 {
			t.Fatalf("after both edits: version %d, F at %v, G at %v; want 3, 10, 20", d.Version, f.X, g.X)
		}
	}
	// The batch a recorded, sent again through b (which has version 3
	// cached now), is replayed.
	again, err := b.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 3, Ops: move("F", 10), ID: "once"})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Replayed || again.Revision.Version != 2 || again.Design.Version != 3 {
		t.Fatalf("resent batch: replayed %v, revision %d, design %d; want true, 2, 3", again.Replayed, again.Revision.Version, again.Design.Version)
	}
	// A wrong key through the cached path is refused.
	if _, err := b.ApplyOps(ctx, c.Design.ID, "wrong", design.Batch{BaseVersion: 3, Ops: move("F", 1)}); design.ErrorCode(err) != design.EFORBIDDEN {
		t.Fatalf("wrong key: %v, want forbidden", err)
	}
}
