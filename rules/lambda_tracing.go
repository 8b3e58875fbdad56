package rules

// lambdaTracing: without active X-Ray tracing a function's calls do not show
// in the service map, and slow or failing hops are hard to find.
type lambdaTracing struct{}

func newLambdaTracing() Rule { return lambdaTracing{} }

// lambdaTracingFix is the fix's patch, one map shared by every finding (see fix.go).
var lambdaTracingFix = map[string]any{"TracingConfig.Mode": "Active"}

func (lambdaTracing) Meta() Meta {
	return Meta{
		ID:          "lambda-tracing",
		Title:       "Function without active X-Ray tracing",
		Severity:    Info,
		Scope:       "block:lambda",
		Equivalents: []string{"serverless-rules:WS1000", "cdk-nag:Serverless-LambdaTracing"},
	}
}

func (lambdaTracing) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		mode := c.Prop(fn, "TracingConfig.Mode")
		// Lambda@Edge lists X-Ray among the Lambda features it does not
		// support, so edge functions are left out.
		if mode.Str() == "Active" || isEdgeFunction(c, fn) {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " has TracingConfig.Mode " + mode.Text() + ", so it records no X-Ray traces of its " +
				"own: its calls are missing from the service map, and a slow or failing hop takes guesswork to find. " +
				"Set tracing to Active.",
			Fix: ops(setProps(fn.ID, lambdaTracingFix)),
		})
	}
}
