package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/archlab/archlab/design"
)

// reviewStateSQL is the one place a listed design's review state is read
// from (sd is space_designs): the state of the design's latest review
// event, draft without one.
const reviewStateSQL = `COALESCE((SELECT r.state FROM review_events r WHERE r.design_id = sd.design_id ORDER BY r.seq DESC LIMIT 1), 'draft')`

// CreateSpace stores a new space with a new key.
func (db *DB) CreateSpace(ctx context.Context, title string) (*design.SpaceCreated, error) {
	title, err := design.SpaceTitle(title)
	if err != nil {
		return nil, err
	}
	s := &design.Space{ID: design.NewViewID(), Title: title, CreatedAt: db.Now().UTC()}
	key := design.NewEditKey()
	if _, err = db.pool.Exec(ctx, `INSERT INTO spaces (id, key_hash, title, created_at) VALUES ($1, $2, $3, $4)`,
		s.ID, design.HashEditKey(key), s.Title, s.CreatedAt); err != nil {
		return nil, fmt.Errorf("postgres: insert space: %w", err)
	}
	return &design.SpaceCreated{Space: s, Key: key}, nil
}

const spaceColumns = `s.id, s.title, s.created_at, (SELECT count(*) FROM space_designs sd WHERE sd.space_id = s.id)`

func scanSpace(row pgx.Row) (*design.Space, error) {
	var s design.Space
	if err := row.Scan(&s.ID, &s.Title, &s.CreatedAt, &s.Designs); err != nil {
		return nil, err
	}
	s.CreatedAt = s.CreatedAt.UTC()
	return &s, nil
}

// SpaceByKey returns the space the key opens.
func (db *DB) SpaceByKey(ctx context.Context, key string) (*design.Space, error) {
	s, err := scanSpace(db.pool.QueryRow(ctx, `SELECT `+spaceColumns+` FROM spaces s WHERE key_hash = $1`, design.HashEditKey(key)))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, design.Errorf(design.EFORBIDDEN, "This space link does not open any space.")
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: find space by key: %w", err)
	}
	return s, nil
}

// Space returns the space with the given id.
func (db *DB) Space(ctx context.Context, id string) (*design.Space, error) {
	s, err := scanSpace(db.pool.QueryRow(ctx, `SELECT `+spaceColumns+` FROM spaces s WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, design.Errorf(design.ENOTFOUND, "There is no such space.")
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: find space %s: %w", id, err)
	}
	return s, nil
}

// Spaces lists every space, newest first.
func (db *DB) Spaces(ctx context.Context, limit int) ([]design.Space, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+spaceColumns+` FROM spaces s ORDER BY created_at DESC, id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: list spaces: %w", err)
	}
	defer rows.Close()
	all := []design.Space{}
	for rows.Next() {
		s, err := scanSpace(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: scan space: %w", err)
		}
		all = append(all, *s)
	}
	return all, rows.Err()
}

// SpaceOf returns the id of the space a design is in.
func (db *DB) SpaceOf(ctx context.Context, designID string) (string, error) {
	var id string
	err := db.pool.QueryRow(ctx, `SELECT space_id FROM space_designs WHERE design_id = $1`, designID).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("postgres: find the space of %s: %w", designID, err)
	}
	return id, nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// PlaceDesign puts a design into a space with its summary. The insert
// takes the space and the design from their tables, so an unknown one
// inserts nothing.
func (db *DB) PlaceDesign(ctx context.Context, spaceID string, s design.Summary) error {
	tag, err := db.pool.Exec(ctx, `INSERT INTO space_designs
		(design_id, space_id, version, title, services, rules, errors, warnings, infos, changed_at, changed_by, added_at)
		SELECT d.id, sp.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM designs d, spaces sp WHERE d.id = $1 AND sp.id = $2
		ON CONFLICT (design_id) DO UPDATE SET space_id = excluded.space_id, version = excluded.version, title = excluded.title,
		services = excluded.services, rules = excluded.rules, errors = excluded.errors, warnings = excluded.warnings,
		infos = excluded.infos, changed_at = excluded.changed_at, changed_by = excluded.changed_by, added_at = excluded.added_at`,
		s.DesignID, spaceID, s.Version, s.Title, nonNilStrings(s.Services), nonNilStrings(s.Rules), s.Errors, s.Warnings, s.Infos,
		s.ChangedAt, nullString(s.ChangedBy), db.Now().UTC())
	if err != nil {
		return fmt.Errorf("postgres: place %s in space %s: %w", s.DesignID, spaceID, err)
	}
	if tag.RowsAffected() == 0 {
		if _, err := db.Space(ctx, spaceID); err != nil {
			return err
		}
		return design.Errorf(design.ENOTFOUND, "There is no such design.")
	}
	return nil
}

// RemoveDesign takes a design out of a space.
func (db *DB) RemoveDesign(ctx context.Context, spaceID, designID string) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM space_designs WHERE space_id = $1 AND design_id = $2`, spaceID, designID)
	if err != nil {
		return fmt.Errorf("postgres: remove %s from space %s: %w", designID, spaceID, err)
	}
	if tag.RowsAffected() == 0 {
		return design.Errorf(design.ENOTFOUND, "That design is not in this space.")
	}
	return nil
}

// UpdateSummary records a newer summary of a design in a space.
func (db *DB) UpdateSummary(ctx context.Context, s design.Summary) error {
	if _, err := db.pool.Exec(ctx, `UPDATE space_designs SET version = $1, title = $2, services = $3, rules = $4,
		errors = $5, warnings = $6, infos = $7, changed_at = $8, changed_by = $9 WHERE design_id = $10 AND version < $1`,
		s.Version, s.Title, nonNilStrings(s.Services), nonNilStrings(s.Rules), s.Errors, s.Warnings, s.Infos, s.ChangedAt,
		nullString(s.ChangedBy), s.DesignID); err != nil {
		return fmt.Errorf("postgres: update the summary of %s: %w", s.DesignID, err)
	}
	return nil
}

// SpaceDesigns lists a space's designs that pass the filter: the title
// through its tsvector (GIN), services and rules through their arrays'
// GIN indexes.
func (db *DB) SpaceDesigns(ctx context.Context, spaceID string, f design.SpaceFilter) ([]design.SpaceItem, error) {
	where := []string{"sd.space_id = $1"}
	args := []any{spaceID}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if words := design.QueryWords(f.Query); len(words) > 0 {
		// Words of letters and digits only, each a prefix: nothing a user
		// types is read as tsquery syntax.
		terms := make([]string, len(words))
		for i, w := range words {
			terms[i] = w + ":*"
		}
		where = append(where, `sd.search @@ to_tsquery('simple', `+arg(strings.Join(terms, " & "))+`)`)
	}
	if f.Service != "" {
		where = append(where, `sd.services @> ARRAY[`+arg(f.Service)+`::text]`)
	}
	if f.Rule != "" {
		where = append(where, `sd.rules @> ARRAY[`+arg(f.Rule)+`::text]`)
	}
	if f.State != "" {
		where = append(where, reviewStateSQL+` = `+arg(f.State))
	}
	limit := f.Limit
	if limit <= 0 || limit > design.MaxSpaceListing {
		limit = design.MaxSpaceListing
	}
	rows, err := db.pool.Query(ctx, `SELECT sd.design_id, sd.version, sd.title, sd.services, sd.rules, sd.errors, sd.warnings, sd.infos,
		sd.changed_at, sd.changed_by, sd.added_at, `+reviewStateSQL+`
		FROM space_designs sd WHERE `+strings.Join(where, " AND ")+` ORDER BY sd.changed_at DESC, sd.design_id LIMIT `+arg(limit), args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: list space %s: %w", spaceID, err)
	}
	defer rows.Close()
	items := []design.SpaceItem{}
	for rows.Next() {
		var it design.SpaceItem
		var by *string
		if err := rows.Scan(&it.DesignID, &it.Version, &it.Title, &it.Services, &it.Rules, &it.Errors, &it.Warnings, &it.Infos,
			&it.ChangedAt, &by, &it.AddedAt, &it.ReviewState); err != nil {
			return nil, fmt.Errorf("postgres: scan space design: %w", err)
		}
		it.ChangedBy = deref(by)
		it.ChangedAt, it.AddedAt = it.ChangedAt.UTC(), it.AddedAt.UTC()
		items = append(items, it)
	}
	return items, rows.Err()
}

// AddHook stores a webhook of a space. The space's row lock keeps two
// concurrent additions from both passing the count.
func (db *DB) AddHook(ctx context.Context, h design.Hook) (*design.Hook, error) {
	h.ID, h.CreatedAt = design.NewViewID(), db.Now().UTC()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM space_hooks WHERE space_id = $1) FROM spaces WHERE id = $1 FOR UPDATE`, h.SpaceID).Scan(&n); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return design.Errorf(design.ENOTFOUND, "There is no such space.")
			}
			return fmt.Errorf("postgres: count hooks of %s: %w", h.SpaceID, err)
		}
		if n >= design.MaxHooks {
			return design.Invalid("url", "a space has at most %d webhooks; delete one first", design.MaxHooks)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO space_hooks (id, space_id, url, events, secret, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			h.ID, h.SpaceID, h.URL, nonNilStrings(h.Events), h.Secret, h.CreatedAt); err != nil {
			return fmt.Errorf("postgres: insert hook: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &h, nil
}

// Hooks lists a space's webhooks, oldest first.
func (db *DB) Hooks(ctx context.Context, spaceID string) ([]design.Hook, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, url, events, secret, created_at FROM space_hooks WHERE space_id = $1 ORDER BY created_at, id`, spaceID)
	if err != nil {
		return nil, fmt.Errorf("postgres: list hooks of %s: %w", spaceID, err)
	}
	defer rows.Close()
	hooks := []design.Hook{}
	for rows.Next() {
		h := design.Hook{SpaceID: spaceID}
		if err := rows.Scan(&h.ID, &h.URL, &h.Events, &h.Secret, &h.CreatedAt); err != nil {
			return nil, fmt.Errorf("postgres: scan hook: %w", err)
		}
		h.CreatedAt = h.CreatedAt.UTC()
		hooks = append(hooks, h)
	}
	return hooks, rows.Err()
}

// DeleteHook removes a webhook of a space.
func (db *DB) DeleteHook(ctx context.Context, spaceID, hookID string) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM space_hooks WHERE space_id = $1 AND id = $2`, spaceID, hookID)
	if err != nil {
		return fmt.Errorf("postgres: delete hook %s: %w", hookID, err)
	}
	if tag.RowsAffected() == 0 {
		return design.Errorf(design.ENOTFOUND, "This space has no such webhook.")
	}
	return nil
}

// QueueDeliveries stores webhook deliveries, due at once. The bound is
// checked without a lock: concurrent queues may pass it by a few.
func (db *DB) QueueDeliveries(ctx context.Context, ds []design.Delivery) error {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM hook_deliveries`).Scan(&n); err != nil {
		return fmt.Errorf("postgres: count deliveries: %w", err)
	}
	if n+len(ds) > design.MaxQueuedDeliveries {
		return design.Invalid("deliveries", "%d webhook deliveries are waiting already", n)
	}
	now := db.Now().UTC()
	b := &pgx.Batch{}
	for _, d := range ds {
		b.Queue(`INSERT INTO hook_deliveries (id, hook_id, event, body, next_at) VALUES ($1, $2, $3, $4, $5)`, d.ID, d.HookID, d.Event, d.Body, now)
	}
	if err := db.pool.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("postgres: queue deliveries: %w", err)
	}
	return nil
}

// ClaimDeliveries takes the deliveries due, leasing them; SKIP LOCKED
// lets instances claim side by side without waiting on each other.
func (db *DB) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]design.Delivery, error) {
	rows, err := db.pool.Query(ctx, `WITH due AS (
		SELECT id FROM hook_deliveries WHERE next_at <= $1 ORDER BY next_at LIMIT $3 FOR UPDATE SKIP LOCKED)
		UPDATE hook_deliveries d SET attempts = d.attempts + 1, next_at = $2
		FROM due, space_hooks h WHERE d.id = due.id AND h.id = d.hook_id
		RETURNING d.id, d.hook_id, d.event, d.body, d.attempts, h.url, h.secret`, now, now.Add(lease), limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: claim deliveries: %w", err)
	}
	defer rows.Close()
	var ds []design.Delivery
	for rows.Next() {
		var d design.Delivery
		if err := rows.Scan(&d.ID, &d.HookID, &d.Event, &d.Body, &d.Attempts, &d.URL, &d.Secret); err != nil {
			return nil, fmt.Errorf("postgres: scan delivery: %w", err)
		}
		ds = append(ds, d)
	}
	return ds, rows.Err()
}

// RetryDelivery makes a delivery due again at at.
func (db *DB) RetryDelivery(ctx context.Context, id string, at time.Time) error {
	if _, err := db.pool.Exec(ctx, `UPDATE hook_deliveries SET next_at = $1 WHERE id = $2`, at, id); err != nil {
		return fmt.Errorf("postgres: reschedule delivery %s: %w", id, err)
	}
	return nil
}

// DoneDelivery forgets a delivery.
func (db *DB) DoneDelivery(ctx context.Context, id string) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM hook_deliveries WHERE id = $1`, id); err != nil {
		return fmt.Errorf("postgres: forget delivery %s: %w", id, err)
	}
	return nil
}

// RenameSpace gives a space a new title.
func (db *DB) RenameSpace(ctx context.Context, id, title string) error {
	title, err := design.SpaceTitle(title)
	if err != nil {
		return err
	}
	tag, err := db.pool.Exec(ctx, `UPDATE spaces SET title = $1 WHERE id = $2`, title, id)
	if err != nil {
		return fmt.Errorf("postgres: rename space %s: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return design.Errorf(design.ENOTFOUND, "There is no such space.")
	}
	return nil
}
