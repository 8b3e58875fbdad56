package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/internal/testenv"
	"github.com/archlab/archlab/store/postgres"
	"github.com/archlab/archlab/store/sqlite"
)

func TestOpenPicksTheBackendByDSN(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"), design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.(*sqlite.DB); !ok {
		t.Fatalf("a file path opened %T", s)
	}
	s.Close()

	dsn := testenv.PostgresURL(t)
	s, err = Open(ctx, dsn, design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.(*postgres.DB); !ok {
		t.Fatalf("a postgres:// URL opened %T", s)
	}
}

func TestDescribeHidesCredentials(t *testing.T) {
	for dsn, want := range map[string]string{
		"":                                 "sqlite ./data/archlab.db",
		"postgres://u:secret@db:5432/app":  "postgres://…@db:5432/app",
		"sqlite:///var/lib/archlab/x.db":   "sqlite /var/lib/archlab/x.db",
		"postgresql://db.internal/archlab": "postgresql://db.internal/archlab",
	} {
		if got := Describe(dsn); got != want {
			t.Errorf("Describe(%q)=%q, want %q", dsn, got, want)
		}
	}
}
