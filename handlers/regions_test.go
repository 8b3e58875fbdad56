package handlers_test

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// The editor page, the view and /state go out the same whether gzip or
// not: the gzip spliced from regions kept per version decodes (CRC and
// length checked by the client) to exactly the uncompressed answer.
func TestKeptRegionsGzipAsPlain(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	for _, path := range []string{"/d/" + c.EditKey + "/", "/v/" + c.ID, "/d/" + c.EditKey + "/state", "/v/" + c.ID + "/state"} {
		zipped := s.do(t, "GET", path, "", nil) // the client asks for gzip and decodes it
		plain := s.do(t, "GET", path, "", map[string]string{"Accept-Encoding": "identity"})
		if zipped.status != http.StatusOK || plain.status != http.StatusOK {
			t.Fatalf("%s: %d, %d", path, zipped.status, plain.status)
		}
		if plain.header.Get("Content-Encoding") != "" {
			t.Errorf("%s: encoded %q for a client that takes no gzip", path, plain.header.Get("Content-Encoding"))
		}
		if !bytes.Equal(zipped.body, plain.body) {
			t.Errorf("%s: gzip decodes to %d bytes, plain is %d", path, len(zipped.body), len(plain.body))
		}
	}
}

// The diagram is the same bytes whatever is selected: the script marks
// the selection, so every editor of a version shares one rendering.
func TestDiagramIsTheSameWhateverIsSelected(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	canvas := regexp.MustCompile(`(?s)<div id="canvas".*?</svg>`)
	a := s.do(t, "GET", "/d/"+c.EditKey+"/state?select=OrdersApi", "", map[string]string{"HX-Request": "true"})
	b := s.do(t, "GET", "/d/"+c.EditKey+"/state?select=Worker", "", map[string]string{"HX-Request": "true"})
	ca, cb := canvas.Find(a.body), canvas.Find(b.body)
	if ca == nil || !bytes.Equal(ca, cb) {
		t.Fatalf("the canvas differs with the selection:\n%.300s\n%.300s", ca, cb)
	}
	if bytes.Contains(ca, []byte("selected")) {
		t.Errorf("the kept diagram marks a selection")
	}
}

// A batch sent again is not applied again; its answer is every finding
// of the design now, marked replayed (the first answer was the change).
func TestReplayedBatchAnswersAllFindings(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	body := `{"baseVersion":1,"batch":"b-1","ops":[{"op":"setTitle","title":"Again"}]}`
	first := s.ops(t, c, body).json(t)
	again := s.ops(t, c, body).json(t)
	if first["introduced"] == nil || first["replayed"] != nil {
		t.Fatalf("first answer %v", first)
	}
	if again["replayed"] != true || again["findings"] == nil || again["accepted"] == nil || again["version"] != 2.0 {
		t.Fatalf("answer sent again %v", again)
	}
}

// An editor that says which version it shows gets from /state only the
// regions that differ from that version's: after a new title, the diagram
// (which names it) but not the findings or outline; at its own version,
// none.
func TestStateFromAVersionLeavesOutWhatItShows(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	htmx := map[string]string{"HX-Request": "true"}
	s.do(t, "GET", "/d/"+c.EditKey+"/state", "", htmx) // an editor shows version 1
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"setTitle","title":"Orders v2"}]}`); r.status != http.StatusOK {
		t.Fatalf("edit: %d", r.status)
	}
	has := func(body []byte, id string) bool { return bytes.Contains(body, []byte(`id="`+id+`"`)) }
	full := s.do(t, "GET", "/d/"+c.EditKey+"/state", "", htmx).body
	from1 := s.do(t, "GET", "/d/"+c.EditKey+"/state?from=1", "", htmx).body
	from2 := s.do(t, "GET", "/d/"+c.EditKey+"/state?from=2", "", htmx).body
	for _, id := range []string{"canvas", "findings", "outline", "status", "inspector"} {
		if !has(full, id) {
			t.Errorf("/state without from left out %s", id)
		}
	}
	if !has(from1, "canvas") || has(from1, "findings") || has(from1, "outline") || !has(from1, "status") {
		t.Errorf("/state from version 1 after a new title: %.300s", from1)
	}
	if has(from2, "canvas") || has(from2, "findings") || has(from2, "outline") || !has(from2, "status") || !has(from2, "inspector") {
		t.Errorf("/state from the current version: %.300s", from2)
	}
	// Another editor's drag: the block that moved, not the diagram.
	if r := s.ops(t, c, `{"baseVersion":2,"ops":[{"op":"moveBlock","id":"Worker","x":400,"y":300}]}`); r.status != http.StatusOK {
		t.Fatalf("move: %d", r.status)
	}
	moved := s.do(t, "GET", "/d/"+c.EditKey+"/state?from=2", "", htmx).body
	if has(moved, "canvas") || !has(moved, "diagram-patch") || !bytes.Contains(moved, []byte(`data-block-id="Worker"`)) || bytes.Contains(moved, []byte(`data-block-id="OrdersApi"`)) {
		t.Errorf("/state from the version before a drag: %.600s", moved)
	}
}

// Editors that fetch /state at once share one read of the review and one
// rendered answer (beside.go): each still gets the new version and the
// review as it stood when it asked, never an older one.
func TestStateAtOnceIsCurrent(t *testing.T) {
	s := mustServer(t, handlers.Options{WritesPerMinute: 1 << 30})
	c := s.mustCreate(t, ordersDoc)
	for i, by := range []string{"Ann Reviewer", "Bo Approver"} {
		state := []string{"in-review", "approved"}[i]
		if r := s.review(t, c.ID, c.EditKey, `{"state":"`+state+`","by":"`+by+`"}`); r.status != http.StatusOK {
			t.Fatalf("review: %d %s", r.status, r.body)
		}
		v := 2 + i
		if r := s.ops(t, c, fmt.Sprintf(`{"baseVersion":%d,"ops":[{"op":"moveBlock","id":"OrdersApi","x":%d,"y":40}]}`, v-1, 40*v)); r.status != http.StatusOK {
			t.Fatalf("edit: %d %s", r.status, r.body)
		}
		bodies := make([][]byte, 40)
		var wg sync.WaitGroup
		for j := range bodies {
			wg.Go(func() {
				r := s.do(t, "GET", fmt.Sprintf("/d/%s/state?select=&from=%d", c.EditKey, v-1), "", map[string]string{"HX-Request": "true"})
				if r.status == http.StatusOK {
					bodies[j] = r.body
				}
			})
		}
		wg.Wait()
		for j, b := range bodies {
			if !bytes.Contains(b, []byte(fmt.Sprintf(`data-version="%d"`, v))) || !bytes.Contains(b, []byte(by)) {
				t.Fatalf("fetch %d of version %d: want the version and the review by %s, got %.300s", j, v, by, b)
			}
		}
	}
}
