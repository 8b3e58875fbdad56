package components

import (
	"cmp"
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
	boxes := design.GroupBoxes(d)
	var out []GroupView
	for i, g := range d.Groups {
		b := boxes[i]
		if !b.Drawn {
			continue
		}
		v := GroupView{ID: g.ID, Kind: g.Kind, Name: g.Name, Parent: g.Parent, KindLabel: design.GroupKindLabel(g.Kind),
			X: b.X, Y: b.Y, W: b.W, H: b.H, Depth: b.Depth, Members: g.Blocks, Selected: g.ID == selected}
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
