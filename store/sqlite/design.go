package sqlite

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/archlab/archlab/design"
)

// CreateDesign stores a new design as version 1.
func (db *DB) CreateDesign(ctx context.Context, d *design.Design) (*design.Created, error) {
	stored, rev, key, err := design.NewDesign(d, db.cat, db.Now())
	if err != nil {
		return nil, err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	if err := insertDesign(ctx, tx, stored, design.HashEditKey(key)); err != nil {
		return nil, err
	}
	if err := insertRevision(ctx, tx, stored.ID, rev, ""); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit new design: %w", err)
	}
	return &design.Created{Design: stored, EditKey: key}, nil
}

func insertDesign(ctx context.Context, tx *sql.Tx, d *design.Design, keyHash string) error {
	content, err := design.MarshalContent(d)
	if err != nil {
		return fmt.Errorf("sqlite: encode design: %w", err)
	}
	var fromID, fromTitle sql.NullString
	var fromVersion sql.NullInt64
	if f := d.ForkedFrom; f != nil {
		fromID = sql.NullString{String: f.ID, Valid: true}
		fromTitle = sql.NullString{String: f.Title, Valid: true}
		fromVersion = sql.NullInt64{Int64: int64(f.Version), Valid: true}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO designs
		(id, edit_key_hash, version, content, forked_from_id, forked_from_title, forked_from_version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, keyHash, d.Version, string(content), fromID, fromTitle, fromVersion, formatTime(d.CreatedAt), formatTime(d.UpdatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: insert design %s: %w", d.ID, err)
	}
	return nil
}

// insertRevision records a revision, with the id of its batch when it has one.
func insertRevision(ctx context.Context, tx *sql.Tx, id string, r design.Revision, batchID string) error {
	ops, err := json.Marshal(r.Ops)
	if err != nil {
		return fmt.Errorf("sqlite: encode operations: %w", err)
	}
	inverse, err := json.Marshal(nonNil(r.Inverse))
	if err != nil {
		return fmt.Errorf("sqlite: encode inverse: %w", err)
	}
	writes, err := json.Marshal(r.Writes)
	if err != nil {
		return fmt.Errorf("sqlite: encode writes: %w", err)
	}
	batch := sql.NullString{String: batchID, Valid: batchID != ""}
	var author sql.NullString
	if r.By != nil {
		by, err := json.Marshal(r.By)
		if err != nil {
			return fmt.Errorf("sqlite: encode author: %w", err)
		}
		author = sql.NullString{String: string(by), Valid: true}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO revisions (design_id, version, ops, inverse, writes, created_at, batch_id, author)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, r.Version, string(ops), string(inverse), string(writes), formatTime(r.CreatedAt), batch, author); err != nil {
		return fmt.Errorf("sqlite: insert revision %s v%d: %w", id, r.Version, err)
	}
	return nil
}

func nonNil(ops design.Ops) design.Ops {
	if ops == nil {
		return design.Ops{}
	}
	return ops
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// findDesign is the one query path for reading a design: by view id or by
// edit-key hash. It returns the design, shared with the cache (callers must
// not change it), and its edit-key hash. The content column is read only when
// the cached copy is of another version.
func (db *DB) findDesign(ctx context.Context, q querier, where string, arg string) (*design.Design, string, error) {
	// The cached copy to spare reading: by id, or the design last opened
	// with this edit key.
	cachedID := arg
	if where != "id" {
		cachedID = db.cache.IDForKey(arg)
	}
	cachedVersion := db.cache.Version(cachedID)
	var (
		d                    design.Design
		keyHash              string
		content              sql.NullString
		fromID, fromTitle    sql.NullString
		fromVersion          sql.NullInt64
		createdAt, updatedAt string
	)
	err := q.QueryRowContext(ctx, `SELECT id, edit_key_hash, version, CASE WHEN id = ? AND version = ? THEN NULL ELSE content END,
		forked_from_id, forked_from_title, forked_from_version, created_at, updated_at
		FROM designs WHERE `+where+` = ?`, cachedID, cachedVersion, arg).
		Scan(&d.ID, &keyHash, &d.Version, &content, &fromID, &fromTitle, &fromVersion, &createdAt, &updatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return nil, "", fmt.Errorf("sqlite: find design: %w", err)
	}
	if !content.Valid {
		if cached := db.cache.Get(d.ID, d.Version); cached != nil {
			db.cache.RememberKey(d.ID, keyHash)
			return cached, keyHash, nil
		}
		// Another goroutine replaced the cached copy in between: read it all.
		db.cache.Forget(d.ID)
		return db.findDesign(ctx, q, "id", d.ID)
	}
	if err := design.UnmarshalContent([]byte(content.String), &d); err != nil {
		return nil, "", fmt.Errorf("sqlite: design %s: %w", d.ID, err)
	}
	if fromID.Valid {
		d.ForkedFrom = &design.ForkOrigin{ID: fromID.String, Title: fromTitle.String, Version: int(fromVersion.Int64)}
	}
	if d.CreatedAt, err = parseTime(createdAt); err != nil {
		return nil, "", err
	}
	if d.UpdatedAt, err = parseTime(updatedAt); err != nil {
		return nil, "", err
	}
	db.cache.Put(&d)
	db.cache.RememberKey(d.ID, keyHash)
	return &d, keyHash, nil
}

// Design returns the current design with the given view id.
func (db *DB) Design(ctx context.Context, id string) (*design.Design, error) {
	d, _, err := db.findDesign(ctx, db.read, "id", id)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// DesignByEditKey returns the design the edit key opens.
func (db *DB) DesignByEditKey(ctx context.Context, editKey string) (*design.Design, error) {
	d, _, err := db.findDesign(ctx, db.read, "edit_key_hash", design.HashEditKey(editKey))
	if design.ErrorCode(err) == design.ENOTFOUND {
		return nil, design.Errorf(design.EFORBIDDEN, "This edit link does not open any design. It may have been replaced by a newer one.")
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// ApplyOps applies a batch as the next version.
func (db *DB) ApplyOps(ctx context.Context, id, editKey string, b design.Batch) (*design.Applied, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	cur, keyHash, err := db.findDesign(ctx, tx, "id", id)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(keyHash), []byte(design.HashEditKey(editKey))) != 1 {
		return nil, design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
	}
	if b.ID != "" {
		// The writer connection is the only one: nobody can record the
		// same id between this look and the insert below.
		if rev, found, err := recordedBatch(ctx, tx, id, b.ID); err != nil || found {
			if err != nil {
				return nil, err
			}
			return &design.Applied{Design: cur.Clone(), Revision: rev, Replayed: true}, nil
		}
	}
	applied, err := design.NextRevision(cur, b, db.cat, db.Now(), design.Since{
		Writes:   func() ([]string, error) { return writesSince(ctx, tx, id, b.BaseVersion) },
		Inverses: func() ([]design.Ops, error) { return inversesSince(ctx, tx, id, b.BaseVersion) },
	})
	if err != nil {
		return nil, err
	}
	// applied.Content is the encoding NextRevision checked the size of:
	// written as it is, the design is encoded once per edit.
	if _, err := tx.ExecContext(ctx, `UPDATE designs SET version = ?, content = ?, updated_at = ? WHERE id = ?`,
		applied.Design.Version, string(applied.Content), formatTime(applied.Design.UpdatedAt), id); err != nil {
		return nil, fmt.Errorf("sqlite: update design %s: %w", id, err)
	}
	if err := insertRevision(ctx, tx, id, applied.Revision, b.ID); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit v%d of %s: %w", applied.Design.Version, id, err)
	}
	db.cache.Put(applied.Design.Clone())
	return applied, nil
}

// recordedBatch finds the revision that recorded a batch id.
func recordedBatch(ctx context.Context, tx *sql.Tx, id, batchID string) (design.Revision, bool, error) {
	var r design.Revision
	var ops, inverse, writes, created string
	var author sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT version, ops, inverse, writes, created_at, author FROM revisions
		WHERE design_id = ? AND batch_id = ?`, id, batchID).Scan(&r.Version, &ops, &inverse, &writes, &created, &author)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("sqlite: find batch %s of %s: %w", batchID, id, err)
	}
	for _, f := range []struct {
		raw string
		to  any
	}{{ops, &r.Ops}, {inverse, &r.Inverse}, {writes, &r.Writes}} {
		if err := json.Unmarshal([]byte(f.raw), f.to); err != nil {
			return r, false, fmt.Errorf("sqlite: decode revision %d of %s: %w", r.Version, id, err)
		}
	}
	if r.CreatedAt, err = parseTime(created); err != nil {
		return r, false, err
	}
	if r.By, err = decodeAuthor(author); err != nil {
		return r, false, fmt.Errorf("sqlite: decode author of revision %d of %s: %w", r.Version, id, err)
	}
	return r, true, nil
}

// inversesSince returns the inverses of the revisions after version,
// newest first.
func inversesSince(ctx context.Context, tx *sql.Tx, id string, version int) ([]design.Ops, error) {
	rows, err := tx.QueryContext(ctx, `SELECT inverse FROM revisions WHERE design_id = ? AND version > ? ORDER BY version DESC`, id, version)
	if err != nil {
		return nil, fmt.Errorf("sqlite: read inverses of %s since v%d: %w", id, version, err)
	}
	defer rows.Close()
	var all []design.Ops
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, fmt.Errorf("sqlite: scan inverse: %w", err)
		}
		var ops design.Ops
		if err := json.Unmarshal([]byte(raw), &ops); err != nil {
			return nil, fmt.Errorf("sqlite: decode inverse: %w", err)
		}
		all = append(all, ops)
	}
	return all, rows.Err()
}

func writesSince(ctx context.Context, tx *sql.Tx, id string, version int) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT writes FROM revisions WHERE design_id = ? AND version > ?`, id, version)
	if err != nil {
		return nil, fmt.Errorf("sqlite: read writes of %s since v%d: %w", id, version, err)
	}
	defer rows.Close()
	var all []string
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, fmt.Errorf("sqlite: scan writes: %w", err)
		}
		var keys []string
		if err := json.Unmarshal([]byte(raw), &keys); err != nil {
			return nil, fmt.Errorf("sqlite: decode writes: %w", err)
		}
		all = append(all, keys...)
	}
	return all, rows.Err()
}

// Revisions returns the design's history, newest first.
func (db *DB) Revisions(ctx context.Context, id string, before, limit int) ([]design.Revision, error) {
	if _, _, err := db.findDesign(ctx, db.read, "id", id); err != nil {
		return nil, err
	}
	if before <= 0 {
		before = 1 << 62
	}
	rows, err := db.read.QueryContext(ctx, `SELECT version, ops, inverse, created_at, author FROM revisions
		WHERE design_id = ? AND version < ? ORDER BY version DESC LIMIT ?`, id, before, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list revisions of %s: %w", id, err)
	}
	defer rows.Close()
	var revs []design.Revision
	for rows.Next() {
		var r design.Revision
		var ops, inverse, created string
		var author sql.NullString
		if err := rows.Scan(&r.Version, &ops, &inverse, &created, &author); err != nil {
			return nil, fmt.Errorf("sqlite: scan revision: %w", err)
		}
		if err := json.Unmarshal([]byte(ops), &r.Ops); err != nil {
			return nil, fmt.Errorf("sqlite: decode revision %d of %s: %w", r.Version, id, err)
		}
		if err := json.Unmarshal([]byte(inverse), &r.Inverse); err != nil {
			return nil, fmt.Errorf("sqlite: decode inverse %d of %s: %w", r.Version, id, err)
		}
		if r.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		if r.By, err = decodeAuthor(author); err != nil {
			return nil, fmt.Errorf("sqlite: decode author of revision %d of %s: %w", r.Version, id, err)
		}
		revs = append(revs, r)
	}
	return revs, rows.Err()
}

// RotateEditKey replaces the design's edit key.
func (db *DB) RotateEditKey(ctx context.Context, id, editKey string) (string, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	var keyHash string
	err = tx.QueryRowContext(ctx, `SELECT edit_key_hash FROM designs WHERE id = ?`, id).Scan(&keyHash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: find design %s: %w", id, err)
	}
	if subtle.ConstantTimeCompare([]byte(keyHash), []byte(design.HashEditKey(editKey))) != 1 {
		return "", design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
	}
	key := design.NewEditKey()
	if _, err := tx.ExecContext(ctx, `UPDATE designs SET edit_key_hash = ? WHERE id = ?`, design.HashEditKey(key), id); err != nil {
		return "", fmt.Errorf("sqlite: rotate the edit key of %s: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("sqlite: commit the new edit key of %s: %w", id, err)
	}
	return key, nil
}

// ForkDesign copies a design's current content into a new design.
func (db *DB) ForkDesign(ctx context.Context, id string) (*design.Created, error) {
	src, err := db.Design(ctx, id)
	if err != nil {
		return nil, err
	}
	return db.CreateDesign(ctx, design.Fork(src))
}

// decodeAuthor reads a revision's author column: nil when NULL.
func decodeAuthor(col sql.NullString) (*design.Author, error) {
	if !col.Valid {
		return nil, nil
	}
	var a design.Author
	if err := json.Unmarshal([]byte(col.String), &a); err != nil {
		return nil, err
	}
	return &a, nil
}
