package design

import "context"

// Store keeps designs and their history. The SQLite and Postgres backends
// implement it and both pass the conformance suite in store/storetest.
type Store interface {
	// ReviewStore keeps the review state beside the designs (review.go).
	ReviewStore
	// CommentStore keeps the review's comments (comments.go).
	CommentStore
	// SpaceStore keeps team spaces, their designs' summaries and webhooks.
	SpaceStore

	// CreateDesign stores d (already validated) as version 1 with new view
	// and edit links. Returns EINVALID if d breaks the catalogue.
	CreateDesign(ctx context.Context, d *Design) (*Created, error)

	// Design returns the current design with the given view id.
	// Returns ENOTFOUND if there is none. The design returned by Design and
	// DesignByEditKey is read-only: the store may keep it and hand the same
	// one to other requests, so a caller that wants to change it changes a
	// Clone (Apply and NextRevision work on copies).
	Design(ctx context.Context, id string) (*Design, error)

	// DesignByEditKey returns the design the edit key opens.
	// Returns EFORBIDDEN if the key opens no design.
	DesignByEditKey(ctx context.Context, editKey string) (*Design, error)

	// ApplyOps applies a batch atomically as the next version and records it
	// as a revision. A batch based on an older version still applies when it
	// touches nothing changed since (see Collisions); otherwise it returns
	// ECONFLICT with the current design in Error.Current, as it does for a
	// stale batch that the current design refuses but its base version
	// took. Returns ENOTFOUND for an unknown design, EFORBIDDEN for a wrong
	// edit key and EINVALID for an operation the design or the catalogue
	// refuses. A batch with an ID that the design already recorded is not
	// applied again: the answer is the recorded revision with the current
	// design, marked Replayed.
	ApplyOps(ctx context.Context, id, editKey string, b Batch) (*Applied, error)

	// Revisions returns the design's history, newest first, at most limit
	// entries with versions below before (0 means from the newest).
	// Returns ENOTFOUND for an unknown design.
	Revisions(ctx context.Context, id string, before, limit int) ([]Revision, error)

	// RotateEditKey replaces a design's edit key with a new one and returns
	// it; the old key stops opening the design at once. Returns ENOTFOUND
	// for an unknown design and EFORBIDDEN for a wrong edit key.
	RotateEditKey(ctx context.Context, id, editKey string) (string, error)

	// ForkDesign copies the current content of a design into a new design
	// with new links that records where it came from.
	// Returns ENOTFOUND for an unknown design.
	ForkDesign(ctx context.Context, id string) (*Created, error)

	// LabStore keeps labs' progress and cohorts (cohorts.go).
	LabStore

	// Ping checks that the database answers.
	Ping(ctx context.Context) error

	// Close releases the database.
	Close() error
}

// Applied is the outcome of a batch: the design after it and its revision.
type Applied struct {
	Design   *Design
	Revision Revision
	// Replayed is true when the batch had been applied before, under the
	// same ID: Revision is that application and Design the current design.
	Replayed bool
	// Content is the design's content as stored (MarshalContent), encoded
	// once when its size was checked, so that backends write these bytes
	// rather than encode the design again. Empty when Replayed.
	Content []byte
}
