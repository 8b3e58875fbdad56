package rules

// capacityBacklog: messages arrive at a queue or stream faster, on average,
// than its consumers can take them at their most: the backlog grows
// without bound until messages expire.
type capacityBacklog struct{}

func newCapacityBacklog() Rule { return capacityBacklog{} }

func (capacityBacklog) Meta() Meta {
	return Meta{
		ID:       "capacity-backlog",
		Title:    "Consumers cannot keep up: the backlog grows without bound",
		Severity: Warning,
		Scope:    "block:sqs, block:kinesis, block:dynamodb",
	}
}

func (capacityBacklog) Check(c *Context, report *Report) {
	r := capacityOf(c)
	if r == nil {
		return
	}
	for _, kind := range []string{"sqs", "kinesis", "dynamodb"} {
		for _, q := range c.Kind(kind) {
			b := r.Block(q.ID)
			if b == nil || !b.Backlog {
				continue
			}
			report.Add(Finding{
				Subjects: []string{q.ID},
				Message: c.Label(q) + " gets " + num(round2(b.PerSecond.Average), b.Unit) + " on average, but its consumers take at most " +
					num(round2(b.ServiceRate), b.Unit) + " (concurrent batches × batch size ÷ duration): the backlog grows without " +
					"bound, and messages older than the retention period are lost. Raise the consumers' concurrency or batch size, " +
					"or make them faster." + restsOnTraffic(c, r, q.ID, "batchFill"),
			})
		}
	}
}
