package route

import (
	"cmp"
	"math"
	"slices"
)

// Placer finds room beside the routes for the things written on them (a
// connection's findings badge, its name): never on a block, never on a
// thing already placed, and where it can, off every line, so that no
// badge or name hides an arrow.
type Placer struct {
	boxes  *index
	routes [][]Point
	// segs buckets every route's segments, placed the tags placed so far.
	segs   map[[2]int][][2]Point
	placed *index
}

// Gap is the room left between a line and what is written beside it.
const Gap = 4

// NewPlacer prepares to place tags beside routes among boxes.
func NewPlacer(boxes []Rect, routes [][]Point) *Placer {
	p := &Placer{boxes: newIndex(boxes), routes: routes, segs: map[[2]int][][2]Point{}, placed: newIndex(nil)}
	for _, ps := range routes {
		for i := 1; i < len(ps); i++ {
			a, b := ps[i-1], ps[i]
			for bx := cell(math.Min(a.X, b.X)); bx <= cell(math.Max(a.X, b.X)); bx++ {
				for by := cell(math.Min(a.Y, b.Y)); by <= cell(math.Max(a.Y, b.Y)); by++ {
					p.segs[[2]int{bx, by}] = append(p.segs[[2]int{bx, by}], [2]Point{a, b})
				}
			}
		}
	}
	return p
}

// Place finds a place for a w×h tag beside route r and reserves it. It
// tries each segment, longest first, at its middle and then a quarter
// from either end, on either side; the first place clear of blocks, tags
// and lines wins, then the first clear of blocks and tags, then of blocks.
// With no room anywhere the tag goes above the middle of the longest
// segment.
func (p *Placer) Place(r int, w, h float64) Rect {
	best, _ := p.Find(r, w, h)
	p.Reserve(best)
	return best
}

// Clear, OnLine, OnTag and OnBlock grade a place Find found: clear of
// everything, on a line, on a tag already placed, on a block.
const (
	Clear = iota
	OnLine
	OnTag
	OnBlock
)

// Find is Place without the reservation: the place and its grade, so that
// a caller can try a smaller tag where a first one finds no room.
func (p *Placer) Find(r int, w, h float64) (Rect, int) {
	ps := p.routes[r]
	if len(ps) < 2 {
		return Rect{W: w, H: h}, OnBlock
	}
	order := make([]int, 0, len(ps)-1)
	for i := 1; i < len(ps); i++ {
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(dist(ps[b-1], ps[b]), dist(ps[a-1], ps[a]))
	})
	var best Rect
	bestLevel := 4
	for _, i := range order {
		a, b := ps[i-1], ps[i]
		for _, f := range []float64{0.5, 0.25, 0.75} {
			at := Point{a.X + (b.X-a.X)*f, a.Y + (b.Y-a.Y)*f}
			var cands [2]Rect
			if a.Y == b.Y {
				cands = [2]Rect{{at.X - w/2, at.Y - Gap - h, w, h}, {at.X - w/2, at.Y + Gap, w, h}}
			} else {
				cands = [2]Rect{{at.X + Gap, at.Y - h/2, w, h}, {at.X - Gap - w, at.Y - h/2, w, h}}
			}
			for _, c := range cands {
				// Whole units: the SVG of a large design stays small.
				c.X, c.Y = math.Round(c.X), math.Round(c.Y)
				if l := p.level(c); l < bestLevel {
					best, bestLevel = c, l
					if l == Clear {
						return best, l
					}
				}
			}
		}
	}
	return best, bestLevel
}

// level grades a place.
func (p *Placer) level(c Rect) int {
	if len(p.boxes.near(grow(c, 2))) > 0 {
		return OnBlock
	}
	if len(p.placed.near(c)) > 0 {
		return OnTag
	}
	seen := map[[2]Point]bool{}
	for bx := cell(c.X); bx <= cell(c.X+c.W); bx++ {
		for by := cell(c.Y); by <= cell(c.Y+c.H); by++ {
			for _, s := range p.segs[[2]int{bx, by}] {
				if seen[s] {
					continue
				}
				seen[s] = true
				if touches(s[0], s[1], c) {
					return OnLine
				}
			}
		}
	}
	return Clear
}

// touches reports whether the segment meets the rectangle, edges included.
func touches(a, b Point, r Rect) bool {
	return math.Max(a.X, b.X) >= r.X && math.Min(a.X, b.X) <= r.X+r.W &&
		math.Max(a.Y, b.Y) >= r.Y && math.Min(a.Y, b.Y) <= r.Y+r.H
}

// Reserve keeps a place for a tag, so that no later tag takes it.
func (p *Placer) Reserve(r Rect) {
	i := len(p.placed.boxes)
	p.placed.boxes = append(p.placed.boxes, r)
	for bx := cell(r.X); bx <= cell(r.X+r.W); bx++ {
		for by := cell(r.Y); by <= cell(r.Y+r.H); by++ {
			p.placed.buckets[[2]int{bx, by}] = append(p.placed.buckets[[2]int{bx, by}], i)
		}
	}
}
