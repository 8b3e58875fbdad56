package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/store/storetest"
)

// BenchmarkEdit measures an edit of a 100-block design through the store
// beside its floor in the same run: a one-row jsonb UPDATE of the same
// document through pgx, autocommitted, what pgbench's custom script
// "UPDATE t SET doc = :doc WHERE id = :id" does. Each client has its own
// design or row. Compare the ops/s of edit/clients=N with floor/clients=N.
func BenchmarkEdit(b *testing.B) {
	for _, n := range []int{1, 8} {
		b.Run(fmt.Sprintf("edit/clients=%d", n), func(b *testing.B) {
			cfg := apptest.PostgresConfig(b)
			cfg.MaxConns = int32(max(n, 4))
			storetest.BenchmarkEditClients(b, apptest.Postgres(b, cfg), n)
		})
		b.Run(fmt.Sprintf("floor/clients=%d", n), func(b *testing.B) {
			benchmarkFloor(b, n)
		})
	}
}

func benchmarkFloor(b *testing.B, n int) {
	ctx := context.Background()
	cfg := apptest.PostgresConfig(b)
	cfg.MaxConns = int32(max(n, 4))
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	if _, err := pool.Exec(ctx, `CREATE TABLE floor (id integer PRIMARY KEY, doc jsonb NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	doc := storetest.HundredBlockContent(b)
	storetest.Clients(b, n, func(c int) func(int) error {
		if _, err := pool.Exec(ctx, `INSERT INTO floor VALUES ($1, $2)`, c, doc); err != nil {
			b.Fatal(err)
		}
		return func(int) error {
			_, err := pool.Exec(ctx, `UPDATE floor SET doc = $1 WHERE id = $2`, doc, c)
			return err
		}
	})
}
