package rules

import (
	"github.com/archlab/archlab/design"
)

// appsyncLambdaTimeout: AppSync gives a whole GraphQL request 30 seconds,
// resolvers included, and the limit cannot be raised; a Lambda resolver
// allowed to run longer makes the client fail while the function runs on,
// billed. The 30 seconds are documented only outside AWS's guides (see the
// fact), and a resolver that invokes the function asynchronously
// (invocationType Event) does not wait, which the design cannot tell: so a
// warning, whose message says both.
type appsyncLambdaTimeout struct{}

func newAppSyncLambdaTimeout() Rule { return appsyncLambdaTimeout{} }

// appsyncRequestMax is how long AppSync lets a request run, in seconds.
var appsyncRequestMax = design.FactValue("appsync.request-time-max")

// appsyncLambdaTimeoutFix is the fix's patch, one map shared by every finding (see fix.go).
var appsyncLambdaTimeoutFix = map[string]any{"Timeout": appsyncRequestMax}

func (appsyncLambdaTimeout) Meta() Meta {
	return Meta{
		ID:       "appsync-lambda-timeout",
		Title:    "Lambda resolver outlives AppSync's request limit",
		Severity: Warning,
		Scope:    "connection:appsync→lambda",
	}
}

func (appsyncLambdaTimeout) Check(c *Context, report *Report) {
	for _, cn := range c.Links("appsync", "lambda", design.IntResolver) {
		fn := c.To(cn)
		timeout := c.Prop(fn, "Timeout")
		if timeout.Num() <= appsyncRequestMax {
			continue
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, fn.ID},
			Message: c.Label(fn) + "'s Timeout " + timeout.Text() + " is longer than the " + num(appsyncRequestMax, "s") +
				" AppSync gives a whole GraphQL request, and " + c.Label(c.From(cn)) + " resolves a field with it: a slow " +
				"call fails for the client while the function runs on, billed, and its answer is thrown away. Keep the " +
				"function within " + num(appsyncRequestMax, "s") + ", or hand the work off (a resolver that invokes it with " +
				"invocationType Event does not wait, and a subscription can deliver the result). AWS's guides do not " +
				"state this limit; it is known from AWS's answers and quota listings.",
			Fix: ops(setProps(fn.ID, appsyncLambdaTimeoutFix)),
		})
	}
}
