package rules

// lambdaRuntimeBlocked: once a runtime's "block function create" date has
// passed, Lambda refuses to create functions with it, so a new stack or a
// new Region cannot deploy the function. Dates come from lambdaRuntimeTable.
type lambdaRuntimeBlocked struct{}

func newLambdaRuntimeBlocked() Rule { return lambdaRuntimeBlocked{} }

func (lambdaRuntimeBlocked) Meta() Meta {
	return Meta{
		ID:          "lambda-runtime-blocked",
		Title:       "Runtime Lambda no longer accepts for new functions",
		Severity:    Error,
		Scope:       "block:lambda",
		Equivalents: []string{"cfn-lint:E2531", "cfn-lint:E2533"},
	}
}

func (lambdaRuntimeBlocked) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		rt, ok := lambdaRuntimeTable[c.Prop(fn, "Runtime").Str()]
		if !ok || !rt.BlockCreate.Passed(c.Now) {
			continue
		}
		msg := c.Label(fn) + " uses " + rt.ID + ", and Lambda has refused to create functions with it since " +
			rt.BlockCreate.Day()
		switch {
		case rt.BlockUpdate.Passed(c.Now):
			msg += " and to update existing ones since " + rt.BlockUpdate.Day() + ": the design cannot be deployed " +
				"at all, not even as an update."
		case rt.BlockUpdate.Known():
			msg += "; existing ones can be updated until " + rt.BlockUpdate.Day() + ". Deploying this design " +
				"anywhere new fails."
		default:
			msg += ". Deploying this design anywhere new fails."
		}
		msg += unsureNote(rt.BlockCreate, rt.BlockUpdate)
		f := Finding{Subjects: []string{fn.ID}}
		if rt.Successor != "" {
			msg += " Move the code to " + rt.Successor + "."
			f.Fix = ops(setProps(fn.ID, rt.successorFix))
		}
		f.Message = msg
		report.Add(f)
	}
}
