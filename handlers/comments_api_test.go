package handlers_test

import (
	"bytes"
	"net/http"
	"net/netip"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
)

func (s *server) comment(tb testing.TB, id, body string, header map[string]string) response {
	tb.Helper()
	return s.do(tb, "POST", "/api/v1/designs/"+id+"/comments", body, header)
}

// The comments API: a thread on a block, a reply, a thread on a finding
// and on the design, listed oldest first, resolved and reopened.
func TestCommentsAPI(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	r := s.comment(t, c.ID, `{"author":"Alice","text":"Is **60 s** enough?","subject":{"block":"OrderQueue"}}`, nil)
	if r.status != http.StatusCreated {
		t.Fatalf("comment: %d %s", r.status, r.body)
	}
	first := r.json(t)
	subject, _ := first["subject"].(map[string]any)
	author, _ := first["author"].(map[string]any)
	if first["id"] != "c1" || first["thread"] != "c1" || first["createdAt"] == nil || first["version"] != float64(1) ||
		subject["kind"] != "block" || subject["id"] != "OrderQueue" || subject["label"] != "OrderQueue" ||
		author["name"] != "Alice" || author["verified"] != false {
		t.Fatalf("first comment = %s", r.body)
	}
	if r := s.comment(t, c.ID, `{"author":"Bob","text":"Raised to 180","thread":"c1"}`, nil); r.status != http.StatusCreated || r.json(t)["thread"] != "c1" {
		t.Fatalf("reply: %d %s", r.status, r.body)
	}
	// The finding the queue raises (its visibility timeout is not six
	// times the function's), named by rule and subjects in any order.
	findings := s.do(t, "GET", "/api/v1/designs/"+c.ID+"/findings", "", nil).json(t)["findings"].([]any)
	var rule string
	var subjects []string
	for _, f := range findings {
		f := f.(map[string]any)
		if f["rule"] == "sqs-visibility-6x" {
			rule = f["rule"].(string)
			for _, s := range f["subjects"].([]any) {
				subjects = append([]string{s.(string)}, subjects...)
			}
		}
	}
	if rule == "" {
		t.Fatalf("the design raises no sqs-visibility-6x finding: %v", findings)
	}
	body := `{"author":"Carol","text":"accept?","subject":{"finding":{"rule":"` + rule + `","subjects":["` + strings.Join(subjects, `","`) + `"]}}}`
	if r := s.comment(t, c.ID, body, nil); r.status != http.StatusCreated || r.json(t)["subject"].(map[string]any)["kind"] != "finding" {
		t.Fatalf("comment on a finding: %d %s", r.status, r.body)
	}
	if r := s.comment(t, c.ID, `{"author":"Dan","text":"Overall fine."}`, nil); r.status != http.StatusCreated || r.json(t)["subject"].(map[string]any)["kind"] != "design" {
		t.Fatalf("comment on the design: %d %s", r.status, r.body)
	}
	r = s.do(t, "POST", "/api/v1/designs/"+c.ID+"/comments/c1/resolve", `{"resolved":true,"author":"Bob"}`, nil)
	if r.status != http.StatusOK || r.json(t)["resolved"] == nil {
		t.Fatalf("resolve: %d %s", r.status, r.body)
	}
	list := s.do(t, "GET", "/api/v1/designs/"+c.ID+"/comments", "", nil)
	all, _ := list.json(t)["comments"].([]any)
	if list.status != http.StatusOK || len(all) != 4 || all[0].(map[string]any)["resolved"] == nil || list.json(t)["fromViewLink"] != true {
		t.Fatalf("comments: %d %s", list.status, list.body)
	}
	r = s.do(t, "POST", "/api/v1/designs/"+c.ID+"/comments/c1/resolve", `{"resolved":false,"author":"Alice"}`, nil)
	if r.status != http.StatusOK || r.json(t)["resolved"] != nil {
		t.Fatalf("reopen: %d %s", r.status, r.body)
	}
}

// Bad input to the comments API is refused with the status and the field
// that say why, and changes nothing.
func TestCommentsAPIBadInput(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 64 << 10})
	c := s.mustCreate(t, ordersDoc)
	other := s.mustCreate(t, ordersDoc)
	long := strings.Repeat("x", design.MaxCommentLen+1)
	for _, tc := range []struct {
		name, path, body string
		header           map[string]string
		status           int
		field            string
	}{
		{"malformed", "", `{"author":"A","text":`, nil, 400, ""},
		{"unknown field", "", `{"author":"A","text":"t","colour":"red"}`, nil, 422, "colour"},
		{"no author", "", `{"text":"t"}`, nil, 422, "author"},
		{"no text", "", `{"author":"A","text":"  "}`, nil, 422, "text"},
		{"too long", "", `{"author":"A","text":"` + long + `"}`, nil, 422, "text"},
		{"over the body limit", "", `{"author":"A","text":"` + strings.Repeat("y", 70<<10) + `"}`, nil, 413, ""},
		{"control characters in the name", "", `{"author":"A\u0007","text":"t"}`, nil, 422, "author"},
		{"unknown block", "", `{"author":"A","text":"t","subject":{"block":"Nope"}}`, nil, 422, "subject.block"},
		{"unknown connection", "", `{"author":"A","text":"t","subject":{"connection":"c9"}}`, nil, 422, "subject.connection"},
		{"unknown group", "", `{"author":"A","text":"t","subject":{"group":"g9"}}`, nil, 422, "subject.group"},
		{"two subjects", "", `{"author":"A","text":"t","subject":{"block":"Worker","connection":"c1"}}`, nil, 422, "subject"},
		{"empty subject", "", `{"author":"A","text":"t","subject":{}}`, nil, 422, "subject"},
		{"finding not raised", "", `{"author":"A","text":"t","subject":{"finding":{"rule":"sqs-visibility-6x","subjects":["Worker"]}}}`, nil, 422, "subject.finding"},
		{"finding about nothing", "", `{"author":"A","text":"t","subject":{"finding":{"rule":"sqs-visibility-6x","subjects":["Nope"]}}}`, nil, 422, "subject.finding.subjects[0]"},
		{"bad rule", "", `{"author":"A","text":"t","subject":{"finding":{"rule":"Not A Rule","subjects":[]}}}`, nil, 422, "subject.finding.rule"},
		{"reply to no thread", "", `{"author":"A","text":"t","thread":"c99"}`, nil, 422, "thread"},
		{"reply with a subject", "", `{"author":"A","text":"t","thread":"c1","subject":{"block":"Worker"}}`, nil, 422, "subject"},
		{"unknown design", "/api/v1/designs/aaaaaaaaaaaaaaaa/comments", `{"author":"A","text":"t"}`, nil, 404, ""},
		{"junk design id", "/api/v1/designs/x'--/comments", `{"author":"A","text":"t"}`, nil, 404, ""},
		{"another design's edit key", "", `{"author":"A","text":"t"}`, map[string]string{"Authorization": "Bearer " + other.EditKey}, 403, ""},
		{"resolve no thread", "/api/v1/designs/" + c.ID + "/comments/c42/resolve", `{"resolved":true,"author":"A"}`, nil, 404, ""},
		{"resolve without saying", "/api/v1/designs/" + c.ID + "/comments/c1/resolve", `{"author":"A"}`, nil, 422, "resolved"},
		{"settings without the edit key", "/api/v1/designs/" + c.ID + "/comments/settings", `{"fromViewLink":false}`, nil, 401, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if path == "" {
				path = "/api/v1/designs/" + c.ID + "/comments"
			}
			r := s.do(t, "POST", path, tc.body, tc.header)
			if r.status != tc.status {
				t.Fatalf("%d %s; want %d", r.status, r.body, tc.status)
			}
			if tc.field != "" {
				if got := r.errorOf(t)["field"]; got != tc.field {
					t.Fatalf("field %v; want %q (%s)", got, tc.field, r.body)
				}
			}
		})
		if tc.name == "malformed" {
			// A thread to reply to and resolve, for the cases below.
			if r := s.comment(t, c.ID, `{"author":"A","text":"first"}`, nil); r.status != 201 {
				t.Fatalf("first comment: %d %s", r.status, r.body)
			}
		}
	}
	if all := s.do(t, "GET", "/api/v1/designs/"+c.ID+"/comments", "", nil).json(t)["comments"].([]any); len(all) != 1 {
		t.Fatalf("refused comments were stored: %v", all)
	}
}

// Markdown with script is stored as written and answered as JSON, never
// as markup: the pages render it inert (see the components test).
func TestCommentsAPIKeepsTextAsWritten(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	text := `<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>`
	r := s.comment(t, c.ID, `{"author":"Mallory","text":"<script>alert(1)<\/script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"}`, nil)
	if r.status != 201 || r.json(t)["text"] != text || strings.Contains(string(r.body), "<script") {
		t.Fatalf("comment: %d %s", r.status, r.body)
	}
	page := s.do(t, "GET", "/v/"+c.ID+"/comments", "", map[string]string{"HX-Request": "true"})
	if page.status != 200 || strings.Contains(string(page.body), "<script") || strings.Contains(string(page.body), "<img") ||
		strings.Contains(string(page.body), `href="javascript`) || !strings.Contains(string(page.body), "Mallory") ||
		!strings.Contains(string(page.body), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Fatalf("comments panel: %d %s", page.status, page.body)
	}
}

// The view link may comment until the edit link turns that off; the edit
// key always may.
func TestCommentsFromTheViewLinkCanBeTurnedOff(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	key := map[string]string{"Authorization": "Bearer " + c.EditKey}
	if r := s.do(t, "POST", "/api/v1/designs/"+c.ID+"/comments/settings", `{"fromViewLink":false}`, key); r.status != 200 {
		t.Fatalf("settings: %d %s", r.status, r.body)
	}
	r := s.comment(t, c.ID, `{"author":"A","text":"t"}`, nil)
	if r.status != http.StatusForbidden || !strings.Contains(r.errorOf(t)["message"].(string), "turned off") {
		t.Fatalf("comment from the view link: %d %s; want 403 saying commenting is off", r.status, r.body)
	}
	if r := s.comment(t, c.ID, `{"author":"A","text":"t"}`, key); r.status != 201 {
		t.Fatalf("comment with the edit key: %d %s", r.status, r.body)
	}
	if r := s.do(t, "POST", "/api/v1/designs/"+c.ID+"/comments/c1/resolve", `{"resolved":true,"author":"B"}`, nil); r.status != http.StatusForbidden {
		t.Fatalf("resolve from the view link: %d %s; want 403", r.status, r.body)
	}
	// The page forms follow the same rule.
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
	if r := s.do(t, "POST", "/v/"+c.ID+"/comments", "author=A&text=t&about=design", form); r.status != http.StatusForbidden {
		t.Fatalf("form at the view link: %d %s; want 403", r.status, r.body)
	}
	if r := s.do(t, "POST", "/d/"+c.EditKey+"/comments", "author=A&text=t&about=block:Worker", form); r.status != 200 {
		t.Fatalf("form at the edit link: %d %s", r.status, r.body)
	}
	if r := s.do(t, "POST", "/v/"+c.ID+"/comments/settings", "fromViewLink=on", form); r.status != http.StatusNotFound && r.status != http.StatusMethodNotAllowed {
		t.Fatalf("settings at the view link: %d; want no such route", r.status)
	}
}

// A name from the user header counts, verified, only when the request's
// connection comes from a trusted proxy; from anyone else the header is
// ignored and the given name is used, unverified.
func TestUserHeaderOnlyFromTrustedProxies(t *testing.T) {
	for _, tc := range []struct {
		name     string
		trusted  string
		header   map[string]string
		want     string
		verified bool
	}{
		// The test's client connects from 127.0.0.1.
		{"from the proxy", "127.0.0.1/32", map[string]string{"X-Forwarded-User": "alice@corp.example"}, "alice@corp.example", true},
		{"from elsewhere", "10.0.0.0/8", map[string]string{"X-Forwarded-User": "ceo@corp.example"}, "Mallory", false},
		// X-Forwarded-For naming the proxy does not make a client one.
		{"claiming to be the proxy", "10.0.0.0/8", map[string]string{"X-Forwarded-User": "ceo@corp.example", "X-Forwarded-For": "10.0.0.1"}, "Mallory", false},
		{"the proxy sends no name", "127.0.0.1/32", nil, "Mallory", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustServer(t, handlers.Options{UserHeader: "X-Forwarded-User", TrustedProxies: []netip.Prefix{netip.MustParsePrefix(tc.trusted)}})
			c := s.mustCreate(t, ordersDoc)
			r := s.comment(t, c.ID, `{"author":"Mallory","text":"t"}`, tc.header)
			if r.status != 201 {
				t.Fatalf("%d %s", r.status, r.body)
			}
			a := r.json(t)["author"].(map[string]any)
			if a["name"] != tc.want || a["verified"] != tc.verified {
				t.Fatalf("author = %v; want %q verified %v", a, tc.want, tc.verified)
			}
			// The panel asks for a name unless the proxy gave one, which
			// it shows, and marks the comment verified.
			h := map[string]string{"HX-Request": "true"}
			for k, v := range tc.header {
				h[k] = v
			}
			panel := mustDoc(t, s.do(t, "GET", "/v/"+c.ID+"/comments", "", h).body)
			asks := panel.Find(`#comment-name`).Length() == 1
			as := strings.Join(strings.Fields(panel.Find(`.comment-as`).Text()), " ")
			marked := panel.Find(`#comment-c1 .verified`).Length() == 1
			if asks == tc.verified || marked != tc.verified || (tc.verified && as != "Commenting as "+tc.want+" verified") {
				t.Fatalf("panel: asks for a name %v, says %q, comment marked verified %v", asks, as, marked)
			}
		})
	}
}

// Comments are part of the history: each version lists what was discussed
// while it was current, naming a block deleted since as it was named.
func TestHistoryShowsComments(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	for _, text := range []string{"one", "two", "three"} {
		if r := s.comment(t, c.ID, `{"author":"A","text":"`+text+`","subject":{"block":"OrderQueue"}}`, nil); r.status != 201 {
			t.Fatalf("comment: %d %s", r.status, r.body)
		}
	}
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"removeBlock","id":"OrderQueue"}]}`); r.status != 200 {
		t.Fatalf("remove the queue: %d %s", r.status, r.body)
	}
	if r := s.comment(t, c.ID, `{"author":"B","text":"gone now"}`, nil); r.status != 201 {
		t.Fatalf("comment: %d %s", r.status, r.body)
	}
	page := s.do(t, "GET", "/v/"+c.ID+"/history", "", nil)
	doc := mustDoc(t, page.body)
	v1 := strings.Join(strings.Fields(doc.Find(`[data-version="1"] [data-testid="revision-comments"]`).Text()), " ")
	v2 := strings.Join(strings.Fields(doc.Find(`[data-version="2"] [data-testid="revision-comments"]`).Text()), " ")
	if v1 != "Then: 3 comments on OrderQueue" || v2 != "Then: 1 comment on the design" {
		t.Fatalf("history comments: v1 %q, v2 %q", v1, v2)
	}
	// The thread about the deleted queue is still readable, and says so.
	panel := mustDoc(t, s.do(t, "GET", "/v/"+c.ID+"/comments", "", map[string]string{"HX-Request": "true"}).body)
	about := strings.Join(strings.Fields(panel.Find(`#thread-c1 .thread-about`).Text()), " ")
	threads := panel.Find(`[data-subject="block:OrderQueue"]`).Length()
	if about != "On SQS queue OrderQueue (no longer in the design)" || threads != 3 || !strings.Contains(panel.Find(`#thread-c1`).Text(), "one") {
		t.Fatalf("threads about the deleted queue: %q, %d threads", about, threads)
	}
}

func mustDoc(tb testing.TB, body []byte) *goquery.Document {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// The panel's forms refuse bad input as the API does, and are rate
// limited like every write.
func TestCommentFormsBadInput(t *testing.T) {
	s := mustServer(t, handlers.Options{MaxBody: 16 << 10, WritesPerMinute: 12})
	c := s.mustCreate(t, ordersDoc)
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json", "HX-Request": "true"}
	for _, tc := range []struct {
		name, path, body string
		status           int
		field            string
	}{
		{"no name", "/v/" + c.ID + "/comments", "text=hi&about=design", 422, "author"},
		{"unknown block", "/v/" + c.ID + "/comments", "author=A&text=hi&about=block:Nope", 422, "subject.block"},
		{"unknown kind", "/v/" + c.ID + "/comments", "author=A&text=hi&about=person:Bob", 422, "about"},
		{"too long", "/v/" + c.ID + "/comments", "author=A&about=design&text=" + strings.Repeat("x", design.MaxCommentLen+1), 422, "text"},
		{"over the body limit", "/v/" + c.ID + "/comments", "author=A&about=design&text=" + strings.Repeat("x", 20<<10), 413, ""},
		{"wrong edit link", "/d/" + strings.Repeat("a", 32) + "/comments", "author=A&text=hi&about=design", 403, ""},
		{"unknown design", "/v/" + strings.Repeat("a", 16) + "/comments", "author=A&text=hi&about=design", 404, ""},
		{"resolve no thread", "/v/" + c.ID + "/comments/c9/resolve", "author=A&resolved=true", 404, ""},
		{"fine", "/v/" + c.ID + "/comments", "author=A&text=hi&about=block:Worker", 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(t, "POST", tc.path, tc.body, form)
			if r.status != tc.status {
				t.Fatalf("%d %s; want %d", r.status, r.body, tc.status)
			}
			if tc.field != "" {
				if got := r.errorOf(t)["field"]; got != tc.field {
					t.Fatalf("field %v; want %q", got, tc.field)
				}
			}
		})
	}
	// The fine one answered the threads, escaped.
	threads := mustDoc(t, s.do(t, "GET", "/v/"+c.ID+"/comments?part=threads", "", map[string]string{"HX-Request": "true"}).body)
	if threads.Find(`[data-testid="thread"]`).Length() != 1 || threads.Find(`#comment-threads`).AttrOr("data-counts", "") != `{"Worker":1}` {
		t.Fatalf("threads after the forms: %d, counts %s", threads.Find(`[data-testid="thread"]`).Length(), threads.Find(`#comment-threads`).AttrOr("data-counts", ""))
	}
	// Twelve writes a minute: the design and the nine forms were ten, two
	// more pass, the next is refused.
	for i := 0; i < 2; i++ {
		if r := s.do(t, "POST", "/v/"+c.ID+"/comments", "author=A&text=more&about=design", form); r.status != 200 {
			t.Fatalf("write %d: %d %s", 11+i, r.status, r.body)
		}
	}
	if r := s.do(t, "POST", "/v/"+c.ID+"/comments", "author=A&text=more&about=design", form); r.status != http.StatusTooManyRequests {
		t.Fatalf("the thirteenth write a minute: %d; want 429", r.status)
	}
}

// The panel offers the selection (a block, connection or group) first as
// what a new thread is about, then the design, then each finding raised.
func TestCommentPanelOffersTheSelection(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	for sel, want := range map[string]string{"OrderQueue": "block:OrderQueue", "c1": "connection:c1", "": "design", "Nope": "design"} {
		panel := mustDoc(t, s.do(t, "GET", "/d/"+c.EditKey+"/comments?select="+sel, "", map[string]string{"HX-Request": "true"}).body)
		if got := panel.Find(`#comment-about option[selected]`).AttrOr("value", ""); got != want {
			t.Errorf("select=%s: about %q; want %q", sel, got, want)
		}
		if panel.Find(`#comment-about option[value="finding:sqs-visibility-6x/OrderQueue,c1"]`).Length() != 1 {
			t.Errorf("select=%s: the finding is not offered", sel)
		}
	}
}
