package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

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
	if _, err = db.write.ExecContext(ctx, `INSERT INTO spaces (id, key_hash, title, created_at) VALUES (?, ?, ?, ?)`,
		s.ID, design.HashEditKey(key), s.Title, formatTime(s.CreatedAt)); err != nil {
		return nil, fmt.Errorf("sqlite: insert space: %w", err)
	}
	return &design.SpaceCreated{Space: s, Key: key}, nil
}

const spaceColumns = `s.id, s.title, s.created_at, (SELECT count(*) FROM space_designs sd WHERE sd.space_id = s.id)`

func scanSpace(row interface{ Scan(...any) error }) (*design.Space, error) {
	var s design.Space
	var created string
	if err := row.Scan(&s.ID, &s.Title, &created, &s.Designs); err != nil {
		return nil, err
	}
	var err error
	s.CreatedAt, err = parseTime(created)
	return &s, err
}

// SpaceByKey returns the space the key opens.
func (db *DB) SpaceByKey(ctx context.Context, key string) (*design.Space, error) {
	s, err := scanSpace(db.read.QueryRowContext(ctx, `SELECT `+spaceColumns+` FROM spaces s WHERE key_hash = ?`, design.HashEditKey(key)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, design.Errorf(design.EFORBIDDEN, "This space link does not open any space.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find space by key: %w", err)
	}
	return s, nil
}

// Space returns the space with the given id.
func (db *DB) Space(ctx context.Context, id string) (*design.Space, error) {
	s, err := scanSpace(db.read.QueryRowContext(ctx, `SELECT `+spaceColumns+` FROM spaces s WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, design.Errorf(design.ENOTFOUND, "There is no such space.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find space %s: %w", id, err)
	}
	return s, nil
}

// Spaces lists every space, newest first.
func (db *DB) Spaces(ctx context.Context, limit int) ([]design.Space, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+spaceColumns+` FROM spaces s ORDER BY created_at DESC, id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list spaces: %w", err)
	}
	defer rows.Close()
	all := []design.Space{}
	for rows.Next() {
		s, err := scanSpace(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: scan space: %w", err)
		}
		all = append(all, *s)
	}
	return all, rows.Err()
}

// SpaceOf returns the id of the space a design is in.
func (db *DB) SpaceOf(ctx context.Context, designID string) (string, error) {
	var id string
	err := db.read.QueryRowContext(ctx, `SELECT space_id FROM space_designs WHERE design_id = ?`, designID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: find the space of %s: %w", designID, err)
	}
	return id, nil
}

// PlaceDesign puts a design into a space with its summary.
func (db *DB) PlaceDesign(ctx context.Context, spaceID string, s design.Summary) error {
	services, rules, err := summaryLists(s)
	if err != nil {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	for _, q := range []struct{ sql, id, what string }{
		{`SELECT 1 FROM spaces WHERE id = ?`, spaceID, "space"},
		{`SELECT 1 FROM designs WHERE id = ?`, s.DesignID, "design"},
	} {
		var one int
		err := tx.QueryRowContext(ctx, q.sql, q.id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return design.Errorf(design.ENOTFOUND, "There is no such %s.", q.what)
		}
		if err != nil {
			return fmt.Errorf("sqlite: find %s %s: %w", q.what, q.id, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO space_designs
		(design_id, space_id, version, title, services, rules, errors, warnings, infos, changed_at, changed_by, added_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (design_id) DO UPDATE SET space_id = excluded.space_id, version = excluded.version, title = excluded.title,
		services = excluded.services, rules = excluded.rules, errors = excluded.errors, warnings = excluded.warnings,
		infos = excluded.infos, changed_at = excluded.changed_at, changed_by = excluded.changed_by, added_at = excluded.added_at`,
		s.DesignID, spaceID, s.Version, s.Title, services, rules, s.Errors, s.Warnings, s.Infos,
		formatTime(s.ChangedAt), nullString(s.ChangedBy), formatTime(db.Now())); err != nil {
		return fmt.Errorf("sqlite: place %s in space %s: %w", s.DesignID, spaceID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit placing %s: %w", s.DesignID, err)
	}
	return nil
}

func summaryLists(s design.Summary) (services, rules string, err error) {
	sv, err := json.Marshal(nonNilStrings(s.Services))
	if err != nil {
		return "", "", fmt.Errorf("sqlite: encode services: %w", err)
	}
	rv, err := json.Marshal(nonNilStrings(s.Rules))
	if err != nil {
		return "", "", fmt.Errorf("sqlite: encode rules: %w", err)
	}
	return string(sv), string(rv), nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// RemoveDesign takes a design out of a space.
func (db *DB) RemoveDesign(ctx context.Context, spaceID, designID string) error {
	res, err := db.write.ExecContext(ctx, `DELETE FROM space_designs WHERE space_id = ? AND design_id = ?`, spaceID, designID)
	if err != nil {
		return fmt.Errorf("sqlite: remove %s from space %s: %w", designID, spaceID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return design.Errorf(design.ENOTFOUND, "That design is not in this space.")
	}
	return nil
}

// UpdateSummary records a newer summary of a design in a space.
func (db *DB) UpdateSummary(ctx context.Context, s design.Summary) error {
	services, rules, err := summaryLists(s)
	if err != nil {
		return err
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE space_designs SET version = ?, title = ?, services = ?, rules = ?,
		errors = ?, warnings = ?, infos = ?, changed_at = ?, changed_by = ? WHERE design_id = ? AND version < ?`,
		s.Version, s.Title, services, rules, s.Errors, s.Warnings, s.Infos, formatTime(s.ChangedAt), nullString(s.ChangedBy),
		s.DesignID, s.Version); err != nil {
		return fmt.Errorf("sqlite: update the summary of %s: %w", s.DesignID, err)
	}
	return nil
}

// SpaceDesigns lists a space's designs that pass the filter.
func (db *DB) SpaceDesigns(ctx context.Context, spaceID string, f design.SpaceFilter) ([]design.SpaceItem, error) {
	where := []string{"sd.space_id = ?"}
	args := []any{spaceID}
	if words := design.QueryWords(f.Query); len(words) > 0 {
		// Each word a quoted prefix: FTS5 reads nothing in it as syntax.
		terms := make([]string, len(words))
		for i, w := range words {
			terms[i] = `"` + w + `"*`
		}
		where = append(where, `sd.rowid IN (SELECT rowid FROM space_designs_fts WHERE space_designs_fts MATCH ?)`)
		args = append(args, strings.Join(terms, " AND "))
	}
	if f.Service != "" {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(sd.services) WHERE value = ?)`)
		args = append(args, f.Service)
	}
	if f.Rule != "" {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(sd.rules) WHERE value = ?)`)
		args = append(args, f.Rule)
	}
	if f.State != "" {
		where = append(where, reviewStateSQL+` = ?`)
		args = append(args, f.State)
	}
	limit := f.Limit
	if limit <= 0 || limit > design.MaxSpaceListing {
		limit = design.MaxSpaceListing
	}
	args = append(args, limit)
	rows, err := db.read.QueryContext(ctx, `SELECT sd.design_id, sd.version, sd.title, sd.services, sd.rules, sd.errors, sd.warnings, sd.infos,
		sd.changed_at, sd.changed_by, sd.added_at, `+reviewStateSQL+`
		FROM space_designs sd WHERE `+strings.Join(where, " AND ")+` ORDER BY sd.changed_at DESC, sd.design_id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list space %s: %w", spaceID, err)
	}
	defer rows.Close()
	items := []design.SpaceItem{}
	for rows.Next() {
		var it design.SpaceItem
		var services, rules, changed, added string
		var by sql.NullString
		if err := rows.Scan(&it.DesignID, &it.Version, &it.Title, &services, &rules, &it.Errors, &it.Warnings, &it.Infos,
			&changed, &by, &added, &it.ReviewState); err != nil {
			return nil, fmt.Errorf("sqlite: scan space design: %w", err)
		}
		if err := json.Unmarshal([]byte(services), &it.Services); err != nil {
			return nil, fmt.Errorf("sqlite: decode services of %s: %w", it.DesignID, err)
		}
		if err := json.Unmarshal([]byte(rules), &it.Rules); err != nil {
			return nil, fmt.Errorf("sqlite: decode rules of %s: %w", it.DesignID, err)
		}
		it.ChangedBy = by.String
		if it.ChangedAt, err = parseTime(changed); err != nil {
			return nil, err
		}
		if it.AddedAt, err = parseTime(added); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// AddHook stores a webhook of a space.
func (db *DB) AddHook(ctx context.Context, h design.Hook) (*design.Hook, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	var n int
	err = tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM space_hooks WHERE space_id = ?) FROM spaces WHERE id = ?`, h.SpaceID, h.SpaceID).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, design.Errorf(design.ENOTFOUND, "There is no such space.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: count hooks of %s: %w", h.SpaceID, err)
	}
	if n >= design.MaxHooks {
		return nil, design.Invalid("url", "a space has at most %d webhooks; delete one first", design.MaxHooks)
	}
	events, err := json.Marshal(nonNilStrings(h.Events))
	if err != nil {
		return nil, fmt.Errorf("sqlite: encode events: %w", err)
	}
	h.ID, h.CreatedAt = design.NewViewID(), db.Now().UTC()
	if _, err := tx.ExecContext(ctx, `INSERT INTO space_hooks (id, space_id, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		h.ID, h.SpaceID, h.URL, string(events), h.Secret, formatTime(h.CreatedAt)); err != nil {
		return nil, fmt.Errorf("sqlite: insert hook: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit hook: %w", err)
	}
	return &h, nil
}

// Hooks lists a space's webhooks, oldest first.
func (db *DB) Hooks(ctx context.Context, spaceID string) ([]design.Hook, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, url, events, secret, created_at FROM space_hooks WHERE space_id = ? ORDER BY created_at, id`, spaceID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list hooks of %s: %w", spaceID, err)
	}
	defer rows.Close()
	hooks := []design.Hook{}
	for rows.Next() {
		h := design.Hook{SpaceID: spaceID}
		var events, created string
		if err := rows.Scan(&h.ID, &h.URL, &events, &h.Secret, &created); err != nil {
			return nil, fmt.Errorf("sqlite: scan hook: %w", err)
		}
		if err := json.Unmarshal([]byte(events), &h.Events); err != nil {
			return nil, fmt.Errorf("sqlite: decode events of hook %s: %w", h.ID, err)
		}
		if h.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		hooks = append(hooks, h)
	}
	return hooks, rows.Err()
}

// DeleteHook removes a webhook of a space.
func (db *DB) DeleteHook(ctx context.Context, spaceID, hookID string) error {
	res, err := db.write.ExecContext(ctx, `DELETE FROM space_hooks WHERE space_id = ? AND id = ?`, spaceID, hookID)
	if err != nil {
		return fmt.Errorf("sqlite: delete hook %s: %w", hookID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return design.Errorf(design.ENOTFOUND, "This space has no such webhook.")
	}
	return nil
}

// QueueDeliveries stores webhook deliveries, due at once.
func (db *DB) QueueDeliveries(ctx context.Context, ds []design.Delivery) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM hook_deliveries`).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: count deliveries: %w", err)
	}
	if n+len(ds) > design.MaxQueuedDeliveries {
		return design.Invalid("deliveries", "%d webhook deliveries are waiting already", n)
	}
	now := formatTime(db.Now())
	for _, d := range ds {
		if _, err := tx.ExecContext(ctx, `INSERT INTO hook_deliveries (id, hook_id, event, body, next_at) VALUES (?, ?, ?, ?, ?)`,
			d.ID, d.HookID, d.Event, d.Body, now); err != nil {
			return fmt.Errorf("sqlite: queue delivery to hook %s: %w", d.HookID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit deliveries: %w", err)
	}
	return nil
}

// ClaimDeliveries takes the deliveries due, leasing them. The writer is
// one connection, so no other claim runs between the read and the update.
func (db *DB) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]design.Delivery, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.hook_id, d.event, d.body, d.attempts + 1, h.url, h.secret
		FROM hook_deliveries d JOIN space_hooks h ON h.id = d.hook_id WHERE d.next_at <= ? ORDER BY d.next_at LIMIT ?`, formatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find deliveries due: %w", err)
	}
	var ds []design.Delivery
	for rows.Next() {
		var d design.Delivery
		if err := rows.Scan(&d.ID, &d.HookID, &d.Event, &d.Body, &d.Attempts, &d.URL, &d.Secret); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: scan delivery: %w", err)
		}
		ds = append(ds, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find deliveries due: %w", err)
	}
	for _, d := range ds {
		if _, err := tx.ExecContext(ctx, `UPDATE hook_deliveries SET attempts = ?, next_at = ? WHERE id = ?`,
			d.Attempts, formatTime(now.Add(lease)), d.ID); err != nil {
			return nil, fmt.Errorf("sqlite: lease delivery %s: %w", d.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit claim: %w", err)
	}
	return ds, nil
}

// RetryDelivery makes a delivery due again at at.
func (db *DB) RetryDelivery(ctx context.Context, id string, at time.Time) error {
	if _, err := db.write.ExecContext(ctx, `UPDATE hook_deliveries SET next_at = ? WHERE id = ?`, formatTime(at), id); err != nil {
		return fmt.Errorf("sqlite: reschedule delivery %s: %w", id, err)
	}
	return nil
}

// DoneDelivery forgets a delivery.
func (db *DB) DoneDelivery(ctx context.Context, id string) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM hook_deliveries WHERE id = ?`, id); err != nil {
		return fmt.Errorf("sqlite: forget delivery %s: %w", id, err)
	}
	return nil
}

// RenameSpace gives a space a new title.
func (db *DB) RenameSpace(ctx context.Context, id, title string) error {
	title, err := design.SpaceTitle(title)
	if err != nil {
		return err
	}
	res, err := db.write.ExecContext(ctx, `UPDATE spaces SET title = ? WHERE id = ?`, title, id)
	if err != nil {
		return fmt.Errorf("sqlite: rename space %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return design.Errorf(design.ENOTFOUND, "There is no such space.")
	}
	return nil
}
