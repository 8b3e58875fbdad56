package handlers_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/rules"
)

func library(t *testing.T) *content.Library {
	t.Helper()
	cat := design.Builtin()
	lib, err := content.Load(cat, rules.Default(cat))
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// TestKnowledgeBaseLinksResolve crawls the knowledge base from its index
// the way a reader would, following every link inside archlab, and checks
// that every link answers 200, every #anchor exists on its page, and every
// article and rule page can be reached.
func TestKnowledgeBaseLinksResolve(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	lib := library(t)
	type page struct {
		status int
		ids    map[string]bool
	}
	pages := map[string]*page{}
	from := map[string]string{} // a page, and a page that links to it
	queue := []string{"/kb", "/templates"}
	var anchors [][2]string // link, the page it is on
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if pages[p] != nil {
			continue
		}
		r := s.do(t, "GET", p, "", nil)
		pg := &page{status: r.status, ids: map[string]bool{}}
		pages[p] = pg
		if r.status != http.StatusOK {
			t.Errorf("%s answers %d (linked from %s)", p, r.status, from[p])
			continue
		}
		// Follow the links of the knowledge base and the gallery; of other
		// pages, only check that they answer.
		crawl := strings.HasPrefix(p, "/kb") || strings.HasPrefix(p, "/templates")
		if !crawl || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
			continue
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		doc.Find("[id]").Each(func(_ int, sel *goquery.Selection) { pg.ids[sel.AttrOr("id", "")] = true })
		doc.Find("a[href]").Each(func(_ int, sel *goquery.Selection) {
			href := sel.AttrOr("href", "")
			u, err := url.Parse(href)
			if err != nil {
				t.Errorf("%s links to %q, which is not a URL", p, href)
				return
			}
			if u.Host != "" || u.Scheme != "" {
				return
			}
			target := u.Path
			if target == "" {
				target = p
			}
			if u.Fragment != "" {
				anchors = append(anchors, [2]string{target + "#" + u.Fragment, p})
			}
			if pages[target] == nil {
				if _, seen := from[target]; !seen {
					from[target] = p
					queue = append(queue, target)
				}
			}
		})
	}
	for _, a := range anchors {
		path, frag, _ := strings.Cut(a[0], "#")
		if pg := pages[path]; pg != nil && pg.status == http.StatusOK && !pg.ids[frag] {
			t.Errorf("%s links to %s, but that page has no element with id %q", a[1], a[0], frag)
		}
	}
	for _, a := range lib.Articles {
		if pages[a.Path] == nil {
			t.Errorf("article %s cannot be reached from /kb", a.Path)
		}
	}
	for _, p := range lib.RulePages {
		if pages[p.Path] == nil {
			t.Errorf("rule page %s cannot be reached from /kb", p.Path)
		}
	}
	if len(lib.Articles) < 30 {
		t.Errorf("the knowledge base has %d articles; it promises at least 30", len(lib.Articles))
	}
}

// Every finding links to its rule's page: every registered rule's kb path
// must answer 200 with that rule's page.
func TestEveryRuleKBPathAnswers(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	reg := rules.Default(design.Builtin())
	for _, m := range reg.Rules() {
		r := s.do(t, "GET", m.KB(), "", nil)
		if r.status != http.StatusOK {
			t.Errorf("%s (rule %s) answers %d", m.KB(), m.ID, r.status)
			continue
		}
		if !bytes.Contains(r.body, []byte(`data-rule="`+m.ID+`"`)) {
			t.Errorf("%s does not show rule %s", m.KB(), m.ID)
		}
	}
	if r := s.do(t, "GET", "/kb/rules/no-such-rule", "", nil); r.status != http.StatusNotFound {
		t.Errorf("an unknown rule answers %d, want 404", r.status)
	}
	if r := s.do(t, "GET", "/kb/no-such-article", "", nil); r.status != http.StatusNotFound {
		t.Errorf("an unknown article answers %d, want 404", r.status)
	}
}

func TestSearch(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	r := s.do(t, "GET", "/kb/search?q=visibility+timeout", "", nil)
	if r.status != http.StatusOK {
		t.Fatalf("search: %d", r.status)
	}
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	results := doc.Find("[data-testid=search-result]")
	if results.Length() == 0 {
		t.Fatalf("no results for visibility timeout:\n%s", r.body)
	}
	if results.First().Find("mark").Length() == 0 {
		t.Errorf("the first result does not highlight the words searched for")
	}
	// As the reader types, htmx asks for the results alone.
	r = s.do(t, "GET", "/kb/search?q=fifo", "", map[string]string{"HX-Request": "true"})
	if r.status != http.StatusOK || bytes.Contains(r.body, []byte("<html")) || !bytes.Contains(r.body, []byte("search-result")) {
		t.Errorf("htmx search answers %d with a whole page or no results:\n%.300s", r.status, r.body)
	}
	// Markup in the query is text.
	r = s.do(t, "GET", "/kb/search?q="+url.QueryEscape(`<script>alert(1)</script>`), "", nil)
	if r.status != http.StatusOK || bytes.Contains(r.body, []byte("<script>alert")) {
		t.Errorf("the query is not escaped (%d)", r.status)
	}
	r = s.do(t, "GET", "/kb/search?q="+strings.Repeat("queue+", 500), "", nil)
	if r.status != http.StatusOK {
		t.Errorf("a long query answers %d", r.status)
	}
}

func TestTemplatesOpenAsNewDesigns(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	lib := library(t)
	if len(lib.Templates) < 12 {
		t.Errorf("the gallery has %d templates; it promises at least 12", len(lib.Templates))
	}
	r := s.do(t, "GET", "/templates", "", nil)
	if r.status != http.StatusOK {
		t.Fatalf("/templates: %d", r.status)
	}
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(r.body))
	if n := doc.Find("[data-testid=template-card]").Length(); n != len(lib.Templates) {
		t.Errorf("/templates shows %d cards for %d templates", n, len(lib.Templates))
	}
	client := *s.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	keys := map[string]bool{}
	for _, tmpl := range lib.Templates {
		r := s.do(t, "GET", "/templates/"+tmpl.Slug+".json", "", nil)
		if r.status != http.StatusOK {
			t.Errorf("%s.json: %d", tmpl.Slug, r.status)
			continue
		}
		if _, err := design.Decode(r.body, design.Builtin()); err != nil {
			t.Errorf("%s.json does not decode: %v", tmpl.Slug, err)
		}
		resp, err := client.PostForm(s.URL+"/templates/"+tmpl.Slug+"/use", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/d/") {
			t.Errorf("using %s answers %d to %q", tmpl.Slug, resp.StatusCode, loc)
			continue
		}
		if keys[loc] {
			t.Errorf("using %s gave an edit link already handed out", tmpl.Slug)
		}
		keys[loc] = true
		if r := s.do(t, "GET", loc, "", nil); r.status != http.StatusOK {
			t.Errorf("the editor of a design made from %s answers %d", tmpl.Slug, r.status)
		}
	}
	// Using the same template twice makes two designs.
	first := lib.Templates[0].Slug
	a, _ := client.PostForm(s.URL+"/templates/"+first+"/use", nil)
	b, _ := client.PostForm(s.URL+"/templates/"+first+"/use", nil)
	a.Body.Close()
	b.Body.Close()
	if a.Header.Get("Location") == b.Header.Get("Location") {
		t.Errorf("using %s twice gave the same design", first)
	}
	if r := s.do(t, "GET", "/templates/nothing.json", "", nil); r.status != http.StatusNotFound {
		t.Errorf("an unknown template answers %d", r.status)
	}
	resp, _ := client.PostForm(s.URL+"/templates/nothing/use", nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("using an unknown template answers %d", resp.StatusCode)
	}
}

// A rule page reads: its prose, the worked example, the other tools, then
// the reading list.
func TestRulePageOrder(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	r := s.do(t, "GET", "/kb/rules/sqs-visibility-6x", "", nil)
	body := string(r.body)
	fix, example, others, more := strings.Index(body, `id="how-to-fix"`), strings.Index(body, `id="example"`),
		strings.Index(body, `id="equivalents"`), strings.Index(body, `id="read-more"`)
	if fix < 0 || example < fix || others < example || more < others {
		t.Errorf("sections at how-to-fix %d, example %d, equivalents %d, read-more %d; want that order", fix, example, others, more)
	}
}
