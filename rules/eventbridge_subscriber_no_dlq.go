package rules

import (
	"github.com/archlab/archlab/design"
)

// eventBridgeSubscriberNoDLQ: a Custom Event Bus subscriber retries a
// failed delivery until its retry policy runs out (5 attempts or 300 s by
// default) and then drops the event, leaving only the EventsDropped metric,
// unless it has a dead-letter queue (OnFailureConfiguration).
type eventBridgeSubscriberNoDLQ struct{}

func newEventBridgeSubscriberNoDLQ() Rule { return eventBridgeSubscriberNoDLQ{} }

// The FIFO dead-letter queue the fix adds for a FIFO subscriber: EventBridge
// sets each record's message group; the queue deduplicates by content.
var subscriberFifoDLQProps = map[string]any{"MessageRetentionPeriod": maxRetention, "FifoQueue": true, "ContentBasedDeduplication": true}

func (eventBridgeSubscriberNoDLQ) Meta() Meta {
	return Meta{
		ID:       "eventbridge-subscriber-no-dlq",
		Title:    "Subscriber without a dead-letter queue",
		Severity: Warning,
		Scope:    "block:eventbridge-subscriber",
	}
}

func (eventBridgeSubscriberNoDLQ) Check(c *Context, report *Report) {
	for _, s := range c.Kind(kindSubscriber) {
		targets := targetsOf(c, s)
		if len(targets) == 0 || len(subscriberDLQs(c, s)) > 0 {
			continue
		}
		fifo := isFifoSubscriber(c, s)
		id := c.FreeID(s.ID + "DLQ")
		props := deadLetterQueueProps
		kind := "an SQS queue"
		if fifo {
			props = subscriberFifoDLQProps
			kind = "an SQS FIFO queue, which keeps the records of each event group in order"
		}
		retries := c.Prop(s, "RetryPolicy.MaxRetryAttempts")
		age := c.Prop(s, "RetryPolicy.MaxEventAgeInSeconds")
		report.Add(Finding{
			Subjects: []string{s.ID},
			Message: c.Label(s) + " has no dead-letter queue: an event it still cannot deliver to " + c.Label(c.To(targets[0])) +
				" when its retries run out (MaxRetryAttempts " + retries.Text() + ", MaxEventAgeInSeconds " + age.Text() +
				") is dropped, and only the EventsDropped metric counts it. Give the subscriber an OnFailureConfiguration: " +
				kind + ", with sqs:SendMessage on it in the delivery role.",
			Fix: ops(addBlock(s, id, "sqs", "", props), connect(c.FreeID(s.ID+"-"+id), s.ID, id, design.IntDeadLetter, nil)),
		})
	}
}
