package rules

import (
	"github.com/archlab/archlab/design"
	"strings"
)

// eventBridgeSubscriberFifoTarget: SQS and SNS refuse a message for a FIFO
// queue or topic without a message group id, and without a deduplication id
// unless the queue or topic deduplicates by content. A Custom Event Bus
// subscriber sends what its SqsParameters or SnsParameters say, and
// EventBridge checks none of it when the subscriber is created: every
// delivery fails instead. A fixed deduplication id is accepted, and makes
// the queue discard every message after the first as a duplicate.
type eventBridgeSubscriberFifoTarget struct{}

func newEventBridgeSubscriberFifoTarget() Rule { return eventBridgeSubscriberFifoTarget{} }

func (eventBridgeSubscriberFifoTarget) Meta() Meta {
	return Meta{
		ID:       "eventbridge-subscriber-fifo-target",
		Title:    "FIFO target of a subscriber without its message group or deduplication id",
		Severity: Error,
		Scope:    "connection:eventbridge-subscriber→sqs|sns",
	}
}

func (eventBridgeSubscriberFifoTarget) Check(c *Context, report *Report) {
	for _, s := range c.Kind(kindSubscriber) {
		for _, cn := range targetsOf(c, s) {
			t := c.To(cn)
			svc := fifoTargetParams(t)
			if svc == "" || !c.IsFifo(t) || !c.Configured(cn) {
				continue
			}
			group := c.ConnProp(cn, svc+"Parameters.MessageGroupId").Str()
			dedup := c.ConnProp(cn, svc+"Parameters.MessageDeduplicationId").Str()
			content := c.Prop(t, "ContentBasedDeduplication")
			noun := "queue"
			if t.Kind == "sns" {
				noun = "topic"
			}
			var problems []string
			if group == "" {
				problems = append(problems, "it sets no "+svc+"Parameters.MessageGroupId, and a FIFO "+noun+
					" refuses a message without one")
			}
			switch {
			case dedup == "" && !content.Unknown && !content.Bool():
				problems = append(problems, "it sets no "+svc+"Parameters.MessageDeduplicationId, and "+c.Label(t)+
					" has no ContentBasedDeduplication, so each message needs one")
			case dedup != "" && !isExpression(dedup):
				problems = append(problems, svc+"Parameters.MessageDeduplicationId is the fixed value "+dedup+
					", so the "+noun+" discards every message sent within "+humanSeconds(sqsDedupWindow)+" of the first as a duplicate of it")
			}
			if len(problems) == 0 {
				continue
			}
			report.Add(Finding{
				Subjects: []string{cn.ID, cn.From, cn.To},
				Message: subscriberHead(c, cn) + strings.Join(problems, "; ") + ". EventBridge does not check this when " +
					"the subscriber is created: the deliveries fail (or vanish as duplicates) once events flow. Set the " +
					"message group id to the event group, " + eventGroupExpr + ", and the deduplication id to the event " +
					"id, " + eventIDExpr + ".",
				Fix: fifoTargetIDOps(c, cn, t),
			})
		}
	}
}

// sqsDedupWindow is how long SQS and SNS FIFO remember a deduplication id.
var sqsDedupWindow = design.FactValue("sqs.fifo-dedup-window")
