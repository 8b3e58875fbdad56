package rules

import (
	"github.com/archlab/archlab/design"
)

// sqsDLQRetention: a standard queue's message keeps its original enqueue
// time when it moves to the dead-letter queue, so a dead-letter queue that
// keeps messages no longer than its source can expire them almost at once.
// FIFO dead-letter queues reset the time, so they are exempt.
type sqsDLQRetention struct{}

func newSQSDLQRetention() Rule { return sqsDLQRetention{} }

func (sqsDLQRetention) Meta() Meta {
	return Meta{
		ID:       "sqs-dlq-retention",
		Title:    "Dead-letter queue keeps messages no longer than its source",
		Severity: Warning,
		Scope:    "connection:sqs→sqs",
	}
}

// maxRetention is the longest MessageRetentionPeriod SQS allows: 14 days.
var maxRetention = design.FactValue("sqs.max-retention")

func (sqsDLQRetention) Check(c *Context, report *Report) {
	for _, cn := range c.Links("sqs", "sqs", design.IntDeadLetter) {
		src, dlq := c.From(cn), c.To(cn)
		if c.IsFifo(src) || !c.FifoKnown(src) {
			continue
		}
		srcKeep, dlqKeep := c.Prop(src, "MessageRetentionPeriod"), c.Prop(dlq, "MessageRetentionPeriod")
		if srcKeep.Unknown || dlqKeep.Unknown || dlqKeep.Num() > srcKeep.Num() {
			continue
		}
		f := Finding{
			Subjects: []string{cn.ID, dlq.ID, src.ID},
			Message: c.Label(dlq) + "'s MessageRetentionPeriod " + dlqKeep.Text() + " is no longer than that of its source " +
				c.Label(src) + ", " + srcKeep.Text() + ". A standard queue's message keeps its original enqueue time in the dead-letter " +
				"queue, so one that failed late can expire there almost at once, before anyone looks at it.",
		}
		if srcKeep.Num() < maxRetention {
			f.Message += " Keep dead letters for the maximum of 14 days."
			f.Fix = ops(setProps(dlq.ID, map[string]any{"MessageRetentionPeriod": maxRetention}))
		} else {
			f.Message += " The source already keeps messages for the 14-day maximum: shorten its retention."
		}
		report.Add(f)
	}
}
