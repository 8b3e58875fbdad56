package rules

// sqsStartingPosition: StartingPosition belongs to stream mappings; Lambda
// refuses it on an SQS event source mapping.
type sqsStartingPosition struct{}

func newSQSStartingPosition() Rule { return sqsStartingPosition{} }

// sqsStartingPositionFix is the fix's patch, one map shared by every finding (see fix.go).
var sqsStartingPositionFix = map[string]any{"StartingPosition": nil}

func (sqsStartingPosition) Meta() Meta {
	return Meta{
		ID:          "sqs-starting-position",
		Title:       "StartingPosition on an SQS event source mapping",
		Severity:    Error,
		Scope:       "connection:sqs→lambda",
		Equivalents: []string{"cfn-lint:E3634"},
	}
}

func (sqsStartingPosition) Check(c *Context, report *Report) {
	for _, cn := range sqsMappings(c) {
		pos := c.ConnProp(cn, "StartingPosition")
		if !pos.Set() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, cn.From},
			Message: c.Label(c.From(cn)) + " → " + c.Label(c.To(cn)) + ": StartingPosition " + pos.Text() + " applies to " +
				"Kinesis and DynamoDB streams only; Lambda refuses it on a queue's event source mapping. Remove it.",
			Fix: ops(setConnProps(cn.ID, sqsStartingPositionFix)),
		})
	}
}
