package rules

import (
	"github.com/archlab/archlab/design"
)

// eventBridgeSubscriberOrderLost: on the Custom Event Bus, order is a
// subscriber's setting (Type FIFO keeps each event group in publishing
// order), and every hop after it must keep that order too. A FIFO
// subscriber that delivers to a standard queue or topic, or hands its
// batches to Lambda's asynchronous queue (InvocationType EVENT), loses it
// there; an unordered subscriber feeding a FIFO queue or topic makes the
// FIFO keep the order events happened to arrive in.
type eventBridgeSubscriberOrderLost struct{}

func newEventBridgeSubscriberOrderLost() Rule { return eventBridgeSubscriberOrderLost{} }

// The fixes' patches, shared (see fix.go).
var (
	subscriberSyncInvokeFix = map[string]any{"LambdaParameters.InvocationType": "REQUEST_RESPONSE"}
	subscriberFifoFix       = map[string]any{"Type": "FIFO"}
)

func (eventBridgeSubscriberOrderLost) Meta() Meta {
	return Meta{
		ID:       "eventbridge-subscriber-order-lost",
		Title:    "Event order lost between a subscriber and its target",
		Severity: Warning,
		Scope:    "connection:eventbridge-subscriber→*",
	}
}

func (eventBridgeSubscriberOrderLost) Check(c *Context, report *Report) {
	for _, s := range c.Kind(kindSubscriber) {
		fifo := isFifoSubscriber(c, s)
		for _, cn := range targetsOf(c, s) {
			t := c.To(cn)
			head := subscriberHead(c, cn)
			subjects := []string{cn.ID, cn.From, cn.To}
			switch {
			case fifo && (t.Kind == "sqs" || t.Kind == "sns") && c.IsStandard(t):
				noun := "queue"
				if t.Kind == "sns" {
					noun = "topic"
				}
				f := Finding{Subjects: subjects, Message: head + c.Label(s) + " is a FIFO subscriber, which delivers each event " +
					"group in publishing order, but " + c.Label(t) + " is a standard " + noun + ", which keeps no order: the " +
					"consumers see the events shuffled. Make the " + noun + " FIFO, with the event group as its message group " +
					"id, or make the subscriber UNORDERED if order does not matter."}
				var fix design.Ops
				var ok bool
				if t.Kind == "sqs" {
					fix, ok = queueTypeOps(c, t, true)
				} else {
					fix, ok = topicTypeOps(c, t, true)
				}
				if ok {
					f.Fix = append(fix, fifoTargetIDOps(c, cn, t)...)
				}
				report.Add(f)
			case fifo && t.Kind == "lambda" && c.ConnProp(cn, "LambdaParameters.InvocationType").Str() == "EVENT":
				report.Add(Finding{Subjects: subjects, Message: head + c.Label(s) + " is a FIFO subscriber, but it invokes " +
					c.Label(t) + " with InvocationType EVENT: the order holds only until Lambda's asynchronous queue takes the " +
					"batch, and Lambda runs and retries those invocations in any order. Invoke with REQUEST_RESPONSE, which " +
					"waits for each batch before the next of its event group.",
					Fix: ops(setConnProps(cn.ID, subscriberSyncInvokeFix))})
			case !fifo && (t.Kind == "sqs" || t.Kind == "sns") && c.IsFifo(t):
				typ := "sets no Type"
				if tp := subscriberType(c, s); tp != "" {
					typ = "is " + tp
				}
				report.Add(Finding{Subjects: subjects, Message: head + c.KindName(t) + " " + c.Label(t) + " is FIFO, but " +
					c.Label(s) + " " + typ + ": only a FIFO subscriber delivers each event group in publishing order, so the " +
					"FIFO keeps the order events happen to arrive in, not the order they were published. Make the subscriber " +
					"FIFO, or use a standard target if order does not matter.",
					Fix: ops(setProps(s.ID, subscriberFifoFix))})
			}
		}
	}
}

// fifoTargetIDOps sets what a FIFO queue or topic target lacks: the event
// group as message group id and, unless the queue or topic deduplicates by
// content, the event id as deduplication id.
func fifoTargetIDOps(c *Context, cn *design.Connection, t *design.Block) design.Ops {
	svc := fifoTargetParams(t)
	if svc == "" {
		return nil
	}
	patch := map[string]any{}
	if c.ConnProp(cn, svc+"Parameters.MessageGroupId").Str() == "" {
		patch[svc+"Parameters.MessageGroupId"] = eventGroupExpr
	}
	dedup := c.ConnProp(cn, svc+"Parameters.MessageDeduplicationId").Str()
	if (dedup != "" && !isExpression(dedup)) || (dedup == "" && !c.Prop(t, "ContentBasedDeduplication").Bool()) {
		patch[svc+"Parameters.MessageDeduplicationId"] = eventIDExpr
	}
	if len(patch) == 0 {
		return nil
	}
	return ops(setConnProps(cn.ID, patch))
}
