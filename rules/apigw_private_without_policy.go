package rules

// apigwPrivateWithoutPolicy: a private REST API cannot be deployed without
// a resource policy saying which VPC endpoints or VPCs may call it.
type apigwPrivateWithoutPolicy struct{}

func newAPIGWPrivateWithoutPolicy() Rule { return apigwPrivateWithoutPolicy{} }

func (apigwPrivateWithoutPolicy) Meta() Meta {
	return Meta{
		ID:       "apigw-private-without-policy",
		Title:    "Private REST API without a resource policy",
		Severity: Error,
		Scope:    "block:apigateway-rest",
	}
}

func (apigwPrivateWithoutPolicy) Check(c *Context, report *Report) {
	for _, api := range c.Kind("apigateway-rest") {
		if c.Prop(api, "EndpointConfiguration").Str() != "PRIVATE" || apiHasPolicy(api.Props["Policy"]) {
			continue
		}
		if apiDefinedElsewhere(c, api) {
			continue // the policy may be in the definition (x-amazon-apigateway-policy)
		}
		report.Add(Finding{
			Subjects: []string{api.ID},
			Message: c.Label(api) + " is a PRIVATE API without a resource policy (Policy): API Gateway will not deploy " +
				"it until a policy grants access to the VPC endpoints or VPCs that should call it.",
		})
	}
}
