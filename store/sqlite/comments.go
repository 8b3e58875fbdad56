package sqlite

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/archlab/archlab/design"
)

// AddComment stores a comment as the next of its design.
func (db *DB) AddComment(ctx context.Context, c design.NewComment) (*design.Comment, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	var version int
	err = tx.QueryRowContext(ctx, `SELECT version FROM designs WHERE id = ?`, c.Design).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: comment on %s: %w", c.Design, err)
	}
	// The writer connection is the only one: the count and the next
	// number cannot change between this look and the insert.
	var count, last int
	if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(seq), 0) FROM comments WHERE design_id = ?`, c.Design).Scan(&count, &last); err != nil {
		return nil, fmt.Errorf("sqlite: count comments of %s: %w", c.Design, err)
	}
	if count >= design.MaxCommentsOfDesign {
		return nil, design.TooManyComments()
	}
	seq := last + 1
	thread := seq
	subject := c.Subject
	if c.Thread != "" {
		thread, _ = strconv.Atoi(c.Thread[1:])
		var raw string
		err := tx.QueryRowContext(ctx, `SELECT subject FROM comments WHERE design_id = ? AND seq = ? AND thread = seq`, c.Design, thread).Scan(&raw)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, design.UnknownThread(c.Thread)
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: find thread %s of %s: %w", c.Thread, c.Design, err)
		}
		if err := json.Unmarshal([]byte(raw), &subject); err != nil {
			return nil, fmt.Errorf("sqlite: thread %s of %s: %w", c.Thread, c.Design, err)
		}
	}
	subjectJSON, err := json.Marshal(subject)
	if err != nil {
		return nil, fmt.Errorf("sqlite: encode subject: %w", err)
	}
	now := db.Now().UTC()
	if _, err := tx.ExecContext(ctx, `INSERT INTO comments (design_id, seq, thread, version, subject, author, verified, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Design, seq, thread, version, string(subjectJSON), c.Author.Name, c.Author.Verified, c.Text, formatTime(now)); err != nil {
		return nil, fmt.Errorf("sqlite: insert comment on %s: %w", c.Design, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit comment: %w", err)
	}
	return &design.Comment{ID: design.CommentID(seq), Thread: design.CommentID(thread), Subject: subject,
		Author: c.Author, Text: c.Text, Version: version, CreatedAt: now}, nil
}

// designExists returns ENOTFOUND for a design that is not stored.
func (db *DB) designExists(ctx context.Context, id string) error {
	var one int
	err := db.read.QueryRowContext(ctx, `SELECT 1 FROM designs WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return fmt.Errorf("sqlite: find design %s: %w", id, err)
	}
	return nil
}

const commentColumns = `seq, thread, version, subject, author, verified, body, created_at, resolved_at, resolved_by, resolved_verified`

// Comments returns the design's comments, oldest first.
func (db *DB) Comments(ctx context.Context, id string) ([]design.Comment, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+commentColumns+` FROM comments WHERE design_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: comments of %s: %w", id, err)
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
		return nil, fmt.Errorf("sqlite: comments of %s: %w", id, err)
	}
	if len(out) == 0 {
		if err := db.designExists(ctx, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanComment(row interface{ Scan(...any) error }) (design.Comment, error) {
	var (
		c                   design.Comment
		seq, thread         int
		subject, created    string
		resolvedAt, resBy   sql.NullString
		resVerified         sql.NullBool
		authorVerified      bool
		authorName, content string
	)
	if err := row.Scan(&seq, &thread, &c.Version, &subject, &authorName, &authorVerified, &content, &created, &resolvedAt, &resBy, &resVerified); err != nil {
		return c, fmt.Errorf("sqlite: read comment: %w", err)
	}
	c.ID, c.Thread, c.Text = design.CommentID(seq), design.CommentID(thread), content
	c.Author = design.Author{Name: authorName, Verified: authorVerified}
	if err := json.Unmarshal([]byte(subject), &c.Subject); err != nil {
		return c, fmt.Errorf("sqlite: comment %s subject: %w", c.ID, err)
	}
	var err error
	if c.CreatedAt, err = parseTime(created); err != nil {
		return c, err
	}
	if resolvedAt.Valid {
		at, err := parseTime(resolvedAt.String)
		if err != nil {
			return c, err
		}
		c.Resolved = &design.Resolution{By: design.Author{Name: resBy.String, Verified: resVerified.Bool}, At: at}
	}
	return c, nil
}

// ResolveThread resolves or reopens a thread.
func (db *DB) ResolveThread(ctx context.Context, id, thread string, resolved bool, by design.Author) (*design.Comment, error) {
	if !design.ValidCommentID(thread) {
		return nil, design.NoSuchThread()
	}
	seq, _ := strconv.Atoi(thread[1:])
	var at, name sql.NullString
	var verified sql.NullBool
	if resolved {
		at = sql.NullString{String: formatTime(db.Now()), Valid: true}
		name = sql.NullString{String: by.Name, Valid: true}
		verified = sql.NullBool{Bool: by.Verified, Valid: true}
	}
	row := db.write.QueryRowContext(ctx, `UPDATE comments SET resolved_at = ?, resolved_by = ?, resolved_verified = ?
		WHERE design_id = ? AND seq = ? AND thread = seq RETURNING `+commentColumns, at, name, verified, id, seq)
	c, err := scanComment(row)
	if errors.Is(err, sql.ErrNoRows) {
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
	err := db.read.QueryRowContext(ctx, `SELECT comments_from_view FROM designs WHERE id = ?`, id).Scan(&s.FromViewLink)
	if errors.Is(err, sql.ErrNoRows) {
		return s, design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return s, fmt.Errorf("sqlite: comment settings of %s: %w", id, err)
	}
	return s, nil
}

// SetCommentSettings changes the design's comment settings.
func (db *DB) SetCommentSettings(ctx context.Context, id, editKey string, s design.CommentSettings) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	var keyHash string
	err = tx.QueryRowContext(ctx, `SELECT edit_key_hash FROM designs WHERE id = ?`, id).Scan(&keyHash)
	if errors.Is(err, sql.ErrNoRows) {
		return design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return fmt.Errorf("sqlite: find design %s: %w", id, err)
	}
	if subtle.ConstantTimeCompare([]byte(keyHash), []byte(design.HashEditKey(editKey))) != 1 {
		return design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE designs SET comments_from_view = ? WHERE id = ?`, s.FromViewLink, id); err != nil {
		return fmt.Errorf("sqlite: set comment settings of %s: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit comment settings: %w", err)
	}
	return nil
}
