package handlers

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/design"
)

// commentRequest is the body of POST /api/v1/designs/{id}/comments.
type commentRequest struct {
	Author  string          `json:"author"`
	Text    string          `json:"text"`
	Thread  string          `json:"thread"`
	Subject *subjectRequest `json:"subject"`
}

// subjectRequest names what a new thread is about: one of its fields.
type subjectRequest struct {
	Block      string          `json:"block"`
	Connection string          `json:"connection"`
	Group      string          `json:"group"`
	Finding    *findingSubject `json:"finding"`
}

type findingSubject struct {
	Rule     string   `json:"rule"`
	Subjects []string `json:"subjects"`
}

// subject turns the request's subject into the domain's; none is the
// design as a whole.
func (s *subjectRequest) subject() (design.Subject, error) {
	if s == nil {
		return design.Subject{Kind: design.SubjectDesign}, nil
	}
	var out []design.Subject
	if s.Block != "" {
		out = append(out, design.Subject{Kind: design.SubjectBlock, ID: s.Block})
	}
	if s.Connection != "" {
		out = append(out, design.Subject{Kind: design.SubjectConnection, ID: s.Connection})
	}
	if s.Group != "" {
		out = append(out, design.Subject{Kind: design.SubjectGroup, ID: s.Group})
	}
	if s.Finding != nil {
		out = append(out, design.Subject{Kind: design.SubjectFinding, Rule: s.Finding.Rule, Subjects: s.Finding.Subjects})
	}
	if len(out) != 1 {
		return design.Subject{}, design.Invalid("subject", "names one thing: {\"block\": id}, {\"connection\": id}, {\"group\": id} or {\"finding\": {\"rule\", \"subjects\"}}; leave it out for the design as a whole")
	}
	return out[0], nil
}

// commentsResponse is a design's comments, oldest first.
type commentsResponse struct {
	Comments []design.Comment `json:"comments"`
	// FromViewLink says whether the view link may comment.
	FromViewLink bool `json:"fromViewLink"`
}

// apiDesignAccess opens the design of the URL for the API: with an edit
// key (Authorization: Bearer) that must open it, or with the view id
// alone. editable says whether the key was given and opens it.
func (h *Handler) apiDesignAccess(r *http.Request) (*design.Design, bool, error) {
	d, err := h.designFromURL(r)
	if err != nil {
		return nil, false, err
	}
	key, ok := editKey(r)
	if !ok {
		return d, false, nil
	}
	byKey, err := h.store.DesignByEditKey(r.Context(), key)
	if design.ErrorCode(err) == design.EFORBIDDEN || (err == nil && byKey.ID != d.ID) {
		return nil, false, design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
	}
	if err != nil {
		return nil, false, err
	}
	return byKey, true, nil
}

// apiAddComment starts a thread, or replies in one.
func (h *Handler) apiAddComment(w http.ResponseWriter, r *http.Request) {
	d, editable, err := h.apiDesignAccess(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req commentRequest
	if err := decodeBody(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	in := commentInput{Author: req.Author, Text: req.Text, Thread: req.Thread}
	if req.Thread == "" {
		if in.Subject, err = req.Subject.subject(); err != nil {
			h.fail(w, r, err)
			return
		}
	} else if req.Subject != nil {
		h.fail(w, r, design.Invalid("subject", "is the thread's: leave it out of a reply"))
		return
	}
	c, err := h.addComment(r, d, editable, in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/designs/"+d.ID+"/comments#"+c.ID)
	writeJSON(w, http.StatusCreated, c)
}

// apiComments answers every comment of the design, oldest first.
func (h *Handler) apiComments(w http.ResponseWriter, r *http.Request) {
	d, _, err := h.apiDesignAccess(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cs, err := h.store.Comments(r.Context(), d.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	st, err := h.store.CommentSettings(r.Context(), d.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, commentsResponse{Comments: cs, FromViewLink: st.FromViewLink})
}

// resolveRequest is the body of POST .../comments/{thread}/resolve.
type resolveRequest struct {
	Resolved *bool  `json:"resolved"`
	Author   string `json:"author"`
}

// apiResolveThread resolves or reopens a thread; it answers the thread's
// first comment.
func (h *Handler) apiResolveThread(w http.ResponseWriter, r *http.Request) {
	d, editable, err := h.apiDesignAccess(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req resolveRequest
	if err := decodeBody(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	if req.Resolved == nil {
		h.fail(w, r, design.Invalid("resolved", "is required: true to resolve the thread, false to reopen it"))
		return
	}
	c, err := h.resolveThread(r, d.ID, editable, chi.URLParam(r, "thread"), *req.Resolved, req.Author)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// apiCommentSettings changes the design's comment settings, with the edit
// key only.
func (h *Handler) apiCommentSettings(w http.ResponseWriter, r *http.Request) {
	d, editable, err := h.apiDesignAccess(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !editable {
		w.Header().Set("WWW-Authenticate", `Bearer realm="archlab"`)
		writeError(w, r, http.StatusUnauthorized, "unauthorized", "Only the edit link changes who may comment: send the design's edit key as Authorization: Bearer <editKey>.", "")
		return
	}
	body, err := readBody(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req struct {
		FromViewLink *bool `json:"fromViewLink"`
	}
	if err := design.DecodeJSON(body, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	if req.FromViewLink == nil {
		h.fail(w, r, design.Invalid("fromViewLink", "is required: whether whoever holds the view link may comment"))
		return
	}
	key, _ := editKey(r)
	st := design.CommentSettings{FromViewLink: *req.FromViewLink}
	if err := h.store.SetCommentSettings(r.Context(), d.ID, key, st); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}
