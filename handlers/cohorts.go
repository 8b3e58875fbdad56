package handlers

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/web/pages"
)

// traineeCookie keeps a cohort member's personal key in the browser that
// joined, so that the labs page and the join link lead back to their labs.
const traineeCookie = "archlab_trainee"

// memberSession is a cohort member opened by their personal link.
type memberSession struct {
	member *design.Member
	key    string
	labs   []design.LabProgress
	cohort *design.Cohort
}

// rememberedMember returns the personal key this browser keeps, if any.
func (h *Handler) rememberedMember(r *http.Request) string {
	c, err := r.Cookie(traineeCookie)
	if err != nil || !design.ValidEditKey(c.Value) {
		return ""
	}
	return c.Value
}

func (h *Handler) rememberMember(w http.ResponseWriter, r *http.Request, key string) {
	http.SetCookie(w, &http.Cookie{Name: traineeCookie, Value: key, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: strings.HasPrefix(h.baseURL(r), "https://")})
}

// cohortKey reads a capability key from the URL; keys of the wrong shape
// open nothing, without touching the database.
func cohortKey(r *http.Request) (string, error) {
	key := chi.URLParam(r, "key")
	if !design.ValidEditKey(key) {
		return "", design.Errorf(design.EFORBIDDEN, "This link is not valid. Check that it was copied whole.")
	}
	return key, nil
}

// cohortByJoinLink opens the cohort whose join link the request is at.
func (h *Handler) cohortByJoinLink(r *http.Request) (string, *design.Cohort, error) {
	key, err := cohortKey(r)
	if err != nil {
		return "", nil, err
	}
	c, err := h.store.CohortByJoinKey(r.Context(), key)
	return key, c, err
}

func (h *Handler) knownLab(slug string) bool { return h.kb.lib.Lab(slug) != nil }

// cohortLabs returns the labs of a cohort that still exist, in its order.
func (h *Handler) cohortLabs(c *design.Cohort) []*content.Lab {
	var out []*content.Lab
	for _, s := range c.Labs {
		if l := h.kb.lib.Lab(s); l != nil {
			out = append(out, l)
		}
	}
	return out
}

func (h *Handler) joinURL(r *http.Request, key string) string { return h.baseURL(r) + "/c/" + key }
func (h *Handler) instructorURL(r *http.Request, key string) string {
	return h.baseURL(r) + "/i/" + key
}

// showNewCohort is the form that creates a cohort.
func (h *Handler) showNewCohort(w http.ResponseWriter, r *http.Request) {
	h.renderLab(w, r, http.StatusOK, "Create a cohort", pages.CohortNewPage(pages.CohortNewView{Labs: h.kb.lib.Labs, Chosen: map[string]bool{}}))
}

// createCohortFromForm creates a cohort and opens its instructor page.
func (h *Handler) createCohortFromForm(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, design.Errorf(design.EMALFORMED, "The form could not be read."))
		return
	}
	title, labs := r.PostForm.Get("title"), r.PostForm["labs"]
	if err := design.CheckCohort(title, labs, h.knownLab); err != nil {
		v := pages.CohortNewView{Labs: h.kb.lib.Labs, Error: design.ErrorMessage(err), Title: title, Chosen: map[string]bool{}}
		for _, l := range labs {
			v.Chosen[l] = true
		}
		h.renderLab(w, r, http.StatusUnprocessableEntity, "Create a cohort", pages.CohortNewPage(v))
		return
	}
	c, err := h.store.CreateCohort(r.Context(), title, labs)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/i/"+c.InstructorKey+"?created=1", http.StatusSeeOther)
}

// cohortRequest is the body of POST /api/v1/cohorts.
type cohortRequest struct {
	Title string   `json:"title"`
	Labs  []string `json:"labs"`
}

// apiCreateCohort creates a cohort and answers its two links.
func (h *Handler) apiCreateCohort(w http.ResponseWriter, r *http.Request) {
	var req cohortRequest
	if err := decodeBody(r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := design.CheckCohort(req.Title, req.Labs, h.knownLab); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.store.CreateCohort(r.Context(), req.Title, req.Labs)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"joinUrl": h.joinURL(r, c.JoinKey), "instructorUrl": h.instructorURL(r, c.InstructorKey)})
}

// showJoin is a cohort's join page.
func (h *Handler) showJoin(w http.ResponseWriter, r *http.Request) {
	key, c, err := h.cohortByJoinLink(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	v := pages.JoinView{Title: c.Title, Action: "/c/" + key, Labs: h.cohortLabs(c)}
	if mk := h.rememberedMember(r); mk != "" {
		if m, _, err := h.store.MemberByKey(r.Context(), mk); err == nil && m.CohortID == c.ID {
			v.MemberURL, v.MemberName = "/m/"+mk, m.Name
		}
	}
	h.renderLab(w, r, http.StatusOK, "Join "+c.Title, pages.JoinPage(v))
}

// join adds a trainee to a cohort, remembers them in this browser and
// opens their page.
func (h *Handler) join(w http.ResponseWriter, r *http.Request) {
	key, c, err := h.cohortByJoinLink(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, design.Errorf(design.EMALFORMED, "The form could not be read."))
		return
	}
	name := r.PostForm.Get("name")
	if err := design.CheckMemberName(name); err != nil {
		v := pages.JoinView{Title: c.Title, Action: "/c/" + key, Labs: h.cohortLabs(c), Typed: name, Error: "Your name " + strings.TrimPrefix(design.ErrorMessage(err), "name: ")}
		h.renderLab(w, r, http.StatusUnprocessableEntity, "Join "+c.Title, pages.JoinPage(v))
		return
	}
	m, err := h.store.JoinCohort(r.Context(), c.ID, name)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.rememberMember(w, r, m.Key)
	http.Redirect(w, r, "/m/"+m.Key, http.StatusSeeOther)
}

// memberFromKey opens the member the personal link names.
func (h *Handler) memberFromKey(r *http.Request) (*memberSession, error) {
	key, err := cohortKey(r)
	if err != nil {
		return nil, err
	}
	return h.openMember(r, key)
}

// openMember opens the member a personal key names, with their cohort.
func (h *Handler) openMember(r *http.Request, key string) (*memberSession, error) {
	m, labs, err := h.store.MemberByKey(r.Context(), key)
	if err != nil {
		return nil, err
	}
	c, err := h.store.Cohort(r.Context(), m.CohortID)
	if err != nil {
		return nil, err
	}
	return &memberSession{member: m, key: key, labs: labs, cohort: c}, nil
}

func (s *memberSession) progress(slug string) *design.LabProgress {
	for i := range s.labs {
		if s.labs[i].Lab == slug {
			return &s.labs[i]
		}
	}
	return nil
}

// showMember is a trainee's own page.
func (h *Handler) showMember(w http.ResponseWriter, r *http.Request) {
	s, err := h.memberFromKey(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	h.rememberMember(w, r, s.key)
	v := pages.MemberView{Name: s.member.Name, Cohort: s.cohort.Title, URL: h.baseURL(r) + "/m/" + s.key}
	for _, l := range h.cohortLabs(s.cohort) {
		ml := pages.MemberLab{Lab: l, Action: "/m/" + s.key + "/labs/" + l.Slug}
		if p := s.progress(l.Slug); p != nil {
			ml.Started, ml.Done = true, p.CompletedAt != nil
			if d, err := h.store.Design(r.Context(), p.DesignID); err == nil {
				goals := h.grade(d, l)
				ml.Met, ml.Done = countMet(goals), ml.Done || rules.AllMet(goals)
			}
		}
		v.Labs = append(v.Labs, ml)
	}
	h.renderLab(w, r, http.StatusOK, s.cohort.Title, pages.MemberPage(v))
}

func countMet(gs []rules.GoalResult) int {
	n := 0
	for _, g := range gs {
		if g.Met {
			n++
		}
	}
	return n
}

// memberLab finds a lab of the member's cohort in the URL.
func (h *Handler) memberLab(r *http.Request, s *memberSession) (*content.Lab, error) {
	slug := chi.URLParam(r, "slug")
	if !slices.Contains(s.cohort.Labs, slug) || h.kb.lib.Lab(slug) == nil {
		return nil, design.Errorf(design.ENOTFOUND, "This lab is not one of your cohort's.")
	}
	return h.kb.lib.Lab(slug), nil
}

// openMemberLab opens the member's design of a lab at its edit link.
func (h *Handler) openMemberLab(w http.ResponseWriter, r *http.Request) {
	s, err := h.memberFromKey(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l, err := h.memberLab(r, s)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := s.progress(l.Slug)
	if p == nil {
		h.fail(w, r, design.Errorf(design.ENOTFOUND, "You have not started this lab yet."))
		return
	}
	editKey, err := design.OpenKey(s.key, p.SealedKey)
	if err != nil {
		h.fail(w, r, fmt.Errorf("handlers: member %s lab %s: %w", s.member.ID, l.Slug, err))
		return
	}
	http.Redirect(w, r, "/d/"+editKey, http.StatusSeeOther)
}

// startMemberLab starts a lab of the cohort for the member, or opens the
// design they started before.
func (h *Handler) startMemberLab(w http.ResponseWriter, r *http.Request) {
	s, err := h.memberFromKey(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l, err := h.memberLab(r, s)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.startAsMember(w, r, s, l)
}

// startAsMember opens the member's design of a lab, started now if it was
// not before.
func (h *Handler) startAsMember(w http.ResponseWriter, r *http.Request, s *memberSession, l *content.Lab) {
	if s.progress(l.Slug) != nil {
		http.Redirect(w, r, "/m/"+s.key+"/labs/"+l.Slug, http.StatusSeeOther)
		return
	}
	c, err := h.createLabDesign(r, l, s)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/d/"+c.EditKey, http.StatusSeeOther)
}

// instructorView gathers a cohort's progress: every member in every lab,
// graded on their design as it is now.
func (h *Handler) instructorView(r *http.Request) (pages.InstructorView, error) {
	key, err := cohortKey(r)
	if err != nil {
		return pages.InstructorView{}, err
	}
	c, err := h.store.CohortByInstructorKey(r.Context(), key)
	if err != nil {
		return pages.InstructorView{}, err
	}
	members, progress, err := h.store.CohortProgress(r.Context(), c.ID)
	if err != nil {
		return pages.InstructorView{}, err
	}
	v := pages.InstructorView{Title: c.Title, Base: "/i/" + key, Labs: h.cohortLabs(c), Now: time.Now()}
	if join, err := design.OpenKey(key, c.SealedJoinKey); err == nil {
		v.JoinURL = h.joinURL(r, join)
	}
	byMember := map[string]map[string]*design.LabProgress{}
	for i := range progress {
		p := &progress[i]
		if byMember[p.MemberID] == nil {
			byMember[p.MemberID] = map[string]*design.LabProgress{}
		}
		byMember[p.MemberID][p.Lab] = p
	}
	tallies := map[[2]string]*pages.GoalTally{}
	for _, m := range members {
		for _, l := range v.Labs {
			row := pages.InstructorRow{Trainee: m.Name, Lab: l, Goals: len(l.Goals)}
			p := byMember[m.ID][l.Slug]
			if p != nil {
				d, err := h.store.Design(r.Context(), p.DesignID)
				if err != nil {
					return v, err
				}
				goals := h.grade(d, l)
				open, _ := h.review(d)
				counts := rules.Count(open)
				// Completed: recorded when the editor first showed every
				// goal met, or met now (a design fixed through the API).
				row.Started, row.Met, row.Hints = true, countMet(goals), p.Hints
				row.Done = p.CompletedAt != nil || rules.AllMet(goals)
				row.Errors, row.Warnings = counts[rules.Error], counts[rules.Warning]
				row.ViewURL = "/v/" + d.ID
				end := d.UpdatedAt
				if p.CompletedAt != nil {
					end = *p.CompletedAt
				}
				row.Spent = max(end.Sub(p.StartedAt), 0)
				for _, g := range goals {
					t := tallies[[2]string{l.Slug, g.ID}]
					if t == nil {
						t = &pages.GoalTally{Lab: l, Goal: g.Text}
						tallies[[2]string{l.Slug, g.ID}] = t
					}
					t.Started++
					if !g.Met {
						t.Missing++
					}
				}
			}
			v.Rows = append(v.Rows, row)
		}
	}
	for _, t := range tallies {
		if t.Missing > 0 {
			v.Struggle = append(v.Struggle, *t)
		}
	}
	slices.SortFunc(v.Struggle, func(a, b pages.GoalTally) int {
		return cmp.Or(cmp.Compare(b.Missing*b.Started, a.Missing*a.Started), cmp.Compare(a.Lab.Title, b.Lab.Title), strings.Compare(a.Goal, b.Goal))
	})
	if len(v.Struggle) > 8 {
		v.Struggle = v.Struggle[:8]
	}
	return v, nil
}

// showInstructor is a cohort's progress page.
func (h *Handler) showInstructor(w http.ResponseWriter, r *http.Request) {
	v, err := h.instructorView(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v.Fresh = r.URL.Query().Get("created") == "1"
	w.Header().Set("Cache-Control", "no-store")
	head := h.head(v.Title)
	head.CSS = append(head.CSS, h.assets.URL("css/labs.css"))
	head.JS = append(head.JS, h.assets.URL("vendor/htmx.org/htmx.min.js"))
	h.renderHead(w, r, http.StatusOK, head, pages.InstructorPage(v))
}

// instructorProgress is the progress table alone, which the page polls.
func (h *Handler) instructorProgress(w http.ResponseWriter, r *http.Request) {
	v, err := h.instructorView(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	h.render(w, r, http.StatusOK, "", pages.InstructorProgress(v))
}

// resultsCSV exports the cohort's progress, one row per trainee and lab.
func (h *Handler) resultsCSV(w http.ResponseWriter, r *http.Request) {
	v, err := h.instructorView(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="results.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	cw.Write([]string{"trainee", "lab", "started", "goals_met", "goals", "completed", "hints", "minutes", "errors", "warnings", "view_url"})
	for _, row := range v.Rows {
		rec := []string{csvCell(row.Trainee), row.Lab.Slug, strconv.FormatBool(row.Started), "", strconv.Itoa(row.Goals), strconv.FormatBool(row.Done), "", "", "", "", ""}
		if row.Started {
			rec[3], rec[6] = strconv.Itoa(row.Met), strconv.Itoa(row.Hints)
			rec[7] = strconv.Itoa(int(row.Spent.Minutes()))
			rec[8], rec[9] = strconv.Itoa(row.Errors), strconv.Itoa(row.Warnings)
			rec[10] = h.baseURL(r) + row.ViewURL
		}
		cw.Write(rec)
	}
	cw.Flush()
}

// csvCell keeps a trainee's name from being read as a formula by a
// spreadsheet that opens the export.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
