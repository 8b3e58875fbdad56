package handlers

import (
	"context"

	"github.com/archlab/archlab/design"
)

// An edit is announced to every open editor, which then fetches /state:
// the first of those fetches rendered the new version's regions while the
// others waited. A version that someone has open is instead rendered as
// soon as it is saved, beside the announcement, so that the render runs
// while the editors hear of the change and open their requests. It never
// holds up the edit's answer, and one render at a time runs this way: an
// edit that finds one running leaves its version to its first request, as
// before.

// prerenderingStore starts the render of every version saved through it.
// It sits under the store that announces changes (live.Announcing), so the
// render starts before the editors hear.
type prerenderingStore struct {
	design.Store
	h *Handler
}

func (s prerenderingStore) ApplyOps(ctx context.Context, id, editKey string, b design.Batch) (*design.Applied, error) {
	a, err := s.Store.ApplyOps(ctx, id, editKey, b)
	if err == nil && !a.Replayed {
		s.h.prerender(a.Design)
	}
	return a, err
}

// prerender renders the editor's regions of a design's version, and what
// changed in its diagram since the version before, in the background when
// someone has the design open.
func (h *Handler) prerender(d *design.Design) {
	if h.live == nil || h.live.Presence(d.ID) == 0 {
		return
	}
	select {
	case h.prerenders <- struct{}{}:
	default:
		return // one runs: this version renders on its first request
	}
	go func() {
		defer func() {
			<-h.prerenders
			if p := recover(); p != nil {
				h.log.Error("render on save failed", "design", d.ID, "version", d.Version, "panic", p)
			}
		}()
		if _, err := h.regions(d, false, true); err != nil {
			return // the request that asks renders the error
		}
		if d.Version > 1 {
			h.patchFrom(d, d.Version-1)
		}
	}()
}
