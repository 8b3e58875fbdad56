package webhook

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Options shape a dispatcher; zero fields take the defaults.
type Options struct {
	// Queue holds the deliveries waiting; by default a MemoryQueue of
	// DefaultQueueSize.
	Queue Queue
	// AllowPrivate lets hooks reach loopback, private and link-local
	// addresses (a chat server inside the company network).
	AllowPrivate bool
	// Workers send deliveries side by side.
	Workers int
	// MaxAttempts bounds the tries of one delivery.
	MaxAttempts int
	// Timeout bounds one attempt.
	Timeout time.Duration
	// Backoff is the wait before attempt n+1 after attempt n (n from 1)
	// failed; by default 2s, 4s, 8s… up to 5 minutes. Tests shorten it.
	Backoff func(n int) time.Duration
	// Poll is how often the queue is looked at for deliveries due (a
	// retry, or one another instance queued); a delivery queued here is
	// sent at once.
	Poll time.Duration
	// Now is the clock that signs deliveries and schedules retries.
	Now func() time.Time
	Log *slog.Logger
	// Transport replaces the HTTP transport (with its address guard).
	Transport http.RoundTripper
}

// Defaults.
const (
	DefaultQueueSize   = 1000
	DefaultWorkers     = 4
	DefaultMaxAttempts = 6
	DefaultTimeout     = 10 * time.Second
	DefaultPoll        = time.Second
)

// ExponentialBackoff waits base, 2·base, 4·base… never more than max.
func ExponentialBackoff(base, max time.Duration) func(int) time.Duration {
	return func(n int) time.Duration {
		d := base
		for i := 1; i < n && d < max; i++ {
			d *= 2
		}
		return min(d, max)
	}
}

// Target is where a delivery goes and the secret that signs it.
type Target struct {
	URL    string
	Secret string
}

// Dispatcher sends the deliveries of its queue in the background.
type Dispatcher struct {
	opts   Options
	client *http.Client
	// wake and freed nudge Run: something was queued, a worker is free.
	wake, freed chan struct{}
	// Counters of what happened, for tests and logs.
	queued, sent, failed, dropped atomic.Int64
}

// New returns a dispatcher; Run sends what it queues.
func New(opts Options) *Dispatcher {
	if opts.Queue == nil {
		opts.Queue = MemoryQueue(DefaultQueueSize)
	}
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = DefaultMaxAttempts
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Backoff == nil {
		opts.Backoff = ExponentialBackoff(2*time.Second, 5*time.Minute)
	}
	if opts.Poll <= 0 {
		opts.Poll = DefaultPoll
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	tr := opts.Transport
	if tr == nil {
		// No proxy from the environment: it would connect for us, past the
		// address guard.
		tr = &http.Transport{DialContext: dialer(opts.AllowPrivate).DialContext, MaxIdleConnsPerHost: 2,
			IdleConnTimeout: time.Minute, TLSHandshakeTimeout: opts.Timeout, ResponseHeaderTimeout: opts.Timeout}
	}
	client := &http.Client{Transport: tr, Timeout: opts.Timeout,
		// A redirect could lead anywhere, past CheckURL: not followed.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &Dispatcher{opts: opts, client: client, wake: make(chan struct{}, 1), freed: make(chan struct{}, 1)}
}

// AllowPrivate reports whether hooks may reach internal addresses.
func (d *Dispatcher) AllowPrivate() bool { return d.opts.AllowPrivate }

// NewItem is a delivery of body to a hook, with a new id (the same on
// each attempt). target may be empty for a queue that fills it by hook.
func NewItem(hookID, event string, target Target, body []byte) Item {
	return Item{ID: rand.Text(), HookID: hookID, Event: event, Target: target, Body: body}
}

// Enqueue queues deliveries and returns without waiting for any: false
// when the queue refused them (full, or the database away), and they are
// dropped and logged.
func (d *Dispatcher) Enqueue(ctx context.Context, items ...Item) bool {
	if len(items) == 0 {
		return true
	}
	if err := d.opts.Queue.Push(context.WithoutCancel(ctx), items); err != nil {
		d.dropped.Add(int64(len(items)))
		d.opts.Log.Warn("webhook deliveries dropped", "count", len(items), "event", items[0].Event, "err", err)
		return false
	}
	d.queued.Add(int64(len(items)))
	nudge(d.wake)
	return true
}

func nudge(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// Run sends deliveries until ctx ends. Deliveries being sent then are
// left to their lease: a queue in the database hands them out again.
func (d *Dispatcher) Run(ctx context.Context) {
	// The lease outlasts an attempt, so that no one else takes a delivery
	// while it is being sent.
	lease := 2 * d.opts.Timeout
	busy := make(chan struct{}, d.opts.Workers)
	var wg sync.WaitGroup
	defer wg.Wait()
	// The first look waits a poll, or something queued: a starting server
	// has better things to do with its connections first.
	claimed := 0
	for {
		if claimed > 0 && len(busy) < d.opts.Workers {
			claimed = 0
		} else {
			t := time.NewTimer(d.opts.Poll)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-d.wake:
			case <-d.freed:
			case <-t.C:
			}
			t.Stop()
		}
		if free := d.opts.Workers - len(busy); free > 0 {
			items, err := d.opts.Queue.Claim(ctx, d.opts.Now(), lease, free)
			if err != nil && ctx.Err() == nil {
				d.opts.Log.Warn("webhook deliveries not claimed", "err", err)
			}
			for _, it := range items {
				busy <- struct{}{}
				wg.Go(func() {
					defer func() { <-busy; nudge(d.freed) }()
					d.attempt(ctx, it)
				})
			}
			claimed = len(items) // more may be due: look again at once
		}
	}
}

// attempt sends a delivery once, and on failure schedules the next try
// after the backoff, or gives up.
func (d *Dispatcher) attempt(ctx context.Context, it Item) {
	err := d.send(ctx, it)
	if ctx.Err() != nil {
		return // stopping: the lease hands it out again
	}
	bg := context.WithoutCancel(ctx)
	if err == nil {
		d.finish(bg, it)
		d.sent.Add(1)
		return
	}
	var perm permanent
	if errors.As(err, &perm) || it.Attempts >= d.opts.MaxAttempts {
		d.opts.Log.Warn("webhook delivery failed", "delivery", it.ID, "event", it.Event, "url", it.Target.URL, "attempts", it.Attempts, "err", err)
		d.finish(bg, it)
		d.failed.Add(1)
		return
	}
	wait := d.opts.Backoff(it.Attempts)
	d.opts.Log.Info("webhook delivery to retry", "delivery", it.ID, "url", it.Target.URL, "attempt", it.Attempts, "in", wait, "err", err)
	if err := d.opts.Queue.Retry(bg, it.ID, d.opts.Now().Add(wait)); err != nil {
		d.opts.Log.Warn("webhook retry not scheduled; the lease will bring it back", "delivery", it.ID, "err", err)
	}
}

func (d *Dispatcher) finish(ctx context.Context, it Item) {
	if err := d.opts.Queue.Done(ctx, it.ID); err != nil {
		d.opts.Log.Warn("webhook delivery not forgotten; it may be sent again", "delivery", it.ID, "err", err)
	}
}

// permanent is a failure that trying again cannot fix (the receiver
// refused the request itself).
type permanent struct{ status int }

func (p permanent) Error() string {
	return "the receiver refused the delivery: " + strconv.Itoa(p.status)
}

func (d *Dispatcher) send(ctx context.Context, dl Item) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, dl.Target.URL, bytes.NewReader(dl.Body))
	if err != nil {
		return permanent{}
	}
	now := d.opts.Now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "archlab-webhook")
	req.Header.Set(TimestampHeader, strconv.FormatInt(now.Unix(), 10))
	req.Header.Set(SignatureHeader, Sign(dl.Target.Secret, now, dl.Body))
	req.Header.Set(EventHeader, dl.Event)
	req.Header.Set(DeliveryHeader, dl.ID)
	res, err := d.client.Do(req)
	if err != nil {
		if errors.Is(err, errInternal) {
			return permanent{}
		}
		return fmt.Errorf("webhook: post: %w", err)
	}
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	switch {
	case res.StatusCode >= 200 && res.StatusCode < 300:
		return nil
	case res.StatusCode == http.StatusRequestTimeout || res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500:
		return fmt.Errorf("webhook: the receiver answered %d", res.StatusCode)
	default:
		return permanent{status: res.StatusCode}
	}
}

// Counts are what the dispatcher did so far.
type Counts struct{ Queued, Sent, Failed, Dropped int64 }

// Counts returns what the dispatcher did so far.
func (d *Dispatcher) Counts() Counts {
	return Counts{Queued: d.queued.Load(), Sent: d.sent.Load(), Failed: d.failed.Load(), Dropped: d.dropped.Load()}
}

// Idle waits until every delivery this dispatcher queued was sent or given
// up, or ctx ends (for tests).
func (d *Dispatcher) Idle(ctx context.Context) error {
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for d.sent.Load()+d.failed.Load() < d.queued.Load() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}
