package rules

// s3NotificationFifo: S3 event notifications cannot go to FIFO queues or
// topics. The catalogue refuses the connection when it is drawn; this rule
// reports one that a later change broke. There is no one-click fix: the
// message explains the EventBridge route that keeps the FIFO target.
type s3NotificationFifo struct{}

func newS3NotificationFifo() Rule { return s3NotificationFifo{} }

func (s3NotificationFifo) Meta() Meta {
	return Meta{
		ID:       "s3-notification-fifo",
		Title:    "S3 event notification to a FIFO queue or topic",
		Severity: Error,
		Scope:    "connection:s3→sqs|sns",
	}
}

func (s3NotificationFifo) Check(c *Context, report *Report) {
	out := guardFindings(c, "s3-notification-fifo")
	for i := range out {
		out[i].Message += " S3 refuses the notification configuration, so the bucket's stack does not deploy."
	}
	report.Add(out...)
}
