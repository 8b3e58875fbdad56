package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/archlab/archlab/design"
)

// groupsDoc holds a VPC with a subnet around the worker.
const groupsDoc = `{"format":"archlab/v1","title":"Orders","blocks":[
	{"id":"Worker","kind":"lambda","x":300,"y":120},
	{"id":"OrderQueue","kind":"sqs","x":80,"y":120}],
	"connections":[{"id":"c1","from":"OrderQueue","to":"Worker","integration":"event-source-mapping"}],
	"groups":[{"id":"Main","kind":"vpc","name":"Main VPC","blocks":[]},
	{"id":"Private","kind":"subnet","name":"Private","parent":"Main","blocks":["Worker"]}]}`

// testGroups checks that a design's groups are stored and read back, that
// group operations and their stored inverses apply, and that removing a
// block takes it out of its groups in the stored design.
func testGroups(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, groupsDoc)
	got := mustDesign(t, s, c.Design.ID)
	if a, b := contentJSON(t, got), contentJSON(t, MustDecode(t, groupsDoc)); a != b {
		t.Fatalf("groups not stored as given:\n got %s\nwant %s", a, b)
	}
	mustApply(t, s, c, 1, `[{"op":"addGroup","group":{"id":"Orders","kind":"context","name":"Orders team","blocks":["OrderQueue","Worker"]}},{"op":"updateGroup","id":"Main","name":"Shared"}]`)
	a := mustApply(t, s, c, 2, `[{"op":"removeBlock","id":"Worker"}]`)
	if g := a.Design.Group("Orders"); g == nil || !slices.Equal(g.Blocks, []string{"OrderQueue"}) {
		t.Fatalf("after removing Worker, Orders = %+v", g)
	}
	d := mustDesign(t, s, c.Design.ID)
	if len(d.Group("Private").Blocks) != 0 || d.Group("Main").Name != "Shared" {
		t.Fatalf("stored groups after the edits: %+v", d.Groups)
	}
	revs, err := s.Revisions(ctx, c.Design.ID, 0, 1)
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions = %v, %v", revs, err)
	}
	// The stored inverse (read back from the database) puts Worker back
	// in both groups.
	back := mustApply(t, s, c, 3, mustJSON(t, revs[0].Inverse))
	if !slices.Contains(back.Design.Group("Private").Blocks, "Worker") || !slices.Contains(back.Design.Group("Orders").Blocks, "Worker") {
		t.Fatalf("undo left groups %+v", back.Design.Groups)
	}
	// A removal of the VPC takes its subnet; a stale rename of the subnet
	// is then a conflict.
	mustApply(t, s, c, 4, `[{"op":"removeGroup","id":"Main"}]`)
	_, err = s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 4, Ops: MustOps(t, `[{"op":"updateGroup","id":"Private","name":"x"}]`)})
	wantCode(t, err, design.ECONFLICT)
}
