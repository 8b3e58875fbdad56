package rules

import (
	"github.com/archlab/archlab/design"
)

// eventBridgeSubscriberDLQFifo: the user guide advises a FIFO queue as the
// dead-letter queue of a FIFO subscriber; EventBridge then gives each record
// its event group as message group, so the events that failed stay in order
// per group for inspection and redrive. A standard queue is accepted, and
// mixes them. (Classic is the reverse: a rule target's dead-letter queue must
// be standard.)
type eventBridgeSubscriberDLQFifo struct{}

func newEventBridgeSubscriberDLQFifo() Rule { return eventBridgeSubscriberDLQFifo{} }

func (eventBridgeSubscriberDLQFifo) Meta() Meta {
	return Meta{
		ID:       "eventbridge-subscriber-dlq-fifo",
		Title:    "FIFO subscriber with a standard dead-letter queue",
		Severity: Warning,
		Scope:    "connection:eventbridge-subscriber→sqs",
	}
}

func (eventBridgeSubscriberDLQFifo) Check(c *Context, report *Report) {
	for _, s := range c.Kind(kindSubscriber) {
		if !isFifoSubscriber(c, s) {
			continue
		}
		for _, cn := range subscriberDLQs(c, s) {
			q := c.To(cn)
			if q.Kind != "sqs" || !c.IsStandard(q) {
				continue
			}
			report.Add(Finding{
				Subjects: []string{cn.ID, cn.From, cn.To},
				Message: c.Label(s) + " is a FIFO subscriber, but its dead-letter queue " + c.Label(q) + " is a standard " +
					"queue: the events it gives up on arrive there without their event groups' order, so a redrive " +
					"replays them shuffled. EventBridge advises a FIFO queue here, and gives each record its event " +
					"group as message group.",
				Fix: fifoDLQOps(c, s, cn, q),
			})
		}
	}
}

// fifoDLQOps makes a subscriber's standard dead-letter queue FIFO when
// nothing else uses it, and otherwise gives the subscriber a new FIFO one.
func fifoDLQOps(c *Context, s *design.Block, cn *design.Connection, q *design.Block) design.Ops {
	if len(c.In(q)) == 1 && len(c.RefsTo(q.ID)) == 0 {
		if fix, ok := queueTypeOps(c, q, true); ok {
			return append(fix, setProps(q.ID, map[string]any{"ContentBasedDeduplication": true}))
		}
	}
	id := c.FreeID(s.ID + "DLQ")
	return ops(addBlock(q, id, "sqs", "", subscriberFifoDLQProps), ebDisconnect(cn.ID),
		connect(cn.ID, s.ID, id, design.IntDeadLetter, nil))
}
