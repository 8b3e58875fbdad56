package rules

import (
	"github.com/archlab/archlab/design"
)

// lambdaDestinationFifo: Lambda's asynchronous destinations and dead-letter
// queues must be standard queues and topics. The catalogue refuses the
// connection when it is drawn; this rule reports one that a later change
// broke, such as making the queue FIFO.
type lambdaDestinationFifo struct{}

func newLambdaDestinationFifo() Rule { return lambdaDestinationFifo{} }

func (lambdaDestinationFifo) Meta() Meta {
	return Meta{
		ID:       "lambda-destination-fifo",
		Title:    "Lambda destination or dead-letter queue that is FIFO",
		Severity: Error,
		Scope:    "connection:lambda→sqs|sns",
	}
}

func (lambdaDestinationFifo) Check(c *Context, report *Report) {
	out := guardFindings(c, "lambda-destination-fifo")
	for i := range out {
		target := c.Block(out[i].Subjects[2])
		var fix design.Ops
		var ok bool
		if target.Kind == "sns" {
			fix, ok = topicTypeOps(c, target, false)
		} else {
			fix, ok = queueTypeOps(c, target, false)
		}
		if ok {
			out[i].Fix = fix
		}
	}
	report.Add(out...)
}
