package handlers_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
)

// revisionAuthors returns who made each revision, by version, as the JSON
// API lists them ("" for no one known; a verified name ends in " ✓").
func (s *server) revisionAuthors(tb testing.TB, id string) map[int]string {
	tb.Helper()
	r := s.do(tb, "GET", "/api/v1/designs/"+id+"/revisions", "", nil)
	if r.status != http.StatusOK {
		tb.Fatalf("revisions: %d %s", r.status, r.body)
	}
	var out struct {
		Revisions []struct {
			Version int
			By      *struct {
				Name     string `json:"name"`
				Verified bool   `json:"verified"`
			} `json:"by"`
		}
	}
	if err := json.Unmarshal(r.body, &out); err != nil {
		tb.Fatal(err)
	}
	got := map[int]string{}
	for _, rev := range out.Revisions {
		switch {
		case rev.By == nil:
			got[rev.Version] = ""
		case rev.By.Verified:
			got[rev.Version] = rev.By.Name + " ✓"
		default:
			got[rev.Version] = rev.By.Name
		}
	}
	return got
}

// changedBy returns who the space's listing says changed each design last.
func (s *server) changedBy(tb testing.TB, sp spaceCreated) map[string]string {
	tb.Helper()
	r := s.do(tb, "GET", "/api/v1/spaces/"+sp.Key+"/designs", "", nil)
	if r.status != http.StatusOK {
		tb.Fatalf("list: %d %s", r.status, r.body)
	}
	var out struct {
		Designs []struct {
			ID        string `json:"id"`
			ChangedBy string `json:"changedBy"`
		}
	}
	if err := json.Unmarshal(r.body, &out); err != nil {
		tb.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range out.Designs {
		got[d.ID] = d.ChangedBy
	}
	return got
}

func nameCookie(name string) string { return "archlab_name=" + url.QueryEscape(name) }

func (s *server) editorEdit(tb testing.TB, c created, version int, ops string, header map[string]string) {
	tb.Helper()
	h := map[string]string{"Content-Type": "application/json", "HX-Request": "true"}
	for k, v := range header {
		h[k] = v
	}
	body := `{"baseVersion":` + strconv.Itoa(version) + `,"ops":[` + ops + `]}`
	if r := s.do(tb, "POST", "/d/"+c.EditKey+"/ops", body, h); r.status != http.StatusOK {
		tb.Fatalf("editor edit: %d %.300s", r.status, r.body)
	}
}

// An edit through the API names who made it with "by"; the revisions and
// the space's listing say so. An edit without it names no one.
func TestAPIEditsSayWhoMadeThem(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	sp := s.mustSpace(t, "Payments")
	c := s.createIn(t, sp, ordersDoc)
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"Orders 2"}],"by":"Ann Lee"}`); r.status != 200 {
		t.Fatalf("edit by Ann: %d %s", r.status, r.body)
	}
	if got := s.changedBy(t, sp)[c.ID]; got != "Ann Lee" {
		t.Fatalf("the space lists the design changed by %q, want Ann Lee", got)
	}
	if r := s.ops(t, c, `{"baseVersion":2,"ops":[{"op":"setTitle","title":"Orders 3"}]}`); r.status != 200 {
		t.Fatalf("edit by no one: %d %s", r.status, r.body)
	}
	if got := s.changedBy(t, sp)[c.ID]; got != "" {
		t.Fatalf("after an edit by no one known, the space says changed by %q", got)
	}
	want := map[int]string{1: "", 2: "Ann Lee", 3: ""}
	if got := s.revisionAuthors(t, c.ID); !maps.Equal(got, want) {
		t.Fatalf("revisions by %v, want %v", got, want)
	}
	// The history page says it too.
	doc := mustDoc(t, s.do(t, "GET", "/v/"+c.ID+"/history", "", nil).body)
	if by := strings.TrimSpace(doc.Find(`[data-version="2"] [data-testid="revision-by"]`).Text()); by != "by Ann Lee" {
		t.Fatalf("history says %q for v2", by)
	}
	if n := doc.Find(`[data-version="3"] [data-testid="revision-by"]`).Length(); n != 0 {
		t.Fatal("history names someone for v3, made by no one known")
	}
}

func TestAPIEditAuthorBadInput(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	for _, tc := range []struct {
		name, by string
	}{
		{"too long", strings.Repeat("n", design.MaxAuthorLen+1)},
		{"control characters", `Ann\u0007`},
		{"two lines", `Ann\nLee`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"x"}],"by":"`+tc.by+`"}`)
			if r.status != http.StatusUnprocessableEntity || r.errorOf(t)["field"] != "by" {
				t.Fatalf("%d %s; want 422 naming by", r.status, r.body)
			}
		})
	}
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[],"by":{"name":"Ann"}}`); r.status != http.StatusBadRequest && r.status != http.StatusUnprocessableEntity {
		t.Fatalf("by as an object: %d %s", r.status, r.body)
	}
	if got := s.revisionAuthors(t, c.ID); len(got) != 1 {
		t.Fatalf("refused edits made revisions: %v", got)
	}
}

// The editor's edits (operations, Tidy up, restore) are made by the name
// the browser keeps in its cookie; without one, by no one known.
func TestEditorEditsSayWhoMadeThem(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	sp := s.mustSpace(t, "Payments")
	c := s.createIn(t, sp, ordersDoc)
	bo := map[string]string{"Cookie": nameCookie("Bø Ek; ≠")}
	s.editorEdit(t, c, 1, `{"op":"moveBlock","id":"OrdersApi","x":160,"y":240}`, bo)
	if got := s.changedBy(t, sp)[c.ID]; got != "Bø Ek; ≠" {
		t.Fatalf("the space lists the design changed by %q", got)
	}
	s.editorEdit(t, c, 2, `{"op":"moveBlock","id":"OrdersApi","x":200,"y":240}`, nil)
	if r := s.do(t, "POST", "/d/"+c.EditKey+"/layout", "", bo); r.status != http.StatusOK {
		t.Fatalf("tidy up: %d %.300s", r.status, r.body)
	}
	h := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Cookie": nameCookie("Cy")}
	if r := s.do(t, "POST", "/d/"+c.EditKey+"/restore", "version=1", h); r.status != http.StatusOK {
		t.Fatalf("restore: %d %.300s", r.status, r.body)
	}
	// A cookie that is no name (too long, undecodable) names no one and
	// refuses nothing.
	s.editorEdit(t, c, 5, `{"op":"setTitle","title":"x"}`, map[string]string{"Cookie": "archlab_name=%zz"})
	want := map[int]string{1: "", 2: "Bø Ek; ≠", 3: "", 4: "Bø Ek; ≠", 5: "Cy", 6: ""}
	if got := s.revisionAuthors(t, c.ID); !maps.Equal(got, want) {
		t.Fatalf("revisions by %v, want %v", got, want)
	}
}

// Behind the single sign-on proxy, the proxy's name wins over the name
// given, and is marked verified; from elsewhere the header is ignored.
func TestEditAuthorFromTrustedProxy(t *testing.T) {
	for _, tc := range []struct {
		name, trusted, want string
	}{
		{"from the proxy", "127.0.0.1/32", "alice@corp.example ✓"},
		{"from elsewhere", "10.0.0.0/8", "Mallory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustServer(t, handlers.Options{UserHeader: "X-Forwarded-User", TrustedProxies: []netip.Prefix{netip.MustParsePrefix(tc.trusted)}})
			sp := s.mustSpace(t, "Payments")
			c := s.createIn(t, sp, ordersDoc)
			sso := map[string]string{"Authorization": "Bearer " + c.EditKey, "X-Forwarded-User": "alice@corp.example"}
			if r := s.do(t, "POST", "/api/v1/designs/"+c.ID+"/ops", `{"baseVersion":1,"ops":[{"op":"setTitle","title":"x"}],"by":"Mallory"}`, sso); r.status != 200 {
				t.Fatalf("API edit: %d %s", r.status, r.body)
			}
			s.editorEdit(t, c, 2, `{"op":"setTitle","title":"y"}`, map[string]string{"Cookie": nameCookie("Mallory"), "X-Forwarded-User": "alice@corp.example"})
			want := map[int]string{1: "", 2: tc.want, 3: tc.want}
			if got := s.revisionAuthors(t, c.ID); !maps.Equal(got, want) {
				t.Fatalf("revisions by %v, want %v", got, want)
			}
			if got, name := s.changedBy(t, sp)[c.ID], strings.TrimSuffix(tc.want, " ✓"); got != name {
				t.Fatalf("the space lists changed by %q, want %q", got, name)
			}
		})
	}
}

// Naming oneself to accept a finding or change the review state in the
// editor keeps the name in the cookie for the edits that follow; the
// acceptance's edit is made by that name.
func TestEditorFormsKeepTheName(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	kept := func(r response) string {
		t.Helper()
		for _, ck := range (&http.Response{Header: r.header}).Cookies() {
			if ck.Name == "archlab_name" {
				if ck.HttpOnly || ck.Path != "/" || ck.SameSite != http.SameSiteLaxMode {
					t.Fatalf("cookie %+v: want readable by the script, Path=/, SameSite=Lax", ck)
				}
				name, err := url.QueryUnescape(ck.Value)
				if err != nil {
					t.Fatal(err)
				}
				return name
			}
		}
		return ""
	}
	accept := `{"baseVersion":1,"ops":[{"op":"acceptFinding","accepted":{"rule":"sqs-no-redrive","subjects":["OrderQueue"],"reason":"replayed","by":"Dee Ó"}}]}`
	r := s.do(t, "POST", "/d/"+c.EditKey+"/ops", accept, map[string]string{"Content-Type": "application/json", "HX-Request": "true", "Cookie": nameCookie("Old")})
	if r.status != http.StatusOK || kept(r) != "Dee Ó" {
		t.Fatalf("accept: %d, kept %q", r.status, kept(r))
	}
	if got := s.revisionAuthors(t, c.ID)[2]; got != "Dee Ó" {
		t.Fatalf("the acceptance was made by %q", got)
	}
	form := url.Values{"state": {"in-review"}, "by": {"Eve"}}.Encode()
	r = s.do(t, "POST", "/d/"+c.EditKey+"/review", form, map[string]string{"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"})
	if r.status != http.StatusOK || kept(r) != "Eve" {
		t.Fatalf("review: %d, kept %q", r.status, kept(r))
	}
}
