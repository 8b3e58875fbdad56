// Package design is archlab's domain: designs made of blocks and connections,
// the operations that change them, the service catalogue that says what may be
// built, and the Store contract. It imports nothing else of archlab's.
package design

import (
	"slices"
	"time"
)

// FormatV1 is the value of the "format" field of every archlab/v1 document.
const FormatV1 = "archlab/v1"

// Design is one architecture diagram. Its JSON form is the archlab/v1
// document of the API, of imports and of exports.
type Design struct {
	ID          string       `json:"id,omitempty"`
	Version     int          `json:"version,omitempty"`
	Title       string       `json:"title"`
	Description string       `json:"description,omitempty"`
	Blocks      []Block      `json:"blocks"`
	Connections []Connection `json:"connections"`
	// Groups are boxes that hold blocks: contexts, accounts, Regions,
	// VPCs and subnets (see Group).
	Groups     []Group     `json:"groups,omitempty"`
	ForkedFrom *ForkOrigin `json:"forkedFrom,omitempty"`
	// Accepted lists the findings the team accepts (see Accepted).
	Accepted []Accepted `json:"accepted,omitempty"`
	// Traffic and Assumptions feed the capacity and cost model, by block
	// id (see Traffic and Assumptions): estimates, not AWS configuration.
	Traffic     map[string]Traffic     `json:"traffic,omitempty"`
	Assumptions map[string]Assumptions `json:"assumptions,omitempty"`
	// Source is the template the design was imported from, when it was.
	Source    *Source   `json:"source,omitempty"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// Block is one service on the canvas.
type Block struct {
	// ID is stable and names the block everywhere: in connections, findings and
	// exported templates (where it becomes the logical id).
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// Name is the display name; the ID is shown when it is empty.
	Name  string  `json:"name,omitempty"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Props Props   `json:"props,omitempty"`
	// External, when set, marks the block as standing for something outside
	// the design (see External).
	External *External `json:"external,omitempty"`
}

// Label is what people see for the block.
func (b *Block) Label() string {
	if b.Name != "" {
		return b.Name
	}
	return b.ID
}

// Connection is a directed integration between two blocks.
type Connection struct {
	ID   string `json:"id"`
	From string `json:"from"`
	To   string `json:"to"`
	// Integration is the id of one of the integrations the catalogue allows for
	// the pair of kinds; it may be left out of a document when there is one.
	Integration string `json:"integration,omitempty"`
	Props       Props  `json:"props,omitempty"`
	// Evidence is what the connection rests on; none means it was drawn.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// ForkOrigin records the design and version a design was forked from.
type ForkOrigin struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Version int    `json:"version"`
}

// Block returns the block with the given id, or nil.
func (d *Design) Block(id string) *Block {
	for i := range d.Blocks {
		if d.Blocks[i].ID == id {
			return &d.Blocks[i]
		}
	}
	return nil
}

// Connection returns the connection with the given id, or nil.
func (d *Design) Connection(id string) *Connection {
	for i := range d.Connections {
		if d.Connections[i].ID == id {
			return &d.Connections[i]
		}
	}
	return nil
}

// Clone returns a deep copy, so that operations can be tried on it and thrown
// away when a batch fails part way.
func (d *Design) Clone() *Design {
	c := *d
	c.Blocks = make([]Block, len(d.Blocks))
	for i, b := range d.Blocks {
		b.Props = b.Props.Clone()
		if b.External != nil {
			e := *b.External
			b.External = &e
		}
		c.Blocks[i] = b
	}
	c.Connections = make([]Connection, len(d.Connections))
	for i, cn := range d.Connections {
		cn.Props = cn.Props.Clone()
		cn.Evidence = slices.Clone(cn.Evidence)
		c.Connections[i] = cn
	}
	if d.ForkedFrom != nil {
		f := *d.ForkedFrom
		c.ForkedFrom = &f
	}
	if d.Source != nil {
		s := *d.Source
		c.Source = &s
	}
	c.Accepted = cloneAccepted(d.Accepted)
	c.Groups = cloneGroups(d.Groups)
	c.Traffic, c.Assumptions = cloneTraffic(d.Traffic), cloneAssumptions(d.Assumptions)
	return &c
}

// Revision is one applied batch of operations: the history entry behind
// versions, undo, live updates and conflict checks.
type Revision struct {
	Version   int       `json:"version"`
	Ops       Ops       `json:"ops"`
	Inverse   Ops       `json:"inverse,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
	// By is who made the revision, when known (see Batch.By).
	By *Author `json:"by,omitempty"`
	// Writes lists the merge keys the batch changed (see Change).
	Writes []string `json:"-"`
}

// Created is what creating or forking a design returns: the design and the
// edit key, which is shown this once and stored only as a hash.
type Created struct {
	Design  *Design
	EditKey string
}
