package rules

// sfnTracing: X-Ray on a state machine follows an execution into the
// functions and services its tasks call.
type sfnTracing struct{}

func newSfnTracing() Rule { return sfnTracing{} }

// sfnTracingFix is the fix's patch, one map shared by every finding (see fix.go).
var sfnTracingFix = map[string]any{"TracingConfiguration.Enabled": true}

func (sfnTracing) Meta() Meta {
	return Meta{
		ID:          "sfn-tracing",
		Title:       "State machine without X-Ray tracing",
		Severity:    Info,
		Scope:       "block:stepfunctions",
		Equivalents: []string{"serverless-rules:WS5000", "cdk-nag:Serverless-StepFunctionStateMachineXray"},
	}
}

func (sfnTracing) Check(c *Context, report *Report) {
	for _, sm := range c.Kind("stepfunctions") {
		tracing := c.Prop(sm, "TracingConfiguration.Enabled")
		if tracing.Bool() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{sm.ID},
			Message: c.Label(sm) + " has TracingConfiguration.Enabled " + tracing.Text() + ": without X-Ray, a slow " +
				"execution cannot be followed into the functions and services its tasks call.",
			Fix: ops(setProps(sm.ID, sfnTracingFix)),
		})
	}
}
