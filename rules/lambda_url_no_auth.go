package rules

// lambdaURLNoAuth: a function URL with AuthType NONE can be called by anyone
// who finds it, and every call is billed to you.
type lambdaURLNoAuth struct{}

func newLambdaURLNoAuth() Rule { return lambdaURLNoAuth{} }

// lambdaURLNoAuthFix is the fix's patch, one map shared by every finding (see fix.go).
var lambdaURLNoAuthFix = map[string]any{"FunctionUrlConfig.AuthType": "AWS_IAM"}

func (lambdaURLNoAuth) Meta() Meta {
	return Meta{
		ID:          "lambda-url-no-auth",
		Title:       "Function URL open to anyone",
		Severity:    Warning,
		Scope:       "block:lambda",
		Equivalents: []string{"cdk-nag:LambdaFunctionUrlAuth"},
	}
}

func (lambdaURLNoAuth) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		if c.Prop(fn, "FunctionUrlConfig.AuthType").Str() != "NONE" {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + "'s function URL has AuthType NONE: anyone on the internet who learns the URL can " +
				"invoke it, with no throttling but the function's own, and you pay for every call. Use AWS_IAM (with " +
				"CloudFront and origin access control in front for browsers); if the URL must be public, as for a " +
				"webhook, have the code check every caller (a signature or a token).",
			Fix: ops(setProps(fn.ID, lambdaURLNoAuthFix)),
		})
	}
}
