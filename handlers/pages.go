package handlers

import (
	"net/http"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/pages"
)

// showHome says what archlab is and offers a new design.
func (h *Handler) showHome(w http.ResponseWriter, r *http.Request) {
	v := pages.HomeView{Kinds: h.cat.Kinds()}
	if h.kb != nil {
		ex, err := h.kb.example(homeExample)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v.Example = ex
	}
	head := h.head("Design serverless architectures")
	head.CSS = append(head.CSS, h.assets.URL("css/spaces.css"))
	head.JS = append(head.JS, h.assets.URL("js/spaces.js"))
	h.renderHead(w, r, http.StatusOK, head, pages.HomePage(v))
}

// homeExample is the rule whose example the home page shows: the finding
// archlab is known for, a queue whose visibility timeout its consumer
// outlives.
const homeExample = "sqs-visibility-6x"

// createDesignFromForm makes a blank design and opens its editor.
func (h *Handler) createDesignFromForm(w http.ResponseWriter, r *http.Request) {
	c, err := h.store.CreateDesign(r.Context(), &design.Design{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/d/"+c.EditKey, http.StatusSeeOther)
}
