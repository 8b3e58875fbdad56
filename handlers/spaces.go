package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/pages"
)

// spaceFromKey opens the space of the key in the URL. A key that opens
// nothing is answered 404, like an unknown design.
func (h *Handler) spaceFromKey(r *http.Request, key string) (*design.Space, error) {
	if !design.ValidEditKey(key) {
		return nil, design.Errorf(design.ENOTFOUND, "This space link is not valid. Check that it was copied whole.")
	}
	sp, err := h.store.SpaceByKey(r.Context(), key)
	if design.ErrorCode(err) == design.EFORBIDDEN {
		return nil, design.Errorf(design.ENOTFOUND, "This space link does not open any space.")
	}
	return sp, err
}

// spaceKeyOf reads a space key from what a person pastes: the space link
// (https://archlab.example.com/s/{key}) or the key alone.
func spaceKeyOf(s string) string {
	s = strings.TrimSpace(s)
	if u, err := url.Parse(s); err == nil && strings.Contains(u.Path, "/s/") {
		s = u.Path[strings.LastIndex(u.Path, "/s/")+3:]
	}
	return strings.Trim(s, "/")
}

func (h *Handler) spaceURL(r *http.Request, key string) string { return h.baseURL(r) + "/s/" + key }

// spaceFilter reads a listing's filter from the query, refusing by name
// a service the catalogue lacks, a rule archlab does not have, a review
// state that does not exist, or a search too long.
func (h *Handler) spaceFilter(r *http.Request) (design.SpaceFilter, error) {
	q := r.URL.Query()
	f := design.SpaceFilter{Query: strings.TrimSpace(q.Get("q")), Service: q.Get("service"), Rule: q.Get("rule"), State: q.Get("state")}
	if err := design.CheckSpaceTitle(f.Query); err != nil {
		return f, design.Invalid("q", "%s", design.ErrorMessage(err))
	}
	if f.Service != "" && h.cat.Kind(f.Service) == nil {
		return f, design.Invalid("service", "%q is not a service archlab knows (see /api/v1/catalogue)", f.Service)
	}
	if _, ok := h.rules.Rule(f.Rule); f.Rule != "" && !ok {
		return f, design.Invalid("rule", "%q is not a rule archlab has (see /api/v1/rules)", f.Rule)
	}
	if f.State != "" && !slices.Contains(design.AllReviewStates, f.State) {
		return f, design.Invalid("state", "must be one of %s, not %q", strings.Join(design.AllReviewStates, ", "), f.State)
	}
	return f, nil
}

// placeInSpace puts a design into a space with its current summary.
func (h *Handler) placeInSpace(r *http.Request, spaceID string, d *design.Design) error {
	return h.store.PlaceDesign(r.Context(), spaceID, h.summaryOf(d))
}

// createSpaceFromForm makes a space and opens its page.
func (h *Handler) createSpaceFromForm(w http.ResponseWriter, r *http.Request) {
	c, err := h.store.CreateSpace(r.Context(), r.PostFormValue("title"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/s/"+c.Key, http.StatusSeeOther)
}

// renameSpace gives the space a new title from its page.
func (h *Handler) renameSpace(w http.ResponseWriter, r *http.Request) {
	key := chi.URLParam(r, "spaceKey")
	sp, err := h.spaceFromKey(r, key)
	if err == nil {
		err = h.store.RenameSpace(r.Context(), sp.ID, r.PostFormValue("title"))
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/s/"+key, http.StatusSeeOther)
}

// showSpace lists a space's designs, searched and filtered, with its
// webhooks.
func (h *Handler) showSpace(w http.ResponseWriter, r *http.Request) {
	key := chi.URLParam(r, "spaceKey")
	sp, err := h.spaceFromKey(r, key)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := pages.SpaceView{Space: sp, Base: "/s/" + key, URL: h.spaceURL(r, key), Hooks: h.hooks != nil, Templates: h.spaceTemplates()}
	if r.URL.Query().Get("notice") == "tested" {
		v.Notice = "A test delivery is on its way to every webhook of this space."
	}
	h.showSpaceList(w, r, v, http.StatusOK)
}

// showSpaceList renders a space's page with its listing; a bad filter is
// said on the page, answered 422.
func (h *Handler) showSpaceList(w http.ResponseWriter, r *http.Request, v pages.SpaceView, status int) {
	f, err := h.spaceFilter(r)
	v.Filter = pages.SpaceFilterView{SpaceFilter: f, Kinds: h.cat.Kinds(), Rules: h.rules.Rules(), States: design.AllReviewStates}
	if err != nil {
		status = statusOf(err)
		v.FilterError = design.ErrorMessage(err)
		v.Filter.SpaceFilter = design.SpaceFilter{}
	} else {
		items, err := h.store.SpaceDesigns(r.Context(), v.Space.ID, f)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v.Filtered = f != (design.SpaceFilter{})
		for _, it := range items {
			v.Rows = append(v.Rows, h.spaceRow(it))
		}
	}
	if v.Hooks && !v.ReadOnly {
		hooks, err := h.store.Hooks(r.Context(), v.Space.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v.HookList = hooks
	}
	w.Header().Set("Cache-Control", "no-store")
	head := h.head(v.Space.Title)
	head.CSS = append(head.CSS, h.assets.URL("css/spaces.css"))
	head.JS = append(head.JS, h.assets.URL("js/spaces.js"))
	h.renderHead(w, r, status, head, pages.SpacePage(v))
}

// spaceRow is a design as a space's page shows it.
func (h *Handler) spaceRow(it design.SpaceItem) pages.SpaceRow {
	row := pages.SpaceRow{Item: it, ViewURL: "/v/" + it.DesignID, Thumbnail: "/v/" + it.DesignID + "/export/svg"}
	for _, s := range it.Services {
		row.Services = append(row.Services, h.cat.KindName(s))
	}
	return row
}

// createDesignInSpace makes a design in the space, blank or from a
// template, and opens its editor.
func (h *Handler) createDesignInSpace(w http.ResponseWriter, r *http.Request) {
	sp, err := h.spaceFromKey(r, chi.URLParam(r, "spaceKey"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.spaceStart(r.PostFormValue("template"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if title := strings.TrimSpace(r.PostFormValue("title")); title != "" {
		d.Title = title
	}
	c, err := h.store.CreateDesign(r.Context(), d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.placeInSpace(r, sp.ID, c.Design); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/d/"+c.EditKey, http.StatusSeeOther)
}

// moveToSpace puts the design of an edit link into the space whose link
// the form gives.
func (h *Handler) moveToSpace(w http.ResponseWriter, r *http.Request, s *editorSession) {
	sp, err := h.spaceFromKey(r, spaceKeyOf(r.PostFormValue("space")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.placeInSpace(r, sp.ID, s.design); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, s.base+"?notice=space", http.StatusSeeOther)
}

// showDirectory lists every space, when the operator turned the
// directory on; otherwise there is no such page.
func (h *Handler) showDirectory(w http.ResponseWriter, r *http.Request) {
	if !h.opts.Directory {
		h.pageNotFound(w, r)
		return
	}
	spaces, err := h.store.Spaces(r.Context(), directorySize)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "Spaces", pages.DirectoryPage(spaces))
}

// directorySize bounds the directory's listing.
const directorySize = 500

// showDirectorySpace lists a space's designs read-only from the
// directory: view links, no new designs, no webhooks.
func (h *Handler) showDirectorySpace(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "spaceID")
	if !h.opts.Directory || !design.ValidViewID(id) {
		h.pageNotFound(w, r)
		return
	}
	sp, err := h.store.Space(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showSpaceList(w, r, pages.SpaceView{Space: sp, Base: "/spaces/" + id, ReadOnly: true}, http.StatusOK)
}

// spaceCreatedResponse answers the creation of a space.
type spaceCreatedResponse struct {
	ID  string `json:"id"`
	Key string `json:"key"`
	URL string `json:"url"`
}

// apiCreateSpace makes a space, named by an optional {"title"}.
func (h *Handler) apiCreateSpace(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req struct {
		Title string `json:"title"`
	}
	if len(strings.TrimSpace(string(body))) > 0 {
		if err := design.DecodeJSON(body, &req); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	c, err := h.store.CreateSpace(r.Context(), req.Title)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/spaces/"+c.Key+"/designs")
	writeJSON(w, http.StatusCreated, spaceCreatedResponse{ID: c.Space.ID, Key: c.Key, URL: h.spaceURL(r, c.Key)})
}

// spaceDesignJSON is a design as the API lists it in a space.
type spaceDesignJSON struct {
	design.SpaceItem
	ViewURL   string `json:"viewUrl"`
	Thumbnail string `json:"thumbnail"`
}

// apiSpaceDesigns lists a space's designs, filtered by q, service, rule
// and state.
func (h *Handler) apiSpaceDesigns(w http.ResponseWriter, r *http.Request) {
	sp, err := h.spaceFromKey(r, chi.URLParam(r, "spaceKey"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f, err := h.spaceFilter(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items, err := h.store.SpaceDesigns(r.Context(), sp.ID, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]spaceDesignJSON, len(items))
	for i, it := range items {
		out[i] = spaceDesignJSON{SpaceItem: it, ViewURL: h.viewURL(r, it.DesignID), Thumbnail: h.viewURL(r, it.DesignID) + "/export/svg"}
	}
	writeJSON(w, http.StatusOK, struct {
		Space   *design.Space     `json:"space"`
		Designs []spaceDesignJSON `json:"designs"`
	}{sp, out})
}

// apiMoveToSpace puts a design into a space: the design's edit key as the
// bearer token, the space's key in the body ({"space": key}).
func (h *Handler) apiMoveToSpace(w http.ResponseWriter, r *http.Request) {
	d, ok := h.apiDesignByEditKey(w, r)
	if !ok {
		return
	}
	body, err := readBody(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var req struct {
		Space string `json:"space"`
	}
	if err := design.DecodeJSON(body, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	if req.Space == "" {
		h.fail(w, r, design.Invalid("space", "is required: the key of the space (from its link /s/{key})"))
		return
	}
	sp, err := h.spaceFromKey(r, spaceKeyOf(req.Space))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.placeInSpace(r, sp.ID, d); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Space *design.Space `json:"space"`
	}{sp})
}

// apiLeaveSpace takes a design out of its space, with its edit key.
func (h *Handler) apiLeaveSpace(w http.ResponseWriter, r *http.Request) {
	d, ok := h.apiDesignByEditKey(w, r)
	if !ok {
		return
	}
	space, err := h.store.SpaceOf(r.Context(), d.ID)
	if err == nil && space == "" {
		err = design.Errorf(design.ENOTFOUND, "This design is in no space.")
	}
	if err == nil {
		err = h.store.RemoveDesign(r.Context(), space, d.ID)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiDesignByEditKey opens the design of the URL with the bearer edit
// key, answering the request itself when it cannot.
func (h *Handler) apiDesignByEditKey(w http.ResponseWriter, r *http.Request) (*design.Design, bool) {
	id, key, ok := h.apiDesignKey(w, r)
	if !ok {
		return nil, false
	}
	d, err := h.store.DesignByEditKey(r.Context(), key)
	if err == nil && d.ID != id {
		err = design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
	}
	if err != nil {
		if design.ErrorCode(err) == design.EFORBIDDEN {
			// Whether the design exists is no secret (its view link is not).
			if _, err2 := h.store.Design(r.Context(), id); design.ErrorCode(err2) == design.ENOTFOUND {
				err = err2
			}
		}
		h.fail(w, r, err)
		return nil, false
	}
	return d, true
}

// spaceStart is what a design made in a space starts as: blank, or a fresh
// copy of the template with the given slug.
func (h *Handler) spaceStart(slug string) (*design.Design, error) {
	if slug == "" {
		return &design.Design{}, nil
	}
	if h.kb == nil || h.kb.lib.Template(slug) == nil {
		return nil, design.Invalid("template", "%q is not a template archlab has (see /templates)", slug)
	}
	return design.Decode(h.kb.lib.Template(slug).Document, h.cat)
}

// spaceTemplates are the templates a design in a space may start from.
func (h *Handler) spaceTemplates() []pages.SpaceTemplate {
	if h.kb == nil {
		return nil
	}
	var out []pages.SpaceTemplate
	for _, t := range h.kb.lib.Templates {
		out = append(out, pages.SpaceTemplate{Slug: t.Slug, Title: t.Title})
	}
	return out
}
