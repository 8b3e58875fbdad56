package design

import (
	"cmp"
	"math"
	"slices"
)

// groupHeadroom is how far below the top of a group's place its contents
// start: the box's padding and title, rounded up to the grid so that the
// blocks inside stay on it.
var groupHeadroom = ceilGrid(GroupPad + GroupTitle)

func ceilGrid(v float64) float64 { return math.Ceil(v/GridSize) * GridSize }

// hasDrawnGroups says whether any group holds a block, and so is drawn.
func (d *Design) hasDrawnGroups() bool {
	if len(d.Groups) == 0 {
		return false
	}
	blocks := make(map[string]bool, len(d.Blocks))
	for _, b := range d.Blocks {
		blocks[b.ID] = true
	}
	for _, g := range d.Groups {
		if slices.ContainsFunc(g.Blocks, func(m string) bool { return blocks[m] }) {
			return true
		}
	}
	return false
}

// groupItem is one thing laid out inside a group, or at the top level: a
// block, or a nested group with everything in it.
type groupItem struct {
	block, group int // one is -1
	x0, x1, h    float64
	key          float64 // where the layered layout put it, top to bottom
	first        int     // its first block in the design, to break ties
	y            float64 // top, relative to its container's contents
}

// layoutGrouped places each block in its layer's column, as Layout does,
// so that requests still flow left to right, but stacks the blocks so that
// the members of a group lie together: each group is laid out as one
// rectangle (its members and nested groups, packed, then its padding and
// title) and the rectangles of one level are packed in their columns like
// blocks, none over another that shares its columns. So a group's box, as
// GroupBoxes draws it, holds only its members, and the boxes of groups not
// one inside the other do not meet. rows is the layered layout's order of
// each layer, top to bottom, which the packing follows.
func layoutGrouped(d *Design, layer []int, rows [][]int) Ops {
	n := len(d.Blocks)
	gi := make(map[string]int, len(d.Groups))
	for i, g := range d.Groups {
		gi[g.ID] = i
	}
	parent := make([]int, len(d.Groups))
	for i, g := range d.Groups {
		parent[i] = -1
		if p, ok := gi[g.Parent]; ok && g.Parent != "" && p != i {
			parent[i] = p
		}
	}
	// Validated groups have no cycles; a group found deeper than there are
	// groups is in one, and is taken as top level.
	depth := make([]int, len(d.Groups))
	for i := range d.Groups {
		for p := parent[i]; p >= 0; p = parent[p] {
			if depth[i]++; depth[i] > len(d.Groups) {
				parent[i], depth[i] = -1, 0
				break
			}
		}
	}
	// Each block lies in the innermost group that lists it. A block listed
	// by two groups neither inside the other lies in both boxes whatever
	// the layout does; it goes with the deeper.
	bi := make(map[string]int, n)
	for i, b := range d.Blocks {
		bi[b.ID] = i
	}
	home := make([]int, n)
	for i := range home {
		home[i] = -1
	}
	for i, g := range d.Groups {
		for _, m := range g.Blocks {
			if v, ok := bi[m]; ok && (home[v] < 0 || depth[i] > depth[home[v]]) {
				home[v] = i
			}
		}
	}

	// Where the layered layout put each block: its row, with each layer
	// centred on the tallest, as Layout draws it.
	tallest := 0
	for _, r := range rows {
		tallest = max(tallest, len(r))
	}
	rowKey := make([]float64, n)
	for _, r := range rows {
		for i, v := range r {
			rowKey[v] = float64(tallest-len(r))/2 + float64(i)
		}
	}
	colX := func(v int) float64 { return float64(LayoutLeft + layer[v]*layerStride) }

	// The items of each container (-1 the top level); a group with no
	// block in it, even through nested groups, has no place.
	items := map[int][]groupItem{}
	keySum := make([]float64, len(d.Groups))
	count := make([]int, len(d.Groups))
	first := make([]int, len(d.Groups))
	for v := range n {
		container := home[v]
		items[container] = append(items[container], groupItem{block: v, group: -1,
			x0: colX(v), x1: colX(v) + BlockWidth, h: BlockHeight, key: rowKey[v], first: v})
		for g := home[v]; g >= 0; g = parent[g] {
			if count[g] == 0 {
				first[g] = v
				items[parent[g]] = append(items[parent[g]], groupItem{block: -1, group: g})
			}
			keySum[g] += rowKey[v]
			count[g]++
		}
	}
	for _, list := range items {
		for k := range list {
			if g := list[k].group; g >= 0 {
				list[k].key, list[k].first = keySum[g]/float64(count[g]), first[g]
			}
		}
		slices.SortStableFunc(list, func(a, b groupItem) int {
			return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.first, b.first))
		})
	}

	// Pack each container's items, innermost groups first, so that a
	// group's size is known before its container packs it.
	var pack func(c int) (x0, x1, h float64)
	pack = func(c int) (x0, x1, h float64) {
		list := items[c]
		for k := range list {
			if g := list[k].group; g >= 0 {
				gx0, gx1, gh := pack(g)
				list[k].x0, list[k].x1 = gx0-GroupPad, gx1+GroupPad
				list[k].h = ceilGrid(groupHeadroom + gh + GroupPad)
			}
		}
		return packItems(list)
	}
	pack(-1)

	// Absolute places, from the top level down; then shift everything right
	// if the outermost boxes would reach past the page's left edge.
	ys := make([]float64, n)
	var place func(c int, top float64)
	place = func(c int, top float64) {
		for _, it := range items[c] {
			if it.block >= 0 {
				ys[it.block] = top + it.y
			} else {
				place(it.group, top+it.y+groupHeadroom)
			}
		}
	}
	place(-1, LayoutTop)
	left := math.Inf(1)
	for _, it := range items[-1] {
		left = math.Min(left, it.x0)
	}
	shift := math.Max(0, ceilGrid(GroupPad-left))

	var ops Ops
	for v := range n {
		b := &d.Blocks[v]
		x, y := Snap(colX(v)+shift), Snap(ys[v])
		if x == b.X && y == b.Y {
			continue
		}
		ops = append(ops, Op{Op: OpMoveBlock, ID: b.ID, X: ptr(x), Y: ptr(y)})
	}
	return ops
}

// packItems sets each item's top, in order, as the highest that keeps it
// a row gap below every item placed before it that shares its columns, and
// returns the items' horizontal extent and total height. Columns are cut
// into the blocks' own width and the two halves of the gap after it, so
// that boxes reaching into a gap from either side can still stand side by
// side.
func packItems(list []groupItem) (x0, x1, h float64) {
	slot := func(x float64) int {
		rel := x - LayoutLeft
		c := math.Floor(rel / layerStride)
		in := rel - c*layerStride
		s := 3 * int(c)
		switch {
		case in >= BlockWidth+LayerGap/2:
			s += 2
		case in >= BlockWidth:
			s++
		}
		return s
	}
	// The bottom of what is placed in each slot, with the gap below it.
	floor := map[int]float64{}
	x0, x1 = math.Inf(1), math.Inf(-1)
	for k := range list {
		it := &list[k]
		s0, s1 := slot(it.x0), slot(math.Nextafter(it.x1, math.Inf(-1)))
		y := 0.0
		for s := s0; s <= s1; s++ {
			y = math.Max(y, floor[s])
		}
		it.y = y
		for s := s0; s <= s1; s++ {
			floor[s] = y + it.h + RowGap
		}
		x0, x1, h = math.Min(x0, it.x0), math.Max(x1, it.x1), math.Max(h, y+it.h)
	}
	return x0, x1, h
}
