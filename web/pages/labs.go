package pages

import (
	"time"

	"github.com/a-h/templ"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/web/components"
)

// LabsView is the list of labs.
type LabsView struct {
	Labs []*content.Lab
	// MemberURL is the trainee's own page, when this browser joined a cohort.
	MemberURL string
}

// LabView is one lab's page.
type LabView struct {
	Lab   *content.Lab
	Brief templ.Component
	Start components.DiagramView
}

// LabPanel is the lab beside a design in the editor: the brief, and the
// progress region that each edit re-renders.
type LabPanel struct {
	Lab   *content.Lab
	Brief templ.Component
	// Base is the design's /d/{key} or /v/{id}.
	Base     string
	ReadOnly bool
	Goals    []rules.GoalResult
	Met      int
	// Hints are the hints shown so far.
	Hints      []content.Hint
	CanCompare bool
	// OOB marks the progress region of an edit's answer.
	OOB bool
}

// AllMet reports whether every goal is met.
func (p *LabPanel) AllMet() bool { return p.Met == len(p.Goals) }

// LabCompareView puts a trainee's design beside the lab's reference.
type LabCompareView struct {
	Lab             *content.Lab
	Base            string
	Mine, Reference components.DiagramView
	Goals           []rules.GoalResult
}

// CohortNewView is the form that creates a cohort.
type CohortNewView struct {
	Labs   []*content.Lab
	Error  string
	Title  string
	Chosen map[string]bool
}

// JoinView is a cohort's join page.
type JoinView struct {
	Title  string
	Action string
	Labs   []*content.Lab
	Error  string
	// Typed is the name sent with a refused form, shown again.
	Typed string
	// MemberURL is set when this browser already joined the cohort.
	MemberURL  string
	MemberName string
}

// MemberView is a trainee's own page in a cohort.
type MemberView struct {
	Name, Cohort string
	// URL is the page's own address, the link to keep.
	URL  string
	Labs []MemberLab
}

// MemberLab is one lab of a trainee's cohort, started or not.
type MemberLab struct {
	Lab *content.Lab
	// Action starts the lab, or (Started) opens the trainee's design.
	Action  string
	Started bool
	Met     int
	Done    bool
}

// InstructorView is a cohort's progress for its instructor.
type InstructorView struct {
	Title    string
	JoinURL  string
	Base     string // /i/{key}
	Labs     []*content.Lab
	Rows     []InstructorRow
	Struggle []GoalTally
	// Fresh is set on the page a cohort was just created at.
	Fresh bool
	Now   time.Time
}

// InstructorRow is one trainee's progress in one lab.
type InstructorRow struct {
	Trainee string
	Lab     *content.Lab
	ViewURL string
	Started bool
	Met     int
	Goals   int
	Hints   int
	Spent   time.Duration
	Done    bool
	// Findings counts the design's open findings now, by severity.
	Errors, Warnings int
}

// GoalTally counts, for one goal of one lab, the trainees who started the
// lab and have not met it.
type GoalTally struct {
	Lab     *content.Lab
	Goal    string
	Missing int
	Started int
}
