package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

// testRevisionAuthors checks that a revision records who made it when the
// batch says, on every path a backend writes by (on the current version,
// on an older one, a batch sent again), and records no one when it does
// not.
func testRevisionAuthors(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	apply := func(id string, base int, by design.Author, ops string) *design.Applied {
		t.Helper()
		a, err := s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{ID: id, BaseVersion: base, By: by, Ops: MustOps(t, ops)})
		if err != nil {
			t.Fatalf("ApplyOps(base %d by %q): %v", base, by.Name, err)
		}
		return a
	}
	ann := design.Author{Name: "Ann"}
	sso := design.Author{Name: "Bo Ek", Verified: true}
	if a := apply("a1", 1, ann, `[{"op":"setTitle","title":"Orders by Ann"}]`); a.Revision.By == nil || *a.Revision.By != ann {
		t.Fatalf("applied v2 answers by %+v, want %+v", a.Revision.By, ann)
	}
	if a := apply("", 2, design.Author{}, `[{"op":"moveBlock","id":"Worker","x":400,"y":40}]`); a.Revision.By != nil {
		t.Fatalf("applied v3 without an author answers by %+v", a.Revision.By)
	}
	// Based on v2, after v3: written under the lock.
	apply("", 2, sso, `[{"op":"updateBlock","id":"Worker","props":{"Timeout":9}}]`)
	// Sent again, the recorded batch answers with its author.
	if a := apply("a1", 1, ann, `[{"op":"setTitle","title":"Orders by Ann"}]`); !a.Replayed || a.Revision.By == nil || *a.Revision.By != ann {
		t.Fatalf("replayed v2 answers by %+v (replayed %v), want %+v", a.Revision.By, a.Replayed, ann)
	}

	revs, err := s.Revisions(ctx, c.Design.ID, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]*design.Author{4: &sso, 3: nil, 2: &ann, 1: nil}
	if len(revs) != len(want) {
		t.Fatalf("%d revisions, want %d", len(revs), len(want))
	}
	for _, r := range revs {
		w := want[r.Version]
		if (w == nil) != (r.By == nil) || w != nil && *w != *r.By {
			t.Errorf("v%d read back by %+v, want %+v", r.Version, r.By, w)
		}
	}

	// A name too long is refused, naming the field, and records nothing.
	long := design.Author{Name: strings.Repeat("n", design.MaxAuthorLen+1)}
	_, err = s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 4, By: long, Ops: MustOps(t, `[{"op":"setTitle","title":"x"}]`)})
	wantCode(t, err, design.EINVALID)
	if d := mustDesign(t, s, c.Design.ID); d.Version != 4 {
		t.Fatalf("a refused author left the design at v%d", d.Version)
	}
}
