package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// Moving blocks changes no finding, so the editor's answer to a drag leaves
// out the findings panel and outline, which the page keeps, even a move of
// a block whose fix adds a block beside it (the fix places it relative to
// the block); any other edit redraws them.
func TestEditAnswerLeavesOutUnchangedFindings(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	edit := func(version int, ops string) string {
		t.Helper()
		body := fmt.Sprintf(`{"baseVersion":%d,"selected":"Worker","ops":[%s]}`, version, ops)
		r := s.do(t, "POST", "/d/"+c.EditKey+"/ops", body, map[string]string{"Content-Type": "application/json", "HX-Request": "true"})
		if r.status != 200 || !strings.Contains(string(r.body), `id="status"`) || !strings.Contains(string(r.body), `id="canvas"`) && !strings.Contains(string(r.body), `id="diagram-patch"`) {
			t.Fatalf("%s answered %d:\n%.400s", ops, r.status, r.body)
		}
		return string(r.body)
	}
	lists := func(body string) bool {
		findings, outline := strings.Contains(body, `id="findings"`), strings.Contains(body, `id="outline"`)
		if findings != outline {
			t.Fatalf("findings panel %v but outline %v", findings, outline)
		}
		return findings
	}
	if lists(edit(1, `{"op":"moveBlock","id":"OrdersApi","x":160,"y":240}`)) {
		t.Error("moving the API redrew the findings, which did not change")
	}
	if lists(edit(2, `{"op":"moveBlock","id":"OrderQueue","x":400,"y":400}`)) {
		t.Error("moving the queue redrew the findings, though its dead-letter fix is the same")
	}
	if !lists(edit(3, `{"op":"setTitle","title":"Orders v2"}`)) {
		t.Error("an edit other than a move left out the findings panel")
	}
}
