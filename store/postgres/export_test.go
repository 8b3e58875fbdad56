package postgres

import (
	"context"
	"testing"
)

// StoredEditKey reads the edit-key column of a design's row as it is stored.
func (db *DB) StoredEditKey(tb testing.TB, id string) string {
	tb.Helper()
	var v string
	if err := db.pool.QueryRow(context.Background(), `SELECT edit_key_hash FROM designs WHERE id = $1`, id).Scan(&v); err != nil {
		tb.Fatal(err)
	}
	return v
}

// Sizes are what a design's tables take on disk, with their indexes and
// TOAST, what the revision rows hold, and the size of the last design's
// content as text and as stored (compressed, maybe out of line).
type Sizes struct {
	Designs, Revisions, RevisionRows, Content, StoredContent int64
}

// TableSizes measures the tables as they are now.
func (db *DB) TableSizes(tb testing.TB) Sizes {
	tb.Helper()
	var s Sizes
	if err := db.pool.QueryRow(context.Background(), `SELECT pg_total_relation_size('designs'), pg_total_relation_size('revisions'),
		(SELECT coalesce(sum(pg_column_size(r.*)), 0) FROM revisions r),
		(SELECT coalesce(max(octet_length(content::text)), 0) FROM designs),
		(SELECT coalesce(max(pg_column_size(content)), 0) FROM designs)`).Scan(&s.Designs, &s.Revisions, &s.RevisionRows, &s.Content, &s.StoredContent); err != nil {
		tb.Fatal(err)
	}
	return s
}

// StoredCohortKeys reads what a cohort's row and a member's row hold in
// place of their keys: the join and instructor key columns, the sealed
// join key and the member's key column.
func (db *DB) StoredCohortKeys(tb testing.TB, cohortID, memberID string) []string {
	tb.Helper()
	var join, instructor, sealed, member string
	if err := db.pool.QueryRow(context.Background(), `SELECT join_key_hash, instructor_key_hash, sealed_join_key,
		(SELECT key_hash FROM cohort_members WHERE id = $1) FROM cohorts WHERE id = $2`, memberID, cohortID).Scan(&join, &instructor, &sealed, &member); err != nil {
		tb.Fatal(err)
	}
	return []string{join, instructor, sealed, member}
}

// StoredSpaceKey reads the key column of a space's row as it is stored.
func (db *DB) StoredSpaceKey(tb testing.TB, id string) string {
	tb.Helper()
	var v string
	if err := db.pool.QueryRow(context.Background(), `SELECT key_hash FROM spaces WHERE id = $1`, id).Scan(&v); err != nil {
		tb.Fatal(err)
	}
	return v
}
