package rules

// lambdaLogRetention: a function's log group keeps its logs forever unless
// a retention is set, and the storage is billed every month.
type lambdaLogRetention struct{}

func newLambdaLogRetention() Rule { return lambdaLogRetention{} }

// lambdaLogRetentionFix is the fix's patch, one map shared by every finding (see fix.go).
var lambdaLogRetentionFix = map[string]any{"LogRetentionInDays": 30}

func (lambdaLogRetention) Meta() Meta {
	return Meta{
		ID:          "lambda-log-retention",
		Title:       "Function logs kept forever",
		Severity:    Info,
		Scope:       "block:lambda",
		Equivalents: []string{"serverless-rules:WS1004", "cdk-nag:Serverless-CloudWatchLogGroupRetentionPeriod"},
	}
}

func (lambdaLogRetention) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		if c.Prop(fn, "LogRetentionInDays").Set() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " sets no LogRetentionInDays, so its CloudWatch log group keeps every log line " +
				"forever and the storage bill grows month after month. Choose a retention (30 days is a common start) " +
				"and export what must be kept longer.",
			Fix: ops(setProps(fn.ID, lambdaLogRetentionFix)),
		})
	}
}
