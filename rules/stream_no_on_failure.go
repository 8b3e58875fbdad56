package rules

import (
	"strings"
)

// streamNoOnFailure: when Lambda (or a pipe) gives up on a batch from a
// Kinesis or DynamoDB stream, it skips the records and moves on. Without an
// on-failure destination nothing records what was skipped.
type streamNoOnFailure struct{}

func newStreamNoOnFailure() Rule { return streamNoOnFailure{} }

func (streamNoOnFailure) Meta() Meta {
	return Meta{
		ID:       "stream-no-on-failure",
		Title:    "Stream consumer without an on-failure destination",
		Severity: Warning,
		Scope:    "connection:kinesis|dynamodb→lambda|eventbridge-pipe",
		Equivalents: []string{"serverless-rules:ES1001",
			"cdk-nag:Serverless-LambdaEventSourceMappingDestination"},
	}
}

func (streamNoOnFailure) Check(c *Context, report *Report) {
	for _, cn := range streamConsumers(c) {
		prop := streamFailureProp(c, cn)
		if c.ConnProp(cn, prop).Present() {
			continue
		}
		src, dst := c.From(cn), c.To(cn)
		var when []string
		if retries := c.ConnProp(cn, "MaximumRetryAttempts"); retries.Num() >= 0 {
			when = append(when, "after "+retries.Text()+" retries (MaximumRetryAttempts)")
		}
		if age := c.ConnProp(cn, "MaximumRecordAgeInSeconds"); age.Num() >= 0 {
			when = append(when, "once its records are older than the MaximumRecordAgeInSeconds of "+age.Text())
		}
		when = append(when, "when its records expire from the stream, after "+streamRetention(c, src))
		what, where := "has no on-failure destination", "an SQS queue, an SNS topic or an S3 bucket"
		if isPipeSource(c, cn) {
			what, where = "has no dead-letter queue", "an SQS queue or an SNS topic"
		}
		dlq, fix := deadLetterQueueFor(c, dst, src.ID+dst.ID+"Failures", false)
		fix = append(fix, setConnProps(cn.ID, map[string]any{prop: dlq}))
		report.Add(Finding{
			Subjects: []string{cn.ID, cn.From, cn.To},
			Message: streamHead(c, cn) + streamConsumerNoun(c, cn) + " " + what + ". " + streamPoller(c, cn) +
				" gives up on a failing batch " + strings.Join(when, ", or ") + "; it then skips the batch, and its " +
				"records are lost without a trace. Send them to " + where + ", where they can be inspected and replayed.",
			Fix: fix,
		})
	}
}
