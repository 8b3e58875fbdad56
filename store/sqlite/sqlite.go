// Package sqlite stores designs in an embedded SQLite file (modernc.org/sqlite,
// pure Go): archlab's default, so that trying it needs nothing installed.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/migrations"
	"github.com/archlab/archlab/store/internal/designcache"
)

// cacheSize bounds the decoded designs kept in memory (a 100-block design
// takes about 100 KB).
const cacheSize = 256

// DB is a design.Store on one SQLite file.
type DB struct {
	// write has a single connection: SQLite allows one writer at a time, and
	// queueing writers in Go is faster and fairer than retrying on SQLITE_BUSY.
	write *sql.DB
	// read serves queries concurrently; WAL mode lets them run beside a write.
	read *sql.DB
	cat  *design.Catalogue
	// cache spares decoding designs that have not changed since last read.
	cache *designcache.Cache
	// Now is the clock; tests may replace it.
	Now func() time.Time
}

var _ design.Store = (*DB)(nil)

// Open opens (creating if needed) the SQLite file at path and brings its
// schema up to date. ":memory:" gives a private in-memory database.
func Open(ctx context.Context, path string, cat *design.Catalogue) (*DB, error) {
	memory := path == ":memory:"
	if !memory {
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("sqlite: create directory for %s: %w", path, err)
			}
		}
	}
	params := url.Values{}
	// synchronous(FULL): every commit is on disk before the client hears
	// of it. In WAL mode, NORMAL syncs the log only at checkpoints, so a
	// power loss or an OS crash (not a crash of archlab alone) may drop the
	// last commits that clients were told succeeded; the file stays
	// consistent either way. FULL costs one fsync of the log per commit,
	// measured by BenchmarkApplyDurability.
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)"} {
		params.Add("_pragma", p)
	}
	params.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + params.Encode()
	if memory {
		dsn = "file::memory:?" + params.Encode()
	}
	write, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	write.SetConnMaxLifetime(0)
	db := &DB{write: write, read: write, cat: cat, cache: designcache.New(cacheSize), Now: time.Now}
	if !memory {
		// An in-memory database exists only on its one connection, so reads
		// share it; a file gets a pool of readers.
		params.Set("_pragma", "query_only(1)")
		params.Add("_pragma", "busy_timeout(10000)")
		params.Add("_pragma", "foreign_keys(1)")
		params.Del("_txlock")
		if db.read, err = sql.Open("sqlite", "file:"+path+"?"+params.Encode()); err != nil {
			write.Close()
			return nil, fmt.Errorf("sqlite: open %s for reading: %w", path, err)
		}
		db.read.SetMaxOpenConns(8)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Migrate applies the migrations the database lacks.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := goose.NewProvider(goose.DialectSQLite3, db.write, migrations.SQLite())
	if err != nil {
		return fmt.Errorf("sqlite: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	return nil
}

// Close closes both pools.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Ping checks that the file can be read.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.read.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}

// timeFormat keeps times sortable as text.
const timeFormat = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: bad time %q: %w", s, err)
	}
	return t, nil
}
