package rules

import (
	"github.com/archlab/archlab/design"
)

// eventBridgeDLQFifo: the dead-letter queue of an EventBridge rule target or
// of a schedule must be a standard SQS queue; EventBridge refuses a FIFO one
// ("SQS FIFO is not supported by Dead Letter Queues"), and so does
// EventBridge Scheduler.
type eventBridgeDLQFifo struct{}

func newEventBridgeDLQFifo() Rule { return eventBridgeDLQFifo{} }

func (eventBridgeDLQFifo) Meta() Meta {
	return Meta{
		ID:       "eventbridge-dlq-fifo",
		Title:    "FIFO queue as an EventBridge dead-letter queue",
		Severity: Error,
		Scope:    "connection:eventbridge-rule|scheduler→*",
	}
}

func (eventBridgeDLQFifo) Check(c *Context, report *Report) {
	for _, kind := range []string{"eventbridge-rule", "scheduler"} {
		service := "EventBridge"
		if kind == "scheduler" {
			service = "EventBridge Scheduler"
		}
		for _, src := range c.Kind(kind) {
			for _, cn := range targetsOf(c, src) {
				id := c.ConnProp(cn, "DeadLetterConfig.Arn").Str()
				q := c.Block(id)
				if q == nil || !c.IsFifo(q) {
					continue
				}
				report.Add(Finding{
					Subjects: []string{cn.ID, cn.From, cn.To},
					Message: c.Label(src) + " → " + c.Label(c.To(cn)) + ": the dead-letter queue " + c.Label(q) + " is a FIFO " +
						"queue, which " + service + " refuses as a dead-letter queue: it takes standard SQS queues only. " +
						"Use a standard queue; the events it keeps are failures to inspect, so their order does not matter.",
					Fix: standardDLQFix(c, cn, q),
				})
			}
		}
	}
}

// standardDLQFix makes a FIFO dead-letter queue standard when only rule or
// schedule targets use it, and otherwise gives the target a new standard
// queue.
func standardDLQFix(c *Context, cn *design.Connection, q *design.Block) design.Ops {
	onlyTargets := len(c.In(q)) == 0 && len(c.Out(q)) == 0
	for _, ref := range c.RefsTo(q.ID) {
		if owner := c.Design.Connection(ref.Owner); owner == nil || owner.Integration != design.IntTarget {
			onlyTargets = false
		}
	}
	if onlyTargets {
		if fix, ok := queueTypeOps(c, q, false); ok {
			return fix
		}
	}
	src, dst := c.From(cn), c.To(cn)
	dlq, fix := deadLetterQueueFor(c, dst, src.ID+dst.ID+"DLQ", false)
	return append(fix, setConnProps(cn.ID, map[string]any{"DeadLetterConfig.Arn": dlq}))
}
