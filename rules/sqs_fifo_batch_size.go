package rules

// sqsFifoBatchSize: Lambda reads at most 10 messages per batch from a FIFO
// queue and refuses a larger BatchSize.
type sqsFifoBatchSize struct{}

func newSQSFifoBatchSize() Rule { return sqsFifoBatchSize{} }

// sqsFifoBatchSizeFix is the fix's patch, one map shared by every finding (see fix.go).
var sqsFifoBatchSizeFix = map[string]any{"BatchSize": 10}

func (sqsFifoBatchSize) Meta() Meta {
	return Meta{
		ID:          "sqs-fifo-batch-size",
		Title:       "Batch size above 10 on a FIFO queue",
		Severity:    Error,
		Scope:       "connection:sqs→lambda",
		Equivalents: []string{"cfn-lint:E3705"},
	}
}

func (sqsFifoBatchSize) Check(c *Context, report *Report) {
	for _, cn := range sqsMappings(c) {
		q := c.From(cn)
		batch := c.ConnProp(cn, "BatchSize")
		if !c.IsFifo(q) || batch.Num() <= 10 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, q.ID},
			Message: c.Label(q) + " → " + c.Label(c.To(cn)) + ": BatchSize " + batch.Text() + " is above the 10 messages " +
				"Lambda reads at a time from a FIFO queue, so the event source mapping cannot be created.",
			Fix: ops(setConnProps(cn.ID, sqsFifoBatchSizeFix)),
		})
	}
}
