package storetest

import (
	"context"
	"testing"
)

// trafficDoc states traffic on the API and an assumption on the worker.
const trafficDoc = `{"format":"archlab/v1","title":"Orders","blocks":[
	{"id":"Api","kind":"apigateway-rest","x":40,"y":120},
	{"id":"Worker","kind":"lambda","x":300,"y":120}],
	"connections":[{"id":"c1","from":"Api","to":"Worker","integration":"invoke"}],
	"traffic":{"Api":{"averagePerSecond":100,"peakPerSecond":500,"payloadBytes":2048}},
	"assumptions":{"Worker":{"durationMs":200}}}`

// testTraffic checks that traffic and assumptions are stored and read
// back, that setTraffic applies, and that its stored inverse (read back
// from the database) restores what was there, as does the inverse of
// removing a block with traffic.
func testTraffic(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, trafficDoc)
	if a, b := contentJSON(t, mustDesign(t, s, c.Design.ID)), contentJSON(t, MustDecode(t, trafficDoc)); a != b {
		t.Fatalf("traffic not stored as given:\n got %s\nwant %s", a, b)
	}
	mustApply(t, s, c, 1, `[{"op":"setTraffic","id":"Api","traffic":{"averagePerSecond":300}}]`)
	if d := mustDesign(t, s, c.Design.ID); d.Traffic["Api"].Peak() != 300 || d.Traffic["Api"].PayloadBytes != nil {
		t.Fatalf("stored traffic = %+v", d.Traffic)
	}
	revs, err := s.Revisions(ctx, c.Design.ID, 0, 1)
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions = %v, %v", revs, err)
	}
	back := mustApply(t, s, c, 2, mustJSON(t, revs[0].Inverse))
	if back.Design.Traffic["Api"].Peak() != 500 {
		t.Fatalf("undo gave %+v", back.Design.Traffic)
	}
	mustApply(t, s, c, 3, `[{"op":"removeBlock","id":"Worker"}]`)
	if d := mustDesign(t, s, c.Design.ID); d.Assumptions != nil {
		t.Fatalf("assumptions of a removed block kept: %+v", d.Assumptions)
	}
	revs, err = s.Revisions(ctx, c.Design.ID, 0, 1)
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions = %v, %v", revs, err)
	}
	if back := mustApply(t, s, c, 4, mustJSON(t, revs[0].Inverse)); back.Design.AssumptionsOf("Worker") == nil {
		t.Fatalf("undoing the removal lost the assumptions: %+v", back.Design.Assumptions)
	}
}
