package sqlite

import (
	"context"
	"database/sql"
	"testing"
)

// StoredEditKey reads the edit-key column of a design's row as it is on disk.
func (db *DB) StoredEditKey(tb testing.TB, id string) string {
	tb.Helper()
	var v string
	if err := db.read.QueryRowContext(context.Background(), `SELECT edit_key_hash FROM designs WHERE id = ?`, id).Scan(&v); err != nil {
		tb.Fatal(err)
	}
	return v
}

// Synchronous sets how the writer syncs commits (FULL or NORMAL), for the
// benchmark that measures what durability costs.
func (db *DB) Synchronous(tb testing.TB, level string) {
	tb.Helper()
	if _, err := db.write.ExecContext(context.Background(), "PRAGMA synchronous = "+level); err != nil {
		tb.Fatal(err)
	}
}

// SynchronousLevel reads the writer's sync level: 1 NORMAL, 2 FULL.
func (db *DB) SynchronousLevel(tb testing.TB) int {
	tb.Helper()
	var n int
	if err := db.write.QueryRowContext(context.Background(), "PRAGMA synchronous").Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// Writer is the writer connection, with the store's pragmas, for the floor
// benchmark that commits bare rows beside the store's edits.
func (db *DB) Writer() *sql.DB { return db.write }

// StoredCohortKeys reads what a cohort's row and a member's row hold in
// place of their keys: the join and instructor key columns, the sealed
// join key and the member's key column.
func (db *DB) StoredCohortKeys(tb testing.TB, cohortID, memberID string) []string {
	tb.Helper()
	var join, instructor, sealed, member string
	if err := db.read.QueryRowContext(context.Background(), `SELECT join_key_hash, instructor_key_hash, sealed_join_key,
		(SELECT key_hash FROM cohort_members WHERE id = ?) FROM cohorts WHERE id = ?`, memberID, cohortID).Scan(&join, &instructor, &sealed, &member); err != nil {
		tb.Fatal(err)
	}
	return []string{join, instructor, sealed, member}
}

// StoredSpaceKey reads the key column of a space's row as it is on disk.
func (db *DB) StoredSpaceKey(tb testing.TB, id string) string {
	tb.Helper()
	var v string
	if err := db.read.QueryRowContext(context.Background(), `SELECT key_hash FROM spaces WHERE id = ?`, id).Scan(&v); err != nil {
		tb.Fatal(err)
	}
	return v
}
