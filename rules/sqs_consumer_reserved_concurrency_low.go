package rules

import (
	"github.com/archlab/archlab/design"
)

// sqsConsumerReservedConcurrencyLow: Lambda's SQS pollers start with five
// concurrent batches. A consumer reserved below that, without a maximum
// concurrency on the mapping, is throttled from the start, and throttled
// batches return to the queue as receives towards the dead-letter queue.
type sqsConsumerReservedConcurrencyLow struct{}

func newSQSConsumerReservedConcurrencyLow() Rule { return sqsConsumerReservedConcurrencyLow{} }

// The pollers' first concurrent batches, and the smallest maximum
// concurrency a mapping takes (design/data/facts/lambda.json).
var (
	sqsPollersStart      = design.FactOf("lambda.sqs-initial-concurrent-batches")
	esmMaxConcurrencyMin = design.FactOf("lambda.esm-maximum-concurrency-min")
)

// sqsConsumerReservedConcurrencyLowFix is the fix's patch, one map shared by every finding (see fix.go).
var sqsConsumerReservedConcurrencyLowFix = map[string]any{"ReservedConcurrentExecutions": sqsPollersStart.Value}

func (sqsConsumerReservedConcurrencyLow) Meta() Meta {
	return Meta{
		ID:       "sqs-consumer-reserved-concurrency-low",
		Title:    "Queue consumer reserved below the pollers' five concurrent batches",
		Severity: Warning,
		Scope:    "connection:sqs→lambda",
	}
}

func (sqsConsumerReservedConcurrencyLow) Check(c *Context, report *Report) {
	for _, cn := range sqsMappings(c) {
		q, fn := c.From(cn), c.To(cn)
		reserved := c.Prop(fn, "ReservedConcurrentExecutions")
		if !reserved.Present() || reserved.Num() >= sqsPollersStart.Value {
			continue
		}
		r := reserved.Num()
		maxConc := c.ConnProp(cn, "ScalingConfig.MaximumConcurrency")
		if maxConc.Present() && (maxConc.Num() <= r || r >= esmMaxConcurrencyMin.Value) {
			continue // capped, or sqs-max-concurrency-above-reserved's case
		}
		msg := c.Label(fn) + " has ReservedConcurrentExecutions " + design.FormatNumber(r)
		if r == 0 {
			msg += ", which stops it altogether, yet it consumes " + c.Label(q) + ": every batch is throttled and " +
				"returns to the queue, and each return counts as a receive, so messages drift to the dead-letter queue " +
				"unprocessed."
		} else {
			msg += " and consumes " + c.Label(q)
			if maxConc.Present() {
				msg += " through a mapping allowed " + design.FormatNumber(maxConc.Num()) + " concurrent batches: the ones"
			} else {
				msg += " with no maximum concurrency on the mapping: Lambda's pollers start with " + sqsPollersStart.Text() + ", and the ones"
			}
			msg += " above the reservation are throttled and return to the queue; each return counts as a receive, so " +
				"good messages end up in the dead-letter queue."
		}
		var fix design.Ops
		if r >= esmMaxConcurrencyMin.Value {
			msg += " Cap the mapping's ScalingConfig.MaximumConcurrency at " + design.FormatNumber(r) + "."
			fix = ops(setConnProps(cn.ID, map[string]any{"ScalingConfig.MaximumConcurrency": r}))
		} else {
			msg += " Reserve at least " + design.FormatNumber(sqsPollersStart.Value) + " (a mapping's maximum concurrency cannot go below " +
				design.FormatNumber(esmMaxConcurrencyMin.Value) + ")."
			fix = ops(setProps(fn.ID, sqsConsumerReservedConcurrencyLowFix))
		}
		report.Add(Finding{Subjects: []string{cn.ID, fn.ID, q.ID}, Message: msg, Fix: fix})
	}
}
