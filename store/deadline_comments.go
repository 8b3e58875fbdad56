package store

import (
	"context"

	"github.com/archlab/archlab/design"
)

// The comment calls, with the deadline of every call. Adding a comment is
// not repeated after a lost connection: it may have been stored.

func (d *deadline) AddComment(ctx context.Context, c design.NewComment) (*design.Comment, error) {
	return call(d, ctx, "to add a comment", false, func(ctx context.Context) (*design.Comment, error) { return d.st.AddComment(ctx, c) })
}

func (d *deadline) Comments(ctx context.Context, id string) ([]design.Comment, error) {
	return call(d, ctx, "to read the comments", true, func(ctx context.Context) ([]design.Comment, error) { return d.st.Comments(ctx, id) })
}

func (d *deadline) ResolveThread(ctx context.Context, id, thread string, resolved bool, by design.Author) (*design.Comment, error) {
	return call(d, ctx, "to resolve a thread", true, func(ctx context.Context) (*design.Comment, error) {
		return d.st.ResolveThread(ctx, id, thread, resolved, by)
	})
}

func (d *deadline) CommentSettings(ctx context.Context, id string) (design.CommentSettings, error) {
	return call(d, ctx, "to read the comment settings", true, func(ctx context.Context) (design.CommentSettings, error) { return d.st.CommentSettings(ctx, id) })
}

func (d *deadline) SetCommentSettings(ctx context.Context, id, editKey string, s design.CommentSettings) error {
	_, err := call(d, ctx, "to change the comment settings", true, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.st.SetCommentSettings(ctx, id, editKey, s)
	})
	return err
}
