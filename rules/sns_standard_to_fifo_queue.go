package rules

// snsStandardToFifoQueue: a standard topic cannot deliver to a FIFO queue.
// The catalogue refuses the subscription when it is drawn; this rule reports
// one that a later change broke, such as making the queue FIFO.
type snsStandardToFifoQueue struct{}

func newSNSStandardToFifoQueue() Rule { return snsStandardToFifoQueue{} }

func (snsStandardToFifoQueue) Meta() Meta {
	return Meta{
		ID:       "sns-standard-to-fifo-queue",
		Title:    "Standard topic subscribing a FIFO queue",
		Severity: Error,
		Scope:    "connection:sns→sqs",
	}
}

func (snsStandardToFifoQueue) Check(c *Context, report *Report) {
	out := guardFindings(c, "sns-standard-to-fifo-queue")
	for i := range out {
		topic, queue := c.Block(out[i].Subjects[1]), c.Block(out[i].Subjects[2])
		// Making the topic FIFO keeps the queue's ordering; it is only
		// possible when every other subscriber is a queue too (and no S3
		// bucket or function destination publishes to it), which the guards
		// of the topic's other connections check.
		if fix, ok := topicTypeOps(c, topic, true); ok {
			out[i].Fix = fix
			out[i].Message += " Nothing else connected to " + c.Label(topic) + " needs it standard, so the fix makes it " +
				"FIFO; its publishers must then send a message group id."
		} else if fix, ok := queueTypeOps(c, queue, false); ok {
			out[i].Fix = fix
			out[i].Message += " " + c.Label(topic) + " has other connections that need a standard topic, so the fix makes " +
				c.Label(queue) + " standard."
		}
	}
	report.Add(out...)
}
