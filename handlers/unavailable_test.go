package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archlab/archlab/content"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/live"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/static"
	"github.com/archlab/archlab/store"
)

// frozenStore is a store whose database can freeze, as a Postgres server
// stopped with SIGSTOP does: every call then waits until its context ends.
type frozenStore struct {
	store.Store
	frozen atomic.Bool
}

func (f *frozenStore) wait(ctx context.Context) error {
	if !f.frozen.Load() {
		return nil
	}
	<-ctx.Done()
	return ctx.Err()
}

func (f *frozenStore) Design(ctx context.Context, id string) (*design.Design, error) {
	if err := f.wait(ctx); err != nil {
		return nil, err
	}
	return f.Store.Design(ctx, id)
}

func (f *frozenStore) DesignByEditKey(ctx context.Context, key string) (*design.Design, error) {
	if err := f.wait(ctx); err != nil {
		return nil, err
	}
	return f.Store.DesignByEditKey(ctx, key)
}

func (f *frozenStore) ApplyOps(ctx context.Context, id, key string, b design.Batch) (*design.Applied, error) {
	if err := f.wait(ctx); err != nil {
		return nil, err
	}
	return f.Store.ApplyOps(ctx, id, key, b)
}

// syncBuffer is a log that the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// unavailableServer serves archlab over a store that can freeze, with the
// deadline archlab serve gives every database call, logging to log.
func unavailableServer(t *testing.T, timeout time.Duration) (*server, *frozenStore, *syncBuffer) {
	t.Helper()
	fs := &frozenStore{Store: apptest.Store(t)}
	log := &syncBuffer{}
	cat := design.Builtin()
	lib, err := content.Load(cat, rules.Default(cat))
	if err != nil {
		t.Fatal(err)
	}
	h, err := handlers.New(handlers.Deps{Store: store.WithDeadline(fs, timeout), Catalogue: cat, Rules: rules.Default(cat), Knowledge: lib,
		Assets: static.New(), Log: slog.New(slog.NewJSONHandler(log, nil)), Live: live.NewHub("t")}, handlers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h.Routes())
	t.Cleanup(srv.Close)
	t.Cleanup(h.EndStreams)
	return &server{Server: srv, store: fs}, fs, log
}

// loggedStatuses returns the statuses the access log gives a route.
func loggedStatuses(t *testing.T, log string, route string) []int {
	t.Helper()
	var out []int
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		var e struct {
			Msg    string `json:"msg"`
			Route  string `json:"route"`
			Status int    `json:"status"`
		}
		if json.Unmarshal([]byte(line), &e) == nil && e.Msg == "request" && e.Route == route {
			out = append(out, e.Status)
		}
	}
	return out
}

func TestFrozenDatabaseAnswers503InTime(t *testing.T) {
	s, fs, log := unavailableServer(t, 300*time.Millisecond)
	c := s.mustCreate(t, ordersDoc)
	fs.frozen.Store(true)
	auth := map[string]string{"Authorization": "Bearer " + c.EditKey}
	for _, tc := range []struct {
		name, method, path, body, route string
		header                          map[string]string
	}{
		{"API read", "GET", "/api/v1/designs/" + c.ID, "", "/api/v1/designs/{designID}", nil},
		{"API edit", "POST", "/api/v1/designs/" + c.ID + "/ops", `{"baseVersion":1,"batch":"b1","ops":[{"op":"setTitle","title":"x"}]}`, "/api/v1/designs/{designID}/ops", auth},
		{"editor page", "GET", "/d/" + c.EditKey, "", "/d/{editKey}", nil},
		{"view page", "GET", "/v/" + c.ID, "", "/v/{designID}", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Without a deadline, the request would hang as long as the
			// database: give up after a few seconds.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, tc.method, s.URL+tc.path, strings.NewReader(tc.body))
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			resp, err := s.Client().Do(req)
			if err != nil {
				t.Fatalf("no answer while the database is frozen: %v", err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			r := response{status: resp.StatusCode, header: resp.Header, body: b}
			if r.status != http.StatusServiceUnavailable {
				t.Fatalf("status=%d, want 503: %s", r.status, r.body)
			}
			if r.header.Get("Retry-After") == "" {
				t.Fatal("a 503 without Retry-After")
			}
			if strings.HasPrefix(tc.path, "/api/") && r.errorOf(t)["code"] != design.EUNAVAILABLE {
				t.Fatalf("error %s, want code %q", r.body, design.EUNAVAILABLE)
			}
			if got := loggedStatuses(t, log.String(), tc.route); len(got) == 0 || got[len(got)-1] != 503 {
				t.Fatalf("the access log says %v for %s, want 503", got, tc.route)
			}
		})
	}

	// The database is back: the same edit, sent again, applies once.
	fs.frozen.Store(false)
	for i := range 2 {
		r := s.ops(t, c, `{"baseVersion":1,"batch":"b1","ops":[{"op":"setTitle","title":"x"}]}`)
		if r.status != 200 {
			t.Fatalf("after the outage: %d %s", r.status, r.body)
		}
		if v := r.json(t); v["version"] != 2.0 || (v["replayed"] == true) != (i == 1) {
			t.Fatalf("send %d after the outage: %s", i+1, r.body)
		}
	}
}

// A client that gives up before the database answers is logged as such
// (499, as nginx does), neither as served nor as archlab's failure.
func TestClientGivingUpIsLogged499(t *testing.T) {
	s, fs, log := unavailableServer(t, 2*time.Second)
	c := s.mustCreate(t, ordersDoc)
	fs.frozen.Store(true)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"/d/"+c.EditKey, nil)
	if resp, err := s.Client().Do(req); err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		t.Fatalf("answered %d while frozen", resp.StatusCode)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if got := loggedStatuses(t, log.String(), "/d/{editKey}"); len(got) > 0 {
			if got[0] != 499 {
				t.Fatalf("the access log says %d for a request whose client gave up, want 499", got[0])
			}
			if strings.Contains(log.String(), `"level":"ERROR"`) {
				t.Fatalf("a client giving up is logged as an error: %s", log.String())
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the request was never logged")
}

// An edit based on an older version that someone else's edit broke (the
// block it edits or connects to was removed, the id it adds was taken) is
// a conflict with the fresh design; an edit wrong on its own is 422.
func TestStaleEditBrokenByAnotherIsAConflict(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"removeBlock","id":"OrderQueue"}]}`); r.status != 200 {
		t.Fatalf("remove: %d %s", r.status, r.body)
	}
	for _, tc := range []struct {
		name, body string
		status     int
	}{
		{"edit a removed block", `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"OrderQueue","props":{"VisibilityTimeout":90}}]}`, http.StatusConflict},
		{"connect to a removed block", `{"baseVersion":1,"ops":[{"op":"connect","connection":{"from":"Worker","to":"OrderQueue","integration":"sdk"}}]}`, http.StatusConflict},
		{"edit a block that never was", `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Nope","props":{"Timeout":3}}]}`, http.StatusUnprocessableEntity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.ops(t, c, tc.body)
			if r.status != tc.status {
				t.Fatalf("status=%d, want %d: %s", r.status, tc.status, r.body)
			}
			fresh, _ := r.json(t)["design"].(map[string]any)
			if tc.status == http.StatusConflict && (fresh == nil || fresh["version"] != 2.0) {
				t.Fatalf("the conflict does not carry the fresh design: %s", r.body)
			}
			if tc.status != http.StatusConflict && fresh != nil {
				t.Fatalf("a refusal carries a design: %s", r.body)
			}
		})
	}
}
