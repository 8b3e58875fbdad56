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

// StartLab records which lab a design was started from.
func (db *DB) StartLab(ctx context.Context, s design.LabStart) error {
	if s.StartedAt.IsZero() {
		s.StartedAt = db.Now()
	}
	s.StartedAt = s.StartedAt.UTC().Truncate(time.Microsecond)
	member := sql.NullString{String: s.MemberID, Valid: s.MemberID != ""}
	_, err := db.write.ExecContext(ctx, `INSERT INTO lab_designs (design_id, lab, member_id, sealed_key, started_at)
		VALUES (?, ?, ?, ?, ?)`, s.DesignID, s.Lab, member, s.SealedKey, formatTime(s.StartedAt))
	if err != nil {
		msg := err.Error()
		switch {
		case strings.Contains(msg, "UNIQUE constraint failed: lab_designs.member_id"):
			return design.Errorf(design.ECONFLICT, "This trainee has already started lab %s.", s.Lab)
		case strings.Contains(msg, "UNIQUE constraint failed: lab_designs.design_id"):
			return design.Errorf(design.ECONFLICT, "This design was already started from a lab.")
		case strings.Contains(msg, "FOREIGN KEY constraint failed"):
			return design.Errorf(design.ENOTFOUND, "There is no such design or trainee.")
		}
		return fmt.Errorf("sqlite: start lab %s for %s: %w", s.Lab, s.DesignID, err)
	}
	return nil
}

const labColumns = `design_id, lab, COALESCE(member_id, ''), sealed_key, hints, started_at, completed_at`

func scanLab(row interface{ Scan(...any) error }) (design.LabProgress, error) {
	var p design.LabProgress
	var started string
	var completed sql.NullString
	if err := row.Scan(&p.DesignID, &p.Lab, &p.MemberID, &p.SealedKey, &p.Hints, &started, &completed); err != nil {
		return p, err
	}
	var err error
	if p.StartedAt, err = parseTime(started); err != nil {
		return p, err
	}
	if completed.Valid {
		t, err := parseTime(completed.String)
		if err != nil {
			return p, err
		}
		p.CompletedAt = &t
	}
	return p, nil
}

// LabOf returns a design's lab record.
func (db *DB) LabOf(ctx context.Context, designID string) (*design.LabProgress, error) {
	p, err := scanLab(db.read.QueryRowContext(ctx, `SELECT `+labColumns+` FROM lab_designs WHERE design_id = ?`, designID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, design.Errorf(design.ENOTFOUND, "This design was not started from a lab.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: lab of %s: %w", designID, err)
	}
	return &p, nil
}

// UseHint counts a hint, up to limit.
func (db *DB) UseHint(ctx context.Context, designID string, limit int) (*design.LabProgress, error) {
	if _, err := db.write.ExecContext(ctx, `UPDATE lab_designs SET hints = MIN(hints + 1, ?) WHERE design_id = ?`, limit, designID); err != nil {
		return nil, fmt.Errorf("sqlite: count a hint of %s: %w", designID, err)
	}
	return db.labOfWriter(ctx, designID)
}

// labOfWriter reads a lab record on the writer, so that it sees the write
// just made.
func (db *DB) labOfWriter(ctx context.Context, designID string) (*design.LabProgress, error) {
	p, err := scanLab(db.write.QueryRowContext(ctx, `SELECT `+labColumns+` FROM lab_designs WHERE design_id = ?`, designID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, design.Errorf(design.ENOTFOUND, "This design was not started from a lab.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: lab of %s: %w", designID, err)
	}
	return &p, nil
}

// CompleteLab records the first time a lab design met its goals.
func (db *DB) CompleteLab(ctx context.Context, designID string, at time.Time) error {
	res, err := db.write.ExecContext(ctx, `UPDATE lab_designs SET completed_at = COALESCE(completed_at, ?) WHERE design_id = ?`, formatTime(at), designID)
	if err != nil {
		return fmt.Errorf("sqlite: complete lab %s: %w", designID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return design.Errorf(design.ENOTFOUND, "This design was not started from a lab.")
	}
	return nil
}

// CreateCohort stores a cohort with new keys.
func (db *DB) CreateCohort(ctx context.Context, title string, labs []string) (*design.CohortCreated, error) {
	c := &design.Cohort{ID: design.NewViewID(), Title: strings.TrimSpace(title), Labs: labs, CreatedAt: db.Now().UTC().Truncate(time.Microsecond)}
	join, instructor := design.NewEditKey(), design.NewEditKey()
	labsJSON, err := json.Marshal(labs)
	if err != nil {
		return nil, fmt.Errorf("sqlite: encode labs: %w", err)
	}
	c.SealedJoinKey = design.SealKey(instructor, join)
	if _, err := db.write.ExecContext(ctx, `INSERT INTO cohorts (id, title, labs, join_key_hash, instructor_key_hash, sealed_join_key, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, c.Title, string(labsJSON), design.HashEditKey(join), design.HashEditKey(instructor), c.SealedJoinKey, formatTime(c.CreatedAt)); err != nil {
		return nil, fmt.Errorf("sqlite: insert cohort: %w", err)
	}
	return &design.CohortCreated{Cohort: c, JoinKey: join, InstructorKey: instructor}, nil
}

func (db *DB) cohortBy(ctx context.Context, column, value string) (*design.Cohort, error) {
	var c design.Cohort
	var labs, created string
	err := db.read.QueryRowContext(ctx, `SELECT id, title, labs, sealed_join_key, created_at FROM cohorts WHERE `+column+` = ?`, value).
		Scan(&c.ID, &c.Title, &labs, &c.SealedJoinKey, &created)
	if errors.Is(err, sql.ErrNoRows) {
		if column == "id" {
			return nil, design.Errorf(design.ENOTFOUND, "There is no such cohort.")
		}
		return nil, design.Errorf(design.EFORBIDDEN, "This link opens no cohort.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find cohort: %w", err)
	}
	if err := json.Unmarshal([]byte(labs), &c.Labs); err != nil {
		return nil, fmt.Errorf("sqlite: cohort %s labs: %w", c.ID, err)
	}
	if c.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	return &c, nil
}

// CohortByJoinKey returns the cohort a join key opens.
func (db *DB) CohortByJoinKey(ctx context.Context, key string) (*design.Cohort, error) {
	return db.cohortBy(ctx, "join_key_hash", design.HashEditKey(key))
}

// CohortByInstructorKey returns the cohort an instructor key opens.
func (db *DB) CohortByInstructorKey(ctx context.Context, key string) (*design.Cohort, error) {
	return db.cohortBy(ctx, "instructor_key_hash", design.HashEditKey(key))
}

// Cohort returns the cohort with the given id.
func (db *DB) Cohort(ctx context.Context, id string) (*design.Cohort, error) {
	return db.cohortBy(ctx, "id", id)
}

// JoinCohort adds a member with a new personal key.
func (db *DB) JoinCohort(ctx context.Context, cohortID, name string) (*design.MemberJoined, error) {
	m := &design.Member{ID: design.NewViewID(), CohortID: cohortID, Name: strings.TrimSpace(name), JoinedAt: db.Now().UTC().Truncate(time.Microsecond)}
	key := design.NewEditKey()
	_, err := db.write.ExecContext(ctx, `INSERT INTO cohort_members (id, cohort_id, name, key_hash, joined_at) VALUES (?, ?, ?, ?, ?)`,
		m.ID, cohortID, m.Name, design.HashEditKey(key), formatTime(m.JoinedAt))
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY constraint failed") {
			return nil, design.Errorf(design.ENOTFOUND, "There is no such cohort.")
		}
		return nil, fmt.Errorf("sqlite: join cohort %s: %w", cohortID, err)
	}
	return &design.MemberJoined{Member: m, Key: key}, nil
}

func scanMember(row interface{ Scan(...any) error }) (design.Member, error) {
	var m design.Member
	var joined string
	if err := row.Scan(&m.ID, &m.CohortID, &m.Name, &joined); err != nil {
		return m, err
	}
	var err error
	m.JoinedAt, err = parseTime(joined)
	return m, err
}

// MemberByKey returns the member a personal key opens and their labs.
func (db *DB) MemberByKey(ctx context.Context, key string) (*design.Member, []design.LabProgress, error) {
	m, err := scanMember(db.read.QueryRowContext(ctx, `SELECT id, cohort_id, name, joined_at FROM cohort_members WHERE key_hash = ?`, design.HashEditKey(key)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, design.Errorf(design.EFORBIDDEN, "This link opens no trainee's labs.")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: find member: %w", err)
	}
	labs, err := db.labsWhere(ctx, `member_id = ?`, m.ID)
	if err != nil {
		return nil, nil, err
	}
	return &m, labs, nil
}

func (db *DB) labsWhere(ctx context.Context, where string, arg string) ([]design.LabProgress, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+labColumns+` FROM lab_designs WHERE `+where+` ORDER BY started_at, design_id`, arg)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list lab designs: %w", err)
	}
	defer rows.Close()
	var out []design.LabProgress
	for rows.Next() {
		p, err := scanLab(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: scan lab design: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CohortProgress returns a cohort's members and their lab designs.
func (db *DB) CohortProgress(ctx context.Context, cohortID string) ([]design.Member, []design.LabProgress, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, cohort_id, name, joined_at FROM cohort_members WHERE cohort_id = ? ORDER BY joined_at, id`, cohortID)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: list members of %s: %w", cohortID, err)
	}
	defer rows.Close()
	var members []design.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("sqlite: scan member: %w", err)
		}
		members = append(members, m)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	labs, err := db.labsWhere(ctx, `member_id IN (SELECT id FROM cohort_members WHERE cohort_id = ?)`, cohortID)
	if err != nil {
		return nil, nil, err
	}
	return members, labs, nil
}
