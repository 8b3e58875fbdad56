package iac

import (
	"strings"

	"github.com/archlab/archlab/design"
)

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

// apiAuth reads the Auth section of a SAM API: its authorizers become
// connections and its default authorizer the API's AuthorizationType.
func (b *builder) apiAuth(api *blk, props *node, typ string) {
	auth := props.get("Auth")
	if auth == nil {
		return
	}
	kinds := map[string]string{} // authorizer name → AuthorizationType
	for name, a := range auth.get("Authorizers").entries() {
		switch {
		case a.get("FunctionArn") != nil:
			kinds[name] = "CUSTOM"
			c := b.targetAs(api.id, a.get("FunctionArn"), design.IntAuthorizer, []string{"lambda"}, a.pos, "")
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
			kinds[name] = "COGNITO_USER_POOLS"
			pools := a.get("UserPoolArn")
			if pools.kind == seqNode && len(pools.items) > 0 {
				pools = pools.items[0] // SAM takes a list; one pool shows the authorizer
			}
			b.targetAs(api.id, pools, design.IntAuthorizer, []string{"cognito"}, a.pos, "")
		case a.get("JwtConfiguration") != nil:
			kinds[name] = "JWT"
			if pool := b.poolOf(a.get("JwtConfiguration")); pool != "" {
				b.connect(api.id, pool, design.IntAuthorizer, a.pos, "")
			}
		}
	}
	if def := auth.get("DefaultAuthorizer"); def != nil {
		name, _ := b.t.render(def)
		switch {
		case name == "AWS_IAM":
			api.setValue("AuthorizationType", "AWS_IAM", def.pos)
		case kinds[name] != "":
			api.setValue("AuthorizationType", kinds[name], def.pos)
		}
	}
}

// poolOf returns the user pool a JWT issuer names.
func (b *builder) poolOf(jwt *node) string {
	for _, id := range b.t.refs(jwt) {
		if b.kindOf(id) == "cognito" {
			return id
		}
	}
	return ""
}

// openAPI reads the integrations and authorizers of an inline OpenAPI
// definition.
func (b *builder) openAPI(api string, body *node, r *resource) {
	if body == nil || b.block(api) == nil {
		return
	}
	if name, arg := body.intrinsic(); name == "Fn::Transform" {
		loc, _ := b.t.render(lookup(arg, "Parameters.Location"))
		b.note(api, body.pos, "the API definition is included from %q (AWS::Include), which archlab does not read", loc)
		return
	}
	noted := false
	var walkIncludes func(n *node, depth int)
	walkIncludes = func(n *node, depth int) {
		if n == nil || noted || depth > maxDepth {
			return
		}
		if name, _ := n.intrinsic(); name == "Fn::Transform" {
			b.note(api, n.pos, "part of the API definition is included with AWS::Include, which archlab does not read")
			noted = true
			return
		}
		for _, v := range n.vals {
			walkIncludes(v, depth+1)
		}
		for _, v := range n.items {
			walkIncludes(v, depth+1)
		}
	}
	walkIncludes(body, 0)
	for _, item := range body.get("paths").entries() {
		for method, op := range item.entries() {
			if method == "parameters" {
				continue
			}
			if integ := op.get("x-amazon-apigateway-integration"); integ != nil {
				typ, _ := b.t.render(integ.get("type"))
				b.apiIntegration(api, typ, integ.get("uri"), integ, integ.pos, "")
			}
		}
	}
	schemes := body.path("components", "securitySchemes")
	if schemes == nil {
		schemes = body.get("securityDefinitions")
	}
	for _, s := range schemes.entries() {
		a := s.get("x-amazon-apigateway-authorizer")
		if a == nil {
			continue
		}
		typ, _ := b.t.render(a.get("type"))
		switch strings.ToLower(typ) {
		case "token", "request":
			if c := b.target(api, a.get("authorizerUri"), design.IntAuthorizer, a.pos, ""); c != nil {
				if b.kindOf(api) == "apigateway-rest" {
					c.derive("AuthorizerType", strings.ToUpper(typ), a.pos)
				}
				c.set("AuthorizerResultTtlInSeconds", a.get("authorizerResultTtlInSeconds"))
				c.set("EnableSimpleResponses", a.get("enableSimpleResponses"))
			}
		case "cognito_user_pools":
			b.target(api, a.get("providerARNs"), design.IntAuthorizer, a.pos, "")
		case "jwt":
			if pool := b.poolOf(a.get("jwtConfiguration")); pool != "" {
				b.connect(api, pool, design.IntAuthorizer, a.pos, "")
			}
		}
	}
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
// resources of their own: methods, integrations, authorizers, stages.
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
		if at, _ := t.render(p.get("AuthorizationType")); at != "" && at != "NONE" {
			bk.set("AuthorizationType", p.get("AuthorizationType"))
		}
		if integ := p.get("Integration"); integ != nil {
			typ, _ := t.render(integ.get("Type"))
			b.apiIntegration(api, typ, integ.get("Uri"), integ, integ.pos, "")
		}
	case "AWS::ApiGateway::Authorizer", "AWS::ApiGatewayV2::Authorizer":
		typ, _ := t.render(p.get("Type"))
		if typ == "" {
			typ, _ = t.render(p.get("AuthorizerType"))
		}
		switch typ {
		case "TOKEN", "REQUEST":
			if c := b.target(api, p.get("AuthorizerUri"), design.IntAuthorizer, r.pos, ""); c != nil {
				if bk.kind == "apigateway-rest" {
					c.deriveNode("AuthorizerType", p.get("Type"))
				}
				c.set("AuthorizerResultTtlInSeconds", p.get("AuthorizerResultTtlInSeconds"))
				c.set("EnableSimpleResponses", p.get("EnableSimpleResponses"))
			}
		case "COGNITO_USER_POOLS":
			b.target(api, p.get("ProviderARNs"), design.IntAuthorizer, r.pos, "")
		case "JWT":
			if pool := b.poolOf(p.get("JwtConfiguration")); pool != "" {
				b.connect(api, pool, design.IntAuthorizer, r.pos, "")
			}
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
		if c == nil || bk.kind != "apigateway-websocket" {
			return
		}
		for _, route := range t.resources {
			if route.typ == "AWS::ApiGatewayV2::Route" && containsString(t.refs(route.props.get("Target")), r.id) {
				c.deriveNode("RouteKey", route.props.get("RouteKey"))
				if at, _ := t.render(route.props.get("AuthorizationType")); at != "" && at != "NONE" {
					bk.set("AuthorizationType", route.props.get("AuthorizationType"))
				}
			}
		}
	}
}
