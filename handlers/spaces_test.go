package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/webhook"
)

type spaceCreated struct{ ID, Key, URL string }

func (s *server) mustSpace(tb testing.TB, title string) spaceCreated {
	tb.Helper()
	r := s.do(tb, "POST", "/api/v1/spaces", `{"title":"`+title+`"}`, nil)
	if r.status != http.StatusCreated {
		tb.Fatalf("create space: %d %s", r.status, r.body)
	}
	var c spaceCreated
	if err := json.Unmarshal(r.body, &c); err != nil {
		tb.Fatal(err)
	}
	return c
}

func (s *server) createIn(tb testing.TB, sp spaceCreated, doc string) created {
	tb.Helper()
	r := s.do(tb, "POST", "/api/v1/designs?space="+sp.Key, doc, nil)
	if r.status != http.StatusCreated || r.json(tb)["space"] != sp.ID {
		tb.Fatalf("create in space: %d %s", r.status, r.body)
	}
	var c created
	if err := json.Unmarshal(r.body, &c); err != nil {
		tb.Fatal(err)
	}
	return c
}

// listed returns the titles a space's listing answers, sorted.
func (s *server) listed(tb testing.TB, sp spaceCreated, query string) []string {
	tb.Helper()
	r := s.do(tb, "GET", "/api/v1/spaces/"+sp.Key+"/designs?"+query, "", nil)
	if r.status != http.StatusOK {
		tb.Fatalf("list %s: %d %s", query, r.status, r.body)
	}
	var out struct{ Designs []struct{ Title string } }
	if err := json.Unmarshal(r.body, &out); err != nil {
		tb.Fatal(err)
	}
	titles := []string{}
	for _, d := range out.Designs {
		titles = append(titles, d.Title)
	}
	slices.Sort(titles)
	return titles
}

// form posts a form without following the redirect it answers.
func (s *server) form(tb testing.TB, path string, values url.Values) response {
	tb.Helper()
	req, err := http.NewRequest("POST", s.URL+path, strings.NewReader(values.Encode()))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	c := *s.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return response{status: resp.StatusCode, header: resp.Header, body: []byte(b.String())}
}

// The API makes spaces, designs in them, lists them filtered by title,
// service, rule and review state, and moves designs in and out with their
// edit keys; the listing follows each edit.
func TestSpacesAPI(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	sp := s.mustSpace(t, "Payments")
	if !design.ValidViewID(sp.ID) || !design.ValidEditKey(sp.Key) || !strings.HasSuffix(sp.URL, "/s/"+sp.Key) {
		t.Fatalf("space = %+v", sp)
	}
	orders := s.createIn(t, sp, ordersDoc)
	s.createIn(t, sp, `{"format":"archlab/v1","title":"Billing","blocks":[{"id":"T","kind":"sns"}]}`)
	loose := s.mustCreate(t, `{"format":"archlab/v1","title":"Loose","blocks":[{"id":"B","kind":"s3"}]}`)

	if got := s.listed(t, sp, ""); !slices.Equal(got, []string{"Billing", "Orders"}) {
		t.Errorf("listing = %v", got)
	}
	if got := s.listed(t, sp, "service=sqs"); !slices.Equal(got, []string{"Orders"}) {
		t.Errorf("service=sqs = %v", got)
	}
	if got := s.listed(t, sp, "q=bill"); !slices.Equal(got, []string{"Billing"}) {
		t.Errorf("q=bill = %v", got)
	}
	if got := s.listed(t, sp, "rule=sqs-visibility-6x"); !slices.Equal(got, []string{"Orders"}) {
		t.Errorf("rule=sqs-visibility-6x = %v", got)
	}
	if got := s.listed(t, sp, "state=approved"); len(got) != 0 {
		t.Errorf("state=approved = %v", got)
	}
	// An item carries its summary and links.
	r := s.do(t, "GET", "/api/v1/spaces/"+sp.Key+"/designs?q=orders", "", nil)
	var one struct {
		Space   struct{ ID, Title string }
		Designs []map[string]any
	}
	json.Unmarshal(r.body, &one)
	if len(one.Designs) != 1 || one.Space.ID != sp.ID || one.Designs[0]["id"] != orders.ID || one.Designs[0]["reviewState"] != "draft" ||
		one.Designs[0]["warnings"].(float64) < 1 || !strings.HasSuffix(one.Designs[0]["viewUrl"].(string), "/v/"+orders.ID) ||
		!strings.HasSuffix(one.Designs[0]["thumbnail"].(string), "/v/"+orders.ID+"/export/svg") {
		t.Errorf("listing item = %s", r.body)
	}

	// An edit updates the summary: Billing gets a queue.
	billing := s.listedIDs(t, sp, "q=billing")[0]
	r = s.do(t, "POST", "/api/v1/designs?space="+sp.Key, "", nil) // a blank design in the space
	if r.status != http.StatusCreated {
		t.Fatalf("blank design in space: %d %s", r.status, r.body)
	}
	_ = billing
	// Move the loose design in with its edit key, then add a queue to it.
	mv := func(id, key, body string) response {
		h := map[string]string{}
		if key != "" {
			h["Authorization"] = "Bearer " + key
		}
		return s.do(t, "PUT", "/api/v1/designs/"+id+"/space", body, h)
	}
	if r := mv(loose.ID, loose.EditKey, `{"space":"`+sp.URL+`"}`); r.status != http.StatusOK {
		t.Fatalf("move: %d %s", r.status, r.body)
	}
	if r := s.ops(t, loose, `{"baseVersion":1,"ops":[{"op":"addBlock","block":{"id":"Q","kind":"sqs"}}]}`); r.status != http.StatusOK {
		t.Fatalf("ops: %d %s", r.status, r.body)
	}
	if got := s.listed(t, sp, "service=sqs"); !slices.Equal(got, []string{"Loose", "Orders"}) {
		t.Errorf("after the edit, service=sqs = %v", got)
	}

	// Bad input.
	other := s.mustCreate(t, ordersDoc)
	for _, tc := range []struct {
		name   string
		r      response
		status int
		field  string
	}{
		{"unknown space key", s.do(t, "GET", "/api/v1/spaces/"+design.NewEditKey()+"/designs", "", nil), 404, ""},
		{"malformed space key", s.do(t, "GET", "/api/v1/spaces/nope/designs", "", nil), 404, ""},
		{"unknown service", s.do(t, "GET", "/api/v1/spaces/"+sp.Key+"/designs?service=mainframe", "", nil), 422, "service"},
		{"unknown rule", s.do(t, "GET", "/api/v1/spaces/"+sp.Key+"/designs?rule=no-such-rule", "", nil), 422, "rule"},
		{"unknown state", s.do(t, "GET", "/api/v1/spaces/"+sp.Key+"/designs?state=merged", "", nil), 422, "state"},
		{"search too long", s.do(t, "GET", "/api/v1/spaces/"+sp.Key+"/designs?q="+strings.Repeat("a", 201), "", nil), 422, "q"},
		{"create in unknown space", s.do(t, "POST", "/api/v1/designs?space="+design.NewEditKey(), ordersDoc, nil), 404, ""},
		{"create in empty space", s.do(t, "POST", "/api/v1/designs?space=", ordersDoc, nil), 404, ""},
		{"space title too long", s.do(t, "POST", "/api/v1/spaces", `{"title":"`+strings.Repeat("x", 201)+`"}`, nil), 422, "title"},
		{"space malformed", s.do(t, "POST", "/api/v1/spaces", `{"title":`, nil), 400, ""},
		{"space unknown field", s.do(t, "POST", "/api/v1/spaces", `{"name":"x"}`, nil), 422, "name"},
		{"move without key", mv(other.ID, "", `{"space":"`+sp.Key+`"}`), 401, ""},
		{"move with another design's key", mv(other.ID, loose.EditKey, `{"space":"`+sp.Key+`"}`), 403, ""},
		{"move unknown design", mv(design.NewViewID(), other.EditKey, `{"space":"`+sp.Key+`"}`), 404, ""},
		{"move to unknown space", mv(other.ID, other.EditKey, `{"space":"`+design.NewEditKey()+`"}`), 404, ""},
		{"move without space", mv(other.ID, other.EditKey, `{}`), 422, "space"},
		{"move malformed", mv(other.ID, other.EditKey, `{"space":`), 400, ""},
		{"leave when in none", s.do(t, "DELETE", "/api/v1/designs/"+other.ID+"/space", "", map[string]string{"Authorization": "Bearer " + other.EditKey}), 404, ""},
	} {
		if tc.r.status != tc.status {
			t.Errorf("%s: %d %s, want %d", tc.name, tc.r.status, tc.r.body, tc.status)
			continue
		}
		if tc.field != "" {
			if e := tc.r.errorOf(t); e["field"] != tc.field {
				t.Errorf("%s: error %v, want field %s", tc.name, e, tc.field)
			}
		}
	}
	// A wrong space key creates nothing: the space still lists four.
	if got := s.listed(t, sp, ""); len(got) != 4 {
		t.Errorf("listing after refusals = %v", got)
	}
	if r := s.do(t, "DELETE", "/api/v1/designs/"+loose.ID+"/space", "", map[string]string{"Authorization": "Bearer " + loose.EditKey}); r.status != http.StatusNoContent {
		t.Errorf("leave: %d %s", r.status, r.body)
	}
	if got := s.listed(t, sp, "q=loose"); len(got) != 0 {
		t.Errorf("left design still listed: %v", got)
	}
}

func (s *server) listedIDs(tb testing.TB, sp spaceCreated, query string) []string {
	tb.Helper()
	r := s.do(tb, "GET", "/api/v1/spaces/"+sp.Key+"/designs?"+query, "", nil)
	var out struct{ Designs []struct{ ID string } }
	json.Unmarshal(r.body, &out)
	var ids []string
	for _, d := range out.Designs {
		ids = append(ids, d.ID)
	}
	if len(ids) == 0 {
		tb.Fatalf("nothing listed for %s: %s", query, r.body)
	}
	return ids
}

// The space's page lists its designs with their summaries and searches
// them; a new design made there opens its editor and is listed; a bad
// filter is said on the page; an edit link moves a design in.
func TestSpacePage(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	r := s.form(t, "/spaces", url.Values{"title": {"Platform"}})
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/s/") {
		t.Fatalf("new space: %d %s", r.status, loc)
	}
	key := strings.TrimPrefix(loc, "/s/")
	if r := s.form(t, loc+"/title", url.Values{"title": {strings.Repeat("x", 201)}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("a too long name: %d", r.status)
	}
	if r := s.form(t, "/s/"+design.NewEditKey()+"/title", url.Values{"title": {"x"}}); r.status != http.StatusNotFound {
		t.Errorf("renaming an unknown space: %d", r.status)
	}
	r = s.form(t, loc+"/designs", url.Values{"title": {"Checkout"}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/d/") {
		t.Fatalf("new design in space: %d %s", r.status, r.header.Get("Location"))
	}
	// From a template: the design starts as the template, with its services.
	doc0, _ := goquery.NewDocumentFromReader(strings.NewReader(string(s.do(t, "GET", loc, "", nil).body)))
	slug := doc0.Find(`[data-testid="space-template"] option[value!=""]`).First().AttrOr("value", "")
	if slug == "" {
		t.Fatal("the space page offers no template")
	}
	if r := s.form(t, loc+"/designs", url.Values{"template": {slug}}); r.status != http.StatusSeeOther {
		t.Fatalf("new design from template %s: %d", slug, r.status)
	}
	if r := s.form(t, loc+"/designs", url.Values{"template": {"no-such-template"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("new design from an unknown template: %d", r.status)
	}
	c := s.mustCreate(t, ordersDoc)
	if r := s.form(t, "/d/"+c.EditKey+"/space", url.Values{"space": {s.URL + "/s/" + key}}); r.status != http.StatusSeeOther ||
		r.header.Get("Location") != "/d/"+c.EditKey+"?notice=space" {
		t.Fatalf("move from the editor: %d %s", r.status, r.header.Get("Location"))
	}
	if r := s.form(t, "/d/"+c.EditKey+"/space", url.Values{"space": {"https://example.com/s/" + design.NewEditKey()}}); r.status != http.StatusNotFound {
		t.Errorf("move to an unknown space: %d", r.status)
	}

	page := func(query string) (*goquery.Document, int) {
		r := s.do(t, "GET", loc+query, "", nil)
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(r.body)))
		if err != nil {
			t.Fatal(err)
		}
		return doc, r.status
	}
	doc, status := page("")
	rows := doc.Find(`[data-testid="space-design"]`)
	if status != 200 || rows.Length() != 3 || doc.Find("h1").Text() != "Platform" {
		t.Fatalf("space page: %d, %d rows", status, rows.Length())
	}
	orders := doc.Find(`[data-design-id="` + c.ID + `"]`)
	if !strings.Contains(orders.Find(".space-services").Text(), "SQS") || !strings.Contains(orders.Find(".space-counts").Text(), "warning") ||
		orders.Find("img").AttrOr("src", "") != "/v/"+c.ID+"/export/svg" || orders.Find(".space-state").Text() != "draft" {
		t.Errorf("Orders row: %s", orders.Text())
	}
	fromTemplate := 0
	rows.Each(func(_ int, row *goquery.Selection) {
		if strings.TrimSpace(row.Find(".space-services").Text()) != "" && row.AttrOr("data-design-id", "") != c.ID {
			fromTemplate++
		}
	})
	if fromTemplate != 1 {
		t.Errorf("%d designs besides Orders list services, want the one from the template", fromTemplate)
	}
	doc, status = page("?service=sqs&q=orders")
	if status != 200 || doc.Find(`[data-testid="space-design"]`).Length() != 1 {
		t.Errorf("service=sqs: %d, %d rows", status, doc.Find(`[data-testid="space-design"]`).Length())
	}
	doc, status = page("?rule=bogus")
	if status != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(`[data-testid="space-filter-error"]`).Text(), "bogus") {
		t.Errorf("bad rule: %d %q", status, doc.Find(`[data-testid="space-filter-error"]`).Text())
	}
	if _, status := page("x"); status != http.StatusNotFound {
		t.Errorf("a wrong space link: %d", status)
	}
	// Nothing of the page is inline script.
	if doc.Find("script:not([src])").Length() != 0 {
		t.Error("inline script on the space page")
	}

	// The directory is off by default.
	if r := s.do(t, "GET", "/spaces", "", nil); r.status != http.StatusNotFound {
		t.Errorf("/spaces with the directory off: %d", r.status)
	}
	if r := s.do(t, "GET", "/spaces/"+design.NewViewID(), "", nil); r.status != http.StatusNotFound {
		t.Errorf("/spaces/{id} with the directory off: %d", r.status)
	}
}

// With ARCHLAB_DIRECTORY=on, /spaces lists every space, each read-only:
// view links, no space link, no webhooks.
func TestDirectory(t *testing.T) {
	s := mustServer(t, handlers.Options{Directory: true})
	sp := s.mustSpace(t, "Search team")
	s.createIn(t, sp, ordersDoc)
	r := s.do(t, "GET", "/spaces", "", nil)
	if r.status != 200 || !strings.Contains(string(r.body), "Search team") || !strings.Contains(string(r.body), "/spaces/"+sp.ID) {
		t.Fatalf("directory: %d", r.status)
	}
	r = s.do(t, "GET", "/spaces/"+sp.ID, "", nil)
	body := string(r.body)
	if r.status != 200 || !strings.Contains(body, "Orders") || strings.Contains(body, sp.Key) || strings.Contains(body, "space-hooks") {
		t.Errorf("directory space: %d, key shown %v", r.status, strings.Contains(body, sp.Key))
	}
}

// A webhook is added on the space page, its secret shown once; a review
// event on a design of the space reaches it signed with that secret, a
// failing hook is retried, and a hanging one holds up no edit.
func TestWebhooksEndToEnd(t *testing.T) {
	st := apptest.Store(t)
	h := apptest.Handler(t, st, handlers.Options{})
	srv := httptest.NewServer(h.Routes())
	t.Cleanup(srv.Close)
	s := &server{Server: srv, store: st}
	sp := s.mustSpace(t, "Hooked")
	c := s.createIn(t, sp, ordersDoc)

	type got struct {
		ok   bool
		body map[string]any
	}
	received := make(chan got, 10)
	var secret string
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 64<<10)
		n, _ := r.Body.Read(b)
		b = b[:n]
		var m map[string]any
		json.Unmarshal(b, &m)
		received <- got{webhook.Verify(secret, r.Header.Get(webhook.TimestampHeader), r.Header.Get(webhook.SignatureHeader), b), m}
	}))
	defer good.Close()
	fails := 2
	retried := make(chan int, 10)
	flaky := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fails--
		retried <- fails
		if fails >= 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer flaky.Close()
	hang := make(chan struct{})
	holding := make(chan struct{}, 10)
	var answered atomic.Bool
	hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		holding <- struct{}{}
		select {
		case <-hang:
		case <-r.Context().Done():
		}
		answered.Store(true)
	}))
	defer hanging.Close()
	defer close(hang)

	add := func(u string, events ...string) string {
		r := s.form(t, "/s/"+sp.Key+"/hooks", url.Values{"url": {u}, "event": events})
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(r.body)))
		if r.status != http.StatusOK {
			t.Fatalf("add hook %s: %d %s", u, r.status, doc.Find(`[data-testid="hook-error"]`).Text())
		}
		return doc.Find(`[data-testid="hook-secret"] input`).AttrOr("value", "")
	}
	secret = add(good.URL, webhook.Approved, webhook.Comment)
	if !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("secret shown = %q", secret)
	}
	add(flaky.URL, webhook.Approved)
	add(hanging.URL, webhook.Approved, webhook.ReviewRequested)
	// The secret is not shown again.
	if r := s.do(t, "GET", "/s/"+sp.Key, "", nil); strings.Contains(string(r.body), secret) {
		t.Error("the space page shows a hook's secret again")
	}

	h.Announce(t.Context(), c.ID, webhook.Event{Kind: webhook.Approved, By: "Ana", URL: s.URL + "/v/" + c.ID})
	select {
	case g := <-received:
		if !g.ok || g.body["event"] != "approved" || g.body["by"] != "Ana" || g.body["version"] != 1.0 ||
			g.body["text"] != "Ana approved Orders (v1) "+s.URL+"/v/"+c.ID {
			t.Errorf("delivery: signature ok %v, body %v", g.ok, g.body)
		}
	case <-t.Context().Done():
		t.Fatal("no delivery")
	}
	// The flaky hook is tried three times: twice refused, then taken.
	for want := 1; want >= -1; want-- {
		if n := <-retried; n != want {
			t.Errorf("flaky attempt left %d failures, want %d", n, want)
		}
	}
	// An event a hook did not ask for is not sent to it.
	h.Announce(t.Context(), c.ID, webhook.Event{Kind: webhook.ChangesRequested, By: "Bo"})

	// The hanging hook holds a delivery open (it got the approval above
	// and has not answered); edits and announcements go on meanwhile.
	<-holding
	for v := 1; v <= 3; v++ {
		r := s.ops(t, c, `{"baseVersion":`+string(rune('0'+v))+`,"ops":[{"op":"updateBlock","id":"Worker","props":{"Timeout":`+string(rune('0'+v))+`0}}]}`)
		if r.status != http.StatusOK {
			t.Fatalf("edit %d: %d %s", v, r.status, r.body)
		}
		h.Announce(t.Context(), c.ID, webhook.Event{Kind: webhook.ReviewRequested, By: "Cy"})
	}
	if answered.Load() {
		t.Error("the hanging hook was answered (timed out) before the edits went on: announcing waited for it")
	}
	select {
	case g := <-received:
		t.Errorf("the good hook got an event it did not ask for: %v", g.body)
	default:
	}

	// Refused addresses and events, by name.
	priv := apptest.HandlerWith(t, st, handlers.Options{}, webhook.New(webhook.Options{}))
	ps := httptest.NewServer(priv.Routes())
	defer ps.Close()
	pserver := &server{Server: ps, store: st}
	for _, tc := range []struct {
		url    string
		events []string
		says   string
	}{
		{"ftp://example.com/x", []string{"approved"}, "http or https"},
		{"http://127.0.0.1:9/hook", []string{"approved"}, "internal address"},
		{"http://169.254.169.254/latest", []string{"approved"}, "internal address"},
		{"https://chat.example.com/hook", nil, "at least one event"},
		{"https://chat.example.com/hook", []string{"deployed"}, "not an event"},
	} {
		r := pserver.form(t, "/s/"+sp.Key+"/hooks", url.Values{"url": {tc.url}, "event": tc.events})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(string(r.body), tc.says) {
			t.Errorf("hook %s %v: %d, want 422 saying %q", tc.url, tc.events, r.status, tc.says)
		}
	}
}

// A space's key is a secret: requests at the space's link are logged by
// their route, never with the key.
func TestSpaceKeyNeverLogged(t *testing.T) {
	s, _, log := unavailableServer(t, 5*time.Second)
	sp := s.mustSpace(t, "Secret")
	for _, path := range []string{"/s/" + sp.Key, "/s/" + sp.Key + "?q=x", "/api/v1/spaces/" + sp.Key + "/designs", "/api/v1/spaces/" + sp.Key + "/nope"} {
		s.do(t, "GET", path, "", nil)
	}
	s.form(t, "/s/"+sp.Key+"/designs", url.Values{})
	s.do(t, "POST", "/api/v1/designs?space="+sp.Key, "", nil)
	if strings.Contains(log.String(), sp.Key) {
		t.Errorf("the log holds the space key:\n%s", log.String())
	}
	if !strings.Contains(log.String(), "/s/{spaceKey}") {
		t.Errorf("the log does not name the space route:\n%s", log.String())
	}
}

// The review actions and a new comment send their events to the space's
// hooks: a review request names those asked, a comment says what it is on.
func TestReviewAndCommentsReachTheSpaceHooks(t *testing.T) {
	st := apptest.Store(t)
	h := apptest.Handler(t, st, handlers.Options{})
	srv := httptest.NewServer(h.Routes())
	t.Cleanup(srv.Close)
	s := &server{Server: srv, store: st}
	sp := s.mustSpace(t, "Hooked")
	c := s.createIn(t, sp, ordersDoc)
	received := make(chan map[string]any, 10)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		json.NewDecoder(r.Body).Decode(&m)
		received <- m
	}))
	defer hook.Close()
	if r := s.form(t, "/s/"+sp.Key+"/hooks", url.Values{"url": {hook.URL}, "event": webhook.Events}); r.status != http.StatusOK {
		t.Fatalf("add hook: %d", r.status)
	}
	next := func() map[string]any {
		t.Helper()
		select {
		case m := <-received:
			return m
		case <-time.After(10 * time.Second):
			t.Fatal("no delivery")
			return nil
		}
	}
	view := s.URL + "/v/" + c.ID
	for _, tc := range []struct{ body, text, note string }{
		{`{"state":"in-review","by":"Ann","reviewers":["Bo"],"note":"by Friday"}`, "Ann requested a review of Orders (v1) " + view, "asked Bo. by Friday"},
		{`{"state":"changes-requested","by":"Bo","note":"add a DLQ"}`, "Bo requested changes to Orders (v1) " + view, "add a DLQ"},
		{`{"state":"approved","by":"Bo"}`, "Bo approved Orders (v1) " + view, ""},
	} {
		if r := s.review(t, c.ID, c.EditKey, tc.body); r.status != 200 {
			t.Fatalf("review %s: %d %s", tc.body, r.status, r.body)
		}
		m := next()
		if m["text"] != tc.text || m["note"] != nil && m["note"] != tc.note || tc.note != "" && m["note"] != tc.note {
			t.Errorf("delivery for %s: text %q note %q; want %q, %q", tc.body, m["text"], m["note"], tc.text, tc.note)
		}
	}
	if r := s.comment(t, c.ID, `{"author":"Cy","text":"Why no DLQ?","subject":{"block":"OrderQueue"}}`, nil); r.status != 201 {
		t.Fatalf("comment: %d %s", r.status, r.body)
	}
	if m := next(); m["event"] != "comment" || m["by"] != "Cy" || m["note"] != "on OrderQueue: Why no DLQ?" {
		t.Errorf("comment delivery = %v", m)
	}
}
