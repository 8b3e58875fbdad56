package pages

import (
	"github.com/archlab/archlab/capacity"
	"strconv"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/web/components"
)

// HistoryView lists a design's revisions with what each changed.
type HistoryView struct {
	Design  *design.Design
	Entries []HistoryEntry
	// Base is /d/{editKey} at the edit link, /v/{id} at the view link.
	Base string
	// ViewBase is /v/{id}: versions and comparisons are read-only pages.
	ViewBase   string
	CanRestore bool
	// Older is the version to list below for the next page; 0 at the end.
	Older int
}

// HistoryEntry is one revision.
type HistoryEntry struct {
	Version int
	When    time.Time
	Summary []string
	Current bool
}

// CompareView shows what changed between two versions, findings included.
type CompareView struct {
	Design     *design.Design
	From, To   int
	Latest     int
	Diff       design.Diff
	Catalogue  *design.Catalogue
	Introduced []rules.Finding
	Resolved   []rules.Finding
	ViewBase   string
	// Capacity is how cost and capacity differ, when either version
	// states traffic.
	Capacity *capacity.Delta
}

// EmbedView is a design drawn for a page elsewhere: the diagram and its
// findings, without the application around them.
type EmbedView struct {
	Design   *design.Design
	Diagram  components.DiagramView
	Findings components.FindingsView
	ViewURL  string
}

// ago says how long ago t was, roughly, for history lists.
func ago(t time.Time) string {
	d := time.Since(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	case d < 30*24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	}
	return t.UTC().Format("2 Jan 2006")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func changeWord(c string) string {
	switch c {
	case design.Added:
		return "Added"
	case design.Removed:
		return "Removed"
	}
	return "Changed"
}

// acceptedChange says how an accepted finding changed, with the reason it
// is accepted for.
func acceptedChange(a design.AcceptedChange) string {
	if a.Change != design.Removed && a.Entry.Reason != "" {
		return a.String() + ": " + a.Entry.Reason
	}
	return a.String()
}
