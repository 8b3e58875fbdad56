package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// An old version's page inspects its blocks as they were in that version,
// read-only even at the edit link; a version that is not one is refused.
func TestInspectAnOldVersion(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"updateBlock","id":"Worker","props":{"Timeout":120}}]}`)

	for _, base := range []string{"/v/" + c.ID, "/d/" + c.EditKey} {
		r := s.do(t, "GET", base+"/inspect?id=Worker&version=1", "", nil)
		doc := page(t, r)
		if v, _ := doc.Find("#prop-Timeout").Attr("value"); r.status != http.StatusOK || v != "30" {
			t.Errorf("%s: version 1's inspector answers %d with Timeout %q, want 30", base, r.status, v)
		}
		if _, disabled := doc.Find("#inspector fieldset").Attr("disabled"); !disabled {
			t.Errorf("%s: version 1's inspector can be edited", base)
		}
	}
	if v, _ := page(t, s.do(t, "GET", "/v/"+c.ID+"/inspect?id=Worker", "", nil)).Find("#prop-Timeout").Attr("value"); v != "120" {
		t.Errorf("the current inspector shows Timeout %q, want 120", v)
	}
	for q, want := range map[string]int{
		"version=99":    http.StatusNotFound,
		"version=first": http.StatusUnprocessableEntity,
		"version=0":     http.StatusUnprocessableEntity,
	} {
		if r := s.do(t, "GET", "/v/"+c.ID+"/inspect?id=Worker&"+q, "", nil); r.status != want {
			t.Errorf("%s answers %d, want %d: %s", q, r.status, want, strings.TrimSpace(string(r.body))[:min(80, len(r.body))])
		}
	}
}
