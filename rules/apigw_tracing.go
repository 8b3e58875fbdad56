package rules

// apigwTracing: X-Ray tracing on a REST API stage shows where a request's
// time goes across API Gateway and its backends. HTTP APIs have no X-Ray.
type apigwTracing struct{}

func newAPIGWTracing() Rule { return apigwTracing{} }

// apigwTracingFix is the fix's patch, one map shared by every finding (see fix.go).
var apigwTracingFix = map[string]any{"TracingEnabled": true}

func (apigwTracing) Meta() Meta {
	return Meta{
		ID:          "apigw-tracing",
		Title:       "REST API without X-Ray tracing",
		Severity:    Info,
		Scope:       "block:apigateway-rest",
		Equivalents: []string{"serverless-rules:WS2002", "cdk-nag:Serverless-APIGWXrayEnabled"},
	}
}

func (apigwTracing) Check(c *Context, report *Report) {
	for _, api := range c.Kind("apigateway-rest") {
		tracing := c.Prop(api, "TracingEnabled")
		if tracing.Bool() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{api.ID},
			Message: c.Label(api) + " has TracingEnabled " + tracing.Text() + ": without X-Ray, a slow or failing request " +
				"cannot be followed from the API into its backends.",
			Fix: ops(setProps(api.ID, apigwTracingFix)),
		})
	}
}
