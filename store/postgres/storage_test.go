package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/store/storetest"
)

// TestStorageGrowsByTheRevisions edits a 100-block design 2,000 times and
// measures the tables: the design's current row must stay about its own
// size (updated in place, not a dead copy per edit waiting for a vacuum),
// so that storage grows by what the revisions hold.
func TestStorageGrowsByTheRevisions(t *testing.T) {
	if testing.Short() {
		t.Skip("2,000 edits")
	}
	const edits = 2000
	db := MustOpen(t)
	ctx := context.Background()
	c, err := db.CreateDesign(ctx, storetest.HundredBlockDesign(t))
	if err != nil {
		t.Fatal(err)
	}
	before := db.TableSizes(t)
	version := 1
	for i := range edits {
		x := float64(i % 1000)
		a, err := db.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: version,
			Ops: design.Ops{{Op: design.OpMoveBlock, ID: fmt.Sprintf("F%d", i%50), X: &x, Y: &x}}})
		if err != nil {
			t.Fatal(err)
		}
		version = a.Design.Version
	}
	after := db.TableSizes(t)
	t.Logf("after %d edits: designs %d → %d bytes, revisions %d → %d bytes on disk, revision rows %d → %d bytes",
		edits, before.Designs, after.Designs, before.Revisions, after.Revisions, before.RevisionRows, after.RevisionRows)
	t.Logf("%s", db.Debug(t))
	t.Logf("per revision: %.0f bytes on disk in all, %.0f bytes of revision row",
		float64(after.Designs+after.Revisions-before.Designs-before.Revisions)/edits, float64(after.RevisionRows-before.RevisionRows)/edits)
}
