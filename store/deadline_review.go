package store

import (
	"context"

	"github.com/archlab/archlab/design"
)

func (d *deadline) SetReview(ctx context.Context, id, editKey string, e design.ReviewEvent) (*design.ReviewEvent, error) {
	return call(d, ctx, "to record a review", false, func(ctx context.Context) (*design.ReviewEvent, error) { return d.st.SetReview(ctx, id, editKey, e) })
}

func (d *deadline) Review(ctx context.Context, id string) (design.Review, error) {
	return call(d, ctx, "to read the review", true, func(ctx context.Context) (design.Review, error) { return d.st.Review(ctx, id) })
}

func (d *deadline) ReviewEvents(ctx context.Context, id string, from, to int) ([]design.ReviewEvent, error) {
	return call(d, ctx, "to read the review events", true, func(ctx context.Context) ([]design.ReviewEvent, error) { return d.st.ReviewEvents(ctx, id, from, to) })
}
