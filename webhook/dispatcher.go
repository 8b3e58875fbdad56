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
	// AllowPrivate lets hooks reach loopback, private and link-local
	// addresses (a chat server inside the company network).
	AllowPrivate bool
	// QueueSize bounds the deliveries waiting to be sent; past it, new
	// ones are dropped (and logged), never waited for.
	QueueSize int
	// Workers send deliveries side by side.
	Workers int
	// MaxAttempts bounds the tries of one delivery.
	MaxAttempts int
	// Timeout bounds one attempt.
	Timeout time.Duration
	// Backoff is the wait before attempt n+1 after attempt n (n from 1)
	// failed; by default 2s, 4s, 8s… up to 5 minutes. Tests shorten it.
	Backoff func(n int) time.Duration
	// Now is the clock that signs deliveries.
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

type delivery struct {
	id      string
	target  Target
	event   string
	body    []byte
	attempt int
}

// Dispatcher sends deliveries in the background. Deliveries are queued in
// memory: those still waiting when archlab stops are lost (and logged).
type Dispatcher struct {
	opts   Options
	client *http.Client
	queue  chan delivery
	// waiting counts deliveries queued or waiting for a retry.
	waiting sync.WaitGroup
	closed  atomic.Bool
	stop    chan struct{}
	// Counters of what happened, for tests and metrics.
	sent, failed, dropped atomic.Int64
}

// New returns a dispatcher; Run sends what it queues.
func New(opts Options) *Dispatcher {
	if opts.QueueSize <= 0 {
		opts.QueueSize = DefaultQueueSize
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
	return &Dispatcher{opts: opts, client: client, queue: make(chan delivery, opts.QueueSize), stop: make(chan struct{})}
}

// AllowPrivate reports whether hooks may reach internal addresses.
func (d *Dispatcher) AllowPrivate() bool { return d.opts.AllowPrivate }

// Enqueue queues a delivery of body to t and returns at once; false when
// the queue is full or the dispatcher stopped, and the delivery dropped.
func (d *Dispatcher) Enqueue(t Target, event string, body []byte) bool {
	return d.put(delivery{id: rand.Text(), target: t, event: event, body: body, attempt: 1})
}

func (d *Dispatcher) put(dl delivery) bool {
	if d.closed.Load() {
		d.drop(dl, "archlab is stopping")
		return false
	}
	d.waiting.Add(1)
	select {
	case d.queue <- dl:
		return true
	default:
		d.waiting.Done()
		d.drop(dl, "the queue is full")
		return false
	}
}

func (d *Dispatcher) drop(dl delivery, why string) {
	d.dropped.Add(1)
	d.opts.Log.Warn("webhook delivery dropped", "delivery", dl.id, "event", dl.event, "url", dl.target.URL, "why", why)
}

// Run sends deliveries until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for range d.opts.Workers {
		wg.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case dl := <-d.queue:
					d.attempt(ctx, dl)
				}
			}
		})
	}
	wg.Wait()
	d.closed.Store(true)
	close(d.stop)
	// What is still queued is lost with the process: say so.
	for {
		select {
		case dl := <-d.queue:
			d.drop(dl, "archlab is stopping")
			d.waiting.Done()
		default:
			return
		}
	}
}

// attempt sends a delivery once, and on failure schedules the next try
// after the backoff, without holding a worker while it waits.
func (d *Dispatcher) attempt(ctx context.Context, dl delivery) {
	defer d.waiting.Done()
	err := d.send(ctx, dl)
	if err == nil {
		d.sent.Add(1)
		return
	}
	var perm permanent
	if errors.As(err, &perm) || dl.attempt >= d.opts.MaxAttempts || ctx.Err() != nil {
		d.failed.Add(1)
		d.opts.Log.Warn("webhook delivery failed", "delivery", dl.id, "event", dl.event, "url", dl.target.URL, "attempts", dl.attempt, "err", err)
		return
	}
	wait := d.opts.Backoff(dl.attempt)
	d.opts.Log.Info("webhook delivery to retry", "delivery", dl.id, "url", dl.target.URL, "attempt", dl.attempt, "in", wait, "err", err)
	dl.attempt++
	d.waiting.Add(1)
	go func() {
		defer d.waiting.Done()
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
			d.put(dl)
		case <-d.stop:
			d.drop(dl, "archlab is stopping")
		}
	}()
}

// permanent is a failure that trying again cannot fix (the receiver
// refused the request itself).
type permanent struct{ status int }

func (p permanent) Error() string {
	return "the receiver refused the delivery: " + strconv.Itoa(p.status)
}

func (d *Dispatcher) send(ctx context.Context, dl delivery) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, dl.target.URL, bytes.NewReader(dl.body))
	if err != nil {
		return permanent{}
	}
	now := d.opts.Now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "archlab-webhook")
	req.Header.Set(TimestampHeader, strconv.FormatInt(now.Unix(), 10))
	req.Header.Set(SignatureHeader, Sign(dl.target.Secret, now, dl.body))
	req.Header.Set(EventHeader, dl.event)
	req.Header.Set(DeliveryHeader, dl.id)
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
type Counts struct{ Sent, Failed, Dropped int64 }

// Counts returns what the dispatcher did so far.
func (d *Dispatcher) Counts() Counts {
	return Counts{Sent: d.sent.Load(), Failed: d.failed.Load(), Dropped: d.dropped.Load()}
}

// Idle waits until nothing is queued or waiting for a retry, or ctx ends.
func (d *Dispatcher) Idle(ctx context.Context) error {
	done := make(chan struct{})
	go func() { d.waiting.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
