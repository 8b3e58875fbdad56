package rules

// lambdaReservedConcurrencyZero: a reserved concurrency of 0 throttles every
// invocation; it is the switch that turns a function off.
type lambdaReservedConcurrencyZero struct{}

func newLambdaReservedConcurrencyZero() Rule { return lambdaReservedConcurrencyZero{} }

// lambdaReservedConcurrencyZeroFix is the fix's patch, one map shared by every finding (see fix.go).
var lambdaReservedConcurrencyZeroFix = map[string]any{"ReservedConcurrentExecutions": nil}

func (lambdaReservedConcurrencyZero) Meta() Meta {
	return Meta{
		ID:       "lambda-reserved-concurrency-zero",
		Title:    "Reserved concurrency of zero throttles every invocation",
		Severity: Warning,
		Scope:    "block:lambda",
	}
}

func (lambdaReservedConcurrencyZero) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		reserved := c.Prop(fn, "ReservedConcurrentExecutions")
		if !reserved.Set() || reserved.Num() != 0 {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " has ReservedConcurrentExecutions set to 0: Lambda throttles every " +
				"invocation, so the function never runs. That is how a function is switched off in an emergency; if it " +
				"is meant to run, remove the setting or reserve what it needs.",
			Fix: ops(setProps(fn.ID, lambdaReservedConcurrencyZeroFix)),
		})
	}
}
