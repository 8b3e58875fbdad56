package design

import "math"

// Group box geometry, shared by the diagram, which draws the boxes, and
// the layout, which keeps them apart: padding around a group's contents,
// and the band its title sits in above them.
const (
	GroupPad   = 16
	GroupTitle = 26
)

// GroupBox is where a group is drawn: a box around its members' blocks and
// its nested groups' boxes, padded, with its title above. Drawn is false
// for a group with nothing in it, neither blocks nor nested groups with
// blocks: it has no place. Depth is how deep the group is nested.
type GroupBox struct {
	X, Y, W, H float64
	Depth      int
	Drawn      bool
}

// GroupBoxes computes the box of each of d's groups, in the order of
// d.Groups. A group's box is computed from its members' positions, so a
// group moves with its contents.
func GroupBoxes(d *Design) []GroupBox {
	out := make([]GroupBox, len(d.Groups))
	if len(d.Groups) == 0 {
		return out
	}
	blocks := make(map[string]*Block, len(d.Blocks))
	for i := range d.Blocks {
		blocks[d.Blocks[i].ID] = &d.Blocks[i]
	}
	children := map[string][]int{}
	for i, g := range d.Groups {
		if g.Parent != "" {
			children[g.Parent] = append(children[g.Parent], i)
		}
	}
	type box struct {
		x0, y0, x1, y1 float64
		ok             bool
	}
	boxes := make([]box, len(d.Groups))
	done := make([]bool, len(d.Groups))
	// Validated groups have no cycles; the depth bound guards the walk all
	// the same.
	var walk func(i, level int) box
	walk = func(i, level int) box {
		if done[i] || level > len(d.Groups) {
			return boxes[i]
		}
		done[i] = true
		out[i].Depth = level
		b := box{x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
		grow := func(x0, y0, x1, y1 float64) {
			b.x0, b.y0 = math.Min(b.x0, x0), math.Min(b.y0, y0)
			b.x1, b.y1 = math.Max(b.x1, x1), math.Max(b.y1, y1)
			b.ok = true
		}
		for _, m := range d.Groups[i].Blocks {
			if bl := blocks[m]; bl != nil {
				grow(bl.X, bl.Y, bl.X+BlockWidth, bl.Y+BlockHeight)
			}
		}
		for _, c := range children[d.Groups[i].ID] {
			if cb := walk(c, level+1); cb.ok {
				grow(cb.x0, cb.y0, cb.x1, cb.y1)
			}
		}
		if b.ok {
			b.x0, b.x1 = b.x0-GroupPad, b.x1+GroupPad
			b.y0, b.y1 = b.y0-GroupPad-GroupTitle, b.y1+GroupPad
		}
		boxes[i] = b
		return b
	}
	for i, g := range d.Groups {
		if g.Parent == "" || d.Group(g.Parent) == nil {
			walk(i, 0)
		}
	}
	for i, b := range boxes {
		if b.ok {
			out[i].X, out[i].Y, out[i].W, out[i].H, out[i].Drawn = b.x0, b.y0, b.x1-b.x0, b.y1-b.y0, true
		}
	}
	return out
}
