package rules

import (
	"github.com/archlab/archlab/design"
)

// s3EventBridgeDelivery: a bucket sends its events to EventBridge only when
// its EventBridge notifications are turned on, and only to the default event
// bus of its account and Region. A connection to a custom bus, or from a
// bucket with the switch off, never carries an event.
type s3EventBridgeDelivery struct{}

func newS3EventBridgeDelivery() Rule { return s3EventBridgeDelivery{} }

// s3EventBridgeDeliveryFix is the fix's patch, one map shared by every finding (see fix.go).
var s3EventBridgeDeliveryFix = map[string]any{"NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled": true}

func (s3EventBridgeDelivery) Meta() Meta {
	return Meta{
		ID:       "s3-eventbridge-delivery",
		Title:    "Bucket events that never reach the event bus",
		Severity: Error,
		Scope:    "connection:s3→eventbridge-bus",
	}
}

func (s3EventBridgeDelivery) Check(c *Context, report *Report) {
	for _, cn := range c.Links("s3", "eventbridge-bus", design.IntEventBridge) {
		b, bus := c.From(cn), c.To(cn)
		head := c.Label(b) + " → " + c.Label(bus) + ": "
		if name := c.Prop(bus, "Name"); name.Str() != "default" && !name.Unknown {
			report.Add(Finding{
				Subjects: []string{cn.ID, cn.From, cn.To},
				Message: head + "S3 sends bucket events to the default event bus only, and " + c.Label(bus) + " is a custom " +
					"bus (Name " + evQuote(name.Str()) + "), so it never receives them. Put the rules on the default bus, " +
					"or add a rule there that forwards the bucket's events to this bus.",
			})
			continue
		}
		enabled := c.Prop(b, "NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled")
		if enabled.Bool() || enabled.Unknown {
			continue
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, cn.From, cn.To},
			Message: head + "the bucket's EventBridge notifications are off (EventBridgeEnabled " + enabled.Text() + "), " +
				"so S3 sends nothing to the bus and the rules that match its events never fire. Turn them on: the bucket " +
				"then sends all its object events, and the rules pick the ones they want.",
			Fix: ops(setProps(b.ID, s3EventBridgeDeliveryFix)),
		})
	}
}
