// Package postgres stores designs in PostgreSQL through pgx, for teams that
// run several archlab instances behind one load balancer.
package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/migrations"
	"github.com/archlab/archlab/store/internal/designcache"
)

// cacheSize bounds the decoded designs kept in memory (a 100-block design
// takes about 100 KB).
const cacheSize = 256

// DB is a design.Store on a Postgres database.
type DB struct {
	pool *pgxpool.Pool
	cat  *design.Catalogue
	// cache spares decoding designs that have not changed since last read.
	cache *designcache.Cache
	// Now is the clock; tests may replace it.
	Now func() time.Time
	// OnListenError hears why Listen lost its connection, for the log.
	OnListenError func(error)
}

var _ design.Store = (*DB)(nil)

// Open connects to the database at dsn (a postgres:// URL) and brings its
// schema up to date.
func Open(ctx context.Context, dsn string, cat *design.Catalogue) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse DATABASE_URL: %w", err)
	}
	return OpenConfig(ctx, cfg, cat)
}

// OpenConfig is Open for a parsed pool configuration.
func OpenConfig(ctx context.Context, cfg *pgxpool.Config, cat *design.Catalogue) (*DB, error) {
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	db := &DB{pool: pool, cat: cat, cache: designcache.New(cacheSize), Now: time.Now}
	if err := db.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Migrate applies the migrations the database lacks. A session lock keeps
// instances that start together from migrating at the same time.
func (db *DB) Migrate(ctx context.Context) error {
	sqlDB := stdlib.OpenDBFromPool(db.pool)
	defer sqlDB.Close()
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return fmt.Errorf("postgres: migration lock: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, migrations.Postgres(), goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("postgres: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	return nil
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.pool.Ping(ctx); err != nil {
		return fmt.Errorf("postgres: ping: %w", err)
	}
	return nil
}

// Close closes the pool.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}
