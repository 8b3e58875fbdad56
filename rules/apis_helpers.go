package rules

import (
	"encoding/json"
	"math"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// Helpers shared by the API Gateway, AppSync, CloudFront and Step Functions
// rules.

// apiGatewayKinds are the three API Gateway API kinds.
var apiGatewayKinds = []string{"apigateway-rest", "apigateway-http", "apigateway-websocket"}

// apiCallers lists the ids of what calls an API from outside AWS: clients
// and third parties sending requests, and CloudFront distributions that
// forward to it.
func apiCallers(c *Context, api *design.Block) []string {
	var ids []string
	for _, cn := range c.In(api) {
		if cn.Integration == design.IntRequest || cn.Integration == design.IntOrigin {
			if !slices.Contains(ids, cn.From) {
				ids = append(ids, cn.From)
			}
		}
	}
	return ids
}

// apiAuthorizers returns an API's authorizer connections, to Lambda
// functions and to token issuers (Cognito user pools, OpenID Connect
// providers).
func apiAuthorizers(c *Context, api *design.Block) (lambdas, issuers []*design.Connection) {
	for _, cn := range c.Out(api) {
		if cn.Integration != design.IntAuthorizer {
			continue
		}
		switch c.To(cn).Kind {
		case "lambda":
			lambdas = append(lambdas, cn)
		case "cognito", "http-endpoint":
			issuers = append(issuers, cn)
		}
	}
	return lambdas, issuers
}

// apiRoute is an integration of an API with the authorization of the
// routes it serves: its own AuthorizationType, or the API's default.
type apiRoute struct {
	conn  *design.Connection
	types []string
	// own is set when the integration says its routes' authorization
	// rather than taking the API's default.
	own bool
}

// apiRoutes returns the integrations of an API whose routes carry an
// authorization (those of REST and HTTP APIs), each with it.
func apiRoutes(c *Context, api *design.Block) []apiRoute {
	var out []apiRoute
	def := c.Prop(api, "AuthorizationType").Str()
	for _, cn := range c.Out(api) {
		in := c.Integration(cn)
		if in == nil || in.Prop("AuthorizationType") == nil || !c.Configured(cn) {
			continue // an integration only a connector shows has no routes anyone wrote
		}
		r := apiRoute{conn: cn}
		if v, ok := cn.Props["AuthorizationType"]; ok {
			r.types, r.own = (Value{V: v}).List(), true
		}
		if len(r.types) == 0 {
			r.types, r.own = []string{def}, false
		}
		out = append(out, r)
	}
	return out
}

// apiAuthOf returns an API's routes and the authorization types they use,
// found once per check for the three rules that ask (see apiRoutes and
// apiUsedAuth).
func apiAuthOf(c *Context, api *design.Block) ([]apiRoute, map[string]bool) {
	type auth struct {
		routes []apiRoute
		used   map[string]bool
	}
	all := memo(c, "api-auth", func() map[*design.Block]auth {
		m := map[*design.Block]auth{}
		for _, kind := range apiGatewayKinds {
			for _, b := range c.Kind(kind) {
				routes := apiRoutes(c, b)
				m[b] = auth{routes, apiUsedAuth(c, b, routes)}
			}
		}
		return m
	})
	if a, ok := all[api]; ok {
		return a.routes, a.used
	}
	routes := apiRoutes(c, api) // a patched copy of a block
	return routes, apiUsedAuth(c, api, routes)
}

// apiUsedAuth returns the authorization types an API's routes use: those of
// its integrations, or, when it has none (or is a WebSocket API, which
// authorizes $connect only), its own AuthorizationType.
func apiUsedAuth(c *Context, api *design.Block, routes []apiRoute) map[string]bool {
	used := map[string]bool{}
	for _, r := range routes {
		for _, t := range r.types {
			used[t] = true
		}
	}
	if len(routes) == 0 {
		used[c.Prop(api, "AuthorizationType").Str()] = true
	}
	return used
}

// authorizerType is the route authorization an authorizer connection of an
// API serves: CUSTOM for a Lambda authorizer, COGNITO_USER_POOLS for a
// REST API's user pool, JWT for an HTTP API's issuer.
func authorizerType(api, to *design.Block) string {
	switch to.Kind {
	case "lambda":
		return "CUSTOM"
	case "cognito":
		if api.Kind == "apigateway-rest" {
			return "COGNITO_USER_POOLS"
		}
		return "JWT"
	case "http-endpoint":
		return "JWT"
	}
	return ""
}

// apiDefinedElsewhere reports whether an API keeps its OpenAPI definition
// in a file of its own, whose routes, authorizers and resource policy the
// design does not show.
func apiDefinedElsewhere(c *Context, api *design.Block) bool {
	return c.Prop(api, "DefinitionUri").Str() != ""
}

// apiHasPolicy reports whether a resource policy holds at least one
// statement (or is a value archlab cannot look into, such as a condition).
func apiHasPolicy(v any) bool {
	if s, ok := v.(string); ok {
		var doc map[string]any
		if json.Unmarshal([]byte(s), &doc) != nil {
			return strings.TrimSpace(s) != ""
		}
		v = doc
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return !apiEmptyJSON(v)
	}
	if st, has := doc["Statement"]; has {
		return !apiEmptyJSON(st)
	}
	for k := range doc {
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return true // a condition or a reference: a policy archlab cannot read
		}
	}
	return false
}

// apiConnIDs returns the ids of connections.
func apiConnIDs(cns []*design.Connection) []string {
	ids := make([]string, len(cns))
	for i, cn := range cns {
		ids[i] = cn.ID
	}
	return ids
}

// apiEmptyJSON reports whether a JSON property holds nothing useful: unset, an
// empty object, list or string.
func apiEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case map[string]any:
		return len(x) == 0
	case []any:
		return len(x) == 0
	case string:
		return strings.TrimSpace(x) == ""
	}
	return false
}

// apiWait is how long an API may take to answer: the slowest of its
// synchronous integrations, each bounded by its integration timeout and,
// for a function, by the function's own timeout.
type apiWait struct {
	conn    *design.Connection // the slowest integration
	limit   Value              // its TimeoutInMillis
	seconds float64            // how long the API may take, in seconds
	chain   string             // "Orders API waits up to 29 s (the default) → CreateOrder may run for 60 s"
}

// apiSlowestIntegration returns how long an API may take to answer, or false
// when it has no integration with a timeout.
func apiSlowestIntegration(c *Context, api *design.Block) (apiWait, bool) {
	var best apiWait
	found := false
	for _, cn := range c.Out(api) {
		in := c.Integration(cn)
		if in == nil || in.Prop("TimeoutInMillis") == nil {
			continue
		}
		limit := c.ConnProp(cn, "TimeoutInMillis")
		secs := limit.Num() / 1000
		to := c.To(cn)
		callee := c.Label(to)
		if to.Kind == "lambda" {
			t := c.Prop(to, "Timeout")
			secs = math.Min(secs, t.Num())
			callee += " may run for " + t.Text()
		}
		if !found || secs > best.seconds {
			found = true
			best = apiWait{conn: cn, limit: limit, seconds: secs,
				chain: c.Label(api) + " waits up to " + num(limit.Num()/1000, "s") + defaultNote(limit) + " → " + callee}
		}
	}
	return best, found
}

// sfnDefinition returns a state machine's definition as a JSON
// object, reading a definition given as a JSON string too. ok is false when
// there is no definition; def is nil when there is one but it is not an
// object.
func sfnDefinition(sm *design.Block) (def map[string]any, ok bool) {
	v, set := sm.Props["Definition"]
	if !set || v == nil {
		return nil, false
	}
	switch x := v.(type) {
	case map[string]any:
		return x, true
	case string:
		var m map[string]any
		if err := json.Unmarshal([]byte(x), &m); err == nil {
			return m, true
		}
	}
	return nil, true
}

// sfnWalkStates calls fn for every state of a definition, including the states
// of Parallel branches and Map iterators, however deeply nested.
func sfnWalkStates(def map[string]any, fn func(name string, state map[string]any)) {
	states, _ := def["States"].(map[string]any)
	for _, name := range sfnSortedKeys(states) {
		st, ok := states[name].(map[string]any)
		if !ok {
			continue
		}
		fn(name, st)
		for _, sub := range sfnSubMachines(st) {
			sfnWalkStates(sub.def, fn)
		}
	}
}

// sfnSubMachine is a nested state machine: a Parallel branch or a Map's
// iterator.
type sfnSubMachine struct {
	where string
	def   map[string]any
}

// sfnSubMachines returns the state machines nested in a state.
func sfnSubMachines(st map[string]any) []sfnSubMachine {
	var out []sfnSubMachine
	switch st["Type"] {
	case "Parallel":
		branches, _ := st["Branches"].([]any)
		for i, b := range branches {
			if m, ok := b.(map[string]any); ok {
				out = append(out, sfnSubMachine{where: "branch " + design.FormatNumber(float64(i+1)), def: m})
			}
		}
	case "Map":
		for _, key := range []string{"ItemProcessor", "Iterator"} {
			if m, ok := st[key].(map[string]any); ok {
				out = append(out, sfnSubMachine{where: key, def: m})
			}
		}
	}
	return out
}

// sfnSortedKeys returns a map's keys in order, so that findings are stable.
func sfnSortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sfnIsExpress reports whether a state machine is an Express workflow.
func sfnIsExpress(c *Context, sm *design.Block) bool {
	return c.Prop(sm, "Type").Str() == "EXPRESS"
}

// sfnSyncStarters lists the APIs that start a state machine with
// StartSyncExecution, which works for Express workflows only.
func sfnSyncStarters(c *Context, sm *design.Block) []string {
	var ids []string
	for _, cn := range c.In(sm) {
		if cn.Integration == design.IntService && c.ConnProp(cn, "Action").Str() == "StartSyncExecution" {
			ids = append(ids, cn.From)
		}
	}
	return ids
}

// sfnToStandardFix makes an Express state machine Standard, unless an API
// starts it synchronously, which only Express allows; then it says why in
// the returned sentence and offers no fix.
func sfnToStandardFix(c *Context, sm *design.Block) (design.Ops, string) {
	if starters := sfnSyncStarters(c, sm); len(starters) > 0 {
		return nil, " " + c.joinLabels(starters) + " starts it with StartSyncExecution, which only Express allows: split the " +
			"work into a short synchronous part and a Standard workflow started asynchronously."
	}
	return ops(setProps(sm.ID, sfnStandardPatch)), " Make it a Standard workflow, or split the work."
}

// sfnStandardPatch is sfnToStandardFix's patch, shared (see fix.go).
var sfnStandardPatch = map[string]any{"Type": "STANDARD"}

// sfnQuote puts a state name in quotes for messages.
func sfnQuote(name string) string { return `"` + name + `"` }
