package rules

import (
	"sync"
)

// lambdaRuntimeDeprecated: a deprecated runtime gets no security patches;
// Lambda will later refuse to create, then to update, functions with it.
// Once creation is blocked, lambda-runtime-blocked reports it instead.
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
		rt, ok := lambdaRuntimeTable[c.Prop(fn, "Runtime").Str()]
		if !ok || !rt.Deprecated.Passed(c.Now) || rt.BlockCreate.Passed(c.Now) {
			continue
		}
		f := Finding{Subjects: []string{fn.ID}, Message: c.Label(fn) + " uses " + deprecationTexts()[rt.ID]}
		if rt.Successor != "" {
			f.Fix = ops(setProps(fn.ID, rt.successorFix))
		}
		report.Add(f)
	}
}

// deprecationTexts holds, for each runtime, what a finding says after "X
// uses": it depends on the runtime alone, and many functions share one, so
// it is written once.
var deprecationTexts = sync.OnceValue(func() map[string]string {
	texts := make(map[string]string, len(lambdaRuntimeTable))
	for id, rt := range lambdaRuntimeTable {
		msg := id + ", deprecated since " + rt.Deprecated.Day() + ": it gets no security patches any more. "
		switch {
		case rt.BlockCreate.Known() && rt.BlockUpdate.Known():
			msg += "Lambda will refuse to create functions with it from " + rt.BlockCreate.Day() +
				" and to update them from " + rt.BlockUpdate.Day() + "."
		case rt.BlockCreate.Known():
			msg += "Lambda will refuse to create functions with it from " + rt.BlockCreate.Day() + "."
		case rt.BlockUpdate.Known():
			msg += "Lambda will refuse to update functions with it from " + rt.BlockUpdate.Day() + "."
		default:
			msg += "AWS has not announced when Lambda stops creating and updating functions with it."
		}
		msg += unsureNote(rt.Deprecated, rt.BlockCreate, rt.BlockUpdate)
		if rt.Successor != "" {
			msg += " Move the code to " + rt.Successor + "."
		}
		texts[id] = msg
	}
	return texts
})
