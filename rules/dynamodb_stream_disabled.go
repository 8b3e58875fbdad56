package rules

import (
	"github.com/archlab/archlab/design"
)

// dynamoDBStreamDisabled: Lambda and EventBridge Pipes read a table's
// changes from its DynamoDB stream; a table without
// StreamSpecification has no stream, so there is nothing to map.
type dynamoDBStreamDisabled struct{}

func newDynamoDBStreamDisabled() Rule { return dynamoDBStreamDisabled{} }

// dynamoDBStreamDisabledFix is the fix's patch, one map shared by every finding (see fix.go).
var dynamoDBStreamDisabledFix = map[string]any{"StreamSpecification.StreamViewType": "NEW_AND_OLD_IMAGES"}

func (dynamoDBStreamDisabled) Meta() Meta {
	return Meta{
		ID:       "dynamodb-stream-disabled",
		Title:    "Table read as a stream without DynamoDB Streams turned on",
		Severity: Error,
		Scope:    "connection:dynamodb→lambda|eventbridge-pipe",
	}
}

func (dynamoDBStreamDisabled) Check(c *Context, report *Report) {
	for _, t := range c.Kind("dynamodb") {
		if c.Prop(t, "StreamSpecification.StreamViewType").Present() {
			continue
		}
		var readers []*design.Connection
		for _, cn := range c.Out(t) {
			if isStreamConsumer(c, cn) {
				readers = append(readers, cn)
			}
		}
		if len(readers) == 0 {
			continue
		}
		report.Add(Finding{
			Subjects: append([]string{t.ID}, connIDs(readers)...),
			Message: c.Label(t) + " is read as a stream by " + c.joinLabels(targetIDs(readers)) + ", but the table has no " +
				"stream: StreamSpecification.StreamViewType is not set, so there is no stream ARN to read from and the " +
				"mapping cannot be created. Turn on DynamoDB Streams with the view the readers need (KEYS_ONLY, " +
				"NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES).",
			Fix: ops(setProps(t.ID, dynamoDBStreamDisabledFix)),
		})
	}
}
