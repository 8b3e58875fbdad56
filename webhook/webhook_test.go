package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archlab/archlab/webhook"
)

// start runs a dispatcher until the test ends.
func start(t *testing.T, opts webhook.Options) *webhook.Dispatcher {
	t.Helper()
	d := webhook.New(opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return d
}

func idle(t *testing.T, d *webhook.Dispatcher) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := d.Idle(ctx); err != nil {
		t.Fatalf("deliveries still pending: %v (%+v)", err, d.Counts())
	}
}

// A delivery reaches the receiver once, as JSON a chat tool reads, with a
// signature the receiver verifies with the shared secret.
func TestDeliverySigned(t *testing.T) {
	var mu sync.Mutex
	var got []http.Header
	var body []byte
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, body = append(got, r.Header.Clone()), b
		mu.Unlock()
		if !webhook.Verify("s3cret", r.Header.Get(webhook.TimestampHeader), r.Header.Get(webhook.SignatureHeader), b) {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer recv.Close()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	d := start(t, webhook.Options{AllowPrivate: true, Now: func() time.Time { return now }})
	b, err := webhook.Body(webhook.Event{Kind: webhook.Approved, DesignID: "abc", Title: "Orders", URL: "https://archlab.example.com/v/abc", By: "Ana", Version: 7}, now)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Enqueue(t.Context(), webhook.NewItem("h1", webhook.Approved, webhook.Target{URL: recv.URL, Secret: "s3cret"}, b)) {
		t.Fatal("not queued")
	}
	idle(t, d)
	if c := d.Counts(); c.Sent != 1 || c.Failed != 0 {
		t.Fatalf("counts %+v: the receiver refused the signature", c)
	}
	if len(got) != 1 || got[0].Get("Content-Type") != "application/json" || got[0].Get(webhook.EventHeader) != "approved" ||
		got[0].Get(webhook.TimestampHeader) != "1772355600" || got[0].Get(webhook.DeliveryHeader) == "" {
		t.Errorf("headers %v", got)
	}
	var p map[string]any
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	if p["text"] != "Ana approved Orders (v7) https://archlab.example.com/v/abc" || p["event"] != "approved" || p["by"] != "Ana" ||
		p["version"] != 7.0 || p["url"] != "https://archlab.example.com/v/abc" || p["design"].(map[string]any)["title"] != "Orders" {
		t.Errorf("body %s", body)
	}
	// A wrong secret, another timestamp or a changed body do not verify.
	ts, sig := got[0].Get(webhook.TimestampHeader), got[0].Get(webhook.SignatureHeader)
	if webhook.Verify("other", ts, sig, body) || webhook.Verify("s3cret", "1772355601", sig, body) || webhook.Verify("s3cret", ts, sig, append(body, ' ')) {
		t.Error("a forged delivery verifies")
	}
}

// A receiver that fails is tried again after growing waits, up to the
// bound; one that refuses the request itself (4xx) is not tried again.
func TestRetriesWithBackoff(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	var fails atomic.Int32
	fails.Store(2)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		if fails.Add(-1) >= 0 {
			w.WriteHeader(http.StatusBadGateway)
		}
	}))
	defer recv.Close()
	var waits []int
	var wmu sync.Mutex
	backoff := webhook.ExponentialBackoff(5*time.Millisecond, time.Second)
	d := start(t, webhook.Options{AllowPrivate: true, MaxAttempts: 4, Poll: time.Millisecond, Backoff: func(n int) time.Duration {
		wmu.Lock()
		waits = append(waits, n)
		wmu.Unlock()
		return backoff(n)
	}})
	d.Enqueue(t.Context(), webhook.NewItem("h1", webhook.Test, webhook.Target{URL: recv.URL, Secret: "x"}, []byte(`{}`)))
	idle(t, d)
	if c := d.Counts(); c.Sent != 1 || c.Failed != 0 || len(times) != 3 {
		t.Fatalf("counts %+v after %d attempts, want sent on the third", c, len(times))
	}
	if len(waits) != 2 || waits[0] != 1 || waits[1] != 2 {
		t.Errorf("backoff asked for attempts %v", waits)
	}
	if gap1, gap2 := times[1].Sub(times[0]), times[2].Sub(times[1]); gap1 < 5*time.Millisecond || gap2 < 10*time.Millisecond {
		t.Errorf("retries after %v and %v, want at least 5ms then 10ms", gap1, gap2)
	}
	if b := webhook.ExponentialBackoff(2*time.Second, 5*time.Minute); b(1) != 2*time.Second || b(3) != 8*time.Second || b(20) != 5*time.Minute {
		t.Errorf("default backoff: %v %v %v", b(1), b(3), b(20))
	}

	// Always failing: MaxAttempts tries, then given up.
	fails.Store(100)
	mu.Lock()
	times = nil
	mu.Unlock()
	d.Enqueue(t.Context(), webhook.NewItem("h1", webhook.Test, webhook.Target{URL: recv.URL, Secret: "x"}, []byte(`{}`)))
	idle(t, d)
	if c := d.Counts(); c.Failed != 1 || len(times) != 4 {
		t.Errorf("counts %+v after %d attempts, want given up after 4", c, len(times))
	}

	// Refused: one attempt.
	gone := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) }))
	defer gone.Close()
	d.Enqueue(t.Context(), webhook.NewItem("h2", webhook.Test, webhook.Target{URL: gone.URL, Secret: "x"}, []byte(`{}`)))
	idle(t, d)
	if c := d.Counts(); c.Failed != 2 {
		t.Errorf("counts %+v, want the refused delivery failed at once", c)
	}
}

// Enqueueing never waits: a receiver that hangs holds its worker, and the
// full queue drops what does not fit.
func TestHangingReceiverNeverBlocks(t *testing.T) {
	release := make(chan struct{})
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer recv.Close()
	defer close(release)
	d := start(t, webhook.Options{AllowPrivate: true, Workers: 1, Queue: webhook.MemoryQueue(2), Timeout: time.Minute})
	begin := time.Now()
	queued := 0
	for range 10 {
		if d.Enqueue(t.Context(), webhook.NewItem("h1", webhook.Test, webhook.Target{URL: recv.URL, Secret: "x"}, []byte(`{}`))) {
			queued++
		}
	}
	if took := time.Since(begin); took > 100*time.Millisecond {
		t.Errorf("10 enqueues took %v", took)
	}
	// The queue holds the delivery being sent and one more.
	if queued != 2 || d.Counts().Dropped != 8 {
		t.Errorf("queued %d, counts %+v", queued, d.Counts())
	}
}

// By default a hook cannot reach this machine or the private network,
// whatever its address says.
func TestInternalAddressesRefused(t *testing.T) {
	var hits atomic.Int32
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer recv.Close()
	d := start(t, webhook.Options{Poll: time.Millisecond, Backoff: func(int) time.Duration { return time.Millisecond }})
	d.Enqueue(t.Context(), webhook.NewItem("h1", webhook.Test, webhook.Target{URL: recv.URL, Secret: "x"}, []byte(`{}`)))
	idle(t, d)
	if c := d.Counts(); hits.Load() != 0 || c.Failed != 1 {
		t.Errorf("a loopback hook was reached %d times, counts %+v", hits.Load(), c)
	}
	for _, tc := range []struct {
		url          string
		allowPrivate bool
		ok           bool
	}{
		{"https://hooks.slack.com/services/T/B/x", false, true},
		{"http://chat.example.com:8080/hook", false, true},
		{"ftp://example.com/x", false, false},
		{"javascript:alert(1)", false, false},
		{"/relative", false, false},
		{"https://user:pw@example.com/", false, false},
		{"http://127.0.0.1:9000/", false, false},
		{"http://localhost/", false, false},
		{"http://10.1.2.3/", false, false},
		{"http://169.254.169.254/latest/meta-data", false, false},
		{"http://[::1]/", false, false},
		{"http://[::ffff:192.168.1.1]/", false, false},
		{"http://0.0.0.0/", false, false},
		{"http://10.1.2.3/", true, true},
		{"http://localhost:8080/", true, true},
	} {
		if err := webhook.CheckURL(tc.url, tc.allowPrivate); (err == nil) != tc.ok {
			t.Errorf("CheckURL(%q, allowPrivate=%v) = %v", tc.url, tc.allowPrivate, err)
		}
	}
}
