package sqlite

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/archlab/archlab/design"
)

// SetReview records a review event on the design's current version.
func (db *DB) SetReview(ctx context.Context, id, editKey string, e design.ReviewEvent) (*design.ReviewEvent, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	var keyHash string
	err = tx.QueryRowContext(ctx, `SELECT edit_key_hash, version FROM designs WHERE id = ?`, id).Scan(&keyHash, &e.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find design %s: %w", id, err)
	}
	if subtle.ConstantTimeCompare([]byte(keyHash), []byte(design.HashEditKey(editKey))) != 1 {
		return nil, design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
	}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM review_events WHERE design_id = ?`, id).Scan(&e.Seq); err != nil {
		return nil, fmt.Errorf("sqlite: next review event of %s: %w", id, err)
	}
	e.At = db.Now().UTC().Truncate(time.Microsecond) // as the database keeps it
	if e.Reviewers == nil {
		e.Reviewers = []string{}
	}
	reviewers, err := json.Marshal(e.Reviewers)
	if err != nil {
		return nil, fmt.Errorf("sqlite: encode reviewers: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO review_events (design_id, seq, state, by_name, version, note, reviewers, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, e.Seq, e.State, e.By, e.Version, e.Note, string(reviewers), formatTime(e.At)); err != nil {
		return nil, fmt.Errorf("sqlite: insert review event of %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM review_events WHERE design_id = ? AND seq <= ?`, id, e.Seq-design.MaxReviewEvents); err != nil {
		return nil, fmt.Errorf("sqlite: drop old review events of %s: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit review event of %s: %w", id, err)
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
	return db.reviewEvents(ctx, id, `AND e.version BETWEEN ? AND ?`, from, to)
}

// reviewEvents is the one query path for review events: those of design id
// that where (a condition on e, the events) selects. One query answers
// both whether the design exists and its events.
func (db *DB) reviewEvents(ctx context.Context, id, where string, args ...any) ([]design.ReviewEvent, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT e.seq, e.state, e.by_name, e.version, e.note, e.reviewers, e.created_at
		FROM designs d LEFT JOIN review_events e ON e.design_id = d.id `+where+`
		WHERE d.id = ? ORDER BY e.seq`, append(args, id)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: read review events of %s: %w", id, err)
	}
	defer rows.Close()
	found := false
	var out []design.ReviewEvent
	for rows.Next() {
		found = true
		var seq, version sql.NullInt64
		var state, by, note, reviewers, at sql.NullString
		if err := rows.Scan(&seq, &state, &by, &version, &note, &reviewers, &at); err != nil {
			return nil, fmt.Errorf("sqlite: scan review event: %w", err)
		}
		if !seq.Valid {
			continue // the design, without events
		}
		e := design.ReviewEvent{Seq: int(seq.Int64), State: state.String, By: by.String, Version: int(version.Int64), Note: note.String}
		if err := json.Unmarshal([]byte(reviewers.String), &e.Reviewers); err != nil {
			return nil, fmt.Errorf("sqlite: decode reviewers: %w", err)
		}
		if len(e.Reviewers) == 0 {
			e.Reviewers = nil
		}
		if e.At, err = parseTime(at.String); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: read review events of %s: %w", id, err)
	}
	if !found {
		return nil, design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	return out, nil
}
