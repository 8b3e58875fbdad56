package rules

// sqsBatchingWindow: Lambda refuses a batching window on a FIFO queue's
// mapping, and requires one of at least a second on a standard queue's
// mapping whose batch size is above 10.
type sqsBatchingWindow struct{}

func newSQSBatchingWindow() Rule { return sqsBatchingWindow{} }

// The fixes' patches, shared by every finding (see fix.go).
var (
	sqsNoBatchingWindowFix        = map[string]any{"MaximumBatchingWindowInSeconds": nil}
	sqsOneSecondBatchingWindowFix = map[string]any{"MaximumBatchingWindowInSeconds": 1}
)

func (sqsBatchingWindow) Meta() Meta {
	return Meta{
		ID:       "sqs-batching-window",
		Title:    "Batching window that Lambda refuses for the queue type",
		Severity: Error,
		Scope:    "connection:sqs→lambda",
	}
}

func (sqsBatchingWindow) Check(c *Context, report *Report) {
	for _, cn := range sqsMappings(c) {
		q := c.From(cn)
		where := c.Label(q) + " → " + c.Label(c.To(cn)) + ": "
		window := c.ConnProp(cn, "MaximumBatchingWindowInSeconds")
		batch := c.ConnProp(cn, "BatchSize")
		switch {
		case c.IsFifo(q) && window.Num() > 0:
			report.Add(Finding{
				Subjects: []string{cn.ID, q.ID},
				Message: where + "MaximumBatchingWindowInSeconds is " + window.Text() + ", but Lambda supports no batching " +
					"window on FIFO queues and refuses the event source mapping. Remove the window.",
				Fix: ops(setConnProps(cn.ID, sqsNoBatchingWindowFix)),
			})
		case c.IsStandard(q) && batch.Num() > 10 && window.Num() == 0:
			report.Add(Finding{
				Subjects: []string{cn.ID, q.ID},
				Message: where + "with BatchSize " + batch.Text() + " Lambda requires a batching window of at least 1 s, " +
					"but MaximumBatchingWindowInSeconds is " + window.Text() + ", so it refuses the event source mapping.",
				Fix: ops(setConnProps(cn.ID, sqsOneSecondBatchingWindowFix)),
			})
		}
	}
}
