package rules

// sqsFifoOnlyProperties: deduplication and throughput settings exist on FIFO
// queues only; SQS refuses them on a standard queue.
type sqsFifoOnlyProperties struct{}

func newSQSFifoOnlyProperties() Rule { return sqsFifoOnlyProperties{} }

func (sqsFifoOnlyProperties) Meta() Meta {
	return Meta{
		ID:          "sqs-fifo-only-properties",
		Title:       "FIFO-only properties on a standard queue",
		Severity:    Error,
		Scope:       "block:sqs",
		Equivalents: []string{"cfn-lint:E3501"},
	}
}

func (sqsFifoOnlyProperties) Check(c *Context, report *Report) {
	for _, q := range c.Kind("sqs") {
		if c.IsFifo(q) {
			continue
		}
		var set []string
		patch := map[string]any{}
		for _, p := range sqsFifoOnly {
			if _, ok := q.Props[p]; ok {
				set = append(set, p)
				patch[p] = nil
			}
		}
		if len(set) == 0 {
			continue
		}
		verb := " is"
		if len(set) > 1 {
			verb = " are"
		}
		report.Add(Finding{
			Subjects: []string{q.ID},
			Message: c.Label(q) + " is a standard queue, but " + joinIDs(set) + verb + " set; SQS accepts these on FIFO " +
				"queues only and refuses to create the queue. Remove them, or make the queue FIFO if ordering was meant.",
			Fix: ops(setProps(q.ID, patch)),
		})
	}
}
