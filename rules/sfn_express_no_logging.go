package rules

// sfnExpressNoLogging: Step Functions keeps no execution history for
// Express workflows; without logging, a failed execution leaves no trace.
type sfnExpressNoLogging struct{}

func newSfnExpressNoLogging() Rule { return sfnExpressNoLogging{} }

func (sfnExpressNoLogging) Meta() Meta {
	return Meta{
		ID:       "sfn-express-no-logging",
		Title:    "Express workflow without logging",
		Severity: Warning,
		Scope:    "block:stepfunctions",
	}
}

func (sfnExpressNoLogging) Check(c *Context) []Finding {
	var out []Finding
	for _, sm := range c.Kind("stepfunctions") {
		level := c.Prop(sm, "LoggingConfiguration.Level")
		if !sfnIsExpress(c, sm) || level.Str() != "OFF" {
			continue
		}
		out = append(out, Finding{
			Subjects: []string{sm.ID},
			Message: c.Label(sm) + " is an Express workflow with logging " + level.Text() + ": Step Functions keeps no " +
				"execution history for Express workflows, only what is logged to CloudWatch Logs, so a failed execution " +
				"leaves no trace of where or why it failed. Log at least errors.",
			Fix: ops(setProps(sm.ID, map[string]any{"LoggingConfiguration.Level": "ERROR"})),
		})
	}
	return out
}
