package postgres

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/archlab/archlab/design"
)

// CreateDesign stores a new design as version 1.
func (db *DB) CreateDesign(ctx context.Context, d *design.Design) (*design.Created, error) {
	stored, rev, key, err := design.NewDesign(d, db.cat, db.Now())
	if err != nil {
		return nil, err
	}
	content, err := design.MarshalContent(stored)
	if err != nil {
		return nil, fmt.Errorf("postgres: encode design: %w", err)
	}
	var fromID, fromTitle *string
	var fromVersion *int
	if f := stored.ForkedFrom; f != nil {
		fromID, fromTitle, fromVersion = &f.ID, &f.Title, &f.Version
	}
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue(`INSERT INTO designs
			(id, edit_key_hash, version, content, forked_from_id, forked_from_title, forked_from_version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			stored.ID, design.HashEditKey(key), stored.Version, content, fromID, fromTitle, fromVersion, stored.CreatedAt, stored.UpdatedAt)
		queueRevision(b, stored.ID, rev, "")
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: insert design %s: %w", stored.ID, err)
	}
	// Cached, the design's first edit is already one statement.
	db.cache.Put(stored.Clone())
	return &design.Created{Design: stored, EditKey: key}, nil
}

// queueRevision records a revision, with the id of its batch when it has one.
func queueRevision(b *pgx.Batch, id string, r design.Revision, batch string) {
	b.Queue(`INSERT INTO revisions (design_id, version, ops, inverse, writes, created_at, batch_id, author) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		id, r.Version, r.Ops, nonNil(r.Inverse), r.Writes, r.CreatedAt, batchID(batch), r.By)
}

// nonNil stores a missing inverse as no operations: the column is NOT NULL.
func nonNil(ops design.Ops) design.Ops {
	if ops == nil {
		return design.Ops{}
	}
	return ops
}

// batchID is a batch's id as a column value: NULL when it has none.
func batchID(id string) *string {
	if id == "" {
		return nil
	}
	return &id
}

type querier interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}

// findDesign is the one query path for reading a design, by view id or by
// edit-key hash; lock adds FOR UPDATE. It returns the design, shared with the
// cache (callers must not change it), and its edit-key hash. The content
// column is read only when the cached copy is of another version.
func (db *DB) findDesign(ctx context.Context, q querier, where, arg string, lock bool) (*design.Design, string, error) {
	// The cached copy to spare reading: by id, or the design last opened
	// with this edit key.
	cachedID := arg
	if where != "id" {
		cachedID = db.cache.IDForKey(arg)
	}
	cachedVersion := db.cache.Version(cachedID)
	suffix := ""
	if lock {
		suffix = " FOR UPDATE"
	}
	var (
		d                 design.Design
		keyHash           string
		content           []byte
		fromID, fromTitle *string
		fromVersion       *int
	)
	err := q.QueryRow(ctx, `SELECT id, edit_key_hash, version, CASE WHEN id = $3 AND version = $2 THEN NULL ELSE content END,
		forked_from_id, forked_from_title, forked_from_version, created_at, updated_at
		FROM designs WHERE `+where+` = $1`+suffix, arg, cachedVersion, cachedID).
		Scan(&d.ID, &keyHash, &d.Version, &content, &fromID, &fromTitle, &fromVersion, &d.CreatedAt, &d.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, "", design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	if err != nil {
		return nil, "", fmt.Errorf("postgres: find design: %w", err)
	}
	if content == nil {
		if cached := db.cache.Get(d.ID, d.Version); cached != nil {
			db.cache.RememberKey(d.ID, keyHash)
			return cached, keyHash, nil
		}
		// Another goroutine replaced the cached copy in between: read it all.
		db.cache.Forget(d.ID)
		return db.findDesign(ctx, q, "id", d.ID, lock)
	}
	if err := design.UnmarshalContent(content, &d); err != nil {
		return nil, "", fmt.Errorf("postgres: design %s: %w", d.ID, err)
	}
	if fromID != nil {
		d.ForkedFrom = &design.ForkOrigin{ID: *fromID, Title: deref(fromTitle), Version: derefInt(fromVersion)}
	}
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	db.cache.Put(&d)
	db.cache.RememberKey(d.ID, keyHash)
	return &d, keyHash, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefInt(i *int) int {
	if i == nil {
		return 0
	}
	return *i
}

// Design returns the current design with the given view id.
func (db *DB) Design(ctx context.Context, id string) (*design.Design, error) {
	d, _, err := db.findDesign(ctx, db.pool, "id", id, false)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// DesignByEditKey returns the design the edit key opens.
func (db *DB) DesignByEditKey(ctx context.Context, editKey string) (*design.Design, error) {
	d, _, err := db.findDesign(ctx, db.pool, "edit_key_hash", design.HashEditKey(editKey), false)
	if design.ErrorCode(err) == design.ENOTFOUND {
		return nil, design.Errorf(design.EFORBIDDEN, "This edit link does not open any design. It may have been replaced by a newer one.")
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// ApplyOps applies a batch as the next version. When the cached design is
// the version the batch is based on, as it is for an editor working alone,
// the edit is one statement (applyCurrent); otherwise, or when that
// statement finds the design has moved on, it takes the row lock
// (applyLocked).
func (db *DB) ApplyOps(ctx context.Context, id, editKey string, b design.Batch) (*design.Applied, error) {
	applied, ok, err := db.applyCurrent(ctx, id, editKey, b)
	if err != nil {
		return nil, err
	}
	if !ok {
		if applied, err = db.applyLocked(ctx, id, editKey, b); err != nil {
			return nil, err
		}
	}
	if !applied.Replayed {
		db.cache.Put(applied.Design.Clone())
	}
	return applied, nil
}

// applyCurrentSQL writes an edit in one round trip, in one statement (so in
// one transaction): it updates the head only if it is still at the version
// the edit was computed from, the key is right and the batch id is not
// recorded yet, and inserts the revision only if the head was updated.
// Revisions are never changed, so the NOT EXISTS needs no lock: a second
// sender of the same id waits on the head's row lock, then finds the
// version moved on and updates nothing.
const applyCurrentSQL = `WITH head AS (
	UPDATE designs SET version = $1, content = $2, updated_at = $3
	WHERE id = $4 AND version = $5 AND edit_key_hash = $6
	AND ($7::text IS NULL OR NOT EXISTS (SELECT FROM revisions WHERE design_id = $4 AND batch_id = $7))
	RETURNING id)
INSERT INTO revisions (design_id, version, ops, inverse, writes, created_at, batch_id, author)
SELECT id, $1, $8, $9, $10, $3, $7, $11::jsonb FROM head`

// errNothingSince is what applyCurrent answers if asked for revisions after
// the current version.
var errNothingSince = errors.New("postgres: no revisions after the current version")

// applyCurrent applies the batch to the cached design and writes it with
// applyCurrentSQL. It answers ok=false, having written nothing, whenever
// the locked path must decide: no cached copy of the base version, a batch
// the cached copy refuses (the database may hold a newer version that takes
// it or refuses it otherwise), a wrong key, a batch id already recorded, or
// a head that moved on.
func (db *DB) applyCurrent(ctx context.Context, id, editKey string, b design.Batch) (*design.Applied, bool, error) {
	if b.BaseVersion < 1 || db.cache.Version(id) != b.BaseVersion {
		return nil, false, nil
	}
	cur := db.cache.Get(id, b.BaseVersion)
	if cur == nil {
		return nil, false, nil
	}
	// Based on the current version, NextRevision reads nothing of what
	// came since; the callbacks are there should that ever change.
	applied, err := design.NextRevision(cur, b, db.cat, db.Now(), design.Since{
		Writes:   func() ([]string, error) { return nil, errNothingSince },
		Inverses: func() ([]design.Ops, error) { return nil, errNothingSince },
	})
	if err != nil {
		return nil, false, nil
	}
	r := applied.Revision
	tag, err := db.pool.Exec(ctx, applyCurrentSQL,
		applied.Design.Version, applied.Content, applied.Design.UpdatedAt, id, cur.Version, design.HashEditKey(editKey),
		batchID(b.ID), r.Ops, nonNil(r.Inverse), r.Writes, r.By)
	if err != nil {
		return nil, false, fmt.Errorf("postgres: write v%d of %s: %w", applied.Design.Version, id, err)
	}
	return applied, tag.RowsAffected() == 1, nil
}

// applyLocked reads the design under its row lock, which serialises writers
// of one design (writers of different designs do not wait), and applies the
// batch to what it read.
func (db *DB) applyLocked(ctx context.Context, id, editKey string, b design.Batch) (*design.Applied, error) {
	var applied *design.Applied
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		cur, keyHash, err := db.findDesign(ctx, tx, "id", id, true)
		if err != nil {
			return err
		}
		if subtle.ConstantTimeCompare([]byte(keyHash), []byte(design.HashEditKey(editKey))) != 1 {
			return design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
		}
		if b.ID != "" {
			// The row lock above keeps another sender of the same id
			// waiting until this transaction has recorded it or not.
			rev, found, err := recordedBatch(ctx, tx, id, b.ID)
			if err != nil {
				return err
			}
			if found {
				applied = &design.Applied{Design: cur.Clone(), Revision: rev, Replayed: true}
				return nil
			}
		}
		applied, err = design.NextRevision(cur, b, db.cat, db.Now(), design.Since{
			Writes:   func() ([]string, error) { return writesSince(ctx, tx, id, b.BaseVersion) },
			Inverses: func() ([]design.Ops, error) { return inversesSince(ctx, tx, id, b.BaseVersion) },
		})
		if err != nil {
			return err
		}
		batch := &pgx.Batch{}
		batch.Queue(`UPDATE designs SET version = $1, content = $2, updated_at = $3 WHERE id = $4`,
			applied.Design.Version, applied.Content, applied.Design.UpdatedAt, id)
		queueRevision(batch, id, applied.Revision, b.ID)
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("postgres: write v%d of %s: %w", applied.Design.Version, id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return applied, nil
}

// recordedBatch finds the revision that recorded a batch id.
func recordedBatch(ctx context.Context, tx pgx.Tx, id, batchID string) (design.Revision, bool, error) {
	var r design.Revision
	err := tx.QueryRow(ctx, `SELECT version, ops, inverse, writes, created_at, author FROM revisions
		WHERE design_id = $1 AND batch_id = $2`, id, batchID).Scan(&r.Version, &r.Ops, &r.Inverse, &r.Writes, &r.CreatedAt, &r.By)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("postgres: find batch %s of %s: %w", batchID, id, err)
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return r, true, nil
}

// inversesSince returns the inverses of the revisions after version,
// newest first.
func inversesSince(ctx context.Context, tx pgx.Tx, id string, version int) ([]design.Ops, error) {
	rows, err := tx.Query(ctx, `SELECT inverse FROM revisions WHERE design_id = $1 AND version > $2 ORDER BY version DESC`, id, version)
	if err != nil {
		return nil, fmt.Errorf("postgres: read inverses of %s since v%d: %w", id, version, err)
	}
	all, err := pgx.CollectRows(rows, pgx.RowTo[design.Ops])
	if err != nil {
		return nil, fmt.Errorf("postgres: scan inverses of %s: %w", id, err)
	}
	return all, nil
}

func writesSince(ctx context.Context, tx pgx.Tx, id string, version int) ([]string, error) {
	var keys []string
	err := tx.QueryRow(ctx, `SELECT coalesce(array_agg(k), '{}') FROM revisions, unnest(writes) AS k
		WHERE design_id = $1 AND version > $2`, id, version).Scan(&keys)
	if err != nil {
		return nil, fmt.Errorf("postgres: read writes of %s since v%d: %w", id, version, err)
	}
	return keys, nil
}

// Revisions returns the design's history, newest first.
func (db *DB) Revisions(ctx context.Context, id string, before, limit int) ([]design.Revision, error) {
	if _, _, err := db.findDesign(ctx, db.pool, "id", id, false); err != nil {
		return nil, err
	}
	if before <= 0 {
		before = 1<<31 - 1
	}
	rows, err := db.pool.Query(ctx, `SELECT version, ops, inverse, created_at, author FROM revisions
		WHERE design_id = $1 AND version < $2 ORDER BY version DESC LIMIT $3`, id, before, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: list revisions of %s: %w", id, err)
	}
	revs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (design.Revision, error) {
		var r design.Revision
		err := row.Scan(&r.Version, &r.Ops, &r.Inverse, &r.CreatedAt, &r.By)
		r.CreatedAt = r.CreatedAt.UTC()
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: scan revisions of %s: %w", id, err)
	}
	return revs, nil
}

// RotateEditKey replaces the design's edit key.
func (db *DB) RotateEditKey(ctx context.Context, id, editKey string) (string, error) {
	key := design.NewEditKey()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var keyHash string
		err := tx.QueryRow(ctx, `SELECT edit_key_hash FROM designs WHERE id = $1 FOR UPDATE`, id).Scan(&keyHash)
		if errors.Is(err, pgx.ErrNoRows) {
			return design.Errorf(design.ENOTFOUND, "There is no such design.")
		}
		if err != nil {
			return fmt.Errorf("postgres: find design %s: %w", id, err)
		}
		if subtle.ConstantTimeCompare([]byte(keyHash), []byte(design.HashEditKey(editKey))) != 1 {
			return design.Errorf(design.EFORBIDDEN, "The edit key does not open this design.")
		}
		if _, err := tx.Exec(ctx, `UPDATE designs SET edit_key_hash = $1 WHERE id = $2`, design.HashEditKey(key), id); err != nil {
			return fmt.Errorf("postgres: rotate the edit key of %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return "", err
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
