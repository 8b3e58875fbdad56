package rules

import (
	"github.com/archlab/archlab/design"
)

// lambdaCallsLambdaSync: a function that invokes another and waits pays for
// both while one idles, and the two share one timeout and error budget.
//
// Two callers are left alone. A durable function (DurableConfig) calls
// others with context.invoke(), which checkpoints and suspends the caller
// until the result is in: it is not running, nor billed, while it waits.
// And a call only inferred from a permission or the environment says
// nothing of how the code invokes, so nothing of whether it waits.
type lambdaCallsLambdaSync struct{}

func newLambdaCallsLambdaSync() Rule { return lambdaCallsLambdaSync{} }

func (lambdaCallsLambdaSync) Meta() Meta {
	return Meta{
		ID:       "lambda-calls-lambda-sync",
		Title:    "Function invokes another function and waits",
		Severity: Warning,
		Scope:    "connection:lambda→lambda",
	}
}

func (lambdaCallsLambdaSync) Check(c *Context, report *Report) {
	for _, cn := range c.Links("lambda", "lambda", design.IntSDK) {
		kind := c.ConnProp(cn, "InvocationType")
		if kind.Str() != "RequestResponse" || (kind.Default && cn.Inferred()) {
			continue
		}
		caller, callee := c.From(cn), c.To(cn)
		if c.External(caller) || isDurable(c, caller) {
			continue // how an outside or durable caller waits is not this rule's
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, caller.ID, callee.ID},
			Message: c.Label(caller) + " invokes " + c.Label(callee) + " with InvocationType " + kind.Text() + ", so it " +
				"waits: you pay for both functions while one idles, the caller's timeout must cover the callee's, and " +
				"throttling or errors in one fail the other. Orchestrate the two with Step Functions or a durable " +
				"function (whose context.invoke() suspends the caller while it waits), or hand the work off " +
				"asynchronously (an Event invoke or a queue).",
		})
	}
}

// isDurable reports whether a function is a Lambda durable function: its
// DurableConfig sets the execution timeout CloudFormation requires.
func isDurable(c *Context, fn *design.Block) bool {
	return c.Prop(fn, "DurableConfig.ExecutionTimeout").Present()
}
