package rules

import (
	"math"

	"github.com/archlab/archlab/design"
)

// sqsMaxConcurrencyAboveReserved: mappings allowed more concurrent batches,
// together, than the function's reserved concurrency drive the function
// into throttling, and throttled batches count as receives.
type sqsMaxConcurrencyAboveReserved struct{}

func newSQSMaxConcurrencyAboveReserved() Rule { return sqsMaxConcurrencyAboveReserved{} }

func (sqsMaxConcurrencyAboveReserved) Meta() Meta {
	return Meta{
		ID:       "sqs-max-concurrency-above-reserved",
		Title:    "Mappings' maximum concurrency above the function's reserved concurrency",
		Severity: Warning,
		Scope:    "connection:sqs→lambda",
	}
}

func (sqsMaxConcurrencyAboveReserved) Check(c *Context, report *Report) {
	// The capped mappings into each function, functions in the order of
	// their first mapping.
	var fns []*design.Block
	capped := map[*design.Block][]*design.Connection{}
	for _, cn := range sqsMappings(c) {
		fn := c.To(cn)
		if !c.ConnProp(cn, "ScalingConfig.MaximumConcurrency").Present() {
			continue
		}
		if capped[fn] == nil {
			fns = append(fns, fn)
		}
		capped[fn] = append(capped[fn], cn)
	}
	for _, fn := range fns {
		reserved := c.Prop(fn, "ReservedConcurrentExecutions")
		if !reserved.Present() || reserved.Num() < 2 {
			continue // below 2, sqs-consumer-reserved-concurrency-low reports it
		}
		r := reserved.Num()
		conns := capped[fn]
		caps := make([]float64, len(conns))
		total := 0.0
		for i, cn := range conns {
			caps[i] = c.ConnProp(cn, "ScalingConfig.MaximumConcurrency").Num()
			total += caps[i]
		}
		if total <= r {
			continue
		}
		if len(conns) == 1 {
			cn, q := conns[0], c.From(conns[0])
			report.Add(Finding{
				Subjects: []string{cn.ID, fn.ID, q.ID},
				Message: c.Label(q) + " → " + c.Label(fn) + ": the mapping's ScalingConfig.MaximumConcurrency " +
					design.FormatNumber(caps[0]) + " is above the function's ReservedConcurrentExecutions " +
					design.FormatNumber(r) + ". The pollers invoke more batches than the function may run; the extra " +
					"ones are throttled and return to the queue, each return counting as a receive towards the " +
					"dead-letter queue. Cap the mapping at " + design.FormatNumber(r) + ".",
				Fix: ops(setConnProps(cn.ID, map[string]any{"ScalingConfig.MaximumConcurrency": r})),
			})
			continue
		}
		subjects := make([]string, 0, 2*len(conns)+1)
		parts := make([]string, len(conns))
		for i, cn := range conns {
			subjects = append(subjects, cn.ID)
			parts[i] = c.Label(c.From(cn)) + " (" + design.FormatNumber(caps[i]) + ")"
		}
		subjects = append(subjects, fn.ID)
		for _, cn := range conns {
			subjects = append(subjects, cn.From)
		}
		f := Finding{
			Subjects: subjects,
			Message: "The mappings from " + joinIDs(parts) + " into " + c.Label(fn) + " allow " +
				design.FormatNumber(total) + " concurrent batches together, above the function's " +
				"ReservedConcurrentExecutions " + design.FormatNumber(r) + ". The pollers of each queue invoke batches " +
				"without regard to the others; the batches over the reservation are throttled and return to their " +
				"queue, each return counting as a receive towards the dead-letter queue. Share the reservation " +
				"between the mappings, or raise it.",
		}
		// Each mapping keeps its share of the reservation, when every share
		// is at least the 2 a mapping allows.
		fix := make(design.Ops, 0, len(conns))
		for i, cn := range conns {
			share := math.Floor(r * caps[i] / total)
			if share < 2 {
				fix = nil
				break
			}
			fix = append(fix, setConnProps(cn.ID, map[string]any{"ScalingConfig.MaximumConcurrency": share}))
		}
		if fix != nil {
			f.Fix = fix
			f.Message += " The fix gives each mapping its share."
		}
		report.Add(f)
	}
}
