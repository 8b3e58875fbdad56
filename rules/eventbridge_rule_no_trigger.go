package rules

// eventBridgeRuleNoTrigger: a rule fires on events that match its pattern or
// on its schedule; EventBridge refuses a rule with neither, since nothing
// would ever make it fire.
type eventBridgeRuleNoTrigger struct{}

func newEventBridgeRuleNoTrigger() Rule { return eventBridgeRuleNoTrigger{} }

func (eventBridgeRuleNoTrigger) Meta() Meta {
	return Meta{
		ID:          "eventbridge-rule-no-trigger",
		Title:       "EventBridge rule with neither an event pattern nor a schedule",
		Severity:    Error,
		Scope:       "block:eventbridge-rule",
		Equivalents: []string{"cfn-lint:E3058"},
	}
}

func (eventBridgeRuleNoTrigger) Check(c *Context, report *Report) {
	for _, r := range c.Kind("eventbridge-rule") {
		if c.Prop(r, "EventPattern").Present() || c.Prop(r, "ScheduleExpression").Str() != "" {
			continue
		}
		report.Add(Finding{
			Subjects: []string{r.ID},
			Message: c.Label(r) + " has neither an EventPattern nor a ScheduleExpression: EventBridge refuses a rule " +
				"without one of them, because nothing would ever make it fire. Give it an event pattern that matches the " +
				"events it should route, or a schedule (for schedules, an EventBridge Scheduler schedule is the better " +
				"choice).",
		})
	}
}
