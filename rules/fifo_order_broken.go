package rules

import (
	"github.com/archlab/archlab/design"
)

// fifoOrderBroken: a FIFO queue keeps the order messages arrive in, not the
// order things happened. Fed by an EventBridge rule that delivers events
// (published by others, delivered asynchronously and retried out of turn),
// or by a function that is itself fed by an unordered source, it orders
// what is already out of order. A schedule is one producer firing at its
// times, and a function fed by an ordered source keeps its order: both are
// fine.
type fifoOrderBroken struct{}

func newFifoOrderBroken() Rule { return fifoOrderBroken{} }

func (fifoOrderBroken) Meta() Meta {
	return Meta{
		ID:       "fifo-order-broken",
		Title:    "FIFO queue fed through a path that loses order",
		Severity: Warning,
		Scope:    "design",
	}
}

func (fifoOrderBroken) Check(c *Context, report *Report) {
	for _, q := range c.Kind("sqs") {
		if !c.IsFifo(q) {
			continue
		}
		var seen map[string]bool
		for _, cn := range c.In(q) {
			from := c.From(cn)
			switch from.Kind {
			case "eventbridge-rule":
				if !deliversEvents(c, from) {
					continue // a schedule, or a rule outside the design
				}
				report.Add(Finding{
					Subjects: []string{q.ID, cn.ID},
					Message: c.Label(q) + " is a FIFO queue, but " + c.Label(from) + " delivers the events it matches " +
						"to it through EventBridge, which neither orders events nor keeps retried ones in place: the queue " +
						"keeps the order events happen to arrive in, not the order they happened. Drop FIFO if order does " +
						"not matter, or send from an ordered source.",
				})
			case "lambda":
				if c.Model(cn) == design.ModelFailure {
					continue
				}
				for _, up := range c.In(from) {
					what := unorderedFeed(c, up)
					if what == "" || seen[up.ID] {
						continue
					}
					if seen == nil {
						seen = map[string]bool{}
					}
					seen[up.ID] = true
					report.Add(Finding{
						Subjects: []string{q.ID, up.ID},
						Message: c.Label(q) + " is a FIFO queue filled by " + c.Label(from) + ", which is itself fed by " +
							what + " " + c.Label(c.From(up)) + ": events reach the function out of order, so the queue " +
							"orders what is already shuffled. Feed the function from an ordered source (a FIFO queue or " +
							"topic, a stream), or drop FIFO if order does not matter.",
					})
				}
			}
		}
	}
}

// deliversEvents reports whether an EventBridge rule of the design matches
// events on a bus, rather than firing on a schedule.
func deliversEvents(c *Context, rule *design.Block) bool {
	if c.External(rule) {
		return false
	}
	return c.Prop(rule, "EventPattern").Present() || !c.Prop(rule, "ScheduleExpression").Present()
}

// unorderedFeed names the kind of source when a connection into a function
// delivers without order (a standard queue or topic, an EventBridge rule,
// S3 notifications), or returns "".
func unorderedFeed(c *Context, cn *design.Connection) string {
	src := c.From(cn)
	switch {
	case src.Kind == "sqs" && cn.Integration == design.IntESM && c.IsStandard(src):
		return "standard queue"
	case src.Kind == "sns" && cn.Integration == design.IntSubscription && c.IsStandard(src):
		return "standard topic"
	case src.Kind == "eventbridge-rule" && cn.Integration == design.IntTarget && deliversEvents(c, src):
		return "EventBridge rule"
	case src.Kind == "s3" && cn.Integration == design.IntNotification:
		return "the event notifications of bucket"
	}
	return ""
}
