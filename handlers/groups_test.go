package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/archlab/archlab/handlers"
)

const groupsDoc = `{"format":"archlab/v1","title":"Orders","blocks":[
	{"id":"Worker","kind":"lambda","x":300,"y":120},
	{"id":"OrderQueue","kind":"sqs","x":80,"y":120}],
	"connections":[{"id":"c1","from":"OrderQueue","to":"Worker","integration":"event-source-mapping"}],
	"groups":[{"id":"Main","kind":"vpc","name":"Main VPC","blocks":["Worker"]}]}`

// The API carries groups in documents and edits them with operations;
// a stale edit of a removed group is a conflict with the fresh design.
func TestAPIGroups(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, groupsDoc)
	r := s.do(t, "GET", "/api/v1/designs/"+c.ID, "", nil)
	groups, _ := r.json(t)["groups"].([]any)
	if len(groups) != 1 || groups[0].(map[string]any)["name"] != "Main VPC" {
		t.Fatalf("the document does not carry its group: %s", r.body)
	}
	r = s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"addGroup","group":{"id":"Private","kind":"subnet","name":"Private","parent":"Main","blocks":[]}},{"op":"setGroupMembers","id":"Main","blocks":[]},{"op":"setGroupMembers","id":"Private","blocks":["Worker"]}]}`)
	if r.status != 200 {
		t.Fatalf("group ops: %d %s", r.status, r.body)
	}
	r = s.ops(t, c, `{"baseVersion":2,"ops":[{"op":"removeGroup","id":"Main"}]}`)
	if r.status != 200 {
		t.Fatalf("removeGroup: %d %s", r.status, r.body)
	}
	r = s.ops(t, c, `{"baseVersion":2,"ops":[{"op":"updateGroup","id":"Private","name":"Apps"}]}`)
	if r.status != http.StatusConflict {
		t.Fatalf("stale rename of a removed group: %d, want 409: %s", r.status, r.body)
	}
	if fresh, ok := r.json(t)["design"].(map[string]any); !ok || fresh["version"] != 3.0 {
		t.Fatalf("the conflict does not carry the fresh design: %s", r.body)
	}
	if msg := r.errorOf(t)["message"].(string); !strings.Contains(msg, "Private") {
		t.Fatalf("message %q does not name the group", msg)
	}
}

func TestAPIGroupsBadInput(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, groupsDoc)
	for _, tc := range []struct{ name, path, body, field, message string }{
		{"document: unknown group kind", "/api/v1/designs", strings.Replace(groupsDoc, `"kind":"vpc"`, `"kind":"vnet"`, 1), "groups[0].kind", "unknown group kind"},
		{"document: member missing", "/api/v1/designs", strings.Replace(groupsDoc, `"blocks":["Worker"]`, `"blocks":["Nope"]`, 1), "groups[0].blocks[0]", "does not exist"},
		{"document: subnet alone", "/api/v1/designs", strings.Replace(groupsDoc, `"kind":"vpc"`, `"kind":"subnet"`, 1), "groups[0].parent", "inside a VPC"},
		{"document: unknown group field", "/api/v1/designs", strings.Replace(groupsDoc, `"name":"Main VPC"`, `"label":"Main VPC"`, 1), "groups[0].label", "unknown field"},
		{"op: bad group", "/api/v1/designs/" + c.ID + "/ops", `{"baseVersion":1,"ops":[{"op":"addGroup","group":{"id":"V2","kind":"vpc","blocks":["Worker"]}}]}`, "ops[0].group", "at most one group of each kind"},
		{"op: members not a list", "/api/v1/designs/" + c.ID + "/ops", `{"baseVersion":1,"ops":[{"op":"setGroupMembers","id":"Main","blocks":"Worker"}]}`, "ops[0].blocks", "must be a list"},
		{"op: unknown group", "/api/v1/designs/" + c.ID + "/ops", `{"baseVersion":1,"ops":[{"op":"removeGroup","id":"Nope"}]}`, "ops[0].id", `no group "Nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(t, "POST", tc.path, tc.body, map[string]string{"Authorization": "Bearer " + c.EditKey})
			if r.status != http.StatusUnprocessableEntity {
				t.Fatalf("status=%d, want 422: %s", r.status, r.body)
			}
			e := r.errorOf(t)
			if field, _ := e["field"].(string); field != tc.field {
				t.Errorf("field=%q, want %q", field, tc.field)
			}
			if msg, _ := e["message"].(string); !strings.Contains(msg, tc.message) {
				t.Errorf("message %q does not contain %q", msg, tc.message)
			}
		})
	}
}

// History and the comparison of two versions say what changed in groups.
func TestHistoryAndCompareShowGroups(t *testing.T) {
	s := mustServer(t, handlers.Options{})
	c := s.mustCreate(t, groupsDoc)
	if r := s.ops(t, c, `{"baseVersion":1,"ops":[{"op":"addGroup","group":{"id":"Team","kind":"context","name":"Orders team","blocks":["OrderQueue"]}}]}`); r.status != 200 {
		t.Fatalf("addGroup: %d %s", r.status, r.body)
	}
	history := page(t, s.do(t, "GET", "/v/"+c.ID+"/history", "", nil)).Find("[data-testid=history]").Text()
	if !strings.Contains(history, "added Context Orders team") {
		t.Fatalf("history:\n%s", history)
	}
	doc := page(t, s.do(t, "GET", "/v/"+c.ID+"/compare?from=1&to=2", "", nil))
	if got := doc.Find("[data-testid=group-change]").Text(); got != "added Context Orders team" {
		t.Fatalf("group change = %q", got)
	}
}
