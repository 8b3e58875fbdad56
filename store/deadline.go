package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/store/postgres"
	"github.com/archlab/archlab/store/sqlite"
)

// DefaultTimeout is how long a database call may take by default: far
// more than any call needs, far less than a person waits before giving up.
const DefaultTimeout = 5 * time.Second

// WithDeadline gives every call of st at most timeout, and turns the errors
// of a database that cannot be reached, is locked or did not answer in time
// into design.EUNAVAILABLE, which handlers answer 503 with Retry-After. A
// frozen or lost database so gets an honest answer in seconds, never a
// request hanging until the client gives up, nor a 500.
func WithDeadline(st Store, timeout time.Duration) Store {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &deadline{st: st, timeout: timeout}
}

type deadline struct {
	st      Store
	timeout time.Duration
}

var _ Store = (*deadline)(nil)

// Unavailable reports whether err is one the database's absence caused.
func Unavailable(err error) bool { return design.ErrorCode(err) == design.EUNAVAILABLE }

// call runs f with the deadline and names what the database's absence did.
// A lost Postgres connection empties the pool: a pool keeps connections
// that the database closed (a restart, pg_terminate_backend), and the
// first call on each would fail. A call that may safely run twice (a read,
// or a batch with its id) is then tried again at once, within the same
// deadline, on a new connection.
func call[T any](d *deadline, ctx context.Context, what string, again bool, f func(context.Context) (T, error)) (T, error) {
	cctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	v, err := f(cctx)
	if err != nil && cctx.Err() == nil && (postgres.Unavailable(err) || sqlite.Unavailable(err)) {
		if pg, ok := d.st.(interface{ ConnectionLost() }); ok && postgres.Unavailable(err) {
			pg.ConnectionLost()
		}
		if again {
			v, err = f(cctx)
		}
	}
	if err == nil || design.ErrorCode(err) != design.EINTERNAL {
		return v, err // success, or the domain's answer
	}
	if ctx.Err() != nil {
		return v, err // the caller gave up (the client left): not the database's fault
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded) || cctx.Err() != nil:
		return v, unavailable(fmt.Sprintf("the database did not answer %s within %s", what, d.timeout), err)
	case postgres.Unavailable(err) || sqlite.Unavailable(err):
		return v, unavailable("the database cannot be reached "+what, err)
	}
	return v, err
}

// unavailable is the domain's error for a missing database, with its cause
// kept for the log.
func unavailable(why string, cause error) error {
	return fmt.Errorf("%s: %w", why, errors.Join(
		design.Errorf(design.EUNAVAILABLE, "archlab cannot reach its database just now. Try again in a few seconds; nothing you send twice is applied twice."),
		cause))
}

func (d *deadline) CreateDesign(ctx context.Context, des *design.Design) (*design.Created, error) {
	return call(d, ctx, "to create a design", false, func(ctx context.Context) (*design.Created, error) { return d.st.CreateDesign(ctx, des) })
}

func (d *deadline) Design(ctx context.Context, id string) (*design.Design, error) {
	return call(d, ctx, "to read a design", true, func(ctx context.Context) (*design.Design, error) { return d.st.Design(ctx, id) })
}

func (d *deadline) DesignByEditKey(ctx context.Context, editKey string) (*design.Design, error) {
	return call(d, ctx, "to read a design", true, func(ctx context.Context) (*design.Design, error) { return d.st.DesignByEditKey(ctx, editKey) })
}

func (d *deadline) ApplyOps(ctx context.Context, id, editKey string, b design.Batch) (*design.Applied, error) {
	return call(d, ctx, "to apply a batch", b.ID != "", func(ctx context.Context) (*design.Applied, error) { return d.st.ApplyOps(ctx, id, editKey, b) })
}

func (d *deadline) Revisions(ctx context.Context, id string, before, limit int) ([]design.Revision, error) {
	return call(d, ctx, "to read the history", true, func(ctx context.Context) ([]design.Revision, error) { return d.st.Revisions(ctx, id, before, limit) })
}

func (d *deadline) RotateEditKey(ctx context.Context, id, editKey string) (string, error) {
	return call(d, ctx, "to replace the edit key", false, func(ctx context.Context) (string, error) { return d.st.RotateEditKey(ctx, id, editKey) })
}

func (d *deadline) ForkDesign(ctx context.Context, id string) (*design.Created, error) {
	return call(d, ctx, "to copy a design", false, func(ctx context.Context) (*design.Created, error) { return d.st.ForkDesign(ctx, id) })
}

func (d *deadline) Ping(ctx context.Context) error {
	_, err := call(d, ctx, "to a ping", true, func(ctx context.Context) (struct{}, error) { return struct{}{}, d.st.Ping(ctx) })
	return err
}

// Migrate has no deadline: a migration may take long, and runs at start.
func (d *deadline) Migrate(ctx context.Context) error { return d.st.Migrate(ctx) }

func (d *deadline) Close() error { return d.st.Close() }

// Unwrap returns the store inside, for what only it offers (the live
// updates' bus of Postgres).
func (d *deadline) Unwrap() Store { return d.st }
