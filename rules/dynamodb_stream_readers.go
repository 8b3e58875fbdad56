package rules

import (
	"github.com/archlab/archlab/design"
)

// dynamoDBStreamReaders: DynamoDB Streams throttles when more than two
// processes read the same shard at once. Each event source mapping and each
// pipe is one such reader, so a third consumer slows all of them down.
type dynamoDBStreamReaders struct{}

func newDynamoDBStreamReaders() Rule { return dynamoDBStreamReaders{} }

func (dynamoDBStreamReaders) Meta() Meta {
	return Meta{
		ID:       "dynamodb-stream-readers",
		Title:    "DynamoDB stream with more than two readers",
		Severity: Warning,
		Scope:    "block:dynamodb",
	}
}

// maxDynamoDBStreamReaders is how many processes may read a shard of a
// DynamoDB stream at once before reads are throttled.
const maxDynamoDBStreamReaders = 2

func (dynamoDBStreamReaders) Check(c *Context, report *Report) {
	for _, t := range c.Kind("dynamodb") {
		var readers []*design.Connection
		for _, cn := range c.Out(t) {
			if isStreamConsumer(c, cn) {
				readers = append(readers, cn)
			}
		}
		if len(readers) <= maxDynamoDBStreamReaders {
			continue
		}
		report.Add(Finding{
			Subjects: append([]string{t.ID}, connIDs(readers)...),
			Message: "The stream of " + c.Label(t) + " has " + plural(len(readers), "reader") + " (" + c.joinLabels(targetIDs(readers)) +
				"), each polling every shard: DynamoDB Streams throttles reads when more than 2 processes read the same " +
				"shard at once, so the readers slow each other down and fall behind, and changes older than 24 hours are " +
				"lost. Read the stream once and fan out (one function or pipe that publishes to SNS or an EventBridge " +
				"bus), or stream the table to Kinesis Data Streams, which serves more consumers.",
		})
	}
}
