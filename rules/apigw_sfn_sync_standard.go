package rules

import (
	"github.com/archlab/archlab/design"
)

// apigwSfnSyncStandard: StartSyncExecution starts Express workflows only;
// Step Functions refuses it for a Standard state machine.
type apigwSfnSyncStandard struct{}

func newAPIGWSfnSyncStandard() Rule { return apigwSfnSyncStandard{} }

// apigwSfnSyncStandardFix is the fix's patch, one map shared by every finding (see fix.go).
var apigwSfnSyncStandardFix = map[string]any{"Action": "StartExecution"}

func (apigwSfnSyncStandard) Meta() Meta {
	return Meta{
		ID:       "apigw-sfn-sync-standard",
		Title:    "Synchronous start of a Standard workflow",
		Severity: Error,
		Scope:    "connection:apigateway→stepfunctions",
	}
}

func (apigwSfnSyncStandard) Check(c *Context, report *Report) {
	for _, api := range apiGatewayKinds {
		for _, cn := range c.Links(api, "stepfunctions", design.IntService) {
			action := c.ConnProp(cn, "Action")
			sm := c.To(cn)
			if action.Str() != "StartSyncExecution" || sfnIsExpress(c, sm) || c.Prop(sm, "Type").Unknown {
				continue
			}
			report.Add(Finding{
				Subjects: []string{cn.ID, sm.ID},
				Message: c.Label(c.From(cn)) + " starts " + c.Label(sm) + " with StartSyncExecution, but " + c.Label(sm) +
					"'s Type is " + c.Prop(sm, "Type").Text() + ": synchronous starts work for Express workflows only, " +
					"so every request fails. Start it with StartExecution and let the caller poll or be notified, or " +
					"make the workflow Express if it always finishes within the integration timeout.",
				Fix: ops(setConnProps(cn.ID, apigwSfnSyncStandardFix)),
			})
		}
	}
}
