package iac

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// samWebSocketAPI reads a SAM WebSocket API: each route invokes a function
// (of the template or outside it), one connection per function listing
// every route it serves, and Auth decides how the $connect route is
// authorized. SAM generates the routes, integrations, authorizer and
// stage; the design shows what they do.
func (b *builder) samWebSocketAPI(r *resource) {
	api := b.block(r.id)
	if api == nil || api.kind != "apigateway-websocket" {
		return
	}
	props := r.props
	for key, route := range props.get("Routes").entries() {
		at := props.get("Routes").keyPosOf(key)
		fn := route.get("FunctionArn")
		if fn == nil {
			continue
		}
		c := b.targetAs(api.id, fn, design.IntInvoke, []string{"lambda"}, at, "")
		if c == nil {
			continue
		}
		c.addRoute(key, at, false)
		c.set("TimeoutInMillis", route.get("IntegrationTimeout"))
	}
	auth := props.get("Auth")
	if auth == nil {
		return
	}
	// SAM checks AuthType in upper case but acts on the value as written:
	// "custom" or "aws_iam" pass its checks and leave $connect open, with
	// no authorizer made.
	typ, _ := b.t.render(auth.get("AuthType"))
	switch typ {
	case "CUSTOM":
		api.setValue("AuthorizationType", "CUSTOM", auth.pos)
		if arn := auth.get("AuthArn"); arn != nil {
			b.targetAs(api.id, arn, design.IntAuthorizer, []string{"lambda"}, arn.pos, "")
		}
	case "AWS_IAM":
		api.setValue("AuthorizationType", "AWS_IAM", auth.pos)
	case "NONE":
		api.setValue("AuthorizationType", "NONE", auth.pos)
	default:
		switch strings.ToUpper(typ) {
		case "CUSTOM", "AWS_IAM", "NONE":
			api.setValue("AuthorizationType", "NONE", auth.pos)
			b.note(r.id, auth.pos, "Auth.AuthType is %q: SAM acts only on upper-case values, so it makes no authorizer and the $connect route takes no authorization", typ)
		case "":
		default:
			b.note(r.id, auth.pos, "Auth.AuthType is %q, which SAM refuses: it takes CUSTOM, AWS_IAM or NONE", typ)
		}
	}
}
