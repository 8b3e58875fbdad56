// Package e2e drives archlab in a real Chromium the way people use it.
package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
	"github.com/archlab/archlab/store/sqlite"
)

// app is archlab on a fresh SQLite file.
type app struct {
	*httptest.Server
	store *sqlite.DB
}

func newApp(tb testing.TB) *app {
	tb.Helper()
	st := apptest.Store(tb)
	return &app{Server: apptest.Server(tb, st, handlers.Options{WritesPerMinute: 100000}), store: st}
}

// create stores a design through the API and returns its view id and edit
// key.
func (a *app) create(tb testing.TB, doc string) (id, key string) {
	tb.Helper()
	resp, err := http.Post(a.URL+"/api/v1/designs", "application/json", strings.NewReader(doc))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var c struct{ ID, EditKey string }
	if err := json.Unmarshal(body, &c); err != nil || resp.StatusCode != 201 {
		tb.Fatalf("create: %d %v %s", resp.StatusCode, err, body)
	}
	return c.ID, c.EditKey
}

// design reads a design back through the API.
func (a *app) design(tb testing.TB, id string) *design.Design {
	tb.Helper()
	d, err := a.store.Design(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}
