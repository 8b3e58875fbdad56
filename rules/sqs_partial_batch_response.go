package rules

import ()

// sqsPartialBatchResponse: without ReportBatchItemFailures, one failed
// message makes Lambda return the whole batch to the queue, so the
// messages that succeeded are processed again.
type sqsPartialBatchResponse struct{}

func newSQSPartialBatchResponse() Rule { return sqsPartialBatchResponse{} }

// sqsPartialBatchResponseFix is the fix's patch, one map shared by every finding (see fix.go).
var sqsPartialBatchResponseFix = map[string]any{"FunctionResponseTypes": []any{"ReportBatchItemFailures"}}

func (sqsPartialBatchResponse) Meta() Meta {
	return Meta{
		ID:       "sqs-partial-batch-response",
		Title:    "Queue batches without partial batch responses",
		Severity: Info,
		Scope:    "connection:sqs→lambda",
	}
}

func (sqsPartialBatchResponse) Check(c *Context, report *Report) {
	for _, cn := range sqsMappings(c) {
		batch := c.ConnProp(cn, "BatchSize")
		if batch.Num() <= 1 || c.ConnProp(cn, "FunctionResponseTypes").Has("ReportBatchItemFailures") {
			continue
		}
		fn := c.To(cn)
		report.Add(Finding{
			Subjects: []string{cn.ID, fn.ID},
			Message: c.Label(c.From(cn)) + " → " + c.Label(fn) + ": batches of up to " + batch.Text() + " without " +
				"ReportBatchItemFailures. One failing message sends the whole batch back to the queue, so the messages " +
				"that succeeded run again; turn it on and have the function return the ids of the failed messages.",
			Fix: ops(setConnProps(cn.ID, sqsPartialBatchResponseFix)),
		})
	}
}
