package rules

// lambdaProvisionedWithoutAlias: provisioned concurrency applies to a
// published version or an alias, never to $LATEST; without AutoPublishAlias
// SAM has nothing to attach it to.
type lambdaProvisionedWithoutAlias struct{}

func newLambdaProvisionedWithoutAlias() Rule { return lambdaProvisionedWithoutAlias{} }

// lambdaProvisionedWithoutAliasFix is the fix's patch, one map shared by every finding (see fix.go).
var lambdaProvisionedWithoutAliasFix = map[string]any{"AutoPublishAlias": "live"}

func (lambdaProvisionedWithoutAlias) Meta() Meta {
	return Meta{
		ID:       "lambda-provisioned-without-alias",
		Title:    "Provisioned concurrency without an alias",
		Severity: Warning,
		Scope:    "block:lambda",
	}
}

func (lambdaProvisionedWithoutAlias) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		prov := c.Prop(fn, "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions")
		if !prov.Set() || c.Prop(fn, "AutoPublishAlias").Str() != "" {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " asks for provisioned concurrency of " + prov.Text() + " but publishes no alias: " +
				"provisioned concurrency applies to a published version or an alias, never to $LATEST, so SAM refuses " +
				"it (and callers of the unqualified function would not use it anyway). Set AutoPublishAlias and invoke " +
				"the alias.",
			Fix: ops(setProps(fn.ID, lambdaProvisionedWithoutAliasFix)),
		})
	}
}
