package handlers

import (
	"fmt"
	"github.com/archlab/archlab/capacity"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/web/components"
	"github.com/archlab/archlab/web/pages"
)

// historyPageSize is how many revisions a history page lists.
const historyPageSize = 50

// rotateEditKey replaces the edit link: the old one stops working at once.
func (h *Handler) rotateEditKey(w http.ResponseWriter, r *http.Request, s *editorSession) {
	key, err := h.store.RotateEditKey(r.Context(), s.design.ID, s.key)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/d/"+key+"?notice=rotated", http.StatusSeeOther)
}

// fork copies the design into a new one with new links, which records
// where it came from, and opens its editor.
func (h *Handler) fork(w http.ResponseWriter, r *http.Request, s *editorSession) {
	c, err := h.store.ForkDesign(r.Context(), s.design.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/d/"+c.EditKey+"?notice=forked", http.StatusSeeOther)
}

// history lists the revisions with a summary of each.
func (h *Handler) history(w http.ResponseWriter, r *http.Request, s *editorSession) {
	before, _ := strconv.Atoi(r.URL.Query().Get("before"))
	entries, err := design.History(r.Context(), h.store, s.design.ID, before, historyPageSize+1, h.cat)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := pages.HistoryView{Design: s.design, Base: s.base, ViewBase: "/v/" + s.design.ID, CanRestore: !s.readOnly}
	if len(entries) > historyPageSize {
		entries = entries[:historyPageSize]
		v.Older = entries[len(entries)-1].Version
	}
	// Comments are part of the history: each version lists those made
	// while it was the current one.
	cs, err := h.store.Comments(r.Context(), s.design.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, e := range entries {
		v.Entries = append(v.Entries, pages.HistoryEntry{Version: e.Version, When: e.CreatedAt, Summary: e.Diff.Summary(h.cat), By: e.By,
			Current: e.Version == s.design.Version, Comments: design.SummarizeComments(design.CommentsAt(cs, e.Version, e.Version))})
	}
	if !s.readOnly {
		w.Header().Set("Cache-Control", "no-store")
	}
	h.render(w, r, http.StatusOK, "History of "+s.design.Title, pages.HistoryPage(v))
}

// versionParam reads a version number from the URL or a form.
func versionParam(s string, name string) (int, error) {
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 {
		return 0, design.Invalid(name, "must be a version number (1 or more), not %q", s)
	}
	return v, nil
}

// showVersion shows an old version, read-only.
func (h *Handler) showVersion(w http.ResponseWriter, r *http.Request, s *editorSession) {
	cur := s.design
	n, err := versionParam(chi.URLParam(r, "version"), "version")
	if err != nil {
		h.renderError(w, r, http.StatusNotFound, fmt.Sprintf("%s has versions 1 to %d.", cur.Title, cur.Version))
		return
	}
	d, err := design.VersionAt(r.Context(), h.store, cur, n, h.cat)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	past := &editorSession{design: d, base: s.base, readOnly: true, past: true}
	v := h.editorView(r, past, "", components.StatusView{}, nil, false)
	v.Past = &pages.PastVersion{Version: n, Latest: cur.Version}
	v.Downloads = nil // exports are of the current version
	h.renderHead(w, r, http.StatusOK, h.editorHead(fmt.Sprintf("%s at v%d", d.Title, n), v.Lab != nil), pages.EditorPage(v))
}

// compare shows what changed between two versions, and the findings each
// side has that the other has not.
func (h *Handler) compare(w http.ResponseWriter, r *http.Request, s *editorSession) {
	cur := s.design
	q := r.URL.Query()
	from, err := versionParam(q.Get("from"), "from")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	to, err := versionParam(q.Get("to"), "to")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	versions, err := design.VersionsAt(r.Context(), h.store, cur, h.cat, from, to)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, b := versions[0], versions[1]
	// Accepting a finding is not resolving it: the versions' findings are
	// compared whole, and the acceptances are listed apart.
	introduced, resolved := rules.Delta(h.everyFinding(a), h.everyFinding(b))
	v := pages.CompareView{Design: cur, From: from, To: to, Latest: cur.Version, Diff: design.Compare(a, b), Catalogue: h.cat,
		Introduced: introduced, Resolved: resolved, ViewBase: "/v/" + cur.ID}
	if v.Between, err = h.between(r.Context(), cur.ID, from, to); err != nil {
		h.fail(w, r, err)
		return
	}
	if len(a.Traffic) > 0 || len(b.Traffic) > 0 {
		delta := capacity.Compare(capacity.Compute(a, h.cat, nil), capacity.Compute(b, h.cat, nil))
		v.Capacity = &delta
	}
	h.render(w, r, http.StatusOK, fmt.Sprintf("%s: v%d → v%d", cur.Title, from, to), pages.ComparePage(v))
}

// restore brings back an old version's content as a new revision.
func (h *Handler) restore(w http.ResponseWriter, r *http.Request, s *editorSession) {
	n, err := versionParam(r.PostFormValue("version"), "version")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	old, err := design.VersionAt(r.Context(), h.store, s.design, n, h.cat)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if _, err := h.store.ApplyOps(r.Context(), s.design.ID, s.key, design.Batch{BaseVersion: s.design.Version, Ops: design.RestoreOps(old), By: h.editorAuthor(r)}); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/d/%s?notice=restored&from=%d", s.key, n), http.StatusSeeOther)
}

// showEmbed is the view link drawn for a page elsewhere. Only the origins
// configured may frame it; every other page refuses to be framed.
func (h *Handler) showEmbed(w http.ResponseWriter, r *http.Request, s *editorSession) {
	d := s.design
	fs, accepted := h.rules.Review(d)
	v := pages.EmbedView{Design: d, Diagram: components.NewReviewedDiagram(d, h.cat, fs, accepted, "", true),
		Findings: components.NewFindings(fs, true, false).WithAccepted(accepted), ViewURL: h.viewURL(r, d.ID)}
	if r.URL.Query().Get("part") != "body" {
		var err error
		if v.Comments, err = h.commentsView(r, s, ""); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	hd := w.Header()
	hd.Del("X-Frame-Options")
	hd.Set("Content-Security-Policy", embedPolicy(h.opts.EmbedOrigins))
	if r.URL.Query().Get("part") == "body" {
		h.render(w, r, http.StatusOK, "", pages.EmbedBody(v))
		return
	}
	head := h.head(d.Title)
	head.Bare = true
	head.JS = append(head.JS, h.assets.URL("vendor/htmx.org/htmx.min.js"), h.assets.URL("vendor/htmx-ext-sse/sse.min.js"), h.assets.URL("js/comments.js"))
	head.CSS = append(head.CSS, h.assets.URL("css/comments.css"))
	h.renderHead(w, r, http.StatusOK, head, pages.EmbedPage(v))
}
