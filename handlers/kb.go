package handlers

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/components"
	"github.com/archlab/archlab/web/pages"
)

// knowledge is the knowledge base rendered once at start.
type knowledge struct {
	lib      *content.Library
	bodies   map[string]templ.Component // by page path
	examples map[string]*pages.ExampleView
	// mentions lists, per rule, the articles that name it.
	mentions map[string][]*content.Article
	// gallery is the template gallery, drawn once.
	gallery pages.TemplatesView
}

func (h *Handler) loadKnowledge(lib *content.Library) error {
	k := &knowledge{lib: lib, bodies: map[string]templ.Component{}, examples: map[string]*pages.ExampleView{}, mentions: map[string][]*content.Article{}}
	render := func(path string, n *content.Node) error {
		if n == nil {
			return nil
		}
		body, err := components.Prerender(n)
		if err != nil {
			return fmt.Errorf("handlers: render %s: %w", path, err)
		}
		k.bodies[path] = body
		return nil
	}
	for _, a := range lib.Articles {
		if err := render(a.Path, a.Body); err != nil {
			return err
		}
	}
	// A rule page's reading list comes after its generated example.
	for _, a := range lib.RulePages {
		body, more := a.Body.SplitBefore("Read more")
		if err := render(a.Path, body); err != nil {
			return err
		}
		if err := render(a.Path+"#more", more); err != nil {
			return err
		}
	}
	for _, a := range lib.Articles {
		for _, id := range a.Rules {
			k.mentions[id] = append(k.mentions[id], a)
		}
	}
	for _, p := range lib.RulePages {
		ex, err := h.rules.Example(p.Slug)
		if err != nil {
			return fmt.Errorf("handlers: example of %s: %w", p.Slug, err)
		}
		if ex == nil {
			continue // a check of templates, whose page shows a template
		}
		v := &pages.ExampleView{Before: components.NewDiagram(ex.Design, h.cat, ex.Findings, "", true), Findings: ex.Findings}
		v.Before.Shared = true
		if ex.Fixed != nil {
			after := components.NewDiagram(ex.Fixed, h.cat, ex.FixedFindings, "", true)
			after.Shared = true
			v.After = &after
		}
		k.examples[p.Slug] = v
	}
	for _, t := range lib.Templates {
		diagram := components.NewDiagram(t.Design, h.cat, t.Findings, "", true)
		diagram.Shared = true
		k.gallery.Cards = append(k.gallery.Cards, pages.TemplateCard{Template: t, Diagram: diagram})
	}
	h.kb = k
	return nil
}

// kbHead is the layout head of knowledge-base pages, with htmx for search.
func (h *Handler) kbHead(title string) layoutHead {
	head := h.head(title)
	head.JS = append(head.JS, h.assets.URL("vendor/htmx.org/htmx.min.js"))
	return head
}

func (h *Handler) showKBIndex(w http.ResponseWriter, r *http.Request) {
	h.renderHead(w, r, http.StatusOK, h.kbHead("Knowledge base"), pages.KBIndexPage(pages.KBIndexView{Groups: h.kb.lib.ByTopic(), Rules: h.kb.lib.RulePages}))
}

func (h *Handler) showRulesIndex(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "Rules", pages.RulesIndexPage(pages.RulesIndexView{Rules: h.kb.lib.RulePages}))
}

func (h *Handler) showArticle(w http.ResponseWriter, r *http.Request) {
	a := h.kb.lib.Article(chi.URLParam(r, "slug"))
	if a == nil {
		h.renderError(w, r, http.StatusNotFound, "There is no article at this address. The knowledge base lists every article.")
		return
	}
	v := pages.ArticleView{Article: a, Body: h.kb.bodies[a.Path], Rules: h.kb.lib.RelatedRules(a), Templates: a.Templates}
	h.renderHead(w, r, http.StatusOK, h.kbHead(a.Title), pages.ArticlePage(v))
}

func (h *Handler) showRulePage(w http.ResponseWriter, r *http.Request) {
	p := h.kb.lib.RulePage(chi.URLParam(r, "rule"))
	if p == nil {
		h.renderError(w, r, http.StatusNotFound, "There is no rule with this id. The rules index lists every rule.")
		return
	}
	v := pages.RuleView{Page: p, Body: h.kb.bodies[p.Path], More: h.kb.bodies[p.Path+"#more"], Articles: h.kb.mentions[p.Slug], Example: h.kb.examples[p.Slug]}
	h.renderHead(w, r, http.StatusOK, h.kbHead(p.Title), pages.RulePage(v))
}

// showSearch answers a search: the results alone for htmx, as the reader
// types, or the whole page.
func (h *Handler) showSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		q = q[:200]
	}
	v := pages.SearchView{Query: q, Results: h.kb.lib.Search(q, 20)}
	if isHTMX(r) {
		h.render(w, r, http.StatusOK, "", pages.SearchResults(v))
		return
	}
	h.renderHead(w, r, http.StatusOK, h.kbHead("Search"), pages.SearchPage(v))
}

// showTemplates is the gallery.
func (h *Handler) showTemplates(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "Templates", pages.TemplatesPage(h.kb.gallery))
}

// templateJSON serves a template's document.
func (h *Handler) templateJSON(w http.ResponseWriter, r *http.Request) {
	t := h.kb.lib.Template(strings.TrimSuffix(chi.URLParam(r, "file"), ".json"))
	if t == nil || !strings.HasSuffix(chi.URLParam(r, "file"), ".json") {
		writeError(w, r, http.StatusNotFound, design.ENOTFOUND, "There is no such template.", "")
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(t.Document)
}

// useTemplate creates a new design from a template and opens its editor.
func (h *Handler) useTemplate(w http.ResponseWriter, r *http.Request) {
	t := h.kb.lib.Template(chi.URLParam(r, "slug"))
	if t == nil {
		h.renderError(w, r, http.StatusNotFound, "There is no such template.")
		return
	}
	// Decode a fresh copy: the template's own design is shared by every
	// request and must never change.
	d, err := design.Decode(t.Document, h.cat)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.store.CreateDesign(r.Context(), d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/d/"+c.EditKey, http.StatusSeeOther)
}
