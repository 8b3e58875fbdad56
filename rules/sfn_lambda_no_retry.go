package rules

import (
	"github.com/archlab/archlab/design"
)

// sfnLambdaNoRetry: Lambda occasionally fails an invoke for reasons that
// pass (throttling, service errors); without a Retry they fail the whole
// execution.
type sfnLambdaNoRetry struct{}

func newSfnLambdaNoRetry() Rule { return sfnLambdaNoRetry{} }

// sfnLambdaNoRetryFix is the fix's patch, one map shared by every finding (see fix.go).
var sfnLambdaNoRetryFix = map[string]any{"Retry": true}

func (sfnLambdaNoRetry) Meta() Meta {
	return Meta{
		ID:       "sfn-lambda-no-retry",
		Title:    "Lambda task without retries",
		Severity: Info,
		Scope:    "connection:stepfunctions→lambda",
	}
}

func (sfnLambdaNoRetry) Check(c *Context, report *Report) {
	for _, cn := range c.Links("stepfunctions", "lambda", design.IntTask) {
		retry := c.ConnProp(cn, "Retry")
		if retry.Bool() {
			continue
		}
		sm := c.From(cn)
		report.Add(Finding{
			Subjects: []string{cn.ID, sm.ID},
			Message: c.Label(sm) + " → " + c.Label(c.To(cn)) + ": the task has Retry " + retry.Text() + ", so a " +
				"passing Lambda error (Lambda.ServiceException, Lambda.TooManyRequestsException, " +
				"Lambda.SdkClientException) fails the whole execution. Retry those with backoff.",
			Fix: ops(setConnProps(cn.ID, sfnLambdaNoRetryFix)),
		})
	}
}
