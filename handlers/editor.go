package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/exports"
	"github.com/archlab/archlab/web/components"
	"github.com/archlab/archlab/web/layout"
	"github.com/archlab/archlab/web/pages"
)

// editorSession is the design an editor request is about and how to reach
// it again.
type editorSession struct {
	design   *design.Design
	key      string // the edit key; empty at a view link
	base     string // /d/{key} or /v/{id}
	readOnly bool
	past     bool    // an old version: no review part
	side     *beside // what it shows beside the design, once read (beside.go)
}

// editorFromKey opens the design of the edit link in the URL.
func (h *Handler) editorFromKey(r *http.Request) (*editorSession, error) {
	key := chi.URLParam(r, "editKey")
	if !design.ValidEditKey(key) {
		return nil, design.Errorf(design.EFORBIDDEN, "This edit link is not valid. Check that it was copied whole.")
	}
	d, err := h.opening.load(r.Context(), "d"+key, func(ctx context.Context) (*design.Design, error) { return h.store.DesignByEditKey(ctx, key) })
	if err != nil {
		return nil, err
	}
	return &editorSession{design: d, key: key, base: "/d/" + key}, nil
}

// viewerFromID opens the design of the view link in the URL.
func (h *Handler) viewerFromID(r *http.Request) (*editorSession, error) {
	d, err := h.designFromURL(r)
	if err != nil {
		return nil, err
	}
	return &editorSession{design: d, base: "/v/" + d.ID, readOnly: true}, nil
}

// sessionHandler serves a request about a design opened through one of
// its links.
type sessionHandler func(w http.ResponseWriter, r *http.Request, s *editorSession)

// byEditLink and byViewLink serve f with the design the request's edit or
// view link opens; a link that opens nothing gets the error page. One
// handler so serves both links.
func (h *Handler) byEditLink(f sessionHandler) http.HandlerFunc { return h.opened(h.editorFromKey, f) }
func (h *Handler) byViewLink(f sessionHandler) http.HandlerFunc { return h.opened(h.viewerFromID, f) }

func (h *Handler) opened(open func(*http.Request) (*editorSession, error), f sessionHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s, err := open(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		f(w, r, s)
	}
}

// editorView renders every part of the editor for a design. typed carries a
// refused inspector form's values, status the save state to show.
func (h *Handler) editorView(r *http.Request, s *editorSession, selected string, status components.StatusView, typed *components.Typed, oob bool) pages.EditorView {
	d := s.design
	fs, _ := h.review(d)
	if d.Block(selected) == nil && d.Connection(selected) == nil && d.Group(selected) == nil {
		selected = ""
	}
	status.Version, status.OOB = d.Version, oob
	if status.State == "" {
		status.State = "saved"
	}
	inspector := components.NewInspector(d, h.cat, fs, selected, s.base+"/props", s.readOnly, typed)
	inspector.OOB = oob
	regions, err := h.regions(d, s.readOnly, oob)
	if err != nil {
		// The page fails to render, as it would have rendering them here.
		fail := templ.ComponentFunc(func(context.Context, io.Writer) error { return err })
		regions = pages.Regions{Diagram: fail, Legend: fail, Findings: fail, Outline: fail}
	}
	v := pages.EditorView{
		Design:    d,
		Regions:   regions,
		Icons:     h.kept().icons,
		Inspector: inspector,
		Status:    status,
		ViewURL:   h.viewURL(r, d.ID),
		Base:      s.base,
		ReadOnly:  s.readOnly,
	}
	if !s.past {
		v.Review = h.reviewView(r, s, oob)
	}
	for _, f := range exports.Formats {
		v.Downloads = append(v.Downloads, pages.Link{Label: f.Label, URL: "/v/" + d.ID + "/export/" + f.Name})
	}
	v.Lab = h.labPanel(r, s, oob)
	if !s.readOnly {
		v.Palette = h.kept().palette
		v.EditURL = h.editURL(r, s.key)
		v.EmbedCode = fmt.Sprintf(`<iframe src="%s?embed=1" title="%s" width="100%%" height="520" loading="lazy"></iframe>`,
			v.ViewURL, html.EscapeString(d.Title))
	}
	return v
}

// editorHead is the layout head of the editor: the whole window, the
// editor's script, and the labs' styles on a design started from a lab.
func (h *Handler) editorHead(title string, lab bool) layout.Head {
	head := h.head(title)
	if lab {
		head.CSS = append(head.CSS, h.assets.URL("css/labs.css"))
	}
	head.Wide = true
	head.Skips = []layout.Skip{{Label: "Skip to diagram", Target: "stage"}, {Label: "Skip to findings", Target: "findings"}}
	head.JS = append(head.JS, h.assets.URL("vendor/htmx.org/htmx.min.js"), h.assets.URL("js/editor.js"), h.assets.URL("js/groups.js"))
	return head
}

// showEditor opens a design at its edit link.
func (h *Handler) showEditor(w http.ResponseWriter, r *http.Request, s *editorSession) {
	// The page holds the edit key: never cache it anywhere.
	w.Header().Set("Cache-Control", "no-store")
	v := h.editorView(r, s, r.URL.Query().Get("select"), components.StatusView{}, nil, false)
	v.Notice = notice(r)
	if err := h.withComments(r, s, &v); err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderHead(w, r, http.StatusOK, h.editorHead(s.design.Title, v.Lab != nil), pages.EditorPage(v))
}

// notice says what just happened to a design opened after a redirect.
func notice(r *http.Request) string {
	switch r.URL.Query().Get("notice") {
	case "rotated":
		return "This is the new edit link. The old one no longer opens the design: share this one with the people who should edit."
	case "space":
		return "This design is now listed in the space. Everyone with the space's link sees it there, with its view link."
	case "forked":
		return "This is your copy, with its own view and edit links. Bookmark the edit link: it is the only way back in."
	case "restored":
		if n, err := strconv.Atoi(r.URL.Query().Get("from")); err == nil && n > 0 {
			return fmt.Sprintf("Version %d is restored as a new version; the history keeps everything before it.", n)
		}
		return "The version is restored as a new version; the history keeps everything before it."
	}
	return ""
}

// showViewer shows a design read-only at its view link, or with embed=1
// as an embed for another site's page.
func (h *Handler) showViewer(w http.ResponseWriter, r *http.Request, s *editorSession) {
	if r.URL.Query().Get("embed") == "1" {
		h.showEmbed(w, r, s)
		return
	}
	v := h.editorView(r, s, r.URL.Query().Get("select"), components.StatusView{}, nil, false)
	if err := h.withComments(r, s, &v); err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderHead(w, r, http.StatusOK, h.editorHead(s.design.Title, v.Lab != nil), pages.EditorPage(v))
}

// editRequest is the body the editor script sends for an edit.
type editRequest struct {
	BaseVersion int             `json:"baseVersion"`
	Ops         json.RawMessage `json:"ops"`
	Selected    string          `json:"selected"`
	// Batch is the script's id for the edit, kept when it sends the edit
	// again after the server was away, so that it applies once.
	Batch string `json:"batch"`
}

// editorOps applies operations from the editor (drags, connects, keys,
// fixes, undo) and answers with every region re-rendered.
func (h *Handler) editorOps(w http.ResponseWriter, r *http.Request, s *editorSession) {
	body, err := readBody(r)
	if err != nil {
		h.editorRefused(w, r, s, "", err, nil)
		return
	}
	var req editRequest
	if err := design.DecodeJSON(body, &req); err != nil {
		h.editorRefused(w, r, s, "", err, nil)
		return
	}
	if err := design.CheckBatchID("batch", req.Batch); err != nil {
		h.editorRefused(w, r, s, req.Selected, err, nil)
		return
	}
	ops, err := design.DecodeOps(req.Ops, h.cat)
	if err != nil {
		h.editorRefused(w, r, s, req.Selected, err, nil)
		return
	}
	if err := h.stampAcceptances(r, ops, func() (*design.Design, error) { return s.design, nil }); err != nil {
		h.editorRefused(w, r, s, req.Selected, err, nil)
		return
	}
	// Whoever accepts a finding names themselves: that name is the edit's,
	// and the browser keeps it for the edits that follow.
	b := design.Batch{ID: req.Batch, BaseVersion: req.BaseVersion, Ops: ops}
	if by := acceptedBy(ops); by != "" {
		b.By = h.author(r, by)
		rememberName(w, by)
	}
	h.applyFromEditor(w, r, s, b, req.Selected, nil)
}

// applyFromEditor applies a batch and renders the editor's regions, or
// explains why the batch was refused.
func (h *Handler) applyFromEditor(w http.ResponseWriter, r *http.Request, s *editorSession, b design.Batch, selected string, typed *components.Typed) {
	ops := b.Ops
	if b.By.Name == "" {
		b.By = h.editorAuthor(r)
	}
	applied, err := h.store.ApplyOps(r.Context(), s.design.ID, s.key, b)
	if err != nil {
		h.editorRefused(w, r, s, selected, err, typed)
		return
	}
	before := s.design
	s.design = applied.Design
	status := components.StatusView{Ops: applied.Revision.Ops, Inverse: applied.Revision.Inverse}
	// The editor shows the base version's regions: when the batch applied
	// right on it, the answer leaves out those the edit left as they were
	// (a property that changes no finding changes neither the findings nor
	// the outline, nor often the diagram). The base version's are rendered
	// first, so that the new version's keep the same pieces (regions.go).
	var was *pages.Regions
	if b.BaseVersion == before.Version && s.design.Version == before.Version+1 {
		if r, err := h.regions(before, s.readOnly, true); err == nil {
			was = &r
		}
	}
	v := h.editorView(r, s, selected, status, nil, true)
	v.Same = sameRegions(was, v.Regions)
	fs, _ := h.review(s.design)
	// Dragging blocks around changes no finding (a fix places the block it
	// adds relative to another, not where it stands). When the findings are
	// the same (both versions' reviews are kept, regions.go), the answer
	// leaves out the findings panel and outline: on a 500-block design they
	// are two thirds of it, and a drag then takes a third less time.
	if onlyMoves(ops) {
		was, _ := h.review(before)
		if reflect.DeepEqual(fs, was) {
			v.Same.Findings, v.Same.Outline = true, true
		}
		// The editor shows the base version's diagram: when the batch
		// applied right on it, the answer is what changed in it.
		if b.BaseVersion == before.Version && s.design.Version == before.Version+1 && !s.readOnly {
			v.Patch = h.patchOf(before, s.design)
		}
	}
	h.render(w, r, http.StatusOK, "", pages.EditRegions(v))
}

// onlyMoves reports whether a batch only moves blocks.
func onlyMoves(ops design.Ops) bool {
	for _, op := range ops {
		if op.Op != design.OpMoveBlock {
			return false
		}
	}
	return len(ops) > 0
}

// editorRefused answers a refused edit. A conflict reloads every region
// with the fresh design and says what happened; the inspector keeps what
// the user typed. Other refusals only update the status line (and the
// inspector when the form was at fault), so nothing on screen is lost.
func (h *Handler) editorRefused(w http.ResponseWriter, r *http.Request, s *editorSession, selected string, err error, typed *components.Typed) {
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		h.fail(w, r, err)
		return
	}
	var de *design.Error
	msg := design.ErrorMessage(err)
	if status == http.StatusRequestEntityTooLarge {
		msg = "That change is too large to save."
	}
	if status == http.StatusServiceUnavailable {
		// The editor keeps the change and sends it again (editor.js).
		h.log.Warn("database unavailable", "request_id", middleware.GetReqID(r.Context()), "route", routePattern(r), "err", err)
		markRetry(w, status)
		st := components.StatusView{State: "reconnecting", Message: "Reconnecting… archlab cannot reach its database; your change is kept and will be saved when it is back.", Version: s.design.Version, OOB: true}
		h.render(w, r, status, "", components.Status(st))
		return
	}
	if ok := asDomainError(err, &de); ok && de.Code == design.ECONFLICT && de.Current != nil {
		s.design = de.Current
		v := h.editorView(r, s, selected, components.StatusView{State: "conflict",
			Message: "Not saved: " + de.Message + ". The latest version is now shown; your input is kept."}, typed, true)
		h.render(w, r, http.StatusConflict, "", pages.EditRegions(v))
		return
	}
	if typed != nil && de != nil && de.Code == design.EINVALID {
		// A form saves one operation: its refusal names a field of the
		// form, shown beside it with what was typed, and named in the
		// status line as its label reads.
		msg = strings.TrimPrefix(msg, "ops[0].")
		if key, label := h.formField(s.design, selected, de.Field); key != "" {
			if typed.Errors[key] == "" {
				typed.Errors[key] = de.Message
			}
			msg = label + ": " + de.Message
		}
	}
	st := components.StatusView{State: "error", Message: "Not saved: " + msg, Version: s.design.Version, OOB: true}
	if typed != nil {
		v := h.editorView(r, s, selected, st, typed, true)
		h.render(w, r, status, "", pages.EditRegions(v))
		return
	}
	h.render(w, r, status, "", components.Status(st))
}

func asDomainError(err error, target **design.Error) bool {
	de, ok := err.(*design.Error)
	if ok {
		*target = de
	}
	return ok
}

// inspect renders the inspector for a selection, read-only at a view link.
func (h *Handler) inspect(w http.ResponseWriter, r *http.Request, s *editorSession) {
	d := s.design
	readOnly := s.readOnly
	// An old version's page inspects its blocks as they were then.
	if at := r.URL.Query().Get("version"); at != "" {
		n, err := versionParam(at, "version")
		if err == nil {
			d, err = design.VersionAt(r.Context(), h.store, s.design, n, h.cat)
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		readOnly = true
	}
	fs := h.rules.Check(d)
	v := components.NewInspector(d, h.cat, fs, r.URL.Query().Get("id"), s.base+"/props", readOnly, nil)
	h.render(w, r, http.StatusOK, "", components.Inspector(v))
}

// state re-renders every region, for a client that fell behind or heard of
// another person's edit.
// An editor that says which version it shows (from) gets only the regions
// that differ from that version's: after a change of title, or of a
// property that changes no finding, a few hundred bytes rather than the
// whole design's.
// Every editor that shows the same version asks the same question: the
// answer is rendered once and its bytes sent to each (beside.go).
func (h *Handler) state(w http.ResponseWriter, r *http.Request, s *editorSession) {
	a, err := h.stateAnswer(r, s, func() pages.EditorView {
		v := h.editorView(r, s, r.URL.Query().Get("select"), components.StatusView{}, nil, true)
		if from, err := strconv.Atoi(r.URL.Query().Get("from")); err == nil && from > 0 && from <= s.design.Version {
			was := h.rendered(s.design.ID, from, s.readOnly, true)
			v.Same = sameRegions(was, v.Regions)
			// A diagram that changed in place (a drag, a property it shows)
			// goes as what changed in it, the legend being the same.
			if !v.Same.Diagram && was != nil && was.Legend == v.Regions.Legend && !s.readOnly {
				v.Patch = h.patchFrom(s.design, from)
			}
		}
		return v
	})
	if err != nil {
		h.log.Error("render failed", "route", routePattern(r), "err", err)
		http.Error(w, "The page could not be rendered.", http.StatusInternalServerError)
		return
	}
	a.write(w, http.StatusOK)
}

// editorLayout is Tidy up: it arranges the whole design, blocks placed by
// hand included, as one undoable edit.
func (h *Handler) editorLayout(w http.ResponseWriter, r *http.Request, s *editorSession) {
	batch := r.URL.Query().Get("batch")
	if err := design.CheckBatchID("batch", batch); err != nil {
		h.editorRefused(w, r, s, "", err, nil)
		return
	}
	ops := design.Layout(s.design, true)
	if len(ops) == 0 {
		h.render(w, r, http.StatusOK, "", components.Status(components.StatusView{State: "saved", Version: s.design.Version, OOB: true}))
		return
	}
	h.applyFromEditor(w, r, s, design.Batch{ID: batch, BaseVersion: s.design.Version, Ops: ops}, r.URL.Query().Get("select"), nil)
}

// editorConnect renders the connect dialog: the blocks the source may
// connect to, with the integrations allowed, and why the others may not.
func (h *Handler) editorConnect(w http.ResponseWriter, r *http.Request, s *editorSession) {
	d := s.design
	from := d.Block(r.URL.Query().Get("from"))
	if from == nil {
		h.fail(w, r, design.Invalid("from", "names no block of this design"))
		return
	}
	v := pages.ConnectView{From: from.ID, FromLabel: from.Label(), To: r.URL.Query().Get("to")}
	var allowed, refused []pages.ConnectTarget
	for i := range d.Blocks {
		to := &d.Blocks[i]
		if to.ID == from.ID {
			continue
		}
		what := components.KindName(to, h.cat)
		if to.External != nil && to.Kind != design.KindExternal {
			what += ", outside this design"
		}
		t := pages.ConnectTarget{ID: to.ID, Label: to.Label() + " (" + what + ")"}
		type choice struct {
			ID      string       `json:"id"`
			Name    string       `json:"name"`
			Model   design.Model `json:"model"`
			Summary string       `json:"summary"`
		}
		var choices []choice
		var guard string
		for _, in := range h.cat.Integrations(from.Kind, to.Kind) {
			probe := design.Connection{From: from.ID, To: to.ID, Integration: in.ID}
			if g := h.cat.BrokenGuard(from, to, &probe); g != nil {
				guard = g.Message
				continue
			}
			choices = append(choices, choice{in.ID, in.Name, in.Model, in.Summary})
		}
		switch {
		case len(choices) > 0:
			b, _ := json.Marshal(choices)
			t.IntegrationsJSON = string(b)
			allowed = append(allowed, t)
		case guard != "":
			t.Refusal, t.IntegrationsJSON = guard, "[]"
			refused = append(refused, t)
		default:
			t.Refusal, t.IntegrationsJSON = h.cat.WhyNot(from.Kind, to.Kind), "[]"
			refused = append(refused, t)
		}
	}
	v.Targets = append(allowed, refused...)
	if v.To != "" && !slices.ContainsFunc(v.Targets, func(t pages.ConnectTarget) bool { return t.ID == v.To }) {
		v.To = ""
	}
	h.render(w, r, http.StatusOK, "", pages.ConnectDialog(v))
}
