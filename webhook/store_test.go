package webhook_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/store/sqlite"
	"github.com/archlab/archlab/webhook"
)

// hookIn makes a space with a hook to url and returns the hook.
func hookIn(t *testing.T, st *sqlite.DB, url string) *design.Hook {
	t.Helper()
	sp, err := st.CreateSpace(t.Context(), "Hooks")
	if err != nil {
		t.Fatal(err)
	}
	hk, err := st.AddHook(t.Context(), design.Hook{SpaceID: sp.Space.ID, URL: url, Events: []string{webhook.Approved}, Secret: "from-the-db"})
	if err != nil {
		t.Fatal(err)
	}
	return hk
}

func openStore(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path, design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// A delivery queued in the database survives a restart: queued by one
// process that stopped before sending it, it is sent by the next, signed
// with the hook's secret as stored.
func TestQueuedDeliverySurvivesRestart(t *testing.T) {
	var verified atomic.Int32
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if webhook.Verify("from-the-db", r.Header.Get(webhook.TimestampHeader), r.Header.Get(webhook.SignatureHeader), b) {
			verified.Add(1)
		}
	}))
	defer recv.Close()
	path := filepath.Join(t.TempDir(), "archlab.db")
	st := openStore(t, path)
	hk := hookIn(t, st, recv.URL)
	before := webhook.New(webhook.Options{Queue: webhook.StoreQueue(st), AllowPrivate: true})
	if !before.Enqueue(t.Context(), webhook.NewItem(hk.ID, webhook.Approved, webhook.Target{}, []byte(`{"text":"hi"}`))) {
		t.Fatal("not queued")
	}
	st.Close() // the process stops before its dispatcher ran

	st = openStore(t, path)
	defer st.Close()
	after := start(t, webhook.Options{Queue: webhook.StoreQueue(st), AllowPrivate: true, Poll: time.Millisecond})
	deadline := time.Now().Add(5 * time.Second)
	for after.Counts().Sent == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if verified.Load() != 1 || after.Counts().Sent != 1 {
		t.Fatalf("after the restart, %d verified deliveries, counts %+v", verified.Load(), after.Counts())
	}
	if left, _ := st.ClaimDeliveries(t.Context(), time.Now().Add(time.Hour), time.Minute, 10); len(left) != 0 {
		t.Errorf("a sent delivery is still queued: %v", left)
	}
}

// A sender that stops in the middle of a delivery leaves it leased; when
// the lease ends another sender (another instance) takes it.
func TestLeasedDeliveryTakenAgain(t *testing.T) {
	var calls atomic.Int32
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body) // read: then the server notices the sender leave
		if calls.Add(1) == 1 {
			<-r.Context().Done() // the first sender never hears back
		}
	}))
	defer recv.Close()
	st := openStore(t, filepath.Join(t.TempDir(), "archlab.db"))
	defer st.Close()
	hk := hookIn(t, st, recv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	first := webhook.New(webhook.Options{Queue: webhook.StoreQueue(st), AllowPrivate: true, Poll: time.Millisecond, Timeout: 100 * time.Millisecond})
	done := make(chan struct{})
	go func() { first.Run(ctx); close(done) }()
	first.Enqueue(ctx, webhook.NewItem(hk.ID, webhook.Approved, webhook.Target{}, []byte(`{}`)))
	for calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel() // stops while the receiver holds the delivery
	<-done

	second := start(t, webhook.Options{Queue: webhook.StoreQueue(st), AllowPrivate: true, Poll: time.Millisecond, Timeout: 100 * time.Millisecond})
	deadline := time.Now().Add(5 * time.Second)
	for second.Counts().Sent == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if calls.Load() != 2 || second.Counts().Sent != 1 {
		t.Errorf("%d calls, the second sender's counts %+v; want the delivery taken again and sent", calls.Load(), second.Counts())
	}
}
