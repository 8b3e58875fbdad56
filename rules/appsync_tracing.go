package rules

// appsyncTracing: X-Ray on an AppSync API shows which resolver a slow query
// spends its time in.
type appsyncTracing struct{}

func newAppSyncTracing() Rule { return appsyncTracing{} }

func (appsyncTracing) Meta() Meta {
	return Meta{
		ID:          "appsync-tracing",
		Title:       "AppSync API without X-Ray tracing",
		Severity:    Info,
		Scope:       "block:appsync",
		Equivalents: []string{"serverless-rules:WS3000", "cdk-nag:Serverless-AppSyncTracing"},
	}
}

func (appsyncTracing) Check(c *Context) []Finding {
	var out []Finding
	for _, api := range c.Kind("appsync") {
		xray := c.Prop(api, "XrayEnabled")
		if xray.Bool() {
			continue
		}
		out = append(out, Finding{
			Subjects: []string{api.ID},
			Message: c.Label(api) + " has XrayEnabled " + xray.Text() + ": without X-Ray, a slow query cannot be traced " +
				"to the resolver or data source it waits on.",
			Fix: ops(setProps(api.ID, map[string]any{"XrayEnabled": true})),
		})
	}
	return out
}
