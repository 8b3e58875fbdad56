package rules

// eventBridgeSubscriberRetryDefaults: a Custom Event Bus subscriber gives up
// on an event after 5 retries or 300 s unless its RetryPolicy says otherwise,
// where a Classic rule target retries 185 times over 24 hours. A design that
// moved from Classic, or that expects its target to be down for more than a
// few minutes (a deployment, a throttled partner API), has to set both
// limits; and since retries stop at whichever limit comes first, raising one
// alone changes little.
type eventBridgeSubscriberRetryDefaults struct{}

func newEventBridgeSubscriberRetryDefaults() Rule { return eventBridgeSubscriberRetryDefaults{} }

// eventBridgeSubscriberRetryDefaultsFix sets Classic's limits (see fix.go).
var eventBridgeSubscriberRetryDefaultsFix = map[string]any{
	"RetryPolicy.MaxRetryAttempts":     classicDefaultRetries,
	"RetryPolicy.MaxEventAgeInSeconds": classicDefaultAge,
}

func (eventBridgeSubscriberRetryDefaults) Meta() Meta {
	return Meta{
		ID:       "eventbridge-subscriber-retry-defaults",
		Title:    "Subscriber retries only as long as the short default",
		Severity: Info,
		Scope:    "block:eventbridge-subscriber",
	}
}

func (eventBridgeSubscriberRetryDefaults) Check(c *Context, report *Report) {
	for _, s := range c.Kind(kindSubscriber) {
		targets := targetsOf(c, s)
		if len(targets) == 0 {
			continue
		}
		retries := c.Prop(s, "RetryPolicy.MaxRetryAttempts")
		age := c.Prop(s, "RetryPolicy.MaxEventAgeInSeconds")
		target := c.Label(c.To(targets[0]))
		then := "are dropped"
		if dlqs := subscriberDLQs(c, s); len(dlqs) > 0 {
			then = "go to " + c.Label(c.To(dlqs[0]))
		}
		var msg string
		var fix map[string]any
		switch {
		case !retries.Set() && !age.Set():
			msg = c.Label(s) + " keeps the Custom Event Bus's retry defaults: " + num(subscriberDefaultRetries, "retries") +
				" within " + num(subscriberDefaultAge, "s") + ", where a Classic rule target retries " + num(classicDefaultRetries, "times") +
				" over " + humanSeconds(classicDefaultAge) + ". If " + target + " is unavailable for more than about " +
				humanSeconds(subscriberDefaultAge) + ", its events " + then + ". Set RetryPolicy.MaxRetryAttempts and " +
				"MaxEventAgeInSeconds for the longest outage the target may have (at most " + num(subscriberMaxRetries, "") +
				" and " + num(subscriberMaxAge, "s") + ")."
			fix = eventBridgeSubscriberRetryDefaultsFix
		case !age.Set() && retries.Num() > subscriberDefaultRetries:
			msg = c.Label(s) + " sets MaxRetryAttempts " + retries.Text() + " but leaves MaxEventAgeInSeconds at " + age.Text() +
				": retries stop at whichever limit comes first, so after " + humanSeconds(age.Num()) + " the events " + then +
				" whatever attempts are left. Raise MaxEventAgeInSeconds too."
			fix = map[string]any{"RetryPolicy.MaxEventAgeInSeconds": subscriberMaxAge}
		case !retries.Set() && age.Num() > subscriberDefaultAge:
			msg = c.Label(s) + " sets MaxEventAgeInSeconds " + age.Text() + " but leaves MaxRetryAttempts at " + retries.Text() +
				": retries stop at whichever limit comes first, so after " + num(retries.Num(), "retries") + " the events " + then +
				", long before the age limit. Raise MaxRetryAttempts too."
			fix = map[string]any{"RetryPolicy.MaxRetryAttempts": subscriberMaxRetries}
		default:
			continue
		}
		if isFifoSubscriber(c, s) {
			msg += " On a FIFO subscriber an event being retried holds up the rest of its event group, so choose the window " +
				"with that delay in mind."
		}
		report.Add(Finding{Subjects: []string{s.ID}, Message: msg, Fix: ops(setProps(s.ID, fix))})
	}
}
