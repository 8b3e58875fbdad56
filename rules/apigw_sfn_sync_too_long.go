package rules

import (
	"github.com/archlab/archlab/design"
)

// apigwSfnSyncTooLong: a synchronous start waits for the Express workflow
// to finish, but API Gateway stops waiting at its integration timeout.
type apigwSfnSyncTooLong struct{}

func newAPIGWSfnSyncTooLong() Rule { return apigwSfnSyncTooLong{} }

func (apigwSfnSyncTooLong) Meta() Meta {
	return Meta{
		ID:       "apigw-sfn-sync-too-long",
		Title:    "Synchronous workflow outlasts the API's integration timeout",
		Severity: Warning,
		Scope:    "connection:apigateway→stepfunctions",
	}
}

func (apigwSfnSyncTooLong) Check(c *Context, report *Report) {
	for _, api := range apiGatewayKinds {
		for _, cn := range c.Links(api, "stepfunctions", design.IntService) {
			sm := c.To(cn)
			if c.ConnProp(cn, "Action").Str() != "StartSyncExecution" || !sfnIsExpress(c, sm) {
				continue
			}
			expected := c.Prop(sm, "ExpectedDurationSeconds")
			limit := c.ConnProp(cn, "TimeoutInMillis")
			if !expected.Present() || expected.Num()*1000 <= limit.Num() {
				continue
			}
			report.Add(Finding{
				Subjects: []string{cn.ID, sm.ID},
				Message: c.Label(sm) + " is expected to take " + expected.Text() + ", but " + c.Label(c.From(cn)) +
					" waits only " + num(limit.Num()/1000, "s") + defaultNote(limit) + " for StartSyncExecution: callers get " +
					"a 504 while the workflow runs on. Start it with StartExecution and return at once, then let the " +
					"caller poll or be notified.",
			})
		}
	}
}
