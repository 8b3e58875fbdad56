package route

import (
	"container/heap"
	"math"
	"slices"
	"sort"
)

// index finds the boxes near a place: a grid of buckets, each listing the
// boxes that overlap it, so that routing one edge looks at the blocks
// around it and not at all of them.
type index struct {
	boxes   []Rect
	buckets map[[2]int][]int
	bounds  Rect
}

const bucket = 256

func newIndex(boxes []Rect) *index {
	g := &index{boxes: boxes, buckets: map[[2]int][]int{}}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, r := range boxes {
		for bx := cell(r.X); bx <= cell(r.X+r.W); bx++ {
			for by := cell(r.Y); by <= cell(r.Y+r.H); by++ {
				g.buckets[[2]int{bx, by}] = append(g.buckets[[2]int{bx, by}], i)
			}
		}
		minX, minY = math.Min(minX, r.X), math.Min(minY, r.Y)
		maxX, maxY = math.Max(maxX, r.X+r.W), math.Max(maxY, r.Y+r.H)
	}
	if len(boxes) > 0 {
		g.bounds = Rect{minX, minY, maxX - minX, maxY - minY}
	}
	return g
}

func cell(v float64) int { return int(math.Floor(v / bucket)) }

// near lists, once each and in order, the boxes that overlap r.
func (g *index) near(r Rect) []int {
	var out []int
	for bx := cell(r.X); bx <= cell(r.X+r.W); bx++ {
		for by := cell(r.Y); by <= cell(r.Y+r.H); by++ {
			for _, i := range g.buckets[[2]int{bx, by}] {
				if Overlaps(g.boxes[i], r) {
					out = append(out, i)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// blocked reports whether the segment from p to q passes through any box.
func (g *index) blocked(p, q Point, margin float64) bool {
	span := Rect{math.Min(p.X, q.X) - margin, math.Min(p.Y, q.Y) - margin, math.Abs(p.X-q.X) + 2*margin, math.Abs(p.Y-q.Y) + 2*margin}
	for _, i := range g.near(span) {
		if hits(p, q, grow(g.boxes[i], margin)) {
			return true
		}
	}
	return false
}

// windows are how far around its two ends the search for one edge looks
// before it looks wider: most edges join blocks near each other.
var windows = []float64{96, 480}

// route finds the route between two ports: the cheapest path on the grid
// of lines around the boxes near them, counting length and bends.
func (g *index) route(a, b port, from, to int) []Point {
	s, t := a.stub(), b.stub()
	for _, pad := range windows {
		w := Rect{math.Min(s.X, t.X) - pad, math.Min(s.Y, t.Y) - pad, math.Abs(s.X-t.X) + 2*pad, math.Abs(s.Y-t.Y) + 2*pad}
		if path := g.search(a, b, w, Clearance); path != nil {
			return path
		}
	}
	all := grow(g.bounds, 2*Clearance)
	all = Rect{math.Min(all.X, math.Min(s.X, t.X)), math.Min(all.Y, math.Min(s.Y, t.Y)), 0, 0}
	all.W = math.Max(g.bounds.X+g.bounds.W+2*Clearance, math.Max(s.X, t.X)) - all.X
	all.H = math.Max(g.bounds.Y+g.bounds.H+2*Clearance, math.Max(s.Y, t.Y)) - all.Y
	// Blocks closer than twice the clearance close the gaps between
	// them: squeeze through at a hair's breadth rather than cross one.
	for _, clear := range []float64{Clearance, 2} {
		if path := g.search(a, b, all, clear); path != nil {
			return path
		}
	}
	// Nothing is free (the blocks overlap or enclose a port): a plain
	// elbow between the stubs, still orthogonal.
	if a.side == Left || a.side == Right {
		m := (s.X + t.X) / 2
		return []Point{a.Point, s, {m, s.Y}, {m, t.Y}, t, b.Point}
	}
	m := (s.Y + t.Y) / 2
	return []Point{a.Point, s, {s.X, m}, {t.X, m}, t, b.Point}
}

// grid is the sparse grid of one search: the lines through every edge of
// the boxes near the route (grown by the clearance), through the stubs and
// through the middle of each gap, with the stretches that lie inside a box
// marked.
type grid struct {
	xs, ys []float64
	// preferred lines run through the middle of a gap or a port: a route
	// along them stays clear of the blocks' edges.
	px, py         []bool
	hblock, vblock []bool
}

func (gr *grid) at(ix, iy int) Point { return Point{gr.xs[ix], gr.ys[iy]} }

// lines sorts and dedupes coordinates, then adds the middle of each gap
// between neighbours, marking the middles and the must-have coordinates
// as preferred.
func lines(vals []float64, must []float64) ([]float64, []bool) {
	slices.Sort(vals)
	vals = slices.Compact(vals)
	out := make([]float64, 0, 2*len(vals))
	pref := make([]bool, 0, 2*len(vals))
	for i, v := range vals {
		if i > 0 && v-vals[i-1] > 2*Spacing {
			out = append(out, (v+vals[i-1])/2)
			pref = append(pref, true)
		}
		out = append(out, v)
		pref = append(pref, slices.Contains(must, v))
	}
	return out, pref
}

func find(vals []float64, v float64) int {
	i := sort.SearchFloat64s(vals, v)
	if i < len(vals) && vals[i] == v {
		return i
	}
	return -1
}

// obstacles are the boxes the search must keep out of in window w, grown
// by clear; a box whose grown edge would swallow an end is taken
// as it is, and a box holding an end is left out, so that a route can
// always leave its port.
func (g *index) obstacles(w Rect, s, t Point, clear float64) []Rect {
	var out []Rect
	inside := func(r Rect, p Point) bool { return p.X > r.X && p.X < r.X+r.W && p.Y > r.Y && p.Y < r.Y+r.H }
	for _, i := range g.near(grow(w, clear)) {
		r := grow(g.boxes[i], clear)
		if inside(r, s) || inside(r, t) {
			r = g.boxes[i]
			if inside(r, s) || inside(r, t) {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

func (g *index) buildGrid(w Rect, s, t Point, clear float64) *grid {
	obs := g.obstacles(w, s, t, clear)
	// The grid stays inside the window: beyond it lie boxes the search
	// did not look at.
	in := func(v, lo, hi float64) bool { return v >= lo && v <= hi }
	xs := []float64{s.X, t.X, w.X, w.X + w.W}
	ys := []float64{s.Y, t.Y, w.Y, w.Y + w.H}
	for _, r := range obs {
		for _, x := range []float64{r.X, r.X + r.W} {
			if in(x, w.X, w.X+w.W) {
				xs = append(xs, x)
			}
		}
		for _, y := range []float64{r.Y, r.Y + r.H} {
			if in(y, w.Y, w.Y+w.H) {
				ys = append(ys, y)
			}
		}
	}
	gr := &grid{}
	gr.xs, gr.px = lines(xs, []float64{s.X, t.X})
	gr.ys, gr.py = lines(ys, []float64{s.Y, t.Y})
	nx, ny := len(gr.xs), len(gr.ys)
	gr.hblock = make([]bool, nx*ny)
	gr.vblock = make([]bool, nx*ny)
	// first and last index of the lines strictly between lo and hi, and
	// of the gaps between lines that overlap (lo, hi).
	strictly := func(vs []float64, lo, hi float64) (int, int) {
		return sort.SearchFloat64s(vs, math.Nextafter(lo, math.Inf(1))), sort.SearchFloat64s(vs, hi) - 1
	}
	gaps := func(vs []float64, lo, hi float64) (int, int) {
		// gap i runs from vs[i] to vs[i+1]: it overlaps when vs[i] < hi
		// and vs[i+1] > lo.
		first := sort.SearchFloat64s(vs, math.Nextafter(lo, math.Inf(1))) - 1
		return max(first, 0), sort.SearchFloat64s(vs, hi) - 1
	}
	for _, r := range obs {
		iy0, iy1 := strictly(gr.ys, r.Y, r.Y+r.H)
		gx0, gx1 := gaps(gr.xs, r.X, r.X+r.W)
		for iy := iy0; iy <= iy1; iy++ {
			for ix := gx0; ix <= gx1 && ix < nx-1; ix++ {
				gr.hblock[ix*ny+iy] = true
			}
		}
		ix0, ix1 := strictly(gr.xs, r.X, r.X+r.W)
		gy0, gy1 := gaps(gr.ys, r.Y, r.Y+r.H)
		for ix := ix0; ix <= ix1; ix++ {
			for iy := gy0; iy <= gy1 && iy < ny-1; iy++ {
				gr.vblock[ix*ny+iy] = true
			}
		}
	}
	return gr
}

// Directions of travel on the grid, in the order of the sides that leave
// a box that way.
var steps = [4][2]int{{1, 0}, {0, 1}, {-1, 0}, {0, -1}}

// state is a grid point and the direction the route arrived in.
type state struct {
	node int32 // ix*ny+iy, or -1 for "arrived"
	dir  int8
}

type item struct {
	f, g float64
	s    state
}

type queue []item

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	if q[i].f != q[j].f {
		return q[i].f < q[j].f
	}
	return q[i].g > q[j].g
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(item)) }
func (q *queue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// search runs A* from a's stub to b's stub on the grid of window w; nil
// when no route keeps out of the boxes.
func (g *index) search(a, b port, w Rect, clear float64) []Point {
	s, t := a.stub(), b.stub()
	gr := g.buildGrid(w, s, t, clear)
	nx, ny := len(gr.xs), len(gr.ys)
	sx, sy, tx, ty := find(gr.xs, s.X), find(gr.ys, s.Y), find(gr.xs, t.X), find(gr.ys, t.Y)
	if sx < 0 || sy < 0 || tx < 0 || ty < 0 {
		return nil
	}
	goal := int32(tx*ny + ty)
	inward := int8((b.side + 2) % 4)
	h := func(ix, iy int) float64 {
		dx, dy := math.Abs(gr.xs[ix]-t.X), math.Abs(gr.ys[iy]-t.Y)
		if dx > 0 && dy > 0 {
			return dx + dy + bendCost
		}
		return dx + dy
	}
	// Costs and back links live in slices indexed by node*4+dir: a map
	// costs several times more per step. A grid too big for them (the
	// last, whole-diagram search of a very large design) is not searched.
	if nx*ny*4 > maxStates {
		return nil
	}
	key := func(s state) int { return int(s.node)*4 + int(s.dir) }
	best := make([]float64, nx*ny*4)
	for i := range best {
		best[i] = math.Inf(1)
	}
	from := make([]int32, nx*ny*4)
	start := state{int32(sx*ny + sy), int8(a.side)}
	best[key(start)] = 0
	from[key(start)] = -1
	q := &queue{{f: h(sx, sy), g: 0, s: start}}
	done := state{-1, 0}
	doneCost, doneFrom := math.Inf(1), state{}
	for q.Len() > 0 {
		it := heap.Pop(q).(item)
		if it.s == done {
			return gr.trace(a, b, from, doneFrom, ny)
		}
		if it.g > best[key(it.s)] {
			continue
		}
		node := int(it.s.node)
		ix, iy := node/ny, node%ny
		if it.s.node == goal && it.s.dir != (inward+2)%4 {
			cost := it.g
			if it.s.dir != inward {
				cost += bendCost
			}
			if cost < doneCost {
				doneCost, doneFrom = cost, it.s
				heap.Push(q, item{f: cost, g: cost, s: done})
			}
		}
		for d := range int8(4) {
			if d == (it.s.dir+2)%4 {
				continue // no turning back on itself
			}
			jx, jy := ix+steps[d][0], iy+steps[d][1]
			if jx < 0 || jy < 0 || jx >= nx || jy >= ny {
				continue
			}
			var length float64
			var pref bool
			switch d {
			case 0:
				if gr.hblock[ix*ny+iy] {
					continue
				}
				length, pref = gr.xs[jx]-gr.xs[ix], gr.py[iy]
			case 2:
				if gr.hblock[jx*ny+iy] {
					continue
				}
				length, pref = gr.xs[ix]-gr.xs[jx], gr.py[iy]
			case 1:
				if gr.vblock[ix*ny+iy] {
					continue
				}
				length, pref = gr.ys[jy]-gr.ys[iy], gr.px[ix]
			case 3:
				if gr.vblock[ix*ny+jy] {
					continue
				}
				length, pref = gr.ys[iy]-gr.ys[jy], gr.px[ix]
			}
			cost := it.g + length
			if !pref {
				// Hugging a block's edge reads worse than the middle of
				// the gap.
				cost += length * 0.25
			}
			if d != it.s.dir {
				cost += bendCost
			}
			next := state{int32(jx*ny + jy), d}
			if best[key(next)] <= cost {
				continue
			}
			best[key(next)], from[key(next)] = cost, int32(key(it.s))
			heap.Push(q, item{f: cost + h(jx, jy), g: cost, s: next})
		}
	}
	return nil
}

// maxStates bounds the grid of one search (4 states a point).
const maxStates = 1 << 21

// trace walks the search back from the last state to the start.
func (gr *grid) trace(a, b port, from []int32, last state, ny int) []Point {
	pts := []Point{b.Point}
	for k := int(last.node)*4 + int(last.dir); k >= 0; k = int(from[k]) {
		n := k / 4
		pts = append(pts, gr.at(n/ny, n%ny))
	}
	pts = append(pts, a.Point)
	slices.Reverse(pts)
	return pts
}
