package rules

import (
	"slices"

	"github.com/archlab/archlab/design"
)

// apigwAuthorizerMismatch: a route that asks for a Cognito or Lambda
// authorization needs an authorizer of that kind: API Gateway refuses a
// method or route of type COGNITO_USER_POOLS or CUSTOM without one.
// Authorization is per route, so only the types some route uses count.
type apigwAuthorizerMismatch struct{}

func newAPIGWAuthorizerMismatch() Rule { return apigwAuthorizerMismatch{} }

func (apigwAuthorizerMismatch) Meta() Meta {
	return Meta{
		ID:       "apigw-authorizer-mismatch",
		Title:    "Route authorization without its authorizer",
		Severity: Error,
		Scope:    "block:apigateway",
	}
}

func (apigwAuthorizerMismatch) Check(c *Context, report *Report) {
	for _, kind := range apiGatewayKinds {
		for _, api := range c.Kind(kind) {
			if apiDefinedElsewhere(c, api) {
				continue // its authorizers may be in the definition
			}
			routes, used := apiAuthOf(c, api)
			for _, need := range []string{"COGNITO_USER_POOLS", "CUSTOM"} {
				if used[need] {
					if f, ok := apiMissingAuthorizer(c, api, routes, need); ok {
						report.Add(f)
					}
				}
			}
		}
	}
}

// apiMissingAuthorizer reports routes of an API that use an authorization
// type when no authorizer of that type is drawn. An HTTP API's JWT routes
// are left alone: their issuer may be any OpenID Connect provider, which a
// design need not draw.
func apiMissingAuthorizer(c *Context, api *design.Block, routes []apiRoute, need string) (Finding, bool) {
	var drawn []*design.Connection
	kinds := map[string]bool{}
	for _, cn := range c.Out(api) {
		if cn.Integration != design.IntAuthorizer {
			continue
		}
		t := authorizerType(api, c.To(cn))
		if t == need {
			return Finding{}, false
		}
		if t != "" {
			drawn = append(drawn, cn)
			kinds[t] = true
		}
	}
	// Which routes ask for it: the integrations that say so, and those
	// that take the API's default when the default is it.
	var conns []*design.Connection
	var names []string
	viaDefault, own := false, false
	for _, r := range routes {
		if slices.Contains(r.types, need) {
			conns = append(conns, r.conn)
			names = append(names, c.Label(c.To(r.conn)))
			viaDefault = viaDefault || !r.own
			own = own || r.own
		}
	}
	what := "an authorizer connection to the Cognito user pool that issues the tokens"
	if need == "CUSTOM" {
		what = "a Lambda authorizer connection"
	}
	var msg string
	switch {
	case len(routes) == 0 || (viaDefault && len(conns) == len(routes)):
		msg = c.Label(api) + ": AuthorizationType " + c.Prop(api, "AuthorizationType").Text()
	case len(conns) == 1:
		msg = c.Label(api) + ": the route to " + names[0] + " uses AuthorizationType " + need
	default:
		msg = c.Label(api) + ": the routes to " + joinIDs(names) + " use AuthorizationType " + need
	}
	msg += ", which needs " + what + ", and the design draws none: API Gateway refuses a method or route of that " +
		"type without its authorizer."
	f := Finding{Subjects: append(append([]string{api.ID}, apiConnIDs(conns)...), apiConnIDs(drawn)...)}
	// When the drawn authorizers are all of one other kind and the API's
	// default is what asks for the missing one, using them is one change.
	if len(kinds) == 1 && !own && c.Prop(api, "AuthorizationType").Str() == need {
		for matching := range kinds {
			if slices.Contains(apiAuthValues(c, api), matching) {
				f.Fix = ops(setProps(api.ID, map[string]any{"AuthorizationType": matching}))
				msg += " Set AuthorizationType to " + matching + " to use the authorizer that is drawn."
			}
		}
	}
	f.Message = msg
	return f, true
}

// apiAuthValues are the values an API kind's AuthorizationType takes.
func apiAuthValues(c *Context, api *design.Block) []string {
	if k := c.Cat.Kind(api.Kind); k != nil {
		if p := k.Prop("AuthorizationType"); p != nil {
			return p.Values
		}
	}
	return nil
}
