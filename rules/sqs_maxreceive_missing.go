package rules

import (
	"github.com/archlab/archlab/design"
)

// sqsMaxReceiveMissing: a redrive policy without maxReceiveCount. SQS
// refuses such a policy ("Redrive policy does not contain mandatory
// attribute: maxReceiveCount"), and so does CloudFormation.
type sqsMaxReceiveMissing struct{}

func newSQSMaxReceiveMissing() Rule { return sqsMaxReceiveMissing{} }

// sqsMaxReceiveMissingFix is the fix's patch, one map shared by every finding (see fix.go).
var sqsMaxReceiveMissingFix = map[string]any{"maxReceiveCount": 5}

func (sqsMaxReceiveMissing) Meta() Meta {
	return Meta{
		ID:       "sqs-maxreceive-missing",
		Title:    "Dead-letter queue without maxReceiveCount",
		Severity: Error,
		Scope:    "connection:sqs→sqs",
	}
}

func (sqsMaxReceiveMissing) Check(c *Context, report *Report) {
	for _, cn := range c.Links("sqs", "sqs", design.IntDeadLetter) {
		if c.ConnProp(cn, "maxReceiveCount").Present() {
			continue
		}
		src, dlq := c.From(cn), c.To(cn)
		report.Add(Finding{
			Subjects: []string{cn.ID, cn.From, cn.To},
			Message: c.Label(src) + " → " + c.Label(dlq) + ": the redrive policy sets no maxReceiveCount. SQS and " +
				"CloudFormation refuse a redrive policy without it; choose how many receives a message gets before " +
				"it moves to the dead-letter queue (5 suits most consumers).",
			Fix: ops(setConnProps(cn.ID, sqsMaxReceiveMissingFix)),
		})
	}
}
