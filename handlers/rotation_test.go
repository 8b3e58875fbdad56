package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
)

// awaitEnd waits for a stream to end, failing after within.
func (s *sse) awaitEnd(tb testing.TB, within time.Duration) {
	tb.Helper()
	deadline := time.After(within)
	for {
		select {
		case _, ok := <-s.events:
			if !ok {
				return
			}
		case <-deadline:
			tb.Fatalf("the stream is still open after %v", within)
		}
	}
}

// rotate replaces the edit key through the share dialog's form and
// returns the new one, read from the redirect to the new link.
func rotate(tb testing.TB, s *server, key string) string {
	tb.Helper()
	req, _ := http.NewRequest("POST", s.URL+"/d/"+key+"/rotate", nil)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/d/") {
		tb.Fatalf("rotate: %d to %q", resp.StatusCode, loc)
	}
	newKey, _, _ := strings.Cut(strings.TrimPrefix(loc, "/d/"), "?")
	return newKey
}

// The README promises that the old edit link stops working at once: a
// live stream opened with it ends at the rotation, and cannot reopen.
// Streams of the view link go on.
func TestRotationEndsStreamsOfTheOldKey(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	old := subscribe(t, s.URL+"/d/"+c.EditKey+"/events", nil)
	old.await(t, "change", `"version":1`, time.Second)
	viewer := subscribe(t, s.URL+"/v/"+c.ID+"/events", nil)
	viewer.await(t, "change", `"version":1`, time.Second)

	newKey := rotate(t, s, c.EditKey)
	old.awaitEnd(t, 2*time.Second)
	if r := s.do(t, "GET", "/d/"+c.EditKey+"/events", "", nil); r.status != http.StatusForbidden {
		t.Fatalf("reconnecting with the old key: %d, want 403", r.status)
	}
	// The viewer's stream still hears edits.
	// A stream of the new key stays open through the viewer's edits.
	fresh := subscribe(t, s.URL+"/d/"+newKey+"/events", nil)
	fresh.await(t, "change", `"version":1`, time.Second)
	c2 := c
	c2.EditKey = newKey
	if r := s.ops(t, c2, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"After"}]}`); r.status != http.StatusOK {
		t.Fatalf("edit with the new key: %d %s", r.status, r.body)
	}
	viewer.await(t, "change", `"version":2`, time.Second)
	fresh.await(t, "change", `"version":2`, time.Second)
}

// With several instances on one Postgres database, a rotation on one ends
// the old key's streams on the others.
func TestRotationEndsStreamsOnOtherInstances(t *testing.T) {
	cfg := apptest.PostgresConfig(t)
	var servers []*server
	for range 2 {
		st := apptest.Postgres(t, cfg)
		servers = append(servers, &server{Server: apptest.Server(t, st, handlers.Options{}), store: st})
	}
	c := servers[0].mustCreate(t, ordersDoc)
	old := subscribe(t, servers[1].URL+"/d/"+c.EditKey+"/events", nil)
	old.await(t, "change", `"version":1`, time.Second)
	// Hearing the presence of both shows that both instances listen.
	other := subscribe(t, servers[0].URL+"/v/"+c.ID+"/events", nil)
	old.await(t, "presence", `"count":2`, 2*time.Second)
	rotate(t, servers[0], c.EditKey)
	old.awaitEnd(t, 3*time.Second)
	other.cancel()
}
