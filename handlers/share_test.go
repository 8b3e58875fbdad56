package handlers_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/handlers"
)

// post sends a same-origin form post without following the redirect.
func (s *server) post(tb testing.TB, path string, form url.Values) *http.Response {
	tb.Helper()
	client := *s.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.PostForm(s.URL+path, form)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func page(tb testing.TB, r response) *goquery.Document {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

func TestRotatingTheEditKey(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	resp := s.post(t, "/d/"+c.EditKey+"/rotate", nil)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/d/") || strings.Contains(loc, c.EditKey) {
		t.Fatalf("rotate answers %d to %q", resp.StatusCode, loc)
	}
	newKey := strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/d/")
	r := s.do(t, "GET", "/d/"+c.EditKey+"/", "", nil)
	if r.status != http.StatusForbidden || !bytes.Contains(r.body, []byte("replaced by a newer one")) {
		t.Errorf("the old edit link answers %d:\n%.400s", r.status, r.body)
	}
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"x"}]}`); r.status != http.StatusForbidden {
		t.Errorf("a write with the old key answers %d", r.status)
	}
	r = s.do(t, "GET", loc, "", nil)
	if r.status != http.StatusOK || page(t, r).Find("[data-testid=notice]").Length() != 1 {
		t.Errorf("the new edit link answers %d without saying it is new", r.status)
	}
	c.EditKey = newKey
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"Mine"}]}`); r.status != http.StatusOK {
		t.Errorf("a write with the new key answers %d %s", r.status, r.body)
	}
}

func TestForkFromAViewLink(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"Orders"}, {"op":"addBlock","block":{"id":"Extra","kind":"sqs"}}]}`)
	resp := s.post(t, "/v/"+c.ID+"/fork", nil)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/d/") {
		t.Fatalf("fork answers %d to %q", resp.StatusCode, loc)
	}
	r := s.do(t, "GET", loc, "", nil)
	doc := page(t, r)
	if got := strings.Join(strings.Fields(doc.Find(".forked-from").Text()), " "); got != "Forked from Orders at v2" {
		t.Errorf("the fork says %q", got)
	}
	if doc.Find(`[data-block-id="Extra"]`).Length() == 0 {
		t.Errorf("the fork lacks the block of the original's last version")
	}
}

func TestHistoryCompareAndRestore(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Worker","props":{"Timeout":120}}]}`)
	s.ops(t, c, `{"baseVersion":2,"ops":[{"op":"addBlock","block":{"id":"OrderDLQ","kind":"sqs"}}]}`)

	r := s.do(t, "GET", "/v/"+c.ID+"/history", "", nil)
	doc := page(t, r)
	if n := doc.Find("[data-testid=revision]").Length(); r.status != http.StatusOK || n != 3 {
		t.Fatalf("history answers %d with %d revisions", r.status, n)
	}
	summary := doc.Find(`[data-version="2"] .revision-summary`).Text()
	if !strings.Contains(summary, "Worker: Timeout 30 → 120") {
		t.Errorf("v2's summary is %q", strings.TrimSpace(summary))
	}
	if doc.Find("[data-testid=restore]").Length() != 0 {
		t.Errorf("the view link's history offers restore")
	}
	// Every link of the history page leads somewhere.
	doc.Find("[data-testid=history] a[href]").Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		if r := s.do(t, "GET", href, "", nil); r.status != http.StatusOK {
			t.Errorf("the history links to %s, which answers %d", href, r.status)
		}
	})
	if page(t, s.do(t, "GET", "/d/"+c.EditKey+"/history", "", nil)).Find("[data-testid=restore]").Length() != 2 {
		t.Errorf("the edit link's history does not offer restoring the two older versions")
	}

	// Version 2 made the queue's visibility timeout shorter than the
	// function's: comparing v1 with v2 shows the finding introduced.
	r = s.do(t, "GET", "/v/"+c.ID+"/compare?from=1&to=2", "", nil)
	doc = page(t, r)
	if r.status != http.StatusOK || !strings.Contains(doc.Find("[data-testid=introduced]").Text(), "VisibilityTimeout") {
		t.Errorf("compare v1→v2 answers %d:\n%s", r.status, doc.Find("[data-testid=compare]").Text())
	}
	r = s.do(t, "GET", "/v/"+c.ID+"/compare?from=2&to=1", "", nil)
	if !strings.Contains(page(t, r).Find("[data-testid=resolved]").Text(), "VisibilityTimeout") {
		t.Errorf("compare v2→v1 does not list the finding resolved")
	}

	r = s.do(t, "GET", "/v/"+c.ID+"/versions/1", "", nil)
	doc = page(t, r)
	if r.status != http.StatusOK || doc.Find("[data-testid=past-version]").Length() != 1 || doc.Find(`[data-block-id="OrderDLQ"]`).Length() != 0 {
		t.Errorf("version 1 answers %d, or shows a later block", r.status)
	}

	resp := s.post(t, "/d/"+c.EditKey+"/restore", url.Values{"version": {"1"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore answers %d", resp.StatusCode)
	}
	got := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil).json(t)
	if got["version"] != 4.0 || strings.Contains(string(s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil).body), "OrderDLQ") {
		t.Errorf("after restoring v1 the design is %v", got)
	}

	// Bad input: an unknown version, a version that is not a number.
	for path, want := range map[string]int{
		"/v/" + c.ID + "/versions/99":                http.StatusNotFound,
		"/v/" + c.ID + "/versions/first":             http.StatusNotFound,
		"/v/" + c.ID + "/compare?from=1&to=99":       http.StatusNotFound,
		"/v/" + c.ID + "/compare?from=one&to=2":      http.StatusUnprocessableEntity,
		"/v/nosuchdesign0000/history":                http.StatusNotFound,
		"/d/" + strings.Repeat("x", 32) + "/history": http.StatusForbidden,
	} {
		if r := s.do(t, "GET", path, "", nil); r.status != want {
			t.Errorf("%s answers %d, want %d", path, r.status, want)
		}
	}
	if resp := s.post(t, "/d/"+c.EditKey+"/restore", url.Values{"version": {"0"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("restoring version 0 answers %d", resp.StatusCode)
	}
	// The refusal says what is wrong and leads back to the design.
	r = s.do(t, "POST", "/d/"+c.EditKey+"/restore", "version=0", map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	back, _ := page(t, r).Find("[data-testid=error-back]").Attr("href")
	if r.status != http.StatusUnprocessableEntity || back != "/d/"+c.EditKey || !bytes.Contains(r.body, []byte("version")) {
		t.Errorf("a refused restore answers %d, leading back to %q", r.status, back)
	}
}

func TestEmbedsAreFramableOnlyWhereAllowed(t *testing.T) {
	s := mustServer(t, handlers.Options{EmbedOrigins: []string{"https://wiki.example.com"}})
	c := s.mustCreate(t, ordersDoc)
	r := s.do(t, "GET", "/v/"+c.ID+"?embed=1", "", nil)
	csp := r.header.Get("Content-Security-Policy")
	if r.status != http.StatusOK || r.header.Get("X-Frame-Options") != "" || !strings.Contains(csp, "frame-ancestors 'self' https://wiki.example.com") {
		t.Errorf("the embed answers %d with X-Frame-Options %q and CSP %q", r.status, r.header.Get("X-Frame-Options"), csp)
	}
	doc := page(t, r)
	if doc.Find("header.site-header").Length() != 0 || doc.Find("[data-testid=embed] svg#diagram").Length() != 1 {
		t.Errorf("the embed shows the application around the diagram, or no diagram")
	}
	for _, path := range []string{"/d/" + c.EditKey + "/", "/v/" + c.ID} {
		r := s.do(t, "GET", path, "", nil)
		if r.header.Get("X-Frame-Options") != "DENY" || !strings.Contains(r.header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s may be framed", path)
		}
	}
}
