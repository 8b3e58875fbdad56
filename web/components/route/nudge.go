package route

import (
	"cmp"
	"math"
	"slices"
)

// seg is the inner segment i of route r, from point i to point i+1.
type seg struct {
	r, i   int
	lo, hi float64
}

// nudge moves apart the inner segments of different routes that run on
// the same line and overlap, Spacing apart and centred on where they were,
// so that two connections between the same blocks (or any two that share
// a corridor) read as two lines. A move that would take a line into a
// block, or shorten a route's first or last stretch below half the
// clearance, is halved and then given up.
func nudge(routes [][]Point, g *index) {
	type line struct {
		vertical bool
		c        float64
	}
	groups := map[line][]seg{}
	for r, ps := range routes {
		// The first and last segments leave and enter ports, which are
		// already apart.
		for i := 1; i+2 < len(ps); i++ {
			p, q := ps[i], ps[i+1]
			if p.X == q.X {
				groups[line{true, p.X}] = append(groups[line{true, p.X}], seg{r, i, math.Min(p.Y, q.Y), math.Max(p.Y, q.Y)})
			} else {
				groups[line{false, p.Y}] = append(groups[line{false, p.Y}], seg{r, i, math.Min(p.X, q.X), math.Max(p.X, q.X)})
			}
		}
	}
	keys := make([]line, 0, len(groups))
	for k, ss := range groups {
		if len(ss) > 1 {
			keys = append(keys, k)
		}
	}
	// In a fixed order, so that the same design always draws the same.
	slices.SortFunc(keys, func(a, b line) int {
		if a.vertical != b.vertical {
			if a.vertical {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.c, b.c)
	})
	for _, k := range keys {
		ss := groups[k]
		slices.SortFunc(ss, func(a, b seg) int {
			if c := cmp.Compare(a.lo, b.lo); c != 0 {
				return c
			}
			return cmp.Compare(a.r, b.r)
		})
		for start := 0; start < len(ss); {
			end, hi := start+1, ss[start].hi
			for end < len(ss) && ss[end].lo <= hi {
				hi = math.Max(hi, ss[end].hi)
				end++
			}
			cluster := ss[start:end]
			start = end
			if len(cluster) < 2 || sameRoute(cluster) {
				continue
			}
			for j, s := range order(routes, cluster, k.vertical) {
				off := (float64(j) - float64(len(cluster)-1)/2) * Spacing
				for range 2 {
					if off == 0 || shift(routes[s.r], s.i, k.vertical, off, g) {
						break
					}
					off /= 2
				}
			}
		}
	}
}

func sameRoute(ss []seg) bool {
	for _, s := range ss[1:] {
		if s.r != ss[0].r {
			return false
		}
	}
	return true
}

// order sorts a cluster of segments on one line so that the lines, once
// apart, cross as little as they can: by where each comes from, the side
// of the line its previous point lies on and how far along.
func order(routes [][]Point, cluster []seg, vertical bool) []seg {
	out := slices.Clone(cluster)
	key := func(s seg) float64 {
		ps := routes[s.r]
		prev, from := ps[s.i-1], ps[s.i]
		if vertical {
			// Coming from the left and turning down sits right of one
			// turning up, and so on: the sign of each turn orders them.
			return math.Copysign(1, prev.X-from.X) * math.Copysign(1, ps[s.i+1].Y-from.Y) * from.Y
		}
		return math.Copysign(1, prev.Y-from.Y) * math.Copysign(1, ps[s.i+1].X-from.X) * from.X
	}
	slices.SortStableFunc(out, func(a, b seg) int {
		if c := cmp.Compare(key(a), key(b)); c != 0 {
			return c
		}
		return cmp.Compare(a.r, b.r)
	})
	return out
}

// shift moves segment i of ps sideways by off, if the moved segment and the
// two beside it keep out of every box and the route's end stretches keep
// some length; it reports whether it moved.
func shift(ps []Point, i int, vertical bool, off float64, g *index) bool {
	moved := slices.Clone(ps[i-1 : i+3])
	if vertical {
		moved[1].X += off
		moved[2].X += off
	} else {
		moved[1].Y += off
		moved[2].Y += off
	}
	for j := range 3 {
		if g.blocked(moved[j], moved[j+1], 0) {
			return false
		}
	}
	// The stretches beside it may grow or shrink, never turn back.
	for _, j := range []int{0, 2} {
		o, n := ps[i-1+j+1].X-ps[i-1+j].X+ps[i-1+j+1].Y-ps[i-1+j].Y, moved[j+1].X-moved[j].X+moved[j+1].Y-moved[j].Y
		if o*n <= 0 {
			return false
		}
	}
	// The stretch into a port carries the arrowhead, the one out of a
	// port shows where the line starts.
	if i-1 == 0 && dist(moved[0], moved[1]) < Clearance/2 {
		return false
	}
	if i+2 == len(ps)-1 && dist(moved[2], moved[3]) < Clearance/2 {
		return false
	}
	copy(ps[i-1:i+3], moved)
	return true
}

func dist(p, q Point) float64 { return math.Abs(p.X-q.X) + math.Abs(p.Y-q.Y) }
