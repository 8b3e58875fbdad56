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

// answer is a rendered answer kept to be sent more than once: as
// renderHead would send it, but in bytes of its own.
type answer struct {
	spliced, gzip bool
	body          []byte
}

// answerOf renders content as renderHead does, into an answer.
func (h *Handler) answerOf(r *http.Request, head layout.Head, content templ.Component) (answer, error) {
	c := content
	if !isHTMX(r) {
		c = layout.Base(head, content)
	}
	var s splice
	if err := c.Render(r.Context(), &s); err != nil {
		return answer{}, err
	}
	a := answer{spliced: s.pieces}
	if s.pieces && acceptsGzip(r) {
		a.gzip, a.body = true, s.gzip()
	} else {
		a.body = s.bytes()
	}
	return a, nil
}

// write sends the answer as renderHead would have.
func (a *answer) write(w http.ResponseWriter, status int) {
	if a.spliced {
		writeBody(w, status, a.gzip, a.body)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(a.body)
}

// isHTMX reports whether htmx sent the request and wants a fragment.
func isHTMX(r *http.Request) bool { return r.Header.Get("HX-Request") == "true" }
