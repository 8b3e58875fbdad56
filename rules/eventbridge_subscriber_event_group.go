package rules

// eventBridgeSubscriberEventGroup: a FIFO subscriber keeps order per event
// group, the key publishers set on each entry (SystemMetadata.EventGroupId),
// so that one customer's or one order's events stay in sequence while other
// groups flow in parallel. A FIFO queue or topic behind it has groups of its
// own, named by the subscriber's MessageGroupId: a fixed value folds every
// event group into one message group, one message at a time, where a failing
// message holds up all of them; a value unique to each event (its event id)
// gives every message a group of its own, and the target keeps no order.
type eventBridgeSubscriberEventGroup struct{}

func newEventBridgeSubscriberEventGroup() Rule { return eventBridgeSubscriberEventGroup{} }

func (eventBridgeSubscriberEventGroup) Meta() Meta {
	return Meta{
		ID:       "eventbridge-subscriber-event-group",
		Title:    "FIFO target's message groups do not follow the event groups",
		Severity: Warning,
		Scope:    "connection:eventbridge-subscriber→sqs|sns",
	}
}

func (eventBridgeSubscriberEventGroup) Check(c *Context, report *Report) {
	for _, s := range c.Kind(kindSubscriber) {
		if !isFifoSubscriber(c, s) {
			continue
		}
		for _, cn := range targetsOf(c, s) {
			t := c.To(cn)
			svc := fifoTargetParams(t)
			if svc == "" || !c.IsFifo(t) {
				continue
			}
			prop := svc + "Parameters.MessageGroupId"
			group := c.ConnProp(cn, prop).Str()
			var msg string
			switch {
			case group == "":
				continue // refused outright: eventbridge-subscriber-fifo-target
			case !isExpression(group):
				msg = prop + " is the fixed value " + group + ": every event lands in one message group of " + c.Label(t) +
					", which hands out one message at a time, so the event groups " + c.Label(s) + " keeps apart are " +
					"processed one after the other, and one failing message holds up all of them."
			case perEventExpression(group):
				msg = prop + " is " + group + ", which differs for every event: each message is a group of its own, " +
					"so " + c.Label(t) + " keeps no order at all."
			default:
				continue
			}
			report.Add(Finding{
				Subjects: []string{cn.ID, cn.From, cn.To},
				Message: subscriberHead(c, cn) + msg + " Use the event group as the message group id, " + eventGroupExpr +
					", and let publishers choose bounded group ids, such as a customer or order id.",
				Fix: ops(setConnProps(cn.ID, map[string]any{prop: eventGroupExpr})),
			})
		}
	}
}
