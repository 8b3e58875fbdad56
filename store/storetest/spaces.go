package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
)

// mustSpace creates a space or fails the test.
func mustSpace(tb testing.TB, s design.Store, title string) *design.SpaceCreated {
	tb.Helper()
	c, err := s.CreateSpace(context.Background(), title)
	if err != nil {
		tb.Fatalf("create space: %v", err)
	}
	return c
}

// summary is a design's summary with the given services and rules.
func summary(d *design.Design, rules ...string) design.Summary {
	s := design.SummaryOf(d)
	s.Rules = rules
	s.Warnings = len(rules)
	return s
}

func mustPlace(tb testing.TB, s design.Store, spaceID string, sum design.Summary) {
	tb.Helper()
	if err := s.PlaceDesign(context.Background(), spaceID, sum); err != nil {
		tb.Fatalf("place %s: %v", sum.DesignID, err)
	}
}

func ids(items []design.SpaceItem) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, it.Title)
	}
	slices.Sort(out)
	return out
}

// Spaces are opened by their key, stored only as a hash; a design is in
// one space at a time, and moving it takes it out of the other.
func testSpaces(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t)
	c := mustSpace(t, s, "  Payments team ")
	if c.Space.Title != "Payments team" || !design.ValidViewID(c.Space.ID) || !design.ValidEditKey(c.Key) {
		t.Fatalf("new space is %+v with key %q", c.Space, c.Key)
	}
	if stored := h.StoredSpaceKey(t, s, c.Space.ID); stored == c.Key || strings.Contains(stored, c.Key) || stored != design.HashEditKey(c.Key) {
		t.Errorf("space key is stored as %q, want only its hash", stored)
	}
	got, err := s.SpaceByKey(ctx, c.Key)
	if err != nil || got.ID != c.Space.ID || got.Designs != 0 {
		t.Fatalf("SpaceByKey = %+v, %v", got, err)
	}
	if _, err := s.SpaceByKey(ctx, design.NewEditKey()); design.ErrorCode(err) != design.EFORBIDDEN {
		t.Errorf("SpaceByKey(unknown) = %v, want forbidden", err)
	}
	if _, err := s.Space(ctx, design.NewViewID()); design.ErrorCode(err) != design.ENOTFOUND {
		t.Errorf("Space(unknown) = %v, want not found", err)
	}
	if _, err := s.CreateSpace(ctx, strings.Repeat("x", design.MaxTitleLen+1)); design.ErrorCode(err) != design.EINVALID {
		t.Errorf("CreateSpace(long title) = %v, want invalid", err)
	}
	if u := mustSpace(t, s, ""); u.Space.Title != "Untitled space" {
		t.Errorf("a space without a title is called %q", u.Space.Title)
	}
	if err := s.RenameSpace(ctx, c.Space.ID, " Payments and refunds "); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Space(ctx, c.Space.ID); got.Title != "Payments and refunds" {
		t.Errorf("renamed space is called %q", got.Title)
	}
	if err := s.RenameSpace(ctx, c.Space.ID, "a\x00b"); design.ErrorCode(err) != design.EINVALID {
		t.Errorf("RenameSpace(control character) = %v, want invalid", err)
	}
	if err := s.RenameSpace(ctx, design.NewViewID(), "x"); design.ErrorCode(err) != design.ENOTFOUND {
		t.Errorf("RenameSpace(unknown) = %v, want not found", err)
	}

	d := MustCreate(t, s, ordersDoc)
	if id, err := s.SpaceOf(ctx, d.Design.ID); err != nil || id != "" {
		t.Errorf("SpaceOf(design in no space) = %q, %v", id, err)
	}
	mustPlace(t, s, c.Space.ID, summary(d.Design))
	if id, err := s.SpaceOf(ctx, d.Design.ID); err != nil || id != c.Space.ID {
		t.Errorf("SpaceOf = %q, %v, want %s", id, err, c.Space.ID)
	}
	if got, _ := s.Space(ctx, c.Space.ID); got.Designs != 1 {
		t.Errorf("space counts %d designs, want 1", got.Designs)
	}
	// Moving it to another space takes it out of the first.
	other := mustSpace(t, s, "Platform")
	mustPlace(t, s, other.Space.ID, summary(d.Design))
	if items, _ := s.SpaceDesigns(ctx, c.Space.ID, design.SpaceFilter{}); len(items) != 0 {
		t.Errorf("the first space still lists %v after the move", ids(items))
	}
	if items, _ := s.SpaceDesigns(ctx, other.Space.ID, design.SpaceFilter{}); len(items) != 1 {
		t.Errorf("the second space lists %v, want the design", ids(items))
	}
	if err := s.PlaceDesign(ctx, design.NewViewID(), summary(d.Design)); design.ErrorCode(err) != design.ENOTFOUND {
		t.Errorf("PlaceDesign(unknown space) = %v, want not found", err)
	}
	ghost := summary(d.Design)
	ghost.DesignID = design.NewViewID()
	if err := s.PlaceDesign(ctx, other.Space.ID, ghost); design.ErrorCode(err) != design.ENOTFOUND {
		t.Errorf("PlaceDesign(unknown design) = %v, want not found", err)
	}
	if err := s.RemoveDesign(ctx, c.Space.ID, d.Design.ID); design.ErrorCode(err) != design.ENOTFOUND {
		t.Errorf("RemoveDesign(from a space it is not in) = %v, want not found", err)
	}
	if err := s.RemoveDesign(ctx, other.Space.ID, d.Design.ID); err != nil {
		t.Fatal(err)
	}
	if id, _ := s.SpaceOf(ctx, d.Design.ID); id != "" {
		t.Errorf("removed design is still in %s", id)
	}

	all, err := s.Spaces(ctx, 10)
	if err != nil || len(all) != 3 {
		t.Fatalf("Spaces = %d spaces, %v; want 3", len(all), err)
	}
	if all, _ := s.Spaces(ctx, 2); len(all) != 2 {
		t.Errorf("Spaces(limit 2) = %d spaces", len(all))
	}
}

// A space is searched by title words (prefixes, in any order, whatever
// punctuation is typed), by a service, by a rule firing and by review
// state; the filters combine.
func testSpaceSearch(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t)
	sp := mustSpace(t, s, "Reviews")
	other := mustSpace(t, s, "Elsewhere")
	mk := func(title, kinds string, rules ...string) {
		var blocks []string
		for i, k := range strings.Fields(kinds) {
			blocks = append(blocks, `{"id":"B`+string(rune('a'+i))+`","kind":"`+k+`"}`)
		}
		c := MustCreate(t, s, `{"format":"archlab/v1","title":"`+title+`","blocks":[`+strings.Join(blocks, ",")+`]}`)
		mustPlace(t, s, sp.Space.ID, summary(c.Design, rules...))
	}
	mk("Orders API v2", "apigateway-rest lambda", "apigw-lambda-timeout")
	mk("Order fulfilment", "sqs lambda", "sqs-visibility-6x", "sqs-no-dlq")
	mk("Billing exports", "s3 lambda")
	mk("Payments", "sqs")
	// A design in another space never shows.
	c := MustCreate(t, s, `{"format":"archlab/v1","title":"Orders elsewhere","blocks":[{"id":"Q","kind":"sqs"}]}`)
	mustPlace(t, s, other.Space.ID, summary(c.Design, "sqs-no-dlq"))

	for _, tc := range []struct {
		name string
		f    design.SpaceFilter
		want []string
	}{
		{"everything", design.SpaceFilter{}, []string{"Billing exports", "Order fulfilment", "Orders API v2", "Payments"}},
		{"prefix", design.SpaceFilter{Query: "ord"}, []string{"Order fulfilment", "Orders API v2"}},
		{"every word", design.SpaceFilter{Query: "api orders"}, []string{"Orders API v2"}},
		{"case and punctuation", design.SpaceFilter{Query: "ORDERS: \"api\" & v2*"}, []string{"Orders API v2"}},
		{"query syntax is text", design.SpaceFilter{Query: "NEAR(orders) OR -title:x ' \\"}, []string{}},
		{"no word", design.SpaceFilter{Query: "  --  "}, []string{"Billing exports", "Order fulfilment", "Orders API v2", "Payments"}},
		{"service", design.SpaceFilter{Service: "sqs"}, []string{"Order fulfilment", "Payments"}},
		{"service absent", design.SpaceFilter{Service: "dynamodb"}, []string{}},
		{"rule", design.SpaceFilter{Rule: "sqs-no-dlq"}, []string{"Order fulfilment"}},
		{"service and query", design.SpaceFilter{Service: "lambda", Query: "billing"}, []string{"Billing exports"}},
		{"state", design.SpaceFilter{State: "draft"}, []string{"Billing exports", "Order fulfilment", "Orders API v2", "Payments"}},
		{"state none", design.SpaceFilter{State: "approved"}, []string{}},
		{"limit", design.SpaceFilter{Limit: 1}, nil},
	} {
		items, err := s.SpaceDesigns(ctx, sp.Space.ID, tc.f)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if tc.want == nil {
			if len(items) != 1 {
				t.Errorf("%s: %d items, want 1", tc.name, len(items))
			}
			continue
		}
		if got := ids(items); !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A design's summary is updated only while it is in a space and only by
// a newer version; the listing carries every field, newest change first.
func testSpaceSummaries(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t)
	sp := mustSpace(t, s, "Summaries")
	first := MustCreate(t, s, ordersDoc)
	second := MustCreate(t, s, `{"format":"archlab/v1","title":"Second","blocks":[{"id":"T","kind":"sns"}]}`)
	mustPlace(t, s, sp.Space.ID, summary(first.Design))
	sum2 := summary(second.Design)
	sum2.ChangedAt = first.Design.UpdatedAt.Add(time.Minute)
	mustPlace(t, s, sp.Space.ID, sum2)

	next := summary(first.Design, "sqs-visibility-6x")
	next.Version, next.Title, next.Errors, next.Infos = 2, "Orders renamed", 1, 3
	next.ChangedAt = first.Design.UpdatedAt.Add(time.Hour).Truncate(time.Microsecond).UTC()
	next.ChangedBy = "Ana"
	if err := s.UpdateSummary(ctx, next); err != nil {
		t.Fatal(err)
	}
	stale := next
	stale.Version, stale.Title = 1, "Stale title"
	if err := s.UpdateSummary(ctx, stale); err != nil {
		t.Fatal(err)
	}
	// A design in no space gets no summary.
	loose := MustCreate(t, s, ordersDoc)
	if err := s.UpdateSummary(ctx, summary(loose.Design)); err != nil {
		t.Fatal(err)
	}
	items, err := s.SpaceDesigns(ctx, sp.Space.ID, design.SpaceFilter{})
	if err != nil || len(items) != 2 {
		t.Fatalf("listing = %v, %v; want 2 designs", items, err)
	}
	got := items[0]
	if got.DesignID != first.Design.ID || got.Title != "Orders renamed" || got.Version != 2 || got.Errors != 1 || got.Warnings != 1 ||
		got.Infos != 3 || got.ChangedBy != "Ana" || !got.ChangedAt.Equal(next.ChangedAt) || got.ReviewState != "draft" ||
		!slices.Equal(got.Services, []string{"apigateway-rest", "lambda", "sqs"}) || !slices.Equal(got.Rules, []string{"sqs-visibility-6x"}) ||
		got.AddedAt.IsZero() {
		t.Errorf("first listed = %+v", got)
	}
	if items[1].ChangedBy != "" || len(items[1].Rules) != 0 || items[1].Rules == nil {
		t.Errorf("second listed = %+v, want no author and an empty rule list", items[1])
	}
	// The title index follows the rename.
	if items, _ := s.SpaceDesigns(ctx, sp.Space.ID, design.SpaceFilter{Query: "renamed"}); len(items) != 1 {
		t.Errorf("search for the new title finds %v", ids(items))
	}
	if items, _ := s.SpaceDesigns(ctx, sp.Space.ID, design.SpaceFilter{Query: "orders"}); len(items) != 1 {
		t.Errorf("search for a word of both titles finds %v", ids(items))
	}
}

// A space's webhooks keep their secret (it signs deliveries), are bounded
// in number, and belong to their space alone.
func testSpaceHooks(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t)
	sp := mustSpace(t, s, "Hooks")
	other := mustSpace(t, s, "Other")
	hk, err := s.AddHook(ctx, design.Hook{SpaceID: sp.Space.ID, URL: "https://chat.example.com/hook", Events: []string{"approved", "comment"}, Secret: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	hooks, err := s.Hooks(ctx, sp.Space.ID)
	if err != nil || len(hooks) != 1 {
		t.Fatalf("Hooks = %v, %v", hooks, err)
	}
	if g := hooks[0]; g.ID != hk.ID || g.URL != hk.URL || g.Secret != "s3cret" || !slices.Equal(g.Events, []string{"approved", "comment"}) || g.SpaceID != sp.Space.ID {
		t.Errorf("stored hook = %+v", g)
	}
	if hooks, _ := s.Hooks(ctx, other.Space.ID); len(hooks) != 0 {
		t.Errorf("another space has hooks %v", hooks)
	}
	if err := s.DeleteHook(ctx, other.Space.ID, hk.ID); design.ErrorCode(err) != design.ENOTFOUND {
		t.Errorf("deleting a hook from another space = %v, want not found", err)
	}
	if _, err := s.AddHook(ctx, design.Hook{SpaceID: design.NewViewID(), URL: "https://x.example.com", Secret: "x"}); design.ErrorCode(err) != design.ENOTFOUND {
		t.Errorf("AddHook(unknown space) = %v, want not found", err)
	}
	for i := 1; i < design.MaxHooks; i++ {
		if _, err := s.AddHook(ctx, design.Hook{SpaceID: sp.Space.ID, URL: "https://x.example.com", Secret: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddHook(ctx, design.Hook{SpaceID: sp.Space.ID, URL: "https://x.example.com", Secret: "x"}); design.ErrorCode(err) != design.EINVALID {
		t.Errorf("hook %d = %v, want invalid", design.MaxHooks+1, err)
	}
	if err := s.DeleteHook(ctx, sp.Space.ID, hk.ID); err != nil {
		t.Fatal(err)
	}
	if hooks, _ := s.Hooks(ctx, sp.Space.ID); len(hooks) != design.MaxHooks-1 {
		t.Errorf("after deleting one, %d hooks", len(hooks))
	}
}

// Webhook deliveries wait in the database: a claim leases them (no other
// claim takes them until the lease ends), counts the attempt and carries
// the hook's address and secret; a retry makes one due later; deleting
// the hook drops its deliveries.
func testHookDeliveries(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t)
	sp := mustSpace(t, s, "Deliveries")
	a, err := s.AddHook(ctx, design.Hook{SpaceID: sp.Space.ID, URL: "https://a.example.com/hook", Events: []string{"approved"}, Secret: "sa"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.AddHook(ctx, design.Hook{SpaceID: sp.Space.ID, URL: "https://b.example.com/hook", Events: []string{"approved"}, Secret: "sb"})
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"text":"hi"}`)
	if err := s.QueueDeliveries(ctx, []design.Delivery{
		{ID: "d1", HookID: a.ID, Event: "approved", Body: body},
		{ID: "d2", HookID: a.ID, Event: "approved", Body: body},
		{ID: "d3", HookID: b.ID, Event: "approved", Body: body},
	}); err != nil {
		t.Fatal(err)
	}
	now := time.Now().Add(time.Second)
	claimed := func(at time.Time, limit int) map[string]design.Delivery {
		t.Helper()
		ds, err := s.ClaimDeliveries(ctx, at, time.Minute, limit)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]design.Delivery{}
		for _, d := range ds {
			m[d.ID] = d
		}
		return m
	}
	first := claimed(now, 2)
	second := claimed(now, 10)
	if len(first) != 2 || len(second) != 1 {
		t.Fatalf("claims took %d then %d deliveries, want 2 then 1", len(first), len(second))
	}
	for id, d := range second {
		first[id] = d
	}
	if d := first["d3"]; d.URL != "https://b.example.com/hook" || d.Secret != "sb" || d.Attempts != 1 || string(d.Body) != string(body) || d.Event != "approved" || d.HookID != b.ID {
		t.Errorf("claimed d3 = %+v", d)
	}
	if d := first["d1"]; d.URL != "https://a.example.com/hook" || d.Secret != "sa" {
		t.Errorf("claimed d1 = %+v", d)
	}
	if again := claimed(now.Add(30*time.Second), 10); len(again) != 0 {
		t.Errorf("leased deliveries claimed again: %v", again)
	}
	// d1 is sent, d2 is to be tried again in an hour, d3's claimer died.
	if err := s.DoneDelivery(ctx, "d1"); err != nil {
		t.Fatal(err)
	}
	if err := s.RetryDelivery(ctx, "d2", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	later := claimed(now.Add(2*time.Minute), 10)
	if len(later) != 1 || later["d3"].Attempts != 2 {
		t.Errorf("after the lease, claimed %v; want d3 on its second attempt", later)
	}
	if d2 := claimed(now.Add(2*time.Hour), 10)["d2"]; d2.Attempts != 2 {
		t.Errorf("the retried delivery, due again = %+v", d2)
	}
	// Deleting a hook drops what waits for it.
	if err := s.QueueDeliveries(ctx, []design.Delivery{{ID: "d4", HookID: a.ID, Event: "approved", Body: body}}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteHook(ctx, sp.Space.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if left := claimed(now.Add(3*time.Hour), 10); len(left) != 1 || left["d3"].ID == "" {
		t.Errorf("after deleting hook a, claimed %v; want d3 alone", left)
	}
}
