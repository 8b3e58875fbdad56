package rules

import (
	"github.com/archlab/archlab/design"
)

// eventBridgeTargetNoDLQ: EventBridge retries a failed delivery for up to 24
// hours and 185 attempts by default, and then drops the event, unless the
// target has a dead-letter queue.
type eventBridgeTargetNoDLQ struct{}

func newEventBridgeTargetNoDLQ() Rule { return eventBridgeTargetNoDLQ{} }

func (eventBridgeTargetNoDLQ) Meta() Meta {
	return Meta{
		ID:          "eventbridge-target-no-dlq",
		Title:       "EventBridge rule target without a dead-letter queue",
		Severity:    Warning,
		Scope:       "connection:eventbridge-rule→*",
		Equivalents: []string{"serverless-rules:ES4000", "cdk-nag:Serverless-EventBusDLQ"},
	}
}

func (eventBridgeTargetNoDLQ) Check(c *Context, report *Report) {
	for _, r := range c.Kind("eventbridge-rule") {
		for _, cn := range targetsOf(c, r) {
			if f, ok := targetNoDLQFinding(c, cn, "an event EventBridge"); ok {
				report.Add(f)
			}
		}
	}
}

// targetNoDLQFinding reports a rule or schedule target without a dead-letter
// queue, with the fix that adds a standard queue (EventBridge and Scheduler
// take no FIFO dead-letter queue).
// What names the thing delivered and who delivers it: "an event EventBridge".
func targetNoDLQFinding(c *Context, cn *design.Connection, what string) (Finding, bool) {
	if c.ConnProp(cn, "DeadLetterConfig.Arn").Present() {
		return Finding{}, false
	}
	src, dst := c.From(cn), c.To(cn)
	retries := c.ConnProp(cn, "RetryPolicy.MaximumRetryAttempts")
	age := c.ConnProp(cn, "RetryPolicy.MaximumEventAgeInSeconds")
	dlq, fix := deadLetterQueueFor(c, dst, src.ID+dst.ID+"DLQ", false)
	fix = append(fix, setConnProps(cn.ID, map[string]any{"DeadLetterConfig.Arn": dlq}))
	return Finding{
		Subjects: []string{cn.ID, cn.From, cn.To},
		Message: c.Label(src) + " → " + c.Label(dst) + ": the target has no dead-letter queue, so " + what +
			" still cannot deliver when its retries run out (MaximumRetryAttempts " + retries.Text() +
			", MaximumEventAgeInSeconds " + age.Text() + ") is dropped without a trace. Give the target a dead-letter " +
			"queue: a standard SQS queue.",
		Fix: fix,
	}, true
}
