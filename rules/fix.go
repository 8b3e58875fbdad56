package rules

import (
	"github.com/archlab/archlab/design"
)

// The helpers below build the operations of fixes, so that a fix reads as
// what it does.
//
// A fix whose properties are the same in every finding (tracing Active, a
// 30-day log retention) takes them from a map made once, a package variable
// beside its rule named <rule>Fix, rather than a new map per finding: a
// large design has hundreds of such findings. Sharing is safe because
// design.Apply copies what it merges or adds and never changes an
// operation's props; nothing else may change them either.

// setProps sets (or, with nil values, unsets) properties of a block.
func setProps(id string, props map[string]any) design.Op {
	return design.Op{Op: design.OpUpdateBlock, ID: id, Props: props}
}

// setConnProps sets (or unsets) properties of a connection.
func setConnProps(id string, props map[string]any) design.Op {
	return design.Op{Op: design.OpUpdateConnection, ID: id, Props: props}
}

// addBlock adds a block next to another one, below it on the canvas. The
// position is relative to that block (Near), so the fix, and the finding
// that holds it, do not change when the block moves.
func addBlock(next *design.Block, id, kind, name string, props map[string]any) design.Op {
	return design.Op{Op: design.OpAddBlock, Near: next.ID, Block: &design.Block{
		ID: id, Kind: kind, Name: name, X: 0, Y: 160, Props: props,
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
	props := deadLetterQueueProps
	if fifo {
		props = deadLetterFifoQueueProps
	}
	// Room for the operation that wires the queue in, which every caller
	// appends.
	fix := make(design.Ops, 1, 2)
	fix[0] = addBlock(near, id, "sqs", "", props)
	return id, fix
}

// The properties of the dead-letter queues fixes add, shared (see above).
var (
	deadLetterQueueProps     = map[string]any{"MessageRetentionPeriod": maxRetention}
	deadLetterFifoQueueProps = map[string]any{"MessageRetentionPeriod": maxRetention, "FifoQueue": true}
)

func ops(o ...design.Op) design.Ops { return o }
