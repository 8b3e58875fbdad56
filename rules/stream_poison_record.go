package rules

import (
	"github.com/archlab/archlab/design"
)

// streamPoisonRecord: by default a stream consumer retries a failing batch
// until its records expire. Records of a shard are processed in order, so one
// record the function cannot handle stops everything behind it in its shard
// for as long as the stream keeps records: a day for DynamoDB, up to a year
// for Kinesis.
type streamPoisonRecord struct{}

func newStreamPoisonRecord() Rule { return streamPoisonRecord{} }

func (streamPoisonRecord) Meta() Meta {
	return Meta{
		ID:       "stream-poison-record",
		Title:    "Stream consumer that retries a failing batch until it expires",
		Severity: Warning,
		Scope:    "connection:kinesis|dynamodb→lambda|eventbridge-pipe",
	}
}

// streamFixRetries is the retry count the fix sets: enough to ride out a
// throttle or a timeout, few enough that a bad record is set aside within
// minutes.
const streamFixRetries = 3

// The fix's patches, shared by every finding (see fix.go): bound the
// retries, and split failing batches where the consumer can (pipes cannot).
var (
	streamPoisonFix         = map[string]any{"MaximumRetryAttempts": streamFixRetries, "BisectBatchOnFunctionError": true}
	streamPoisonRetriesOnly = map[string]any{"MaximumRetryAttempts": streamFixRetries}
)

func (streamPoisonRecord) Check(c *Context, report *Report) {
	for _, cn := range streamConsumers(c) {
		retries := c.ConnProp(cn, "MaximumRetryAttempts")
		age := c.ConnProp(cn, "MaximumRecordAgeInSeconds")
		if retries.Num() != -1 || age.Num() != -1 {
			continue
		}
		src := c.From(cn)
		patch := streamPoisonRetriesOnly
		advice := "Bound the retries (or the record age) so that a bad record is set aside, and split failing batches " +
			"(BisectBatchOnFunctionError) or report partial batch failures so that the good records around it still go through."
		if isPipeSource(c, cn) {
			advice = "Bound the retries (or the record age) so that a bad record is set aside."
		} else if !c.ConnProp(cn, "BisectBatchOnFunctionError").Bool() {
			patch = streamPoisonFix
		}
		shard := "its shard"
		if src.Kind == "dynamodb" {
			shard = "its shard of the table's changes"
		}
		// A queue or topic destination gets only a description of the
		// batch (shard, sequence numbers): given up on at expiry, it
		// describes records the stream no longer holds.
		late := ""
		if dest := c.Block(c.ConnProp(cn, streamFailureProp(c, cn)).Str()); dest != nil && (dest.Kind == "sqs" || dest.Kind == "sns") {
			role := "on-failure destination"
			if isPipeSource(c, cn) {
				role = "dead-letter queue"
			}
			late = " Its " + role + ", the " + c.KindName(dest) + " " + c.Label(dest) + ", then hears of a skipped batch " +
				"only once the stream no longer holds its records, and it receives their sequence numbers, not the records."
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, cn.From, cn.To},
			Message: streamHead(c, cn) + "MaximumRetryAttempts " + foreverText(retries) + " and MaximumRecordAgeInSeconds " +
				foreverText(age) + " retry a failing batch until its records expire from the stream, after " +
				streamRetention(c, src) + ". Records are processed in order, so one record the function cannot handle " +
				"holds up " + shard + " for that long, and everything behind it waits." + late + " " + advice,
			Fix: design.Ops{setConnProps(cn.ID, patch)},
		})
	}
}
