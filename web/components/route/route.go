// Package route draws the connections of a diagram as lines a person can
// follow: orthogonal, leaving each block on the side that faces the other,
// several lines on one side spread across it, around the blocks in
// between, and lines that would run on top of each other moved apart.
//
// No kept Go library does this (libavoid is C++, the well-kept routers are
// JavaScript or Rust), so this is a small one after Wybrow, Marriott and
// Stuckey, "Orthogonal connector routing" (2009): a sparse grid of the
// lines along block edges, ports and the middles of the gaps, searched by
// A* with a cost per bend, then a nudge that separates shared stretches.
package route

import (
	"cmp"
	"math"
	"slices"
)

// Rect is a block's box: top-left corner and size.
type Rect struct{ X, Y, W, H float64 }

// Point is a point of a route.
type Point struct{ X, Y float64 }

// Edge is a connection from one box to another, by their indexes.
type Edge struct{ From, To int }

// Side of a box a route leaves or enters by.
type Side int

// The sides, clockwise from the right; dir turns a side into the
// direction that leaves the box by it.
const (
	Right Side = iota
	Bottom
	Left
	Top
)

// Geometry of the routes, in diagram units.
const (
	// Clearance keeps a line this far from any block it passes, and is the
	// straight stub by which it leaves and enters one, long enough to show
	// its arrowhead.
	Clearance = 16
	// Spacing separates lines that would share a stretch.
	Spacing = 8
	// bendCost is what a bend costs, in length: a route takes a detour of
	// up to this much to save one.
	bendCost = 48
	// portInset keeps ports away from a box's corners.
	portInset = 10
	// maxPortStep is the widest gap between ports on one side.
	maxPortStep = 24
)

// Route routes every edge between the boxes and returns, for each edge, its
// polyline: from a port on the source's boundary to one on the target's,
// every segment horizontal or vertical. An edge whose From or To is out of
// range gets no points.
func Route(boxes []Rect, edges []Edge) [][]Point {
	out := make([][]Point, len(edges))
	ends := assignPorts(boxes, edges)
	g := newIndex(boxes)
	for i := range ends {
		g.setReach(&ends[i])
	}
	for i, e := range edges {
		if e.From < 0 || e.To < 0 || e.From >= len(boxes) || e.To >= len(boxes) {
			continue
		}
		a, b := ends[2*i], ends[2*i+1]
		out[i] = simplify(g.route(a, b, e.From, e.To))
	}
	nudge(out, g)
	return out
}

// port is one end of an edge: a point on a box's side.
type port struct {
	Point
	side Side
	// reach is how far the stub goes out: Clearance, or half the gap to
	// a block in front when that is nearer.
	reach float64
}

// stub is the point reach out from the port, where the search starts or
// ends.
func (p port) stub() Point {
	dx, dy := p.side.dir()
	return Point{p.X + dx*p.reach, p.Y + dy*p.reach}
}

// setReach shortens the stub of a port that faces a block closer than
// twice the clearance, so that the stub ends in the gap and not inside
// that block.
func (g *index) setReach(p *port) {
	p.reach = Clearance
	dx, dy := p.side.dir()
	far := Point{p.X + dx*2*Clearance, p.Y + dy*2*Clearance}
	ray := Rect{math.Min(p.X, far.X), math.Min(p.Y, far.Y), math.Abs(far.X - p.X), math.Abs(far.Y - p.Y)}
	for _, i := range g.near(ray) {
		r := g.boxes[i]
		if !hits(p.Point, far, r) {
			continue
		}
		var d float64
		switch p.side {
		case Right:
			d = r.X - p.X
		case Left:
			d = p.X - (r.X + r.W)
		case Bottom:
			d = r.Y - p.Y
		case Top:
			d = p.Y - (r.Y + r.H)
		}
		if d >= 0 {
			p.reach = math.Min(p.reach, d/2)
		}
	}
}

// dir is the unit step that leaves a box by the side.
func (s Side) dir() (float64, float64) {
	switch s {
	case Right:
		return 1, 0
	case Bottom:
		return 0, 1
	case Left:
		return -1, 0
	}
	return 0, -1
}

// sides chooses the sides by which an edge leaves a and enters b: the
// facing sides, left and right when the boxes stand side by side, top and
// bottom when one is above the other, and whichever gap is wider when
// they are apart both ways.
func sides(a, b Rect) (Side, Side) {
	if a == b {
		return Right, Top
	}
	gapX := math.Max(b.X-(a.X+a.W), a.X-(b.X+b.W))
	gapY := math.Max(b.Y-(a.Y+a.H), a.Y-(b.Y+b.H))
	horizontal := gapX >= gapY
	if gapX < 2*Clearance && gapY < 2*Clearance {
		// Too close or overlapping: go by their centres, weighing the
		// box's width against its height.
		dx := (b.X + b.W/2) - (a.X + a.W/2)
		dy := (b.Y + b.H/2) - (a.Y + a.H/2)
		horizontal = math.Abs(dx)/(a.W+b.W) >= math.Abs(dy)/(a.H+b.H)
	}
	if horizontal {
		if b.X+b.W/2 >= a.X+a.W/2 {
			return Right, Left
		}
		return Left, Right
	}
	if b.Y+b.H/2 >= a.Y+a.H/2 {
		return Bottom, Top
	}
	return Top, Bottom
}

// end is one edge's end on a side, waiting for its place.
type end struct {
	slot  int     // 2*edge for the source end, 2*edge+1 for the target's
	along float64 // where the other box lies along the side, for the order
}

// assignPorts chooses each edge's sides and spreads the ends that share a
// side across it, in the order of the boxes they lead to, so that lines
// leaving one side do not cross each other there.
func assignPorts(boxes []Rect, edges []Edge) []port {
	ports := make([]port, 2*len(edges))
	type key struct {
		box  int
		side Side
	}
	groups := map[key][]end{}
	for i, e := range edges {
		if e.From < 0 || e.To < 0 || e.From >= len(boxes) || e.To >= len(boxes) {
			continue
		}
		a, b := boxes[e.From], boxes[e.To]
		sa, sb := sides(a, b)
		alongA, alongB := centre(b), centre(a)
		if e.From == e.To {
			// A loop leaves by the right side's upper part and comes
			// back in at the top's right part.
			alongA, alongB = Point{a.X + a.W, a.Y - a.H}, Point{a.X + a.W*2, a.Y}
		}
		groups[key{e.From, sa}] = append(groups[key{e.From, sa}], end{2 * i, along(sa, alongA)})
		groups[key{e.To, sb}] = append(groups[key{e.To, sb}], end{2*i + 1, along(sb, alongB)})
		ports[2*i].side, ports[2*i+1].side = sa, sb
	}
	for k, g := range groups {
		slices.SortStableFunc(g, func(x, y end) int {
			if c := cmp.Compare(x.along, y.along); c != 0 {
				return c
			}
			return cmp.Compare(x.slot, y.slot)
		})
		r := boxes[k.box]
		length := r.H
		if k.side == Top || k.side == Bottom {
			length = r.W
		}
		step := 0.0
		if len(g) > 1 {
			step = math.Min(maxPortStep, (length-2*portInset)/float64(len(g)-1))
		}
		for i, e := range g {
			t := math.Round(length/2 + (float64(i)-float64(len(g)-1)/2)*step)
			p := &ports[e.slot]
			switch k.side {
			case Right:
				p.Point = Point{r.X + r.W, r.Y + t}
			case Left:
				p.Point = Point{r.X, r.Y + t}
			case Bottom:
				p.Point = Point{r.X + t, r.Y + r.H}
			case Top:
				p.Point = Point{r.X + t, r.Y}
			}
		}
	}
	return ports
}

func centre(r Rect) Point { return Point{r.X + r.W/2, r.Y + r.H/2} }

// along is the coordinate that orders ends on a side: y on the left and
// right sides, x on the top and bottom.
func along(s Side, p Point) float64 {
	if s == Left || s == Right {
		return p.Y
	}
	return p.X
}

// simplify drops repeated points and the middle of three points on one
// line.
func simplify(ps []Point) []Point {
	out := ps[:0:0]
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1] == p {
			continue
		}
		if n := len(out); n >= 2 {
			a, b := out[n-2], out[n-1]
			if (a.X == b.X && b.X == p.X) || (a.Y == b.Y && b.Y == p.Y) {
				out[n-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// hits reports whether the segment from p to q, horizontal or vertical,
// passes through the open interior of r.
func hits(p, q Point, r Rect) bool {
	x1, x2 := math.Min(p.X, q.X), math.Max(p.X, q.X)
	y1, y2 := math.Min(p.Y, q.Y), math.Max(p.Y, q.Y)
	if x1 == x2 {
		return x1 > r.X && x1 < r.X+r.W && y1 < r.Y+r.H && y2 > r.Y
	}
	return y1 > r.Y && y1 < r.Y+r.H && x1 < r.X+r.W && x2 > r.X
}

// Overlaps reports whether two rectangles share any area.
func Overlaps(a, b Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// Crosses reports whether the segment from p to q, horizontal or vertical,
// passes through the open interior of r.
func Crosses(p, q Point, r Rect) bool { return hits(p, q, r) }

func grow(r Rect, d float64) Rect { return Rect{r.X - d, r.Y - d, r.W + 2*d, r.H + 2*d} }
