package pages

import (
	"github.com/archlab/archlab/capacity"
	"strconv"
	"strings"
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
	// By is who made the revision, when known.
	By *design.Author
	// Comments say what was discussed while this was the current version:
	// "3 comments on OrderQueue".
	Comments []string
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
	// Between is what the review recorded between the two versions.
	Between Between
	// Capacity is how cost and capacity differ, when either version
	// states traffic.
	Capacity *capacity.Delta
}

// Between is what a design's review recorded from one version to another,
// beside the changes: review events now; the discussion (comments) is the
// other part a comparison lists, filled the same way.
type Between struct {
	// Reviews are the review events made on the versions compared and
	// those between, oldest first.
	Reviews []design.ReviewEvent
	// Comments are the comments made on the versions compared and those
	// between, oldest first; Discussed says what they were about.
	Comments  []design.Comment
	Discussed []string
}

// Empty reports whether nothing was recorded.
func (b Between) Empty() bool { return len(b.Reviews) == 0 && len(b.Comments) == 0 }

// EmbedView is a design drawn for a page elsewhere: the diagram and its
// findings, without the application around them.
type EmbedView struct {
	Design   *design.Design
	Diagram  components.DiagramView
	Findings components.FindingsView
	ViewURL  string
	// Comments is the comments panel (read-only unless the design lets
	// the view link comment), followed live.
	Comments CommentsView
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
	s := a.String()
	if a.Change == design.Removed {
		return s
	}
	if a.Entry.Reason != "" {
		s += ": " + a.Entry.Reason
	}
	if who := a.Entry.Who(); who != "" {
		s += " (" + who + ")"
	}
	return s
}

// excerpt is the start of a comment's text on one line, at most n
// characters, for a list that links to the whole.
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return text
}
