package webhook

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/archlab/archlab/design"
)

// Item is one delivery.
type Item struct {
	ID     string
	HookID string
	Event  string
	Body   []byte
	// Target is where it goes; a queue in the database fills it from the
	// hook when the item is claimed.
	Target Target
	// Attempts counts the attempts made, the claimed one included.
	Attempts int
}

// Queue holds the deliveries waiting to be sent. A claimed item is not
// claimed again before its lease ends, unless retried sooner; an item
// neither done nor retried (its sender stopped) is claimed again after.
type Queue interface {
	Push(ctx context.Context, items []Item) error
	Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Item, error)
	Retry(ctx context.Context, id string, at time.Time) error
	Done(ctx context.Context, id string) error
}

// StoreQueue keeps the deliveries in archlab's database, so that a
// restart loses none and any instance may send them.
func StoreQueue(s design.SpaceStore) Queue { return storeQueue{s} }

type storeQueue struct{ s design.SpaceStore }

func (q storeQueue) Push(ctx context.Context, items []Item) error {
	ds := make([]design.Delivery, len(items))
	for i, it := range items {
		ds[i] = design.Delivery{ID: it.ID, HookID: it.HookID, Event: it.Event, Body: it.Body}
	}
	return q.s.QueueDeliveries(ctx, ds)
}

func (q storeQueue) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Item, error) {
	ds, err := q.s.ClaimDeliveries(ctx, now, lease, limit)
	items := make([]Item, len(ds))
	for i, d := range ds {
		items[i] = Item{ID: d.ID, HookID: d.HookID, Event: d.Event, Body: d.Body, Target: Target{URL: d.URL, Secret: d.Secret}, Attempts: d.Attempts}
	}
	return items, err
}

func (q storeQueue) Retry(ctx context.Context, id string, at time.Time) error {
	return q.s.RetryDelivery(ctx, id, at)
}

func (q storeQueue) Done(ctx context.Context, id string) error { return q.s.DoneDelivery(ctx, id) }

// MemoryQueue keeps up to size deliveries in memory: those waiting when
// the process stops are lost.
func MemoryQueue(size int) Queue { return &memoryQueue{size: size} }

type memoryQueue struct {
	mu    sync.Mutex
	size  int
	items []memoryItem
}

type memoryItem struct {
	Item
	due time.Time
}

var errFull = errors.New("webhook: the delivery queue is full")

func (q *memoryQueue) Push(_ context.Context, items []Item) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items)+len(items) > q.size {
		return errFull
	}
	for _, it := range items {
		q.items = append(q.items, memoryItem{Item: it})
	}
	return nil
}

func (q *memoryQueue) Claim(_ context.Context, now time.Time, lease time.Duration, limit int) ([]Item, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []Item
	for i := range q.items {
		if len(out) == limit {
			break
		}
		if it := &q.items[i]; !it.due.After(now) {
			it.Attempts++
			it.due = now.Add(lease)
			out = append(out, it.Item)
		}
	}
	return out, nil
}

func (q *memoryQueue) Retry(_ context.Context, id string, at time.Time) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i := range q.items {
		if q.items[i].ID == id {
			q.items[i].due = at
		}
	}
	return nil
}

func (q *memoryQueue) Done(_ context.Context, id string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = slices.DeleteFunc(q.items, func(it memoryItem) bool { return it.ID == id })
	return nil
}
