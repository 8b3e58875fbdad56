package design

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func layoutOf(t *testing.T, doc string, all bool) *Design {
	t.Helper()
	d := mustDecode(t, doc)
	ops := Layout(d, all)
	if len(ops) == 0 {
		return d
	}
	next, _, err := Apply(d, ops, Builtin())
	if err != nil {
		t.Fatalf("layout operations do not apply: %v", err)
	}
	return next
}

func TestLayoutFlowsLeftToRight(t *testing.T) {
	d := layoutOf(t, `{"format":"archlab/v1","blocks":[
		{"id":"Table","kind":"dynamodb"},{"id":"Worker","kind":"lambda"},{"id":"Queue","kind":"sqs"},
		{"id":"Create","kind":"lambda"},{"id":"Api","kind":"apigateway-rest"},{"id":"Users","kind":"client"},
		{"id":"DLQ","kind":"sqs"}],
		"connections":[{"from":"Users","to":"Api"},{"from":"Api","to":"Create","integration":"invoke"},
		{"from":"Create","to":"Queue","integration":"sdk"},{"from":"Queue","to":"Worker"},
		{"from":"Worker","to":"Table","integration":"sdk"},{"from":"Queue","to":"DLQ","props":{"maxReceiveCount":5}}]}`, true)
	order := []string{"Users", "Api", "Create", "Queue", "Worker", "Table"}
	for i := 1; i < len(order); i++ {
		a, b := d.Block(order[i-1]), d.Block(order[i])
		if a.X >= b.X {
			t.Errorf("%s (x=%v) is not left of %s (x=%v)", a.ID, a.X, b.ID, b.X)
		}
	}
	seen := map[[2]float64]string{}
	for _, b := range d.Blocks {
		if other, dup := seen[[2]float64{b.X, b.Y}]; dup {
			t.Errorf("%s and %s overlap at %v,%v", b.ID, other, b.X, b.Y)
		}
		seen[[2]float64{b.X, b.Y}] = b.ID
		if b.X != Snap(b.X) || b.Y != Snap(b.Y) {
			t.Errorf("%s is off the grid at %v,%v", b.ID, b.X, b.Y)
		}
	}
}

func TestLayoutSurvivesCycles(t *testing.T) {
	d := layoutOf(t, `{"format":"archlab/v1","blocks":[{"id":"Bucket","kind":"s3"},{"id":"Fn","kind":"lambda"}],
		"connections":[{"from":"Bucket","to":"Fn"},{"from":"Fn","to":"Bucket","integration":"sdk"}]}`, true)
	if d.Block("Bucket").X == d.Block("Fn").X && d.Block("Bucket").Y == d.Block("Fn").Y {
		t.Fatal("a cycle put both blocks in one place")
	}
}

func TestLayoutKeepsWhatTheUserPlaced(t *testing.T) {
	d := layoutOf(t, `{"format":"archlab/v1","blocks":[
		{"id":"Api","kind":"apigateway-http","x":400,"y":400},{"id":"Fn","kind":"lambda"},{"id":"Fn2","kind":"lambda"}],
		"connections":[{"from":"Api","to":"Fn","integration":"invoke"},{"from":"Api","to":"Fn2","integration":"invoke"}]}`, false)
	if a := d.Block("Api"); a.X != 400 || a.Y != 400 {
		t.Fatalf("the placed block moved to %v,%v", a.X, a.Y)
	}
	if !d.Block("Fn").Placed() || !d.Block("Fn2").Placed() {
		t.Fatal("unplaced blocks were not placed")
	}
	if d.Block("Fn").Y == d.Block("Fn2").Y && d.Block("Fn").X == d.Block("Fn2").X {
		t.Fatal("the new blocks overlap")
	}
}

func TestLayoutOfAPlacedDesignIsStable(t *testing.T) {
	d := layoutOf(t, `{"format":"archlab/v1","blocks":[{"id":"A","kind":"sqs"},{"id":"B","kind":"lambda"}],
		"connections":[{"from":"A","to":"B"}]}`, true)
	if ops := Layout(d, true); len(ops) != 0 {
		t.Fatalf("laying out a laid-out design moves blocks again: %v", ops)
	}
}

// groupedLayouts are designs whose groups Tidy up must keep together, each
// with pairs of blocks that must still flow left to right.
var groupedLayouts = []struct {
	name string
	doc  string
	flow [][2]string
}{
	{"one VPC beside a block of its members' layer", `{"format":"archlab/v1","blocks":[
		{"id":"Users","kind":"client"},{"id":"Api","kind":"apigateway-http","x":400,"y":40},
		{"id":"Fn","kind":"lambda","x":40,"y":400},{"id":"Topic","kind":"sns"},
		{"id":"Other","kind":"lambda","x":40,"y":40},{"id":"Logs","kind":"s3"},{"id":"Db","kind":"dynamodb","x":800,"y":600}],
		"connections":[{"from":"Users","to":"Api"},{"from":"Api","to":"Other","integration":"invoke"},
		{"from":"Api","to":"Fn","integration":"invoke"},{"from":"Other","to":"Topic","integration":"sdk"},
		{"from":"Fn","to":"Logs","integration":"sdk"},{"from":"Fn","to":"Db","integration":"sdk"}],
		"groups":[{"id":"Vpc","kind":"vpc","blocks":["Fn","Db"]}]}`,
		[][2]string{{"Users", "Api"}, {"Api", "Fn"}, {"Fn", "Db"}, {"Other", "Topic"}}},
	{"a VPC with two subnets", `{"format":"archlab/v1","blocks":[
		{"id":"Api","kind":"apigateway-http"},{"id":"FnA","kind":"lambda"},{"id":"FnB","kind":"lambda"},
		{"id":"DbA","kind":"dynamodb"},{"id":"DbB","kind":"dynamodb"},{"id":"Loose","kind":"lambda"},
		{"id":"Edge","kind":"lambda"},{"id":"Bucket","kind":"s3"}],
		"connections":[{"from":"Api","to":"FnA","integration":"invoke"},{"from":"Api","to":"Loose","integration":"invoke"},
		{"from":"Api","to":"FnB","integration":"invoke"},{"from":"Api","to":"Edge","integration":"invoke"},
		{"from":"FnA","to":"DbB","integration":"sdk"},{"from":"FnB","to":"DbA","integration":"sdk"},
		{"from":"Loose","to":"Bucket","integration":"sdk"},{"from":"Edge","to":"Bucket","integration":"sdk"}],
		"groups":[{"id":"Main","kind":"vpc","blocks":["Edge"]},
		{"id":"A","kind":"subnet","parent":"Main","blocks":["FnA","DbA"]},
		{"id":"B","kind":"subnet","parent":"Main","blocks":["FnB","DbB"]}]}`,
		[][2]string{{"Api", "FnA"}, {"FnA", "DbB"}, {"FnB", "DbA"}, {"Api", "Loose"}, {"Loose", "Bucket"}}},
	{"two sibling groups", `{"format":"archlab/v1","blocks":[
		{"id":"Api","kind":"apigateway-http"},{"id":"Fn1","kind":"lambda"},{"id":"Fn2","kind":"lambda"},
		{"id":"Fn3","kind":"lambda"},{"id":"Db1","kind":"dynamodb"},{"id":"Db2","kind":"dynamodb"},{"id":"Db3","kind":"dynamodb"}],
		"connections":[{"from":"Api","to":"Fn1","integration":"invoke"},{"from":"Api","to":"Fn2","integration":"invoke"},
		{"from":"Api","to":"Fn3","integration":"invoke"},{"from":"Fn1","to":"Db2","integration":"sdk"},
		{"from":"Fn2","to":"Db1","integration":"sdk"},{"from":"Fn3","to":"Db3","integration":"sdk"}],
		"groups":[{"id":"Orders","kind":"context","blocks":["Fn1","Db1","Fn3"]},
		{"id":"Billing","kind":"context","blocks":["Fn2","Db2"]}]}`,
		[][2]string{{"Api", "Fn1"}, {"Fn1", "Db2"}, {"Fn2", "Db1"}, {"Fn3", "Db3"}}},
	{"a group whose members sit in different layers", `{"format":"archlab/v1","blocks":[
		{"id":"Start","kind":"lambda"},{"id":"Middle","kind":"sqs"},{"id":"End","kind":"lambda"},
		{"id":"Side","kind":"lambda"},{"id":"SideQueue","kind":"sqs"},{"id":"Table","kind":"dynamodb"}],
		"connections":[{"from":"Start","to":"Middle","integration":"sdk"},{"from":"Middle","to":"End"},
		{"from":"Side","to":"SideQueue","integration":"sdk"},{"from":"End","to":"Table","integration":"sdk"}],
		"groups":[{"id":"Vpc","kind":"vpc","blocks":["Start","End"]}]}`,
		[][2]string{{"Start", "Middle"}, {"Middle", "End"}, {"End", "Table"}, {"Side", "SideQueue"}}},
	{"a block connected across groups", `{"format":"archlab/v1","blocks":[
		{"id":"Users","kind":"client"},{"id":"Api","kind":"apigateway-rest"},{"id":"Create","kind":"lambda"},
		{"id":"Queue","kind":"sqs"},{"id":"Worker","kind":"lambda"},{"id":"Table","kind":"dynamodb"},
		{"id":"Audit","kind":"lambda"},{"id":"Dlq","kind":"sqs"}],
		"connections":[{"from":"Users","to":"Api"},{"from":"Api","to":"Create","integration":"invoke"},
		{"from":"Create","to":"Queue","integration":"sdk"},{"from":"Queue","to":"Dlq","props":{"maxReceiveCount":5}},
		{"from":"Queue","to":"Worker"},
		{"from":"Worker","to":"Table","integration":"sdk"},{"from":"Create","to":"Table","integration":"sdk"},
		{"from":"Api","to":"Audit","integration":"invoke"}],
		"groups":[{"id":"Front","kind":"vpc","blocks":["Create","Audit"]},
		{"id":"Back","kind":"vpc","blocks":["Worker","Table"]}]}`,
		[][2]string{{"Users", "Api"}, {"Api", "Create"}, {"Create", "Queue"}, {"Queue", "Worker"}, {"Worker", "Table"}}},
	{"groups nested five deep beside a sibling", `{"format":"archlab/v1","blocks":[
		{"id":"Api","kind":"apigateway-http"},{"id":"Fn","kind":"lambda"},{"id":"Db","kind":"dynamodb"},
		{"id":"Other","kind":"lambda"},{"id":"Bucket","kind":"s3"},{"id":"Loose","kind":"sqs"}],
		"connections":[{"from":"Api","to":"Fn","integration":"invoke"},{"from":"Fn","to":"Db","integration":"sdk"},
		{"from":"Api","to":"Other","integration":"invoke"},{"from":"Other","to":"Bucket","integration":"sdk"},
		{"from":"Api","to":"Loose","integration":"service-integration"}],
		"groups":[{"id":"Team","kind":"context","blocks":["Api"]},{"id":"Prod","kind":"account","parent":"Team","blocks":[]},
		{"id":"EU","kind":"region","parent":"Prod","blocks":["Bucket"]},{"id":"Main","kind":"vpc","parent":"EU","blocks":[]},
		{"id":"Private","kind":"subnet","parent":"Main","blocks":["Fn","Db"]},
		{"id":"Ops","kind":"context","blocks":["Other"]}]}`,
		[][2]string{{"Api", "Fn"}, {"Fn", "Db"}, {"Other", "Bucket"}}},
}

// Tidy up keeps each group together: its box, as the diagram draws it,
// holds its members and no other block, and the boxes of groups that are
// not one inside the other do not meet; blocks stay on the grid, apart,
// and left to right the way requests flow.
func TestLayoutKeepsGroupsTogether(t *testing.T) {
	for _, tc := range groupedLayouts {
		t.Run(tc.name, func(t *testing.T) {
			d := layoutOf(t, tc.doc, true)
			checkGroupLayout(t, d)
			for _, p := range tc.flow {
				if a, b := d.Block(p[0]), d.Block(p[1]); a.X >= b.X {
					t.Errorf("%s (x=%v) is not left of %s (x=%v)", a.ID, a.X, b.ID, b.X)
				}
			}
			if ops := Layout(d, true); len(ops) != 0 {
				t.Errorf("laying out the laid-out design moves blocks again: %v", ops)
			}
		})
	}
}

// A design whose blocks were never placed (an import, a rule's example)
// is laid out with its groups kept together too.
func TestLayoutPlacesUnplacedGroupsTogether(t *testing.T) {
	for _, tc := range groupedLayouts {
		t.Run(tc.name, func(t *testing.T) {
			d := mustDecode(t, tc.doc)
			for i := range d.Blocks {
				d.Blocks[i].X, d.Blocks[i].Y = 0, 0
			}
			next, _, err := Apply(d, Layout(d, false), Builtin())
			if err != nil {
				t.Fatal(err)
			}
			checkGroupLayout(t, next)
		})
	}
}

// Groups with no blocks draw nothing, so they leave the layout as it is
// without them.
func TestLayoutIgnoresEmptyGroups(t *testing.T) {
	doc := `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-http"},{"id":"Fn","kind":"lambda"},
		{"id":"Fn2","kind":"lambda"},{"id":"Db","kind":"dynamodb"}],
		"connections":[{"from":"Api","to":"Fn","integration":"invoke"},{"from":"Api","to":"Fn2","integration":"invoke"},
		{"from":"Fn","to":"Db","integration":"sdk"}]`
	plain := layoutOf(t, doc+`}`, true)
	grouped := layoutOf(t, doc+`,"groups":[{"id":"Empty","kind":"vpc","blocks":[]}]}`, true)
	for i, b := range plain.Blocks {
		if g := grouped.Blocks[i]; g.X != b.X || g.Y != b.Y {
			t.Errorf("%s is at %v,%v with an empty group and at %v,%v without", b.ID, g.X, g.Y, b.X, b.Y)
		}
	}
}

// checkGroupLayout checks the geometry Tidy up promises for groups.
func checkGroupLayout(t *testing.T, d *Design) {
	t.Helper()
	type rect struct{ x0, y0, x1, y1 float64 }
	meets := func(a, b rect) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }
	within := func(a, b rect) bool { return a.x0 >= b.x0 && a.y0 >= b.y0 && a.x1 <= b.x1 && a.y1 <= b.y1 }
	blockRect := func(b *Block) rect { return rect{b.X, b.Y, b.X + BlockWidth, b.Y + BlockHeight} }
	for i := range d.Blocks {
		a := &d.Blocks[i]
		if a.X != Snap(a.X) || a.Y != Snap(a.Y) {
			t.Errorf("%s is off the grid at %v,%v", a.ID, a.X, a.Y)
		}
		if a.X < 0 || a.Y < 0 {
			t.Errorf("%s is off the page at %v,%v", a.ID, a.X, a.Y)
		}
		for j := i + 1; j < len(d.Blocks); j++ {
			if b := &d.Blocks[j]; meets(blockRect(a), blockRect(b)) {
				t.Errorf("%s at %v,%v and %s at %v,%v overlap", a.ID, a.X, a.Y, b.ID, b.X, b.Y)
			}
		}
	}
	// inside says whether group a lies inside group b (or is b).
	inside := func(a, b string) bool {
		for g, n := d.Group(a), 0; g != nil && n <= len(d.Groups); g, n = d.Group(g.Parent), n+1 {
			if g.ID == b {
				return true
			}
		}
		return false
	}
	member := func(block, group string) bool {
		for _, g := range d.Groups {
			if slices.Contains(g.Blocks, block) && inside(g.ID, group) {
				return true
			}
		}
		return false
	}
	boxes := GroupBoxes(d)
	boxRect := func(i int) rect {
		b := boxes[i]
		return rect{b.X, b.Y, b.X + b.W, b.Y + b.H}
	}
	for i, g := range d.Groups {
		if !boxes[i].Drawn {
			continue
		}
		box := boxRect(i)
		for j := range d.Blocks {
			b := &d.Blocks[j]
			in := within(blockRect(b), box)
			if member(b.ID, g.ID) && !in {
				t.Errorf("group %s %+v does not hold its member %s at %v,%v", g.ID, box, b.ID, b.X, b.Y)
			}
			if !member(b.ID, g.ID) && meets(blockRect(b), box) {
				t.Errorf("group %s %+v covers %s at %v,%v, which is not in it", g.ID, box, b.ID, b.X, b.Y)
			}
		}
		for j := i + 1; j < len(d.Groups); j++ {
			h := d.Groups[j]
			if !boxes[j].Drawn {
				continue
			}
			switch {
			case inside(h.ID, g.ID):
				if !within(boxRect(j), box) {
					t.Errorf("group %s lies inside %s but its box %+v is not inside %+v", h.ID, g.ID, boxRect(j), box)
				}
			case inside(g.ID, h.ID):
				if !within(box, boxRect(j)) {
					t.Errorf("group %s lies inside %s but its box %+v is not inside %+v", g.ID, h.ID, box, boxRect(j))
				}
			case meets(box, boxRect(j)):
				t.Errorf("the boxes of groups %s %+v and %s %+v overlap", g.ID, box, h.ID, boxRect(j))
			}
		}
	}
}

// A block in two groups neither inside the other (a context and a VPC)
// puts both boxes around it, so they cannot be kept apart; the layout
// still keeps every group's members in its box and the blocks apart.
func TestLayoutWithABlockInTwoUnnestedGroups(t *testing.T) {
	d := layoutOf(t, `{"format":"archlab/v1","blocks":[{"id":"Api","kind":"apigateway-http"},
		{"id":"Worker","kind":"lambda"},{"id":"Db","kind":"dynamodb"},{"id":"Other","kind":"lambda"}],
		"connections":[{"from":"Api","to":"Worker","integration":"invoke"},{"from":"Worker","to":"Db","integration":"sdk"},
		{"from":"Api","to":"Other","integration":"invoke"}],
		"groups":[{"id":"Team","kind":"context","blocks":["Api","Worker"]},{"id":"Vpc","kind":"vpc","blocks":["Worker","Db"]}]}`, true)
	boxes := GroupBoxes(d)
	for i, g := range d.Groups {
		box := boxes[i]
		for _, m := range g.Blocks {
			b := d.Block(m)
			if b.X < box.X || b.Y < box.Y || b.X+BlockWidth > box.X+box.W || b.Y+BlockHeight > box.Y+box.H {
				t.Errorf("group %s %+v does not hold its member %s at %v,%v", g.ID, box, m, b.X, b.Y)
			}
		}
	}
	for i, a := range d.Blocks {
		for _, b := range d.Blocks[i+1:] {
			if a.X < b.X+BlockWidth && b.X < a.X+BlockWidth && a.Y < b.Y+BlockHeight && b.Y < a.Y+BlockHeight {
				t.Errorf("%s and %s overlap", a.ID, b.ID)
			}
		}
		if a.X != Snap(a.X) || a.Y != Snap(a.Y) {
			t.Errorf("%s is off the grid", a.ID)
		}
	}
}

// Random designs with nested groups, each block in at most one of them,
// keep the same promises: a search for the arrangements the cases above
// do not think of.
func TestLayoutKeepsRandomGroupsTogether(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		d := &Design{}
		nb := 1 + rng.IntN(30)
		for i := range nb {
			d.Blocks = append(d.Blocks, Block{ID: fmt.Sprintf("B%d", i), Kind: "lambda"})
		}
		for range rng.IntN(2 * nb) {
			d.Connections = append(d.Connections, Connection{From: fmt.Sprintf("B%d", rng.IntN(nb)), To: fmt.Sprintf("B%d", rng.IntN(nb))})
		}
		for i := range rng.IntN(12) {
			g := Group{ID: fmt.Sprintf("G%d", i), Kind: GroupContext}
			if i > 0 && rng.IntN(3) > 0 {
				g.Parent = fmt.Sprintf("G%d", rng.IntN(i))
			}
			d.Groups = append(d.Groups, g)
		}
		if len(d.Groups) > 0 {
			for i := range nb {
				if rng.IntN(4) > 0 {
					g := &d.Groups[rng.IntN(len(d.Groups))]
					g.Blocks = append(g.Blocks, fmt.Sprintf("B%d", i))
				}
			}
		}
		for _, op := range Layout(d, true) {
			b := d.Block(op.ID)
			b.X, b.Y = *op.X, *op.Y
		}
		t.Run(fmt.Sprint(round), func(t *testing.T) { checkGroupLayout(t, d) })
		if t.Failed() {
			t.Fatalf("design: %+v", d.Groups)
		}
	}
}

// BenchmarkLayoutGrouped lays out 5,000 blocks in a chain of layers, a
// quarter of them in 200 groups nested four deep.
func BenchmarkLayoutGrouped(b *testing.B) {
	d := &Design{}
	const n = 5000
	for i := range n {
		d.Blocks = append(d.Blocks, Block{ID: fmt.Sprintf("B%d", i), Kind: "lambda"})
		if i > 0 {
			d.Connections = append(d.Connections, Connection{From: fmt.Sprintf("B%d", i/2), To: fmt.Sprintf("B%d", i)})
		}
	}
	for i := range 200 {
		g := Group{ID: fmt.Sprintf("G%d", i), Kind: GroupContext}
		if i%4 > 0 {
			g.Parent = fmt.Sprintf("G%d", i-1)
		}
		for j := i * 25; j < i*25+6; j++ {
			g.Blocks = append(g.Blocks, fmt.Sprintf("B%d", j))
		}
		d.Groups = append(d.Groups, g)
	}
	for b.Loop() {
		Layout(d, true)
	}
}
