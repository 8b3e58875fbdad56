package rules

import (
	"slices"

	"github.com/archlab/archlab/design"
)

// apigwAuthorizerUnused: an authorizer that no route of its API uses
// checks nothing. API Gateway deploys it without complaint, and the routes
// it seems to guard answer anyone.
type apigwAuthorizerUnused struct{}

func newAPIGWAuthorizerUnused() Rule { return apigwAuthorizerUnused{} }

func (apigwAuthorizerUnused) Meta() Meta {
	return Meta{
		ID:       "apigw-authorizer-unused",
		Title:    "Authorizer that no route uses",
		Severity: Warning,
		Scope:    "block:apigateway",
	}
}

func (apigwAuthorizerUnused) Check(c *Context, report *Report) {
	for _, kind := range apiGatewayKinds {
		for _, api := range c.Kind(kind) {
			if apiDefinedElsewhere(c, api) {
				continue // routes in the definition may use it
			}
			if f, ok := apiUnusedAuthorizers(c, api); ok {
				report.Add(f)
			}
		}
	}
}

func apiUnusedAuthorizers(c *Context, api *design.Block) (Finding, bool) {
	routes, used := apiAuthOf(c, api)
	var unused []*design.Connection
	var names []string
	kinds := map[string]bool{}
	for _, cn := range c.Out(api) {
		if cn.Integration != design.IntAuthorizer {
			continue
		}
		t := authorizerType(api, c.To(cn))
		if t == "" || used[t] {
			continue
		}
		unused = append(unused, cn)
		names = append(names, c.Label(c.To(cn)))
		kinds[t] = true
	}
	if len(unused) == 0 {
		return Finding{}, false
	}
	what := "the authorizer connection to " + joinIDs(names) + " is"
	if len(unused) > 1 {
		what = "the authorizer connections to " + joinIDs(names) + " are"
	}
	var msg string
	if len(routes) == 0 || api.Kind == "apigateway-websocket" {
		subject := "AuthorizationType"
		if api.Kind == "apigateway-websocket" {
			subject = "$connect route's AuthorizationType"
		}
		msg = c.Label(api) + ": " + what + " used by nothing: the " + subject + " is " +
			c.Prop(api, "AuthorizationType").Text() + ", so the authorizer checks no request"
	} else {
		msg = c.Label(api) + ": " + what + " used by no route: its routes use " + joinIDs(authList(c, api, used)) +
			", so the authorizer checks no request"
	}
	switch {
	case !used["NONE"]:
		msg += "."
	case len(routes) == 0 || api.Kind == "apigateway-websocket":
		msg += " and every request gets through."
	default:
		msg += " and the routes without authorization answer anyone."
	}
	f := Finding{Subjects: append([]string{api.ID}, apiConnIDs(unused)...)}
	// When every route takes the API's default and the unused authorizers
	// are of one kind, making them the default is one change.
	own := false
	for _, r := range routes {
		own = own || r.own
	}
	if len(kinds) == 1 && !own {
		for matching := range kinds {
			for _, v := range apiAuthValues(c, api) {
				if v == matching {
					f.Fix = ops(setProps(api.ID, map[string]any{"AuthorizationType": matching}))
					msg += " Set AuthorizationType to " + matching + " to use it, or remove the connection if the API is meant to be public."
				}
			}
		}
	}
	if f.Fix == nil {
		msg += " Give the routes it should guard its authorization type, or remove the connection."
	}
	f.Message = msg
	return f, true
}

// authList lists a set of authorization types in the order of the API
// kind's values.
func authList(c *Context, api *design.Block, set map[string]bool) []string {
	var out []string
	for _, v := range apiAuthValues(c, api) {
		if set[v] {
			out = append(out, v)
		}
	}
	var rest []string
	for k := range set {
		if !slices.Contains(out, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}
