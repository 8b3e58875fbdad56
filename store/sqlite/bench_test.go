package sqlite_test

import (
	"context"
	"testing"

	"github.com/archlab/archlab/store/storetest"
)

// BenchmarkEdit measures an edit of a 100-block design through the store
// beside its floor in the same run: a bare INSERT of a row holding a
// document of the same size, committed, on the store's own writer
// connection (so with the same pragmas: WAL, synchronous FULL). Compare
// edit's ops/s with floor's.
func BenchmarkEdit(b *testing.B) {
	b.Run("edit/clients=1", func(b *testing.B) {
		storetest.BenchmarkEditClients(b, MustOpen(b), 1)
	})
	b.Run("floor/clients=1", func(b *testing.B) {
		ctx := context.Background()
		w := MustOpen(b).Writer()
		if _, err := w.ExecContext(ctx, `CREATE TABLE floor (id INTEGER PRIMARY KEY, doc TEXT NOT NULL)`); err != nil {
			b.Fatal(err)
		}
		doc := string(storetest.HundredBlockContent(b))
		storetest.Clients(b, 1, func(int) func(int) error {
			return func(int) error {
				tx, err := w.BeginTx(ctx, nil)
				if err != nil {
					return err
				}
				defer tx.Rollback()
				if _, err := tx.ExecContext(ctx, `INSERT INTO floor (doc) VALUES (?)`, doc); err != nil {
					return err
				}
				return tx.Commit()
			}
		})
	})
}
