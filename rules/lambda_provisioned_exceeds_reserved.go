package rules

// lambdaProvisionedExceedsReserved: provisioned concurrency comes out of a
// function's reserved concurrency, so Lambda refuses more of it than is
// reserved.
type lambdaProvisionedExceedsReserved struct{}

func newLambdaProvisionedExceedsReserved() Rule { return lambdaProvisionedExceedsReserved{} }

func (lambdaProvisionedExceedsReserved) Meta() Meta {
	return Meta{
		ID:       "lambda-provisioned-exceeds-reserved",
		Title:    "Provisioned concurrency above reserved concurrency",
		Severity: Error,
		Scope:    "block:lambda",
	}
}

func (lambdaProvisionedExceedsReserved) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		prov := c.Prop(fn, "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions")
		reserved := c.Prop(fn, "ReservedConcurrentExecutions")
		if !prov.Set() || !reserved.Set() || prov.Num() <= reserved.Num() {
			continue
		}
		var fixed any = reserved.Num()
		if reserved.Num() < 1 {
			fixed = nil // provisioned concurrency is at least 1
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " asks for provisioned concurrency of " + prov.Text() + " but reserves only " +
				reserved.Text() + ": provisioned environments count against the reservation, so Lambda refuses the " +
				"configuration. Provision no more than is reserved, or reserve more.",
			Fix: ops(setProps(fn.ID, map[string]any{"ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions": fixed})),
		})
	}
}
