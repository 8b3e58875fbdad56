package handlers

import (
	"net/http"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/pages"
)

// showHome says what archlab is and offers a new design.
func (h *Handler) showHome(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "Design serverless architectures", pages.HomePage(pages.HomeView{Kinds: h.cat.Kinds()}))
}

// createDesignFromForm makes a blank design and opens its editor.
func (h *Handler) createDesignFromForm(w http.ResponseWriter, r *http.Request) {
	c, err := h.store.CreateDesign(r.Context(), &design.Design{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/d/"+c.EditKey, http.StatusSeeOther)
}
