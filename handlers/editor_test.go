package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

// Moving blocks changes no finding, so the editor's answer to a drag leaves
// out the findings panel and outline, which the page keeps, even a move of
// a block whose fix adds a block beside it (the fix places it relative to
// the block). Any edit leaves out the regions it left as they were (a new
// title changes the diagram, which names it, but not the findings); one
// that changes them redraws them.
func TestEditAnswerLeavesOutUnchangedFindings(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	edit := func(version int, ops string) string {
		t.Helper()
		body := fmt.Sprintf(`{"baseVersion":%d,"selected":"Worker","ops":[%s]}`, version, ops)
		r := s.do(t, "POST", "/d/"+c.EditKey+"/ops", body, map[string]string{"Content-Type": "application/json", "HX-Request": "true"})
		if r.status != 200 || !strings.Contains(string(r.body), `id="status"`) {
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
	if lists(edit(3, `{"op":"setTitle","title":"Orders v2"}`)) {
		t.Error("a new title redrew the findings, which it does not change")
	}
	if body := edit(4, `{"op":"removeBlock","id":"OrderQueue"}`); !lists(body) || !strings.Contains(body, `id="canvas"`) {
		t.Error("removing a block left out the diagram or findings it changed")
	}
}

// A property edit answers the regions whose content it changed, not
// every region: a function name, which changes no finding and is not drawn,
// answers the status and inspector; a timeout that resolves a finding
// answers the findings and the diagram (which shows it) too.
func TestPropertyEditAnswersWhatChanged(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, ordersDoc)
	s.do(t, "GET", "/d/"+c.EditKey+"/", "", nil) // the editor opens the design
	findings := func() string {
		r := s.do(t, "GET", "/api/v1/designs/"+c.ID+"/findings", "", nil)
		var f struct{ Findings any }
		if err := json.Unmarshal(r.body, &f); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(f.Findings)
		return string(b)
	}
	before := findings()
	same, _ := s.postInspector(t, c, "Worker", 1, url.Values{"p:FunctionName": {"orders-worker"}, "p:MemorySize": {"512"}, "p:Timeout": {"30"}})
	if same.status != 200 || !strings.Contains(string(same.body), `data-version="2"`) {
		t.Fatalf("function name: %d %.300s", same.status, same.body)
	}
	if findings() != before {
		t.Fatal("the function name changed a finding: pick another property")
	}
	for _, id := range []string{`id="findings"`, `id="outline"`, `id="canvas"`} {
		if strings.Contains(string(same.body), id) {
			t.Errorf("a property edit that changes no finding answered %s", id)
		}
	}
	changed, _ := s.postInspector(t, c, "Worker", 2, url.Values{"p:FunctionName": {"orders-worker"}, "p:MemorySize": {"512"}, "p:Timeout": {"5"}})
	if changed.status != 200 || findings() == before {
		t.Fatalf("timeout: %d; findings the same %v", changed.status, findings() == before)
	}
	if !strings.Contains(string(changed.body), `id="findings"`) || !strings.Contains(string(changed.body), `id="canvas"`) {
		t.Error("a property edit that changed a finding left out the findings panel or the diagram")
	}
	t.Logf("answered %d bytes for a property edit that changes no finding, %d for one that does", len(same.body), len(changed.body))
	if len(same.body) >= len(changed.body) {
		t.Errorf("%d bytes for an edit that changes no finding, %d for one that does", len(same.body), len(changed.body))
	}
}
