package rules

import (
	"strconv"
	"strings"

	"github.com/archlab/archlab/design"
)

// Helpers shared by the rules of the EventBridge Custom Event Bus
// (AWS::EventsV2): buses that keep their events, and subscribers that each
// read one bus and deliver to one target.

// Kinds of the Custom Event Bus.
const (
	kindCustomBus  = "eventbridge-custom-bus"
	kindSubscriber = "eventbridge-subscriber"
)

// Facts the Custom Event Bus rules quote.
var (
	subscriberDefaultRetries = design.FactValue("eventbridge.subscriber-default-retry-attempts")
	subscriberDefaultAge     = design.FactValue("eventbridge.subscriber-default-event-age")
	subscriberMaxRetries     = design.FactValue("eventbridge.subscriber-max-retry-attempts")
	subscriberMaxAge         = design.FactValue("eventbridge.subscriber-max-event-age")
	classicDefaultRetries    = design.FactValue("eventbridge.classic-default-retry-attempts")
	classicDefaultAge        = design.FactValue("eventbridge.classic-default-event-age")
	customBusMaxRetention    = design.FactValue("eventbridge.custom-bus-retention-max")
)

// subscriberBuses returns the connections from the Custom Event Buses a
// subscriber reads.
func subscriberBuses(c *Context, s *design.Block) []*design.Connection {
	var out []*design.Connection
	for _, cn := range c.In(s) {
		if cn.Integration == design.IntSubscription && c.From(cn).Kind == kindCustomBus {
			out = append(out, cn)
		}
	}
	return out
}

// subscriberDLQs returns a subscriber's dead-letter connections.
func subscriberDLQs(c *Context, s *design.Block) []*design.Connection {
	var out []*design.Connection
	for _, cn := range c.Out(s) {
		if cn.Integration == design.IntDeadLetter {
			out = append(out, cn)
		}
	}
	return out
}

// subscriberType is a subscriber's Type as the design sets it: "FIFO",
// "UNORDERED", or "" when it sets none (AWS documents no default).
func subscriberType(c *Context, s *design.Block) string {
	return c.Prop(s, "Type").Str()
}

// isFifoSubscriber reports whether a subscriber is set to deliver in order
// per event group.
func isFifoSubscriber(c *Context, s *design.Block) bool {
	return subscriberType(c, s) == "FIFO"
}

// isExpression reports whether a parameter value is a JSONata expression
// evaluated per event ({% ... %}) rather than a fixed string.
func isExpression(s string) bool {
	return strings.Contains(s, "{%")
}

// perEventExpression reports whether an expression reads a value unique to
// each event (its event id), which as a group id puts every event in a group
// of its own.
func perEventExpression(s string) bool {
	return isExpression(s) && strings.Contains(strings.ToLower(s), "aws:eventid")
}

// subscriberHead begins a message about a subscriber's target:
// "OrderEvents → Ledger: ".
func subscriberHead(c *Context, cn *design.Connection) string {
	return c.Label(c.From(cn)) + " → " + c.Label(c.To(cn)) + ": "
}

// fifoTargetParams is the parameter block of a FIFO target's kind: "Sqs"
// for a queue, "Sns" for a topic, "" for any other kind.
func fifoTargetParams(b *design.Block) string {
	switch b.Kind {
	case "sqs":
		return "Sqs"
	case "sns":
		return "Sns"
	}
	return ""
}

// eventGroupExpr and eventIDExpr are the JSONata expressions the user guide
// gives for a FIFO target's group and deduplication ids: the event's group,
// and its id.
const (
	eventGroupExpr = "{% $events.SystemMetadata.EventGroupId %}"
	eventIDExpr    = `{% $events.SystemMetadata."aws:EventId" %}`
)

// days prints a number of days ("1 day", "14 days").
func days(n float64) string {
	if n == float64(int64(n)) {
		return plural(int(n), "day")
	}
	return strconv.FormatFloat(n, 'f', 1, 64) + " days"
}
