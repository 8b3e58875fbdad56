package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// readBody reads the whole (already size-limited) request body.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, err
		}
		return nil, design.Errorf(design.EMALFORMED, "the request body could not be read")
	}
	return b, nil
}

// decodeBody reads the request's JSON body into v, strictly (see
// design.DecodeJSON): what every JSON write of the API starts with.
func decodeBody(r *http.Request, v any) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	return design.DecodeJSON(body, v)
}

// decodeDocument reads the request's body as an archlab/v1 document.
func (h *Handler) decodeDocument(r *http.Request) (*design.Design, error) {
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	return design.Decode(body, h.cat)
}

// apiDesignKey returns the design id of the URL and the edit key the
// request carries (Authorization: Bearer), answering the request itself
// when it has no well-formed id (404) or no key (401).
func (h *Handler) apiDesignKey(w http.ResponseWriter, r *http.Request) (id, key string, ok bool) {
	id = chi.URLParam(r, "designID")
	if !design.ValidViewID(id) {
		h.fail(w, r, design.Errorf(design.ENOTFOUND, "There is no such design."))
		return "", "", false
	}
	key, ok = editKey(r)
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="archlab"`)
		writeError(w, r, http.StatusUnauthorized, "unauthorized", "Send the design's edit key as Authorization: Bearer <editKey>.", "")
		return "", "", false
	}
	return id, key, true
}

// createdResponse is the answer to creating a design.
type createdResponse struct {
	ID      string `json:"id"`
	EditKey string `json:"editKey"`
	Version int    `json:"version"`
	ViewURL string `json:"viewUrl"`
	EditURL string `json:"editUrl"`
	// Space is the id of the space the design was made in, if any.
	Space string `json:"space,omitempty"`
}

// apiCreateDesign stores a new design from a document, or a blank one for an
// empty body.
func (h *Handler) apiCreateDesign(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// A design made in a space (?space={key}) is listed there; the space
	// is looked up first, so that a wrong key creates nothing.
	var space *design.Space
	if r.URL.Query().Has("space") {
		if space, err = h.spaceFromKey(r, r.URL.Query().Get("space")); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	d := &design.Design{}
	if len(strings.TrimSpace(string(body))) > 0 {
		if d, err = design.Decode(body, h.cat); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	c, err := h.store.CreateDesign(r.Context(), d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	resp := createdResponse{
		ID: c.Design.ID, EditKey: c.EditKey, Version: c.Design.Version,
		ViewURL: h.viewURL(r, c.Design.ID), EditURL: h.editURL(r, c.EditKey),
	}
	if space != nil {
		if err := h.placeInSpace(r, space.ID, c.Design); err != nil {
			h.fail(w, r, err)
			return
		}
		resp.Space = space.ID
	}
	w.Header().Set("Location", "/api/v1/designs/"+c.Design.ID)
	writeJSON(w, http.StatusCreated, resp)
}

// designFromURL reads the design the URL's view id names; ids of the wrong
// shape are answered 404 without touching the database.
func (h *Handler) designFromURL(r *http.Request) (*design.Design, error) {
	id := chi.URLParam(r, "designID")
	if !design.ValidViewID(id) {
		return nil, design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	return h.opening.load(r.Context(), "v"+id, func(ctx context.Context) (*design.Design, error) { return h.store.Design(ctx, id) })
}

// apiDesign answers the design document with its id and version. The ETag
// lets clients poll cheaply.
func (h *Handler) apiDesign(w http.ResponseWriter, r *http.Request) {
	d, err := h.designFromURL(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rv, err := h.store.Review(r.Context(), d.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// A review change makes no version: the tag names the review's event.
	etag := `"` + d.ID + "-" + strconv.Itoa(d.Version) + "-r" + strconv.Itoa(rv.Seq) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	doc, err := designWithReview(d, rv)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, doc)
}

// opsRequest is the body of POST /designs/{id}/ops.
type opsRequest struct {
	BaseVersion *int            `json:"baseVersion"`
	Ops         json.RawMessage `json:"ops"`
	// Batch is the client's id for the batch: sent again, it is not
	// applied again.
	Batch string `json:"batch"`
	// By is the name of who made the batch, optional; a trusted single
	// sign-on proxy's name wins over it (author).
	By string `json:"by"`
}

// opsResponse is the answer to an applied batch.
type opsResponse struct {
	Version int `json:"version"`
	// Replayed says the batch had been applied before, under its id.
	Replayed bool `json:"replayed,omitempty"`
	findingsResponse
}

// findingsResponse is a design's findings: the open ones, and apart from
// them the ones the design accepts, each with the entry that accepts it.
type findingsResponse struct {
	Findings []rules.Finding `json:"findings"`
	Accepted []rules.Finding `json:"accepted"`
}

func (h *Handler) findingsOf(d *design.Design) findingsResponse {
	open, accepted := h.rules.Review(d)
	if open == nil {
		open = []rules.Finding{}
	}
	if accepted == nil {
		accepted = []rules.Finding{}
	}
	return findingsResponse{Findings: open, Accepted: accepted}
}

// editKey returns the bearer token of the request.
func editKey(r *http.Request) (string, bool) {
	auth := r.Header.Get("Authorization")
	scheme, key, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
		return "", false
	}
	return strings.TrimSpace(key), true
}

// apiApplyOps applies a batch of operations with the edit key.
func (h *Handler) apiApplyOps(w http.ResponseWriter, r *http.Request) {
	id, key, ok := h.apiDesignKey(w, r)
	if !ok {
		return
	}
	var req opsRequest
	if err := decodeBody(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	if req.BaseVersion == nil {
		h.fail(w, r, design.Invalid("baseVersion", "is required: the version of the design the operations were made on"))
		return
	}
	if req.Ops == nil {
		h.fail(w, r, design.Invalid("ops", "is required: a list of operations"))
		return
	}
	if err := design.CheckBatchID("batch", req.Batch); err != nil {
		h.fail(w, r, err)
		return
	}
	ops, err := design.DecodeOps(req.Ops, h.cat)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	by := h.author(r, req.By)
	if err := design.CheckBatchAuthor("by", by); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.stampAcceptances(r, ops, func() (*design.Design, error) { return h.store.Design(r.Context(), id) }); err != nil {
		h.fail(w, r, err)
		return
	}
	applied, err := h.store.ApplyOps(r.Context(), id, key, design.Batch{ID: req.Batch, BaseVersion: *req.BaseVersion, Ops: ops, By: by})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// A replayed batch was applied earlier, perhaps under other edits
	// since: its answer is every finding of the design now.
	if r.URL.Query().Get("findings") == "all" || applied.Replayed {
		writeJSON(w, http.StatusOK, opsResponse{Version: applied.Design.Version, Replayed: applied.Replayed, findingsResponse: h.findingsOf(applied.Design)})
		return
	}
	before, _, err := design.Apply(applied.Design, applied.Revision.Inverse, h.cat)
	if err != nil {
		h.fail(w, r, fmt.Errorf("undo the batch to compare findings: %w", err))
		return
	}
	was, _ := h.rules.Review(before)
	// The new version's review is kept (regions.go): the editors who have
	// the design open, rendering it on save, use the same.
	now, _ := h.review(applied.Design)
	writeJSON(w, http.StatusOK, changeResponse{Version: applied.Design.Version, Introduced: findingsMinus(now, was), Resolved: findingsMinus(was, now)})
}

// changeResponse answers an edit with what it changed in the open
// findings: those it introduced and those it resolved (fixed or accepted).
type changeResponse struct {
	Version    int             `json:"version"`
	Introduced []rules.Finding `json:"introduced"`
	Resolved   []rules.Finding `json:"resolved"`
}

// findingsMinus returns the findings of a that b has not. A finding is the
// same when its rule, subjects and message are: one whose message changed
// (a new timeout in it, say) is resolved and introduced again.
func findingsMinus(a, b []rules.Finding) []rules.Finding {
	key := func(f rules.Finding) string {
		return f.Rule + "\x00" + strings.Join(f.Subjects, " ") + "\x00" + f.Message
	}
	in := make(map[string]bool, len(b))
	for _, f := range b {
		in[key(f)] = true
	}
	out := []rules.Finding{}
	for _, f := range a {
		if !in[key(f)] {
			out = append(out, f)
		}
	}
	return out
}

// apiFindings answers the findings of the design's current version.
func (h *Handler) apiFindings(w http.ResponseWriter, r *http.Request) {
	d, err := h.designFromURL(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Version int `json:"version"`
		findingsResponse
	}{d.Version, h.findingsOf(d)})
}

// revisionsResponse is one page of history.
type revisionsResponse struct {
	Revisions []design.Revision `json:"revisions"`
	// Next is the URL of the following (older) page, when there is one.
	Next string `json:"next,omitempty"`
}

// apiRevisions answers the history, newest first, a page at a time.
func (h *Handler) apiRevisions(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "designID")
	if !design.ValidViewID(id) {
		h.fail(w, r, design.Errorf(design.ENOTFOUND, "There is no such design."))
		return
	}
	before, err := queryInt(r, "before", 0, 0, 1<<30)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	limit, err := queryInt(r, "limit", 50, 1, 500)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	revs, err := h.store.Revisions(r.Context(), id, before, limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	resp := revisionsResponse{Revisions: revs}
	if resp.Revisions == nil {
		resp.Revisions = []design.Revision{}
	}
	if len(revs) == limit && revs[len(revs)-1].Version > 1 {
		resp.Next = "/api/v1/designs/" + id + "/revisions?before=" + strconv.Itoa(revs[len(revs)-1].Version) + "&limit=" + strconv.Itoa(limit)
	}
	writeJSON(w, http.StatusOK, resp)
}

// queryInt reads an integer query parameter within bounds.
func queryInt(r *http.Request, name string, def, min, max int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, design.Invalid(name, "must be a whole number from %d to %d, not %q", min, max, s)
	}
	return n, nil
}

// everyFinding is every finding of a design, open or accepted.
func (h *Handler) everyFinding(d *design.Design) []rules.Finding {
	open, accepted := h.rules.Review(d)
	return append(open, accepted...)
}
