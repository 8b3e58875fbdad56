package handlers

import (
	"context"
	"net/http"
	"sync"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/pages"
)

// After an edit, every editor with the design open fetches /state at once.
// Beside the version's regions (rendered once per version, regions.go),
// the answer shows what changes without a new version: the review state
// and the lab progress. Read for each request, that was two queries per
// editor, a thousand of each for one edit, and a quarter of the server's
// time. They are read as the design is (flights.go): once for the
// requests that come while a read runs, by a read that began after each
// of them came, so that none sees a state older than one it was told of.
// Requests that share the design and this read have the same answer: it is
// rendered once, and the others send its bytes (stateAnswer).

// beside is what an editor shows beside a design's version, read once.
type beside struct {
	review    design.Review
	reviewErr error
	lab       *design.LabProgress
	labErr    error

	mu      sync.Mutex
	answers map[answerKey]*keptAnswer
}

// besideOf reads, or shares the read of, what the session's design shows
// beside its version; one read per request.
func (h *Handler) besideOf(r *http.Request, s *editorSession) *beside {
	if s.side != nil {
		return s.side
	}
	id := s.design.ID
	b, err := h.besides.load(r.Context(), id, func(ctx context.Context) (*beside, error) {
		b := &beside{}
		b.review, b.reviewErr = h.store.Review(ctx, id)
		b.lab, b.labErr = h.store.LabOf(ctx, id)
		return b, nil
	})
	if err != nil {
		// The request ended while it waited: what it renders goes nowhere.
		b = &beside{reviewErr: err, labErr: err}
	}
	s.side = b
	return b
}

// answerKey is what an answer of /state depends on beside the design and
// what is read with it: the link, the address the links it gives are
// made from, the query (the selection, the version the editor shows), and
// how it is sent.
type answerKey struct {
	design               *design.Design
	base, url, query     string
	readOnly, htmx, gzip bool
}

// keptAnswer is one answer, rendered by the first request that asks.
type keptAnswer struct {
	once sync.Once
	a    answer
	err  error
}

// stateAnswer returns the answer of /state for the session, rendered once
// for every request that shares its design and what is read beside it.
func (h *Handler) stateAnswer(r *http.Request, s *editorSession, render func() pages.EditorView) (*answer, error) {
	side := h.besideOf(r, s)
	k := answerKey{design: s.design, base: s.base, url: h.baseURL(r), query: r.URL.RawQuery,
		readOnly: s.readOnly, htmx: isHTMX(r), gzip: acceptsGzip(r)}
	side.mu.Lock()
	if side.answers == nil {
		side.answers = make(map[answerKey]*keptAnswer)
	}
	ka := side.answers[k]
	if ka == nil {
		ka = &keptAnswer{}
		side.answers[k] = ka
	}
	side.mu.Unlock()
	ka.once.Do(func() {
		ka.a, ka.err = h.answerOf(r, h.head(""), pages.EditRegions(render()))
	})
	return &ka.a, ka.err
}
