package design

import (
	"context"
	"slices"
	"strings"
	"time"
)

// The review states of a design. A design nobody asked to review is a
// draft; asking for a review puts it in review; a reviewer then approves
// it or requests changes. The state lives beside the design, not in it:
// changing it makes no new version.
const (
	ReviewDraft            = "draft"
	ReviewInReview         = "in-review"
	ReviewChangesRequested = "changes-requested"
	ReviewApproved         = "approved"
)

// ReviewStates are the states a review event may move a design to, in the
// order of the API documentation. Draft is only where a design starts.
var ReviewStates = []string{ReviewInReview, ReviewApproved, ReviewChangesRequested}

// AllReviewStates are the states a design can be in, draft first: what a
// listing filters by.
var AllReviewStates = []string{ReviewDraft, ReviewInReview, ReviewChangesRequested, ReviewApproved}

// Limits on review events: a note of a few paragraphs, the handful of
// people a team asks. People's names
// are at most MaxPersonLen characters.
const (
	MaxPersonLen    = 100
	MaxReviewNote   = 2000
	MaxReviewers    = 20
	MaxReviewEvents = 500 // kept per design; the oldest go first
)

// ReviewEvent is one change of a design's review state: who moved it,
// at which version, to what, and why.
type ReviewEvent struct {
	// Seq orders a design's events; it is the store's, not the client's.
	Seq   int    `json:"seq"`
	State string `json:"state"`
	// By is the name of whoever made the change, as they gave it.
	By string `json:"by"`
	// Version is the design's version the event was made on: for an
	// approval, the version approved.
	Version int    `json:"version"`
	Note    string `json:"note,omitempty"`
	// Reviewers are the names asked, for a request of review.
	Reviewers []string  `json:"reviewers,omitempty"`
	At        time.Time `json:"at"`
}

// Review is a design's review state now: its latest event, or a draft.
type Review struct {
	ReviewEvent
}

// Draft is the review of a design nobody has asked to review.
func Draft() Review { return Review{ReviewEvent{State: ReviewDraft}} }

// Approved reports whether the design's latest review approved it.
func (r Review) Approved() bool { return r.State == ReviewApproved }

// ChangedSince reports whether a design at version has changed since the
// version its approval approved.
func (r Review) ChangedSince(version int) bool { return r.Approved() && version > r.Version }

// StateLabel names a state as people say it: "in review".
func StateLabel(state string) string { return strings.ReplaceAll(state, "-", " ") }

// Check validates an event as a client sends it: a known state, a name, a
// note within MaxReviewNote and, for a request of review, the names asked.
// Errors name the field.
func (e *ReviewEvent) Check() error {
	if e.State == "" {
		return Invalid("state", "is required: one of %s", strings.Join(ReviewStates, ", "))
	}
	if !slices.Contains(ReviewStates, e.State) {
		return Invalid("state", "unknown review state %q%s; use one of %s", clip(e.State, 40), suggest(e.State, ReviewStates), strings.Join(ReviewStates, ", "))
	}
	if err := CheckName("by", e.By); err != nil {
		return err
	}
	if err := checkMultiline("note", e.Note, MaxReviewNote); err != nil {
		return err
	}
	if len(e.Reviewers) > MaxReviewers {
		return Invalid("reviewers", "names %d people; at most %d", len(e.Reviewers), MaxReviewers)
	}
	if len(e.Reviewers) > 0 && e.State != ReviewInReview {
		return Invalid("reviewers", "are the people asked to review: give them with the state %s", ReviewInReview)
	}
	for i, name := range e.Reviewers {
		if err := CheckName(fieldIndex("reviewers", i), name); err != nil {
			return err
		}
	}
	return nil
}

// CheckName validates a person's name as given: required, one line, at
// most MaxNameLen characters.
func CheckName(field, name string) error {
	if strings.TrimSpace(name) == "" {
		return Invalid(field, "is required: the name of the person")
	}
	return checkText(field, name, MaxPersonLen)
}

// SplitNames reads names written in one field, separated by commas.
func SplitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// ReviewStore keeps the review state of designs and the log of how it
// changed. Store embeds it; the conformance suite checks both backends.
type ReviewStore interface {
	// SetReview records e (already checked) as the design's review state,
	// made on the design's current version, with the store's time and the
	// next Seq, and returns it as stored. Returns ENOTFOUND for an unknown
	// design and EFORBIDDEN for a wrong edit key.
	SetReview(ctx context.Context, id, editKey string, e ReviewEvent) (*ReviewEvent, error)

	// Review returns the design's review state: its latest event, or a
	// draft when there is none. Returns ENOTFOUND for an unknown design.
	Review(ctx context.Context, id string) (Review, error)

	// ReviewEvents returns the design's review events made on versions
	// from through to (inclusive), oldest first; to 0 means every version
	// from on. Returns ENOTFOUND for an unknown design.
	ReviewEvents(ctx context.Context, id string, from, to int) ([]ReviewEvent, error)
}
