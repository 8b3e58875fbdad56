package sqlite

import (
	"context"
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
