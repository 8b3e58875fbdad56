package components

import (
	"slices"

	"github.com/archlab/archlab/design"
)

// GroupSectionView is the inspector's "Group" section: for a block, the
// groups it is in and the ones it may join; for a group, its name and its
// blocks.
type GroupSectionView struct {
	// Group is set when the selection is a group.
	Group   *GroupRef
	In      []GroupRef // the block's groups, or the group's blocks
	Join    []GroupRef // groups the block may join
	Through []string   // groups the block is in through a nested one
}

// GroupRef is a group (or a block, in a group's list) with the operations
// of the button beside it.
type GroupRef struct {
	ID, Title, Ops string
}

func groupHeading(g *design.Group) string {
	return GroupView{KindLabel: design.GroupKindLabel(g.Kind), Name: g.Name}.Title()
}

// blockGroups is the section for a block. A group is offered to join only
// when joining it is an edit the design takes (tried on a copy), moving the
// block out of another group of the same kind on the way.
func blockGroups(d *design.Design, cat *design.Catalogue, id string) *GroupSectionView {
	if len(d.Groups) == 0 {
		return nil
	}
	v := &GroupSectionView{}
	for i := range d.Groups {
		g := &d.Groups[i]
		if slices.Contains(g.Blocks, id) {
			rest := slices.DeleteFunc(slices.Clone(g.Blocks), func(m string) bool { return m == id })
			v.In = append(v.In, GroupRef{ID: g.ID, Title: groupHeading(g), Ops: opsJSON(design.Ops{{Op: design.OpSetGroupMembers, ID: g.ID, Blocks: &rest}})})
			continue
		}
		if in := d.GroupOf(id, g.Kind); in != nil && in.ID == g.ID {
			v.Through = append(v.Through, groupHeading(g))
			continue
		}
		var ops design.Ops
		if old := d.GroupOf(id, g.Kind); old != nil && slices.Contains(old.Blocks, id) {
			rest := slices.DeleteFunc(slices.Clone(old.Blocks), func(m string) bool { return m == id })
			ops = append(ops, design.Op{Op: design.OpSetGroupMembers, ID: old.ID, Blocks: &rest})
		}
		joined := append(slices.Clone(g.Blocks), id)
		ops = append(ops, design.Op{Op: design.OpSetGroupMembers, ID: g.ID, Blocks: &joined})
		if _, _, err := design.Apply(d, ops, cat); err == nil {
			v.Join = append(v.Join, GroupRef{ID: g.ID, Title: groupHeading(g), Ops: opsJSON(ops)})
		}
	}
	return v
}

// groupInspector fills the inspector for a selected group.
func groupInspector(v InspectorView, d *design.Design, g *design.Group) InspectorView {
	v.Target, v.ID, v.Name = "group", g.ID, g.Name
	v.Heading = groupHeading(g)
	v.Subheading = "Group · " + plural(len(g.Blocks), "block")
	if p := d.Group(g.Parent); p != nil {
		v.Subheading += " · inside " + groupHeading(p)
	}
	s := &GroupSectionView{Group: &GroupRef{ID: g.ID, Title: g.Name}}
	for _, m := range g.Blocks {
		label := m
		if b := d.Block(m); b != nil {
			label = b.Label()
		}
		rest := slices.DeleteFunc(slices.Clone(g.Blocks), func(x string) bool { return x == m })
		s.In = append(s.In, GroupRef{ID: m, Title: label, Ops: opsJSON(design.Ops{{Op: design.OpSetGroupMembers, ID: g.ID, Blocks: &rest}})})
	}
	v.Groups = s
	return v
}
