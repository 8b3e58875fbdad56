package components

import (
	"cmp"
	"math"
	"slices"

	"github.com/archlab/archlab/design"
)

// GroupView is one group as drawn: a named rounded box around its members'
// boxes and its nested groups. Its place is computed from its members', so
// a group moves with its contents.
type GroupView struct {
	ID, Kind, Name, KindLabel, Parent string
	X, Y, W, H                        float64
	// Depth is how deep the group is nested; outer groups are drawn first,
	// so that inner ones lie on top of them.
	Depth    int
	Members  []string
	Label    string
	Selected bool
}

// Group box geometry: padding around the contents, and the band the title
// sits in above them.
const (
	groupBoxPad   = 16
	groupBoxTitle = 26
)

// Title is the group's heading: its kind and its name ("VPC · Private").
func (g GroupView) Title() string {
	if g.Name == "" || g.Name == g.KindLabel {
		return g.KindLabel
	}
	return g.KindLabel + " · " + g.Name
}

// groupViews lays out the groups of d. A group with nothing in it, neither
// blocks nor nested groups with blocks, has no place and is not drawn.
func groupViews(d *design.Design, selected string) []GroupView {
	if len(d.Groups) == 0 {
		return nil
	}
	blocks := make(map[string]*design.Block, len(d.Blocks))
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
	depth := make([]int, len(d.Groups))
	// Validated groups have no cycles; the depth bound guards the walk all
	// the same.
	var layout func(i, level int) box
	layout = func(i, level int) box {
		if done[i] || level > len(d.Groups) {
			return boxes[i]
		}
		done[i] = true
		depth[i] = level
		b := box{x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
		grow := func(x0, y0, x1, y1 float64) {
			b.x0, b.y0 = math.Min(b.x0, x0), math.Min(b.y0, y0)
			b.x1, b.y1 = math.Max(b.x1, x1), math.Max(b.y1, y1)
			b.ok = true
		}
		for _, m := range d.Groups[i].Blocks {
			if bl := blocks[m]; bl != nil {
				grow(bl.X, bl.Y, bl.X+design.BlockWidth, bl.Y+design.BlockHeight)
			}
		}
		for _, c := range children[d.Groups[i].ID] {
			if cb := layout(c, level+1); cb.ok {
				grow(cb.x0, cb.y0, cb.x1, cb.y1)
			}
		}
		if b.ok {
			b.x0, b.x1 = b.x0-groupBoxPad, b.x1+groupBoxPad
			b.y0, b.y1 = b.y0-groupBoxPad-groupBoxTitle, b.y1+groupBoxPad
		}
		boxes[i] = b
		return b
	}
	for i, g := range d.Groups {
		if g.Parent == "" || d.Group(g.Parent) == nil {
			layout(i, 0)
		}
	}
	var out []GroupView
	for i, g := range d.Groups {
		b := boxes[i]
		if !b.ok {
			continue
		}
		v := GroupView{ID: g.ID, Kind: g.Kind, Name: g.Name, Parent: g.Parent, KindLabel: design.GroupKindLabel(g.Kind),
			X: b.x0, Y: b.y0, W: b.x1 - b.x0, H: b.y1 - b.y0, Depth: depth[i], Members: g.Blocks, Selected: g.ID == selected}
		v.Label = v.Title() + ", a group of " + plural(len(g.Blocks), "block")
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b GroupView) int { return cmp.Compare(a.Depth, b.Depth) })
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return n2(n) + " " + noun + "s"
}

func n2(i int) string { return n(float64(i)) }

func joinIDs(ids []string) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += " "
		}
		out += id
	}
	return out
}

// groupTitleChars is how many characters of a title fit in a box w wide,
// at about 7 units a character.
func groupTitleChars(w float64) int { return max(8, int((w-24)/7)) }
