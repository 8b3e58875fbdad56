package rules

// sfnTracing: X-Ray on a state machine follows an execution into the
// functions and services its tasks call.
type sfnTracing struct{}

func newSfnTracing() Rule { return sfnTracing{} }

func (sfnTracing) Meta() Meta {
	return Meta{
		ID:          "sfn-tracing",
		Title:       "State machine without X-Ray tracing",
		Severity:    Info,
		Scope:       "block:stepfunctions",
		Equivalents: []string{"serverless-rules:WS5000", "cdk-nag:Serverless-StepFunctionStateMachineXray"},
	}
}

func (sfnTracing) Check(c *Context) []Finding {
	var out []Finding
	for _, sm := range c.Kind("stepfunctions") {
		tracing := c.Prop(sm, "TracingConfiguration.Enabled")
		if tracing.Bool() {
			continue
		}
		out = append(out, Finding{
			Subjects: []string{sm.ID},
			Message: c.Label(sm) + " has TracingConfiguration.Enabled " + tracing.Text() + ": without X-Ray, a slow " +
				"execution cannot be followed into the functions and services its tasks call.",
			Fix: ops(setProps(sm.ID, map[string]any{"TracingConfiguration.Enabled": true})),
		})
	}
	return out
}
