package rules

import (
	"strings"
)

// eventBridgeFifoTarget: SQS refuses a message for a FIFO queue without a
// message group id, so a rule or schedule delivering to a FIFO queue must set
// SqsParameters.MessageGroupId; EventBridge Scheduler also requires the
// queue to deduplicate by content.
type eventBridgeFifoTarget struct{}

func newEventBridgeFifoTarget() Rule { return eventBridgeFifoTarget{} }

// eventBridgeFifoTargetFix is the fix's patch, one map shared by every finding (see fix.go).
var eventBridgeFifoTargetFix = map[string]any{"ContentBasedDeduplication": true}

func (eventBridgeFifoTarget) Meta() Meta {
	return Meta{
		ID:       "eventbridge-fifo-target",
		Title:    "FIFO queue target without a message group id",
		Severity: Error,
		Scope:    "connection:eventbridge-rule|scheduler→sqs",
	}
}

func (eventBridgeFifoTarget) Check(c *Context, report *Report) {
	for _, kind := range []string{"eventbridge-rule", "scheduler"} {
		for _, src := range c.Kind(kind) {
			for _, cn := range targetsOf(c, src) {
				q := c.To(cn)
				if q.Kind != "sqs" || !c.IsFifo(q) {
					continue
				}
				group := c.ConnProp(cn, "SqsParameters.MessageGroupId")
				dedup := kind != "scheduler" || c.Prop(q, "ContentBasedDeduplication").Bool()
				if group.Str() != "" && dedup {
					continue
				}
				var problems []string
				fix := ops()
				if group.Str() == "" {
					problems = append(problems, "the target sets no SqsParameters.MessageGroupId, and SQS refuses a "+
						"message for a FIFO queue without one")
					fix = append(fix, setConnProps(cn.ID, map[string]any{"SqsParameters.MessageGroupId": src.ID}))
				}
				if !dedup {
					problems = append(problems, "the queue has no ContentBasedDeduplication, which EventBridge "+
						"Scheduler requires of a FIFO target")
					fix = append(fix, setProps(q.ID, eventBridgeFifoTargetFix))
				}
				msg := c.Label(src) + " → " + c.Label(q) + ": " + strings.Join(problems, "; ") + ". Every delivery fails."
				if group.Str() == "" {
					msg += " A fixed group id puts every message of this target in one group, delivered strictly in " +
						"order, one batch at a time."
				}
				report.Add(Finding{Subjects: []string{cn.ID, cn.From, cn.To}, Message: msg, Fix: fix})
			}
		}
	}
}
