package rules

// snsFifoSubscriber: FIFO topics deliver only to SQS queues. The catalogue
// refuses the connection when it is drawn; this rule reports one that a
// later change broke, such as making the topic FIFO.
type snsFifoSubscriber struct{}

func newSNSFifoSubscriber() Rule { return snsFifoSubscriber{} }

func (snsFifoSubscriber) Meta() Meta {
	return Meta{
		ID:       "sns-fifo-subscriber",
		Title:    "FIFO topic delivering to something other than SQS",
		Severity: Error,
		Scope:    "connection:sns→*",
	}
}

func (snsFifoSubscriber) Check(c *Context, report *Report) {
	out := guardFindings(c, "sns-fifo-subscriber")
	for i := range out {
		// Making the topic standard again (renamed without .fifo) is the
		// one-click fix, offered only when no other subscription needs the
		// topic to stay FIFO; putting a FIFO queue in between is the design
		// change the message explains.
		if t := c.Block(out[i].Subjects[1]); t != nil {
			if fix, ok := topicTypeOps(c, t, false); ok {
				out[i].Fix = fix
			}
		}
	}
	report.Add(out...)
}
