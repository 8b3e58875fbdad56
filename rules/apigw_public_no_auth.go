package rules

import "github.com/archlab/archlab/design"

// apigwPublicNoAuth: an API that clients call, whose every route has no
// authorization, and that has no API key, resource policy or authorizer,
// answers anyone on the internet. Authorization is per route: an API that
// keeps some routes public and guards the others has made a choice per
// route, and is not reported.
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
			if len(callers) == 0 || apiDefinedElsewhere(c, api) {
				continue
			}
			routes, used := apiAuthOf(c, api)
			if len(used) != 1 || !used["NONE"] {
				continue // some route is authorized
			}
			// A REST API may instead be guarded by API keys, a resource
			// policy or a WAF web ACL (rate and source rules).
			if kind == "apigateway-rest" && (c.Prop(api, "ApiKeyRequired").Bool() || apiHasPolicy(api.Props["Policy"]) ||
				c.Prop(api, "WebAclArn").Str() != "") {
				continue
			}
			if lambdas, pools := apiAuthorizers(c, api); len(lambdas)+len(pools) > 0 {
				continue // apigw-authorizer-unused says the authorizer is unused
			}
			report.Add(Finding{Subjects: []string{api.ID}, Message: apiPublicMessage(c, api, callers, routes)})
		}
	}
}

func apiPublicMessage(c *Context, api *design.Block, callers []string, routes []apiRoute) string {
	msg := c.Label(api) + " is called by " + c.joinLabels(callers) + " with AuthorizationType " +
		c.Prop(api, "AuthorizationType").Text()
	if len(routes) > 0 {
		var to []string
		for _, r := range routes {
			to = append(to, c.Label(c.To(r.conn)))
		}
		msg += " on every route (to " + joinIDs(to) + ")"
	}
	msg += " and no authorizer"
	if api.Kind == "apigateway-rest" {
		msg += ", API key, resource policy or WAF web ACL"
	}
	return msg + ": anyone who finds its URL can call it and run up its backend's bill. Use IAM, a Cognito or JWT " +
		"authorizer or a Lambda authorizer, unless it is meant to be public."
}
