package rules

// eventBridgeRuleTooManyTargets: an EventBridge rule takes at most five
// targets, a quota that cannot be raised; PutTargets refuses the sixth.
type eventBridgeRuleTooManyTargets struct{}

func newEventBridgeRuleTooManyTargets() Rule { return eventBridgeRuleTooManyTargets{} }

func (eventBridgeRuleTooManyTargets) Meta() Meta {
	return Meta{
		ID:          "eventbridge-rule-too-many-targets",
		Title:       "EventBridge rule with more than five targets",
		Severity:    Error,
		Scope:       "block:eventbridge-rule",
		Equivalents: []string{"cfn-lint:E3032"},
	}
}

func (eventBridgeRuleTooManyTargets) Check(c *Context, report *Report) {
	for _, r := range c.Kind("eventbridge-rule") {
		targets := targetsOf(c, r)
		if len(targets) <= maxRuleTargets {
			continue
		}
		added, fix := ebSplitOps(c, r, targets, maxRuleTargets)
		report.Add(Finding{
			Subjects: []string{r.ID},
			Message: c.Label(r) + " has " + plural(len(targets), "target") + " (" + c.joinLabels(targetIDs(targets)) + "), " +
				"but an EventBridge rule takes at most 5, a quota that cannot be raised: EventBridge refuses the others " +
				"(LimitExceededException). Split the targets over " + plural(len(added)+1, "rule") + " with the same " +
				"pattern, or send the events to one SNS topic and fan out from there.",
			Fix: fix,
		})
	}
}
