package postgres

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/archlab/archlab/design"
)

// SetReview records a review event on the design's current version. The
// design's row is locked, so that events of one design are numbered one
// after another and made on the version they name.
func (db *DB) SetReview(ctx context.Context, id, editKey string, e design.ReviewEvent) (*design.ReviewEvent, error) {
	e.At = db.Now().UTC().Truncate(time.Microsecond) // as the database keeps it
	if e.Reviewers == nil {
		e.Reviewers = []string{}
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var keyHash string
		err := tx.QueryRow(ctx, `SELECT edit_key_hash, version FROM designs WHERE id = $1 FOR UPDATE`, id).Scan(&keyHash, &e.Version)
		if errors.Is(err, pgx.ErrNoRows) {
			return design.Errorf(design.ENOTFOUND, "There is no such design.")
		}
		if err != nil {
			return fmt.Errorf("postgres: find design %s: %w", id, err)
		}
		if subtle.ConstantTimeCompare([]byte(keyHash), []byte(design.HashEditKey(editKey))) != 1 {
			return design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
		}
		if err := tx.QueryRow(ctx, `INSERT INTO review_events (design_id, seq, state, by_name, version, note, reviewers, created_at)
			SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7 FROM review_events WHERE design_id = $1
			RETURNING seq`, id, e.State, e.By, e.Version, e.Note, e.Reviewers, e.At).Scan(&e.Seq); err != nil {
			return fmt.Errorf("postgres: insert review event of %s: %w", id, err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM review_events WHERE design_id = $1 AND seq <= $2`, id, e.Seq-design.MaxReviewEvents); err != nil {
			return fmt.Errorf("postgres: drop old review events of %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(e.Reviewers) == 0 {
		e.Reviewers = nil
	}
	return &e, nil
}

// Review returns the design's latest review event, or a draft.
func (db *DB) Review(ctx context.Context, id string) (design.Review, error) {
	evs, err := db.reviewEvents(ctx, id, `AND e.seq = (SELECT MAX(seq) FROM review_events WHERE design_id = d.id)`)
	if err != nil || len(evs) == 0 {
		return design.Draft(), err
	}
	return design.Review{ReviewEvent: evs[0]}, nil
}

// ReviewEvents returns the events made on versions from through to.
func (db *DB) ReviewEvents(ctx context.Context, id string, from, to int) ([]design.ReviewEvent, error) {
	if to <= 0 {
		to = 1 << 30
	}
	return db.reviewEvents(ctx, id, `AND e.version BETWEEN $2 AND $3`, from, to)
}

// reviewEvents is the one query path for review events: those of design id
// ($1) that where selects.
func (db *DB) reviewEvents(ctx context.Context, id, where string, args ...any) ([]design.ReviewEvent, error) {
	rows, err := db.pool.Query(ctx, `SELECT d.id, e.seq, e.state, e.by_name, e.version, e.note, e.reviewers, e.created_at
		FROM designs d LEFT JOIN review_events e ON e.design_id = d.id `+where+`
		WHERE d.id = $1 ORDER BY e.seq`, append([]any{id}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("postgres: read review events of %s: %w", id, err)
	}
	defer rows.Close()
	found := false
	var out []design.ReviewEvent
	for rows.Next() {
		found = true
		var designID string
		var seq, version *int
		var state, by, note *string
		var reviewers []string
		var at *time.Time
		if err := rows.Scan(&designID, &seq, &state, &by, &version, &note, &reviewers, &at); err != nil {
			return nil, fmt.Errorf("postgres: scan review event: %w", err)
		}
		if seq == nil {
			continue // the design, without events
		}
		e := design.ReviewEvent{Seq: *seq, State: *state, By: *by, Version: *version, Note: *note, At: at.UTC()}
		if len(reviewers) > 0 {
			e.Reviewers = reviewers
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: read review events of %s: %w", id, err)
	}
	if !found {
		return nil, design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	return out, nil
}
