package rules

import (
	"strings"
)

// sqsFifoName: SQS requires FIFO queue names to end in .fifo, and refuses
// the suffix on standard queues.
type sqsFifoName struct{}

func newSQSFifoName() Rule { return sqsFifoName{} }

func (sqsFifoName) Meta() Meta {
	return Meta{
		ID:          "sqs-fifo-name",
		Title:       "Queue name suffix does not match the queue type",
		Severity:    Error,
		Scope:       "block:sqs",
		Equivalents: []string{"cfn-lint:E3501"},
	}
}

func (sqsFifoName) Check(c *Context, report *Report) {
	for _, q := range c.Kind("sqs") {
		name, ok := q.Props.String("QueueName")
		fifo := c.IsFifo(q)
		if !ok || strings.HasSuffix(name, fifoSuffix) == fifo {
			continue
		}
		fixed := withFifoSuffix(name, fifo)
		msg := c.Label(q) + " is a FIFO queue, so its QueueName must end in .fifo; " + name + " does not."
		if !fifo {
			msg = c.Label(q) + " is a standard queue, but its QueueName " + name + " ends in .fifo, which SQS keeps for FIFO queues."
		}
		report.Add(Finding{
			Subjects: []string{q.ID},
			Message:  msg + " The queue cannot be created; name it " + fixed + ".",
			Fix:      ops(setProps(q.ID, map[string]any{"QueueName": fixed})),
		})
	}
}
