// Package storetest is the conformance suite every design.Store backend must
// pass, so that SQLite and Postgres behave the same in every way users see.
package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/archlab/archlab/design"
)

// Harness tells the suite how to reach a backend.
type Harness struct {
	// Open returns a store on an empty database, closed when tb ends.
	Open func(tb testing.TB) design.Store
	// StoredEditKey returns what the database row holds in place of the
	// design's edit key, read straight from the table.
	StoredEditKey func(tb testing.TB, s design.Store, id string) string
	// FillComments stores n comments on a design straight into the
	// table, to reach the bound on comments without n commits.
	FillComments func(tb testing.TB, s design.Store, id string, n int)
	// StoredCohortKeys returns what the rows of a cohort and one of its
	// members hold in place of the join, instructor and member keys.
	StoredCohortKeys func(tb testing.TB, s design.Store, cohortID, memberID string) []string
	// StoredSpaceKey returns what the database row holds in place of a
	// space's key.
	StoredSpaceKey func(tb testing.TB, s design.Store, id string) string
}

// Run runs the whole suite.
func Run(t *testing.T, h Harness) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, Harness)
	}{
		{"CreateAndRead", testCreateAndRead},
		{"CreateRefusesInvalid", testCreateRefusesInvalid},
		{"ApplyBatches", testApplyBatches},
		{"ApplyIsAtomic", testApplyIsAtomic},
		{"NotFound", testNotFound},
		{"WrongEditKey", testWrongEditKey},
		{"EditKeyStoredAsHash", testEditKeyStoredAsHash},
		{"Fork", testFork},
		{"RotateEditKey", testRotateEditKey},
		{"HistoryAndRestore", testHistoryAndRestore},
		{"MergeRule", testMergeRule},
		{"BaseVersion", testBaseVersion},
		{"RevisionPages", testRevisionPages},
		{"ConcurrentWriters", testConcurrentWriters},
		{"BatchIDs", testBatchIDs},
		{"RevisionAuthors", testRevisionAuthors},
		{"StaleRefusals", testStaleRefusals},
		{"BoundedText", testBoundedText},
		{"Groups", testGroups},
		{"Reviews", testReviews},
		{"Comments", testComments},
		{"CommentSettings", testCommentSettings},
		{"ConcurrentComments", testConcurrentComments},
		{"CommentsBounded", testCommentsBounded},
		{"LabProgress", testLabProgress},
		{"Cohorts", testCohorts},
		{"Spaces", testSpaces},
		{"SpaceSearch", testSpaceSearch},
		{"SpaceSummaries", testSpaceSummaries},
		{"SpaceHooks", testSpaceHooks},
		{"HookDeliveries", testHookDeliveries},
		{"Traffic", testTraffic},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, h) })
	}
}

const ordersDoc = `{"format":"archlab/v1","title":"Orders","blocks":[
	{"id":"OrdersApi","kind":"apigateway-rest","name":"Orders API","x":80,"y":120},
	{"id":"Worker","kind":"lambda","props":{"Timeout":30,"MemorySize":512}},
	{"id":"OrderQueue","kind":"sqs","props":{"VisibilityTimeout":60}}],
	"connections":[{"id":"c1","from":"OrderQueue","to":"Worker","integration":"event-source-mapping","props":{"BatchSize":10}}]}`

// MustDecode decodes a document or fails the test.
func MustDecode(tb testing.TB, doc string) *design.Design {
	tb.Helper()
	d, err := design.Decode([]byte(doc), design.Builtin())
	if err != nil {
		tb.Fatalf("decode: %v", err)
	}
	return d
}

// MustOps decodes a batch of operations or fails the test.
func MustOps(tb testing.TB, ops string) design.Ops {
	tb.Helper()
	o, err := design.DecodeOps(json.RawMessage(ops), design.Builtin())
	if err != nil {
		tb.Fatalf("decode ops: %v", err)
	}
	return o
}

// MustCreate stores a design or fails the test.
func MustCreate(tb testing.TB, s design.Store, doc string) *design.Created {
	tb.Helper()
	c, err := s.CreateDesign(context.Background(), MustDecode(tb, doc))
	if err != nil {
		tb.Fatalf("CreateDesign: %v", err)
	}
	return c
}

func mustApply(tb testing.TB, s design.Store, c *design.Created, base int, ops string) *design.Applied {
	tb.Helper()
	a, err := s.ApplyOps(context.Background(), c.Design.ID, c.EditKey, design.Batch{BaseVersion: base, Ops: MustOps(tb, ops)})
	if err != nil {
		tb.Fatalf("ApplyOps(base %d, %s): %v", base, ops, err)
	}
	return a
}

func mustDesign(tb testing.TB, s design.Store, id string) *design.Design {
	tb.Helper()
	d, err := s.Design(context.Background(), id)
	if err != nil {
		tb.Fatalf("Design(%s): %v", id, err)
	}
	return d
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := design.ErrorCode(err); got != code {
		tb.Fatalf("error code=%q, want %q (err: %v)", got, code, err)
	}
}

func contentJSON(tb testing.TB, d *design.Design) string {
	tb.Helper()
	b, err := design.MarshalContent(d)
	if err != nil {
		tb.Fatal(err)
	}
	// Re-encode through a generic value so that key order does not matter.
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		tb.Fatal(err)
	}
	b, _ = json.Marshal(v)
	return string(b)
}

func testCreateAndRead(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	if !design.ValidViewID(c.Design.ID) || !design.ValidEditKey(c.EditKey) {
		t.Fatalf("links look wrong: id %q, key %q", c.Design.ID, c.EditKey)
	}
	if c.Design.Version != 1 {
		t.Fatalf("version=%d, want 1", c.Design.Version)
	}
	got := mustDesign(t, s, c.Design.ID)
	if got.Version != 1 || got.Title != "Orders" || got.CreatedAt.IsZero() || got.UpdatedAt.IsZero() {
		t.Fatalf("read back %+v", got)
	}
	if a, b := contentJSON(t, got), contentJSON(t, MustDecode(t, ordersDoc)); a != b {
		t.Fatalf("content differs:\n got %s\nwant %s", a, b)
	}
	byKey, err := s.DesignByEditKey(ctx, c.EditKey)
	if err != nil || byKey.ID != c.Design.ID {
		t.Fatalf("DesignByEditKey = %v, %v", byKey, err)
	}
	// A blank design is a design too.
	blank, err := s.CreateDesign(ctx, &design.Design{})
	if err != nil {
		t.Fatalf("blank design: %v", err)
	}
	if d := mustDesign(t, s, blank.Design.ID); d.Title != "Untitled design" || len(d.Blocks) != 0 {
		t.Fatalf("blank design read back as %+v", d)
	}
	if blank.Design.ID == c.Design.ID || blank.EditKey == c.EditKey {
		t.Fatal("two designs share links")
	}
	revs, err := s.Revisions(ctx, c.Design.ID, 0, 10)
	if err != nil || len(revs) != 1 || revs[0].Version != 1 {
		t.Fatalf("a new design's history = %+v, %v; want one revision", revs, err)
	}
}

func testCreateRefusesInvalid(t *testing.T, h Harness) {
	s := h.Open(t)
	d := &design.Design{Blocks: []design.Block{{ID: "A", Kind: "no-such-kind"}}}
	_, err := s.CreateDesign(context.Background(), d)
	wantCode(t, err, design.EINVALID)
}

func testApplyBatches(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	batches := []string{
		`[{"op":"addBlock","block":{"id":"OrderDLQ","kind":"sqs","x":400,"y":240}}]`,
		`[{"op":"connect","connection":{"id":"r1","from":"OrderQueue","to":"OrderDLQ","props":{"maxReceiveCount":5}}},{"op":"updateBlock","id":"OrderQueue","props":{"VisibilityTimeout":180}}]`,
		`[{"op":"setTitle","title":"Orders, buffered"}]`,
	}
	for i, b := range batches {
		a := mustApply(t, s, c, 1+i, b)
		if a.Design.Version != 2+i || a.Revision.Version != 2+i {
			t.Fatalf("batch %d gave version %d (revision %d), want %d", i, a.Design.Version, a.Revision.Version, 2+i)
		}
	}
	d := mustDesign(t, s, c.Design.ID)
	if d.Version != 4 || d.Title != "Orders, buffered" || d.Connection("r1") == nil {
		t.Fatalf("design after three batches: %+v", d)
	}
	if v, _ := d.Block("OrderQueue").Props.Number("VisibilityTimeout"); v != 180 {
		t.Fatalf("VisibilityTimeout=%v, want 180", v)
	}
	if !d.UpdatedAt.After(d.CreatedAt) && !d.UpdatedAt.Equal(d.CreatedAt) {
		t.Fatalf("updatedAt %v before createdAt %v", d.UpdatedAt, d.CreatedAt)
	}
	revs, err := s.Revisions(ctx, c.Design.ID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 4 {
		t.Fatalf("%d revisions, want one per batch plus creation (4)", len(revs))
	}
	for i, r := range revs {
		if r.Version != 4-i {
			t.Fatalf("revision %d has version %d; want newest first", i, r.Version)
		}
		if r.CreatedAt.IsZero() || len(r.Ops) == 0 {
			t.Fatalf("revision %d lacks time or operations: %+v", r.Version, r)
		}
	}
	if revs[1].Ops[0].Op != design.OpConnect || len(revs[1].Inverse) != 2 {
		t.Fatalf("revision 3 = %+v, want the connect batch with a two-step inverse", revs[1])
	}
	// The stored inverse undoes the batch.
	a := mustApply(t, s, c, 4, mustJSON(t, revs[1].Inverse))
	if a.Design.Connection("r1") != nil {
		t.Fatal("applying the stored inverse did not remove the connection")
	}
	if v, _ := a.Design.Block("OrderQueue").Props.Number("VisibilityTimeout"); v != 60 {
		t.Fatalf("undo left VisibilityTimeout=%v, want 60", v)
	}
}

func mustJSON(tb testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func testApplyIsAtomic(t *testing.T, h Harness) {
	s := h.Open(t)
	c := MustCreate(t, s, ordersDoc)
	before := contentJSON(t, mustDesign(t, s, c.Design.ID))
	_, err := s.ApplyOps(context.Background(), c.Design.ID, c.EditKey, design.Batch{BaseVersion: 1, Ops: MustOps(t, `[
		{"op":"setTitle","title":"half"},
		{"op":"connect","connection":{"from":"Worker","to":"NoSuchBlock","integration":"sdk"}}]`)})

	wantCode(t, err, design.EINVALID)
	if e := err.(*design.Error); e.Field != "ops[1].connection.to" {
		t.Fatalf("error field=%q, want ops[1].connection.to", e.Field)
	}
	d := mustDesign(t, s, c.Design.ID)
	if d.Version != 1 || contentJSON(t, d) != before {
		t.Fatal("a refused batch changed the design")
	}
	revs, _ := s.Revisions(context.Background(), c.Design.ID, 0, 10)
	if len(revs) != 1 {
		t.Fatalf("a refused batch left a revision: %d revisions", len(revs))
	}
}

func testNotFound(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	const missing = "aaaaaaaaaaaaaaaa"
	_, err := s.Design(ctx, missing)
	wantCode(t, err, design.ENOTFOUND)
	_, err = s.ApplyOps(ctx, missing, design.NewEditKey(), design.Batch{BaseVersion: 1, Ops: MustOps(t, `[{"op":"setTitle","title":"x"}]`)})
	wantCode(t, err, design.ENOTFOUND)
	_, err = s.Revisions(ctx, missing, 0, 10)
	wantCode(t, err, design.ENOTFOUND)
	_, err = s.ForkDesign(ctx, missing)
	wantCode(t, err, design.ENOTFOUND)
}

func testWrongEditKey(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	other := MustCreate(t, s, ordersDoc)
	for _, key := range []string{"", design.NewEditKey(), other.EditKey, c.Design.ID} {
		_, err := s.ApplyOps(ctx, c.Design.ID, key, design.Batch{BaseVersion: 1, Ops: MustOps(t, `[{"op":"setTitle","title":"hijacked"}]`)})
		wantCode(t, err, design.EFORBIDDEN)
	}
	_, err := s.DesignByEditKey(ctx, design.NewEditKey())
	wantCode(t, err, design.EFORBIDDEN)
	if d := mustDesign(t, s, c.Design.ID); d.Version != 1 || d.Title != "Orders" {
		t.Fatal("a write with a wrong key changed the design")
	}
}

func testEditKeyStoredAsHash(t *testing.T, h Harness) {
	s := h.Open(t)
	c := MustCreate(t, s, ordersDoc)
	stored := h.StoredEditKey(t, s, c.Design.ID)
	if stored == "" || strings.Contains(stored, c.EditKey) {
		t.Fatalf("the row holds %q for edit key %q: it must hold only a hash", stored, c.EditKey)
	}
	if stored != design.HashEditKey(c.EditKey) {
		t.Fatalf("the row holds %q, want the SHA-256 of the key", stored)
	}
}

func testFork(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	mustApply(t, s, c, 1, `[{"op":"setTitle","title":"Orders"},{"op":"moveBlock","id":"Worker","x":10,"y":10}]`)
	f, err := s.ForkDesign(ctx, c.Design.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Design.ID == c.Design.ID || f.EditKey == c.EditKey || f.Design.Version != 1 {
		t.Fatalf("fork = %+v; want new links at version 1", f.Design)
	}
	got := mustDesign(t, s, f.Design.ID)
	if o := got.ForkedFrom; o == nil || o.ID != c.Design.ID || o.Version != 2 || o.Title != "Orders" {
		t.Fatalf("fork origin = %+v, want %s at v2", o, c.Design.ID)
	}
	if contentJSON(t, got) != contentJSON(t, mustDesign(t, s, c.Design.ID)) {
		t.Fatal("the fork's content differs from the original's")
	}
	mustApply(t, s, f, 1, `[{"op":"removeBlock","id":"Worker"}]`)
	if mustDesign(t, s, c.Design.ID).Block("Worker") == nil {
		t.Fatal("editing the fork changed the original")
	}
}

// testMergeRule checks that a batch based on an old version applies when it
// touches nothing changed since, and is a conflict otherwise.
func testRotateEditKey(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	if _, err := s.RotateEditKey(ctx, c.Design.ID, design.NewEditKey()); design.ErrorCode(err) != design.EFORBIDDEN {
		t.Fatalf("rotating with a wrong key: %v, want forbidden", err)
	}
	if _, err := s.RotateEditKey(ctx, "nosuchdesign0000", c.EditKey); design.ErrorCode(err) != design.ENOTFOUND {
		t.Fatalf("rotating an unknown design: %v, want not found", err)
	}
	key, err := s.RotateEditKey(ctx, c.Design.ID, c.EditKey)
	if err != nil {
		t.Fatal(err)
	}
	if key == c.EditKey || !design.ValidEditKey(key) {
		t.Fatalf("new key %q", key)
	}
	if _, err := s.DesignByEditKey(ctx, c.EditKey); design.ErrorCode(err) != design.EFORBIDDEN {
		t.Errorf("the old key still opens the design: %v", err)
	}
	_, err = s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 1, Ops: MustOps(t, `[{"op":"setTitle","title":"Stolen"}]`)})
	wantCode(t, err, design.EFORBIDDEN)
	if d, err := s.DesignByEditKey(ctx, key); err != nil || d.ID != c.Design.ID {
		t.Fatalf("the new key opens %v, %v", d, err)
	}
	mustApply(t, s, &design.Created{Design: c.Design, EditKey: key}, 1, `[{"op":"setTitle","title":"Still mine"}]`)
	if h.StoredEditKey != nil {
		if got := h.StoredEditKey(t, s, c.Design.ID); got != design.HashEditKey(key) {
			t.Errorf("the row holds %q, not the new key's hash", got)
		}
	}
}

func testHistoryAndRestore(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	cat := design.Builtin()
	c := MustCreate(t, s, ordersDoc)
	v1 := contentJSON(t, mustDesign(t, s, c.Design.ID))
	mustApply(t, s, c, 1, `[{"op":"addBlock","block":{"id":"OrderDLQ","kind":"sqs"}},
		{"op":"updateBlock","id":"Worker","props":{"Timeout":60,"MemorySize":null}}]`)
	mustApply(t, s, c, 2, `[{"op":"moveBlock","id":"Worker","x":400,"y":40},{"op":"setTitle","title":"Orders v3"}]`)
	mustApply(t, s, c, 3, `[{"op":"connect","connection":{"id":"r1","from":"OrderQueue","to":"OrderDLQ","integration":"dead-letter","props":{"maxReceiveCount":5}}}]`)

	hist, err := design.History(ctx, s, c.Design.ID, 0, 10, cat)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range hist {
		got = append(got, fmt.Sprintf("v%d: %s", e.Version, strings.Join(e.Diff.Summary(cat), "; ")))
	}
	want := []string{
		"v4: connected OrderQueue → OrderDLQ (dead letter)",
		`v3: retitled "Orders" → "Orders v3"; moved Worker`,
		"v2: added SQS queue OrderDLQ; Worker: MemorySize unset (was 512), Timeout 30 → 60",
		"v1: ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("history:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if page, err := design.History(ctx, s, c.Design.ID, 3, 1, cat); err != nil || len(page) != 1 || page[0].Version != 2 {
		t.Errorf("the page below v3: %v, %v", page, err)
	}

	old, err := design.VersionAt(ctx, s, mustDesign(t, s, c.Design.ID), 1, cat)
	if err != nil {
		t.Fatal(err)
	}
	if got := contentJSON(t, old); got != v1 {
		t.Errorf("version 1 rebuilt:\n%s\nwant:\n%s", got, v1)
	}
	if _, err := design.VersionAt(ctx, s, mustDesign(t, s, c.Design.ID), 9, cat); design.ErrorCode(err) != design.ENOTFOUND {
		t.Errorf("an unknown version: %v, want not found", err)
	}
	// Several versions at once, in the order asked, are the versions one
	// at a time.
	several, err := design.VersionsAt(ctx, s, mustDesign(t, s, c.Design.ID), cat, 3, 1, 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range []int{3, 1, 4, 3} {
		one, err := design.VersionAt(ctx, s, mustDesign(t, s, c.Design.ID), v, cat)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := contentJSON(t, several[i]), contentJSON(t, one); got != want || several[i].Version != v {
			t.Errorf("VersionsAt's %d (v%d):\n%s\nwant:\n%s", i, several[i].Version, got, want)
		}
	}
	if _, err := design.VersionsAt(ctx, s, mustDesign(t, s, c.Design.ID), cat, 2, 9); design.ErrorCode(err) != design.ENOTFOUND {
		t.Errorf("an unknown version among known ones: %v, want not found", err)
	}
	// Restoring is a new revision with the old content: history is never
	// rewritten.
	restored, err := s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: 4, Ops: design.RestoreOps(old)})
	if err != nil {
		t.Fatal(err)
	}
	if restored.Design.Version != 5 || contentJSON(t, restored.Design) != v1 {
		t.Errorf("restored v%d:\n%s\nwant:\n%s", restored.Design.Version, contentJSON(t, restored.Design), v1)
	}
	if revs, _ := s.Revisions(ctx, c.Design.ID, 0, 10); len(revs) != 5 {
		t.Errorf("after a restore the design has %d revisions, want 5", len(revs))
	}
}

func testMergeRule(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)                                                                                   // v1
	mustApply(t, s, c, 1, `[{"op":"updateBlock","id":"Worker","props":{"Timeout":60}}]`)                               // v2
	mustApply(t, s, c, 1, `[{"op":"updateBlock","id":"OrderQueue","props":{"VisibilityTimeout":400}}]`)                // v3: other block
	mustApply(t, s, c, 1, `[{"op":"updateBlock","id":"Worker","props":{"MemorySize":1024}}]`)                          // v4: other property
	mustApply(t, s, c, 1, `[{"op":"moveBlock","id":"Worker","x":300,"y":100}]`)                                        // v5: position
	mustApply(t, s, c, 2, `[{"op":"connect","connection":{"from":"OrdersApi","to":"Worker","integration":"invoke"}}]`) // v6

	for _, tc := range []struct {
		name, ops string
		base      int
	}{
		{"same property", `[{"op":"updateBlock","id":"Worker","props":{"Timeout":90}}]`, 1},
		{"same position", `[{"op":"moveBlock","id":"Worker","x":0,"y":0}]`, 4},
		{"remove a block changed since", `[{"op":"removeBlock","id":"OrderQueue"}]`, 2},
		{"title after a replace", `[{"op":"setTitle","title":"x"}]`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "title after a replace" {
				mustApply(t, s, c, 6, `[{"op":"replace","design":`+ordersDoc+`}]`) // v7 rewrites everything
			}
			cur := mustDesign(t, s, c.Design.ID)
			_, err := s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: tc.base, Ops: MustOps(t, tc.ops)})
			wantCode(t, err, design.ECONFLICT)
			e := err.(*design.Error)
			if e.Current == nil || e.Current.Version != cur.Version {
				t.Fatalf("the conflict carries %+v, want the current design at v%d", e.Current, cur.Version)
			}
			if after := mustDesign(t, s, c.Design.ID); after.Version != cur.Version {
				t.Fatal("a conflicting batch was applied")
			}
		})
	}
	d := mustDesign(t, s, c.Design.ID)
	if d.Version != 7 {
		t.Fatalf("version=%d, want 7", d.Version)
	}
}

func testBaseVersion(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	for _, base := range []int{0, -1, 2} {
		_, err := s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: base, Ops: MustOps(t, `[{"op":"setTitle","title":"x"}]`)})
		wantCode(t, err, design.EINVALID)
		if e := err.(*design.Error); e.Field != "baseVersion" {
			t.Fatalf("base %d: field=%q, want baseVersion", base, e.Field)
		}
	}
}

func testRevisionPages(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := context.Background()
	c := MustCreate(t, s, ordersDoc)
	for v := 1; v <= 9; v++ {
		mustApply(t, s, c, v, fmt.Sprintf(`[{"op":"moveBlock","id":"Worker","x":%d,"y":0}]`, v*10))
	}
	page, err := s.Revisions(ctx, c.Design.ID, 0, 4)
	if err != nil || len(page) != 4 || page[0].Version != 10 || page[3].Version != 7 {
		t.Fatalf("first page = %v, %v", versions(page), err)
	}
	page, err = s.Revisions(ctx, c.Design.ID, 7, 4)
	if err != nil || len(page) != 4 || page[0].Version != 6 || page[3].Version != 3 {
		t.Fatalf("second page = %v, %v", versions(page), err)
	}
	page, _ = s.Revisions(ctx, c.Design.ID, 3, 4)
	if len(page) != 2 || page[1].Version != 1 {
		t.Fatalf("last page = %v", versions(page))
	}
}

func versions(revs []design.Revision) []int {
	var v []int
	for _, r := range revs {
		v = append(v, r.Version)
	}
	return v
}

// testConcurrentWriters runs 20 writers of 25 one-operation batches each on
// one design. Every writer bases each batch on the version it last saw, so
// most batches are stale; none collide, so all 500 must apply.
func testConcurrentWriters(t *testing.T, h Harness) {
	const writers, perWriter = 20, 25
	s := h.Open(t)
	ctx := context.Background()
	var doc strings.Builder
	doc.WriteString(`{"format":"archlab/v1","title":"Busy","blocks":[`)
	for w := range writers {
		if w > 0 {
			doc.WriteString(",")
		}
		fmt.Fprintf(&doc, `{"id":"W%d","kind":"lambda"}`, w)
	}
	doc.WriteString(`],"connections":[]}`)
	c := MustCreate(t, s, doc.String())

	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			base := 1
			for i := range perWriter {
				var op string
				if i%2 == 0 {
					op = fmt.Sprintf(`[{"op":"addBlock","block":{"id":"Q%d_%d","kind":"sqs","x":%d,"y":%d}}]`, w, i, i*10, w*10)
				} else {
					op = fmt.Sprintf(`[{"op":"updateBlock","id":"W%d","props":{"MemorySize":%d}}]`, w, 128+64*i)
				}
				a, err := s.ApplyOps(ctx, c.Design.ID, c.EditKey, design.Batch{BaseVersion: base, Ops: MustOps(t, op)})
				if err != nil {
					errs <- fmt.Errorf("writer %d batch %d (base %d): %w", w, i, base, err)
					return
				}
				base = a.Design.Version
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	d := mustDesign(t, s, c.Design.ID)
	if want := 1 + writers*perWriter; d.Version != want {
		t.Fatalf("version=%d, want %d", d.Version, want)
	}
	if want := writers + writers*((perWriter+1)/2); len(d.Blocks) != want {
		t.Fatalf("%d blocks, want %d", len(d.Blocks), want)
	}
	for w := range writers {
		if v, _ := d.Block(fmt.Sprintf("W%d", w)).Props.Number("MemorySize"); v != 128+64*(perWriter-2) {
			t.Errorf("W%d MemorySize=%v, want its writer's last value %d", w, v, 128+64*(perWriter-2))
		}
		for i := 0; i < perWriter; i += 2 {
			if d.Block(fmt.Sprintf("Q%d_%d", w, i)) == nil {
				t.Errorf("block Q%d_%d is missing", w, i)
			}
		}
	}
	revs, err := s.Revisions(ctx, c.Design.ID, 0, 1000)
	if err != nil || len(revs) != 1+writers*perWriter {
		t.Fatalf("%d revisions (%v), want %d", len(revs), err, 1+writers*perWriter)
	}
}
