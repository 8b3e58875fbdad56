package postgres_test

import (
	"context"
	"crypto/rand"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/testenv"
	"github.com/archlab/archlab/store/postgres"
	"github.com/archlab/archlab/store/storetest"
)

// MustOpen opens a store in a fresh schema of the database named by
// TEST_DATABASE_URL, dropped when tb ends (see testenv for when it may skip).
func MustOpen(tb testing.TB) *postgres.DB {
	tb.Helper()
	dsn := testenv.PostgresURL(tb)
	ctx := context.Background()
	schema := "t_" + rand.Text()[:12]
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatalf("connect to TEST_DATABASE_URL: %v", err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		tb.Fatal(err)
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = schema
	db, err := postgres.OpenConfig(ctx, cfg, design.Builtin())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open: func(tb testing.TB) design.Store { return MustOpen(tb) },
		StoredEditKey: func(tb testing.TB, s design.Store, id string) string {
			return s.(*postgres.DB).StoredEditKey(tb, id)
		},
	})
}

func TestMigrateTwiceIsHarmless(t *testing.T) {
	db := MustOpen(t)
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("second migration: %v", err)
	}
}

func BenchmarkApply(b *testing.B) { storetest.BenchmarkApply(b, MustOpen(b)) }
func BenchmarkRead(b *testing.B)  { storetest.BenchmarkRead(b, MustOpen(b)) }
