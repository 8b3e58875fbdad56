package rules

// streamStartingPosition: a Lambda event source mapping or a pipe reading a
// Kinesis or DynamoDB stream must say where in the stream to start; Lambda
// and EventBridge Pipes refuse one without StartingPosition, and DynamoDB
// streams have no AT_TIMESTAMP.
type streamStartingPosition struct{}

func newStreamStartingPosition() Rule { return streamStartingPosition{} }

// streamStartingPositionFix is the fix's patch, one map shared by every finding (see fix.go).
var streamStartingPositionFix = map[string]any{"StartingPosition": "TRIM_HORIZON"}

func (streamStartingPosition) Meta() Meta {
	return Meta{
		ID:          "stream-starting-position",
		Title:       "Stream consumer without a valid StartingPosition",
		Severity:    Error,
		Scope:       "connection:kinesis|dynamodb→lambda|eventbridge-pipe",
		Equivalents: []string{"cfn-lint:E3633"},
	}
}

func (streamStartingPosition) Check(c *Context, report *Report) {
	for _, cn := range streamConsumers(c) {
		src := c.From(cn)
		pos := c.ConnProp(cn, "StartingPosition")
		var msg string
		switch {
		case !pos.Present():
			msg = streamHead(c, cn) + streamConsumerNoun(c, cn) + " has no StartingPosition, which every stream source " +
				"requires: " + streamPoller(c, cn) + " refuses to create it. TRIM_HORIZON starts with the oldest record the " +
				"stream still holds; LATEST skips to the records written from now on."
		case src.Kind == "dynamodb" && pos.Str() == "AT_TIMESTAMP":
			msg = streamHead(c, cn) + "StartingPosition AT_TIMESTAMP exists for Kinesis streams only; a DynamoDB stream " +
				"starts at TRIM_HORIZON (the oldest record it holds) or LATEST (new records only), and " +
				streamPoller(c, cn) + " refuses anything else."
		default:
			continue
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, cn.From, cn.To},
			Message:  msg,
			Fix:      ops(setConnProps(cn.ID, streamStartingPositionFix)),
		})
	}
}
