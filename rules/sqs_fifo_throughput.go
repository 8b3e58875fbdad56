package rules

// sqsFifoThroughput: without high-throughput mode a FIFO queue takes 300
// calls a second per action (3,000 messages with batches of 10); more
// traffic is throttled.
type sqsFifoThroughput struct{}

func newSQSFifoThroughput() Rule { return sqsFifoThroughput{} }

// sqsFifoThroughputFix is the fix's patch, one map shared by every finding (see fix.go).
var sqsFifoThroughputFix = map[string]any{"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}

func (sqsFifoThroughput) Meta() Meta {
	return Meta{
		ID:       "sqs-fifo-throughput",
		Title:    "FIFO queue traffic above its limit without high-throughput mode",
		Severity: Warning,
		Scope:    "block:sqs",
	}
}

func (sqsFifoThroughput) Check(c *Context, report *Report) {
	for _, q := range c.Kind("sqs") {
		rate := c.Prop(q, "ExpectedMessagesPerSecond")
		if !c.IsFifo(q) || rate.Num() <= 300 {
			continue
		}
		if c.Prop(q, "DeduplicationScope").Str() == "messageGroup" && c.Prop(q, "FifoThroughputLimit").Str() == "perMessageGroupId" {
			continue
		}
		report.Add(Finding{
			Subjects: []string{q.ID},
			Message: c.Label(q) + " expects " + rate.Text() + ", above the 300 calls a second per action a FIFO queue " +
				"takes without high-throughput mode (3,000 messages a second only if every call carries 10). Sends and " +
				"receives beyond that are throttled; turn on high-throughput mode (DeduplicationScope messageGroup, " +
				"FifoThroughputLimit perMessageGroupId) and spread messages over many groups.",
			Fix: ops(setProps(q.ID, sqsFifoThroughputFix)),
		})
	}
}
