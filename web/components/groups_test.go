package components

import (
	"strings"
	"testing"

	"github.com/archlab/archlab/design"
)

const groupedDoc = `{"format":"archlab/v1","title":"Grouped","blocks":[
  {"id":"Worker","kind":"lambda","x":300,"y":120},
  {"id":"Store","kind":"dynamodb","x":600,"y":120},
  {"id":"Api","kind":"apigateway-rest","x":0,"y":0}],
 "connections":[],
 "groups":[{"id":"Main","kind":"vpc","name":"Main","blocks":[]},
  {"id":"Private","kind":"subnet","name":"Private","parent":"Main","blocks":["Store","Worker"]},
  {"id":"Empty","kind":"context","name":"Nobody","blocks":[]}]}`

func TestGroupBoxesEncloseTheirMembersAndNestedGroups(t *testing.T) {
	d, err := design.Decode([]byte(groupedDoc), design.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	v := NewDiagram(d, design.Builtin(), nil, "", false)
	if len(v.Groups) != 2 {
		t.Fatalf("drew %d groups, want 2 (an empty group has no place)", len(v.Groups))
	}
	vpc, subnet := v.Groups[0], v.Groups[1]
	if vpc.ID != "Main" || subnet.ID != "Private" {
		t.Fatalf("order = %s, %s; want the outer group first", vpc.ID, subnet.ID)
	}
	encloses := func(g GroupView, x0, y0, x1, y1 float64) bool {
		return g.X < x0 && g.Y < y0 && g.X+g.W > x1 && g.Y+g.H > y1
	}
	if !encloses(subnet, 300, 120, 600+design.BlockWidth, 120+design.BlockHeight) {
		t.Fatalf("subnet %+v does not enclose its blocks", subnet)
	}
	if !encloses(vpc, subnet.X, subnet.Y, subnet.X+subnet.W, subnet.Y+subnet.H) {
		t.Fatalf("VPC %+v does not enclose its subnet %+v", vpc, subnet)
	}
	if encloses(subnet, 0, 0, design.BlockWidth, design.BlockHeight) {
		t.Fatal("the subnet encloses a block not in it")
	}
	// Moving a member moves the box: it is computed, not stored.
	d.Block("Store").Y = 400
	moved := NewDiagram(d, design.Builtin(), nil, "", false).Groups[1]
	if moved.H <= subnet.H {
		t.Fatalf("the subnet did not follow its member: %v then %v", subnet.H, moved.H)
	}
	svg := string(renderDiagram(t, d))
	gi, ci, bi := strings.Index(svg, `class="groups"`), strings.Index(svg, `class="conns"`), strings.Index(svg, `class="blocks"`)
	if gi < 0 || gi > ci || gi > bi {
		t.Fatal("groups are not drawn behind connections and blocks")
	}
	for _, want := range []string{`data-group-id="Private"`, "Subnet · Private", "VPC · Main", `class="group group-vpc"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("the drawing lacks %q", want)
		}
	}
}
