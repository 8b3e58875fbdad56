package rules

// apigwPublicNoAuth: an API that clients call, with no authorization, no
// API key, no resource policy and no authorizer, answers anyone on the
// internet.
type apigwPublicNoAuth struct{}

func newAPIGWPublicNoAuth() Rule { return apigwPublicNoAuth{} }

func (apigwPublicNoAuth) Meta() Meta {
	return Meta{
		ID:       "apigw-public-no-auth",
		Title:    "API open to anyone",
		Severity: Warning,
		Scope:    "block:apigateway",
	}
}

func (apigwPublicNoAuth) Check(c *Context, report *Report) {
	for _, kind := range apiGatewayKinds {
		for _, api := range c.Kind(kind) {
			callers := apiCallers(c, api)
			if len(callers) == 0 {
				continue
			}
			auth := c.Prop(api, "AuthorizationType")
			if auth.Str() != "NONE" {
				continue
			}
			// A REST API may instead be guarded by API keys, a resource
			// policy or a WAF web ACL (rate and source rules).
			if kind == "apigateway-rest" && (c.Prop(api, "ApiKeyRequired").Bool() || !apiEmptyJSON(api.Props["Policy"]) ||
				c.Prop(api, "WebAclArn").Str() != "") {
				continue
			}
			if lambdas, pools := apiAuthorizers(c, api); len(lambdas)+len(pools) > 0 {
				continue
			}
			msg := c.Label(api) + " is called by " + joinIDs(callers) + " with AuthorizationType " + auth.Text() +
				" and no authorizer"
			if kind == "apigateway-rest" {
				msg += ", API key, resource policy or WAF web ACL"
			}
			msg += ": anyone who finds its URL can call it and run up its backend's bill. Use IAM, a Cognito or JWT " +
				"authorizer or a Lambda authorizer, unless it is meant to be public."
			report.Add(Finding{Subjects: []string{api.ID}, Message: msg})
		}
	}
}
