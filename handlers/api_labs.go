package handlers

import (
	"net/http"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// labJSON is a lab as GET /api/v1/labs lists it.
type labJSON struct {
	Slug  string     `json:"slug"`
	Title string     `json:"title"`
	Level int        `json:"level"`
	Goals []goalJSON `json:"goals"`
}

type goalJSON struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// labGoalsJSON is a design's goals, met or not.
type labGoalsJSON struct {
	Lab   string             `json:"lab"`
	Goals []rules.GoalResult `json:"goals"`
	// Hints and Completed are a lab design's; grading alone has neither.
	Hints     *int  `json:"hints,omitempty"`
	Completed *bool `json:"completed,omitempty"`
}

// apiLabs lists the labs and their goals.
func (h *Handler) apiLabs(w http.ResponseWriter, r *http.Request) {
	out := struct {
		Labs []labJSON `json:"labs"`
	}{Labs: []labJSON{}}
	for _, l := range h.kb.lib.Labs {
		lj := labJSON{Slug: l.Slug, Title: l.Title, Level: l.Level, Goals: []goalJSON{}}
		for _, g := range l.Goals {
			lj.Goals = append(lj.Goals, goalJSON{g.ID, g.Text})
		}
		out.Labs = append(out.Labs, lj)
	}
	writeJSONCached(w, http.StatusOK, out)
}

// apiLabDocument serves a lab's start or reference as an archlab/v1
// document.
func (h *Handler) apiLabDocument(reference bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		l, err := h.labFromURL(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		doc := l.StartDocument
		if reference {
			doc = l.RefDocument
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=300")
		w.Write(doc)
	}
}

// apiDesignLab answers a lab design's goals, checked on it as it is now.
func (h *Handler) apiDesignLab(w http.ResponseWriter, r *http.Request) {
	d, err := h.designFromURL(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.store.LabOf(r.Context(), d.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l := h.kb.lib.Lab(p.Lab)
	if l == nil {
		h.fail(w, r, design.Errorf(design.ENOTFOUND, "This design's lab no longer exists."))
		return
	}
	goals := h.grade(d, l)
	completed := p.CompletedAt != nil || rules.AllMet(goals)
	writeJSON(w, http.StatusOK, labGoalsJSON{Lab: l.Slug, Goals: goals, Hints: &p.Hints, Completed: &completed})
}

// apiGradeLab checks a document against a lab's goals, storing nothing.
func (h *Handler) apiGradeLab(w http.ResponseWriter, r *http.Request) {
	l, err := h.labFromURL(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.decodeDocument(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, labGoalsJSON{Lab: l.Slug, Goals: h.rules.Grade(d, l.Goals)})
}
