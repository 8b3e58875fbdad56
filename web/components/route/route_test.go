package route

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

const w, h = 168, 72

func box(x, y float64) Rect { return Rect{x, y, w, h} }

// check fails the test for a route that is not orthogonal, does not start
// and end on its boxes' edges, or passes through any box.
func check(t *testing.T, boxes []Rect, e Edge, ps []Point) {
	t.Helper()
	if len(ps) < 2 {
		t.Fatalf("%v: route %v has fewer than two points", e, ps)
	}
	onEdge := func(r Rect, p Point) bool {
		inX, inY := p.X >= r.X && p.X <= r.X+r.W, p.Y >= r.Y && p.Y <= r.Y+r.H
		return (inY && (p.X == r.X || p.X == r.X+r.W)) || (inX && (p.Y == r.Y || p.Y == r.Y+r.H))
	}
	if !onEdge(boxes[e.From], ps[0]) || !onEdge(boxes[e.To], ps[len(ps)-1]) {
		t.Errorf("%v: route %v does not run from the edge of %v to the edge of %v", e, ps, boxes[e.From], boxes[e.To])
	}
	for i := 1; i < len(ps); i++ {
		p, q := ps[i-1], ps[i]
		if p.X != q.X && p.Y != q.Y {
			t.Errorf("%v: segment %v–%v is not horizontal or vertical", e, p, q)
		}
		for j, r := range boxes {
			if hits(p, q, r) {
				t.Errorf("%v: segment %v–%v passes through box %d %v", e, p, q, j, r)
			}
		}
	}
}

func TestRouteFacingSides(t *testing.T) {
	for _, c := range []struct {
		name   string
		a, b   Rect
		sa, sb Side
	}{
		{"right of", box(0, 0), box(264, 0), Right, Left},
		{"left of", box(264, 0), box(0, 0), Left, Right},
		{"below", box(0, 0), box(0, 160), Bottom, Top},
		{"above", box(0, 160), box(0, 0), Top, Bottom},
		{"right and a little down", box(0, 0), box(264, 120), Right, Left},
		{"far down, a little right", box(0, 0), box(100, 400), Bottom, Top},
	} {
		boxes := []Rect{c.a, c.b}
		ps := Route(boxes, []Edge{{0, 1}})[0]
		check(t, boxes, Edge{0, 1}, ps)
		ports := assignPorts(boxes, []Edge{{0, 1}})
		if ports[0].side != c.sa || ports[1].side != c.sb {
			t.Errorf("%s: leaves by side %d and enters by %d, want %d and %d", c.name, ports[0].side, ports[1].side, c.sa, c.sb)
		}
	}
}

// Two blocks side by side: a straight line, no bend.
func TestRouteStraight(t *testing.T) {
	boxes := []Rect{box(0, 0), box(264, 0)}
	ps := Route(boxes, []Edge{{0, 1}})[0]
	if len(ps) != 2 || ps[0].Y != ps[1].Y {
		t.Fatalf("a straight connection is drawn %v", ps)
	}
}

// A block between two others: the line goes round it.
func TestRouteAroundABlock(t *testing.T) {
	boxes := []Rect{box(0, 0), box(264, 0), box(528, 0)}
	ps := Route(boxes, []Edge{{0, 2}})[0]
	check(t, boxes, Edge{0, 2}, ps)
	if len(ps) < 4 {
		t.Errorf("the route %v does not turn to go round the middle block", ps)
	}
}

// A wall of blocks between the ends: the route goes round its end.
func TestRouteAroundAWall(t *testing.T) {
	boxes := []Rect{box(0, 400), box(600, 400)}
	for i := range 8 {
		boxes = append(boxes, box(300, float64(i)*96))
	}
	ps := Route(boxes, []Edge{{0, 1}})[0]
	check(t, boxes, Edge{0, 1}, ps)
}

// Two connections between the same blocks, and one back: three lines that
// never share a point.
func TestParallelEdgesApart(t *testing.T) {
	for _, b := range []Rect{box(264, 0), box(264, 200), box(0, 240), box(400, 400)} {
		boxes := []Rect{box(0, 0), b}
		edges := []Edge{{0, 1}, {0, 1}, {1, 0}}
		routes := Route(boxes, edges)
		for i, ps := range routes {
			check(t, boxes, edges[i], ps)
		}
		for i := range routes {
			for j := i + 1; j < len(routes); j++ {
				if p, ok := shared(routes[i], routes[j]); ok {
					t.Errorf("to %v: routes %d %v and %d %v share the stretch at %v", b, i, routes[i], j, routes[j], p)
				}
			}
		}
	}
}

// shared finds a stretch two routes have in common: collinear segments
// that overlap by more than a point.
func shared(a, b []Point) (Point, bool) {
	for i := 1; i < len(a); i++ {
		for j := 1; j < len(b); j++ {
			p, q, r, s := a[i-1], a[i], b[j-1], b[j]
			if p.X == q.X && r.X == s.X && p.X == r.X {
				lo, hi := math.Max(math.Min(p.Y, q.Y), math.Min(r.Y, s.Y)), math.Min(math.Max(p.Y, q.Y), math.Max(r.Y, s.Y))
				if hi > lo {
					return Point{p.X, lo}, true
				}
			}
			if p.Y == q.Y && r.Y == s.Y && p.Y == r.Y {
				lo, hi := math.Max(math.Min(p.X, q.X), math.Min(r.X, s.X)), math.Min(math.Max(p.X, q.X), math.Max(r.X, s.X))
				if hi > lo {
					return Point{lo, p.Y}, true
				}
			}
		}
	}
	return Point{}, false
}

// Several lines on one side of a block leave it at distinct points,
// ordered like the blocks they lead to, so they do not cross there.
func TestPortsSpreadAcrossASide(t *testing.T) {
	boxes := []Rect{box(0, 200), box(400, 0), box(400, 200), box(400, 400)}
	edges := []Edge{{0, 3}, {0, 1}, {0, 2}}
	ports := assignPorts(boxes, edges)
	var ys []float64
	for i := range edges {
		p := ports[2*i]
		if p.side != Right {
			t.Fatalf("edge %d leaves by side %d", i, p.side)
		}
		ys = append(ys, p.Y)
	}
	if !(ys[1] < ys[2] && ys[2] < ys[0]) {
		t.Errorf("ports at %v: the upper target's line should leave highest", ys)
	}
	for _, y := range ys {
		if y < 200+portInset || y > 200+h-portInset {
			t.Errorf("port at y %v is off the side or in its corner", y)
		}
	}
}

// A random scatter of blocks, none overlapping, and connections between
// random pairs: every route is orthogonal and clear of every block.
func TestRandomDesignsRouteClear(t *testing.T) {
	for _, gap := range []float64{24, 8} {
		t.Run(fmt.Sprint("gap ", gap), func(t *testing.T) { randomDesigns(t, gap) })
	}
}

func randomDesigns(t *testing.T, gap float64) {
	rng := rand.New(rand.NewPCG(1, uint64(gap)))
	for round := range 60 {
		var boxes []Rect
		for len(boxes) < 25 {
			b := box(float64(rng.IntN(40))*36, float64(rng.IntN(32))*28)
			ok := true
			for _, o := range boxes {
				if Overlaps(grow(o, gap), b) {
					ok = false
				}
			}
			if ok {
				boxes = append(boxes, b)
			}
		}
		var edges []Edge
		for range 30 {
			a, b := rng.IntN(len(boxes)), rng.IntN(len(boxes))
			edges = append(edges, Edge{a, b})
		}
		for i, ps := range Route(boxes, edges) {
			t.Run(fmt.Sprint(round, "/", i), func(t *testing.T) { check(t, boxes, edges[i], ps) })
		}
	}
}

// A connection from a block to itself is a loop outside it.
func TestSelfLoop(t *testing.T) {
	boxes := []Rect{box(0, 0)}
	ps := Route(boxes, []Edge{{0, 0}})[0]
	check(t, boxes, Edge{0, 0}, ps)
}

// Out-of-range edges draw nothing and do not panic.
func TestRouteBadEdge(t *testing.T) {
	if got := Route([]Rect{box(0, 0)}, []Edge{{0, 3}, {-1, 0}}); got[0] != nil || got[1] != nil {
		t.Fatalf("bad edges drawn: %v", got)
	}
}
