package handlers_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/static"
)

// server is archlab on a fresh SQLite file behind httptest.
type server struct {
	*httptest.Server
	store design.Store
}

func mustServer(tb testing.TB, opts handlers.Options) *server {
	tb.Helper()
	st := apptest.Store(tb)
	return &server{Server: apptest.Server(tb, st, opts), store: st}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(tb testing.TB) map[string]any {
	tb.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		tb.Fatalf("response is not JSON: %v\n%s", err, r.body)
	}
	return v
}

// errorOf returns the error object of a JSON error response.
func (r response) errorOf(tb testing.TB) map[string]any {
	tb.Helper()
	e, ok := r.json(tb)["error"].(map[string]any)
	if !ok {
		tb.Fatalf("no error object in %s", r.body)
	}
	return e
}

func (s *server) do(tb testing.TB, method, path, body string, header map[string]string) response {
	tb.Helper()
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

type created struct {
	ID, EditKey, ViewURL, EditURL string
	Version                       int
}

func (s *server) mustCreate(tb testing.TB, doc string) created {
	tb.Helper()
	r := s.do(tb, "POST", "/api/v1/designs", doc, nil)
	if r.status != http.StatusCreated {
		tb.Fatalf("create: %d %s", r.status, r.body)
	}
	var c created
	if err := json.Unmarshal(r.body, &c); err != nil {
		tb.Fatal(err)
	}
	return c
}

func (s *server) ops(tb testing.TB, c created, body string) response {
	tb.Helper()
	return s.do(tb, "POST", "/api/v1/designs/"+c.ID+"/ops", body, map[string]string{"Authorization": "Bearer " + c.EditKey})
}

const ordersDoc = `{"format":"archlab/v1","title":"Orders","blocks":[
	{"id":"OrdersApi","kind":"apigateway-rest","name":"Orders API","x":80,"y":120},
	{"id":"Worker","kind":"lambda","props":{"Timeout":30,"MemorySize":512}},
	{"id":"OrderQueue","kind":"sqs","props":{"VisibilityTimeout":60}}],
	"connections":[{"id":"c1","from":"OrderQueue","to":"Worker","integration":"event-source-mapping","props":{"BatchSize":10}}]}`

func TestCreateReadAndApply(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	if c.Version != 1 || !strings.HasSuffix(c.ViewURL, "/v/"+c.ID) || !strings.HasSuffix(c.EditURL, "/d/"+c.EditKey) {
		t.Fatalf("created = %+v", c)
	}
	r := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil)
	if r.status != 200 {
		t.Fatalf("read: %d %s", r.status, r.body)
	}
	doc := r.json(t)
	if doc["format"] != "archlab/v1" || doc["id"] != c.ID || doc["version"] != 1.0 || doc["title"] != "Orders" {
		t.Fatalf("document = %v", doc)
	}
	// The ETag answers 304 when nothing changed.
	if r2 := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", map[string]string{"If-None-Match": r.header.Get("ETag")}); r2.status != http.StatusNotModified {
		t.Fatalf("conditional read: %d", r2.status)
	}

	r = s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Worker","props":{"Timeout":60}}]}`)
	if r.status != 200 {
		t.Fatalf("ops: %d %s", r.status, r.body)
	}
	// The answer is what the edit changed in the findings: the visibility
	// finding's message names the new timeout, so it is resolved and
	// introduced again; nothing else changed.
	var change struct {
		Version              int
		Introduced, Resolved []struct{ Rule, Message string }
		Findings             []any
	}
	if err := json.Unmarshal(r.body, &change); err != nil || change.Version != 2 || change.Findings != nil ||
		len(change.Introduced) != 1 || len(change.Resolved) != 1 || change.Introduced[0].Rule != "sqs-visibility-6x" ||
		!strings.Contains(change.Introduced[0].Message, "360 s") || !strings.Contains(change.Resolved[0].Message, "180 s") {
		t.Fatalf("ops answer = %s, want version 2, the 180 s finding resolved and the 360 s one introduced", r.body)
	}
	// ?findings=all answers every finding, as GET …/findings does.
	r = s.do(t, "POST", "/api/v1/designs/"+c.ID+"/ops?findings=all", `{"baseVersion":2,"ops":[{"op":"setTitle","title":"Orders"}]}`,
		map[string]string{"Authorization": "Bearer " + c.EditKey})
	if v := r.json(t); v["version"] != 3.0 || v["findings"] == nil || v["accepted"] == nil || v["introduced"] != nil {
		t.Fatalf("ops?findings=all answer = %s, want version 3 and the findings lists", r.body)
	}
	r = s.do(t, "GET", "/api/v1/designs/"+c.ID+"/revisions", "", nil)
	revs := r.json(t)["revisions"].([]any)
	if len(revs) != 3 || revs[0].(map[string]any)["version"] != 3.0 {
		t.Fatalf("revisions = %s", r.body)
	}
	r = s.do(t, "GET", "/api/v1/designs/"+c.ID+"/findings", "", nil)
	if _, ok := r.json(t)["findings"].([]any); r.status != 200 || !ok {
		t.Fatalf("findings: %d %s", r.status, r.body)
	}
}

func TestCreateBlankDesign(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, "")
	r := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil)
	if doc := r.json(t); doc["title"] != "Untitled design" || len(doc["blocks"].([]any)) != 0 {
		t.Fatalf("blank design = %s", r.body)
	}
}

func TestBadInput(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 4096})
	c := s.mustCreate(t, ordersDoc)
	auth := map[string]string{"Authorization": "Bearer " + c.EditKey}
	opsPath := "/api/v1/designs/" + c.ID + "/ops"
	for _, tc := range []struct {
		name, method, path, body string
		header                   map[string]string
		status                   int
		code, field, message     string
	}{
		{"malformed document", "POST", "/api/v1/designs", `{"format":"archlab/v1",`, nil, 400, "malformed", "", "line 1"},
		{"malformed ops", "POST", opsPath, `{"baseVersion": 1, "ops": [}`, auth, 400, "malformed", "", "line 1, column 28"},
		{"invalid document", "POST", "/api/v1/designs", `{"format":"archlab/v1","blocks":[{"id":"A","kind":"lamda"}]}`, nil, 422, "invalid", "blocks[0].kind", "lamda"},
		{"invalid operation", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"ok"},{"op":"updateBlock","id":"Worker","props":{"Timeout":"soon"}}]}`, auth, 422, "invalid", "ops[1].props.Timeout", "must be a number"},
		{"unknown operation", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"explode"}]}`, auth, 422, "invalid", "ops[0].op", "explode"},
		{"missing base version", "POST", opsPath, `{"ops":[{"op":"setTitle","title":"x"}]}`, auth, 422, "invalid", "baseVersion", "required"},
		{"base version ahead", "POST", opsPath, `{"baseVersion":9,"ops":[{"op":"setTitle","title":"x"}]}`, auth, 422, "invalid", "baseVersion", "ahead"},
		{"unknown request field", "POST", opsPath, `{"baseVersion":1,"ops":[],"force":true}`, auth, 422, "invalid", "force", "unknown field"},
		{"unknown design", "GET", "/api/v1/designs/aaaaaaaaaaaaaaaa", "", nil, 404, "not_found", "", "no such design"},
		{"malformed design id", "GET", "/api/v1/designs/..%2f..%2fetc", "", nil, 404, "not_found", "", ""},
		{"ops on unknown design", "POST", "/api/v1/designs/aaaaaaaaaaaaaaaa/ops", `{"baseVersion":1,"ops":[{"op":"setTitle","title":"x"}]}`, auth, 404, "not_found", "", ""},
		{"revisions of unknown design", "GET", "/api/v1/designs/aaaaaaaaaaaaaaaa/revisions", "", nil, 404, "not_found", "", ""},
		{"bad revisions limit", "GET", "/api/v1/designs/" + c.ID + "/revisions?limit=0", "", nil, 422, "invalid", "limit", "from 1 to 500"},
		{"wrong edit key", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"x"}]}`, map[string]string{"Authorization": "Bearer " + design.NewEditKey()}, 403, "forbidden", "", "edit key"},
		{"no edit key", "POST", opsPath, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"x"}]}`, nil, 401, "unauthorized", "", "Bearer"},
		{"body too large", "POST", "/api/v1/designs", `{"format":"archlab/v1","title":"` + strings.Repeat("x", 5000) + `"}`, nil, 413, "too_large", "", "4,096 bytes"},
		{"unknown endpoint", "GET", "/api/v1/nothing", "", nil, 404, "not_found", "", "No such API endpoint"},
		{"wrong method", "DELETE", "/api/v1/designs/" + c.ID, "", nil, 405, "method_not_allowed", "", "DELETE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(t, tc.method, tc.path, tc.body, tc.header)
			if r.status != tc.status {
				t.Fatalf("status=%d, want %d: %s", r.status, tc.status, r.body)
			}
			e := r.errorOf(t)
			if e["code"] != tc.code {
				t.Errorf("code=%v, want %s", e["code"], tc.code)
			}
			if field, _ := e["field"].(string); field != tc.field {
				t.Errorf("field=%q, want %q", field, tc.field)
			}
			if msg, _ := e["message"].(string); !strings.Contains(strings.ToLower(msg), strings.ToLower(tc.message)) {
				t.Errorf("message %q does not contain %q", msg, tc.message)
			}
		})
	}
	// None of the refused requests changed the design.
	r := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil)
	if doc := r.json(t); doc["version"] != 1.0 || doc["title"] != "Orders" {
		t.Fatalf("bad input changed the design: %s", r.body)
	}
}

func TestConflictCarriesTheFreshDesign(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Worker","props":{"Timeout":60}}]}`); r.status != 200 {
		t.Fatalf("first edit: %d %s", r.status, r.body)
	}
	// A different property of the same block merges.
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Worker","props":{"MemorySize":1024}}]}`); r.status != 200 {
		t.Fatalf("a non-overlapping stale edit was refused: %d %s", r.status, r.body)
	}
	r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Worker","props":{"Timeout":90}}]}`)
	if r.status != http.StatusConflict {
		t.Fatalf("status=%d, want 409: %s", r.status, r.body)
	}
	body := r.json(t)
	fresh, ok := body["design"].(map[string]any)
	if !ok || fresh["version"] != 3.0 {
		t.Fatalf("the conflict does not carry the fresh design: %s", r.body)
	}
	if msg := r.errorOf(t)["message"].(string); !strings.Contains(msg, "Worker Timeout") {
		t.Fatalf("message %q does not say what collided", msg)
	}
}

func TestCrossOriginWritesAreRefused(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	for _, h := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site", "Authorization": "Bearer " + c.EditKey},
		{"Origin": "https://evil.example", "Authorization": "Bearer " + c.EditKey},
	} {
		r := s.do(t, "POST", "/api/v1/designs/"+c.ID+"/ops", `{"baseVersion":1,"ops":[{"op":"setTitle","title":"x"}]}`, h)
		if r.status != http.StatusForbidden {
			t.Fatalf("cross-origin write with %v answered %d", h, r.status)
		}
	}
	if r := s.do(t, "POST", "/designs", "", map[string]string{"Sec-Fetch-Site": "cross-site"}); r.status != http.StatusForbidden {
		t.Fatalf("cross-site form post answered %d", r.status)
	}
	// The same request from the same origin goes through.
	r := s.do(t, "POST", "/api/v1/designs/"+c.ID+"/ops", `{"baseVersion":1,"ops":[{"op":"setTitle","title":"x"}]}`,
		map[string]string{"Sec-Fetch-Site": "same-origin", "Authorization": "Bearer " + c.EditKey})
	if r.status != 200 {
		t.Fatalf("same-origin write answered %d %s", r.status, r.body)
	}
}

func TestWritesAreRateLimited(t *testing.T) {
	s := mustServer(t, handlers.Options{WritesPerMinute: 3})
	for i := range 3 {
		if r := s.do(t, "POST", "/api/v1/designs", "", nil); r.status != http.StatusCreated {
			t.Fatalf("write %d answered %d", i, r.status)
		}
	}
	r := s.do(t, "POST", "/api/v1/designs", "", nil)
	if r.status != http.StatusTooManyRequests {
		t.Fatalf("the fourth write answered %d, want 429", r.status)
	}
	if r := s.do(t, "GET", "/healthz", "", nil); r.status != 200 {
		t.Fatalf("reads must not be limited: %d", r.status)
	}
}

// A client that writes its own X-Forwarded-For must not get a fresh rate
// limit bucket, nor a say about the scheme, unless the request comes from a
// trusted proxy.
func TestForwardedHeadersOnlyFromTrustedProxies(t *testing.T) {
	create := func(s *server, header map[string]string) response {
		t.Helper()
		return s.do(t, "POST", "/api/v1/designs", "", header)
	}
	t.Run("direct clients", func(t *testing.T) {
		s := mustServer(t, handlers.Options{WritesPerMinute: 2})
		for i, xff := range []string{"203.0.113.5", "203.0.113.6"} {
			r := create(s, map[string]string{"X-Forwarded-For": xff, "X-Forwarded-Proto": "https"})
			if r.status != http.StatusCreated {
				t.Fatalf("write %d answered %d", i, r.status)
			}
			if url, _ := r.json(t)["viewUrl"].(string); !strings.HasPrefix(url, "http://") {
				t.Errorf("an untrusted X-Forwarded-Proto made the link %s", url)
			}
		}
		if r := create(s, map[string]string{"X-Forwarded-For": "203.0.113.7"}); r.status != http.StatusTooManyRequests {
			t.Fatalf("a third address in X-Forwarded-For escaped the limit: %d", r.status)
		}
	})
	t.Run("behind a trusted proxy", func(t *testing.T) {
		// The test server's clients connect from 127.0.0.1: the proxy.
		s := mustServer(t, handlers.Options{WritesPerMinute: 1, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
		r := create(s, map[string]string{"X-Forwarded-For": "203.0.113.5", "X-Forwarded-Proto": "https"})
		if r.status != http.StatusCreated {
			t.Fatalf("first client answered %d", r.status)
		}
		if url, _ := r.json(t)["viewUrl"].(string); !strings.HasPrefix(url, "https://") {
			t.Errorf("the proxy's X-Forwarded-Proto was ignored: %s", url)
		}
		if r := create(s, map[string]string{"X-Forwarded-For": "203.0.113.6"}); r.status != http.StatusCreated {
			t.Fatalf("another client shared the first one's limit: %d", r.status)
		}
		// The proxy appends the address it sees; what the client wrote
		// before it is not believed.
		if r := create(s, map[string]string{"X-Forwarded-For": "198.51.100.9, 203.0.113.5"}); r.status != http.StatusTooManyRequests {
			t.Fatalf("a client escaped its limit by writing another address first: %d", r.status)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	r := s.do(t, "GET", "/", "", nil)
	csp := r.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Fatalf("CSP = %q", csp)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
		if got := r.header.Get(k); got != want {
			t.Errorf("%s=%q, want %q", k, got, want)
		}
	}
	if r.header.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}
	// No inline script anywhere on the page.
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	doc.Find("script").Each(func(_ int, sel *goquery.Selection) {
		if src, _ := sel.Attr("src"); src == "" || strings.TrimSpace(sel.Text()) != "" {
			t.Errorf("inline script on the home page: %s", sel.Text())
		}
	})
}

func TestHomeCreatesADesignAndOpensItsEditor(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	r := s.do(t, "GET", "/", "", nil)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if doc.Find(`[data-testid="new-design"]`).Length() != 1 || !strings.Contains(doc.Find("h1").Text(), "serverless") {
		t.Fatal("the home page does not say what archlab is or offer a new design")
	}
	client := s.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Post(s.URL+"/designs", "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/d/") {
		t.Fatalf("new design answered %d to %q", resp.StatusCode, loc)
	}
	r = s.do(t, "GET", loc, "", nil)
	if r.status != 200 || r.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("editor: %d, Cache-Control %q", r.status, r.header.Get("Cache-Control"))
	}
	doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if doc.Find(`[data-testid="editor"] [data-testid="canvas"] svg#diagram`).Length() != 1 {
		t.Fatal("the editor has no canvas")
	}
	if n := doc.Find(`[data-block-id]`).Length(); n != 0 {
		t.Fatalf("a blank design shows %d blocks", n)
	}
	if doc.Find(`.palette [data-add-kind="lambda"]`).Length() != 1 {
		t.Fatal("the palette offers no Lambda function")
	}
}

func TestEditorListsBlocksAndEscapesThem(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, `{"format":"archlab/v1","title":"<script>alert(1)</script>","blocks":[
		{"id":"Worker","kind":"lambda","name":"<img src=x onerror=alert(1)>","props":{"Timeout":30}}]}`)
	r := s.do(t, "GET", "/d/"+c.EditKey, "", nil)
	if strings.Contains(string(r.body), "<script>alert") || strings.Contains(string(r.body), "<img src=x") {
		t.Fatal("user text reached the page unescaped")
	}
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	block := doc.Find(`svg#diagram [data-block-id="Worker"][data-kind="lambda"]`)
	if label, _ := block.Attr("aria-label"); block.Length() != 1 || !strings.HasPrefix(label, "Lambda function <img") {
		t.Fatalf("block missing or mislabelled: %q", label)
	}
	// The view link shows the design without the edit link.
	r = s.do(t, "GET", "/v/"+c.ID, "", nil)
	if r.status != 200 || strings.Contains(string(r.body), c.EditKey) {
		t.Fatalf("viewer: %d, leaks the edit key: %v", r.status, strings.Contains(string(r.body), c.EditKey))
	}
}

func TestEditorRefusesBadLinks(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	for path, want := range map[string]int{
		"/d/not-a-key":              403,
		"/d/" + design.NewEditKey(): 403,
		"/v/aaaaaaaaaaaaaaaa":       404,
		"/no/such/page":             404,
	} {
		r := s.do(t, "GET", path, "", nil)
		if r.status != want {
			t.Errorf("%s answered %d, want %d", path, r.status, want)
		}
		doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
		if doc.Find(`[data-testid="error"] a[href="/"]`).Length() != 1 {
			t.Errorf("%s: the error page offers no way back", path)
		}
	}
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	if r := s.do(t, "GET", "/healthz", "", nil); r.status != 200 {
		t.Fatalf("healthz %d", r.status)
	}
	if r := s.do(t, "GET", "/readyz", "", nil); r.status != 200 {
		t.Fatalf("readyz %d", r.status)
	}
	c := s.mustCreate(t, "")
	s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil)
	r := s.do(t, "GET", "/metrics", "", nil)
	body := string(r.body)
	for _, want := range []string{
		`archlab_http_requests_total{code="201",method="POST",route="/api/v1/designs"} 1`,
		`archlab_http_request_duration_seconds_bucket{method="GET",route="/api/v1/designs/{designID}"`,
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, c.ID) {
		t.Error("metrics are labelled by raw path, not by route pattern")
	}
	// Once the database is gone, the instance is not ready.
	s.store.Close()
	if r := s.do(t, "GET", "/readyz", "", nil); r.status != http.StatusServiceUnavailable {
		t.Fatalf("readyz with a closed database answered %d", r.status)
	}
}

func TestStaticAssetsAreVersioned(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	assets := static.New()
	url := assets.URL("css/app.css")
	r := s.do(t, "GET", url, "", nil)
	if r.status != 200 || !strings.Contains(r.header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") {
		t.Fatalf("%s: %d %v", url, r.status, r.header)
	}
	if r := s.do(t, "GET", "/static/css/app.css", "", nil); r.header.Get("Cache-Control") != "no-cache" {
		t.Fatal("an unversioned asset URL must not be cached for long")
	}
	if r := s.do(t, "GET", "/static/../go.mod", "", nil); r.status != 404 {
		t.Fatalf("path traversal answered %d", r.status)
	}
	for _, f := range []string{"vendor/htmx.org/htmx.min.js", "vendor/htmx.org/LICENSE"} {
		if assets.Size(f) <= 0 {
			t.Errorf("%s is not embedded", f)
		}
	}
}
