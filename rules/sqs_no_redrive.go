package rules

import (
	"github.com/archlab/archlab/design"
)

// sqsNoRedrive: a consumed queue without a dead-letter queue retries a
// poison message until its retention period ends, blocking FIFO groups and
// burning invocations.
type sqsNoRedrive struct{}

func newSQSNoRedrive() Rule { return sqsNoRedrive{} }

// sqsNoRedriveFix is the fix's patch, one map shared by every finding (see fix.go).
var sqsNoRedriveFix = map[string]any{"maxReceiveCount": 5}

func (sqsNoRedrive) Meta() Meta {
	return Meta{
		ID:          "sqs-no-redrive",
		Title:       "Consumed queue without a dead-letter queue",
		Severity:    Warning,
		Scope:       "block:sqs",
		Equivalents: []string{"serverless-rules:ES6000", "cdk-nag:Serverless-SQSRedrivePolicy"},
	}
}

func (sqsNoRedrive) Check(c *Context, report *Report) {
	for _, q := range c.Kind("sqs") {
		if isDeadLetterQueue(c, q) || hasDeadLetterQueue(c, q) {
			continue
		}
		consumers := consumersOf(c, q)
		if len(consumers) == 0 {
			continue
		}
		retention := c.Prop(q, "MessageRetentionPeriod")
		dlq, fix := deadLetterQueueFor(c, q, q.ID+"DLQ", c.IsFifo(q))
		fix = append(fix, connect(c.FreeID(q.ID+"-"+dlq), q.ID, dlq, design.IntDeadLetter, sqsNoRedriveFix))
		report.Add(Finding{
			Subjects: []string{q.ID},
			Message: c.Label(q) + " is consumed by " + c.joinLabels(consumers) + " but has no dead-letter queue: a message " +
				"that always fails is retried until its retention of " + retention.Text() + " runs out, costing an " +
				"invocation every time and hiding the failure.",
			Fix: fix,
		})
	}
}

// isDeadLetterQueue reports whether some queue, subscription, rule target
// or function uses q as its dead-letter queue or failure destination.
func isDeadLetterQueue(c *Context, q *design.Block) bool {
	for _, cn := range c.In(q) {
		if c.Model(cn) == design.ModelFailure {
			return true
		}
	}
	return len(c.RefsTo(q.ID)) > 0
}

// hasDeadLetterQueue reports whether q has a redrive policy.
func hasDeadLetterQueue(c *Context, q *design.Block) bool {
	for _, cn := range c.Out(q) {
		if cn.Integration == design.IntDeadLetter {
			return true
		}
	}
	return false
}

// consumersOf lists the ids of what reads a queue: event source mappings and
// pipes.
func consumersOf(c *Context, q *design.Block) []string {
	var ids []string
	for _, cn := range c.Out(q) {
		if c.Model(cn) == design.ModelPoll {
			ids = append(ids, cn.To)
		}
	}
	return ids
}
