package handlers

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/web/pages"
)

// commentsView gathers a design's threads for the comments panel, with
// the selection (a block, connection or group id) offered first as what a
// new thread is about.
func (h *Handler) commentsView(r *http.Request, s *editorSession, selected string) (pages.CommentsView, error) {
	d := s.design
	cs, err := h.store.Comments(r.Context(), d.ID)
	if err != nil {
		return pages.CommentsView{}, err
	}
	st, err := h.store.CommentSettings(r.Context(), d.ID)
	if err != nil {
		return pages.CommentsView{}, err
	}
	editable := s.key != ""
	v := pages.CommentsView{Base: s.base, Editable: editable, FromViewLink: st.FromViewLink, CanComment: editable || st.FromViewLink}
	if a := h.author(r, ""); a.Verified {
		v.Verified = a.Name
	}
	findings := h.everyFinding(d)
	v.Threads, v.Counts = threadsOf(d, cs, findings)
	for _, t := range v.Threads {
		if t.Resolved != nil {
			v.Resolved++
		} else {
			v.Open++
		}
	}
	v.About = h.aboutOptions(d, findings, selected)
	return v, nil
}

// threadsOf groups comments into threads, open ones first, and counts the
// open threads on each block, connection and group for the badges.
func threadsOf(d *design.Design, cs []design.Comment, findings []rules.Finding) ([]pages.Thread, string) {
	byID := map[string]int{}
	var threads []pages.Thread
	for _, c := range cs {
		i, ok := byID[c.Thread]
		if !ok {
			i = len(threads)
			byID[c.Thread] = i
			threads = append(threads, pages.Thread{ID: c.Thread, Subject: c.Subject, Resolved: c.Resolved, Gone: !present(d, c.Subject, findings)})
		}
		threads[i].Comments = append(threads[i].Comments, pages.Comment{Comment: c, Body: content.Comment(c.Text)})
	}
	counts := map[string]int{}
	var open, resolved []pages.Thread
	for _, t := range threads {
		if t.Resolved != nil {
			resolved = append(resolved, t)
			continue
		}
		open = append(open, t)
		if t.Subject.ID != "" && !t.Gone {
			counts[t.Subject.ID]++
		}
	}
	b, _ := json.Marshal(counts)
	return append(open, resolved...), string(b)
}

// present reports whether what a thread is about is still in the design.
func present(d *design.Design, s design.Subject, findings []rules.Finding) bool {
	switch s.Kind {
	case design.SubjectBlock:
		return d.Block(s.ID) != nil
	case design.SubjectConnection:
		return d.Connection(s.ID) != nil
	case design.SubjectGroup:
		return d.Group(s.ID) != nil
	case design.SubjectFinding:
		for _, f := range findings {
			if s.Is(f.Rule, f.Subjects) {
				return true
			}
		}
		return false
	}
	return true
}

// aboutOptions are what a new thread may be about: the selection, the
// design, then each finding raised now.
func (h *Handler) aboutOptions(d *design.Design, findings []rules.Finding, selected string) []pages.AboutOption {
	var out []pages.AboutOption
	for _, kind := range []string{design.SubjectBlock, design.SubjectConnection, design.SubjectGroup} {
		if s, err := d.CommentSubject(design.Subject{Kind: kind, ID: selected}, h.kindName); err == nil && selected != "" {
			out = append(out, pages.AboutOption{Value: s.Key(), Label: s.What + " " + s.Label, Selected: true})
			break
		}
	}
	out = append(out, pages.AboutOption{Value: design.SubjectDesign, Label: "The design as a whole", Selected: len(out) == 0})
	seen := map[string]bool{}
	for _, f := range findings {
		s, err := d.CommentSubject(design.Subject{Kind: design.SubjectFinding, Rule: f.Rule, Subjects: f.Subjects}, h.kindName)
		if err != nil || seen[s.Key()] {
			continue
		}
		seen[s.Key()] = true
		out = append(out, pages.AboutOption{Value: s.Key(), Label: "Finding: " + s.Label})
	}
	return out
}

// commentsPanel renders the comments panel, or with part=threads only the
// threads (what changes when someone comments).
func (h *Handler) commentsPanel(w http.ResponseWriter, r *http.Request, s *editorSession) {
	v, err := h.commentsView(r, s, r.URL.Query().Get("select"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Query().Get("part") == "threads" {
		h.render(w, r, http.StatusOK, "", pages.CommentThreads(v))
		return
	}
	h.render(w, r, http.StatusOK, "", pages.CommentsPanel(v))
}

// readForm parses a form body, which the body limit bounds.
func readForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return err
		}
		return design.Errorf(design.EMALFORMED, "the form could not be read")
	}
	return nil
}

// postComment adds a comment from the panel's forms and answers the
// threads as they are now.
func (h *Handler) postComment(w http.ResponseWriter, r *http.Request, s *editorSession) {
	if err := readForm(r); err != nil {
		h.fail(w, r, err)
		return
	}
	in := commentInput{Author: r.PostForm.Get("author"), Text: r.PostForm.Get("text"), Thread: r.PostForm.Get("thread")}
	if in.Thread == "" {
		subject, err := design.ParseSubjectKey(r.PostForm.Get("about"))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		in.Subject = subject
	}
	if _, err := h.addComment(r, s.design, s.key != "", in); err != nil {
		h.fail(w, r, err)
		return
	}
	h.commentThreads(w, r, s)
}

// postResolve resolves or reopens a thread from the panel.
func (h *Handler) postResolve(w http.ResponseWriter, r *http.Request, s *editorSession) {
	if err := readForm(r); err != nil {
		h.fail(w, r, err)
		return
	}
	resolved := r.PostForm.Get("resolved") == "true"
	if _, err := h.resolveThread(r, s.design.ID, s.key != "", chi.URLParam(r, "thread"), resolved, r.PostForm.Get("author")); err != nil {
		h.fail(w, r, err)
		return
	}
	h.commentThreads(w, r, s)
}

func (h *Handler) commentThreads(w http.ResponseWriter, r *http.Request, s *editorSession) {
	v, err := h.commentsView(r, s, "")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	h.render(w, r, http.StatusOK, "", pages.CommentThreads(v))
}

// postCommentSettings turns commenting from the view link on or off; only
// the edit link has this route.
func (h *Handler) postCommentSettings(w http.ResponseWriter, r *http.Request, s *editorSession) {
	if err := readForm(r); err != nil {
		h.fail(w, r, err)
		return
	}
	st := design.CommentSettings{FromViewLink: strings.EqualFold(r.PostForm.Get("fromViewLink"), "on")}
	if err := h.store.SetCommentSettings(r.Context(), s.design.ID, s.key, st); err != nil {
		h.fail(w, r, err)
		return
	}
	h.commentsPanel(w, r, s)
}

// withComments gives the editor or viewer page its count of open threads
// and where the comments panel's script and style are.
func (h *Handler) withComments(r *http.Request, s *editorSession, v *pages.EditorView) error {
	cs, err := h.store.Comments(r.Context(), s.design.ID)
	if err != nil {
		return err
	}
	resolved := map[string]bool{}
	for _, c := range cs {
		if c.ID == c.Thread {
			resolved[c.ID] = c.Resolved != nil
		}
	}
	for _, r := range resolved {
		if !r {
			v.Comments++
		}
	}
	v.CommentsJS, v.CommentsCSS = h.assets.URL("js/comments.js"), h.assets.URL("css/comments.css")
	return nil
}
