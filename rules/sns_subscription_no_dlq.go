package rules

import "github.com/archlab/archlab/design"

// snsSubscriptionNoDLQ: SNS retries a failing delivery and then drops the
// message, unless the subscription has a dead-letter queue.
type snsSubscriptionNoDLQ struct{}

func newSNSSubscriptionNoDLQ() Rule { return snsSubscriptionNoDLQ{} }

func (snsSubscriptionNoDLQ) Meta() Meta {
	return Meta{
		ID:          "sns-subscription-no-dlq",
		Title:       "Subscription without a dead-letter queue",
		Severity:    Warning,
		Scope:       "connection:sns→*",
		Equivalents: []string{"serverless-rules:ES7000", "cdk-nag:Serverless-SNSRedrivePolicy"},
	}
}

func (snsSubscriptionNoDLQ) Check(c *Context, report *Report) {
	for _, cn := range c.Links("sns", "", design.IntSubscription) {
		if c.ConnProp(cn, "RedrivePolicy.deadLetterTargetArn").Present() {
			continue
		}
		topic, target := c.From(cn), c.To(cn)
		fifo := c.IsFifo(topic)
		dlq, fix := deadLetterQueueFor(c, target, topic.ID+target.ID+"DLQ", fifo)
		fix = append(fix, setConnProps(cn.ID, map[string]any{"RedrivePolicy.deadLetterTargetArn": dlq}))
		kind := "an SQS queue"
		if fifo {
			kind = "an SQS FIFO queue (the topic is FIFO)"
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, topic.ID, target.ID},
			Message: c.Label(topic) + " → " + c.Label(target) + ": the subscription has no dead-letter queue, so a message " +
				"SNS still cannot deliver after its retries is dropped without a trace. Give the subscription a " +
				"redrive policy to " + kind + ".",
			Fix: fix,
		})
	}
}
