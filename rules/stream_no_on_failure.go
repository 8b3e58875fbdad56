package rules

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// streamNoOnFailure: when Lambda (or a pipe) gives up on a batch from a
// Kinesis or DynamoDB stream, it skips the records and moves on. Without an
// on-failure destination nothing records what was skipped.
//
// What a destination keeps differs: an SQS queue or SNS topic receives only a
// description of the batch (shard, sequence numbers), useful while the stream
// still holds the records; only an S3 bucket receives the records themselves.
// The fix adds a bucket for a Lambda mapping, since keeping what was skipped
// is the point, and a queue for a pipe, which takes no bucket.
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
		retention := streamRetention(c, src)
		var when []string
		retries := c.ConnProp(cn, "MaximumRetryAttempts")
		if retries.Num() >= 0 {
			when = append(when, "after "+retries.Text()+" retries (MaximumRetryAttempts)")
		}
		age := c.ConnProp(cn, "MaximumRecordAgeInSeconds")
		if age.Num() >= 0 {
			when = append(when, "once its records are older than the MaximumRecordAgeInSeconds of "+age.Text())
		}
		bounded := len(when) > 0
		when = append(when, "when its records expire from the stream, after "+retention)
		head := streamHead(c, cn) + streamConsumerNoun(c, cn)
		gives := " " + streamPoller(c, cn) + " gives up on a failing batch " + strings.Join(when, ", or ") +
			"; it then skips the batch, and its records are lost without a trace."
		base := src.ID + dst.ID + "Failures"
		var msg string
		var fix design.Ops
		if isPipeSource(c, cn) {
			msg = head + " has no dead-letter queue." + gives + " Give it an SQS queue or an SNS topic as dead-letter " +
				"queue, and give up on records well before the stream drops them (a MaximumRecordAgeInSeconds below " +
				"the stream's retention), so that there is time to look into what was set aside."
			var dlq string
			dlq, fix = deadLetterQueueFor(c, dst, base, false)
			fix = append(fix, setConnProps(cn.ID, map[string]any{prop: dlq}))
		} else {
			msg = head + " has no on-failure destination." + gives + " Send them to an S3 bucket, which receives " +
				"the skipped records themselves. An SQS queue or an SNS topic receives only a description of the batch " +
				"(its shard and sequence numbers)"
			if bounded {
				msg += ", from which the records can be read back only while the stream still holds them, for " + retention + "."
			} else {
				msg += ", and with these settings it would describe records the stream has already dropped."
			}
			bucket := c.FreeID(base)
			fix = design.Ops{addBlock(dst, bucket, "s3", "", nil), setConnProps(cn.ID, map[string]any{prop: bucket})}
		}
		report.Add(Finding{Subjects: []string{cn.ID, cn.From, cn.To}, Message: msg, Fix: fix})
	}
}
