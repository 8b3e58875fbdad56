package rules

// appsyncTracing: X-Ray on an AppSync API shows which resolver a slow query
// spends its time in.
type appsyncTracing struct{}

func newAppSyncTracing() Rule { return appsyncTracing{} }

// appsyncTracingFix is the fix's patch, one map shared by every finding (see fix.go).
var appsyncTracingFix = map[string]any{"XrayEnabled": true}

func (appsyncTracing) Meta() Meta {
	return Meta{
		ID:          "appsync-tracing",
		Title:       "AppSync API without X-Ray tracing",
		Severity:    Info,
		Scope:       "block:appsync",
		Equivalents: []string{"serverless-rules:WS3000", "cdk-nag:Serverless-AppSyncTracing"},
	}
}

func (appsyncTracing) Check(c *Context, report *Report) {
	for _, api := range c.Kind("appsync") {
		xray := c.Prop(api, "XrayEnabled")
		if xray.Bool() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{api.ID},
			Message: c.Label(api) + " has XrayEnabled " + xray.Text() + ": without X-Ray, a slow query cannot be traced " +
				"to the resolver or data source it waits on.",
			Fix: ops(setProps(api.ID, appsyncTracingFix)),
		})
	}
}
