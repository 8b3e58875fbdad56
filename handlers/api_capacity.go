package handlers

import (
	"net/http"
	"strings"

	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/content/prices"
	"github.com/archlab/archlab/design"
)

// priceTable reads the ?region= of a capacity request: a Region with a
// price table, or the default one.
func priceTable(r *http.Request) (*prices.Table, error) {
	region := r.URL.Query().Get("region")
	if region == "" {
		return prices.Default(), nil
	}
	t, ok := prices.For(region)
	if !ok {
		return nil, design.Invalid("region", "has no price table for %q; archlab has prices for %s", region, strings.Join(prices.Regions(), ", "))
	}
	return t, nil
}

// apiCapacity answers the capacity and cost model of a stored design's
// current version.
func (h *Handler) apiCapacity(w http.ResponseWriter, r *http.Request) {
	t, err := priceTable(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.designFromURL(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, capacity.Compute(d, h.cat, t))
}

// apiCapacityOf computes the model of a document sent in the body, storing
// nothing.
func (h *Handler) apiCapacityOf(w http.ResponseWriter, r *http.Request) {
	t, err := priceTable(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.decodeDocument(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, capacity.Compute(d, h.cat, t))
}
