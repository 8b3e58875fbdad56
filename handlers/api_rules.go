package handlers

import (
	"net/http"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// apiValidate checks a design document without storing anything.
func (h *Handler) apiValidate(w http.ResponseWriter, r *http.Request) {
	d, err := h.decodeDocument(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	fs := h.findingsOf(d)
	writeJSON(w, http.StatusOK, struct {
		findingsResponse
		Counts map[rules.Severity]int `json:"counts"`
	}{fs, rules.Count(fs.Findings)})
}

// ruleEntry is one rule of GET /rules.
type ruleEntry struct {
	rules.Meta
	KB string `json:"kb"`
}

// apiRules answers the rule registry.
func (h *Handler) apiRules(w http.ResponseWriter, r *http.Request) {
	metas := h.rules.Rules()
	out := make([]ruleEntry, len(metas))
	for i, m := range metas {
		out[i] = ruleEntry{Meta: m, KB: m.KB()}
	}
	writeJSONCached(w, http.StatusOK, struct {
		Rules []ruleEntry `json:"rules"`
	}{out})
}

// catalogueModel is one invocation model of GET /catalogue.
type catalogueModel struct {
	ID    design.Model `json:"id"`
	Title string       `json:"title"`
}

// apiCatalogue answers the service catalogue: kinds with their property
// schemas, the integrations allowed between them, and the models.
func (h *Handler) apiCatalogue(w http.ResponseWriter, r *http.Request) {
	models := make([]catalogueModel, len(design.Models))
	for i, m := range design.Models {
		models[i] = catalogueModel{ID: m, Title: m.Title()}
	}
	type link struct {
		From         string               `json:"from"`
		To           string               `json:"to"`
		Integrations []design.Integration `json:"integrations"`
	}
	var links []link
	for _, l := range h.cat.Links() {
		links = append(links, link{From: l.From, To: l.To, Integrations: l.Integrations})
	}
	writeJSONCached(w, http.StatusOK, struct {
		Categories []string         `json:"categories"`
		Kinds      []*design.Kind   `json:"kinds"`
		Links      []link           `json:"links"`
		Models     []catalogueModel `json:"models"`
	}{design.Categories, h.cat.Kinds(), links, models})
}

// writeJSONCached is writeJSON for answers that only change with a release.
func writeJSONCached(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	encodeJSON(w, v)
}
