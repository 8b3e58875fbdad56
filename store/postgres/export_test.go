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
