package design

import (
	"errors"
	"slices"
)

// The group operations. Merge keys: "group/<id>" for the whole group (added
// or removed), "group/<id>/name", "group/<id>/parent" and
// "group/<id>/blocks" for its members; a group names its members and its
// parent, so it reads that they exist ("block/<id>/exists",
// "group/<id>/exists"), which a concurrent removal collides with.

// checkGroupsAfter re-checks the groups after an operation changed them.
// Every check is of the whole list, so no operation can leave the groups in
// a state a document could not hold; errors name the group by id.
func (a *applier) checkGroupsAfter() error {
	return a.d.checkGroups(func(i int) string { return "groups[" + a.d.Groups[i].ID + "]" })
}

func (a *applier) addGroup(g Group) (Ops, error) {
	g.Blocks = slices.Clone(g.Blocks)
	if err := g.checkShape(); err != nil {
		return nil, within("group", err)
	}
	if a.taken(g.ID) {
		return nil, Invalid("group.id", "%q is already used in this design", g.ID)
	}
	if len(a.d.Groups) >= MaxGroups {
		return nil, Invalid("group", "a design holds at most %d groups", MaxGroups)
	}
	for i, m := range g.Blocks {
		if a.d.Block(m) == nil {
			return nil, Invalid("group."+fieldIndex("blocks", i), "names block %q, which does not exist", m)
		}
		a.read("block/" + m + "/exists")
	}
	if g.Parent != "" {
		if a.d.Group(g.Parent) == nil {
			return nil, Invalid("group.parent", "names group %q, which does not exist", g.Parent)
		}
		a.read("group/" + g.Parent + "/exists")
	}
	a.d.Groups = append(a.d.Groups, g)
	if err := a.checkGroupsAfter(); err != nil {
		return nil, asField("group", err)
	}
	a.write("group/" + g.ID)
	return Ops{{Op: OpRemoveGroup, ID: g.ID}}, nil
}

// asField names an operation's field for an error the whole-list check
// found, keeping its message: the op is what the sender can fix.
func asField(field string, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Field = field
	return &c
}

func (a *applier) group(id string) (*Group, error) {
	g := a.d.Group(id)
	if g == nil {
		return nil, Invalid("id", "no group %q in this design", id)
	}
	return g, nil
}

func (a *applier) updateGroup(op *Op) (Ops, error) {
	g, err := a.group(op.ID)
	if err != nil {
		return nil, err
	}
	inv := Op{Op: OpUpdateGroup, ID: g.ID}
	if op.Name != nil {
		if err := checkText("name", *op.Name, MaxNameLen); err != nil {
			return nil, err
		}
		old := g.Name
		inv.Name = &old
		g.Name = *op.Name
		a.write("group/" + g.ID + "/name")
	}
	if op.Parent != nil {
		p := *op.Parent
		if p != "" {
			if a.d.Group(p) == nil {
				return nil, Invalid("parent", "names group %q, which does not exist", clip(p, 130))
			}
			a.read("group/" + p + "/exists")
		}
		old := g.Parent
		inv.Parent = &old
		g.Parent = p
		a.write("group/" + g.ID + "/parent")
		if err := a.checkGroupsAfter(); err != nil {
			return nil, asField("parent", err)
		}
	}
	return Ops{inv}, nil
}

// removeGroup removes a group and the groups nested in it (a subnet cannot
// outlive its VPC); their blocks stay on the canvas. The undo adds them
// back outermost first.
func (a *applier) removeGroup(id string) (Ops, error) {
	if _, err := a.group(id); err != nil {
		return nil, err
	}
	gone := map[string]bool{id: true}
	for grew := true; grew; {
		grew = false
		for _, g := range a.d.Groups {
			if !gone[g.ID] && gone[g.Parent] {
				gone[g.ID], grew = true, true
			}
		}
	}
	var inv Ops
	// Parents first: the removed list is walked from the root down.
	for added := map[string]bool{}; len(added) < len(gone); {
		for _, g := range a.d.Groups {
			if gone[g.ID] && !added[g.ID] && (g.ID == id || added[g.Parent]) {
				c := g
				c.Blocks = slices.Clone(g.Blocks)
				inv = append(inv, Op{Op: OpAddGroup, Group: &c})
				added[g.ID] = true
				a.write("group/" + g.ID)
			}
		}
	}
	a.d.Groups = slices.DeleteFunc(a.d.Groups, func(g Group) bool { return gone[g.ID] })
	return inv, nil
}

func (a *applier) setGroupMembers(id string, blocks []string) (Ops, error) {
	g, err := a.group(id)
	if err != nil {
		return nil, err
	}
	next := Group{ID: g.ID, Kind: g.Kind, Blocks: slices.Clone(blocks)}
	if err := next.checkShape(); err != nil {
		return nil, err
	}
	for i, m := range next.Blocks {
		if a.d.Block(m) == nil {
			return nil, Invalid(fieldIndex("blocks", i), "names block %q, which does not exist", m)
		}
		a.read("block/" + m + "/exists")
	}
	old := g.Blocks
	g.Blocks = next.Blocks
	if err := a.checkGroupsAfter(); err != nil {
		return nil, asField("blocks", err)
	}
	a.write("group/" + id + "/blocks")
	return Ops{{Op: OpSetGroupMembers, ID: id, Blocks: &old}}, nil
}

// dropMember takes a removed block out of its groups and returns the
// operations that put it back.
func (a *applier) dropMember(id string) Ops {
	var inv Ops
	for i := range a.d.Groups {
		g := &a.d.Groups[i]
		if !slices.Contains(g.Blocks, id) {
			continue
		}
		old := slices.Clone(g.Blocks)
		g.Blocks = slices.DeleteFunc(g.Blocks, func(m string) bool { return m == id })
		a.write("group/" + g.ID + "/blocks")
		inv = append(inv, Op{Op: OpSetGroupMembers, ID: g.ID, Blocks: &old})
	}
	return inv
}
