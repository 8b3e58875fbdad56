package postgres

import (
	"context"
	"testing"
)

// FillComments stores n comments on a design in one statement, as many
// as the bound allows, without n commits.
func (db *DB) FillComments(tb testing.TB, id string, n int) {
	tb.Helper()
	_, err := db.pool.Exec(context.Background(), `INSERT INTO comments (design_id, seq, thread, version, subject, author, verified, body, created_at)
		SELECT $1, i, i, 1, '{"kind":"design","label":"x"}', 'Filler', false, 'filler', now() FROM generate_series(1, $2::int) AS i`, id, n)
	if err != nil {
		tb.Fatal(err)
	}
}
