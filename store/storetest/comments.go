package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
)

// testComments: threads and replies are numbered in order, keep what they
// were about and the version they were made at, resolve and reopen, and
// outlive the block they were about.
func testComments(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t)
	c := MustCreate(t, s, ordersDoc)
	id := c.Design.ID

	if got, err := s.Comments(ctx, id); err != nil || len(got) != 0 {
		t.Fatalf("Comments of a new design = %v, %v; want none", got, err)
	}
	queue := design.Subject{Kind: design.SubjectBlock, ID: "OrderQueue", Label: "OrderQueue", What: "SQS queue"}
	alice := design.Author{Name: "Alice", Verified: true}
	first, err := s.AddComment(ctx, design.NewComment{Design: id, Subject: queue, Author: alice, Text: "Is 60 s **enough**?"})
	if err != nil {
		t.Fatal(err)
	}
	if first.ID != "c1" || first.Thread != "c1" || first.Version != 1 || first.CreatedAt.IsZero() {
		t.Fatalf("first comment = %+v; want c1 in thread c1 at version 1 with a time", first)
	}
	mustApply(t, s, c, 1, `[{"op":"updateBlock","id":"OrderQueue","name":"Orders"}]`)
	// A reply names its thread and is about what the thread is about,
	// whatever subject it was sent with.
	reply, err := s.AddComment(ctx, design.NewComment{Design: id, Thread: "c1", Subject: design.Subject{Kind: design.SubjectDesign}, Author: design.Author{Name: "Bob"}, Text: "Raised it to 180."})
	if err != nil {
		t.Fatal(err)
	}
	if reply.ID != "c2" || reply.Thread != "c1" || reply.Version != 2 || reply.Subject.Key() != "block:OrderQueue" {
		t.Fatalf("reply = %+v; want c2 in thread c1 at version 2 about block:OrderQueue", reply)
	}
	finding := design.Subject{Kind: design.SubjectFinding, Rule: "sqs-visibility-6x", Subjects: []string{"OrderQueue", "c1"}, Label: "sqs-visibility-6x on Orders, Orders → Worker"}
	if _, err := s.AddComment(ctx, design.NewComment{Design: id, Subject: finding, Author: alice, Text: "@Bob see this"}); err != nil {
		t.Fatal(err)
	}

	_, err = s.AddComment(ctx, design.NewComment{Design: id, Thread: "c9", Author: alice, Text: "to nowhere"})
	wantCode(t, err, design.EINVALID)
	if de, ok := err.(*design.Error); !ok || de.Field != "thread" {
		t.Fatalf("reply to an unknown thread: %v; want an error on the field thread", err)
	}
	// A reply is no thread: replying to it is replying to no thread.
	_, err = s.AddComment(ctx, design.NewComment{Design: id, Thread: "c2", Author: alice, Text: "nested"})
	wantCode(t, err, design.EINVALID)
	_, err = s.AddComment(ctx, design.NewComment{Design: "nosuchdesignxxxx", Author: alice, Text: "x"})
	wantCode(t, err, design.ENOTFOUND)
	_, err = s.Comments(ctx, "nosuchdesignxxxx")
	wantCode(t, err, design.ENOTFOUND)

	// Resolve, then reopen.
	before := time.Now().Add(-time.Minute)
	res, err := s.ResolveThread(ctx, id, "c1", true, design.Author{Name: "Bob"})
	if err != nil {
		t.Fatal(err)
	}
	if res.ID != "c1" || res.Resolved == nil || res.Resolved.By.Name != "Bob" || res.Resolved.At.Before(before) {
		t.Fatalf("resolved thread = %+v; want c1 resolved by Bob now", res)
	}
	all, err := s.Comments(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if ids := commentIDs(all); !slices.Equal(ids, []string{"c1", "c2", "c3"}) {
		t.Fatalf("comments = %v; want c1 c2 c3, oldest first", ids)
	}
	if all[0].Resolved == nil || all[1].Resolved != nil || all[2].Resolved != nil {
		t.Fatalf("only c1 should read resolved: %+v", all)
	}
	got := all[0]
	if got.Author != alice || got.Text != "Is 60 s **enough**?" || got.Subject.Label != "OrderQueue" || got.Subject.What != "SQS queue" || !got.CreatedAt.Equal(first.CreatedAt) {
		t.Fatalf("stored comment = %+v; want it as added %+v", got, first)
	}
	if !all[2].Subject.Is("sqs-visibility-6x", []string{"c1", "OrderQueue"}) {
		t.Fatalf("finding thread subject = %+v; want the finding of sqs-visibility-6x on c1 and OrderQueue", all[2].Subject)
	}
	if res, err = s.ResolveThread(ctx, id, "c1", false, design.Author{Name: "Alice"}); err != nil || res.Resolved != nil {
		t.Fatalf("reopen = %+v, %v; want the thread open", res, err)
	}
	_, err = s.ResolveThread(ctx, id, "c2", true, alice)
	wantCode(t, err, design.ENOTFOUND)
	_, err = s.ResolveThread(ctx, id, "bogus", true, alice)
	wantCode(t, err, design.ENOTFOUND)

	// The block goes; the thread stays, saying what it was about.
	mustApply(t, s, c, 2, `[{"op":"removeBlock","id":"OrderQueue"}]`)
	all, err = s.Comments(ctx, id)
	if err != nil || len(all) != 3 || all[0].Subject.Label != "OrderQueue" {
		t.Fatalf("comments after the block went = %+v, %v", all, err)
	}

	// Comments belong to their design only.
	other := MustCreate(t, s, ordersDoc)
	if got, err := s.Comments(ctx, other.Design.ID); err != nil || len(got) != 0 {
		t.Fatalf("another design's comments = %v, %v; want none", got, err)
	}
	o1, err := s.AddComment(ctx, design.NewComment{Design: other.Design.ID, Author: alice, Text: "hi", Subject: design.Subject{Kind: design.SubjectDesign, Label: "Orders"}})
	if err != nil || o1.ID != "c1" {
		t.Fatalf("first comment of another design = %+v, %v; want c1", o1, err)
	}
	_, err = s.ResolveThread(ctx, other.Design.ID, "c3", true, alice)
	wantCode(t, err, design.ENOTFOUND)

	// Long text is kept whole.
	long := strings.Repeat("é", design.MaxCommentLen)
	lc, err := s.AddComment(ctx, design.NewComment{Design: id, Author: alice, Text: long})
	if err != nil {
		t.Fatal(err)
	}
	all, _ = s.Comments(ctx, id)
	if all[len(all)-1].ID != lc.ID || all[len(all)-1].Text != long {
		t.Fatal("a comment of the longest length did not come back whole")
	}
}

// testCommentSettings: commenting from the view link is on until the edit
// link turns it off.
func testCommentSettings(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t)
	c := MustCreate(t, s, ordersDoc)
	id := c.Design.ID
	got, err := s.CommentSettings(ctx, id)
	if err != nil || !got.FromViewLink {
		t.Fatalf("settings of a new design = %+v, %v; want comments from the view link", got, err)
	}
	wantCode(t, s.SetCommentSettings(ctx, id, design.NewEditKey(), design.CommentSettings{}), design.EFORBIDDEN)
	wantCode(t, s.SetCommentSettings(ctx, "nosuchdesignxxxx", c.EditKey, design.CommentSettings{}), design.ENOTFOUND)
	if got, _ := s.CommentSettings(ctx, id); !got.FromViewLink {
		t.Fatal("a refused change changed the settings")
	}
	if err := s.SetCommentSettings(ctx, id, c.EditKey, design.CommentSettings{FromViewLink: false}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.CommentSettings(ctx, id); got.FromViewLink {
		t.Fatal("comments from the view link still on after turning them off")
	}
	// An edit keeps the setting.
	mustApply(t, s, c, 1, `[{"op":"updateBlock","id":"Worker","name":"W"}]`)
	if got, _ := s.CommentSettings(ctx, id); got.FromViewLink {
		t.Fatal("an edit turned comments from the view link back on")
	}
	_, err = s.CommentSettings(ctx, "nosuchdesignxxxx")
	wantCode(t, err, design.ENOTFOUND)
}

// testConcurrentComments: people commenting at once each get their own
// number, none lost.
func testConcurrentComments(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t)
	c := MustCreate(t, s, ordersDoc)
	const n = 12
	errs := make(chan error, n)
	for i := range n {
		go func() {
			_, err := s.AddComment(ctx, design.NewComment{Design: c.Design.ID, Author: design.Author{Name: "P" + string(rune('a'+i))}, Text: "at once"})
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Comments(ctx, c.Design.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, n)
	for i := range want {
		want[i] = design.CommentID(i + 1)
	}
	if got := commentIDs(all); !slices.Equal(got, want) {
		t.Fatalf("comments = %v; want %v", got, want)
	}
}

func commentIDs(cs []design.Comment) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// testCommentsBounded: a design holds at most MaxCommentsOfDesign comments;
// the next is refused as too large, and other designs are not affected.
func testCommentsBounded(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t)
	c := MustCreate(t, s, ordersDoc)
	h.FillComments(t, s, c.Design.ID, design.MaxCommentsOfDesign-1)
	last, err := s.AddComment(ctx, design.NewComment{Design: c.Design.ID, Author: design.Author{Name: "A"}, Text: "the last one"})
	if err != nil || last.ID != design.CommentID(design.MaxCommentsOfDesign) {
		t.Fatalf("the last comment the bound allows = %+v, %v", last, err)
	}
	_, err = s.AddComment(ctx, design.NewComment{Design: c.Design.ID, Author: design.Author{Name: "A"}, Text: "one too many"})
	wantCode(t, err, design.ETOOLARGE)
	_, err = s.AddComment(ctx, design.NewComment{Design: c.Design.ID, Thread: "c1", Author: design.Author{Name: "A"}, Text: "a reply too many"})
	wantCode(t, err, design.ETOOLARGE)
	other := MustCreate(t, s, ordersDoc)
	if _, err := s.AddComment(ctx, design.NewComment{Design: other.Design.ID, Author: design.Author{Name: "A"}, Text: "elsewhere"}); err != nil {
		t.Fatalf("a comment on another design: %v", err)
	}
}
