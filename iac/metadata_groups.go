package iac

import (
	"slices"

	"github.com/archlab/archlab/design"
)

// metaGroupsValue writes groups for the template's archlab metadata.
func metaGroupsValue(groups []design.Group) []any {
	list := make([]any, 0, len(groups))
	for _, g := range groups {
		e := newMap()
		e.set("id", g.ID)
		e.set("kind", g.Kind)
		if g.Name != "" {
			e.set("name", g.Name)
		}
		if g.Parent != "" {
			e.set("parent", g.Parent)
		}
		blocks := make([]any, len(g.Blocks))
		for i, m := range g.Blocks {
			blocks[i] = m
		}
		e.set("blocks", blocks)
		list = append(list, e)
	}
	return list
}

// metaGroups gives the imported design the groups an export kept in the
// template's metadata. Members the template no longer has are left out;
// groups that do not fit the design (edited by hand) are noted and left
// out, never a reason to refuse the template.
func (b *builder) metaGroups(d *design.Design) {
	if b.meta == nil || len(b.meta.Groups) == 0 {
		return
	}
	at := b.t.root.keyPosOf("Metadata")
	groups := slices.Clone(b.meta.Groups)
	if len(groups) > design.MaxGroups {
		b.note("", at, "the archlab metadata holds %d groups, more than %d; they are not read", len(groups), design.MaxGroups)
		return
	}
	for i := range groups {
		groups[i].Blocks = slices.DeleteFunc(slices.Clone(groups[i].Blocks), func(m string) bool { return d.Block(m) == nil })
	}
	d.Groups = groups
	if err := d.CheckGroups(); err != nil {
		b.note("", at, "the archlab metadata's groups: %s; they are not read", design.ErrorMessage(err))
		d.Groups = nil
	}
}

// sameGroups reports whether two designs have the same groups, in order.
func sameGroups(a, b []design.Group) bool {
	return slices.EqualFunc(a, b, func(x, y design.Group) bool {
		return x.ID == y.ID && x.Kind == y.Kind && x.Name == y.Name && x.Parent == y.Parent && slices.Equal(x.Blocks, y.Blocks)
	})
}
