package rules

import (
	"github.com/archlab/archlab/design"
)

// eventBridgeBusTargetNoRole: a rule that forwards events to another event
// bus needs a role allowing events:PutEvents on it for delivery within the
// account and Region, across Regions, and to buses shared with an
// organization; AWS recommends one always. Without it deliveries fail.
type eventBridgeBusTargetNoRole struct{}

func newEventBridgeBusTargetNoRole() Rule { return eventBridgeBusTargetNoRole{} }

func (eventBridgeBusTargetNoRole) Meta() Meta {
	return Meta{
		ID:       "eventbridge-bus-target-no-role",
		Title:    "Event bus target without a role",
		Severity: Warning,
		Scope:    "connection:eventbridge-rule→eventbridge-bus",
	}
}

func (eventBridgeBusTargetNoRole) Check(c *Context, report *Report) {
	for _, cn := range c.Links("eventbridge-rule", "eventbridge-bus", design.IntTarget) {
		if c.ConnProp(cn, "RoleArn").Str() != "" {
			continue
		}
		r, bus := c.From(cn), c.To(cn)
		report.Add(Finding{
			Subjects: []string{cn.ID, cn.From, cn.To},
			Message: c.Label(r) + " → " + c.Label(bus) + ": the target is another event bus but has no RoleArn. " +
				"EventBridge delivers to a bus in the same account, in another Region, or shared through an organization " +
				"only with a role that allows events:PutEvents on it; without one every delivery fails, and the events " +
				"end in the target's dead-letter queue, or are dropped. Give the target a role that EventBridge can assume with that permission.",
		})
	}
}
