package rules

// lambdaProvisionedWithoutAlias: provisioned concurrency applies to a
// published version or an alias, never to $LATEST; without AutoPublishAlias
// SAM has nothing to attach it to.
type lambdaProvisionedWithoutAlias struct{}

func newLambdaProvisionedWithoutAlias() Rule { return lambdaProvisionedWithoutAlias{} }

func (lambdaProvisionedWithoutAlias) Meta() Meta {
	return Meta{
		ID:       "lambda-provisioned-without-alias",
		Title:    "Provisioned concurrency without an alias",
		Severity: Warning,
		Scope:    "block:lambda",
	}
}

func (lambdaProvisionedWithoutAlias) Check(c *Context) []Finding {
	var out []Finding
	for _, fn := range c.Kind("lambda") {
		prov := c.Prop(fn, "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions")
		if !prov.Set() || c.Prop(fn, "AutoPublishAlias").Str() != "" {
			continue
		}
		out = append(out, Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " asks for provisioned concurrency of " + prov.Text() + " but publishes no alias: " +
				"provisioned concurrency applies to a published version or an alias, never to $LATEST, so SAM refuses " +
				"it (and callers of the unqualified function would not use it anyway). Set AutoPublishAlias and invoke " +
				"the alias.",
			Fix: ops(setProps(fn.ID, map[string]any{"AutoPublishAlias": "live"})),
		})
	}
	return out
}
