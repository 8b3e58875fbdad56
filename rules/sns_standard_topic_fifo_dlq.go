package rules

import "github.com/archlab/archlab/design"

// snsStandardTopicFifoDLQ: a standard topic's subscription keeps what SNS
// fails to deliver in a standard queue. SNS documents that standard topic
// subscriptions use standard dead-letter queues, and a standard topic
// cannot deliver to a FIFO queue at all, so a FIFO dead-letter queue keeps
// nothing. The FIFO-topic side is sns-fifo-topic-standard-dlq.
type snsStandardTopicFifoDLQ struct{}

func newSNSStandardTopicFifoDLQ() Rule { return snsStandardTopicFifoDLQ{} }

func (snsStandardTopicFifoDLQ) Meta() Meta {
	return Meta{
		ID:       "sns-standard-topic-fifo-dlq",
		Title:    "FIFO dead-letter queue on a standard topic's subscription",
		Severity: Error,
		Scope:    "connection:sns→*",
	}
}

func (snsStandardTopicFifoDLQ) Check(c *Context, report *Report) {
	for _, m := range snsDLQMismatches(c) {
		if m.fifoTopic {
			continue
		}
		report.Add(Finding{
			Subjects: []string{m.cn.ID, m.topic.ID, m.dlq.ID},
			Message: c.Label(m.topic) + " → " + c.Label(c.To(m.cn)) + ": the subscription's dead-letter queue " + c.Label(m.dlq) +
				" is a FIFO queue, but " + c.Label(m.topic) + " is a standard topic: SNS pairs a standard topic's " +
				"subscriptions with standard dead-letter queues, and a standard topic cannot deliver to a FIFO queue, so " +
				"the messages SNS gives up on are not kept. Use a standard queue; what it keeps are failures to " +
				"inspect, whose order does not matter.",
			Fix: snsDLQTypeFix(c, m, false),
		})
	}
}

// snsDLQMismatch is a subscription whose dead-letter queue is not of its
// topic's type, both types known.
type snsDLQMismatch struct {
	cn         *design.Connection
	topic, dlq *design.Block
	fifoTopic  bool
}

// snsDLQMismatches returns the subscriptions whose dead-letter queue is not
// of their topic's type, for the two rules that report them.
func snsDLQMismatches(c *Context) []snsDLQMismatch {
	return memo(c, "sns-dlq-mismatches", func() []snsDLQMismatch {
		var out []snsDLQMismatch
		for _, cn := range c.Links("sns", "", design.IntSubscription) {
			q := c.Block(c.ConnProp(cn, "RedrivePolicy.deadLetterTargetArn").Str())
			topic := c.From(cn)
			if q == nil || q.Kind != "sqs" || !c.FifoKnown(topic) || !c.FifoKnown(q) || c.IsFifo(q) == c.IsFifo(topic) {
				continue
			}
			out = append(out, snsDLQMismatch{cn: cn, topic: topic, dlq: q, fifoTopic: c.IsFifo(topic)})
		}
		return out
	})
}

// snsDLQTypeFix changes the queue's type when nothing uses it but the
// dead-letter queues of subscriptions whose topics are all of the type
// wanted, and otherwise gives the subscription a new queue of that type.
func snsDLQTypeFix(c *Context, m snsDLQMismatch, fifo bool) design.Ops {
	alone := len(c.In(m.dlq)) == 0 && len(c.Out(m.dlq)) == 0
	for _, ref := range c.RefsTo(m.dlq.ID) {
		owner := c.Design.Connection(ref.Owner)
		if owner == nil || owner.Integration != design.IntSubscription || ref.Prop != "RedrivePolicy.deadLetterTargetArn" ||
			!c.FifoKnown(c.From(owner)) || c.IsFifo(c.From(owner)) != fifo {
			alone = false
		}
	}
	if alone {
		if fix, ok := queueTypeOps(c, m.dlq, fifo); ok {
			return fix
		}
	}
	target := c.To(m.cn)
	dlq, fix := deadLetterQueueFor(c, target, m.topic.ID+target.ID+"DLQ", fifo)
	return append(fix, setConnProps(m.cn.ID, map[string]any{"RedrivePolicy.deadLetterTargetArn": dlq}))
}
