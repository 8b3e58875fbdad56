package iac

import (
	"strings"
)

// An API's Auth becomes what SAM writes into its OpenAPI body: each
// authorizer a security scheme with its x-amazon-apigateway-authorizer,
// each route a security requirement (its event's Authorizer, or else the
// API's DefaultAuthorizer), and a Lambda authorizer the permission that
// lets API Gateway invoke it. Events add their routes' requirements
// first; the API's defaults are applied once every route is known, to the
// routes that do not name their own, as SAM orders it.

// callerCredentials is what SAM writes as an AWS_IAM route's integration
// credentials unless an InvokeRole is given: API Gateway calls the
// function with the caller's own credentials.
const callerCredentials = "arn:aws:iam::*:user/*"

// cfnAuth is an API's Auth.
type cfnAuth struct {
	// authorizers are the Authorizers by name, in the template's order.
	names       []string
	authorizers map[string]*node
	def         string // DefaultAuthorizer
	invokeRole  *node  // REST: the API's InvokeRole for AWS_IAM routes
	apiKey      bool   // REST: ApiKeyRequired
	preflight   bool   // REST: the default authorizer applies to OPTIONS
	keyFlight   bool   // REST: ApiKeyRequired applies to OPTIONS
	iam         bool   // HTTP: EnableIamAuthorizer
}

var restAuthKnown = setOf("Authorizers", "DefaultAuthorizer", "InvokeRole", "AddDefaultAuthorizerToCorsPreflight",
	"ApiKeyRequired", "AddApiKeyRequiredToCorsPreflight")

var httpAuthKnown = setOf("Authorizers", "DefaultAuthorizer", "EnableIamAuthorizer")

// authFeature refuses a part of an API's Auth.
func authFeature(api, part, why string) error {
	if why == "" {
		why = "is not translated by archlab"
	}
	return &UnsupportedError{Resource: api, Feature: "Auth." + part, Why: why}
}

// writtenMap reports whether n is a mapping written out, not an intrinsic.
func writtenMap(n *node) bool { return n != nil && n.kind == mapNode && !isIntrinsic(n) }

// readAuth reads an API's Auth when the API is declared.
func (c *cfn) readAuth(a *cfnAPI) error {
	auth := a.props.get("Auth")
	if auth == nil {
		return nil
	}
	if !writtenMap(auth) {
		return authFeature(a.id, "", "is not a mapping written out")
	}
	known := restAuthKnown
	if a.http {
		known = httpAuthKnown
	}
	if k := firstUnknown(auth, known); k != "" {
		return authFeature(a.id, k, "")
	}
	au := &cfnAuth{authorizers: map[string]*node{}, preflight: true, keyFlight: true}
	if v := auth.get("Authorizers"); v != nil {
		if !writtenMap(v) {
			return authFeature(a.id, "Authorizers", "is not a mapping of authorizers by name")
		}
		for i, name := range v.keys {
			if !writtenMap(v.vals[i]) {
				return authFeature(a.id, "Authorizers."+name, "is not a mapping written out")
			}
			au.names = append(au.names, name)
			au.authorizers[name] = v.vals[i]
		}
	}
	for _, k := range []string{"AddDefaultAuthorizerToCorsPreflight", "AddApiKeyRequiredToCorsPreflight", "ApiKeyRequired", "EnableIamAuthorizer"} {
		if v := auth.get(k); v != nil {
			if s, ok := v.text(); !ok || (s != "true" && s != "false") {
				return authFeature(a.id, k, "is not true or false written out")
			}
		}
	}
	au.preflight = auth.get("AddDefaultAuthorizerToCorsPreflight") == nil || truthy(auth.get("AddDefaultAuthorizerToCorsPreflight"))
	au.keyFlight = auth.get("AddApiKeyRequiredToCorsPreflight") == nil || truthy(auth.get("AddApiKeyRequiredToCorsPreflight"))
	au.apiKey = truthy(auth.get("ApiKeyRequired"))
	au.iam = truthy(auth.get("EnableIamAuthorizer"))
	au.invokeRole = auth.get("InvokeRole")
	if v := auth.get("DefaultAuthorizer"); v != nil {
		s, ok := v.text()
		if !ok || s == "" {
			return authFeature(a.id, "DefaultAuthorizer", "is not the name of an authorizer written out")
		}
		if !au.known(s, a.http) {
			return authFeature(a.id, "DefaultAuthorizer", "names "+s+", which is not one of the API's Authorizers (SAM refuses it)")
		}
		au.def = s
	}
	for _, name := range au.names {
		if a.http {
			if _, err := httpAuthorizerScheme(a.id, name, au.authorizers[name]); err != nil {
				return err
			}
		} else if _, err := restAuthorizerScheme(a.id, name, au.authorizers[name]); err != nil {
			return err
		}
	}
	a.auth = au
	return nil
}

// known reports whether a route may name the authorizer.
func (au *cfnAuth) known(name string, http bool) bool {
	if au.authorizers[name] != nil {
		return true
	}
	if name == "AWS_IAM" {
		return !http || au.iam
	}
	return false
}

// restAuthorizerScheme is the security definition of a REST API's
// authorizer: a Cognito user pool, or a Lambda function given a token or
// the request.
func restAuthorizerScheme(api, name string, cfg *node) (*node, error) {
	where := "Authorizers." + name
	if k := firstUnknown(cfg, setOf("UserPoolArn", "FunctionArn", "FunctionPayloadType", "FunctionInvokeRole", "Identity",
		"AuthorizationScopes", "DisableFunctionDefaultPermissions")); k != "" {
		return nil, authFeature(api, where+"."+k, "")
	}
	identity := cfg.get("Identity")
	if identity != nil && !writtenMap(identity) {
		return nil, authFeature(api, where+".Identity", "is not a mapping written out")
	}
	header := textOr(identity.get("Header"), "Authorization")
	if identity.get("Header") != nil && isIntrinsic(identity.get("Header")) {
		return nil, authFeature(api, where+".Identity.Header", "is an intrinsic function")
	}
	scheme := nmap("type", "apiKey", "name", header, "in", "header")
	switch {
	case cfg.get("UserPoolArn") != nil:
		if k := firstUnknown(cfg, setOf("UserPoolArn", "Identity", "AuthorizationScopes")); k != "" {
			return nil, authFeature(api, where+"."+k, "beside a UserPoolArn is not translated by archlab")
		}
		if k := firstUnknown(identity, setOf("Header", "ValidationExpression")); identity != nil && k != "" {
			return nil, authFeature(api, where+".Identity."+k, "of a Cognito authorizer is not translated by archlab")
		}
		pools := cfg.get("UserPoolArn")
		if pools.kind != seqNode {
			pools = nseq(pools)
		}
		scheme.set("x-amazon-apigateway-authtype", nstr("cognito_user_pools"))
		az := nmap("type", "cognito_user_pools", "providerARNs", pools)
		az.set("identityValidationExpression", identity.get("ValidationExpression"))
		scheme.set("x-amazon-apigateway-authorizer", az)
	case cfg.get("FunctionArn") != nil:
		payload := textOr(cfg.get("FunctionPayloadType"), "TOKEN")
		if payload != "TOKEN" && payload != "REQUEST" {
			return nil, authFeature(api, where+".FunctionPayloadType", "is not TOKEN or REQUEST")
		}
		if cfg.get("AuthorizationScopes") != nil {
			return nil, authFeature(api, where+".AuthorizationScopes", "of a Lambda authorizer is not translated by archlab")
		}
		scheme.set("x-amazon-apigateway-authtype", nstr("custom"))
		az := nmap("type", strings.ToLower(payload), "authorizerUri", nsubVars(
			"arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations",
			nmap("__FunctionArn__", cfg.get("FunctionArn"))))
		az.set("authorizerResultTtlInSeconds", identity.get("ReauthorizeEvery"))
		if role := cfg.get("FunctionInvokeRole"); role != nil && textOr(role, "") != "NONE" {
			az.set("authorizerCredentials", role)
		}
		if payload == "REQUEST" {
			if k := firstUnknown(identity, setOf("Headers", "QueryStrings", "StageVariables", "Context", "ReauthorizeEvery")); identity != nil && k != "" {
				return nil, authFeature(api, where+".Identity."+k, "of a REQUEST authorizer is not translated by archlab")
			}
			sources, err := identitySources(api, where, identity, [][2]string{{"Headers", "method.request.header."},
				{"QueryStrings", "method.request.querystring."}, {"StageVariables", "stageVariables."}, {"Context", "context."}})
			if err != nil {
				return nil, err
			}
			if len(sources) == 0 {
				return nil, authFeature(api, where+".Identity", "of a REQUEST authorizer names no header, query string, stage variable or context (SAM refuses it)")
			}
			scheme.set("name", nstr("Unused"))
			az.set("identitySource", nstr(strings.Join(sources, ", ")))
		} else {
			if k := firstUnknown(identity, setOf("Header", "ValidationExpression", "ReauthorizeEvery")); identity != nil && k != "" {
				return nil, authFeature(api, where+".Identity."+k, "of a TOKEN authorizer is not translated by archlab")
			}
			az.set("identityValidationExpression", identity.get("ValidationExpression"))
		}
		scheme.set("x-amazon-apigateway-authorizer", az)
	default:
		return nil, authFeature(api, where, "has neither a UserPoolArn nor a FunctionArn")
	}
	return scheme, nil
}

// identitySources lists a Lambda authorizer's identity sources with the
// prefixes API Gateway reads them by.
func identitySources(api, where string, identity *node, kinds [][2]string) ([]string, error) {
	var out []string
	for _, k := range kinds {
		v := identity.get(k[0])
		if v == nil {
			continue
		}
		if v.kind != seqNode {
			return nil, authFeature(api, where+".Identity."+k[0], "is not a list")
		}
		for _, it := range v.items {
			s, ok := it.text()
			if !ok || isIntrinsic(it) {
				return nil, authFeature(api, where+".Identity."+k[0], "holds a value that is not text")
			}
			out = append(out, k[1]+s)
		}
	}
	return out, nil
}

// httpAuthorizerScheme is the security scheme of an HTTP API's
// authorizer: a JWT authorizer, or a Lambda authorizer.
func httpAuthorizerScheme(api, name string, cfg *node) (*node, error) {
	where := "Authorizers." + name
	switch {
	case cfg.get("JwtConfiguration") != nil:
		if k := firstUnknown(cfg, setOf("JwtConfiguration", "IdentitySource", "AuthorizationScopes")); k != "" {
			return nil, authFeature(api, where+"."+k, "beside a JwtConfiguration is not translated by archlab")
		}
		jwt := cfg.get("JwtConfiguration")
		if !writtenMap(jwt) {
			return nil, authFeature(api, where+".JwtConfiguration", "is not a mapping written out")
		}
		if cfg.get("IdentitySource") == nil {
			return nil, authFeature(api, where+".IdentitySource", "is missing (SAM requires it of a JWT authorizer)")
		}
		// OpenAPI spells the configuration's keys in lower case; SAM
		// takes either.
		lower := &node{kind: mapNode}
		for i, k := range jwt.keys {
			lower.set(strings.ToLower(k), jwt.vals[i])
		}
		return nmap("type", "oauth2", "x-amazon-apigateway-authorizer", nmap("jwtConfiguration", lower,
			"identitySource", cfg.get("IdentitySource"), "type", "jwt")), nil
	case cfg.get("FunctionArn") != nil:
		if k := firstUnknown(cfg, setOf("FunctionArn", "FunctionInvokeRole", "Identity", "AuthorizerPayloadFormatVersion",
			"EnableSimpleResponses", "EnableFunctionDefaultPermissions")); k != "" {
			return nil, authFeature(api, where+"."+k, "beside a FunctionArn is not translated by archlab")
		}
		if cfg.get("AuthorizerPayloadFormatVersion") == nil {
			return nil, authFeature(api, where+".AuthorizerPayloadFormatVersion", "is missing (SAM requires it of a Lambda authorizer)")
		}
		az := nmap("type", "request", "authorizerUri", nsubVars(
			"arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations",
			nmap("__FunctionArn__", cfg.get("FunctionArn"))))
		if role := cfg.get("FunctionInvokeRole"); role != nil && textOr(role, "") != "NONE" {
			az.set("authorizerCredentials", role)
		}
		if identity := cfg.get("Identity"); identity != nil {
			if !writtenMap(identity) {
				return nil, authFeature(api, where+".Identity", "is not a mapping written out")
			}
			if k := firstUnknown(identity, setOf("Headers", "QueryStrings", "StageVariables", "Context", "ReauthorizeEvery")); k != "" {
				return nil, authFeature(api, where+".Identity."+k, "")
			}
			az.set("authorizerResultTtlInSeconds", identity.get("ReauthorizeEvery"))
			sources, err := identitySources(api, where, identity, [][2]string{{"Headers", "$request.header."},
				{"QueryStrings", "$request.querystring."}, {"StageVariables", "$stageVariables."}, {"Context", "$context."}})
			if err != nil {
				return nil, err
			}
			list := nseq()
			for _, s := range sources {
				list.items = append(list.items, nstr(s))
			}
			az.set("identitySource", list)
		}
		az.set("authorizerPayloadFormatVersion", cfg.get("AuthorizerPayloadFormatVersion"))
		if truthy(cfg.get("EnableSimpleResponses")) {
			az.set("enableSimpleResponses", cfg.get("EnableSimpleResponses"))
		}
		return nmap("type", "apiKey", "name", "Unused", "in", "header", "x-amazon-apigateway-authorizer", az), nil
	}
	return nil, authFeature(api, where, "has neither a JwtConfiguration nor a FunctionArn")
}

// awsIAMScheme is the security scheme of IAM authorization.
func awsIAMScheme() *node {
	return nmap("type", "apiKey", "name", "Authorization", "in", "header", "x-amazon-apigateway-authtype", "awsSigv4")
}

// routeAuth applies an event's Auth to the route it added (op, whose
// integration the event wrote), as SAM does before the API's defaults.
func (c *cfn) routeAuth(a *cfnAPI, fnID, event, typ string, auth, op, integration *node) error {
	feature := func(k, why string) error {
		if why == "" {
			why = "(event " + event + ") is not translated by archlab"
		} else {
			why = "(event " + event + ") " + why
		}
		return &UnsupportedError{Resource: fnID, Feature: "Auth." + k + " of " + typ + " events", Why: why}
	}
	if auth != nil && !writtenMap(auth) {
		return feature("", "is not a mapping written out")
	}
	known := setOf("Authorizer", "AuthorizationScopes", "ApiKeyRequired", "InvokeRole")
	if a.http {
		known = setOf("Authorizer", "AuthorizationScopes")
	}
	if k := firstUnknown(auth, known); auth != nil && k != "" {
		return feature(k, "")
	}
	au := a.auth
	if au == nil {
		au = &cfnAuth{authorizers: map[string]*node{}}
	}
	name := ""
	if v := auth.get("Authorizer"); v != nil {
		s, ok := v.text()
		if !ok || s == "" {
			return feature("Authorizer", "is not the name of an authorizer written out")
		}
		name = s
	}
	scopes := auth.get("AuthorizationScopes")
	if scopes != nil && (scopes.kind != seqNode || isIntrinsic(scopes)) {
		return feature("AuthorizationScopes", "is not a list")
	}
	if name == "" && scopes != nil {
		// Scopes without an authorizer are the default authorizer's.
		if au.def == "" {
			return feature("AuthorizationScopes", "without an Authorizer needs the API's DefaultAuthorizer (SAM refuses it)")
		}
		name = au.def
	}
	switch {
	case name == "":
	case name == "NONE":
		if au.def == "" {
			return feature("Authorizer", "is NONE, which SAM allows only on an API with a DefaultAuthorizer")
		}
	case !au.known(name, a.http):
		return feature("Authorizer", "names "+name+", which is not one of "+a.id+"'s Authorizers (SAM refuses it)")
	}
	// A route of an API that authorizes by IAM calls its function with
	// the caller's credentials, or the InvokeRole given.
	if !a.http && (name == "AWS_IAM" || au.def == "AWS_IAM" && auth == nil) {
		role := auth.get("InvokeRole")
		if role == nil {
			role = au.invokeRole
		}
		switch s, ok := role.text(); {
		case role == nil || ok && s == "CALLER_CREDENTIALS":
			integration.set("credentials", nstr(callerCredentials))
		case ok && s == "NONE":
		default:
			integration.set("credentials", role)
		}
	}
	if auth == nil {
		return nil
	}
	security := op.get("security")
	if security == nil {
		security = nseq()
	}
	if security.kind != seqNode {
		return feature("", "applies to a method whose security is not a list")
	}
	if name != "" {
		req := nseq()
		if cfg := au.authorizers[name]; cfg != nil {
			if s := cfg.get("AuthorizationScopes"); s != nil {
				req = s
			}
			if scopes != nil && (!a.http || len(scopes.items) > 0) {
				req = scopes
			}
		}
		security.items = append(security.items, nmap(name, req))
		if name == "AWS_IAM" && !a.http {
			a.needIAM = true
		}
	}
	if v := auth.get("ApiKeyRequired"); v != nil {
		switch s, _ := v.text(); s {
		case "true":
			security.items = append(security.items, nmap("api_key", nseq()))
			a.needKey = true
		case "false":
			if !au.apiKey {
				return feature("ApiKeyRequired", "is false on an API that does not require keys (SAM leaves a marker no scheme defines)")
			}
			security.items = append(security.items, nmap("api_key_false", nseq()))
		default:
			return feature("ApiKeyRequired", "is not true or false written out")
		}
	}
	if len(security.items) > 0 {
		op.set("security", security)
	}
	return nil
}

// methods calls fn with each operation of the body that has an
// integration, by its path and method.
func eachOperation(api string, body *node, fn func(path, method string, op *node) error) error {
	paths := body.get("paths")
	if paths == nil {
		return nil // no operation to secure
	}
	if !writtenMap(paths) {
		return authFeature(api, "", "applies to the paths of the DefinitionBody, which are not a mapping written out")
	}
	for i, path := range paths.keys {
		item := paths.vals[i]
		if !writtenMap(item) {
			return authFeature(api, "", "applies to the path "+path+" of the DefinitionBody, which is not a mapping written out")
		}
		for j, method := range item.keys {
			if method == "parameters" || strings.HasPrefix(method, "x-") && method != "x-amazon-apigateway-any-method" {
				continue
			}
			op := item.vals[j]
			if op.kind != mapNode {
				continue
			}
			if isIntrinsic(op) {
				return authFeature(api, "", "applies to "+method+" "+path+" of the DefinitionBody, which is an intrinsic function")
			}
			if op.get("x-amazon-apigateway-integration") == nil {
				continue
			}
			if err := fn(path, strings.ToLower(method), op); err != nil {
				return err
			}
		}
	}
	return nil
}

// securityList is an operation's security requirements.
func securityList(api, path, method string, op *node) ([]*node, error) {
	s := op.get("security")
	if s == nil {
		return nil, nil
	}
	if s.kind != seqNode {
		return nil, authFeature(api, "", "applies to "+method+" "+path+", whose security is not a list")
	}
	for _, it := range s.items {
		if !writtenMap(it) {
			return nil, authFeature(api, "", "applies to "+method+" "+path+", whose security holds something other than mappings")
		}
	}
	return s.items, nil
}

// finishAuth writes an API's Auth into its body once every route is
// known, and returns the permissions its Lambda authorizers need.
func (c *cfn) finishAuth(a *cfnAPI) ([]cfnRes, error) {
	au := a.auth
	if au == nil && !a.needIAM && !a.needKey {
		return nil, nil
	}
	if au == nil {
		au = &cfnAuth{authorizers: map[string]*node{}}
	}
	if a.body == nil {
		return nil, authFeature(a.id, "", "applies to an API whose OpenAPI document is in S3 (SAM requires a DefinitionBody)")
	}
	if a.http {
		return c.finishHTTPAuth(a, au)
	}
	openapi3 := a.body.get("swagger") == nil && strings.HasPrefix(textOr(a.body.get("openapi"), ""), "3")
	defs := a.body.get("securityDefinitions")
	if defs == nil {
		defs = &node{kind: mapNode}
	}
	if !writtenMap(defs) {
		return nil, authFeature(a.id, "", "applies to a DefinitionBody whose securityDefinitions is not a mapping written out")
	}
	added := false
	define := func(name string, scheme *node, always bool) {
		if always || defs.get(name) == nil {
			defs.set(name, scheme)
			added = true
		}
	}
	if au.def == "AWS_IAM" {
		define("AWS_IAM", awsIAMScheme(), true)
	}
	for _, name := range au.names {
		scheme, err := restAuthorizerScheme(a.id, name, au.authorizers[name])
		if err != nil {
			return nil, err
		}
		define(name, scheme, true)
	}
	if a.needIAM {
		define("AWS_IAM", awsIAMScheme(), false)
	}
	if a.needKey || au.apiKey {
		define("api_key", nmap("type", "apiKey", "name", "x-api-key", "in", "header"), false)
	}
	authorizerNames := setOf(append([]string{"AWS_IAM"}, au.names...)...)
	// As SAM: a route naming NONE loses the default and keeps no
	// requirement of its own; the markers SAM leaves stay as it leaves them.
	err := eachOperation(a.id, a.body, func(path, method string, op *node) error {
		if au.def != "" && (au.preflight || method != "options") {
			existing, err := securityList(a.id, path, method, op)
			if err != nil {
				return err
			}
			var others, chosen []*node
			none := false
			for _, s := range existing {
				switch {
				case s.get("NONE") != nil && !none:
					none = true
				case anyKey(s, authorizerNames):
					chosen = append(chosen, s)
				default:
					others = append(others, s)
				}
			}
			if !none && len(chosen) == 0 {
				req := nseq()
				if s := au.authorizers[au.def].get("AuthorizationScopes"); s != nil {
					req = s
				}
				chosen = []*node{nmap(au.def, req)}
			}
			if security := append(others, chosen...); len(security) > 0 {
				op.set("security", &node{kind: seqNode, items: security})
				if security[0].get("AWS_IAM") != nil {
					define("AWS_IAM", awsIAMScheme(), false)
				}
			}
		}
		if au.apiKey && (au.keyFlight || method != "options") {
			existing, err := securityList(a.id, path, method, op)
			if err != nil {
				return err
			}
			var security []*node
			optOut := false
			for _, s := range existing {
				switch {
				case s.get("api_key_false") != nil && !optOut:
					optOut = true
				case s.get("api_key") != nil || s.get("api_key_false") != nil:
				default:
					security = append(security, s)
				}
			}
			if !optOut {
				security = append(security, nmap("api_key", nseq()))
			}
			if canonicalText(&node{kind: seqNode, items: security}) != canonicalText(&node{kind: seqNode, items: existing}) {
				op.set("security", &node{kind: seqNode, items: security})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if added || len(defs.keys) > 0 {
		if openapi3 {
			comps := a.body.get("components")
			if comps == nil {
				comps = &node{kind: mapNode}
				a.body.set("components", comps)
			}
			if !writtenMap(comps) || comps.get("securitySchemes") != nil {
				return nil, authFeature(a.id, "", "applies to an OpenAPI 3 DefinitionBody with securitySchemes of its own, which SAM replaces")
			}
			comps.set("securitySchemes", defs)
			a.body.del("securityDefinitions")
		} else {
			a.body.set("securityDefinitions", defs)
		}
	}
	return c.authorizerPermissions(a, au, func(cfg *node) bool { return !truthy(cfg.get("DisableFunctionDefaultPermissions")) })
}

func anyKey(m *node, names map[string]bool) bool {
	if m == nil {
		return false
	}
	for _, k := range m.keys {
		if names[k] {
			return true
		}
	}
	return false
}

// finishHTTPAuth writes an HTTP API's authorizers into its body's
// components and its DefaultAuthorizer into the routes naming none.
func (c *cfn) finishHTTPAuth(a *cfnAPI, au *cfnAuth) ([]cfnRes, error) {
	comps := a.body.get("components")
	if comps == nil {
		comps = &node{kind: mapNode}
	}
	if !writtenMap(comps) {
		return nil, authFeature(a.id, "", "applies to a DefinitionBody whose components is not a mapping written out")
	}
	schemes := comps.get("securitySchemes")
	if schemes == nil {
		schemes = &node{kind: mapNode}
	}
	if !writtenMap(schemes) {
		return nil, authFeature(a.id, "", "applies to a DefinitionBody whose securitySchemes is not a mapping written out")
	}
	if au.iam {
		schemes.set("AWS_IAM", awsIAMScheme())
	}
	for _, name := range au.names {
		scheme, err := httpAuthorizerScheme(a.id, name, au.authorizers[name])
		if err != nil {
			return nil, err
		}
		schemes.set(name, scheme)
	}
	if au.def != "" {
		err := eachOperation(a.id, a.body, func(path, method string, op *node) error {
			if method == "options" {
				return nil
			}
			existing, err := securityList(a.id, path, method, op)
			if err != nil || len(existing) > 0 {
				return err
			}
			req := nseq()
			if s := au.authorizers[au.def].get("AuthorizationScopes"); s != nil {
				req = s
			}
			op.set("security", nseq(nmap(au.def, req)))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(schemes.keys) > 0 {
		comps.set("securitySchemes", schemes)
		a.body.set("components", comps)
	}
	return c.authorizerPermissions(a, au, func(cfg *node) bool { return truthy(cfg.get("EnableFunctionDefaultPermissions")) })
}

// authorizerPermissions lets API Gateway invoke the API's Lambda
// authorizers that SAM gives a permission (want says which).
func (c *cfn) authorizerPermissions(a *cfnAPI, au *cfnAuth, want func(cfg *node) bool) ([]cfnRes, error) {
	var out []cfnRes
	for _, name := range au.names {
		cfg := au.authorizers[name]
		if cfg.get("FunctionArn") == nil || !want(cfg) {
			continue
		}
		id, err := c.claim(a.id, a.id+name+"AuthorizerPermission")
		if err != nil {
			return nil, err
		}
		def := nmap("Type", "AWS::Lambda::Permission", "Properties", nmap("Action", "lambda:InvokeFunction",
			"FunctionName", cfg.get("FunctionArn"), "Principal", "apigateway.amazonaws.com",
			"SourceArn", nsubVars("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*",
				nmap("__ApiId__", nref(a.id)))))
		if cond := a.def.get("Condition"); cond != nil {
			def.set("Condition", cond.clone())
		}
		out = append(out, cfnRes{id: id, def: def})
	}
	return out, nil
}
