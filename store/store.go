// Package store opens the design store a DSN names: Postgres for postgres://
// URLs, an SQLite file for anything else.
package store

import (
	"context"
	"strings"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/store/postgres"
	"github.com/archlab/archlab/store/sqlite"
)

// DefaultDSN is where designs live when nothing is configured.
const DefaultDSN = "./data/archlab.db"

// Store is a design store that can also bring its schema up to date.
type Store interface {
	design.Store
	Migrate(ctx context.Context) error
}

// IsPostgres reports whether dsn names a Postgres database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the store dsn names and applies pending migrations. An empty
// dsn means DefaultDSN.
func Open(ctx context.Context, dsn string, cat *design.Catalogue) (Store, error) {
	if dsn == "" {
		dsn = DefaultDSN
	}
	if IsPostgres(dsn) {
		return postgres.Open(ctx, dsn, cat)
	}
	return sqlite.Open(ctx, strings.TrimPrefix(dsn, "sqlite://"), cat)
}

// Describe names the store for logs without credentials.
func Describe(dsn string) string {
	if dsn == "" {
		dsn = DefaultDSN
	}
	if IsPostgres(dsn) {
		if at := strings.LastIndex(dsn, "@"); at >= 0 {
			return "postgres://…@" + dsn[at+1:]
		}
		return dsn
	}
	return "sqlite " + strings.TrimPrefix(dsn, "sqlite://")
}
