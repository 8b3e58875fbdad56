package rules

// sqsFifoBatchSize: Lambda reads at most 10 messages per batch from a FIFO
// queue and refuses a larger BatchSize.
type sqsFifoBatchSize struct{}

func newSQSFifoBatchSize() Rule { return sqsFifoBatchSize{} }

func (sqsFifoBatchSize) Meta() Meta {
	return Meta{
		ID:          "sqs-fifo-batch-size",
		Title:       "Batch size above 10 on a FIFO queue",
		Severity:    Error,
		Scope:       "connection:sqs→lambda",
		Equivalents: []string{"cfn-lint:E3705"},
	}
}

func (sqsFifoBatchSize) Check(c *Context) []Finding {
	var out []Finding
	for _, cn := range sqsMappings(c) {
		q := c.From(cn)
		batch := c.ConnProp(cn, "BatchSize")
		if !c.IsFifo(q) || batch.Num() <= 10 {
			continue
		}
		out = append(out, Finding{
			Subjects: []string{cn.ID, q.ID},
			Message: c.Label(q) + " → " + c.Label(c.To(cn)) + ": BatchSize " + batch.Text() + " is above the 10 messages " +
				"Lambda reads at a time from a FIFO queue, so the event source mapping cannot be created.",
			Fix: ops(setConnProps(cn.ID, map[string]any{"BatchSize": 10})),
		})
	}
	return out
}
