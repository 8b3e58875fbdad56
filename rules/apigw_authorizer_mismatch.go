package rules

import (
	"slices"

	"github.com/archlab/archlab/design"
)

// apigwAuthorizerMismatch: an API's AuthorizationType and the authorizers
// drawn for it must agree: a Cognito, JWT or Lambda authorization needs its
// authorizer, and an authorizer under AuthorizationType NONE checks
// nothing.
type apigwAuthorizerMismatch struct{}

func newAPIGWAuthorizerMismatch() Rule { return apigwAuthorizerMismatch{} }

func (apigwAuthorizerMismatch) Meta() Meta {
	return Meta{
		ID:       "apigw-authorizer-mismatch",
		Title:    "API authorization does not match its authorizer",
		Severity: Error,
		Scope:    "block:apigateway",
	}
}

func (apigwAuthorizerMismatch) Check(c *Context, report *Report) {
	for _, kind := range apiGatewayKinds {
		for _, api := range c.Kind(kind) {
			if f, ok := apiAuthorizerMismatch(c, api); ok {
				report.Add(f)
			}
		}
	}
}

func apiAuthorizerMismatch(c *Context, api *design.Block) (Finding, bool) {
	auth := c.Prop(api, "AuthorizationType")
	lambdas, pools := apiAuthorizers(c, api)
	drawn := slices.Concat(lambdas, pools)
	poolType := "COGNITO_USER_POOLS"
	if api.Kind == "apigateway-http" {
		poolType = "JWT"
	}
	if api.Kind == "apigateway-websocket" {
		poolType = "" // WebSocket APIs have no Cognito authorizer
	}
	// matching is the AuthorizationType the drawn authorizers call for, when
	// they call for exactly one.
	matching := ""
	switch {
	case len(lambdas) > 0 && len(pools) == 0:
		matching = "CUSTOM"
	case len(pools) > 0 && len(lambdas) == 0:
		matching = poolType
	}
	head := c.Label(api) + ": AuthorizationType " + auth.Text()
	var msg string
	switch auth.Str() {
	case "JWT":
		// An HTTP API's JWT authorizer trusts any OIDC issuer (Auth0, Okta,
		// Entra ID), which a design need not draw: nothing to require.
		return Finding{}, false
	case "COGNITO_USER_POOLS":
		if len(pools) > 0 {
			return Finding{}, false
		}
		msg = head + " needs an authorizer connection to the Cognito user pool that issues the tokens, and there is " +
			"none: API Gateway cannot deploy an authorization type without its authorizer."
	case "CUSTOM":
		if len(lambdas) > 0 {
			return Finding{}, false
		}
		msg = head + " needs a Lambda authorizer connection, and there is none: API Gateway cannot deploy an " +
			"authorization type without its authorizer."
	case "NONE":
		if len(drawn) == 0 {
			return Finding{}, false
		}
		var ids []string
		for _, cn := range drawn {
			ids = append(ids, c.Label(c.To(cn)))
		}
		msg = head + " ignores the authorizer connection to " + joinIDs(ids) + ": it checks nothing and every request " +
			"gets through."
	default:
		return Finding{}, false
	}
	f := Finding{Subjects: append([]string{api.ID}, apiConnIDs(drawn)...)}
	if matching != "" {
		f.Fix = ops(setProps(api.ID, map[string]any{"AuthorizationType": matching}))
		msg += " Set AuthorizationType to " + matching + " to use the authorizer that is drawn."
	}
	f.Message = msg
	return f, true
}
