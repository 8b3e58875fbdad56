package design

import (
	"fmt"
	"maps"
	"slices"
)

// Change is what an applied batch did: the merge keys it read and wrote, and
// the operations that undo it.
//
// Merge keys are paths: "title", "description", "block/<id>",
// "block/<id>/name", "block/<id>/position", "block/<id>/props/<name>",
// "conn/<id>", "conn/<id>/integration", "conn/<id>/props/<name>" and "*" for a
// whole-design replace. Two keys collide when they are equal or one is a
// prefix of the other, so removing a block collides with any edit of it.
type Change struct {
	Reads   []string
	Writes  []string
	Inverse Ops
}

// Apply applies a batch of operations to a copy of d and returns the copy and
// the change. The batch applies whole or not at all: on error d is untouched
// and the error names the operation ("ops[3].props.Timeout").
func Apply(d *Design, ops Ops, cat *Catalogue) (*Design, *Change, error) {
	if len(ops) == 0 {
		return nil, nil, Invalid("ops", "is empty; send at least one operation")
	}
	if len(ops) > MaxOpsPerBatch {
		return nil, nil, Invalid("ops", "holds %d operations; at most %d a batch", len(ops), MaxOpsPerBatch)
	}
	a := &applier{d: d.Clone(), cat: cat, change: &Change{}}
	var inverses []Ops
	for i := range ops {
		op := ops[i]
		if err := op.checkShape(); err != nil {
			return nil, nil, within(fmt.Sprintf("ops[%d]", i), err)
		}
		inv, err := a.apply(&op)
		if err != nil {
			return nil, nil, within(fmt.Sprintf("ops[%d]", i), err)
		}
		inverses = append(inverses, inv)
	}
	for i := len(inverses) - 1; i >= 0; i-- {
		a.change.Inverse = append(a.change.Inverse, inverses[i]...)
	}
	a.change.Reads = dedupe(a.change.Reads)
	a.change.Writes = dedupe(a.change.Writes)
	return a.d, a.change, nil
}

type applier struct {
	d      *Design
	cat    *Catalogue
	change *Change
}

func (a *applier) write(keys ...string) { a.change.Writes = append(a.change.Writes, keys...) }
func (a *applier) read(keys ...string)  { a.change.Reads = append(a.change.Reads, keys...) }

func (a *applier) apply(op *Op) (Ops, error) {
	switch op.Op {
	case OpAddBlock:
		b := *op.Block
		if op.Near != "" {
			near := a.d.Block(op.Near)
			if near == nil {
				return nil, Invalid("near", "no block %q in this design", op.Near)
			}
			b.X, b.Y = near.X+b.X, near.Y+b.Y
			a.read("block/" + op.Near + "/position")
		}
		return a.addBlock(b)
	case OpUpdateBlock:
		return a.updateBlock(op)
	case OpMoveBlock:
		return a.moveBlock(op.ID, *op.X, *op.Y)
	case OpRemoveBlock:
		return a.removeBlock(op.ID)
	case OpConnect:
		return a.connect(*op.Connection)
	case OpUpdateConnection:
		return a.updateConnection(op)
	case OpDisconnect:
		return a.disconnect(op.ID)
	case OpSetTitle:
		old := a.d.Title
		if err := checkText("title", *op.Title, MaxTitleLen); err != nil {
			return nil, err
		}
		a.d.Title = *op.Title
		a.write("title")
		return Ops{{Op: OpSetTitle, Title: &old}}, nil
	case OpSetDescription:
		old := a.d.Description
		if err := checkMultiline("description", *op.Description, MaxDescLen); err != nil {
			return nil, err
		}
		a.d.Description = *op.Description
		a.write("description")
		return Ops{{Op: OpSetDescription, Description: &old}}, nil
	case OpReplace:
		return a.replace(op.Design)
	case OpAcceptFinding:
		return a.acceptFinding(*op.Accepted)
	case OpUnacceptFinding:
		return a.unacceptFinding(*op.Accepted)
	case OpAddGroup:
		return a.addGroup(*op.Group)
	case OpUpdateGroup:
		return a.updateGroup(op)
	case OpRemoveGroup:
		return a.removeGroup(op.ID)
	case OpSetGroupMembers:
		return a.setGroupMembers(op.ID, *op.Blocks)
	case OpSetTraffic:
		return a.setTraffic(op.ID, *op.Traffic)
	case OpSetAssumptions:
		return a.setAssumptions(op.ID, *op.Assumptions)
	}
	return nil, Invalid("op", "unknown operation %q", op.Op)
}

// taken reports whether an id is used by a block or a connection: they share
// one namespace so that a finding's subjects are never ambiguous.
func (a *applier) taken(id string) bool {
	return a.d.Block(id) != nil || a.d.Connection(id) != nil || a.d.Group(id) != nil
}

func (a *applier) addBlock(b Block) (Ops, error) {
	b.Props = b.Props.Clone()
	if b.External != nil {
		e := *b.External
		b.External = &e
	}
	if err := a.cat.checkBlock(&b); err != nil {
		return nil, within("block", err)
	}
	if a.taken(b.ID) {
		return nil, Invalid("block.id", "%q is already used in this design", b.ID)
	}
	if most := a.cat.Limits().MaxBlocks; len(a.d.Blocks) >= most {
		return nil, Invalid("block", "a design holds at most %s blocks", FormatNumber(float64(most)))
	}
	if err := a.cat.checkRefs(a.d.Block, b.Props, a.cat.byID[b.Kind].Props); err != nil {
		return nil, within("block.props", err)
	}
	a.d.Blocks = append(a.d.Blocks, b)
	a.write("block/" + b.ID)
	return Ops{{Op: OpRemoveBlock, ID: b.ID}}, nil
}

func (a *applier) block(id string) (*Block, error) {
	b := a.d.Block(id)
	if b == nil {
		return nil, Invalid("id", "no block %q in this design", id)
	}
	return b, nil
}

func (a *applier) updateBlock(op *Op) (Ops, error) {
	b, err := a.block(op.ID)
	if err != nil {
		return nil, err
	}
	inv := Op{Op: OpUpdateBlock, ID: b.ID}
	if op.Name != nil {
		if err := checkText("name", *op.Name, MaxNameLen); err != nil {
			return nil, err
		}
		old := b.Name
		inv.Name = &old
		b.Name = *op.Name
		a.write("block/" + b.ID + "/name")
	}
	if op.Props != nil {
		kind := a.cat.byID[b.Kind]
		merged, old, err := mergeProps(b.Props, op.Props, kind.Props, "a "+kind.Name)
		if err != nil {
			return nil, within("props", err)
		}
		if err := a.cat.checkRefs(a.d.Block, merged, kind.Props); err != nil {
			return nil, within("props", err)
		}
		b.Props = merged
		inv.Props = old
		for _, name := range Props(op.Props).Keys() {
			a.write("block/" + b.ID + "/props/" + name)
		}
	}
	if op.External != nil {
		// An empty marker brings a block back into the design; a block of
		// the external kind is always outside it, and keeps an empty marker
		// (its service and reference not known yet), as it may have when
		// it is added.
		kind := a.cat.byID[b.Kind]
		var next *External
		if *op.External != (External{}) || kind.ID == KindExternal {
			e := *op.External
			next = &e
		}
		if next != nil {
			if err := next.check(kind); err != nil {
				return nil, err
			}
		}
		old := External{}
		if b.External != nil {
			old = *b.External
		}
		inv.External = &old
		b.External = next
		a.write("block/" + b.ID + "/external")
	}
	return Ops{inv}, nil
}

// mergeProps merges a patch into props (null unsets) and returns the result
// and the patch that undoes it.
func mergeProps(props Props, patch map[string]any, schema []Prop, owner string) (Props, map[string]any, error) {
	merged := props.Clone()
	if merged == nil {
		merged = Props{}
	}
	undo := make(map[string]any, len(patch))
	for _, name := range Props(patch).Keys() {
		undo[name] = cloneValue(props[name]) // nil when it was unset
		if patch[name] == nil {
			// Unsetting a property the schema lacks is fine when it is set:
			// that is how a switch of integration drops the old one's.
			if _, set := props[name]; !set && findProp(schema, name) == nil {
				return nil, nil, Invalid(name, "%s has no property %q%s", owner, name, suggestProp(schema, name))
			}
			delete(merged, name)
			continue
		}
		merged[name] = patch[name]
	}
	checked, err := checkProps(merged, schema, owner)
	if err != nil {
		return nil, nil, err
	}
	return checked, undo, nil
}

func (a *applier) moveBlock(id string, x, y float64) (Ops, error) {
	b, err := a.block(id)
	if err != nil {
		return nil, err
	}
	if err := checkCoordinates(x, y); err != nil {
		return nil, err
	}
	ox, oy := b.X, b.Y
	b.X, b.Y = x, y
	a.write("block/" + id + "/position")
	return Ops{{Op: OpMoveBlock, ID: id, X: &ox, Y: &oy}}, nil
}

// removeBlock removes a block, its connections and every reference to it
// (a dead-letter queue named by a subscription, say), and returns the
// operations that put all of that back.
func (a *applier) removeBlock(id string) (Ops, error) {
	b, err := a.block(id)
	if err != nil {
		return nil, err
	}
	removed := *b
	inv := Ops{{Op: OpAddBlock, Block: &removed}}
	a.write("block/" + id)

	kept := a.d.Connections[:0:0]
	gone := []string{id}
	for _, c := range a.d.Connections {
		if c.From == id || c.To == id {
			c := c
			inv = append(inv, Op{Op: OpConnect, Connection: &c})
			a.write("conn/" + c.ID)
			gone = append(gone, c.ID)
			continue
		}
		kept = append(kept, c)
	}
	a.d.Connections = kept
	a.d.Blocks = slices.DeleteFunc(a.d.Blocks, func(x Block) bool { return x.ID == id })
	inv = append(inv, a.dropTrafficOf(id)...)

	// Clear references last; the undo restores them after the block is back.
	for i := range a.d.Blocks {
		ob := &a.d.Blocks[i]
		if names := a.dropRefs(ob.Props, a.cat.byID[ob.Kind].Props, id); len(names) > 0 {
			undo := map[string]any{}
			for _, n := range names {
				undo[n] = id
				a.write("block/" + ob.ID + "/props/" + n)
			}
			inv = append(inv, Op{Op: OpUpdateBlock, ID: ob.ID, Props: undo})
		}
	}
	for i := range a.d.Connections {
		c := &a.d.Connections[i]
		in := a.cat.Integration(a.d.Block(c.From).Kind, a.d.Block(c.To).Kind, c.Integration)
		if in == nil {
			continue
		}
		if names := a.dropRefs(c.Props, in.Props, id); len(names) > 0 {
			undo := map[string]any{}
			for _, n := range names {
				undo[n] = id
				a.write("conn/" + c.ID + "/props/" + n)
			}
			inv = append(inv, Op{Op: OpUpdateConnection, ID: c.ID, Props: undo})
		}
	}
	inv = append(inv, a.dropMember(id)...)
	return append(inv, a.dropAccepted(gone...)...), nil
}

// dropRefs unsets the ref properties that name id and returns their names.
func (a *applier) dropRefs(props Props, schema []Prop, id string) []string {
	var names []string
	for _, name := range props.Keys() {
		if p := findProp(schema, name); p != nil && p.Type == TypeRef && props[name] == id {
			delete(props, name)
			names = append(names, name)
		}
	}
	return names
}

func (a *applier) connect(c Connection) (Ops, error) {
	c.Props = c.Props.Clone()
	c.Evidence = slices.Clone(c.Evidence)
	if c.ID == "" {
		c.ID = freeConnectionID(c.From, c.To, a.taken)
	}
	if err := a.cat.checkConnection(a.d.Block, &c); err != nil {
		return nil, within("connection", err)
	}
	if a.taken(c.ID) {
		return nil, Invalid("connection.id", "%q is already used in this design", c.ID)
	}
	if most := a.cat.Limits().MaxConnections; len(a.d.Connections) >= most {
		return nil, Invalid("connection", "a design holds at most %s connections", FormatNumber(float64(most)))
	}
	for _, o := range a.d.Connections {
		if o.From == c.From && o.To == c.To && o.Integration == c.Integration {
			return nil, Invalid("connection", "%s already connects %s to %s with %s", o.ID, c.From, c.To, c.Integration)
		}
	}
	from, to := a.d.Block(c.From), a.d.Block(c.To)
	in := a.cat.Integration(from.Kind, to.Kind, c.Integration)
	if msg := a.cat.guardMessage(in, from, to); msg != "" {
		return nil, Invalid("connection", "%s", msg)
	}
	a.d.Connections = append(a.d.Connections, c)
	a.write("conn/" + c.ID)
	a.read("block/"+c.From+"/exists", "block/"+c.To+"/exists")
	return Ops{{Op: OpDisconnect, ID: c.ID}}, nil
}

func (a *applier) updateConnection(op *Op) (Ops, error) {
	c := a.d.Connection(op.ID)
	if c == nil {
		return nil, Invalid("id", "no connection %q in this design", op.ID)
	}
	from, to := a.d.Block(c.From), a.d.Block(c.To)
	inv := Op{Op: OpUpdateConnection, ID: c.ID}
	in := a.cat.Integration(from.Kind, to.Kind, c.Integration)
	if op.Integration != nil && *op.Integration != c.Integration {
		next := a.cat.Integration(from.Kind, to.Kind, *op.Integration)
		if next == nil {
			return nil, Invalid("integration", "%q is not an integration of %s → %s; allowed: %s",
				*op.Integration, a.cat.byID[from.Kind].Name, a.cat.byID[to.Kind].Name, integrationIDs(a.cat.Integrations(from.Kind, to.Kind)))
		}
		if msg := a.cat.guardMessage(next, from, to); msg != "" {
			return nil, Invalid("integration", "%s", msg)
		}
		old := c.Integration
		inv.Integration = &old
		in = next
		a.write("conn/" + c.ID + "/integration")
	}
	patch := op.Props
	if op.Integration != nil && *op.Integration != c.Integration {
		// Properties of the old integration that the new one lacks go away,
		// and come back with the undo.
		patch = maps.Clone(op.Props)
		if patch == nil {
			patch = map[string]any{}
		}
		for name := range c.Props {
			if in.Prop(name) == nil {
				if _, given := patch[name]; !given {
					patch[name] = nil
				}
			}
		}
	}
	if patch != nil {
		merged, old, err := mergeProps(c.Props, patch, in.Props, "the "+in.Name+" integration")
		if err != nil {
			return nil, within("props", err)
		}
		if err := a.cat.checkRefs(a.d.Block, merged, in.Props); err != nil {
			return nil, within("props", err)
		}
		c.Props = merged
		inv.Props = old
		for _, name := range Props(patch).Keys() {
			a.write("conn/" + c.ID + "/props/" + name)
		}
	}
	if op.Integration != nil {
		c.Integration = *op.Integration
	}
	if op.Evidence != nil {
		if len(op.Evidence) == 0 {
			return nil, Invalid("evidence", "is empty; give at least one entry (%q declares the connection)", BasisDrawn)
		}
		if err := checkEvidence(op.Evidence); err != nil {
			return nil, err
		}
		old := slices.Clone(c.Evidence)
		if len(old) == 0 {
			old = []Evidence{{Basis: BasisDrawn}}
		}
		inv.Evidence = old
		c.Evidence = slices.Clone(op.Evidence)
		a.write("conn/" + c.ID + "/evidence")
	}
	return Ops{inv}, nil
}

func (a *applier) disconnect(id string) (Ops, error) {
	c := a.d.Connection(id)
	if c == nil {
		return nil, Invalid("id", "no connection %q in this design", id)
	}
	old := *c
	a.d.Connections = slices.DeleteFunc(a.d.Connections, func(x Connection) bool { return x.ID == id })
	a.write("conn/" + id)
	return append(Ops{{Op: OpConnect, Connection: &old}}, a.dropAccepted(id)...), nil
}

func (a *applier) replace(next *Design) (Ops, error) {
	old := content(a.d)
	n := content(next.Clone())
	if err := a.cat.Limits().checkCounts(len(n.Blocks), len(n.Connections)); err != nil {
		return nil, within("design", err)
	}
	if err := n.Validate(a.cat); err != nil {
		return nil, within("design", err)
	}
	a.d.Title, a.d.Description = n.Title, n.Description
	a.d.Blocks, a.d.Connections, a.d.Groups, a.d.Accepted = n.Blocks, n.Connections, n.Groups, n.Accepted
	a.d.Traffic, a.d.Assumptions = n.Traffic, n.Assumptions
	a.write("*")
	return Ops{{Op: OpReplace, Design: old}}, nil
}

// content is the part of a design that operations change: no id, version,
// timestamps or origin.
func content(d *Design) *Design {
	c := d.Clone()
	return &Design{Title: c.Title, Description: c.Description, Blocks: c.Blocks, Connections: c.Connections, Groups: c.Groups, Accepted: c.Accepted, Source: c.Source, Traffic: c.Traffic, Assumptions: c.Assumptions}
}

func dedupe(keys []string) []string {
	slices.Sort(keys)
	return slices.Compact(keys)
}
