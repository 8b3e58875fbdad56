package rules

// sfnExpressNoLogging: Step Functions keeps no execution history for
// Express workflows; without logging, a failed execution leaves no trace.
type sfnExpressNoLogging struct{}

func newSfnExpressNoLogging() Rule { return sfnExpressNoLogging{} }

// sfnExpressNoLoggingFix is the fix's patch, one map shared by every finding (see fix.go).
var sfnExpressNoLoggingFix = map[string]any{"LoggingConfiguration.Level": "ERROR"}

func (sfnExpressNoLogging) Meta() Meta {
	return Meta{
		ID:       "sfn-express-no-logging",
		Title:    "Express workflow without logging",
		Severity: Warning,
		Scope:    "block:stepfunctions",
	}
}

func (sfnExpressNoLogging) Check(c *Context, report *Report) {
	for _, sm := range c.Kind("stepfunctions") {
		level := c.Prop(sm, "LoggingConfiguration.Level")
		if !sfnIsExpress(c, sm) || level.Str() != "OFF" {
			continue
		}
		report.Add(Finding{
			Subjects: []string{sm.ID},
			Message: c.Label(sm) + " is an Express workflow with logging " + level.Text() + ": Step Functions keeps no " +
				"execution history for Express workflows, only what is logged to CloudWatch Logs, so a failed execution " +
				"leaves no trace of where or why it failed. Log at least errors.",
			Fix: ops(setProps(sm.ID, sfnExpressNoLoggingFix)),
		})
	}
}
