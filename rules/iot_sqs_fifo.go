package rules

// iotSQSFifo: the IoT rules engine's SQS action does not support FIFO
// queues. The catalogue refuses the connection when it is drawn; this rule
// reports one that a later change broke, or that a template holds. There is
// no one-click fix: making the queue standard gives up the order its other
// producers may rely on, and the message explains the routes that keep it.
type iotSQSFifo struct{}

func newIoTSQSFifo() Rule { return iotSQSFifo{} }

func (iotSQSFifo) Meta() Meta {
	return Meta{
		ID:       "iot-sqs-fifo",
		Title:    "IoT rule sending to a FIFO queue",
		Severity: Error,
		Scope:    "connection:iot-core→sqs",
	}
}

func (iotSQSFifo) Check(c *Context, report *Report) {
	out := guardFindings(c, "iot-sqs-fifo")
	for i := range out {
		out[i].Message += " None of the messages the rule selects reach the queue; they go to the rule's error action, if it has one."
	}
	report.Add(out...)
}
