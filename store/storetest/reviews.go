package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/archlab/archlab/design"
)

// testReviews checks the review state kept beside a design: it starts a
// draft, each event is made on the current version with the store's time,
// only the edit key changes it, it makes no version of the design, and the
// log reads back by the versions the events were made on.
func testReviews(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	id := c.Design.ID

	r, err := s.Review(ctx, id)
	if err != nil || r.State != design.ReviewDraft || r.Seq != 0 {
		t.Fatalf("a new design's review = %+v, %v; want a draft", r, err)
	}
	if _, err := s.Review(ctx, "nosuchdesign0000"); design.ErrorCode(err) != design.ENOTFOUND {
		t.Fatalf("review of an unknown design: %v, want not found", err)
	}
	if _, err := s.ReviewEvents(ctx, "nosuchdesign0000", 1, 0); design.ErrorCode(err) != design.ENOTFOUND {
		t.Fatalf("review events of an unknown design: %v, want not found", err)
	}
	_, err = s.SetReview(ctx, id, design.NewEditKey(), design.ReviewEvent{State: design.ReviewApproved, By: "Mallory"})
	wantCode(t, err, design.EFORBIDDEN)
	_, err = s.SetReview(ctx, "nosuchdesign0000", c.EditKey, design.ReviewEvent{State: design.ReviewApproved, By: "Ann"})
	wantCode(t, err, design.ENOTFOUND)

	asked, err := s.SetReview(ctx, id, c.EditKey, design.ReviewEvent{State: design.ReviewInReview, By: "Ann", Reviewers: []string{"Bo", "Cy"}, Note: "before Friday"})
	if err != nil {
		t.Fatal(err)
	}
	if asked.Seq != 1 || asked.Version != 1 || asked.At.IsZero() {
		t.Fatalf("request = %+v, want seq 1 on version 1 with a time", asked)
	}
	mustApply(t, s, c, 1, `[{"op":"setTitle","title":"Orders v2"}]`)
	approved, err := s.SetReview(ctx, id, c.EditKey, design.ReviewEvent{State: design.ReviewApproved, By: "Bo"})
	if err != nil {
		t.Fatal(err)
	}
	if approved.Seq != 2 || approved.Version != 2 {
		t.Fatalf("approval = %+v, want seq 2 on version 2", approved)
	}
	if d := mustDesign(t, s, id); d.Version != 2 {
		t.Fatalf("a review event made version %d of the design", d.Version)
	}
	r, err = s.Review(ctx, id)
	if err != nil || r.State != design.ReviewApproved || r.By != "Bo" || r.Version != 2 || !r.At.Equal(approved.At) {
		t.Fatalf("review = %+v, %v; want Bo's approval of version 2", r, err)
	}
	if r.ChangedSince(2) || !r.ChangedSince(3) {
		t.Fatal("ChangedSince disagrees with the version approved")
	}

	mustApply(t, s, c, 2, `[{"op":"setTitle","title":"Orders v3"}]`)
	if _, err := s.SetReview(ctx, id, c.EditKey, design.ReviewEvent{State: design.ReviewChangesRequested, By: "Cy", Note: "add a DLQ"}); err != nil {
		t.Fatal(err)
	}

	all, err := s.ReviewEvents(ctx, id, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range all {
		got = append(got, e.State+"@"+e.By)
	}
	if !slices.Equal(got, []string{"in-review@Ann", "approved@Bo", "changes-requested@Cy"}) {
		t.Fatalf("events = %v", got)
	}
	if !slices.Equal(all[0].Reviewers, []string{"Bo", "Cy"}) || all[0].Note != "before Friday" || all[2].Note != "add a DLQ" || all[1].Reviewers != nil {
		t.Fatalf("events lost their notes or names: %+v", all)
	}
	between, err := s.ReviewEvents(ctx, id, 2, 2)
	if err != nil || len(between) != 1 || between[0].State != design.ReviewApproved {
		t.Fatalf("events on version 2 = %+v, %v", between, err)
	}
	none, err := s.ReviewEvents(ctx, c.Design.ID, 4, 9)
	if err != nil || len(none) != 0 {
		t.Fatalf("events after the last version = %+v, %v", none, err)
	}

	// Another design's review is its own.
	other := MustCreate(t, s, ordersDoc)
	if r, err := s.Review(ctx, other.Design.ID); err != nil || r.State != design.ReviewDraft {
		t.Fatalf("another design's review = %+v, %v", r, err)
	}
	// A replaced edit key no longer changes the review.
	key, err := s.RotateEditKey(ctx, id, c.EditKey)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SetReview(ctx, id, c.EditKey, design.ReviewEvent{State: design.ReviewApproved, By: "Ann"})
	wantCode(t, err, design.EFORBIDDEN)
	if _, err := s.SetReview(ctx, id, key, design.ReviewEvent{State: design.ReviewApproved, By: "Ann"}); err != nil {
		t.Fatal(err)
	}
}
