package design

import (
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
