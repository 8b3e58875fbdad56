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
// TOAST, and what the revision rows hold.
type Sizes struct {
	Designs, Revisions, RevisionRows int64
}

// TableSizes measures the tables as they are now.
func (db *DB) TableSizes(tb testing.TB) Sizes {
	tb.Helper()
	var s Sizes
	if err := db.pool.QueryRow(context.Background(), `SELECT pg_total_relation_size('designs'), pg_total_relation_size('revisions'),
		(SELECT coalesce(sum(pg_column_size(r.*)), 0) FROM revisions r)`).Scan(&s.Designs, &s.Revisions, &s.RevisionRows); err != nil {
		tb.Fatal(err)
	}
	return s
}

func (db *DB) Debug(tb testing.TB) string {
	var s string
	db.pool.QueryRow(context.Background(), `SELECT format('content %s bytes stored, %s raw; heap %s toast %s idx %s; hot %s upd %s dead %s',
		(SELECT pg_column_size(content) FROM designs LIMIT 1), (SELECT octet_length(content::text) FROM designs LIMIT 1),
		pg_relation_size('designs'), pg_total_relation_size(reltoastrelid), pg_indexes_size('designs'),
		(SELECT n_tup_hot_upd FROM pg_stat_user_tables WHERE relid='designs'::regclass),
		(SELECT n_tup_upd FROM pg_stat_user_tables WHERE relid='designs'::regclass),
		(SELECT n_dead_tup FROM pg_stat_user_tables WHERE relid='designs'::regclass)) FROM pg_class WHERE oid='designs'::regclass`).Scan(&s)
	return s
}
