package storetest

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/archlab/archlab/design"
)

// testBatchIDs checks that a batch sent again under its id (after a lost
// answer) is never applied twice, however late it comes.
func testBatchIDs(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	apply := func(id string, base int, ops string) (*design.Applied, error) {
		return s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{ID: id, BaseVersion: base, Ops: MustOps(t, ops)})
	}
	first, err := apply("b1", 1, `[{"op":"moveBlock","id":"Worker","x":400,"y":40}]`)
	if err != nil || first.Replayed || first.Revision.Version != 2 {
		t.Fatalf("first send: %+v, %v", first, err)
	}
	again, err := apply("b1", 1, `[{"op":"moveBlock","id":"Worker","x":400,"y":40}]`)
	if err != nil {
		t.Fatalf("resend: %v", err)
	}
	if !again.Replayed || again.Revision.Version != 2 || again.Design.Version != 2 {
		t.Fatalf("resend: replayed=%v revision v%d design v%d, want the recorded v2", again.Replayed, again.Revision.Version, again.Design.Version)
	}
	if mustJSON(t, again.Revision.Inverse) != mustJSON(t, first.Revision.Inverse) || mustJSON(t, again.Revision.Ops) != mustJSON(t, first.Revision.Ops) {
		t.Fatalf("the resend answers another revision: %s, want %s", mustJSON(t, again.Revision), mustJSON(t, first.Revision))
	}

	// Someone else moves the block on; the late resend must not move it back.
	mustApply(t, s, c, 2, `[{"op":"moveBlock","id":"Worker","x":8,"y":8}]`) // v3
	late, err := apply("b1", 1, `[{"op":"moveBlock","id":"Worker","x":400,"y":40}]`)
	if err != nil || !late.Replayed || late.Design.Version != 3 {
		t.Fatalf("late resend: %+v, %v; want the recorded batch with the design at v3", late, err)
	}
	if w := mustDesign(t, s, c.Design.ID).Block("Worker"); w.X != 8 || w.Y != 8 {
		t.Fatalf("the late resend moved Worker to %v,%v", w.X, w.Y)
	}

	// A refused batch records nothing: its id still applies a right batch.
	_, err = apply("b2", 3, `[{"op":"updateBlock","id":"Nope","props":{"Timeout":3}}]`)
	wantCode(t, err, design.EINVALID)
	if a, err := apply("b2", 3, `[{"op":"setTitle","title":"Orders v4"}]`); err != nil || a.Replayed || a.Design.Version != 4 {
		t.Fatalf("after a refusal, the same id: %+v, %v", a, err)
	}

	// Ids are per design: another design may use the same one.
	other := MustCreate(t, s, ordersDoc)
	if a, err := s.ApplyOps(ctx, other.Design.ID, other.EditKey, design.Batch{ID: "b1", BaseVersion: 1, Ops: MustOps(t, `[{"op":"setTitle","title":"Other"}]`)}); err != nil || a.Replayed {
		t.Fatalf("the same id on another design: %+v, %v", a, err)
	}

	// Resends racing each other: one applies, every one is answered.
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	replays := make([]bool, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := apply("race", 4, `[{"op":"updateBlock","id":"Worker","props":{"Timeout":77}}]`)
			errs[i] = err
			if err == nil {
				replays[i] = a.Replayed
			}
		}()
	}
	wg.Wait()
	applied := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("racing resend %d: %v", i, errs[i])
		}
		if !replays[i] {
			applied++
		}
	}
	if d := mustDesign(t, s, c.Design.ID); applied != 1 || d.Version != 5 {
		t.Fatalf("%d of %d racing sends applied, design at v%d; want one, at v5", applied, n, d.Version)
	}
	revs, err := s.Revisions(ctx, c.Design.ID, 0, 100)
	if err != nil || len(revs) != 5 {
		t.Fatalf("revisions: %d, %v; want 5", len(revs), err)
	}
}

// testStaleRefusals checks that an edit based on an older version that
// the current design refuses because of someone else's edit is a conflict
// with the fresh design, and an edit wrong on its own stays invalid.
func testStaleRefusals(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)                                                                                             // v1
	mustApply(t, s, c, 1, `[{"op":"removeBlock","id":"OrderQueue"}]`)                                                            // v2
	mustApply(t, s, c, 2, `[{"op":"addBlock","block":{"id":"Notifier","kind":"lambda"}}]`)                                       // v3
	mustApply(t, s, c, 3, `[{"op":"connect","connection":{"id":"c9","from":"OrdersApi","to":"Worker","integration":"invoke"}}]`) // v4
	for _, tc := range []struct {
		name, ops string
		base      int
		code      string
	}{
		{"edit a block removed since", `[{"op":"updateBlock","id":"OrderQueue","props":{"VisibilityTimeout":90}}]`, 1, design.ECONFLICT},
		{"connect to a block removed since", `[{"op":"connect","connection":{"from":"Worker","to":"OrderQueue","integration":"sdk"}}]`, 1, design.ECONFLICT},
		{"add an id taken since", `[{"op":"addBlock","block":{"id":"Notifier","kind":"sqs"}}]`, 2, design.ECONFLICT},
		{"connect with an id taken since", `[{"op":"connect","connection":{"id":"c9","from":"Worker","to":"Notifier","integration":"sdk"}}]`, 3, design.ECONFLICT},
		{"edit a block that never was", `[{"op":"updateBlock","id":"Nope","props":{"Timeout":3}}]`, 1, design.EINVALID},
		{"a value the catalogue refuses", `[{"op":"updateBlock","id":"OrderQueue","props":{"VisibilityTimeout":"soon"}}]`, 1, design.EINVALID},
		{"add an id taken at the base", `[{"op":"addBlock","block":{"id":"Worker","kind":"sqs"}}]`, 1, design.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: tc.base, Ops: MustOps(t, tc.ops)})
			wantCode(t, err, tc.code)
			e := err.(*design.Error)
			if tc.code == design.ECONFLICT && (e.Current == nil || e.Current.Version != 4) {
				t.Fatalf("the conflict carries %v, want the current design at v4", e.Current)
			}
			if tc.code == design.EINVALID && e.Current != nil {
				t.Fatalf("a refusal carries a design")
			}
			if tc.code == design.ECONFLICT && !strings.Contains(e.Message, "someone else changed") {
				t.Fatalf("message %q does not say what happened", e.Message)
			}
		})
	}
	if d := mustDesign(t, s, c.Design.ID); d.Version != 4 {
		t.Fatalf("version=%d, want 4: a refused batch was applied", d.Version)
	}
}
