package rules

import (
	"github.com/archlab/archlab/design"
)

// eventBridgeScheduleCustomBus: EventBridge runs scheduled rules on the
// default event bus only; a rule with a schedule on a custom bus is refused.
type eventBridgeScheduleCustomBus struct{}

func newEventBridgeScheduleCustomBus() Rule { return eventBridgeScheduleCustomBus{} }

func (eventBridgeScheduleCustomBus) Meta() Meta {
	return Meta{
		ID:       "eventbridge-schedule-custom-bus",
		Title:    "Scheduled rule on a custom event bus",
		Severity: Error,
		Scope:    "connection:eventbridge-bus→eventbridge-rule",
	}
}

func (eventBridgeScheduleCustomBus) Check(c *Context, report *Report) {
	for _, cn := range c.Links("eventbridge-bus", "eventbridge-rule", design.IntRule) {
		bus, r := c.From(cn), c.To(cn)
		name := c.Prop(bus, "Name")
		if c.Prop(r, "ScheduleExpression").Str() == "" || name.Str() == "default" || name.Unknown {
			continue
		}
		f := Finding{
			Subjects: []string{cn.ID, cn.From, cn.To},
			Message: c.Label(r) + " has a ScheduleExpression but is on " + c.Label(bus) + ", a custom event bus (Name " +
				evQuote(name.Str()) + "): EventBridge runs scheduled rules only on the default event bus, and refuses " +
				"this one. Put the rule on the default bus, or better, use an EventBridge Scheduler schedule.",
		}
		if !c.Prop(r, "EventPattern").Present() {
			// A rule without a bus connection is on the default bus, and
			// a scheduled rule needs no events from the custom one.
			f.Fix = design.Ops{ebDisconnect(cn.ID)}
		}
		report.Add(f)
	}
}
