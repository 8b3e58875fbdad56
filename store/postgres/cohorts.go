package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/archlab/archlab/design"
)

// StartLab records which lab a design was started from.
func (db *DB) StartLab(ctx context.Context, s design.LabStart) error {
	if s.StartedAt.IsZero() {
		s.StartedAt = db.Now()
	}
	s.StartedAt = s.StartedAt.UTC().Truncate(time.Microsecond)
	var member *string
	if s.MemberID != "" {
		member = &s.MemberID
	}
	_, err := db.pool.Exec(ctx, `INSERT INTO lab_designs (design_id, lab, member_id, sealed_key, started_at)
		VALUES ($1, $2, $3, $4, $5)`, s.DesignID, s.Lab, member, s.SealedKey, s.StartedAt)
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch {
		case pg.Code == "23505" && pg.ConstraintName == "lab_designs_member_lab":
			return design.Errorf(design.ECONFLICT, "This trainee has already started lab %s.", s.Lab)
		case pg.Code == "23505":
			return design.Errorf(design.ECONFLICT, "This design was already started from a lab.")
		case pg.Code == "23503":
			return design.Errorf(design.ENOTFOUND, "There is no such design or trainee.")
		}
	}
	if err != nil {
		return fmt.Errorf("postgres: start lab %s for %s: %w", s.Lab, s.DesignID, err)
	}
	return nil
}

const labColumns = `design_id, lab, COALESCE(member_id, ''), sealed_key, hints, started_at, completed_at`

func scanLab(row pgx.Row) (design.LabProgress, error) {
	var p design.LabProgress
	err := row.Scan(&p.DesignID, &p.Lab, &p.MemberID, &p.SealedKey, &p.Hints, &p.StartedAt, &p.CompletedAt)
	p.StartedAt = p.StartedAt.UTC()
	if p.CompletedAt != nil {
		t := p.CompletedAt.UTC()
		p.CompletedAt = &t
	}
	return p, err
}

func (db *DB) labOf(ctx context.Context, designID string) (*design.LabProgress, error) {
	p, err := scanLab(db.pool.QueryRow(ctx, `SELECT `+labColumns+` FROM lab_designs WHERE design_id = $1`, designID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, design.Errorf(design.ENOTFOUND, "This design was not started from a lab.")
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: lab of %s: %w", designID, err)
	}
	return &p, nil
}

// LabOf returns a design's lab record.
func (db *DB) LabOf(ctx context.Context, designID string) (*design.LabProgress, error) {
	return db.labOf(ctx, designID)
}

// UseHint counts a hint, up to limit.
func (db *DB) UseHint(ctx context.Context, designID string, limit int) (*design.LabProgress, error) {
	p, err := scanLab(db.pool.QueryRow(ctx, `UPDATE lab_designs SET hints = LEAST(hints + 1, $1) WHERE design_id = $2
		RETURNING `+labColumns, limit, designID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, design.Errorf(design.ENOTFOUND, "This design was not started from a lab.")
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: count a hint of %s: %w", designID, err)
	}
	return &p, nil
}

// CompleteLab records the first time a lab design met its goals.
func (db *DB) CompleteLab(ctx context.Context, designID string, at time.Time) error {
	tag, err := db.pool.Exec(ctx, `UPDATE lab_designs SET completed_at = COALESCE(completed_at, $1) WHERE design_id = $2`, at, designID)
	if err != nil {
		return fmt.Errorf("postgres: complete lab %s: %w", designID, err)
	}
	if tag.RowsAffected() == 0 {
		return design.Errorf(design.ENOTFOUND, "This design was not started from a lab.")
	}
	return nil
}

// CreateCohort stores a cohort with new keys.
func (db *DB) CreateCohort(ctx context.Context, title string, labs []string) (*design.CohortCreated, error) {
	c := &design.Cohort{ID: design.NewViewID(), Title: strings.TrimSpace(title), Labs: labs, CreatedAt: db.Now().UTC().Truncate(time.Microsecond)}
	join, instructor := design.NewEditKey(), design.NewEditKey()
	c.SealedJoinKey = design.SealKey(instructor, join)
	if _, err := db.pool.Exec(ctx, `INSERT INTO cohorts (id, title, labs, join_key_hash, instructor_key_hash, sealed_join_key, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, c.ID, c.Title, labs, design.HashEditKey(join), design.HashEditKey(instructor), c.SealedJoinKey, c.CreatedAt); err != nil {
		return nil, fmt.Errorf("postgres: insert cohort: %w", err)
	}
	return &design.CohortCreated{Cohort: c, JoinKey: join, InstructorKey: instructor}, nil
}

func (db *DB) cohortBy(ctx context.Context, column, value string) (*design.Cohort, error) {
	var c design.Cohort
	err := db.pool.QueryRow(ctx, `SELECT id, title, labs, sealed_join_key, created_at FROM cohorts WHERE `+column+` = $1`, value).
		Scan(&c.ID, &c.Title, &c.Labs, &c.SealedJoinKey, &c.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		if column == "id" {
			return nil, design.Errorf(design.ENOTFOUND, "There is no such cohort.")
		}
		return nil, design.Errorf(design.EFORBIDDEN, "This link opens no cohort.")
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: find cohort: %w", err)
	}
	c.CreatedAt = c.CreatedAt.UTC()
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
	_, err := db.pool.Exec(ctx, `INSERT INTO cohort_members (id, cohort_id, name, key_hash, joined_at) VALUES ($1, $2, $3, $4, $5)`,
		m.ID, cohortID, m.Name, design.HashEditKey(key), m.JoinedAt)
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23503" {
		return nil, design.Errorf(design.ENOTFOUND, "There is no such cohort.")
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: join cohort %s: %w", cohortID, err)
	}
	return &design.MemberJoined{Member: m, Key: key}, nil
}

func scanMember(row pgx.Row) (design.Member, error) {
	var m design.Member
	err := row.Scan(&m.ID, &m.CohortID, &m.Name, &m.JoinedAt)
	m.JoinedAt = m.JoinedAt.UTC()
	return m, err
}

// MemberByKey returns the member a personal key opens and their labs.
func (db *DB) MemberByKey(ctx context.Context, key string) (*design.Member, []design.LabProgress, error) {
	m, err := scanMember(db.pool.QueryRow(ctx, `SELECT id, cohort_id, name, joined_at FROM cohort_members WHERE key_hash = $1`, design.HashEditKey(key)))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, design.Errorf(design.EFORBIDDEN, "This link opens no trainee's labs.")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: find member: %w", err)
	}
	labs, err := db.labsWhere(ctx, `member_id = $1`, m.ID)
	if err != nil {
		return nil, nil, err
	}
	return &m, labs, nil
}

func (db *DB) labsWhere(ctx context.Context, where, arg string) ([]design.LabProgress, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+labColumns+` FROM lab_designs WHERE `+where+` ORDER BY started_at, design_id`, arg)
	if err != nil {
		return nil, fmt.Errorf("postgres: list lab designs: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (design.LabProgress, error) { return scanLab(row) })
	if err != nil {
		return nil, fmt.Errorf("postgres: scan lab designs: %w", err)
	}
	return out, nil
}

// CohortProgress returns a cohort's members and their lab designs.
func (db *DB) CohortProgress(ctx context.Context, cohortID string) ([]design.Member, []design.LabProgress, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, cohort_id, name, joined_at FROM cohort_members WHERE cohort_id = $1 ORDER BY joined_at, id`, cohortID)
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: list members of %s: %w", cohortID, err)
	}
	members, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (design.Member, error) { return scanMember(row) })
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: scan members: %w", err)
	}
	labs, err := db.labsWhere(ctx, `member_id IN (SELECT id FROM cohort_members WHERE cohort_id = $1)`, cohortID)
	if err != nil {
		return nil, nil, err
	}
	return members, labs, nil
}
