package rules

import (
	"github.com/archlab/archlab/design"
)

// lambdaCallsLambdaSync: a function that invokes another and waits pays for
// both while one idles, and the two share one timeout and error budget.
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
		if kind.Str() != "RequestResponse" {
			continue
		}
		caller, callee := c.From(cn), c.To(cn)
		report.Add(Finding{
			Subjects: []string{cn.ID, caller.ID, callee.ID},
			Message: c.Label(caller) + " invokes " + c.Label(callee) + " with InvocationType " + kind.Text() + ", so it " +
				"waits: you pay for both functions while one idles, the caller's timeout must cover the callee's, and " +
				"throttling or errors in one fail the other. Orchestrate the two with Step Functions, or hand the work " +
				"off asynchronously (an Event invoke or a queue).",
		})
	}
}
