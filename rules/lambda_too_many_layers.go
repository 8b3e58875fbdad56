package rules

import "strconv"

// lambdaTooManyLayers: a function can use at most five layers; Lambda
// refuses more.
type lambdaTooManyLayers struct{}

func newLambdaTooManyLayers() Rule { return lambdaTooManyLayers{} }

func (lambdaTooManyLayers) Meta() Meta {
	return Meta{
		ID:       "lambda-too-many-layers",
		Title:    "Function with more than five layers",
		Severity: Error,
		Scope:    "block:lambda",
	}
}

func (lambdaTooManyLayers) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		n := len(c.Prop(fn, "Layers").List())
		if n <= 5 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " uses " + strconv.Itoa(n) + " layers, and Lambda accepts at most 5 per function: " +
				"the deployment fails. Merge layers, or bundle the dependencies into the function's package.",
		})
	}
}
