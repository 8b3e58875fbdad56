package handlers

import (
	"context"
	"slices"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// summaryOf is what a space lists of a design's version: its services from
// the design, its open findings (by rule and severity) from the rules,
// checked once per version (review).
func (h *Handler) summaryOf(d *design.Design) design.Summary {
	s := design.SummaryOf(d)
	open, _ := h.review(d)
	for _, f := range open {
		s.Rules = append(s.Rules, f.Rule)
		switch f.Severity {
		case rules.Error:
			s.Errors++
		case rules.Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
	slices.Sort(s.Rules)
	s.Rules = slices.Compact(s.Rules)
	return s
}

// summarizingStore keeps the summary of a design in a space current on
// every applied batch, whichever path applied it (editor, API, restore).
// The summary is written after the batch committed; failing to write it
// is logged and never fails the edit.
type summarizingStore struct {
	design.Store
	h *Handler
}

func (s summarizingStore) ApplyOps(ctx context.Context, id, editKey string, b design.Batch) (*design.Applied, error) {
	a, err := s.Store.ApplyOps(ctx, id, editKey, b)
	if err == nil && !a.Replayed {
		s.h.resummarize(context.WithoutCancel(ctx), a.Design, a.Revision.By)
	}
	return a, err
}

// resummarize records a design's summary if it is in a space, with who
// made its version when that is known.
func (h *Handler) resummarize(ctx context.Context, d *design.Design, by *design.Author) {
	space, err := h.store.SpaceOf(ctx, d.ID)
	if err == nil && space != "" {
		s := h.summaryOf(d)
		if by != nil {
			s.ChangedBy = by.Name
		}
		err = h.store.UpdateSummary(ctx, s)
	}
	if err != nil {
		h.log.Warn("design summary not updated", "design", d.ID, "version", d.Version, "err", err)
	}
}
