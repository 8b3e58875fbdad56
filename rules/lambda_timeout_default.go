package rules

// lambdaTimeoutDefault: a function without a Timeout is stopped after 3 s,
// which is too short for most work that calls other services and too long
// for nothing; the timeout should be a decision.
type lambdaTimeoutDefault struct{}

func newLambdaTimeoutDefault() Rule { return lambdaTimeoutDefault{} }

func (lambdaTimeoutDefault) Meta() Meta {
	return Meta{
		ID:          "lambda-timeout-default",
		Title:       "Function timeout left at the default",
		Severity:    Info,
		Scope:       "block:lambda",
		Equivalents: []string{"serverless-rules:ES1006", "cdk-nag:Serverless-LambdaDefaultTimeout"},
	}
}

func (lambdaTimeoutDefault) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		timeout := c.Prop(fn, "Timeout")
		if timeout.Set() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " sets no Timeout, so Lambda stops it after " + timeout.Text() + ", a limit " +
				"nobody chose: too short for a function that calls a slow dependency, and longer than it should wait " +
				"for one that normally answers in milliseconds. Set the timeout from the function's expected run time.",
		})
	}
}
