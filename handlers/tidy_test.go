package handlers_test

import (
	"net/http"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// Tidy up (POST layout) arranges every block, those placed by hand too,
// as one edit whose inverse puts them back; a design already tidy is left
// as it is, and a bad batch id is refused naming the field.
func TestTidyUpArrangesPlacedBlocks(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, `{"format":"archlab/v1","title":"Tidy","blocks":[
		{"id":"Queue","kind":"sqs","x":400,"y":400},{"id":"Worker","kind":"lambda","x":40,"y":40}],
		"connections":[{"id":"c1","from":"Queue","to":"Worker"}]}`)
	path := "/d/" + c.EditKey + "/layout?batch=tidy-1"
	hx := map[string]string{"HX-Request": "true"}

	r := s.do(t, "POST", path, "", hx)
	doc := page(t, r)
	if v, _ := doc.Find("#status").Attr("data-version"); r.status != http.StatusOK || v != "2" {
		t.Fatalf("tidy up answers %d at version %q", r.status, v)
	}
	if inv, _ := doc.Find("#status").Attr("data-inverse"); inv == "" {
		t.Error("tidy up carries no inverse for undo")
	}
	d, err := s.store.Design(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if q, w := d.Block("Queue"), d.Block("Worker"); q.X >= w.X {
		t.Errorf("the queue (%v) is not left of the worker it feeds (%v)", q.X, w.X)
	}

	// Tidy again: nothing moves, no new version.
	r = s.do(t, "POST", "/d/"+c.EditKey+"/layout?batch=tidy-2", "", hx)
	if v, _ := page(t, r).Find("#status").Attr("data-version"); r.status != http.StatusOK || v != "2" {
		t.Errorf("tidying a tidy design answers %d at version %q", r.status, v)
	}
	// Bad input: a batch id that is not one; the view link cannot tidy.
	r = s.do(t, "POST", "/d/"+c.EditKey+"/layout?batch=no%20spaces", "", hx)
	if r.status != http.StatusUnprocessableEntity {
		t.Errorf("a bad batch id answers %d", r.status)
	}
	if r := s.do(t, "POST", "/v/"+c.ID+"/layout?batch=x", "", hx); r.status < 400 {
		t.Errorf("tidying through the view link answers %d", r.status)
	}
}
