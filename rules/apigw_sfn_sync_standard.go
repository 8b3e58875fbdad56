package rules

import (
	"github.com/archlab/archlab/design"
)

// apigwSfnSyncStandard: StartSyncExecution starts Express workflows only;
// Step Functions refuses it for a Standard state machine.
type apigwSfnSyncStandard struct{}

func newAPIGWSfnSyncStandard() Rule { return apigwSfnSyncStandard{} }

func (apigwSfnSyncStandard) Meta() Meta {
	return Meta{
		ID:       "apigw-sfn-sync-standard",
		Title:    "Synchronous start of a Standard workflow",
		Severity: Error,
		Scope:    "connection:apigateway→stepfunctions",
	}
}

func (apigwSfnSyncStandard) Check(c *Context) []Finding {
	var out []Finding
	for _, api := range apiGatewayKinds {
		for _, cn := range c.Links(api, "stepfunctions", design.IntService) {
			action := apiConnProp(c, cn, "Action")
			sm := c.To(cn)
			if action.Str() != "StartSyncExecution" || sfnIsExpress(c, sm) {
				continue
			}
			out = append(out, Finding{
				Subjects: []string{cn.ID, sm.ID},
				Message: c.Label(c.From(cn)) + " starts " + c.Label(sm) + " with StartSyncExecution, but " + c.Label(sm) +
					"'s Type is " + c.Prop(sm, "Type").Text() + ": synchronous starts work for Express workflows only, " +
					"so every request fails. Start it with StartExecution and let the caller poll or be notified, or " +
					"make the workflow Express if it always finishes within the integration timeout.",
				Fix: ops(setConnProps(cn.ID, map[string]any{"Action": "StartExecution"})),
			})
		}
	}
	return out
}
