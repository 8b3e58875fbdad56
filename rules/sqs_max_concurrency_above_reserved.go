package rules

import (
	"github.com/archlab/archlab/design"
)

// sqsMaxConcurrencyAboveReserved: a mapping allowed more concurrent batches
// than the function's reserved concurrency drives the function into
// throttling, and throttled batches count as receives.
type sqsMaxConcurrencyAboveReserved struct{}

func newSQSMaxConcurrencyAboveReserved() Rule { return sqsMaxConcurrencyAboveReserved{} }

func (sqsMaxConcurrencyAboveReserved) Meta() Meta {
	return Meta{
		ID:       "sqs-max-concurrency-above-reserved",
		Title:    "Mapping's maximum concurrency above the function's reserved concurrency",
		Severity: Warning,
		Scope:    "connection:sqs→lambda",
	}
}

func (sqsMaxConcurrencyAboveReserved) Check(c *Context, report *Report) {
	for _, cn := range sqsMappings(c) {
		q, fn := c.From(cn), c.To(cn)
		reserved := c.Prop(fn, "ReservedConcurrentExecutions")
		maxConc := c.ConnProp(cn, "ScalingConfig.MaximumConcurrency")
		if !reserved.Present() || !maxConc.Present() || maxConc.Num() <= reserved.Num() || reserved.Num() < 2 {
			continue // below 2, sqs-consumer-reserved-concurrency-low reports it
		}
		r := reserved.Num()
		report.Add(Finding{
			Subjects: []string{cn.ID, fn.ID, q.ID},
			Message: c.Label(q) + " → " + c.Label(fn) + ": the mapping's ScalingConfig.MaximumConcurrency " +
				design.FormatNumber(maxConc.Num()) + " is above the function's ReservedConcurrentExecutions " +
				design.FormatNumber(r) + ". The pollers invoke more batches than the function may run; the extra ones " +
				"are throttled and return to the queue, each return counting as a receive towards the dead-letter queue. " +
				"Cap the mapping at " + design.FormatNumber(r) + ".",
			Fix: ops(setConnProps(cn.ID, map[string]any{"ScalingConfig.MaximumConcurrency": r})),
		})
	}
}
