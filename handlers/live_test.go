package handlers_test

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
)

// sse is a reader of a server-sent event stream.
type sse struct {
	events chan [2]string // event name, data
	cancel context.CancelFunc
	header http.Header
}

func subscribe(tb testing.TB, url string, header map[string]string) *sse {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		tb.Fatalf("%s answers %d %s", url, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	s := &sse{events: make(chan [2]string, 64), cancel: cancel, header: resp.Header}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				s.events <- [2]string{name, data}
				name, data = "", ""
			}
		}
		close(s.events)
	}()
	return s
}

// await returns the data of the first event named name whose data holds
// want, failing after within.
func (s *sse) await(tb testing.TB, name, want string, within time.Duration) {
	tb.Helper()
	deadline := time.After(within)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				tb.Fatalf("the stream ended before %s %s", name, want)
			}
			if ev[0] == name && strings.Contains(ev[1], want) {
				return
			}
		case <-deadline:
			tb.Fatalf("no %s event with %s within %v", name, want, within)
		}
	}
}

func TestEditReachesAnotherInstanceLive(t *testing.T) {
	cfg := apptest.PostgresConfig(t)
	var servers []*server
	for range 2 {
		st := apptest.Postgres(t, cfg)
		servers = append(servers, &server{Server: apptest.Server(t, st, handlers.Options{}), store: st})
	}
	c := servers[0].mustCreate(t, ordersDoc)
	watcher := subscribe(t, servers[1].URL+"/v/"+c.ID+"/events", nil)
	watcher.await(t, "change", `"version":1`, time.Second)
	// Presence counts the people on both instances; hearing it also shows
	// that both instances listen.
	editor := subscribe(t, servers[0].URL+"/d/"+c.EditKey+"/events", nil)
	watcher.await(t, "presence", `"count":2`, 2*time.Second)
	editor.await(t, "presence", `"count":2`, 2*time.Second)
	start := time.Now()
	if r := servers[0].ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"Live"}]}`); r.status != http.StatusOK {
		t.Fatalf("edit: %d %s", r.status, r.body)
	}
	watcher.await(t, "change", `"version":2`, time.Second)
	t.Logf("an edit on one instance reached a subscriber of the other in %v", time.Since(start))
	editor.cancel()
	watcher.await(t, "presence", `"count":1`, 2*time.Second)
}

func TestReconnectingClientCatchesUp(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"Two"}]}`)
	// A client that saw version 1 hears of version 2 at once.
	late := subscribe(t, s.URL+"/v/"+c.ID+"/events", map[string]string{"Last-Event-ID": "1"})
	late.await(t, "change", `"version":2`, time.Second)
	// A stream for a wrong edit key is refused, not opened.
	r := s.do(t, "GET", "/d/"+design.NewEditKey()+"/events", "", nil)
	if r.status != http.StatusForbidden {
		t.Errorf("events at an unknown edit key: %d, want 403", r.status)
	}
	r = s.do(t, "GET", "/v/nosuchdesign0000/events", "", nil)
	if r.status != http.StatusNotFound {
		t.Errorf("events of an unknown design: %d, want 404", r.status)
	}
}
