package design

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The operation names of the API. Every change to a design is a batch of
// these; history, undo, live updates and conflict checks all come from them.
const (
	OpAddBlock         = "addBlock"
	OpUpdateBlock      = "updateBlock"
	OpMoveBlock        = "moveBlock"
	OpRemoveBlock      = "removeBlock"
	OpConnect          = "connect"
	OpUpdateConnection = "updateConnection"
	OpDisconnect       = "disconnect"
	OpSetTitle         = "setTitle"
	OpSetDescription   = "setDescription"
	OpReplace          = "replace"
	OpAcceptFinding    = "acceptFinding"
	OpUnacceptFinding  = "unacceptFinding"
	OpAddGroup         = "addGroup"
	OpUpdateGroup      = "updateGroup"
	OpRemoveGroup      = "removeGroup"
	OpSetGroupMembers  = "setGroupMembers"
	// OpSetTraffic and OpSetAssumptions replace a block's traffic or
	// assumptions (see Traffic); an empty object removes them.
	OpSetTraffic     = "setTraffic"
	OpSetAssumptions = "setAssumptions"
)

// MaxOpsPerBatch bounds one batch. Imports and restores are one replace
// operation, so no real edit comes near it.
const MaxOpsPerBatch = 1000

// Op is one operation. Which fields it carries depends on Op (see opFields);
// pointers tell "not given" from a zero value.
type Op struct {
	Op          string      `json:"op"`
	ID          string      `json:"id,omitempty"`
	Block       *Block      `json:"block,omitempty"`
	Connection  *Connection `json:"connection,omitempty"`
	Name        *string     `json:"name,omitempty"`
	Integration *string     `json:"integration,omitempty"`
	// Props are merged into the target's properties; a null value unsets one.
	Props       map[string]any `json:"props,omitempty"`
	X           *float64       `json:"x,omitempty"`
	Y           *float64       `json:"y,omitempty"`
	Title       *string        `json:"title,omitempty"`
	Description *string        `json:"description,omitempty"`
	Design      *Design        `json:"design,omitempty"`
	// External marks a block as outside the design, or, empty ({}), as
	// part of it again; a block of the external kind, always outside,
	// then keeps an empty marker.
	External *External `json:"external,omitempty"`
	// Evidence replaces what a connection rests on; [{"basis": "drawn"}]
	// declares an inferred connection.
	Evidence []Evidence `json:"evidence,omitempty"`
	// Accepted is the entry acceptFinding adds (or gives a new reason),
	// and the rule and subjects of the one unacceptFinding withdraws.
	Accepted *Accepted `json:"accepted,omitempty"`
	// Group is the group addGroup adds.
	Group *Group `json:"group,omitempty"`
	// Parent moves a group into another (updateGroup); "" makes it stand
	// alone.
	Parent *string `json:"parent,omitempty"`
	// Blocks are the members setGroupMembers gives a group; a pointer, so
	// that an empty list (the group holds nothing) is still given.
	Blocks *[]string `json:"blocks,omitempty"`
	// Near places the block addBlock adds relative to another: its x and y
	// are then offsets from that block's position when the operation
	// applies. A fix that adds a block says so, rather than where the
	// block it fixes stands now, so that moving a block changes no fix.
	Near string `json:"near,omitempty"`
	// Traffic and Assumptions are what setTraffic and setAssumptions give
	// the block named by ID.
	Traffic     *Traffic     `json:"traffic,omitempty"`
	Assumptions *Assumptions `json:"assumptions,omitempty"`
}

// Ops is a batch of operations.
type Ops []Op

// opFields lists, per operation, the fields it requires and the ones it may
// carry. Anything else is refused, so typos cannot pass silently.
var opFields = map[string]struct{ required, optional []string }{
	OpAddBlock:         {required: []string{"block"}, optional: []string{"near"}},
	OpUpdateBlock:      {required: []string{"id"}, optional: []string{"name", "props", "external"}},
	OpMoveBlock:        {required: []string{"id", "x", "y"}},
	OpRemoveBlock:      {required: []string{"id"}},
	OpConnect:          {required: []string{"connection"}},
	OpUpdateConnection: {required: []string{"id"}, optional: []string{"integration", "props", "evidence"}},
	OpDisconnect:       {required: []string{"id"}},
	OpSetTitle:         {required: []string{"title"}},
	OpSetDescription:   {required: []string{"description"}},
	OpReplace:          {required: []string{"design"}},
	OpAcceptFinding:    {required: []string{"accepted"}},
	OpUnacceptFinding:  {required: []string{"accepted"}},
	OpAddGroup:         {required: []string{"group"}},
	OpUpdateGroup:      {required: []string{"id"}, optional: []string{"name", "parent"}},
	OpRemoveGroup:      {required: []string{"id"}},
	OpSetGroupMembers:  {required: []string{"id", "blocks"}},
	OpSetTraffic:       {required: []string{"id", "traffic"}},
	OpSetAssumptions:   {required: []string{"id", "assumptions"}},
}

// OpNames lists the operations in the order of the API documentation.
func OpNames() []string {
	return []string{OpAddBlock, OpUpdateBlock, OpMoveBlock, OpRemoveBlock, OpConnect,
		OpUpdateConnection, OpDisconnect, OpSetTitle, OpSetDescription, OpReplace,
		OpAcceptFinding, OpUnacceptFinding, OpAddGroup, OpUpdateGroup, OpRemoveGroup, OpSetGroupMembers, OpSetTraffic, OpSetAssumptions}
}

// present lists the fields the op carries.
func (o *Op) present() []string {
	var f []string
	add := func(name string, ok bool) {
		if ok {
			f = append(f, name)
		}
	}
	add("id", o.ID != "")
	add("block", o.Block != nil)
	add("connection", o.Connection != nil)
	add("name", o.Name != nil)
	add("integration", o.Integration != nil)
	add("props", o.Props != nil)
	add("x", o.X != nil)
	add("y", o.Y != nil)
	add("title", o.Title != nil)
	add("description", o.Description != nil)
	add("design", o.Design != nil)
	add("external", o.External != nil)
	add("evidence", o.Evidence != nil)
	add("accepted", o.Accepted != nil)
	add("group", o.Group != nil)
	add("parent", o.Parent != nil)
	add("blocks", o.Blocks != nil)
	add("near", o.Near != "")
	add("traffic", o.Traffic != nil)
	add("assumptions", o.Assumptions != nil)
	return f
}

// checkShape refuses unknown operations, missing fields and fields that do
// not belong to the operation.
func (o *Op) checkShape() error {
	spec, ok := opFields[o.Op]
	if !ok {
		if o.Op == "" {
			return Invalid("op", "is required: one of %s", strings.Join(OpNames(), ", "))
		}
		return Invalid("op", "unknown operation %q%s; use one of %s", o.Op, suggest(o.Op, OpNames()), strings.Join(OpNames(), ", "))
	}
	have := o.present()
	for _, r := range spec.required {
		if !slices.Contains(have, r) {
			return Invalid(r, "is required for %s", o.Op)
		}
	}
	for _, h := range have {
		if !slices.Contains(spec.required, h) && !slices.Contains(spec.optional, h) {
			return Invalid(h, "is not a field of %s", o.Op)
		}
	}
	return nil
}

// DecodeOps reads a JSON array of operations strictly.
func DecodeOps(data json.RawMessage, cat *Catalogue) (Ops, error) {
	var raws []json.RawMessage
	if err := decodeStrict(data, &raws); err != nil {
		return nil, within("ops", err)
	}
	if len(raws) == 0 {
		return nil, Invalid("ops", "is empty; send at least one operation")
	}
	if len(raws) > MaxOpsPerBatch {
		return nil, Invalid("ops", "holds %d operations; at most %d a batch", len(raws), MaxOpsPerBatch)
	}
	ops := make(Ops, len(raws))
	for i, r := range raws {
		path := fmt.Sprintf("ops[%d]", i)
		// The payloads stay raw here so that their errors name their place
		// ("ops[2].block.x"), which encoding/json does not do for nested values.
		var raw struct {
			Op
			Block      json.RawMessage `json:"block,omitempty"`
			Connection json.RawMessage `json:"connection,omitempty"`
			Design     json.RawMessage `json:"design,omitempty"`
			Accepted   json.RawMessage `json:"accepted,omitempty"`
			Group      json.RawMessage `json:"group,omitempty"`
			flatAccepted
		}
		if err := decodeStrict(r, &raw); err != nil {
			return nil, within(path, err)
		}
		ops[i] = raw.Op
		if raw.Block != nil {
			ops[i].Block = new(Block)
			if err := decodeStrict(raw.Block, ops[i].Block); err != nil {
				return nil, within(path+".block", err)
			}
		}
		if raw.Connection != nil {
			ops[i].Connection = new(Connection)
			if err := decodeStrict(raw.Connection, ops[i].Connection); err != nil {
				return nil, within(path+".connection", err)
			}
		}
		if raw.Accepted != nil {
			ops[i].Accepted = new(Accepted)
			if err := decodeStrict(raw.Accepted, ops[i].Accepted); err != nil {
				return nil, within(path+".accepted", err)
			}
		}
		if err := raw.flatAccepted.into(&ops[i], raw.Accepted != nil); err != nil {
			return nil, within(path, err)
		}
		if raw.Group != nil {
			ops[i].Group = new(Group)
			if err := decodeStrict(raw.Group, ops[i].Group); err != nil {
				return nil, within(path+".group", err)
			}
		}
		if raw.Design != nil {
			d, err := Decode(raw.Design, cat)
			if err != nil {
				return nil, within(path+".design", err)
			}
			ops[i].Design = d
		}
		if err := ops[i].checkShape(); err != nil {
			return nil, within(path, err)
		}
	}
	return ops, nil
}

// flatAccepted is the entry of acceptFinding and unacceptFinding written
// beside op, as people write it ({"op": "acceptFinding", "rule",
// "subjects", "reason", "by", "until"}), rather than under accepted, as
// history and undo keep it.
type flatAccepted struct {
	Rule     *string   `json:"rule,omitempty"`
	Subjects *[]string `json:"subjects,omitempty"`
	Reason   *string   `json:"reason,omitempty"`
	By       *string   `json:"by,omitempty"`
	Until    *string   `json:"until,omitempty"`
}

// into moves a flat entry under the operation's accepted; nested says the
// operation gave one there too.
func (f flatAccepted) into(o *Op, nested bool) error {
	if f.Rule == nil && f.Subjects == nil && f.Reason == nil && f.By == nil && f.Until == nil {
		return nil
	}
	field := "rule"
	switch {
	case f.Rule == nil && f.Subjects != nil:
		field = "subjects"
	case f.Rule == nil && f.Reason != nil:
		field = "reason"
	case f.Rule == nil && f.By != nil:
		field = "by"
	case f.Rule == nil:
		field = "until"
	}
	if o.Op != OpAcceptFinding && o.Op != OpUnacceptFinding {
		return Invalid(field, "is not a field of %s", o.Op)
	}
	if nested {
		return Invalid(field, "is given beside accepted: write the entry once, either way")
	}
	if f.Rule == nil {
		return Invalid("rule", "is required for %s: the id of the rule whose finding it is", o.Op)
	}
	a := &Accepted{Rule: *f.Rule, Subjects: []string{}}
	if f.Subjects != nil {
		a.Subjects = *f.Subjects
	}
	for _, v := range []struct {
		from *string
		to   *string
	}{{f.Reason, &a.Reason}, {f.By, &a.By}, {f.Until, &a.Until}} {
		if v.from != nil {
			*v.to = *v.from
		}
	}
	if err := a.Check(); err != nil {
		// Named as the entry is kept, as the checks made when it
		// applies name it: ops[0].accepted.reason.
		return within("accepted", err)
	}
	o.Accepted = a
	return nil
}
