package rules

import (
	"github.com/archlab/archlab/design"
)

// lambdaAsyncNoFailureDestination: an asynchronously invoked function drops
// an event silently after its retries unless it has an on-failure
// destination or a dead-letter queue.
type lambdaAsyncNoFailureDestination struct{}

func newLambdaAsyncNoFailureDestination() Rule { return lambdaAsyncNoFailureDestination{} }

func (lambdaAsyncNoFailureDestination) Meta() Meta {
	return Meta{
		ID:          "lambda-async-no-failure-destination",
		Title:       "Asynchronously invoked function without an on-failure destination",
		Severity:    Warning,
		Scope:       "block:lambda",
		Equivalents: []string{"serverless-rules:ES1007", "cdk-nag:Serverless-LambdaAsyncFailureDestination"},
	}
}

func (lambdaAsyncNoFailureDestination) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		sources, conns := asyncSources(c, fn)
		if len(sources) == 0 || hasFailureDestination(c, fn) {
			continue
		}
		retries := c.Prop(fn, "EventInvokeConfig.MaximumRetryAttempts")
		age := c.Prop(fn, "EventInvokeConfig.MaximumEventAgeInSeconds")
		id, addQueue := deadLetterQueueFor(c, fn, fn.ID+"Failures", false)
		report.Add(Finding{
			Subjects: append([]string{fn.ID}, conns...),
			Message: c.Label(fn) + " is invoked asynchronously by " + c.joinLabels(sources) + " but has no on-failure " +
				"destination or dead-letter queue: an event that still fails after " + retries.Text() +
				" retries, or waits longer than " + age.Text() + ", is dropped without a trace.",
			Fix: append(addQueue, connect(c.FreeID(fn.ID+"-"+id), fn.ID, id, design.IntOnFailure, nil)),
		})
	}
}

// asyncSources lists what invokes a function asynchronously, and the
// connections it does so through.
func asyncSources(c *Context, fn *design.Block) (ids, conns []string) {
	for _, cn := range c.In(fn) {
		switch {
		case c.Model(cn) == design.ModelAsync, c.Model(cn) == design.ModelSubscription:
		case cn.Integration == design.IntSDK && c.ConnProp(cn, "InvocationType").Str() == "Event":
		case cn.Integration == design.IntTarget && c.ConnProp(cn, "LambdaParameters.InvocationType").Str() == "EVENT":
			// a Custom Event Bus subscriber handing batches to Lambda's asynchronous queue
		default:
			continue
		}
		ids = append(ids, cn.From)
		conns = append(conns, cn.ID)
	}
	return ids, conns
}

// hasFailureDestination reports whether a function has an on-failure
// destination or a dead-letter queue.
func hasFailureDestination(c *Context, fn *design.Block) bool {
	for _, cn := range c.Out(fn) {
		if cn.Integration == design.IntOnFailure || cn.Integration == design.IntDeadLetter {
			return true
		}
	}
	return false
}
