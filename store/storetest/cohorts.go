package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
)

func wantCodeOf(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := design.ErrorCode(err); got != code {
		t.Fatalf("%s: error %v (code %q), want %q", what, err, got, code)
	}
}

// testLabProgress: a design records the lab it came from, hints are
// counted up to the lab's number, and completion keeps its first time.
func testLabProgress(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	_, err := s.LabOf(ctx, c.Design.ID)
	wantCodeOf(t, "LabOf a design from no lab", err, design.ENOTFOUND)

	started := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if err := s.StartLab(ctx, design.LabStart{DesignID: c.Design.ID, Lab: "fan-out", StartedAt: started}); err != nil {
		t.Fatal(err)
	}
	wantCodeOf(t, "StartLab twice", s.StartLab(ctx, design.LabStart{DesignID: c.Design.ID, Lab: "fan-out"}), design.ECONFLICT)
	wantCodeOf(t, "StartLab of a missing design", s.StartLab(ctx, design.LabStart{DesignID: "nosuchdesign", Lab: "fan-out"}), design.ENOTFOUND)

	p, err := s.LabOf(ctx, c.Design.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Lab != "fan-out" || p.Hints != 0 || p.MemberID != "" || !p.StartedAt.Equal(started) || p.CompletedAt != nil {
		t.Fatalf("LabOf = %+v", p)
	}
	for want := 1; want <= 3; want++ {
		p, err := s.UseHint(ctx, c.Design.ID, 2)
		if err != nil {
			t.Fatal(err)
		}
		if p.Hints != min(want, 2) {
			t.Fatalf("after %d hints of at most 2: %d counted", want, p.Hints)
		}
	}
	_, err = s.UseHint(ctx, "nosuchdesign", 2)
	wantCodeOf(t, "UseHint of a missing lab design", err, design.ENOTFOUND)

	first := started.Add(90 * time.Minute)
	if err := s.CompleteLab(ctx, c.Design.ID, first); err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteLab(ctx, c.Design.ID, first.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	wantCodeOf(t, "CompleteLab of a missing lab design", s.CompleteLab(ctx, "nosuchdesign", first), design.ENOTFOUND)
	p, err = s.LabOf(ctx, c.Design.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.CompletedAt == nil || !p.CompletedAt.Equal(first) || p.Hints != 2 {
		t.Fatalf("after completing twice: %+v, want the first time %v and 2 hints", p, first)
	}
}

// testCohorts: a cohort opens with its keys only, members join and find
// their labs again with their own key, and the instructor sees everyone's.
func testCohorts(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	cc, err := s.CreateCohort(ctx, "  Serverless week  ", []string{"first-api", "fan-out"})
	if err != nil {
		t.Fatal(err)
	}
	if cc.JoinKey == "" || cc.InstructorKey == "" || cc.JoinKey == cc.InstructorKey {
		t.Fatalf("keys %q and %q", cc.JoinKey, cc.InstructorKey)
	}
	byJoin, err := s.CohortByJoinKey(ctx, cc.JoinKey)
	if err != nil {
		t.Fatal(err)
	}
	if byJoin.ID != cc.Cohort.ID || byJoin.Title != "Serverless week" || !slices.Equal(byJoin.Labs, []string{"first-api", "fan-out"}) {
		t.Fatalf("by join key: %+v", byJoin)
	}
	byInstructor, err := s.CohortByInstructorKey(ctx, cc.InstructorKey)
	if err != nil || byInstructor.ID != cc.Cohort.ID {
		t.Fatalf("by instructor key: %+v, %v", byInstructor, err)
	}
	if join, err := design.OpenKey(cc.InstructorKey, byInstructor.SealedJoinKey); err != nil || join != cc.JoinKey {
		t.Fatalf("the sealed join key opens to %q, %v; want the join key", join, err)
	}
	if _, err := design.OpenKey(cc.JoinKey, byInstructor.SealedJoinKey); err == nil {
		t.Fatal("the join key opens the sealed join key")
	}
	byID, err := s.Cohort(ctx, cc.Cohort.ID)
	if err != nil || byID.Title != "Serverless week" {
		t.Fatalf("by id: %+v, %v", byID, err)
	}
	_, err = s.Cohort(ctx, "nosuchcohort")
	wantCodeOf(t, "an unknown cohort id", err, design.ENOTFOUND)
	_, err = s.CohortByInstructorKey(ctx, cc.JoinKey)
	wantCodeOf(t, "the join key as the instructor's", err, design.EFORBIDDEN)
	_, err = s.CohortByJoinKey(ctx, "nosuchkey")
	wantCodeOf(t, "an unknown join key", err, design.EFORBIDDEN)

	ann, err := s.JoinCohort(ctx, cc.Cohort.ID, "Ann")
	if err != nil {
		t.Fatal(err)
	}
	bob, err := s.JoinCohort(ctx, cc.Cohort.ID, "Bob")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.JoinCohort(ctx, "nosuchcohort", "Eve")
	wantCodeOf(t, "joining a missing cohort", err, design.ENOTFOUND)

	// The rows hold hashes and sealed keys, never a key itself.
	stored := h.StoredCohortKeys(t, s, cc.Cohort.ID, ann.Member.ID)
	if stored[0] != design.HashEditKey(cc.JoinKey) || stored[1] != design.HashEditKey(cc.InstructorKey) || stored[3] != design.HashEditKey(ann.Key) {
		t.Fatalf("the rows hold %q, want the hashes of the keys", stored)
	}
	for _, v := range stored {
		for _, key := range []string{cc.JoinKey, cc.InstructorKey, ann.Key} {
			if strings.Contains(v, key) {
				t.Fatalf("a row holds the key %q itself", key)
			}
		}
	}

	d := MustCreate(t, s, ordersDoc)
	sealed := design.SealKey(ann.Key, d.EditKey)
	if err := s.StartLab(ctx, design.LabStart{DesignID: d.Design.ID, Lab: "fan-out", MemberID: ann.Member.ID, SealedKey: sealed}); err != nil {
		t.Fatal(err)
	}
	d2 := MustCreate(t, s, ordersDoc)
	wantCodeOf(t, "a member starting a lab twice",
		s.StartLab(ctx, design.LabStart{DesignID: d2.Design.ID, Lab: "fan-out", MemberID: ann.Member.ID}), design.ECONFLICT)
	if err := s.StartLab(ctx, design.LabStart{DesignID: d2.Design.ID, Lab: "fan-out", MemberID: bob.Member.ID}); err != nil {
		t.Fatalf("another member starting the same lab: %v", err)
	}
	d3 := MustCreate(t, s, ordersDoc)
	wantCodeOf(t, "StartLab for a missing member",
		s.StartLab(ctx, design.LabStart{DesignID: d3.Design.ID, Lab: "fan-out", MemberID: "nosuchmember"}), design.ENOTFOUND)

	m, labs, err := s.MemberByKey(ctx, ann.Key)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != ann.Member.ID || m.Name != "Ann" || m.CohortID != cc.Cohort.ID || len(labs) != 1 || labs[0].DesignID != d.Design.ID {
		t.Fatalf("Ann's key opens %+v with labs %+v", m, labs)
	}
	key, err := design.OpenKey(ann.Key, labs[0].SealedKey)
	if err != nil || key != d.EditKey {
		t.Fatalf("Ann's sealed edit key opens to %q, %v", key, err)
	}
	if _, err := design.OpenKey(bob.Key, labs[0].SealedKey); err == nil {
		t.Fatal("Bob's key opens Ann's sealed edit key")
	}
	_, _, err = s.MemberByKey(ctx, cc.JoinKey)
	wantCodeOf(t, "the join key as a member's", err, design.EFORBIDDEN)

	members, all, err := s.CohortProgress(ctx, cc.Cohort.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 2 || members[0].Name != "Ann" || members[1].Name != "Bob" || len(all) != 2 {
		t.Fatalf("progress: members %+v, labs %+v", members, all)
	}
	other, err := s.CreateCohort(ctx, "Other", []string{"first-api"})
	if err != nil {
		t.Fatal(err)
	}
	members, all, err = s.CohortProgress(ctx, other.Cohort.ID)
	if err != nil || len(members) != 0 || len(all) != 0 {
		t.Fatalf("an empty cohort shows %+v, %+v, %v", members, all, err)
	}
}
