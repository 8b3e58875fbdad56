package postgres_test

import (
	"context"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/store/postgres"
	"github.com/archlab/archlab/store/storetest"
)

// MustOpen opens a store in a fresh schema of the database named by
// TEST_DATABASE_URL, dropped when tb ends (see testenv for when it may skip).
func MustOpen(tb testing.TB) *postgres.DB {
	tb.Helper()
	return apptest.Postgres(tb, apptest.PostgresConfig(tb))
}

func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open: func(tb testing.TB) design.Store { return MustOpen(tb) },
		StoredEditKey: func(tb testing.TB, s design.Store, id string) string {
			return s.(*postgres.DB).StoredEditKey(tb, id)
		},
		FillComments: func(tb testing.TB, s design.Store, id string, n int) {
			s.(*postgres.DB).FillComments(tb, id, n)
		},
		StoredCohortKeys: func(tb testing.TB, s design.Store, cohortID, memberID string) []string {
			return s.(*postgres.DB).StoredCohortKeys(tb, cohortID, memberID)
		},
		StoredSpaceKey: func(tb testing.TB, s design.Store, id string) string {
			return s.(*postgres.DB).StoredSpaceKey(tb, id)
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
