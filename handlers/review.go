package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/pages"
	"github.com/archlab/archlab/webhook"
)

// personName is the name of whoever makes a request, as the request gives
// it in field: the one place names enter archlab's review records (who
// accepted a finding, who requested, approved or asked for changes), so
// that a name a trusted sign-on proxy vouches for (author) takes its place.
func (h *Handler) personName(r *http.Request, field, given string) (string, error) {
	name := h.author(r, given).Name // a trusted proxy's name comes first
	if err := design.CheckName(field, name); err != nil {
		return "", err
	}
	return name, nil
}

// reviewRequest is the body of POST /api/v1/designs/{id}/review, and what
// the editor's review form sends.
type reviewRequest struct {
	State     string   `json:"state"`
	By        string   `json:"by"`
	Note      string   `json:"note"`
	Reviewers []string `json:"reviewers"`
}

// changeReview checks a review change and records it with the edit key:
// the one place a design's review state changes (the store announces it to
// open pages, see live.Announcing).
func (h *Handler) changeReview(r *http.Request, id, key string, req reviewRequest) (*design.ReviewEvent, error) {
	e := design.ReviewEvent{State: req.State, By: strings.TrimSpace(req.By), Note: strings.TrimSpace(req.Note), Reviewers: req.Reviewers}
	if err := e.Check(); err != nil {
		return nil, err
	}
	by, err := h.personName(r, "by", req.By)
	if err != nil {
		return nil, err
	}
	e.By = by
	done, err := h.store.SetReview(r.Context(), id, key, e)
	if err != nil {
		return nil, err
	}
	note := done.Note
	if done.State == design.ReviewInReview && len(done.Reviewers) > 0 {
		note = strings.TrimSpace("asked " + strings.Join(done.Reviewers, ", ") + ". " + note)
	}
	h.announce(r.Context(), id, webhook.Event{Kind: reviewHookKind[done.State], By: done.By, Version: done.Version, Note: note, URL: h.viewURL(r, id)})
	return done, nil
}

// reviewHookKind is the webhook event a review state sends.
var reviewHookKind = map[string]string{
	design.ReviewInReview:         webhook.ReviewRequested,
	design.ReviewApproved:         webhook.Approved,
	design.ReviewChangesRequested: webhook.ChangesRequested,
}

// reviewJSON is a design's review state in the API.
type reviewJSON struct {
	State     string     `json:"state"`
	By        string     `json:"by,omitempty"`
	Version   int        `json:"version,omitempty"`
	Note      string     `json:"note,omitempty"`
	Reviewers []string   `json:"reviewers,omitempty"`
	At        *time.Time `json:"at,omitempty"`
}

func newReviewJSON(e design.ReviewEvent) reviewJSON {
	j := reviewJSON{State: e.State, By: e.By, Version: e.Version, Note: e.Note, Reviewers: e.Reviewers}
	if !e.At.IsZero() {
		at := e.At
		j.At = &at
	}
	return j
}

// reviewResponse answers a review change and GET .../review.
type reviewResponse struct {
	Review               reviewJSON `json:"review"`
	ChangedSinceApproval bool       `json:"changedSinceApproval"`
	// Events is the log, oldest first (GET only).
	Events []reviewJSON `json:"events,omitempty"`
}

// apiSetReview changes a design's review state with the edit key.
func (h *Handler) apiSetReview(w http.ResponseWriter, r *http.Request) {
	id, key, ok := h.apiDesignKey(w, r)
	if !ok {
		return
	}
	var req reviewRequest
	if err := decodeBody(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.changeReview(r, id, key, req)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, reviewResponse{Review: newReviewJSON(*e)})
}

// apiReview answers a design's review state and its log.
func (h *Handler) apiReview(w http.ResponseWriter, r *http.Request) {
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
	evs, err := h.store.ReviewEvents(r.Context(), d.ID, 1, 0)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	resp := reviewResponse{Review: newReviewJSON(rv.ReviewEvent), ChangedSinceApproval: rv.ChangedSince(d.Version), Events: []reviewJSON{}}
	for _, e := range evs {
		resp.Events = append(resp.Events, newReviewJSON(e))
	}
	writeJSON(w, http.StatusOK, resp)
}

// designWithReview is the design document with its review state beside
// its fields, as GET /api/v1/designs/{id} answers it.
func designWithReview(d *design.Design, rv design.Review) (json.RawMessage, error) {
	doc, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode design %s: %w", d.ID, err)
	}
	extra, err := json.Marshal(struct {
		Review               reviewJSON `json:"review"`
		ChangedSinceApproval bool       `json:"changedSinceApproval"`
	}{newReviewJSON(rv.ReviewEvent), rv.ChangedSince(d.Version)})
	if err != nil {
		return nil, fmt.Errorf("encode review of %s: %w", d.ID, err)
	}
	doc = bytes.TrimSuffix(bytes.TrimSpace(doc), []byte("}"))
	return append(append(doc, ','), extra[1:]...), nil
}

// editorReview is the editor's review form: it changes the review state
// and answers the review's regions.
func (h *Handler) editorReview(w http.ResponseWriter, r *http.Request, s *editorSession) {
	req := reviewRequest{State: r.PostFormValue("state"), By: r.PostFormValue("by"), Note: r.PostFormValue("note"),
		Reviewers: design.SplitNames(r.PostFormValue("reviewers"))}
	_, err := h.changeReview(r, s.design.ID, s.key, req)
	if err == nil {
		rememberName(w, req.By)
	}
	status := http.StatusOK
	v := h.reviewView(r, s, true)
	if err != nil {
		status = statusOf(err)
		if status == http.StatusInternalServerError || status == http.StatusServiceUnavailable {
			h.fail(w, r, err)
			return
		}
		v.Error = design.ErrorMessage(err)
		v.Typed = pages.ReviewTyped{By: req.By, Note: req.Note, Reviewers: r.PostFormValue("reviewers")}
	}
	h.render(w, r, status, "", pages.ReviewRegions(v))
}

// reviewView is the review part of a design's page: its state, and at an
// edit link the form that changes it. A review that cannot be read leaves
// the part saying so; the rest of the page still works.
func (h *Handler) reviewView(r *http.Request, s *editorSession, oob bool) pages.ReviewView {
	v := pages.ReviewView{Base: s.base, ViewBase: "/v/" + s.design.ID, Version: s.design.Version, ReadOnly: s.readOnly, OOB: oob}
	side := h.besideOf(r, s)
	rv, err := side.review, side.reviewErr
	if err != nil {
		h.log.Warn("read review", "design", s.design.ID, "err", err)
		v.Unknown = true
		return v
	}
	v.Review = rv
	return v
}

// between gathers what the review recorded from version from to version
// to, for the comparison of the two: the review events made on them and
// on the versions between. Comments made between them belong here too.
func (h *Handler) between(ctx context.Context, id string, from, to int) (pages.Between, error) {
	lo, hi := min(from, to), max(from, to)
	evs, err := h.store.ReviewEvents(ctx, id, lo, hi)
	if err != nil {
		return pages.Between{}, err
	}
	cs, err := h.store.Comments(ctx, id)
	if err != nil {
		return pages.Between{}, err
	}
	cs = design.CommentsAt(cs, lo, hi)
	return pages.Between{Reviews: evs, Comments: cs, Discussed: design.SummarizeComments(cs)}, nil
}
