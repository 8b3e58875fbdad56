package rules

import "github.com/archlab/archlab/design"

// lambdaRuntimeDeprecated: a deprecated runtime gets no security patches;
// Lambda will later refuse to create, then to update, functions with it.
// Once creation is blocked, lambda-runtime-blocked reports it instead. The
// days come from the runtime life-cycle table (see lambda_runtimes.go),
// compared with the check's clock.
type lambdaRuntimeDeprecated struct{}

func newLambdaRuntimeDeprecated() Rule { return lambdaRuntimeDeprecated{} }

func (lambdaRuntimeDeprecated) Meta() Meta {
	return Meta{
		ID:          "lambda-runtime-deprecated",
		Title:       "Deprecated runtime",
		Severity:    Warning,
		Scope:       "block:lambda",
		Equivalents: []string{"cfn-lint:W2531"},
	}
}

func (lambdaRuntimeDeprecated) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		rt, _, known := functionRuntime(c, fn)
		if !known || rt.Stage(c.Now) != design.RuntimeDeprecated {
			continue
		}
		f := Finding{Subjects: []string{fn.ID}, Message: c.Label(fn) + " uses " + runtimeTexts()[runtimeText{rt.ID, design.RuntimeDeprecated}]}
		if fix, ok := runtimeFixes()[rt.ID]; ok {
			f.Fix = ops(setProps(fn.ID, fix))
		}
		report.Add(f)
	}
}
