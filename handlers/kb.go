package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/components"
	"github.com/archlab/archlab/web/pages"
)

// knowledge is the knowledge base as the handlers serve it. Its pages'
// bodies, the rules' drawn examples and the gallery are each rendered once,
// on first use, not at start: a server is ready before it has drawn pages
// that may never be asked for. sync.OnceValues lets concurrent first
// requests wait for the one rendering and share it.
type knowledge struct {
	lib    *content.Library
	bodies map[string]func() (templ.Component, error) // by page path
	// examples holds every rule page's; one of a check of templates, whose
	// page shows a template instead, is nil.
	examples map[string]func() (*pages.ExampleView, error)
	// mentions lists, per rule, the articles that name it.
	mentions map[string][]*content.Article
	gallery  func() (pages.TemplatesView, error)
}

func (h *Handler) loadKnowledge(lib *content.Library) error {
	k := &knowledge{lib: lib, bodies: map[string]func() (templ.Component, error){},
		examples: map[string]func() (*pages.ExampleView, error){}, mentions: map[string][]*content.Article{}}
	render := func(path string, n *content.Node) {
		if n == nil {
			return
		}
		k.bodies[path] = sync.OnceValues(func() (templ.Component, error) {
			body, err := components.Prerender(n)
			if err != nil {
				return nil, fmt.Errorf("handlers: render %s: %w", path, err)
			}
			return body, nil
		})
	}
	for _, a := range lib.Articles {
		render(a.Path, a.Body)
	}
	// A rule page's reading list comes after its generated example.
	for _, a := range lib.RulePages {
		body, more := a.Body.SplitBefore("Read more")
		render(a.Path, body)
		render(a.Path+"#more", more)
	}
	for _, l := range lib.Labs {
		render(labPath(l.Slug), l.Brief)
	}
	for _, a := range lib.Articles {
		for _, id := range a.Rules {
			k.mentions[id] = append(k.mentions[id], a)
		}
	}
	for _, p := range lib.RulePages {
		k.examples[p.Slug] = sync.OnceValues(func() (*pages.ExampleView, error) {
			ex, err := h.rules.Example(p.Slug)
			if err != nil {
				return nil, fmt.Errorf("handlers: example of %s: %w", p.Slug, err)
			}
			if ex == nil {
				return nil, nil // a check of templates, whose page shows a template
			}
			v := &pages.ExampleView{Before: components.NewDiagram(ex.Design, h.cat, ex.Findings, "", true), Findings: ex.Findings}
			v.Before.Shared = true
			if ex.Fixed != nil {
				after := components.NewDiagram(ex.Fixed, h.cat, ex.FixedFindings, "", true)
				after.Shared = true
				v.After = &after
			}
			return v, nil
		})
	}
	k.gallery = sync.OnceValues(func() (pages.TemplatesView, error) {
		var v pages.TemplatesView
		for _, t := range lib.Templates {
			diagram := components.NewDiagram(t.Design, h.cat, t.Findings, "", true)
			diagram.Shared = true
			v.Cards = append(v.Cards, pages.TemplateCard{Template: t, Diagram: diagram})
		}
		return v, nil
	})
	h.kb = k
	return nil
}

// body is a page's rendered body, or nil for a page without that part.
func (k *knowledge) body(path string) (templ.Component, error) {
	if f := k.bodies[path]; f != nil {
		return f()
	}
	return nil, nil
}

// example is a rule's drawn example, or nil for a rule without one.
func (k *knowledge) example(slug string) (*pages.ExampleView, error) {
	if f := k.examples[slug]; f != nil {
		return f()
	}
	return nil, nil
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
	body, err := h.kb.body(a.Path)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := pages.ArticleView{Article: a, Body: body, Rules: h.kb.lib.RelatedRules(a), Templates: a.Templates}
	h.renderHead(w, r, http.StatusOK, h.kbHead(a.Title), pages.ArticlePage(v))
}

func (h *Handler) showRulePage(w http.ResponseWriter, r *http.Request) {
	p := h.kb.lib.RulePage(chi.URLParam(r, "rule"))
	if p == nil {
		h.renderError(w, r, http.StatusNotFound, "There is no rule with this id. The rules index lists every rule.")
		return
	}
	body, err := h.kb.body(p.Path)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	more, err := h.kb.body(p.Path + "#more")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ex, err := h.kb.example(p.Slug)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := pages.RuleView{Page: p, Body: body, More: more, Articles: h.kb.mentions[p.Slug], Example: ex}
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
	gallery, err := h.kb.gallery()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "Templates", pages.TemplatesPage(gallery))
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
