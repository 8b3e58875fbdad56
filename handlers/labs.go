package handlers

import (
	"net/http"
	"slices"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/web/components"
	"github.com/archlab/archlab/web/pages"
)

// labPath is where a lab's brief is kept among the rendered bodies.
func labPath(slug string) string { return "/labs/" + slug }

// labFromURL returns the lab the URL names.
func (h *Handler) labFromURL(r *http.Request) (*content.Lab, error) {
	l := h.kb.lib.Lab(chi.URLParam(r, "slug"))
	if l == nil {
		return nil, design.Errorf(design.ENOTFOUND, "There is no such lab.")
	}
	return l, nil
}

// showLabs lists the labs.
func (h *Handler) showLabs(w http.ResponseWriter, r *http.Request) {
	v := pages.LabsView{Labs: h.kb.lib.Labs}
	if key := h.rememberedMember(r); key != "" {
		v.MemberURL = "/m/" + key
	}
	h.renderLab(w, r, http.StatusOK, "Labs", pages.LabsPage(v))
}

// showLab shows a lab's brief, goals and starting design.
func (h *Handler) showLab(w http.ResponseWriter, r *http.Request) {
	l, err := h.labFromURL(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	brief, err := h.kb.body(labPath(l.Slug))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	start := components.NewDiagram(l.StartDesign, h.cat, h.rules.Check(l.StartDesign), "", true)
	start.Shared = true
	h.renderLab(w, r, http.StatusOK, l.Title, pages.LabPage(pages.LabView{Lab: l, Brief: brief, Start: start}))
}

// startLab creates the trainee's own design from the lab's start and
// opens it. In a browser that joined a cohort with this lab, it is the
// member's lab, which their progress shows and their link reopens.
func (h *Handler) startLab(w http.ResponseWriter, r *http.Request) {
	l, err := h.labFromURL(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if key := h.rememberedMember(r); key != "" {
		if s, err := h.openMember(r, key); err == nil && slices.Contains(s.cohort.Labs, l.Slug) {
			h.startAsMember(w, r, s, l)
			return
		}
	}
	c, err := h.createLabDesign(r, l, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/d/"+c.EditKey, http.StatusSeeOther)
}

// createLabDesign stores a fresh copy of a lab's start as a new design and
// records the lab it came from, for a cohort member when m is set.
func (h *Handler) createLabDesign(r *http.Request, l *content.Lab, m *memberSession) (*design.Created, error) {
	// Decode a fresh copy: the lab's own design is shared by every request.
	d, err := design.Decode(l.StartDocument, h.cat)
	if err != nil {
		return nil, err
	}
	d.Title = l.Title
	c, err := h.store.CreateDesign(r.Context(), d)
	if err != nil {
		return nil, err
	}
	start := design.LabStart{DesignID: c.Design.ID, Lab: l.Slug}
	if m != nil {
		start.MemberID, start.SealedKey = m.member.ID, design.SealKey(m.key, c.EditKey)
	}
	if err := h.store.StartLab(r.Context(), start); err != nil {
		return nil, err
	}
	return c, nil
}

// labPanel returns the lab beside a design in the editor, or nil for a
// design started from no lab. A design that meets every goal for the
// first time is recorded as completed.
func (h *Handler) labPanel(r *http.Request, s *editorSession, oob bool) *pages.LabPanel {
	side := h.besideOf(r, s)
	p, err := side.lab, side.labErr
	if err != nil {
		if design.ErrorCode(err) != design.ENOTFOUND {
			// The design still opens; only its lab panel is missing.
			h.log.Warn("lab progress unavailable", "design", s.design.ID, "err", err)
		}
		return nil
	}
	l := h.kb.lib.Lab(p.Lab)
	if l == nil {
		return nil // a lab removed from the content since
	}
	brief, err := h.kb.body(labPath(l.Slug))
	if err != nil {
		h.log.Error("lab brief failed", "lab", l.Slug, "err", err)
		return nil
	}
	panel := &pages.LabPanel{Lab: l, Brief: brief, Base: s.base, ReadOnly: s.readOnly, OOB: oob}
	h.fillProgress(panel, s.design, p)
	if panel.AllMet() && p.CompletedAt == nil && !s.readOnly {
		if err := h.store.CompleteLab(r.Context(), s.design.ID, time.Now()); err != nil {
			h.log.Warn("lab completion not recorded", "design", s.design.ID, "err", err)
		}
	}
	return panel
}

// fillProgress grades the design and says which hints are shown and
// whether the reference may be compared with.
func (h *Handler) fillProgress(panel *pages.LabPanel, d *design.Design, p *design.LabProgress) {
	l := panel.Lab
	panel.Goals = h.grade(d, l)
	panel.Met = 0
	for _, g := range panel.Goals {
		if g.Met {
			panel.Met++
		}
	}
	panel.Hints = l.Hints[:min(p.Hints, len(l.Hints))]
	panel.CanCompare = canCompare(l, panel.Goals, p.Hints)
}

// canCompare: the reference opens once every goal is met, or after the
// lab's stated number of hints.
func canCompare(l *content.Lab, goals []rules.GoalResult, hints int) bool {
	return rules.AllMet(goals) || l.CompareAfter > 0 && hints >= l.CompareAfter
}

// labOfDesign returns the lab progress of the session's design and the
// lab it was started from.
func (h *Handler) labOfDesign(r *http.Request, s *editorSession) (*design.LabProgress, *content.Lab, error) {
	side := h.besideOf(r, s)
	if side.labErr != nil {
		return nil, nil, side.labErr
	}
	l := h.kb.lib.Lab(side.lab.Lab)
	if l == nil {
		return nil, nil, design.Errorf(design.ENOTFOUND, "This design's lab no longer exists.")
	}
	return side.lab, l, nil
}

// labHint shows one more hint, counted, and answers the progress region.
func (h *Handler) labHint(w http.ResponseWriter, r *http.Request, s *editorSession) {
	_, l, err := h.labOfDesign(r, s)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.store.UseHint(r.Context(), s.design.ID, len(l.Hints))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	panel := &pages.LabPanel{Lab: l, Base: s.base}
	h.fillProgress(panel, s.design, p)
	h.render(w, r, http.StatusOK, "", pages.LabProgress(panel))
}

// labCompare puts the design beside the lab's reference, once the lab
// allows it.
func (h *Handler) labCompare(w http.ResponseWriter, r *http.Request, s *editorSession) {
	p, l, err := h.labOfDesign(r, s)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	goals := h.grade(s.design, l)
	if !canCompare(l, goals, p.Hints) {
		h.fail(w, r, design.Errorf(design.EFORBIDDEN, "The reference opens once every goal is met, or after %d hints.", l.CompareAfter))
		return
	}
	open, _ := h.review(s.design)
	mine := components.NewDiagram(s.design, h.cat, open, "", true)
	mine.Shared = true
	ref := components.NewDiagram(l.ReferenceDesign, h.cat, h.rules.Check(l.ReferenceDesign), "", true)
	ref.Shared = true
	if s.key != "" {
		w.Header().Set("Cache-Control", "no-store")
	}
	h.renderLab(w, r, http.StatusOK, "Compare: "+l.Title, pages.LabComparePage(pages.LabCompareView{Lab: l, Base: s.base, Mine: mine, Reference: ref, Goals: goals}))
}

// grade checks a lab's goals on a design, with the review kept for its
// version (regions.go).
func (h *Handler) grade(d *design.Design, l *content.Lab) []rules.GoalResult {
	return h.rules.GradeReviewed(d, l.Goals, func() ([]rules.Finding, []rules.Finding) { return h.review(d) })
}
