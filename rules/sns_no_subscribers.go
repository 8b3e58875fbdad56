package rules

// snsNoSubscribers: SNS keeps nothing: a message published to a topic with
// no subscriptions is gone.
type snsNoSubscribers struct{}

func newSNSNoSubscribers() Rule { return snsNoSubscribers{} }

func (snsNoSubscribers) Meta() Meta {
	return Meta{
		ID:       "sns-no-subscribers",
		Title:    "Topic that is published to but has no subscribers",
		Severity: Warning,
		Scope:    "block:sns",
	}
}

func (snsNoSubscribers) Check(c *Context, report *Report) {
	for _, t := range c.Kind("sns") {
		in := c.In(t)
		if len(in) == 0 {
			continue
		}
		// Subscribers outside the design (email, SMS) count too.
		subscribed := len(c.Prop(t, "Subscription").Items()) > 0
		for _, cn := range c.Out(t) {
			if isSNSSubscription(c, cn) {
				subscribed = true
				break
			}
		}
		if subscribed {
			continue
		}
		// The connections that publish are subjects too: a topic only
		// inferred to receive messages makes an inferred finding.
		var publishers []string
		subjects := []string{t.ID}
		for _, cn := range in {
			publishers = append(publishers, c.Label(c.From(cn)))
			subjects = append(subjects, cn.ID)
		}
		report.Add(Finding{
			Subjects: subjects,
			Message: c.Label(t) + " receives messages from " + joinIDs(publishers) + " but has no subscriptions: SNS " +
				"stores nothing, so every message is dropped. Subscribe a queue or function, or list the subscribers " +
				"that live outside the design (email, SMS, another account) in the topic's other subscriptions.",
		})
	}
}
