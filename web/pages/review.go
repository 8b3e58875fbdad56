package pages

import (
	"fmt"
	"strings"

	"github.com/archlab/archlab/design"
)

// ReviewView is the review part of a design's page: its state and, at an
// edit link, the form that changes it.
type ReviewView struct {
	Review design.Review
	// Version is the design's current version.
	Version int
	// Base is where the form posts (/d/{key}); ViewBase where the compare
	// page is (/v/{id}).
	Base, ViewBase string
	ReadOnly       bool
	// OOB marks the regions for swapping into place out of band.
	OOB bool
	// Unknown is set when the review could not be read.
	Unknown bool
	// Error is why the last change was refused, with what was typed.
	Error string
	Typed ReviewTyped
}

// ReviewTyped is what a refused review form held.
type ReviewTyped struct {
	By, Note, Reviewers string
}

// Shown reports whether the page has a review part: not on an old version.
func (v ReviewView) Shown() bool { return v.ViewBase != "" }

// badge is the state as the toolbar shows it.
func (v ReviewView) badge() string {
	switch {
	case v.Unknown:
		return "Review: unknown"
	case v.Review.Approved():
		return fmt.Sprintf("Approved v%d", v.Review.Version)
	}
	s := design.StateLabel(v.Review.State)
	return strings.ToUpper(s[:1]) + s[1:]
}

// summary says who did what to the review last.
func (v ReviewView) summary() string {
	r := v.Review
	switch {
	case v.Unknown:
		return "archlab cannot read the review state just now."
	case r.State == design.ReviewInReview && len(r.Reviewers) > 0:
		return fmt.Sprintf("%s asked %s to review version %d.", r.By, strings.Join(r.Reviewers, ", "), r.Version)
	case r.State == design.ReviewInReview:
		return fmt.Sprintf("%s asked for a review of version %d.", r.By, r.Version)
	case r.State == design.ReviewApproved:
		return fmt.Sprintf("%s approved version %d.", r.By, r.Version)
	case r.State == design.ReviewChangesRequested:
		return fmt.Sprintf("%s requested changes to version %d.", r.By, r.Version)
	}
	return "A draft: nobody has been asked to review it yet."
}

// changed reports whether the design changed since its approval.
func (v ReviewView) changed() bool { return !v.Unknown && v.Review.ChangedSince(v.Version) }

// compareURL compares the version approved with the current one.
func (v ReviewView) compareURL() string {
	return fmt.Sprintf("%s/compare?from=%d&to=%d", v.ViewBase, v.Review.Version, v.Version)
}

// ReviewEventText says what a review event did, for the compare page:
// "Bo approved v3: looks good".
func ReviewEventText(e design.ReviewEvent) string {
	var s string
	switch e.State {
	case design.ReviewInReview:
		s = e.By + " requested a review of v" + fmt.Sprint(e.Version)
		if len(e.Reviewers) > 0 {
			s += " from " + strings.Join(e.Reviewers, ", ")
		}
	case design.ReviewApproved:
		s = e.By + " approved v" + fmt.Sprint(e.Version)
	case design.ReviewChangesRequested:
		s = e.By + " requested changes to v" + fmt.Sprint(e.Version)
	default:
		s = e.By + " set the review to " + design.StateLabel(e.State)
	}
	if e.Note != "" {
		s += ": " + e.Note
	}
	return s
}
