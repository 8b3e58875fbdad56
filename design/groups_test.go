package design

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// groupsDoc is ordersDoc with an account, a Region, a VPC and a subnet
// holding the worker, and a context holding the API.
const groupsDoc = `{"format":"archlab/v1","title":"Orders","blocks":[
  {"id":"OrdersApi","kind":"apigateway-rest","x":80,"y":120},
  {"id":"Worker","kind":"lambda","x":300,"y":120},
  {"id":"OrderQueue","kind":"sqs","x":300,"y":300}],
 "connections":[{"id":"c1","from":"OrderQueue","to":"Worker","integration":"event-source-mapping"}],
 "groups":[
  {"id":"Private","kind":"subnet","name":"Private","parent":"Main","blocks":["Worker"]},
  {"id":"Prod","kind":"account","name":"Production","blocks":[]},
  {"id":"EU","kind":"region","name":"eu-west-1","parent":"Prod","blocks":["OrderQueue"]},
  {"id":"Main","kind":"vpc","name":"Main VPC","parent":"EU","blocks":[]},
  {"id":"Orders","kind":"context","name":"Orders team","blocks":["Worker","OrdersApi"]}]}`

func TestGroupsDecodeAndNest(t *testing.T) {
	d := mustDecode(t, groupsDoc)
	if len(d.Groups) != 5 {
		t.Fatalf("groups = %d, want 5", len(d.Groups))
	}
	// Members are a set, kept sorted.
	if got := d.Group("Orders").Blocks; !slices.Equal(got, []string{"OrdersApi", "Worker"}) {
		t.Fatalf("Orders members = %v", got)
	}
	for _, tc := range []struct{ block, kind, want string }{
		{"Worker", GroupSubnet, "Private"},
		{"Worker", GroupVPC, "Main"},
		{"Worker", GroupRegion, "EU"},
		{"Worker", GroupAccount, "Prod"},
		{"Worker", GroupContext, "Orders"},
		{"OrderQueue", GroupRegion, "EU"},
		{"OrderQueue", GroupVPC, ""},
		{"OrdersApi", GroupAccount, ""},
	} {
		g := d.GroupOf(tc.block, tc.kind)
		got := ""
		if g != nil {
			got = g.ID
		}
		if got != tc.want {
			t.Errorf("GroupOf(%s, %s) = %q, want %q", tc.block, tc.kind, got, tc.want)
		}
	}
	// The document round-trips through its JSON.
	again := mustDecode(t, mustJSONText(t, d))
	if a, b := mustJSONText(t, content(again)), mustJSONText(t, content(d)); a != b {
		t.Fatalf("round trip changed the groups:\n%s\n%s", a, b)
	}
}

func TestGroupsRefused(t *testing.T) {
	blocks := `"blocks":[{"id":"A","kind":"lambda"},{"id":"B","kind":"sqs"}],"connections":[{"id":"c1","from":"B","to":"A","integration":"event-source-mapping"}]`
	for _, tc := range []struct{ name, groups, field, msg string }{
		{"unknown kind", `[{"id":"G","kind":"vpn","blocks":[]}]`, "groups[0].kind", `unknown group kind "vpn"`},
		{"missing kind", `[{"id":"G","blocks":[]}]`, "groups[0].kind", "is required"},
		{"bad id", `[{"id":"1G","kind":"vpc","blocks":[]}]`, "groups[0].id", "not a valid id"},
		{"duplicate id", `[{"id":"G","kind":"vpc","blocks":[]},{"id":"G","kind":"account","blocks":[]}]`, "groups[1].id", "duplicate id"},
		{"id of a block", `[{"id":"A","kind":"vpc","blocks":[]}]`, "groups[0].id", "already the id of a block"},
		{"id of a connection", `[{"id":"c1","kind":"vpc","blocks":[]}]`, "groups[0].id", "already the id of a block or connection"},
		{"missing member", `[{"id":"G","kind":"vpc","blocks":["Z"]}]`, "groups[0].blocks[0]", `names block "Z", which does not exist`},
		{"member twice", `[{"id":"G","kind":"vpc","blocks":["A","A"]}]`, "groups[0].blocks[1]", "twice"},
		{"two of a kind", `[{"id":"G","kind":"vpc","blocks":["A"]},{"id":"H","kind":"vpc","blocks":["A"]}]`, "groups[1].blocks", "at most one group of each kind"},
		{"two of a kind through nesting", `[{"id":"V","kind":"vpc","blocks":[]},{"id":"S","kind":"subnet","parent":"V","blocks":["A"]},{"id":"W","kind":"vpc","blocks":["A"]}]`, "groups[2].blocks", "at most one group of each kind"},
		{"listed inside and around", `[{"id":"V","kind":"vpc","blocks":["A"]},{"id":"S","kind":"subnet","parent":"V","blocks":["A"]}]`, "groups[1].blocks", "inner one only"},
		{"subnet alone", `[{"id":"S","kind":"subnet","blocks":[]}]`, "groups[0].parent", "inside a VPC"},
		{"subnet in a region", `[{"id":"R","kind":"region","blocks":[]},{"id":"S","kind":"subnet","parent":"R","blocks":[]}]`, "groups[1].parent", "cannot lie inside a Region"},
		{"account in a VPC", `[{"id":"V","kind":"vpc","blocks":[]},{"id":"P","kind":"account","parent":"V","blocks":[]}]`, "groups[1].parent", "cannot lie inside a VPC"},
		{"missing parent", `[{"id":"V","kind":"vpc","parent":"Nope","blocks":[]}]`, "groups[0].parent", "does not exist"},
		{"cycle", `[{"id":"X","kind":"context","parent":"Y","blocks":[]},{"id":"Y","kind":"context","parent":"X","blocks":[]}]`, "groups[0].parent", "cycle"},
		{"self parent", `[{"id":"X","kind":"context","parent":"X","blocks":[]}]`, "groups[0].parent", "cycle"},
		{"unknown field", `[{"id":"G","kind":"vpc","members":[]}]`, "groups[0].members", "unknown field"},
		{"blocks not a list", `[{"id":"G","kind":"vpc","blocks":"A"}]`, "groups[0].blocks", "must be a list"},
		{"name too long", `[{"id":"G","kind":"vpc","name":"` + strings.Repeat("n", MaxNameLen+1) + `","blocks":[]}]`, "groups[0].name", "at most"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(`{"format":"archlab/v1",`+blocks+`,"groups":`+tc.groups+`}`), Builtin())
			e, ok := err.(*Error)
			if !ok || e.Code != EINVALID || e.Field != tc.field || !strings.Contains(e.Message, tc.msg) {
				t.Fatalf("err = %#v, want field %s and %q", err, tc.field, tc.msg)
			}
		})
	}
}

func TestGroupsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format":"archlab/v1","blocks":[],"connections":[],"groups":[`)
	for i := range MaxGroups + 1 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"id":"G` + strconv.Itoa(i) + `","kind":"context","blocks":[]}`)
	}
	b.WriteString("]}")
	_, err := Decode([]byte(b.String()), Builtin())
	if e, ok := err.(*Error); !ok || e.Field != "groups" {
		t.Fatalf("err = %v, want a refusal naming groups", err)
	}
}

func TestGroupOperationsAndTheirUndo(t *testing.T) {
	base := mustDecode(t, groupsDoc)
	for _, tc := range []struct {
		name, ops string
		check     func(t *testing.T, d *Design)
		writes    []string
	}{
		{"addGroup", `[{"op":"addGroup","group":{"id":"Public","kind":"subnet","name":"Public","parent":"Main","blocks":["OrdersApi"]}}]`,
			func(t *testing.T, d *Design) {
				if g := d.GroupOf("OrdersApi", GroupVPC); g == nil || g.ID != "Main" {
					t.Fatalf("OrdersApi is not in the VPC through the new subnet: %v", g)
				}
			}, []string{"group/Public"}},
		{"updateGroup name", `[{"op":"updateGroup","id":"Main","name":"Shared VPC"}]`,
			func(t *testing.T, d *Design) {
				if d.Group("Main").Name != "Shared VPC" {
					t.Fatal("not renamed")
				}
			}, []string{"group/Main/name"}},
		{"updateGroup parent", `[{"op":"updateGroup","id":"Main","parent":"Prod"}]`,
			func(t *testing.T, d *Design) {
				if d.Group("Main").Parent != "Prod" || d.GroupOf("Worker", GroupRegion) != nil {
					t.Fatal("not moved out of the Region")
				}
			}, []string{"group/Main/parent"}},
		{"setGroupMembers", `[{"op":"setGroupMembers","id":"Orders","blocks":["OrderQueue","Worker"]}]`,
			func(t *testing.T, d *Design) {
				if !slices.Equal(d.Group("Orders").Blocks, []string{"OrderQueue", "Worker"}) {
					t.Fatalf("members = %v", d.Group("Orders").Blocks)
				}
			}, []string{"group/Orders/blocks"}},
		{"setGroupMembers empty", `[{"op":"setGroupMembers","id":"Orders","blocks":[]}]`,
			func(t *testing.T, d *Design) {
				if len(d.Group("Orders").Blocks) != 0 {
					t.Fatal("not emptied")
				}
			}, []string{"group/Orders/blocks"}},
		{"move between groups of a kind", `[{"op":"setGroupMembers","id":"Private","blocks":[]},{"op":"addGroup","group":{"id":"Other","kind":"subnet","parent":"Main","blocks":["Worker"]}}]`,
			func(t *testing.T, d *Design) {
				if g := d.GroupOf("Worker", GroupSubnet); g == nil || g.ID != "Other" {
					t.Fatalf("Worker is in %v", g)
				}
			}, []string{"group/Other", "group/Private/blocks"}},
		{"removeGroup takes its nested groups", `[{"op":"removeGroup","id":"EU"}]`,
			func(t *testing.T, d *Design) {
				for _, id := range []string{"EU", "Main", "Private"} {
					if d.Group(id) != nil {
						t.Fatalf("%s survived", id)
					}
				}
				if d.Block("Worker") == nil || d.Group("Prod") == nil {
					t.Fatal("removed more than the group")
				}
			}, []string{"group/EU", "group/Main", "group/Private"}},
		{"removeBlock leaves its groups", `[{"op":"removeBlock","id":"Worker"}]`,
			func(t *testing.T, d *Design) {
				if slices.Contains(d.Group("Orders").Blocks, "Worker") || len(d.Group("Private").Blocks) != 0 {
					t.Fatal("Worker is still a member")
				}
			}, []string{"block/Worker", "conn/c1", "group/Orders/blocks", "group/Private/blocks"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			next, ch := mustApply(t, base, tc.ops)
			tc.check(t, next)
			if !slices.Equal(ch.Writes, tc.writes) {
				t.Fatalf("writes = %v, want %v", ch.Writes, tc.writes)
			}
			assertUndo(t, base, next, ch)
			// What an operation leaves is a document: it decodes again.
			if _, err := Decode([]byte(mustJSONText(t, next)), Builtin()); err != nil {
				t.Fatalf("the result is no valid document: %v", err)
			}
		})
	}
}

func TestGroupOperationsRefused(t *testing.T) {
	base := mustDecode(t, groupsDoc)
	for _, tc := range []struct{ name, ops, field, msg string }{
		{"add a taken id", `[{"op":"addGroup","group":{"id":"Worker","kind":"vpc"}}]`, "ops[0].group.id", "already used"},
		{"add a group id taken", `[{"op":"addGroup","group":{"id":"Main","kind":"vpc"}}]`, "ops[0].group.id", "already used"},
		{"add with a missing member", `[{"op":"addGroup","group":{"id":"V2","kind":"vpc","blocks":["Nope"]}}]`, "ops[0].group.blocks[0]", "does not exist"},
		{"add a second VPC to a member", `[{"op":"addGroup","group":{"id":"V2","kind":"vpc","blocks":["Worker"]}}]`, "ops[0].group", "at most one group of each kind"},
		{"add a subnet outside a VPC", `[{"op":"addGroup","group":{"id":"S2","kind":"subnet","blocks":[]}}]`, "ops[0].group", "inside a VPC"},
		{"add under a missing parent", `[{"op":"addGroup","group":{"id":"S2","kind":"subnet","parent":"Nope"}}]`, "ops[0].group.parent", "does not exist"},
		{"add with an unknown kind", `[{"op":"addGroup","group":{"id":"S2","kind":"team"}}]`, "ops[0].group.kind", "unknown group kind"},
		{"rename a missing group", `[{"op":"updateGroup","id":"Nope","name":"x"}]`, "ops[0].id", `no group "Nope"`},
		{"reparent into a cycle", `[{"op":"updateGroup","id":"Orders","parent":"Orders"}]`, "ops[0].parent", "cycle"},
		{"reparent a subnet out", `[{"op":"updateGroup","id":"Private","parent":""}]`, "ops[0].parent", "inside a VPC"},
		{"members of a missing group", `[{"op":"setGroupMembers","id":"Nope","blocks":[]}]`, "ops[0].id", `no group "Nope"`},
		{"members that do not exist", `[{"op":"setGroupMembers","id":"Orders","blocks":["Nope"]}]`, "ops[0].blocks[0]", "does not exist"},
		{"members in another group of the kind", `[{"op":"setGroupMembers","id":"EU","blocks":["OrderQueue","Worker"]}]`, "ops[0].blocks", "inner one only"},
		{"remove a missing group", `[{"op":"removeGroup","id":"Nope"}]`, "ops[0].id", `no group "Nope"`},
		{"blocks on the wrong op", `[{"op":"removeGroup","id":"Main","blocks":[]}]`, "ops[0].blocks", "not a field of removeGroup"},
		{"setGroupMembers without blocks", `[{"op":"setGroupMembers","id":"Main"}]`, "ops[0].blocks", "is required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ops, err := DecodeOps([]byte(tc.ops), Builtin())
			if err == nil {
				_, _, err = Apply(base, ops, Builtin())
			}
			e, ok := err.(*Error)
			if !ok || e.Code != EINVALID || e.Field != tc.field || !strings.Contains(e.Message, tc.msg) {
				t.Fatalf("err = %#v, want field %s and %q", err, tc.field, tc.msg)
			}
		})
	}
}

// A stale edit of a group someone removed since is a conflict, as for
// blocks; an edit of another group merges.
func TestStaleGroupEditsConflict(t *testing.T) {
	cat := Builtin()
	v1 := mustDecode(t, groupsDoc)
	v1.Version = 1
	removal := mustOps(t, `[{"op":"removeGroup","id":"Main"}]`)
	v2, ch, err := Apply(v1, removal, cat)
	if err != nil {
		t.Fatal(err)
	}
	v2.Version = 2
	since := Since{
		Writes:   func() ([]string, error) { return ch.Writes, nil },
		Inverses: func() ([]Ops, error) { return []Ops{ch.Inverse}, nil },
	}
	now := time.Now()
	for _, tc := range []struct{ name, ops, code string }{
		{"rename the removed VPC", `[{"op":"updateGroup","id":"Main","name":"x"}]`, ECONFLICT},
		{"rename its removed subnet", `[{"op":"updateGroup","id":"Private","name":"x"}]`, ECONFLICT},
		{"set the removed subnet's members", `[{"op":"setGroupMembers","id":"Private","blocks":[]}]`, ECONFLICT},
		{"add a subnet to the removed VPC", `[{"op":"addGroup","group":{"id":"S9","kind":"subnet","parent":"Main"}}]`, ECONFLICT},
		{"rename a group never there", `[{"op":"updateGroup","id":"Nope","name":"x"}]`, EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NextRevision(v2, Batch{BaseVersion: 1, Ops: mustOps(t, tc.ops)}, cat, now, since)
			if ErrorCode(err) != tc.code {
				t.Fatalf("err = %v, want %s", err, tc.code)
			}
		})
	}
	if _, err := NextRevision(v2, Batch{BaseVersion: 1, Ops: mustOps(t, `[{"op":"updateGroup","id":"Orders","name":"Team"}]`)}, cat, now, since); err != nil {
		t.Fatalf("an edit of another group does not merge: %v", err)
	}
	// A group added since a stale removal of one of its members is a conflict.
	v3, ch3, err := Apply(v2, mustOps(t, `[{"op":"setGroupMembers","id":"Orders","blocks":["OrderQueue","OrdersApi","Worker"]}]`), cat)
	if err != nil {
		t.Fatal(err)
	}
	v3.Version = 3
	since3 := Since{
		Writes:   func() ([]string, error) { return ch3.Writes, nil },
		Inverses: func() ([]Ops, error) { return []Ops{ch3.Inverse}, nil },
	}
	if _, err := NextRevision(v3, Batch{BaseVersion: 2, Ops: mustOps(t, `[{"op":"removeBlock","id":"OrderQueue"}]`)}, cat, now, since3); ErrorCode(err) != ECONFLICT {
		t.Fatalf("removing a block added to a group since = %v, want a conflict", err)
	}
}

func TestGroupChangesInTheHistorySummary(t *testing.T) {
	base := mustDecode(t, groupsDoc)
	next, _ := mustApply(t, base, `[{"op":"addGroup","group":{"id":"Team2","kind":"context","name":"Billing","blocks":[]}},
		{"op":"updateGroup","id":"Main","name":"Shared"},{"op":"setGroupMembers","id":"Orders","blocks":["OrderQueue","OrdersApi"]},
		{"op":"removeGroup","id":"Private"}]`)
	got := Compare(base, next).Summary(Builtin())
	for _, want := range []string{"added Context Billing", "removed Subnet Private", `renamed Main "Main VPC" → "Shared"`, "Orders team: added OrderQueue, took out Worker"} {
		if !slices.Contains(got, want) {
			t.Errorf("summary %q lacks %q", got, want)
		}
	}
}
