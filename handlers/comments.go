package handlers

import (
	"context"
	"net/http"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/components"
	"github.com/archlab/archlab/webhook"
)

// commentInput is what a person sends to comment, through the API or the
// comments panel alike.
type commentInput struct {
	Author  string
	Text    string
	Thread  string
	Subject design.Subject
}

// commentAccess returns the design's comment settings, or EFORBIDDEN when
// the request may not comment: edit-link holders always may, view-link
// holders unless the design turned that off.
func (h *Handler) commentAccess(ctx context.Context, id string, editable bool) (design.CommentSettings, error) {
	st, err := h.store.CommentSettings(ctx, id)
	if err != nil {
		return st, err
	}
	if !editable && !st.FromViewLink {
		return st, errCommentsOff
	}
	return st, nil
}

var errCommentsOff = design.Errorf(design.EFORBIDDEN, "Commenting from the view link is turned off for this design. Someone with the edit link can turn it on, or comment for you.")

// addComment is where every new comment is made, from the API and the
// pages alike: it checks who speaks and what about, stores the comment at
// the design's current version, and (through the store, live.Announcing)
// tells everyone who has the design open. Whatever else must happen on a
// new comment, such as a webhook, is called from here.
func (h *Handler) addComment(r *http.Request, d *design.Design, editable bool, in commentInput) (*design.Comment, error) {
	if _, err := h.commentAccess(r.Context(), d.ID, editable); err != nil {
		return nil, err
	}
	nc := design.NewComment{Design: d.ID, Thread: in.Thread, Author: h.author(r, in.Author), Text: in.Text}
	if err := nc.Check(); err != nil {
		return nil, err
	}
	if nc.Thread == "" {
		subject, err := h.commentSubject(d, in.Subject)
		if err != nil {
			return nil, err
		}
		nc.Subject = subject
	}
	c, err := h.store.AddComment(r.Context(), nc)
	if err != nil {
		return nil, err
	}
	h.announce(r.Context(), d.ID, webhook.Event{Kind: webhook.Comment, By: c.Author.Name, Version: c.Version,
		Note: "on " + c.Subject.Named() + ": " + c.Text, URL: h.viewURL(r, d.ID)})
	return c, nil
}

// resolveThread resolves or reopens a thread for whoever may comment.
func (h *Handler) resolveThread(r *http.Request, id string, editable bool, thread string, resolved bool, given string) (*design.Comment, error) {
	if _, err := h.commentAccess(r.Context(), id, editable); err != nil {
		return nil, err
	}
	by := h.author(r, given)
	if err := design.CheckAuthor("author", by); err != nil {
		return nil, err
	}
	return h.store.ResolveThread(r.Context(), id, thread, resolved, by)
}

// commentSubject completes what a new thread is about, refusing what the
// design has not: a finding must be one the rules raise now.
func (h *Handler) commentSubject(d *design.Design, s design.Subject) (design.Subject, error) {
	out, err := d.CommentSubject(s, h.kindName)
	if err != nil || out.Kind != design.SubjectFinding {
		return out, err
	}
	for _, f := range h.everyFinding(d) {
		if out.Is(f.Rule, f.Subjects) {
			return out, nil
		}
	}
	return out, design.Invalid("subject.finding", "no finding of %s about %v is raised in this design now", out.Rule, out.Subjects)
}

// kindName names a block's kind in words, as the diagram does.
func (h *Handler) kindName(b *design.Block) string { return components.KindName(b, h.cat) }
