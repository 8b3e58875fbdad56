package rules

import (
	"strconv"

	"github.com/archlab/archlab/design"
)

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

// maxLayers is how many layers a function may use.
var maxLayers = design.FactValue("lambda.max-layers")

func (lambdaTooManyLayers) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		n := len(c.Prop(fn, "Layers").List())
		if n <= int(maxLayers) || c.Prop(fn, "PackageType").Str() == "Image" {
			continue // an image function takes no layer at all: lambda-image-layers
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " uses " + strconv.Itoa(n) + " layers, and Lambda accepts at most " + num(maxLayers, "") + " per function: " +
				"the deployment fails. Merge layers, or bundle the dependencies into the function's package.",
		})
	}
}
