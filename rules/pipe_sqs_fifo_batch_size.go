package rules

import (
	"github.com/archlab/archlab/design"
)

// pipeSQSFifoBatchSize: a pipe reading a FIFO queue with a batch size above
// the 10 messages one receive returns. Lambda refuses that for its own
// mappings (sqs-fifo-batch-size); the EventBridge Pipes documentation states
// no limit for pipes, but describes gathering larger batches only from
// standard queues, so the setting is refused or has no effect. Hence a
// warning, not an error.
type pipeSQSFifoBatchSize struct{}

func newPipeSQSFifoBatchSize() Rule { return pipeSQSFifoBatchSize{} }

// sqsReceiveMax is the most messages one receive returns.
var sqsReceiveMax = design.FactValue("sqs.batch-max-messages")

// pipeSQSFifoBatchSizeFix is the fix's patch, one map shared by every finding (see fix.go).
var pipeSQSFifoBatchSizeFix = map[string]any{"BatchSize": sqsReceiveMax}

func (pipeSQSFifoBatchSize) Meta() Meta {
	return Meta{
		ID:       "pipe-sqs-fifo-batch-size",
		Title:    "Pipe reading a FIFO queue in batches larger than FIFO allows",
		Severity: Warning,
		Scope:    "connection:sqs→eventbridge-pipe",
	}
}

func (pipeSQSFifoBatchSize) Check(c *Context, report *Report) {
	for _, cn := range c.Links("sqs", "eventbridge-pipe", design.IntSource) {
		q := c.From(cn)
		batch := c.ConnProp(cn, "BatchSize")
		if !c.IsFifo(q) || batch.Num() <= sqsReceiveMax {
			continue
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, q.ID, cn.To},
			Message: c.Label(q) + " → " + c.Label(c.To(cn)) + ": BatchSize " + batch.Text() + " on a FIFO queue, where one " +
				"receive returns at most " + design.FormatNumber(sqsReceiveMax) + " messages. Lambda refuses a batch above " +
				design.FormatNumber(sqsReceiveMax) + " from a FIFO queue; the EventBridge Pipes guide gives no limit for " +
				"pipes but describes gathering larger batches only from standard queues, so this batch size is either " +
				"refused or never reached. Set it to " + design.FormatNumber(sqsReceiveMax) + ".",
			Fix: ops(setConnProps(cn.ID, pipeSQSFifoBatchSizeFix)),
		})
	}
}
