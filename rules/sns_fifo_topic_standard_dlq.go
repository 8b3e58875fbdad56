package rules

// snsFifoTopicStandardDLQ: SNS documents that a FIFO topic's subscriptions
// use FIFO dead-letter queues. It does not say that it refuses a standard
// one, and a FIFO topic can deliver to standard queues, so a standard
// dead-letter queue is a warning: it departs from what AWS documents, and
// the messages it keeps lose their order and deduplication.
type snsFifoTopicStandardDLQ struct{}

func newSNSFifoTopicStandardDLQ() Rule { return snsFifoTopicStandardDLQ{} }

func (snsFifoTopicStandardDLQ) Meta() Meta {
	return Meta{
		ID:       "sns-fifo-topic-standard-dlq",
		Title:    "Standard dead-letter queue on a FIFO topic's subscription",
		Severity: Warning,
		Scope:    "connection:sns→*",
	}
}

func (snsFifoTopicStandardDLQ) Check(c *Context, report *Report) {
	for _, m := range snsDLQMismatches(c) {
		if !m.fifoTopic {
			continue
		}
		report.Add(Finding{
			Subjects: []string{m.cn.ID, m.topic.ID, m.dlq.ID},
			Message: c.Label(m.topic) + " → " + c.Label(c.To(m.cn)) + ": the subscription's dead-letter queue " + c.Label(m.dlq) +
				" is a standard queue, but " + c.Label(m.topic) + " is a FIFO topic, and SNS documents FIFO dead-letter " +
				"queues for a FIFO topic's subscriptions. In a standard queue the failed messages lose their order " +
				"and deduplication, so they can no longer be replayed in order. Use an SQS FIFO queue.",
			Fix: snsDLQTypeFix(c, m, true),
		})
	}
}
