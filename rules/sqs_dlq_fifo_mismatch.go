package rules

// sqsDLQFifoMismatch: SQS refuses a redrive policy whose dead-letter queue
// is not of the source queue's type. The catalogue refuses the connection
// when it is drawn; this rule reports one that a later change broke, such as
// making the source queue FIFO.
type sqsDLQFifoMismatch struct{}

func newSQSDLQFifoMismatch() Rule { return sqsDLQFifoMismatch{} }

func (sqsDLQFifoMismatch) Meta() Meta {
	return Meta{
		ID:          "sqs-dlq-fifo-mismatch",
		Title:       "Dead-letter queue of a different type than its source queue",
		Severity:    Error,
		Scope:       "connection:sqs→sqs",
		Equivalents: []string{"cfn-lint:E3502"},
	}
}

func (sqsDLQFifoMismatch) Check(c *Context, report *Report) {
	out := guardFindings(c, "sqs-dlq-fifo-mismatch")
	for i := range out {
		src, dlq := c.Block(out[i].Subjects[1]), c.Block(out[i].Subjects[2])
		out[i].Message += " SQS refuses the redrive policy, so the stack does not deploy."
		if fix, ok := queueTypeOps(c, dlq, c.IsFifo(src)); ok {
			out[i].Fix = fix
		}
	}
	report.Add(out...)
}
