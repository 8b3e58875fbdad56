package design

import (
	"fmt"
	"slices"
	"strings"
)

// Group kinds: boxes that hold blocks on the diagram. A bounded context
// (or team) says who owns what; the others say where it runs in AWS.
const (
	GroupContext = "context"
	GroupAccount = "account"
	GroupRegion  = "region"
	GroupVPC     = "vpc"
	GroupSubnet  = "subnet"
)

// MaxGroups bounds the groups of a design: a real architecture has a few
// dozen; the bound keeps a hostile document's checks cheap.
const MaxGroups = 500

// GroupKinds lists the kinds in nesting order, outermost first.
func GroupKinds() []string {
	return []string{GroupContext, GroupAccount, GroupRegion, GroupVPC, GroupSubnet}
}

// groupParents says which kinds a group of each kind may sit inside. A
// subnet exists only in a VPC, so it must have one; the others may stand
// alone. The order (context, account, Region, VPC, subnet) forbids cycles
// between kinds; a context inside a context is checked for cycles.
var groupParents = map[string][]string{
	GroupContext: {GroupContext},
	GroupAccount: {GroupContext},
	GroupRegion:  {GroupAccount, GroupContext},
	GroupVPC:     {GroupRegion, GroupAccount, GroupContext},
	GroupSubnet:  {GroupVPC},
}

// GroupKindLabel is the kind as people say it ("VPC").
func GroupKindLabel(kind string) string {
	return map[string]string{GroupContext: "Context", GroupAccount: "Account", GroupRegion: "Region",
		GroupVPC: "VPC", GroupSubnet: "Subnet"}[kind]
}

// Group is a named box that holds blocks: its members are listed by id,
// and a nested group names its parent. A block is in a group's enclosing
// groups too: a function in a subnet is in the subnet's VPC.
type Group struct {
	ID     string   `json:"id"`
	Kind   string   `json:"kind"`
	Name   string   `json:"name,omitempty"`
	Parent string   `json:"parent,omitempty"`
	Blocks []string `json:"blocks"`
}

// Label is what people see for the group.
func (g *Group) Label() string {
	if g.Name != "" {
		return g.Name
	}
	return g.ID
}

// Group returns the group with the given id, or nil.
func (d *Design) Group(id string) *Group {
	for i := range d.Groups {
		if d.Groups[i].ID == id {
			return &d.Groups[i]
		}
	}
	return nil
}

// GroupOf returns the group of the given kind that holds the block,
// directly or through a nested group, or nil.
func (d *Design) GroupOf(blockID, kind string) *Group {
	for i := range d.Groups {
		if !slices.Contains(d.Groups[i].Blocks, blockID) {
			continue
		}
		for g, n := &d.Groups[i], 0; g != nil && n <= len(d.Groups); g, n = d.Group(g.Parent), n+1 {
			if g.Kind == kind {
				return g
			}
			if g.Parent == "" {
				break
			}
		}
	}
	return nil
}

func cloneGroups(list []Group) []Group {
	if list == nil {
		return nil
	}
	out := make([]Group, len(list))
	for i, g := range list {
		g.Blocks = slices.Clone(g.Blocks)
		out[i] = g
	}
	return out
}

// checkShape validates a group on its own: id, kind, name and the shape of
// its member list. What it names is checked with the design.
func (g *Group) checkShape() error {
	if !idPattern.MatchString(g.ID) {
		if g.ID == "" {
			return Invalid("id", "is required")
		}
		return Invalid("id", "%q is not a valid id: start with a letter, then letters, digits, '-' or '_', at most 128 in all", clip(g.ID, 130))
	}
	if groupParents[g.Kind] == nil {
		if g.Kind == "" {
			return Invalid("kind", "is required: one of %s", strings.Join(GroupKinds(), ", "))
		}
		return Invalid("kind", "unknown group kind %q%s; use one of %s", clip(g.Kind, 40), suggest(g.Kind, GroupKinds()), strings.Join(GroupKinds(), ", "))
	}
	if err := checkText("name", g.Name, MaxNameLen); err != nil {
		return err
	}
	if g.Parent != "" && !idPattern.MatchString(g.Parent) {
		return Invalid("parent", "%q is not a group id", clip(g.Parent, 130))
	}
	if g.Blocks == nil {
		g.Blocks = []string{}
	}
	seen := make(map[string]bool, len(g.Blocks))
	for i, id := range g.Blocks {
		if !idPattern.MatchString(id) {
			return Invalid(fieldIndex("blocks", i), "%q is not a block id", clip(id, 130))
		}
		if seen[id] {
			return Invalid(fieldIndex("blocks", i), "lists %q twice", id)
		}
		seen[id] = true
	}
	// Members are kept sorted: a group is a set of blocks, and one order
	// makes documents and undo stable.
	slices.Sort(g.Blocks)
	return nil
}

// checkGroups validates the design's groups: their shapes, unique ids
// (shared with blocks and connections), members that exist, parents that
// exist and may hold them, no cycles, and no block in two groups of one
// kind. path names a group in errors.
func (d *Design) checkGroups(path func(i int) string) error {
	if len(d.Groups) > MaxGroups {
		return Invalid("groups", "holds %d groups; at most %d", len(d.Groups), MaxGroups)
	}
	blocks := make(map[string]bool, len(d.Blocks))
	for _, b := range d.Blocks {
		blocks[b.ID] = true
	}
	taken := d.hasElement()
	index := make(map[string]int, len(d.Groups))
	for i := range d.Groups {
		g := &d.Groups[i]
		if err := g.checkShape(); err != nil {
			return within(path(i), err)
		}
		if taken(g.ID) {
			return Invalid(path(i)+".id", "%q is already the id of a block or connection", g.ID)
		}
		if prev, dup := index[g.ID]; dup {
			return Invalid(path(i)+".id", "duplicate id %q (also %s)", g.ID, path(prev))
		}
		index[g.ID] = i
		for j, m := range g.Blocks {
			if !blocks[m] {
				return Invalid(path(i)+"."+fieldIndex("blocks", j), "names block %q, which does not exist", m)
			}
		}
	}
	for i := range d.Groups {
		g := &d.Groups[i]
		allowed := groupParents[g.Kind]
		if g.Parent == "" {
			if g.Kind == GroupSubnet {
				return Invalid(path(i)+".parent", "is required: a subnet lies inside a VPC; name the vpc group")
			}
			continue
		}
		pi, ok := index[g.Parent]
		if !ok {
			return Invalid(path(i)+".parent", "names group %q, which does not exist", g.Parent)
		}
		if pk := d.Groups[pi].Kind; !slices.Contains(allowed, pk) {
			return Invalid(path(i)+".parent", "a %s cannot lie inside a %s (%q); it may lie inside: %s",
				GroupKindLabel(g.Kind), GroupKindLabel(pk), g.Parent, kindLabels(allowed))
		}
		// Only contexts nest in their own kind, so only they can loop.
		for p, n := pi, 0; ; n++ {
			if d.Groups[p].ID == g.ID || n > len(d.Groups) {
				return Invalid(path(i)+".parent", "makes a cycle: %q lies inside itself", g.ID)
			}
			next, ok := index[d.Groups[p].Parent]
			if !ok {
				break
			}
			p = next
		}
	}
	return d.checkMembership(index, path)
}

// CheckGroups validates the design's groups against its blocks, as Validate
// does; importers use it to drop groups that do not fit.
func (d *Design) CheckGroups() error {
	return d.checkGroups(func(i int) string { return fieldIndex("groups", i) })
}

// checkMembership refuses a block in two groups of one kind, counting the
// groups a block is in through nesting, and a block listed both in a group
// and in a group around it, which says the same thing twice.
func (d *Design) checkMembership(index map[string]int, path func(i int) string) error {
	type where struct{ group, via string }
	in := map[[2]string]where{} // block and kind → the group, and the group listing the block
	for i := range d.Groups {
		direct := d.Groups[i].ID
		for _, m := range d.Groups[i].Blocks {
			for p, n := i, 0; n <= len(d.Groups); n++ {
				g := &d.Groups[p]
				key := [2]string{m, g.Kind}
				if prev, dup := in[key]; dup {
					if prev.group != g.ID {
						return Invalid(path(i)+".blocks", "puts %q in %s %q, but it is already in %s %q; a block lies in at most one group of each kind",
							m, GroupKindLabel(g.Kind), g.ID, GroupKindLabel(g.Kind), prev.group)
					}
					return Invalid(path(i)+".blocks", "lists %q, which %q also lists, one group inside the other; list it in the inner one only", m, prev.via)
				}
				in[key] = where{group: g.ID, via: direct}
				next, ok := index[g.Parent]
				if !ok || g.Parent == "" {
					break
				}
				p = next
			}
		}
	}
	return nil
}

func kindLabels(kinds []string) string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = GroupKindLabel(k)
	}
	return strings.Join(out, ", ")
}

// compareGroups says how the groups changed from a to b, for history
// summaries: "added VPC Private", "Private: added Worker, took out Store".
func compareGroups(a, b *Design) []string {
	var out []string
	name := func(g *Group) string { return GroupKindLabel(g.Kind) + " " + g.Label() }
	for i := range b.Groups {
		if g := &b.Groups[i]; a.Group(g.ID) == nil {
			out = append(out, "added "+name(g))
		}
	}
	for i := range a.Groups {
		old := &a.Groups[i]
		cur := b.Group(old.ID)
		if cur == nil {
			out = append(out, "removed "+name(old))
			continue
		}
		if old.Name != cur.Name {
			out = append(out, fmt.Sprintf("renamed %s %q → %q", old.ID, old.Name, cur.Name))
		}
		if old.Parent != cur.Parent {
			if cur.Parent == "" {
				out = append(out, cur.ID+": no longer inside "+old.Parent)
			} else {
				out = append(out, cur.ID+": now inside "+cur.Parent)
			}
		}
		var parts []string
		for _, m := range cur.Blocks {
			if !slices.Contains(old.Blocks, m) {
				parts = append(parts, "added "+m)
			}
		}
		for _, m := range old.Blocks {
			if !slices.Contains(cur.Blocks, m) {
				parts = append(parts, "took out "+m)
			}
		}
		if len(parts) > 0 {
			out = append(out, cur.Label()+": "+strings.Join(parts, ", "))
		}
	}
	return out
}
