package handlers

import (
	"net/http"

	"github.com/a-h/templ"

	"github.com/archlab/archlab/web/layout"
)

// render writes a page, or only its content for an htmx request. The page is
// rendered into a buffer first so that a failure mid-way becomes a clean 500
// rather than half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, title string, content templ.Component) {
	h.renderHead(w, r, status, h.head(title), content)
}

// renderLab renders a page of the labs or cohorts, which the labs' styles
// dress.
func (h *Handler) renderLab(w http.ResponseWriter, r *http.Request, status int, title string, content templ.Component) {
	head := h.head(title)
	head.CSS = append(head.CSS, h.assets.URL("css/labs.css"))
	h.renderHead(w, r, status, head, content)
}

func (h *Handler) renderHead(w http.ResponseWriter, r *http.Request, status int, head layout.Head, content templ.Component) {
	c := content
	if !isHTMX(r) {
		c = layout.Base(head, content)
	}
	var s splice
	if err := c.Render(r.Context(), &s); err != nil {
		h.log.Error("render failed", "route", routePattern(r), "err", err)
		http.Error(w, "The page could not be rendered.", http.StatusInternalServerError)
		return
	}
	if s.pieces {
		// Regions rendered once per version go out with their kept
		// compression (splice.go).
		writeSplice(w, r, status, &s)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(s.bytes())
}

// isHTMX reports whether htmx sent the request and wants a fragment.
func isHTMX(r *http.Request) bool { return r.Header.Get("HX-Request") == "true" }
