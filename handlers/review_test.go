package handlers_test

import (
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
)

// review posts a review change through the API with a key.
func (s *server) review(tb testing.TB, id, key, body string) response {
	tb.Helper()
	return s.do(tb, "POST", "/api/v1/designs/"+id+"/review", body, map[string]string{"Authorization": "Bearer " + key})
}

// The review state lives beside the design: a change makes no version,
// the design's document carries it, and an approval followed by an edit
// is "changed since approval".
func TestReviewThroughTheAPI(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	doc := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil)
	if rv := doc.json(t)["review"].(map[string]any); rv["state"] != "draft" || doc.json(t)["changedSinceApproval"] != false {
		t.Fatalf("a new design's review = %v", rv)
	}
	etag := doc.header.Get("ETag")

	r := s.review(t, c.ID, c.EditKey, `{"state":"in-review","by":"Ann","reviewers":["Bo","Cy"],"note":"before Friday"}`)
	if r.status != 200 {
		t.Fatalf("request review: %d %s", r.status, r.body)
	}
	// The document has not changed, but what GET answers has: a new tag.
	doc = s.do(t, "GET", "/api/v1/designs/"+c.ID, "", map[string]string{"If-None-Match": etag})
	if doc.status != 200 {
		t.Fatalf("the old tag still matches after a review change: %d", doc.status)
	}
	if v := doc.json(t)["version"]; v != float64(1) {
		t.Fatalf("a review change made version %v", v)
	}
	if got := s.review(t, c.ID, c.EditKey, `{"state":"approved","by":"Bo","note":"fine"}`).json(t)["review"].(map[string]any); got["version"] != float64(1) || got["by"] != "Bo" {
		t.Fatalf("approval = %v", got)
	}
	body := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil).json(t)
	rv := body["review"].(map[string]any)
	if rv["state"] != "approved" || rv["by"] != "Bo" || rv["version"] != float64(1) || body["changedSinceApproval"] != false {
		t.Fatalf("after approval: review %v, changed %v", rv, body["changedSinceApproval"])
	}
	if s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"Orders 2"}]}`).status != 200 {
		t.Fatal("edit refused")
	}
	body = s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil).json(t)
	if body["changedSinceApproval"] != true || body["review"].(map[string]any)["version"] != float64(1) {
		t.Fatalf("after an edit: %v %v", body["review"], body["changedSinceApproval"])
	}
	log := s.do(t, "GET", "/api/v1/designs/"+c.ID+"/review", "", nil).json(t)
	events := log["events"].([]any)
	if len(events) != 2 || events[0].(map[string]any)["state"] != "in-review" || log["changedSinceApproval"] != true {
		t.Fatalf("review log = %v", log)
	}
	if names := events[0].(map[string]any)["reviewers"].([]any); len(names) != 2 || names[1] != "Cy" {
		t.Fatalf("reviewers = %v", names)
	}
}

func TestReviewBadInput(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	for _, tc := range []struct {
		name, key, body string
		status          int
		field           string
	}{
		{"unknown state", c.EditKey, `{"state":"accepted","by":"Ann"}`, 422, "state"},
		{"no state", c.EditKey, `{"by":"Ann"}`, 422, "state"},
		{"no name", c.EditKey, `{"state":"approved"}`, 422, "by"},
		{"blank name", c.EditKey, `{"state":"approved","by":"  "}`, 422, "by"},
		{"name of two lines", c.EditKey, `{"state":"approved","by":"Ann\nBo"}`, 422, "by"},
		{"too long note", c.EditKey, `{"state":"changes-requested","by":"Ann","note":"` + strings.Repeat("x", 2001) + `"}`, 422, "note"},
		{"reviewers on an approval", c.EditKey, `{"state":"approved","by":"Ann","reviewers":["Bo"]}`, 422, "reviewers"},
		{"empty reviewer", c.EditKey, `{"state":"in-review","by":"Ann","reviewers":["Bo",""]}`, 422, "reviewers[1]"},
		{"unknown field", c.EditKey, `{"state":"approved","by":"Ann","version":3}`, 422, "version"},
		{"malformed", c.EditKey, `{"state":`, 400, ""},
		{"the view id as the key", c.ID, `{"state":"approved","by":"Ann"}`, 403, ""},
		{"another design's key", s.mustCreate(t, ordersDoc).EditKey, `{"state":"approved","by":"Ann"}`, 403, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.review(t, c.ID, tc.key, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if field, _ := r.errorOf(t)["field"].(string); field != tc.field {
				t.Fatalf("field %q, want %q: %s", field, tc.field, r.body)
			}
		})
	}
	if r := s.do(t, "POST", "/api/v1/designs/"+c.ID+"/review", `{"state":"approved","by":"Ann"}`, nil); r.status != 401 {
		t.Fatalf("without a key: %d", r.status)
	}
	if r := s.review(t, "nosuchdesign0000", c.EditKey, `{"state":"approved","by":"Ann"}`); r.status != 404 {
		t.Fatalf("unknown design: %d", r.status)
	}
	if r := s.do(t, "POST", "/api/v1/designs/"+c.ID+"/review", `{"state":"approved","by":"Ann","note":"`+strings.Repeat("x", 2<<20)+`"}`, map[string]string{"Authorization": "Bearer " + c.EditKey}); r.status != 413 {
		t.Fatalf("an oversize body: %d", r.status)
	}
	if rv := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil).json(t)["review"].(map[string]any); rv["state"] != "draft" {
		t.Fatalf("a refused change changed the review: %v", rv)
	}
}

// The editor's review form changes the state and answers the review's
// regions; the viewer shows the state without the form; the banner links
// the approved version's comparison once the design changed.
func TestReviewForm(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	form := func(v url.Values) response {
		return s.do(t, "POST", "/d/"+c.EditKey+"/review", v.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"})
	}
	r := form(url.Values{"state": {"approved"}, "by": {""}})
	if r.status != 422 {
		t.Fatalf("a nameless approval: %d", r.status)
	}
	if msg := page(t, r).Find(`[data-testid="review-error"]`).Text(); !strings.Contains(msg, "by") {
		t.Fatalf("refusal = %q", msg)
	}
	r = form(url.Values{"state": {"in-review"}, "by": {"Ann"}, "reviewers": {"Bo, Cy"}})
	if r.status != 200 {
		t.Fatalf("request review: %d %s", r.status, r.body)
	}
	if got := page(t, r).Find(`[data-testid="review-summary"]`).Text(); got != "Ann asked Bo, Cy to review version 1." {
		t.Fatalf("summary = %q", got)
	}
	if form(url.Values{"state": {"approved"}, "by": {"Bo"}}).status != 200 {
		t.Fatal("approve refused")
	}
	viewer := page(t, s.do(t, "GET", "/v/"+c.ID, "", nil))
	if got := viewer.Find(`[data-testid="review-state"]`).Text(); got != "Approved v1" {
		t.Fatalf("the viewer shows %q", got)
	}
	if viewer.Find(".review-form").Length() != 0 {
		t.Fatal("the view link offers the review form")
	}
	if _, hidden := viewer.Find(`[data-testid="changed-since-approval"]`).Attr("hidden"); !hidden {
		t.Fatal("the banner shows before any change")
	}
	s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"Orders 2"}]}`)
	editor := page(t, s.do(t, "GET", "/d/"+c.EditKey, "", nil))
	banner := editor.Find(`[data-testid="changed-since-approval"]`)
	if href, _ := banner.Find("a").Attr("href"); href != "/v/"+c.ID+"/compare?from=1&to=2" {
		t.Fatalf("banner %q links %q", banner.Text(), href)
	}
	// The comparison lists the review events made between the versions.
	cmp := page(t, s.do(t, "GET", "/v/"+c.ID+"/compare?from=1&to=2", "", nil))
	var events []string
	cmp.Find(`[data-testid="review-event"]`).Each(func(_ int, e *goquery.Selection) {
		e.Find("time").Remove()
		events = append(events, strings.Join(strings.Fields(e.Text()), " "))
	})
	if strings.Join(events, "|") != "Ann requested a review of v1 from Bo, Cy|Bo approved v1" {
		t.Fatalf("review events = %q", events)
	}
}

// A review change makes no version, yet reaches the open pages of the
// design on another instance, as an edit does.
func TestReviewReachesAnotherInstanceLive(t *testing.T) {
	cfg := apptest.PostgresConfig(t)
	var servers []*server
	for range 2 {
		st := apptest.Postgres(t, cfg)
		servers = append(servers, &server{Server: apptest.Server(t, st, handlers.Options{}), store: st})
	}
	c := servers[0].mustCreate(t, ordersDoc)
	watcher := subscribe(t, servers[1].URL+"/v/"+c.ID+"/events", nil)
	watcher.await(t, "change", `"version":1`, time.Second)
	editor := subscribe(t, servers[0].URL+"/d/"+c.EditKey+"/events", nil)
	watcher.await(t, "presence", `"count":2`, 2*time.Second)
	start := time.Now()
	if r := servers[0].review(t, c.ID, c.EditKey, `{"state":"approved","by":"Bo"}`); r.status != http.StatusOK {
		t.Fatalf("approve: %d %s", r.status, r.body)
	}
	watcher.await(t, "review", "{}", time.Second)
	editor.await(t, "review", "{}", time.Second)
	t.Logf("an approval on one instance reached a subscriber of the other in %v", time.Since(start))
}

// Behind a trusted sign-on proxy the approver is the proxy's name, not the
// one the request gives; from anywhere else the header counts for nothing.
func TestReviewerNamedByTheTrustedProxy(t *testing.T) {
	for _, tc := range []struct {
		name, trusted, want string
	}{
		{"from the proxy", "127.0.0.1/32", "alice@corp.example"}, // the test client connects from 127.0.0.1
		{"from elsewhere", "10.0.0.0/8", "Mallory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustServer(t, handlers.Options{UserHeader: "X-Forwarded-User", TrustedProxies: []netip.Prefix{netip.MustParsePrefix(tc.trusted)}})
			c := s.mustCreate(t, ordersDoc)
			r := s.do(t, "POST", "/api/v1/designs/"+c.ID+"/review", `{"state":"approved","by":"Mallory"}`,
				map[string]string{"Authorization": "Bearer " + c.EditKey, "X-Forwarded-User": "alice@corp.example"})
			if r.status != 200 {
				t.Fatalf("%d %s", r.status, r.body)
			}
			if by := r.json(t)["review"].(map[string]any)["by"]; by != tc.want {
				t.Fatalf("approved by %v; want %q", by, tc.want)
			}
		})
	}
}

// The comparison lists the comments made on the versions compared and
// between them, and what they were about; not those made later.
func TestCompareListsCommentsBetweenVersions(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	for _, body := range []string{
		`{"author":"Ann","text":"Is the **timeout** right?","subject":{"block":"OrderQueue"}}`,
		`{"author":"Bo","text":"Ship it"}`,
	} {
		if r := s.comment(t, c.ID, body, nil); r.status != 201 {
			t.Fatalf("comment: %d %s", r.status, r.body)
		}
	}
	s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"Orders 2"}]}`)
	s.ops(t, c, `{"baseVersion":2,"ops":[{"op":"setTitle","title":"Orders 3"}]}`)
	if r := s.comment(t, c.ID, `{"author":"Cy","text":"later"}`, nil); r.status != 201 {
		t.Fatalf("comment: %d %s", r.status, r.body)
	}
	cmp := page(t, s.do(t, "GET", "/v/"+c.ID+"/compare?from=1&to=2", "", nil))
	var listed []string
	cmp.Find(`[data-testid="comment-between"]`).Each(func(_ int, e *goquery.Selection) {
		e.Find("time").Remove()
		listed = append(listed, strings.Join(strings.Fields(e.Text()), " "))
	})
	if strings.Join(listed, "|") != "Ann on OrderQueue at v1: Is the **timeout** right?|Bo on the design at v1: Ship it" {
		t.Fatalf("comments listed = %q", listed)
	}
	if got := cmp.Find(`[data-testid="comments-discussed"]`).Text(); got != "1 comment on OrderQueue; 1 comment on the design" {
		t.Fatalf("discussed = %q", got)
	}
}
