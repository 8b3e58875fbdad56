package iac

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// API Gateway authorizes each method of a REST API and each route of an
// HTTP API on its own: one API may serve public routes, routes behind a
// user pool and routes signed with IAM. The importer reads that where the
// template says it (a SAM event's Auth.Authorizer, an OpenAPI operation's
// security, a method's AuthorizationType) onto the connection of the
// integration that serves the route, and SAM's DefaultAuthorizer onto the
// API, whose AuthorizationType is the default its routes take.

// getFold returns the value of a key of a mapping, ignoring case:
// OpenAPI extensions write timeoutInMillis where CloudFormation writes
// TimeoutInMillis.
func (n *node) getFold(key string) *node {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for i, k := range n.keys {
		if strings.EqualFold(k, key) {
			return n.vals[i]
		}
	}
	return nil
}

// apiAuth reads the Auth section of a SAM API (and, for an explicit API,
// its resource policy and external definition): its authorizers become
// connections and its default authorizer the API's AuthorizationType.
func (b *builder) apiAuth(api *blk, props *node, typ string) {
	if api.res != nil {
		if u := props.get("DefinitionUri"); u != nil {
			b.definitionURI(api, u)
		}
	}
	if typ == "AWS::Serverless::Api" {
		b.samAPIPolicy(api, props)
	}
	auth := props.get("Auth")
	if auth == nil {
		return
	}
	for _, a := range auth.get("Authorizers").entries() {
		switch {
		case a.get("FunctionArn") != nil:
			fn := b.held(api.id, a.get("FunctionArn"), "authorizer's function")
			c := b.targetAs(api.id, fn, design.IntAuthorizer, []string{"lambda"}, a.pos, "")
			if c == nil {
				continue
			}
			if typ == "AWS::Serverless::Api" {
				c.set("AuthorizerType", a.get("FunctionPayloadType"))
			} else {
				c.set("EnableSimpleResponses", a.get("EnableSimpleResponses"))
			}
			c.set("AuthorizerResultTtlInSeconds", lookup(a, "Identity.ReauthorizeEvery"))
		case a.get("UserPoolArn") != nil:
			b.userPools(api.id, a.get("UserPoolArn"), a.pos)
		case a.get("JwtConfiguration") != nil:
			b.jwtIssuer(api.id, a.get("JwtConfiguration"), a.pos)
		}
	}
	if def := auth.get("DefaultAuthorizer"); def != nil {
		name, _ := b.t.render(def)
		if at := samAuthorizerType(auth, name); at != "" && at != "NONE" {
			api.setValue("AuthorizationType", at, def.pos)
		}
	}
}

// samAuthorizerType is the authorization type a SAM authorizer name stands
// for: NONE, AWS_IAM, or the kind of one of the API's Authorizers; "" for a
// name the API does not define.
func samAuthorizerType(auth *node, name string) string {
	// An authorizer of the API's own wins over the built-in names: an
	// HTTP API may call its JWT authorizer AWS_IAM.
	a := auth.get("Authorizers").get(name)
	switch {
	case a == nil && (name == "NONE" || name == "AWS_IAM"):
		return name
	case a == nil:
		return ""
	case a.get("FunctionArn") != nil:
		return "CUSTOM"
	case a.get("UserPoolArn") != nil:
		return "COGNITO_USER_POOLS"
	case a.get("JwtConfiguration") != nil:
		return "JWT"
	}
	return ""
}

// samAPIAuth returns the Auth section that applies to a SAM API: its own
// (with Globals merged), or for the implicit APIs the Globals'.
func (b *builder) samAPIAuth(api string) *node {
	if r := b.t.byID[api]; r != nil {
		if r.typ == "AWS::Serverless::Api" || r.typ == "AWS::Serverless::HttpApi" {
			return r.props.get("Auth")
		}
		return nil
	}
	if scope, ok := strings.CutSuffix(api, "ServerlessRestApi"); ok {
		return b.globalsOf(scope)["Api"].get("Auth")
	}
	if scope, ok := strings.CutSuffix(api, "ServerlessHttpApi"); ok {
		return b.globalsOf(scope)["HttpApi"].get("Auth")
	}
	return nil
}

// truthy reports whether a value is true, or a parameter whose default is.
func (b *builder) truthy(n *node) bool {
	s, _ := b.t.resolve(n).text()
	return strings.EqualFold(s, "true")
}

// definedRoute reports whether an API's own definition already holds an
// event's route (SAM merges the two): the definition says how it is
// authorized.
func (b *builder) definedRoute(api string, ev *node) bool {
	r := b.t.byID[api]
	if r == nil {
		return false
	}
	path, _ := b.t.render(ev.get("Path"))
	method, _ := b.t.render(ev.get("Method"))
	item := r.props.path("DefinitionBody", "paths").get(path)
	if strings.EqualFold(method, "any") {
		return item.get("x-amazon-apigateway-any-method") != nil
	}
	return item.getFold(method) != nil
}

// apiDefaultAuth is the authorization an API's routes take when they say
// none: SAM's DefaultAuthorizer, NONE otherwise.
func (b *builder) apiDefaultAuth(api string) string {
	auth := b.samAPIAuth(api)
	if def := auth.get("DefaultAuthorizer"); def != nil {
		name, _ := b.t.render(def)
		if at := samAuthorizerType(auth, name); at != "" {
			return at
		}
	}
	return "NONE"
}

// routeAuth records the authorization of one route a connection serves
// ("" when the route takes the API's default) and sets the connection's
// AuthorizationType to the set of them, in the catalogue's order. It stays
// unset while every route takes the default.
func (b *builder) routeAuth(c *conn, api, typ string, at pos) {
	values := design.RouteAuthorizationTypes(b.kindOf(api))
	if c == nil || values == nil {
		return
	}
	c.routes = append(c.routes, typ)
	seen := map[string]bool{}
	declared := false
	def := b.apiDefaultAuth(api)
	for _, r := range c.routes {
		if r != "" {
			declared = true
		} else {
			r = def
		}
		seen[r] = true
	}
	if !declared {
		return
	}
	var list []any
	for _, v := range values {
		if seen[v] {
			list = append(list, v)
		}
	}
	if old, ok := c.props["AuthorizationType"]; ok {
		at = old.at
	} else {
		c.order = append(c.order, "AuthorizationType")
	}
	c.props["AuthorizationType"] = pending{v: list, set: true, at: at}
}

// userPools connects an API to the user pools of a Cognito authorizer: one
// ARN or a list of them, each in the template or outside it.
func (b *builder) userPools(api string, arns *node, at pos) {
	if arns = b.held(api, arns, "authorizer's user pool"); arns == nil {
		return
	}
	if arns.kind == seqNode {
		for _, it := range arns.items {
			b.targetAs(api, it, design.IntAuthorizer, []string{"cognito"}, it.pos, "")
		}
		return
	}
	b.targetAs(api, arns, design.IntAuthorizer, []string{"cognito"}, at, "")
}

// cognitoIssuer matches the issuer URL of a Cognito user pool.
var cognitoIssuer = regexp.MustCompile(`^https://cognito-idp\.[^/]+\.amazonaws\.com/([^/]+)/?$`)

// jwtIssuer connects an HTTP API to the issuer of a JWT authorizer: a user
// pool of the template, a user pool outside it (its issuer URL names it),
// or an OpenID Connect provider outside AWS (Auth0, Okta, Entra ID).
func (b *builder) jwtIssuer(api string, jwt *node, at pos) {
	issuer := b.held(api, jwt.getFold("issuer"), "JWT authorizer's issuer")
	if issuer == nil {
		return
	}
	for _, id := range b.t.refs(issuer) {
		if b.kindOf(id) == "cognito" {
			b.connect(api, id, design.IntAuthorizer, at, "")
			return
		}
	}
	s, ok := b.t.render(resolvedOr(b.t, issuer))
	if m := cognitoIssuer.FindStringSubmatch(s); ok && m != nil {
		base := m[1]
		if v, ok := strings.CutPrefix(base, "${"); ok {
			base = strings.TrimSuffix(v, "}") // the pool id is a parameter
		}
		if strings.Contains(base, "${") {
			base = refName(issuer)
		}
		if pool := b.external(issuer, []string{"cognito"}, at, base); pool != nil && pool.kind == "cognito" {
			b.connect(api, pool.id, design.IntAuthorizer, at, "")
		}
		return
	}
	base := "" // the parameter, the import, or the issuer's host
	if refName(issuer) == "" && (!ok || strings.Contains(s, "${")) {
		base = "OIDC issuer"
	}
	idp := b.external(issuer, []string{"http-endpoint"}, at, base)
	if idp == nil || idp.kind != "http-endpoint" {
		return
	}
	if ok && strings.HasPrefix(s, "https://") && !strings.Contains(s, "${") {
		idp.setValue("Url", s, issuer.pos)
	}
	idp.name = "OIDC issuer"
	b.connect(api, idp.id, design.IntAuthorizer, at, "")
}

// held returns the value an Fn::If gives when its condition holds (nil for
// AWS::NoValue), noting the condition: the design shows the template as if
// its conditions held.
func (b *builder) held(owner string, n *node, what string) *node {
	v, cond := b.t.whenHolds(n)
	if cond != "" && v != nil {
		b.note(owner, n.pos, "the %s depends on condition %s; archlab shows the one it names when the condition holds", what, cond)
	}
	return v
}

// lambdaURI matches the invocation URI of a function behind API Gateway.
var lambdaURI = regexp.MustCompile(`:lambda:path/[0-9-]+/functions/(.+)/invocations$`)

// authorizerFunction connects an API to the function of a Lambda
// authorizer named by its invocation URI: a function of the template, or
// one given by ARN or by a parameter.
func (b *builder) authorizerFunction(api string, uri *node, at pos) *conn {
	if uri = b.held(api, uri, "authorizer's function"); uri == nil {
		return nil
	}
	for _, id := range b.t.refs(uri) {
		if b.kindOf(id) == "lambda" {
			return b.connect(api, id, design.IntAuthorizer, at, "")
		}
	}
	s, _ := b.t.render(resolvedOr(b.t, uri))
	m := lambdaURI.FindStringSubmatch(s)
	if m == nil {
		return b.targetAs(api, uri, design.IntAuthorizer, []string{"lambda"}, at, "")
	}
	fn := &node{kind: scalarNode, str: m[1], pos: uri.pos}
	if v, ok := strings.CutPrefix(m[1], "${"); ok && strings.HasSuffix(v, "}") && b.t.params[strings.TrimSuffix(v, "}")] != nil {
		// The function's ARN is a parameter: the parameter names it.
		fn = &node{kind: mapNode, keys: []string{"Ref"}, vals: []*node{{kind: scalarNode, str: strings.TrimSuffix(v, "}"), pos: uri.pos}}, keyPos: []pos{uri.pos}, pos: uri.pos}
	}
	return b.targetAs(api, fn, design.IntAuthorizer, []string{"lambda"}, at, "")
}

// definitionURI records that an API's OpenAPI definition is a file of its
// own (SAM's DefinitionUri, CloudFormation's BodyS3Location): an S3 URI, a
// local path, or a {Bucket, Key} location.
func (b *builder) definitionURI(api *blk, n *node) {
	var s string
	if n.kind == mapNode && n.get("Bucket") != nil {
		bucket, _ := b.t.render(n.get("Bucket"))
		key, _ := b.t.render(n.get("Key"))
		s = "s3://" + bucket + "/" + key
	} else if text, ok := b.t.render(n); ok {
		s = text
	}
	if s == "" {
		return
	}
	if _, ok := api.props["DefinitionUri"]; !ok {
		api.order = append(api.order, "DefinitionUri")
	}
	api.props["DefinitionUri"] = pending{v: s, set: true, at: n.pos}
}

// samAPIPolicy reads the resource policy of a SAM REST API: the Policy it
// passes to the API as is, and the statements Auth.ResourcePolicy makes.
func (b *builder) samAPIPolicy(api *blk, props *node) {
	if p := props.get("Policy"); p != nil {
		b.mergePolicy(api, p.value(), p.pos)
	}
	if rp := lookup(props, "Auth.ResourcePolicy"); rp != nil {
		b.addStatements(api, samPolicyStatements(b.t, rp), rp.pos)
	}
}

// addStatements adds policy statements to an API's resource policy.
func (b *builder) addStatements(api *blk, stmts []any, at pos) {
	if len(stmts) > 0 {
		b.mergePolicy(api, map[string]any{"Version": "2012-10-17", "Statement": stmts}, at)
	}
}

// mergePolicy adds a policy document to an API's resource policy: the
// statements of both, each once. A policy archlab cannot read as a
// document (a condition, say) is kept as it is.
func (b *builder) mergePolicy(api *blk, doc any, at pos) {
	doc = policyDoc(doc)
	if doc == nil {
		return
	}
	old, ok := api.props["Policy"]
	if !ok {
		api.order = append(api.order, "Policy")
		api.props["Policy"] = pending{v: doc, set: true, at: at}
		return
	}
	cur := old.v
	if !old.set {
		cur = old.n.value()
	}
	cur = policyDoc(cur)
	curMap, ok1 := cur.(map[string]any)
	newMap, ok2 := doc.(map[string]any)
	if !ok1 || !ok2 {
		if cur == nil {
			api.props["Policy"] = pending{v: doc, set: true, at: at}
		}
		return
	}
	stmts := policyStatements(curMap)
	for _, s := range policyStatements(newMap) {
		if !slices.ContainsFunc(stmts, func(x any) bool { return design.Equal(x, s) }) {
			stmts = append(stmts, s)
		}
	}
	merged := make(map[string]any, len(curMap))
	for k, v := range curMap {
		merged[k] = v
	}
	if _, ok := merged["Version"]; !ok {
		merged["Version"] = "2012-10-17"
	}
	merged["Statement"] = stmts
	api.props["Policy"] = pending{v: merged, set: true, at: old.at}
}

// policyDoc reads a policy given as a JSON string as a document.
func policyDoc(v any) any {
	if s, ok := v.(string); ok {
		var m map[string]any
		if err := json.Unmarshal([]byte(s), &m); err == nil {
			return m
		}
		if strings.TrimSpace(s) == "" {
			return nil
		}
	}
	return v
}

// policyStatements returns a policy's statements as a list.
func policyStatements(doc map[string]any) []any {
	switch s := doc["Statement"].(type) {
	case []any:
		return slices.Clone(s)
	case map[string]any:
		return []any{s}
	}
	return nil
}

// samPolicyStatements are the statements SAM writes for an
// Auth.ResourcePolicy: allow and deny lists of accounts, IP ranges, VPCs
// and VPC endpoints, and statements of your own. SAM repeats them for every
// path; here they apply to the whole API.
func samPolicyStatements(t *template, rp *node) []any {
	if rp == nil || rp.kind != mapNode {
		return nil
	}
	var out []any
	add := func(s map[string]any) {
		if !slices.ContainsFunc(out, func(x any) bool { return design.Equal(x, s) }) {
			out = append(out, s)
		}
	}
	invoke := func(effect string, principal any, cond map[string]any) map[string]any {
		s := map[string]any{"Effect": effect, "Principal": principal, "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}
		if cond != nil {
			s["Condition"] = cond
		}
		return s
	}
	list := func(n *node) []any {
		if n.kind == seqNode {
			return n.value().([]any)
		}
		return []any{n.value()}
	}
	if n := rp.get("AwsAccountWhitelist"); n != nil {
		add(invoke("Allow", map[string]any{"AWS": list(n)}, nil))
	}
	if n := rp.get("AwsAccountBlacklist"); n != nil {
		add(invoke("Deny", map[string]any{"AWS": list(n)}, nil))
	}
	if n := rp.get("IpRangeWhitelist"); n != nil {
		add(invoke("Allow", "*", nil))
		add(invoke("Deny", "*", map[string]any{"NotIpAddress": map[string]any{"aws:SourceIp": list(n)}}))
	}
	if n := rp.get("IpRangeBlacklist"); n != nil {
		add(invoke("Allow", "*", nil))
		add(invoke("Deny", "*", map[string]any{"IpAddress": map[string]any{"aws:SourceIp": list(n)}}))
	}
	for _, g := range []struct{ key, op string }{{"Blacklist", "StringEquals"}, {"Whitelist", "StringNotEquals"}} {
		var vpcs, vpces []any
		if n := rp.get("SourceVpc" + g.key); n != nil {
			// Plain names only; SAM drops a name that is neither a VPC
			// nor a VPC endpoint.
			items := []*node{n}
			if n.kind == seqNode {
				items = n.items
			}
			for _, it := range items {
				s, _ := t.resolve(it).text()
				switch {
				case strings.HasPrefix(s, "vpce-"):
					vpces = append(vpces, s)
				case strings.HasPrefix(s, "vpc-"):
					vpcs = append(vpcs, s)
				}
			}
		}
		if n := rp.get("IntrinsicVpc" + g.key); n != nil {
			vpcs = append(vpcs, list(n)...)
		}
		if n := rp.get("IntrinsicVpce" + g.key); n != nil {
			vpces = append(vpces, list(n)...)
		}
		if len(vpcs)+len(vpces) == 0 {
			continue
		}
		cond := map[string]any{}
		if len(vpcs) > 0 {
			cond["aws:SourceVpc"] = vpcs
		}
		if len(vpces) > 0 {
			cond["aws:SourceVpce"] = vpces
		}
		add(invoke("Allow", "*", nil))
		add(invoke("Deny", "*", map[string]any{g.op: cond}))
	}
	if n := rp.get("CustomStatements"); n != nil {
		for _, s := range list(n) {
			if m, ok := s.(map[string]any); ok {
				add(m)
			}
		}
	}
	return out
}

// openAPI reads the integrations, authorizers, per-route authorization and
// resource policy of an inline OpenAPI definition, and notes a definition
// kept in a file of its own.
func (b *builder) openAPI(api string, body *node, r *resource) {
	bk := b.block(api)
	if bk == nil {
		return
	}
	if loc := r.props.get("BodyS3Location"); loc != nil {
		b.definitionURI(bk, loc)
	}
	if body == nil {
		return
	}
	if name, arg := body.intrinsic(); name == "Fn::Transform" {
		locNode := lookup(arg, "Parameters.Location")
		loc, _ := b.t.render(locNode)
		b.noteSeparateFile(api, locNode, body.pos, fmt.Sprintf("the API definition is included from %q (AWS::Include), which archlab does not read", loc))
		return
	}
	noted := false
	body.visit(func(n *node) bool {
		if name, _ := n.intrinsic(); name == "Fn::Transform" {
			b.note(api, n.pos, "part of the API definition is included with AWS::Include, which archlab does not read")
			noted = true
		}
		return !noted
	}, func() bool { return noted })
	if p := body.get("x-amazon-apigateway-policy"); p != nil && bk.kind == "apigateway-rest" {
		b.mergePolicy(bk, p.value(), p.pos)
	}
	schemes := b.securitySchemes(api, body, r)
	// The definition's own security is what its operations require unless
	// they say otherwise; "" (no security at all) takes the API's default.
	// SAM writes a DefaultAuthorizer into every operation that names no
	// authorizer, which overrides the definition's: those operations take
	// the API's default.
	def := ""
	if sec := body.get("security"); sec != nil && b.samAPIAuth(api).get("DefaultAuthorizer") == nil {
		def = securityType(sec, schemes)
	}
	for _, item := range body.get("paths").entries() {
		for method, op := range item.entries() {
			if method == "parameters" {
				continue
			}
			integ := op.get("x-amazon-apigateway-integration")
			if integ == nil {
				continue
			}
			typ, _ := b.t.render(integ.get("type"))
			c := b.apiIntegration(api, typ, integ.get("uri"), integ, integ.pos, "")
			route := def
			if sec := op.get("security"); sec != nil {
				route = securityType(sec, schemes)
			}
			b.routeAuth(c, api, route, op.pos)
		}
	}
	for _, s := range openAPISchemes(body).entries() {
		a := s.get("x-amazon-apigateway-authorizer")
		if a == nil {
			continue
		}
		typ, _ := b.t.render(a.get("type"))
		switch strings.ToLower(typ) {
		case "token", "request":
			if c := b.authorizerFunction(api, a.get("authorizerUri"), a.pos); c != nil {
				if b.kindOf(api) == "apigateway-rest" {
					c.derive("AuthorizerType", strings.ToUpper(typ), a.pos)
				}
				c.set("AuthorizerResultTtlInSeconds", a.get("authorizerResultTtlInSeconds"))
				c.set("EnableSimpleResponses", a.get("enableSimpleResponses"))
			}
		case "cognito_user_pools":
			b.userPools(api, a.get("providerARNs"), a.pos)
		case "jwt":
			b.jwtIssuer(api, a.get("jwtConfiguration"), a.pos)
		}
	}
}

// openAPISchemes returns the security schemes of an OpenAPI 3 or Swagger 2
// definition.
func openAPISchemes(body *node) *node {
	if s := body.path("components", "securitySchemes"); s != nil {
		return s
	}
	return body.get("securityDefinitions")
}

// securitySchemes maps the security scheme names an API's operations may
// name to the authorization each stands for: the schemes of the definition
// and, for a SAM API, its Authorizers. API keys are no authorization and
// map to "".
func (b *builder) securitySchemes(api string, body *node, r *resource) map[string]string {
	out := map[string]string{"NONE": "NONE", "AWS_IAM": "AWS_IAM"}
	for name, s := range openAPISchemes(body).entries() {
		a := s.get("x-amazon-apigateway-authorizer")
		typ, _ := b.t.render(a.get("type"))
		authType, _ := b.t.render(s.get("x-amazon-apigateway-authtype"))
		switch {
		case strings.EqualFold(typ, "token"), strings.EqualFold(typ, "request"), strings.EqualFold(authType, "custom"):
			out[name] = "CUSTOM"
		case strings.EqualFold(typ, "cognito_user_pools"), strings.EqualFold(authType, "cognito_user_pools"):
			out[name] = "COGNITO_USER_POOLS"
		case strings.EqualFold(typ, "jwt"):
			out[name] = "JWT"
		case strings.EqualFold(authType, "awsSigv4"), strings.EqualFold(authType, "aws_iam"):
			out[name] = "AWS_IAM"
		default:
			out[name] = ""
		}
	}
	if r != nil && (r.typ == "AWS::Serverless::Api" || r.typ == "AWS::Serverless::HttpApi") {
		auth := b.samAPIAuth(api)
		for name := range auth.get("Authorizers").entries() {
			if at := samAuthorizerType(auth, name); at != "" {
				out[name] = at
			}
		}
	}
	return out
}

// securityType is the authorization an operation's security asks for: the
// first requirement that names an authorization, NONE for an empty list,
// "" when it names none (an API key alone).
func securityType(sec *node, schemes map[string]string) string {
	reqs := sec.itemsOrNil()
	switch {
	case sec.kind == mapNode:
		reqs = []*node{sec} // one requirement written without its list
	case sec.kind != seqNode:
		return ""
	case len(reqs) == 0:
		return "NONE"
	}
	for _, req := range reqs {
		for name := range req.entries() {
			if at := schemes[name]; at != "" {
				return at
			}
		}
	}
	return ""
}

// apiIntegration connects an API to the backend of one integration: a
// function (Lambda proxy or not, synchronous or asynchronous) or an AWS
// service called directly.
func (b *builder) apiIntegration(api, typ string, uri, integ *node, at pos, id string) *conn {
	if b.block(api) == nil {
		return nil
	}
	apiKind := b.kindOf(api)
	uriText, _ := b.t.render(uri)
	typ = strings.ToUpper(typ)
	var targets []string
	targets = append(targets, b.t.refs(uri)...)
	targets = append(targets, b.t.refs(integ.getFold("requestParameters"))...)
	targets = append(targets, b.t.refs(integ.getFold("requestTemplates"))...)
	subtype, _ := b.t.render(integ.getFold("integrationSubtype"))
	if len(targets) == 0 {
		if typ == "HTTP" || typ == "HTTP_PROXY" {
			b.note(api, at, "the HTTP integration with %s is not shown", describeValue(b.t, uri))
		} else if !strings.HasPrefix(typ, "MOCK") {
			b.note(api, at, "the integration with %s names nothing of the template; it is not shown", describeValue(b.t, uri))
		}
		return nil
	}
	lambdaCall := strings.Contains(uriText, ":lambda:path/") || (subtype == "" && (typ == "AWS_PROXY" || typ == ""))
	for _, to := range targets {
		toKind := b.kindOf(to)
		if toKind == "" {
			continue
		}
		if toKind == "lambda" && lambdaCall {
			integID := design.IntInvoke
			if v, _ := b.t.render(integ.getFold("requestParameters").get("integration.request.header.X-Amz-Invocation-Type")); strings.Contains(v, "Event") {
				integID = design.IntAsyncInvoke
			}
			c := b.connect(api, to, integID, at, id)
			if c == nil {
				return nil
			}
			if integID == design.IntInvoke {
				if apiKind == "apigateway-rest" && (typ == "AWS" || typ == "AWS_PROXY") {
					c.derive("IntegrationType", typ, at)
				}
				c.set("TimeoutInMillis", integ.getFold("timeoutInMillis"))
				c.set("PayloadFormatVersion", integ.getFold("payloadFormatVersion"))
			}
			return c
		}
		if b.cat.Integration(apiKind, toKind, design.IntService) == nil {
			continue
		}
		c := b.connect(api, to, design.IntService, at, id)
		if c == nil {
			return nil
		}
		c.set("TimeoutInMillis", integ.getFold("timeoutInMillis"))
		if toKind == "stepfunctions" && (strings.Contains(uriText, "StartSyncExecution") || strings.Contains(subtype, "StartSyncExecution")) {
			c.derive("Action", "StartSyncExecution", at)
		}
		return c
	}
	return nil
}

// apiResource reads the parts of an API that CloudFormation declares as
// resources of their own: methods, routes' integrations, authorizers,
// stages.
func (b *builder) apiResource(r *resource) {
	p := r.props
	t := b.t
	api := t.ref(p.get("RestApiId"))
	if api == "" {
		api = t.ref(p.get("ApiId"))
	}
	bk := b.block(api)
	if bk == nil || !strings.HasPrefix(bk.kind, "apigateway-") {
		return
	}
	r.read = true
	schema := b.cat.Kind(bk.kind).Props
	switch r.typ {
	case "AWS::ApiGateway::Method":
		integ := p.get("Integration")
		if integ == nil {
			return
		}
		typ, _ := t.render(integ.get("Type"))
		c := b.apiIntegration(api, typ, integ.get("Uri"), integ, integ.pos, "")
		route, _ := t.render(p.get("AuthorizationType"))
		b.routeAuth(c, api, strings.ToUpper(route), r.pos)
	case "AWS::ApiGateway::Authorizer", "AWS::ApiGatewayV2::Authorizer":
		typ, _ := t.render(p.get("Type"))
		if typ == "" {
			typ, _ = t.render(p.get("AuthorizerType"))
		}
		switch typ {
		case "TOKEN", "REQUEST":
			if c := b.authorizerFunction(api, p.get("AuthorizerUri"), r.pos); c != nil {
				if bk.kind == "apigateway-rest" {
					c.deriveNode("AuthorizerType", p.get("Type"))
				}
				c.set("AuthorizerResultTtlInSeconds", p.get("AuthorizerResultTtlInSeconds"))
				c.set("EnableSimpleResponses", p.get("EnableSimpleResponses"))
			}
		case "COGNITO_USER_POOLS":
			b.userPools(api, p.get("ProviderARNs"), r.pos)
		case "JWT":
			b.jwtIssuer(api, p.get("JwtConfiguration"), r.pos)
		}
	case "AWS::ApiGateway::Stage":
		readProps(bk.set, p, schema, map[string][]string{
			"ThrottlingRateLimit":  {"MethodSettings.0.ThrottlingRateLimit"},
			"ThrottlingBurstLimit": {"MethodSettings.0.ThrottlingBurstLimit"},
		})
	case "AWS::ApiGatewayV2::Stage":
		readProps(bk.set, p, schema, map[string][]string{
			"ThrottlingRateLimit":  {"DefaultRouteSettings.ThrottlingRateLimit"},
			"ThrottlingBurstLimit": {"DefaultRouteSettings.ThrottlingBurstLimit"},
		})
	case "AWS::ApiGatewayV2::Integration":
		typ, _ := t.render(p.get("IntegrationType"))
		c := b.apiIntegration(api, typ, p.get("IntegrationUri"), p, r.pos, "")
		if c == nil {
			return
		}
		for _, route := range t.resources {
			if route.typ != "AWS::ApiGatewayV2::Route" || !containsString(t.refs(route.props.get("Target")), r.id) {
				continue
			}
			at, _ := t.render(route.props.get("AuthorizationType"))
			if bk.kind != "apigateway-websocket" {
				b.routeAuth(c, api, strings.ToUpper(at), route.pos)
				continue
			}
			key, ok := t.render(route.props.get("RouteKey"))
			if !ok {
				b.note(route.id, route.pos, "RouteKey is only known once deployed; the route is not read")
			}
			c.addRoute(key, route.pos, true)
			if at != "" && at != "NONE" {
				// A WebSocket API authorizes its $connect route only.
				bk.set("AuthorizationType", route.props.get("AuthorizationType"))
			}
		}
	}
}
