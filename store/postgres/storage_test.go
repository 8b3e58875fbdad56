package postgres_test

import (
	"context"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/store/storetest"
)

// TestStorageGrowsByTheRevisions edits a 100-block design 2,000 times (one
// block moved each time) and measures the tables. The design's current
// row must be updated in place, not leave a dead copy of the document per
// edit for a vacuum to reclaim (this database may run without autovacuum,
// as the one the issue was measured on did), so storage grows by what the
// revisions hold. It logs the figures README gives.
func TestStorageGrowsByTheRevisions(t *testing.T) {
	if testing.Short() {
		t.Skip("2,000 edits")
	}
	for _, tc := range []struct {
		name string
		d    func(testing.TB) *design.Design
		// inPlace: the document, compressed, fits a page, so the row is
		// updated in place; a larger one is stored out of line, and each
		// edit leaves a dead copy until a vacuum (measured, not held).
		inPlace bool
	}{
		{"plain", storetest.HundredBlockDesign, true},
		{"realistic", func(tb testing.TB) *design.Design { return apptest.RealisticDesign(tb, design.Builtin(), 100) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const edits = 2000
			db := MustOpen(t)
			ctx := context.Background()
			c, err := db.CreateDesign(ctx, tc.d(t))
			if err != nil {
				t.Fatal(err)
			}
			before := db.TableSizes(t)
			version := 1
			for i := range edits {
				x := float64(i % 1000)
				id := c.Design.Blocks[i%len(c.Design.Blocks)].ID
				a, err := db.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: version,
					Ops: design.Ops{{Op: design.OpMoveBlock, ID: id, X: &x, Y: &x}}})
				if err != nil {
					t.Fatal(err)
				}
				version = a.Design.Version
			}
			after := db.TableSizes(t)
			t.Logf("%d edits of a %d-byte document (%d bytes as stored): designs %d → %d bytes, revisions %d → %d bytes (rows %d → %d)",
				edits, after.Content, after.StoredContent, before.Designs, after.Designs, before.Revisions, after.Revisions, before.RevisionRows, after.RevisionRows)
			t.Logf("per revision: %.0f bytes on disk in all, %.0f bytes of revision row",
				float64(after.Designs+after.Revisions-before.Designs-before.Revisions)/edits, float64(after.RevisionRows-before.RevisionRows)/edits)
			// Out of line, each edit left a dead copy of the stored document
			// (4.0 MB over these edits). In place, the next update prunes the
			// dead copy, unless a transaction elsewhere in the database still
			// holds an older snapshot (tests of other packages running beside
			// this one): then copies wait for it, a fraction of the document
			// per edit (254 KB over these edits, measured so).
			if grew, most := after.Designs-before.Designs, edits*after.StoredContent/4; tc.inPlace && grew > most {
				t.Errorf("the designs table grew by %d bytes over %d edits of one design (at most %d expected); want it updated in place", grew, edits, most)
			}
		})
	}
}
