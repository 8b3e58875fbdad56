package handlers_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/internal/testenv"
	"github.com/archlab/archlab/store"
)

// TestPostgresConnectionsKilledMidLoad is the fault-injection test: while
// clients edit, every database connection of archlab is terminated again
// and again (pg_terminate_backend; the server keeps running). Requests
// caught by it must be answered 503, never 500; archlab must recover
// without a restart; and every edit acknowledged with a 2xx must be in
// the designs afterwards, each applied once, with clients sending what
// got a 503 again under the same batch id, as the editor does.
func TestPostgresConnectionsKilledMidLoad(t *testing.T) {
	cfg := apptest.PostgresConfig(t)
	// A name of its own, so that only this test's connections are killed.
	app := "archlab-fault-" + strings.ToLower(rand.Text()[:8])
	cfg.ConnConfig.RuntimeParams["application_name"] = app
	pg := apptest.Postgres(t, cfg)
	s := &server{Server: apptest.Server(t, store.WithDeadline(pg, 2*time.Second), handlers.Options{WritesPerMinute: 100000}), store: pg}

	const clients, perClient = 4, 100
	designs := make([]created, clients)
	for i := range designs {
		designs[i] = s.mustCreate(t, `{"format":"archlab/v1","title":"Load"}`)
	}

	admin, err := pgx.Connect(context.Background(), testenv.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	var killed atomic.Int64
	kill := func() {
		var n int64
		err := admin.QueryRow(context.Background(), `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE application_name = $1 AND pid <> pg_backend_pid()`, app).Scan(&n)
		if err != nil {
			t.Errorf("pg_terminate_backend: %v", err)
		}
		killed.Add(n)
	}

	var (
		acked, unavailable, replayed, retries atomic.Int64
		mu                                    sync.Mutex
		other                                 []string
	)
	progress := make(chan struct{}, clients*perClient)
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := designs[w]
			version := 1
			for i := range perClient {
				batch := fmt.Sprintf("w%d-op%d-%s", w, i, rand.Text()[:6])
				body := fmt.Sprintf(`{"baseVersion":%d,"batch":%q,"ops":[{"op":"addBlock","block":{"id":"B%d","kind":"sqs"}}]}`, version, batch, i)
				for attempt := 0; ; attempt++ {
					if attempt == 200 {
						t.Errorf("client %d: op %d never went through", w, i)
						return
					}
					r := s.ops(t, c, body)
					if r.status == http.StatusOK {
						var v struct {
							Version  int  `json:"version"`
							Replayed bool `json:"replayed"`
						}
						json.Unmarshal(r.body, &v)
						version = v.Version
						acked.Add(1)
						if v.Replayed {
							replayed.Add(1)
						}
						progress <- struct{}{}
						break
					}
					if r.status == http.StatusServiceUnavailable && r.header.Get("Retry-After") != "" {
						unavailable.Add(1)
						retries.Add(1)
						time.Sleep(20 * time.Millisecond) // shorter than Retry-After: the test has no time to lose
						continue
					}
					mu.Lock()
					other = append(other, fmt.Sprintf("%d %s", r.status, r.body))
					mu.Unlock()
					return
				}
			}
		}()
	}

	// Mid-load: after a quarter of the edits, kill every connection every
	// 15 ms for half a second, twice, with a pause between.
	for range clients * perClient / 4 {
		<-progress
	}
	for round := 0; round < 2; round++ {
		end := time.Now().Add(500 * time.Millisecond)
		for time.Now().Before(end) {
			kill()
			time.Sleep(15 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
	}
	go func() {
		for range progress { // keep the clients from blocking
		}
	}()
	wg.Wait()
	close(progress)

	if len(other) > 0 {
		t.Fatalf("answers other than 200 and 503: %d, first %s", len(other), other[0])
	}
	if unavailable.Load() == 0 {
		t.Fatalf("%d connections killed, yet no request was answered 503", killed.Load())
	}
	// Every acknowledged edit is there, once: the design holds each block,
	// and has one revision per edit.
	for w, c := range designs {
		r := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil)
		if r.status != http.StatusOK {
			t.Fatalf("after the outage: %d %s", r.status, r.body)
		}
		var d struct {
			Version int `json:"version"`
			Blocks  []design.Block
		}
		if err := json.Unmarshal(r.body, &d); err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, b := range d.Blocks {
			ids[b.ID] = true
		}
		if len(d.Blocks) != perClient || d.Version != perClient+1 {
			t.Fatalf("client %d: %d blocks at v%d, want %d at v%d", w, len(d.Blocks), d.Version, perClient, perClient+1)
		}
		for i := range perClient {
			if !ids[fmt.Sprintf("B%d", i)] {
				t.Fatalf("client %d: acknowledged block B%d is missing", w, i)
			}
		}
	}
	if r := s.do(t, "GET", "/readyz", "", nil); r.status != http.StatusOK {
		t.Fatalf("not ready after the outage: %d", r.status)
	}
	t.Logf("%d edits acknowledged, all present once; %d connections killed; %d answers 503 (each sent again), %d resends found already applied",
		acked.Load(), killed.Load(), unavailable.Load(), replayed.Load())
}
