package rules

import (
	"github.com/archlab/archlab/design"
)

// The helpers below build the operations of fixes, so that a fix reads as
// what it does.

// setProps sets (or, with nil values, unsets) properties of a block.
func setProps(id string, props map[string]any) design.Op {
	return design.Op{Op: design.OpUpdateBlock, ID: id, Props: props}
}

// setConnProps sets (or unsets) properties of a connection.
func setConnProps(id string, props map[string]any) design.Op {
	return design.Op{Op: design.OpUpdateConnection, ID: id, Props: props}
}

// addBlock adds a block next to another one, below it on the canvas.
func addBlock(next *design.Block, id, kind, name string, props map[string]any) design.Op {
	return design.Op{Op: design.OpAddBlock, Block: &design.Block{
		ID: id, Kind: kind, Name: name, X: next.X, Y: next.Y + 160, Props: props,
	}}
}

// connect adds a connection.
func connect(id, from, to, integration string, props map[string]any) design.Op {
	return design.Op{Op: design.OpConnect, Connection: &design.Connection{
		ID: id, From: from, To: to, Integration: integration, Props: props,
	}}
}

// deadLetterQueueFor returns the operations that add a dead-letter queue for
// a block, of the same FIFO-ness when fifo is set, keeping messages for the
// longest retention SQS allows. It returns the new queue's id.
func deadLetterQueueFor(c *Context, near *design.Block, base string, fifo bool) (string, design.Ops) {
	id := c.FreeID(base)
	props := map[string]any{"MessageRetentionPeriod": 1209600}
	if fifo {
		props["FifoQueue"] = true
	}
	return id, design.Ops{addBlock(near, id, "sqs", "", props)}
}

func ops(o ...design.Op) design.Ops { return o }
