package live

import (
	"context"

	"github.com/archlab/archlab/design"
)

// announcingStore is a store that announces every applied batch, every
// replaced edit key and every change to the comments, so that no write path (editor, API, restore) can
// forget to.
type announcingStore struct {
	design.Store
	hub *Hub
}

// Announcing wraps a store so that each applied batch reaches the hub's
// subscribers.
func Announcing(st design.Store, hub *Hub) design.Store {
	return announcingStore{Store: st, hub: hub}
}

func (s announcingStore) ApplyOps(ctx context.Context, id, editKey string, b design.Batch) (*design.Applied, error) {
	a, err := s.Store.ApplyOps(ctx, id, editKey, b)
	if err == nil && !a.Replayed {
		s.hub.Changed(context.WithoutCancel(ctx), id, a.Design.Version)
	}
	return a, err
}

func (s announcingStore) RotateEditKey(ctx context.Context, id, editKey string) (string, error) {
	key, err := s.Store.RotateEditKey(ctx, id, editKey)
	if err == nil {
		s.hub.Rotated(context.WithoutCancel(ctx), id)
	}
	return key, err
}

// SetReview records a review event and announces it: the one place a
// design's review state changes, where whatever must hear of it (open
// pages; outgoing hooks) is told.
func (s announcingStore) SetReview(ctx context.Context, id, editKey string, e design.ReviewEvent) (*design.ReviewEvent, error) {
	ev, err := s.Store.SetReview(ctx, id, editKey, e)
	if err == nil {
		s.hub.Reviewed(context.WithoutCancel(ctx), id)
	}
	return ev, err
}

func (s announcingStore) AddComment(ctx context.Context, c design.NewComment) (*design.Comment, error) {
	out, err := s.Store.AddComment(ctx, c)
	if err == nil {
		s.hub.Commented(context.WithoutCancel(ctx), c.Design)
	}
	return out, err
}

func (s announcingStore) ResolveThread(ctx context.Context, id, thread string, resolved bool, by design.Author) (*design.Comment, error) {
	out, err := s.Store.ResolveThread(ctx, id, thread, resolved, by)
	if err == nil {
		s.hub.Commented(context.WithoutCancel(ctx), id)
	}
	return out, err
}

// SetCommentSettings is announced as the comments are: open panels show
// at once whether their link may still comment.
func (s announcingStore) SetCommentSettings(ctx context.Context, id, editKey string, st design.CommentSettings) error {
	err := s.Store.SetCommentSettings(ctx, id, editKey, st)
	if err == nil {
		s.hub.Commented(context.WithoutCancel(ctx), id)
	}
	return err
}
