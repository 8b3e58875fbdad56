package rules

import "strconv"

// lambdaImageLayers: layers are for functions deployed as .zip archives. A
// function packaged as a container image carries its dependencies in the
// image, and Lambda refuses layers on it; so does SAM's translator, for
// Layers written on the function or merged in from Globals.
type lambdaImageLayers struct{}

func newLambdaImageLayers() Rule { return lambdaImageLayers{} }

func (lambdaImageLayers) Meta() Meta {
	return Meta{
		ID:          "lambda-image-layers",
		Title:       "Container image function with layers",
		Severity:    Error,
		Scope:       "block:lambda",
		Equivalents: []string{"cfn-lint:E3685"},
	}
}

// lambdaImageLayersFix removes the layers, shared (see fix.go).
var lambdaImageLayersFix = map[string]any{"Layers": nil}

func (lambdaImageLayers) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		if c.Prop(fn, "PackageType").Str() != "Image" {
			continue
		}
		n := len(c.Prop(fn, "Layers").List())
		if n == 0 {
			continue
		}
		layers := "a layer"
		if n > 1 {
			layers = strconv.Itoa(n) + " layers"
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " is packaged as a container image (PackageType Image) and uses " + layers + ", but " +
				"layers work only for functions deployed as .zip archives: Lambda refuses the function. Copy what the " +
				"layers hold into the image when you build it (the Dockerfile), then remove Layers.",
			Fix: ops(setProps(fn.ID, lambdaImageLayersFix)),
		})
	}
}
