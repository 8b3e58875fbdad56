package iac

import (
	"strconv"
	"strings"

	"github.com/archlab/archlab/design"
)

// The exporter's side of per-route authorization (see apigateway.go): an
// integration whose routes are authorized otherwise than the API's default
// becomes one route per authorization type, each saying its type the way
// SAM does, and the importer reads them back into the same list.

// routeAuths lists the authorization types of the routes a connection
// serves, one route each; [""] when they take the API's default.
func routeAuths(c *design.Connection) []string {
	list, _ := c.Props["AuthorizationType"].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return []string{""}
	}
	return out
}

// routePath is the path of a connection's i-th route.
func routePath(to string, i int) string {
	p := "/" + strings.ToLower(to)
	if i > 0 {
		p += "-" + strconv.Itoa(i+1)
	}
	return p
}

// apiDefault is the design's default authorization of an API's routes.
func apiDefault(api *design.Block) string {
	at, _ := api.Props.String("AuthorizationType")
	if at == "" {
		return "NONE"
	}
	return at
}

// authorizerName returns the name the export gives an API's authorizer of
// an authorization type, or "".
func authorizerName(fr *outRes, typ string) string {
	if !fr.props.has("Auth") {
		return ""
	}
	auths, _ := fr.props.child("Auth").get("Authorizers").(*omap)
	if auths == nil {
		return ""
	}
	for _, name := range auths.keys {
		a, _ := auths.get(name).(*omap)
		kind := "CUSTOM"
		switch {
		case a == nil:
			continue
		case a.has("UserPoolArn"):
			kind = "COGNITO_USER_POOLS"
		case a.has("JwtConfiguration"):
			kind = "JWT"
		}
		if kind == typ {
			return name
		}
	}
	return ""
}

// eventAuth writes the authorization of a SAM Api or HttpApi event's route.
// A type the export cannot name (an authorizer of that kind is missing, or
// NONE on an API without a default authorizer, which SAM refuses) is left
// out, and the metadata keeps the connection's list.
func (x *exporter) eventAuth(p *omap, api *design.Block, fr *outRes, typ string) {
	if name := x.routeAuthorizer(api, fr, typ); name != "" {
		p.child("Auth").set("Authorizer", name)
	}
}

// setOperation puts an API's operation for a connection into its inline
// OpenAPI definition: one operation per authorization type of the
// connection's routes, each with its security.
func (x *exporter) setOperation(body *omap, c *design.Connection, fr *outRes, op *omap) {
	api := x.byID[c.From]
	for i, typ := range routeAuths(c) {
		o := op
		if i > 0 {
			o = newMap()
			for _, k := range op.keys {
				o.set(k, op.get(k))
			}
		}
		if sec := x.operationSecurity(body, api, fr, typ); sec != "" {
			req := newMap()
			req.set(sec, []any{})
			o.set("security", []any{req})
		}
		body.child("paths").child(routePath(c.To, i)).set("post", o)
	}
}

// operationSecurity is the security scheme an operation names for an
// authorization type, adding what the definition needs for it; "" when
// the operation takes the API's default.
func (x *exporter) operationSecurity(body *omap, api *design.Block, fr *outRes, typ string) string {
	name := x.routeAuthorizer(api, fr, typ)
	if name == "AWS_IAM" && api.Kind != "apigateway-http" {
		// A REST API's definition declares SigV4 as a scheme of its own.
		s := body.child("components").child("securitySchemes").child("AWS_IAM")
		s.set("type", "apiKey")
		s.set("name", "Authorization")
		s.set("in", "header")
		s.set("x-amazon-apigateway-authtype", "awsSigv4")
	}
	return name
}

// routeAuthorizer is the name a route of an API gives its authorization
// type, as SAM's events and the API's definition both take it, enabling
// IAM authorization on an HTTP API that needs it; "" when the route takes
// the API's default (NONE on an API without a default authorizer is that
// default) or no authorizer of the type is there to name.
func (x *exporter) routeAuthorizer(api *design.Block, fr *outRes, typ string) string {
	switch typ {
	case "":
		return ""
	case "NONE":
		if apiDefault(api) == "NONE" {
			return ""
		}
		return "NONE"
	case "AWS_IAM":
		if api.Kind == "apigateway-http" {
			fr.props.child("Auth").set("EnableIamAuthorizer", true)
		}
		return "AWS_IAM"
	}
	return authorizerName(fr, typ)
}

// appSyncModes writes an AppSync API's additional authorization modes as
// CloudFormation takes them, each with the configuration its authorizer
// connection gives (a Lambda function, a user pool), and the default
// mode's configuration.
func (x *exporter) appSyncModes(b *design.Block, r *outRes) {
	config := func(m *omap, mode string) {
		for i := range x.d.Connections {
			c := &x.d.Connections[i]
			if c.From != b.ID || c.Integration != design.IntAuthorizer || x.out[c.To] == nil {
				continue
			}
			switch to := x.byID[c.To]; {
			case mode == "AWS_LAMBDA" && to.Kind == "lambda" && !m.has("LambdaAuthorizerConfig"):
				m.child("LambdaAuthorizerConfig").set("AuthorizerUri", x.arn(c.To))
				x.permission(c.To, "appsync.amazonaws.com", getAtt(b.ID, "Arn"))
			case mode == "AMAZON_COGNITO_USER_POOLS" && to.Kind == "cognito" && !m.has("UserPoolConfig"):
				m.child("UserPoolConfig").set("UserPoolId", ref(c.To))
				m.child("UserPoolConfig").set("AwsRegion", ref("AWS::Region"))
				if m == r.props {
					m.child("UserPoolConfig").set("DefaultAction", "ALLOW")
				}
			}
		}
	}
	if mode, _ := r.props.get("AuthenticationType").(string); mode != "" {
		config(r.props, mode)
	}
	modes, _ := b.Props["AdditionalAuthenticationProviders"].([]any)
	if len(modes) == 0 {
		return
	}
	var out []any
	for _, v := range modes {
		mode, _ := v.(string)
		m := newMap()
		m.set("AuthenticationType", mode)
		config(m, mode)
		out = append(out, m)
	}
	r.props.set("AdditionalAuthenticationProviders", out)
}
