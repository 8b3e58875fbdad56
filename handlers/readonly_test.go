package handlers_test

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"sync"
	"testing"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/exports"
	"github.com/archlab/archlab/handlers"
	"github.com/archlab/archlab/internal/apptest"
)

// The store hands every request the one design it keeps per version,
// uncopied (design.Store): no page, answer or export may change it. Every
// read route runs on it, two at a time (go test -race sees a write racing
// a read), and the kept design is then still what it was.
func TestReadsLeaveTheKeptDesignAlone(t *testing.T) {
	ctx := context.Background()
	s := mustServer(t, handlers.Options{})
	cr, err := s.store.CreateDesign(ctx, apptest.RealisticDesign(t, design.Builtin(), 40))
	if err != nil {
		t.Fatal(err)
	}
	c := created{ID: cr.Design.ID, EditKey: cr.EditKey}
	// A second version, for the history, versions and compare pages.
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"Kept"}]}`); r.status != http.StatusOK {
		t.Fatalf("edit: %d %s", r.status, r.body)
	}
	kept, err := s.store.Design(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := s.store.DesignByEditKey(ctx, c.EditKey); again != kept {
		t.Fatal("the store hands out copies: this test would check nothing")
	}
	was := kept.Clone()
	block, conn := kept.Blocks[0].ID, kept.Connections[0].ID

	paths := []string{
		"/d/" + c.EditKey + "/", "/d/" + c.EditKey + "/?select=" + block,
		"/d/" + c.EditKey + "/state?select=" + conn,
		"/d/" + c.EditKey + "/inspect?id=" + block, "/d/" + c.EditKey + "/inspect?id=" + block + "&version=1",
		"/d/" + c.EditKey + "/connect?from=" + block, "/d/" + c.EditKey + "/history",
		"/v/" + c.ID, "/v/" + c.ID + "?embed=1", "/v/" + c.ID + "/state", "/v/" + c.ID + "/inspect?id=" + conn,
		"/v/" + c.ID + "/history", "/v/" + c.ID + "/versions/1", "/v/" + c.ID + "/compare?from=1&to=2",
		"/api/v1/designs/" + c.ID, "/api/v1/designs/" + c.ID + "/findings", "/api/v1/designs/" + c.ID + "/revisions",
	}
	for _, f := range exports.Formats {
		paths = append(paths, "/v/"+c.ID+"/export/"+f.Name)
	}
	var wg sync.WaitGroup
	for _, p := range paths {
		for range 2 {
			wg.Go(func() {
				res, err := s.Client().Get(s.URL + p)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				// The CloudFormation export refuses what needs SAM (422):
				// a refusal reads the design too.
				if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("GET %s: %d", p, res.StatusCode)
				}
			})
		}
	}
	wg.Wait()
	if now, _ := s.store.Design(ctx, c.ID); now != kept {
		t.Fatal("the kept design was replaced by a read")
	}
	if !reflect.DeepEqual(kept, was) {
		t.Fatal("a read changed the design the store keeps")
	}
}
