package sqlite

import (
	"context"
	"testing"
)

// FillComments stores n comments on a design in one statement, as many
// as the bound allows, without n commits.
func (db *DB) FillComments(tb testing.TB, id string, n int) {
	tb.Helper()
	_, err := db.write.ExecContext(context.Background(), `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO comments (design_id, seq, thread, version, subject, author, verified, body, created_at)
		SELECT ?, i, i, 1, '{"kind":"design","label":"x"}', 'Filler', 0, 'filler', '2026-01-01T00:00:00.000000000Z' FROM n`, n, id)
	if err != nil {
		tb.Fatal(err)
	}
}
