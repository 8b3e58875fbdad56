package postgres

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/archlab/archlab/design"
)

// AddComment stores a comment as the next of its design. A transaction
// lock per design (not the design's row, which edits take) makes the count
// and the next number exact when instances add comments at once.
func (db *DB) AddComment(ctx context.Context, c design.NewComment) (*design.Comment, error) {
	var out *design.Comment
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('archlab-comments:' || $1))`, c.Design); err != nil {
			return fmt.Errorf("postgres: lock comments of %s: %w", c.Design, err)
		}
		var version int
		err := tx.QueryRow(ctx, `SELECT version FROM designs WHERE id = $1`, c.Design).Scan(&version)
		if errors.Is(err, pgx.ErrNoRows) {
			return design.Errorf(design.ENOTFOUND, "There is no such design.")
		}
		if err != nil {
			return fmt.Errorf("postgres: comment on %s: %w", c.Design, err)
		}
		var count, last int
		if err := tx.QueryRow(ctx, `SELECT count(*), coalesce(max(seq), 0) FROM comments WHERE design_id = $1`, c.Design).Scan(&count, &last); err != nil {
			return fmt.Errorf("postgres: count comments of %s: %w", c.Design, err)
		}
		if count >= design.MaxCommentsOfDesign {
			return design.TooManyComments()
		}
		seq := last + 1
		thread := seq
		subject := c.Subject
		if c.Thread != "" {
			thread, _ = strconv.Atoi(c.Thread[1:])
			var raw []byte
			err := tx.QueryRow(ctx, `SELECT subject FROM comments WHERE design_id = $1 AND seq = $2 AND thread = seq`, c.Design, thread).Scan(&raw)
			if errors.Is(err, pgx.ErrNoRows) {
				return design.UnknownThread(c.Thread)
			}
			if err != nil {
				return fmt.Errorf("postgres: find thread %s of %s: %w", c.Thread, c.Design, err)
			}
			if err := json.Unmarshal(raw, &subject); err != nil {
				return fmt.Errorf("postgres: thread %s of %s: %w", c.Thread, c.Design, err)
			}
		}
		subjectJSON, err := json.Marshal(subject)
		if err != nil {
			return fmt.Errorf("postgres: encode subject: %w", err)
		}
		now := db.Now().UTC().Truncate(time.Microsecond)
		if _, err := tx.Exec(ctx, `INSERT INTO comments (design_id, seq, thread, version, subject, author, verified, body, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, c.Design, seq, thread, version, string(subjectJSON), c.Author.Name, c.Author.Verified, c.Text, now); err != nil {
			return fmt.Errorf("postgres: insert comment on %s: %w", c.Design, err)
		}
		out = &design.Comment{ID: design.CommentID(seq), Thread: design.CommentID(thread), Subject: subject,
			Author: c.Author, Text: c.Text, Version: version, CreatedAt: now}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// designExists returns ENOTFOUND for a design that is not stored.
func (db *DB) designExists(ctx context.Context, id string) error {
	var one int
	err := db.pool.QueryRow(ctx, `SELECT 1 FROM designs WHERE id = $1`, id).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return fmt.Errorf("postgres: find design %s: %w", id, err)
	}
	return nil
}

const commentColumns = `seq, thread, version, subject, author, verified, body, created_at, resolved_at, resolved_by, resolved_verified`

// Comments returns the design's comments, oldest first.
func (db *DB) Comments(ctx context.Context, id string) ([]design.Comment, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+commentColumns+` FROM comments WHERE design_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: comments of %s: %w", id, err)
	}
	defer rows.Close()
	out := []design.Comment{}
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: comments of %s: %w", id, err)
	}
	if len(out) == 0 {
		if err := db.designExists(ctx, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanComment(row pgx.Row) (design.Comment, error) {
	var (
		c           design.Comment
		seq, thread int
		subject     []byte
		resolvedAt  *time.Time
		resBy       *string
		resVerified *bool
	)
	if err := row.Scan(&seq, &thread, &c.Version, &subject, &c.Author.Name, &c.Author.Verified, &c.Text, &c.CreatedAt, &resolvedAt, &resBy, &resVerified); err != nil {
		return c, fmt.Errorf("postgres: read comment: %w", err)
	}
	c.ID, c.Thread = design.CommentID(seq), design.CommentID(thread)
	c.CreatedAt = c.CreatedAt.UTC()
	if err := json.Unmarshal(subject, &c.Subject); err != nil {
		return c, fmt.Errorf("postgres: comment %s subject: %w", c.ID, err)
	}
	if resolvedAt != nil {
		r := &design.Resolution{At: resolvedAt.UTC()}
		if resBy != nil {
			r.By.Name = *resBy
		}
		if resVerified != nil {
			r.By.Verified = *resVerified
		}
		c.Resolved = r
	}
	return c, nil
}

// ResolveThread resolves or reopens a thread.
func (db *DB) ResolveThread(ctx context.Context, id, thread string, resolved bool, by design.Author) (*design.Comment, error) {
	if !design.ValidCommentID(thread) {
		return nil, design.NoSuchThread()
	}
	seq, _ := strconv.Atoi(thread[1:])
	var (
		at       *time.Time
		name     *string
		verified *bool
	)
	if resolved {
		now := db.Now().UTC().Truncate(time.Microsecond)
		at, name, verified = &now, &by.Name, &by.Verified
	}
	row := db.pool.QueryRow(ctx, `UPDATE comments SET resolved_at = $1, resolved_by = $2, resolved_verified = $3
		WHERE design_id = $4 AND seq = $5 AND thread = seq RETURNING `+commentColumns, at, name, verified, id, seq)
	c, err := scanComment(row)
	if errors.Is(err, pgx.ErrNoRows) {
		if err := db.designExists(ctx, id); err != nil {
			return nil, err
		}
		return nil, design.NoSuchThread()
	}
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// CommentSettings returns the design's comment settings.
func (db *DB) CommentSettings(ctx context.Context, id string) (design.CommentSettings, error) {
	var s design.CommentSettings
	err := db.pool.QueryRow(ctx, `SELECT comments_from_view FROM designs WHERE id = $1`, id).Scan(&s.FromViewLink)
	if errors.Is(err, pgx.ErrNoRows) {
		return s, design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return s, fmt.Errorf("postgres: comment settings of %s: %w", id, err)
	}
	return s, nil
}

// SetCommentSettings changes the design's comment settings.
func (db *DB) SetCommentSettings(ctx context.Context, id, editKey string, s design.CommentSettings) error {
	var keyHash string
	err := db.pool.QueryRow(ctx, `SELECT edit_key_hash FROM designs WHERE id = $1`, id).Scan(&keyHash)
	if errors.Is(err, pgx.ErrNoRows) {
		return design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return fmt.Errorf("postgres: find design %s: %w", id, err)
	}
	if subtle.ConstantTimeCompare([]byte(keyHash), []byte(design.HashEditKey(editKey))) != 1 {
		return design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
	}
	// The key is checked again in the update: a key replaced in between
	// changes nothing.
	tag, err := db.pool.Exec(ctx, `UPDATE designs SET comments_from_view = $1 WHERE id = $2 AND edit_key_hash = $3`, s.FromViewLink, id, keyHash)
	if err != nil {
		return fmt.Errorf("postgres: set comment settings of %s: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
	}
	return nil
}
