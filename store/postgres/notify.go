package postgres

import (
	"context"
	"fmt"
	"time"
)

// liveChannel is the LISTEN/NOTIFY channel that carries live updates
// between archlab instances sharing the database.
const liveChannel = "archlab_live"

// Send notifies every instance listening on the database, this one too.
func (db *DB) Send(ctx context.Context, payload string) error {
	if _, err := db.pool.Exec(ctx, `SELECT pg_notify($1, $2)`, liveChannel, payload); err != nil {
		return fmt.Errorf("postgres: notify: %w", err)
	}
	return nil
}

// Listen hands every notification to receive until ctx ends. It holds one
// connection of the pool, and reconnects after an error, backing off up to
// a few seconds; a message sent while it reconnects is lost, which costs
// clients a late refresh, never an edit.
func (db *DB) Listen(ctx context.Context, receive func(payload string)) {
	wait := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := db.listen(ctx, receive, func() { wait = 100 * time.Millisecond })
		if ctx.Err() != nil {
			return
		}
		if db.OnListenError != nil {
			db.OnListenError(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

func (db *DB) listen(ctx context.Context, receive func(string), connected func()) error {
	pooled, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: listen: %w", err)
	}
	// The connection will hold LISTEN state: take it out of the pool for
	// good, and close it when done.
	conn := pooled.Hijack()
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+liveChannel); err != nil {
		return fmt.Errorf("postgres: listen: %w", err)
	}
	connected()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("postgres: wait for notification: %w", err)
		}
		receive(n.Payload)
	}
}
