package handlers_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/handlers"
)

// fixFirstAPI is what a trainee adds to the first lab's start to meet
// every goal: an HTTP API, a function behind it and a table.
const fixFirstAPI = `[
	{"op":"addBlock","block":{"id":"Api","kind":"apigateway-http","x":260,"y":160}},
	{"op":"addBlock","block":{"id":"Fn","kind":"lambda","x":480,"y":160,"props":{"Runtime":"nodejs24.x","Timeout":6}}},
	{"op":"addBlock","block":{"id":"Notes","kind":"dynamodb","x":700,"y":160,"props":{"BillingMode":"PAY_PER_REQUEST"}}},
	{"op":"connect","connection":{"id":"c1","from":"MobileApp","to":"Api","integration":"request"}},
	{"op":"connect","connection":{"id":"c2","from":"Api","to":"Fn","integration":"invoke"}},
	{"op":"connect","connection":{"id":"c3","from":"Fn","to":"Notes","integration":"sdk"}}]`

// noRedirects returns the server's client that reports redirects.
func (s *server) noRedirects() *http.Client {
	c := *s.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// post sends a form without following the redirect, and answers it.
func (s *server) submit(tb testing.TB, path string, form url.Values, cookies ...*http.Cookie) *http.Response {
	tb.Helper()
	req, _ := http.NewRequest("POST", s.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := s.noRedirects().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func goalsOf(tb testing.TB, r response) (met, all int) {
	tb.Helper()
	var v struct {
		Goals []struct {
			ID  string `json:"id"`
			Met bool   `json:"met"`
		} `json:"goals"`
	}
	if err := json.Unmarshal(r.body, &v); err != nil {
		tb.Fatalf("%v: %s", err, r.body)
	}
	for _, g := range v.Goals {
		if g.Met {
			met++
		}
	}
	return met, len(v.Goals)
}

func TestLabsAPI(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 64 << 10})
	r := s.do(t, "GET", "/api/v1/labs", "", nil)
	var list struct {
		Labs []struct {
			Slug  string `json:"slug"`
			Title string `json:"title"`
			Level int    `json:"level"`
			Goals []struct{ ID, Text string }
		} `json:"labs"`
	}
	if err := json.Unmarshal(r.body, &list); err != nil || r.status != 200 {
		t.Fatalf("%d %v", r.status, err)
	}
	if len(list.Labs) < 12 || list.Labs[0].Slug != "first-api" || list.Labs[0].Level != 1 || len(list.Labs[0].Goals) == 0 || list.Labs[0].Goals[0].Text == "" {
		t.Fatalf("labs: %+v", list.Labs[:1])
	}
	start := s.do(t, "GET", "/api/v1/labs/queue-and-dlq/start.json", "", nil)
	ref := s.do(t, "GET", "/api/v1/labs/queue-and-dlq/reference.json", "", nil)
	if start.status != 200 || ref.status != 200 || !strings.Contains(string(start.body), `"format": "archlab/v1"`) {
		t.Fatalf("documents: %d %d %.100s", start.status, ref.status, start.body)
	}
	if met, all := goalsOf(t, s.do(t, "POST", "/api/v1/labs/queue-and-dlq/grade", string(ref.body), nil)); met != all || all == 0 {
		t.Errorf("the reference graded %d of %d", met, all)
	}
	if met, all := goalsOf(t, s.do(t, "POST", "/api/v1/labs/queue-and-dlq/grade", string(start.body), nil)); met == all {
		t.Errorf("the start graded %d of %d", met, all)
	}
	s.checkBad(t, []badCase{
		{"unknown lab", "GET", "/api/v1/labs/nope/start.json", "", nil, 404, "not_found", "", "no such lab"},
		{"grade unknown lab", "POST", "/api/v1/labs/nope/grade", string(ref.body), nil, 404, "not_found", "", "no such lab"},
		{"grade malformed", "POST", "/api/v1/labs/first-api/grade", `{"format":`, nil, 400, "malformed", "", "JSON"},
		{"grade invalid", "POST", "/api/v1/labs/first-api/grade", `{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqq"}]}`, nil, 422, "invalid", "blocks[0].kind", "sqq"},
		{"grade too large", "POST", "/api/v1/labs/first-api/grade", `{"format":"archlab/v1","title":"` + strings.Repeat("x", 70<<10) + `"}`, nil, 413, "too_large", "", ""},
		{"design from no lab", "GET", "/api/v1/designs/" + s.mustCreate(t, ordersDoc).ID + "/lab", "", nil, 404, "not_found", "", "not started from a lab"},
	})
}

// TestDoingALab: a lab opens as the trainee's own design with the brief and
// the goals; an edit's answer carries the checklist; hints are counted and
// the reference opens when the goals are met.
func TestDoingALab(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	resp := s.submit(t, "/labs/first-api/start", nil)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/d/") {
		t.Fatalf("start answered %d to %q", resp.StatusCode, loc)
	}
	key := strings.TrimPrefix(loc, "/d/")
	page := s.do(t, "GET", loc, "", nil)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(page.body))
	if doc.Find(`[data-testid="lab-panel"] .lab-brief`).Length() != 1 || doc.Find(`[data-testid="lab-goal"]`).Length() != 4 {
		t.Fatalf("the editor shows no lab panel with 4 goals")
	}
	if doc.Find(`[data-testid="lab-goal"][data-met="false"]`).Length() == 0 {
		t.Fatal("the start meets every goal")
	}
	// The labs' styles come with a lab's design (and only there: the
	// editor's budget counts what every design loads).
	if doc.Find(`link[rel="stylesheet"][href*="css/labs."]`).Length() != 1 {
		t.Fatal("a lab's design does not link the labs' styles")
	}
	id, _ := doc.Find(`[data-testid="editor"]`).Attr("data-design-id")

	if r := s.do(t, "GET", loc+"/lab/compare", "", nil); r.status != http.StatusForbidden {
		t.Fatalf("the reference opened before any goal was met: %d", r.status)
	}
	for want := 1; want <= 4; want++ {
		r := s.do(t, "POST", loc+"/lab/hint", "", map[string]string{"HX-Request": "true"})
		hd, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
		if got := hd.Find(`[data-testid="lab-hints"] li`).Length(); r.status != 200 || got != min(want, 3) {
			t.Fatalf("hint %d: %d, %d hints shown", want, r.status, got)
		}
	}
	var lab struct {
		Hints     int  `json:"hints"`
		Completed bool `json:"completed"`
	}
	r := s.do(t, "GET", "/api/v1/designs/"+id+"/lab", "", nil)
	json.Unmarshal(r.body, &lab)
	if lab.Hints != 3 || lab.Completed {
		t.Fatalf("after the hints: %s", r.body)
	}

	r = s.do(t, "POST", loc+"/ops", `{"baseVersion":1,"ops":`+fixFirstAPI+`}`, map[string]string{"HX-Request": "true"})
	ed, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	progress := ed.Find(`#lab-progress[hx-swap-oob]`)
	if r.status != 200 || progress.Length() != 1 || progress.Find(`[data-met="false"]`).Length() != 0 {
		t.Fatalf("the edit's answer does not carry a checklist all met: %d %.300s", r.status, r.body)
	}
	r = s.do(t, "GET", "/api/v1/designs/"+id+"/lab", "", nil)
	if met, all := goalsOf(t, r); met != all || !strings.Contains(string(r.body), `"completed":true`) {
		t.Fatalf("after the fix: %s", r.body)
	}
	if r := s.do(t, "GET", "/d/"+key+"/lab/compare", "", nil); r.status != 200 || !strings.Contains(string(r.body), `data-testid="lab-reference"`) {
		t.Fatalf("compare: %d", r.status)
	}
	// The view link shows the goals, read-only: no hint to take.
	view := s.do(t, "GET", "/v/"+id, "", nil)
	vd, _ := goquery.NewDocumentFromReader(bytes.NewReader(view.body))
	if vd.Find(`[data-testid="lab-goal"]`).Length() != 4 || vd.Find(`[data-testid="lab-hint"]`).Length() != 0 {
		t.Fatal("the view link's lab panel is not read-only")
	}
}

// TestCohort: an instructor creates a cohort, a trainee joins and starts a
// lab, and the instructor's page and CSV show their progress.
func TestCohort(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	s.checkBad(t, []badCase{
		{"malformed", "POST", "/api/v1/cohorts", `{"title":`, nil, 400, "malformed", "", "JSON"},
		{"no title", "POST", "/api/v1/cohorts", `{"title":" ","labs":["first-api"]}`, nil, 422, "invalid", "title", "required"},
		{"unknown lab", "POST", "/api/v1/cohorts", `{"title":"T","labs":["first-api","nope"]}`, nil, 422, "invalid", "labs[1]", `"nope"`},
		{"unknown field", "POST", "/api/v1/cohorts", `{"title":"T","labs":["first-api"],"owner":"x"}`, nil, 422, "invalid", "owner", ""},
	})
	r := s.do(t, "POST", "/api/v1/cohorts", `{"title":"Serverless week","labs":["first-api","fan-out"]}`, nil)
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	links := r.json(t)
	joinURL, _ := links["joinUrl"].(string)
	instructorURL, _ := links["instructorUrl"].(string)
	join, instructor := strings.TrimPrefix(joinURL, s.URL), strings.TrimPrefix(instructorURL, s.URL)
	if !strings.HasPrefix(join, "/c/") || !strings.HasPrefix(instructor, "/i/") {
		t.Fatalf("links %q %q", joinURL, instructorURL)
	}
	if r := s.do(t, "GET", "/i/"+strings.Repeat("a", 32), "", nil); r.status != http.StatusForbidden {
		t.Fatalf("an unknown instructor key: %d", r.status)
	}
	if r := s.do(t, "GET", strings.Replace(instructor, "/i/", "/c/", 1), "", nil); r.status != http.StatusForbidden {
		t.Fatalf("the instructor key as a join key: %d", r.status)
	}
	if resp := s.submit(t, join, url.Values{"name": {""}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("joining without a name: %d", resp.StatusCode)
	}
	// A refused name is shown again to be corrected, not lost.
	long := strings.Repeat("Ann ", 30)
	refused := s.do(t, "POST", join, url.Values{"name": {long}}.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if refused.status != http.StatusUnprocessableEntity {
		t.Fatalf("joining with a name too long: %d", refused.status)
	}
	if got := mustDoc(t, refused.body).Find(`[data-testid="member-name"]`).AttrOr("value", ""); got != long {
		t.Fatalf("the refused form shows the name %q; want what was typed", got)
	}
	resp := s.submit(t, join, url.Values{"name": {"=Ann"}})
	member := resp.Header.Get("Location")
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "archlab_trainee" {
			cookie = c
		}
	}
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(member, "/m/") || cookie == nil || !cookie.HttpOnly || cookie.Value != strings.TrimPrefix(member, "/m/") {
		t.Fatalf("join answered %d to %q with cookie %+v", resp.StatusCode, member, cookie)
	}
	resp = s.submit(t, member+"/labs/first-api", nil)
	edit := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(edit, "/d/") {
		t.Fatalf("start: %d %q", resp.StatusCode, edit)
	}
	if resp := s.submit(t, member+"/labs/queue-and-dlq", nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("a lab outside the cohort: %d", resp.StatusCode)
	}
	// The personal link reopens the same design.
	again, err := s.noRedirects().Get(s.URL + member + "/labs/first-api")
	if err != nil {
		t.Fatal(err)
	}
	again.Body.Close()
	if again.Header.Get("Location") != edit {
		t.Fatalf("the personal link opens %q, not %q", again.Header.Get("Location"), edit)
	}
	// Fixed through the JSON API, not the editor: the lab counts as
	// completed all the same.
	editKey := strings.TrimPrefix(edit, "/d/")
	ed := s.do(t, "GET", edit, "", nil)
	edDoc, _ := goquery.NewDocumentFromReader(bytes.NewReader(ed.body))
	designID := edDoc.Find(`[data-testid="editor"]`).AttrOr("data-design-id", "")
	if r := s.do(t, "POST", "/api/v1/designs/"+designID+"/ops", `{"baseVersion":1,"ops":`+fixFirstAPI+`}`, map[string]string{"Authorization": "Bearer " + editKey}); r.status != 200 {
		t.Fatalf("fix: %d %s", r.status, r.body)
	}
	page := s.do(t, "GET", instructor, "", nil)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(page.body))
	if v, _ := doc.Find(`[data-testid="join-url"]`).Attr("value"); v != joinURL {
		t.Errorf("the instructor's page shows join link %q, want %q", v, joinURL)
	}
	row := doc.Find(`[data-testid="progress-row"][data-lab="first-api"]`)
	if row.Length() != 1 || row.AttrOr("data-done", "") != "true" || row.AttrOr("data-trainee", "") != "=Ann" {
		t.Fatalf("progress rows: %s", doc.Find(`[data-testid="progress"]`).Text())
	}
	if doc.Find(`[data-testid="progress-row"][data-lab="fan-out"]`).Text() == "" {
		t.Error("the lab not started has no row")
	}
	r = s.do(t, "GET", instructor+"/results.csv", "", nil)
	recs, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil || r.status != 200 || len(recs) != 3 {
		t.Fatalf("CSV: %d %v %q", r.status, err, r.body)
	}
	if got := recs[1]; got[0] != "'=Ann" || got[1] != "first-api" || got[3] != "4" || got[5] != "true" {
		t.Fatalf("CSV row %q", got)
	}
	// In the browser that joined, the lab's own page starts it as the
	// member's: it opens the design started before, and a lab of the
	// cohort not started yet becomes one of theirs.
	if resp := s.submit(t, "/labs/first-api/start", nil, cookie); resp.Header.Get("Location") != member+"/labs/first-api" {
		t.Fatalf("starting a started lab of the cohort leads to %q", resp.Header.Get("Location"))
	}
	s.submit(t, "/labs/fan-out/start", nil, cookie)
	if csv := s.do(t, "GET", instructor+"/results.csv", "", nil); !strings.Contains(string(csv.body), "'=Ann,fan-out,true,") {
		t.Fatalf("the lab started from its page is not the member's:\n%s", csv.body)
	}
	if resp := s.submit(t, "/labs/queue-and-dlq/start", nil, cookie); !strings.HasPrefix(resp.Header.Get("Location"), "/d/") {
		t.Fatalf("a lab outside the cohort does not start on its own: %q", resp.Header.Get("Location"))
	}
	// The browser that joined is led back to its labs.
	req, _ := http.NewRequest("GET", s.URL+join, nil)
	req.AddCookie(cookie)
	jr, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	jd, _ := goquery.NewDocumentFromReader(jr.Body)
	jr.Body.Close()
	if href, _ := jd.Find(`[data-testid="continue-member"]`).Attr("href"); href != member {
		t.Fatalf("the join page leads this browser to %q, want %q", href, member)
	}
}

// TestLabPagesAndForms: the lab pages, the cohort form and its refusals,
// and lab routes on what is not a lab.
func TestLabPagesAndForms(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	r := s.do(t, "GET", "/labs", "", nil)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if r.status != 200 || doc.Find(`[data-testid="lab-card"]`).Length() < 12 || doc.Find(`[data-testid="my-labs"]`).Length() != 0 {
		t.Fatalf("/labs: %d with %d labs", r.status, doc.Find(`[data-testid="lab-card"]`).Length())
	}
	r = s.do(t, "GET", "/labs/fan-out", "", nil)
	doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if r.status != 200 || doc.Find(`[data-testid="start-lab"]`).Length() != 1 || doc.Find(`svg .block`).Length() == 0 || !strings.Contains(doc.Text(), "analytics") {
		t.Fatalf("/labs/fan-out: %d", r.status)
	}
	if r := s.do(t, "GET", "/labs/nope", "", nil); r.status != 404 {
		t.Fatalf("an unknown lab: %d", r.status)
	}
	if resp := s.submit(t, "/labs/nope/start", nil); resp.StatusCode != 404 {
		t.Fatalf("starting an unknown lab: %d", resp.StatusCode)
	}
	c := s.mustCreate(t, ordersDoc)
	if r := s.do(t, "POST", "/d/"+c.EditKey+"/lab/hint", "", map[string]string{"HX-Request": "true"}); r.status != 404 {
		t.Fatalf("a hint on a design from no lab: %d", r.status)
	}
	if r := s.do(t, "GET", "/d/"+c.EditKey+"/lab/compare", "", nil); r.status != 404 {
		t.Fatalf("comparing a design from no lab: %d", r.status)
	}

	// The cohort form keeps what was typed when it refuses it.
	form := url.Values{"title": {"Week one"}, "labs": {"first-api", "nope"}}
	r = s.do(t, "POST", "/cohorts", form.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if r.status != 422 || !strings.Contains(doc.Find(`[role="alert"]`).Text(), `"nope" is not a lab`) ||
		doc.Find(`[data-testid="cohort-title"]`).AttrOr("value", "") != "Week one" ||
		doc.Find(`[data-testid="cohort-lab"][value="first-api"][checked]`).Length() != 1 {
		t.Fatalf("refused form: %d %q", r.status, doc.Find(`[role="alert"]`).Text())
	}
	resp := s.submit(t, "/cohorts", url.Values{"title": {"Week one"}, "labs": {"first-api"}})
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/i/") {
		t.Fatalf("created: %d %q", resp.StatusCode, loc)
	} else if r := s.do(t, "GET", loc, "", nil); r.status != 200 || !strings.Contains(string(r.body), "The cohort is ready") || r.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("instructor page: %d", r.status)
	}
	if r := s.do(t, "GET", "/m/not-a-key", "", nil); r.status != http.StatusForbidden {
		t.Fatalf("a malformed personal key: %d", r.status)
	}
}
