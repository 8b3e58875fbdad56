package handlers

import (
	"context"
	"sync"
)

// After an edit, every editor with the design open fetches /state at
// once: a thousand of them ask the database the same question (which
// version does this link open?) within a few milliseconds. Asked one at a
// time, that is a thousand queries; here the requests that arrive while
// one query runs share the next one. Each request still gets the answer of
// a query that began after it arrived, so it never sees a version older
// than one it was told of: at most one query per link is running, and one
// waits with every request that came since.

// The same holds for what the editor shows beside the design and which
// changes without a new version (its review state, its lab progress): one
// read per design serves the requests that come at once (beside.go).

// flights coalesces loads of one thing by its key (a design by the link
// that opens it).
type flights[T any] struct {
	mu sync.Mutex
	m  map[string]*lane[T]
}

// lane is one key's running load and the one waiting to follow it.
type lane[T any] struct {
	running, waiting *flight[T]
}

type flight[T any] struct {
	done chan struct{}
	d    T
	err  error
}

// load returns load(ctx) as one that began after this call did, shared
// with the calls for the same key that wait for the same one.
func (fs *flights[T]) load(ctx context.Context, key string, load func(context.Context) (T, error)) (T, error) {
	fs.mu.Lock()
	if fs.m == nil {
		fs.m = make(map[string]*lane[T])
	}
	l := fs.m[key]
	if l == nil {
		l = &lane[T]{}
		fs.m[key] = l
	}
	var f *flight[T]
	switch {
	case l.running == nil:
		f = &flight[T]{done: make(chan struct{})}
		l.running = f
		go fs.fly(ctx, key, l, f, nil, load)
	case l.waiting != nil:
		// Another request leads the next load: wait for it.
		f = l.waiting
	default:
		// Lead the next load, once the running one (begun before this
		// request came) is over.
		f = &flight[T]{done: make(chan struct{})}
		l.waiting = f
		go fs.fly(ctx, key, l, f, l.running, load)
	}
	fs.mu.Unlock()
	select {
	case <-f.done:
		return f.d, f.err
	case <-ctx.Done():
		// This request leaves; the load runs on for those who share it.
		var zero T
		return zero, ctx.Err()
	}
}

// fly runs f's load once prev (if any) is over. It runs on its own, with
// the leader's context values but not its end: the requests that share
// it do not depend on the leader's staying.
func (fs *flights[T]) fly(ctx context.Context, key string, l *lane[T], f, prev *flight[T], load func(context.Context) (T, error)) {
	if prev != nil {
		<-prev.done
		fs.mu.Lock()
		l.running, l.waiting = f, nil
		fs.mu.Unlock()
	}
	f.d, f.err = load(context.WithoutCancel(ctx))
	fs.mu.Lock()
	close(f.done)
	if l.running == f {
		l.running = nil
		if l.waiting == nil {
			delete(fs.m, key)
		}
	}
	fs.mu.Unlock()
}
