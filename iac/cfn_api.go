package iac

import (
	"crypto/sha1"
	"encoding/hex"
	"regexp"
	"strings"
)

// cfnAPI is an AWS::Serverless::Api or HttpApi (or the implicit
// ServerlessRestApi or ServerlessHttpApi) while the functions' events add
// their routes to it.
type cfnAPI struct {
	id    string
	http  bool
	def   *node // the SAM resource; a bare one for an implicit API
	props *node // its properties, Globals applied
	// body is the OpenAPI document: the DefinitionBody given, or the one
	// archlab writes from the events; s3 the document's S3 location.
	body *node
	s3   *node
	// auth is the API's Auth; needIAM and needKey say that a route asks
	// for IAM authorization or an API key of its own.
	auth             *cfnAuth
	needIAM, needKey bool
}

var restAPIKnown = setOf("Name", "StageName", "DefinitionBody", "DefinitionUri", "Description", "EndpointConfiguration",
	"BinaryMediaTypes", "MinimumCompressionSize", "Variables", "MethodSettings", "TracingEnabled", "CacheClusterEnabled",
	"CacheClusterSize", "AccessLogSetting", "Tags", "OpenApiVersion", "Mode", "DisableExecuteApiEndpoint",
	"FailOnWarnings", "ApiKeySourceType", "Auth")

var httpAPIKnown = setOf("Name", "StageName", "DefinitionBody", "DefinitionUri", "Description", "Tags",
	"StageVariables", "AccessLogSettings", "DefaultRouteSettings", "RouteSettings", "FailOnWarnings",
	"DisableExecuteApiEndpoint", "Auth")

// declareAPI reads an API before any function adds routes to it.
func (c *cfn) declareAPI(id string, def *node) error {
	a := &cfnAPI{id: id, http: c.types[id] == "AWS::Serverless::HttpApi", def: def, props: def.get("Properties")}
	if err := c.readAPI(a); err != nil {
		return err
	}
	c.apis[id] = a
	return nil
}

func (c *cfn) readAPI(a *cfnAPI) error {
	known := restAPIKnown
	if a.http {
		known = httpAPIKnown
	}
	if err := checkProps(a.id, a.props, known); err != nil {
		return err
	}
	if _, err := tagList(a.id, a.props.get("Tags")); err != nil && !a.http {
		return err
	}
	if !a.http && a.props.get("StageName") == nil {
		return &UnsupportedError{Resource: a.id, Feature: "StageName", Why: "is missing (SAM requires it of an AWS::Serverless::Api)"}
	}
	if b := a.props.get("DefinitionBody"); b != nil {
		a.body = b
	}
	if uri := a.props.get("DefinitionUri"); uri != nil {
		if a.body != nil {
			return &UnsupportedError{Resource: a.id, Feature: "DefinitionUri", Why: "beside a DefinitionBody"}
		}
		loc, local, err := s3Location(a.id, "DefinitionUri", uri, "Bucket", "Key", "Version")
		if err != nil {
			return err
		}
		if local {
			// SAM's deployment changes with the uploaded document; one
			// written before packaging cannot.
			return &UnsupportedError{Resource: a.id, Feature: "DefinitionUri", Why: "is a local path: SAM deploys the API again when the packaged document changes, which a plain template written before packaging cannot know"}
		}
		a.s3 = loc
	}
	return c.readAuth(a)
}

// implicitAPI returns the API SAM creates for events that name none.
func (c *cfn) implicitAPI(owner string, http bool) (*cfnAPI, error) {
	id, section := "ServerlessRestApi", "Api"
	if http {
		id, section = "ServerlessHttpApi", "HttpApi"
	}
	if a := c.apis[id]; a != nil {
		return a, nil
	}
	if _, err := c.claim(owner, id); err != nil {
		return nil, err
	}
	props := c.globals[section].clone()
	if props == nil {
		props = &node{kind: mapNode}
	}
	if !http && props.get("StageName") == nil {
		props.set("StageName", nstr("Prod"))
	}
	a := &cfnAPI{id: id, http: http, def: &node{kind: mapNode}, props: props}
	if err := c.readAPI(a); err != nil {
		return nil, err
	}
	c.apis[id] = a
	c.implicit = append(c.implicit, id)
	return a, nil
}

// pathParam matches the parameters of an OpenAPI path, which a permission
// matches with a wildcard.
var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// apiEvent adds a function's route to its API and lets the API invoke it.
func (c *cfn) apiEvent(fn *cfnFunction, id, name, typ string, props *node) error {
	http := typ == "HttpApi"
	apiProp, known := "RestApiId", setOf("Path", "Method", "RestApiId", "TimeoutInMillis", "Auth")
	if http {
		apiProp, known = "ApiId", setOf("Path", "Method", "ApiId", "TimeoutInMillis", "PayloadFormatVersion", "Auth")
	}
	if k := firstUnknown(props, known); k != "" {
		return eventFeature(fn.id, name, typ, k)
	}
	if fn.def.get("Condition") != nil {
		return &UnsupportedError{Resource: fn.id, Feature: typ + " event of a function with a Condition", Why: "(" + name + ") needs SAM's conditional routes"}
	}
	var a *cfnAPI
	if v := props.get(apiProp); v != nil {
		a = c.apis[refTo(v)]
		if a == nil || a.http != http {
			return &UnsupportedError{Resource: fn.id, Feature: apiProp + " of " + typ + " events", Why: "(event " + name + ") must Ref an AWS::Serverless::" + typ + " of the template, as SAM requires"}
		}
	} else {
		var err error
		if a, err = c.implicitAPI(fn.id, http); err != nil {
			return err
		}
	}
	path, method := textOr(props.get("Path"), ""), strings.ToLower(textOr(props.get("Method"), ""))
	if http && props.get("Path") == nil && props.get("Method") == nil {
		path, method = "$default", "any"
	}
	if path == "" || method == "" || isIntrinsic(props.get("Path")) || isIntrinsic(props.get("Method")) {
		return &UnsupportedError{Resource: fn.id, Feature: "Path and Method of " + typ + " events", Why: "(event " + name + ") must be written as text"}
	}
	if a.s3 != nil {
		return &UnsupportedError{Resource: fn.id, Feature: typ + " event to an API archlab cannot add routes to", Why: "(event " + name + ") adds a route to " + a.id + ", whose OpenAPI document is in S3"}
	}
	if a.body == nil {
		a.body = newOpenAPI(a)
	}
	paths := a.body.get("paths")
	if paths == nil || paths.kind != mapNode || isIntrinsic(a.body) {
		return &UnsupportedError{Resource: fn.id, Feature: typ + " event to an API archlab cannot add routes to", Why: "(event " + name + ") adds a route to " + a.id + ", whose DefinitionBody has no paths mapping archlab can add to"}
	}
	op := method
	if method == "any" {
		op = "x-amazon-apigateway-any-method"
	}
	item := paths.get(path)
	if item == nil {
		item = &node{kind: mapNode}
		paths.set(path, item)
	}
	if item.kind != mapNode {
		return &UnsupportedError{Resource: fn.id, Feature: typ + " event to an API archlab cannot add routes to", Why: "(event " + name + ") adds a route to a path of " + a.id + " that is not a mapping"}
	}
	if item.get(op) == nil || item.get(op).get("x-amazon-apigateway-integration") == nil {
		target := "${" + fn.id + ".Arn}"
		if alias := c.names[fn.id+".Alias"]; alias != "" {
			target = "${" + alias + "}"
		}
		integration := nmap("type", "aws_proxy", "httpMethod", "POST",
			"uri", nsub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"+target+"/invocations"))
		if http {
			integration.set("payloadFormatVersion", toNode(textOr(props.get("PayloadFormatVersion"), "2.0")))
		}
		if t := props.get("TimeoutInMillis"); t != nil {
			integration.set("timeoutInMillis", t)
		}
		opNode := item.get(op)
		if opNode == nil || opNode.kind != mapNode {
			opNode = &node{kind: mapNode}
			item.set(op, opNode)
		}
		opNode.set("x-amazon-apigateway-integration", integration)
		if opNode.get("responses") == nil {
			opNode.set("responses", &node{kind: mapNode})
		}
		if err := c.routeAuth(a, fn.id, name, typ, props.get("Auth"), opNode, integration); err != nil {
			return err
		}
	} else if props.get("Auth") != nil {
		return &UnsupportedError{Resource: fn.id, Feature: "Auth of " + typ + " events", Why: "(event " + name + ") on a route whose integration the DefinitionBody already has"}
	}
	source := "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/*"
	if path != "$default" {
		verb := strings.ToUpper(method)
		if method == "any" {
			verb = "*"
		}
		source += "/" + verb + pathParam.ReplaceAllString(path, "*")
	}
	return c.permission(fn, id+"Permission", "apigateway.amazonaws.com", nsubVars(source, nmap("__ApiId__", nref(a.id))), nil)
}

// newOpenAPI is the document SAM writes for an API without a definition.
func newOpenAPI(a *cfnAPI) *node {
	info := nmap("version", "1.0", "title", nref("AWS::StackName"))
	if a.http {
		return nmap("openapi", "3.0.1", "info", info, "paths", &node{kind: mapNode})
	}
	if v, ok := a.props.get("OpenApiVersion").text(); ok && strings.HasPrefix(v, "3") {
		return nmap("openapi", v, "info", info, "paths", &node{kind: mapNode})
	}
	return nmap("swagger", "2.0", "info", info, "paths", &node{kind: mapNode})
}

// finishAPI writes an API's resources once its routes are known: the API
// with its body, and for a REST API a deployment named after the body's
// hash (so that a changed API is deployed again) and its stage.
func (c *cfn) finishAPI(a *cfnAPI) ([]cfnRes, error) {
	p := a.props
	if a.body == nil && a.s3 == nil {
		a.body = newOpenAPI(a)
	}
	perms, err := c.finishAuth(a)
	if err != nil {
		return nil, err
	}
	stageName := p.get("StageName")
	cond := a.def.get("Condition")
	withCond := func(def *node) *node {
		if cond != nil {
			def.set("Condition", cond.clone())
		}
		return def
	}
	if a.http {
		api := &node{kind: mapNode}
		if a.body != nil {
			api.set("Body", a.body)
		} else {
			api.set("BodyS3Location", a.s3)
		}
		copyProps(api, p, "Name", "Description", "FailOnWarnings", "DisableExecuteApiEndpoint", "Tags")
		stageID := a.id + "ApiGatewayDefaultStage"
		if stageName == nil {
			stageName = nstr("$default")
		} else {
			stageID = a.id + alnum(textOr(stageName, "")) + "Stage"
		}
		stage := nmap("ApiId", nref(a.id), "StageName", stageName, "AutoDeploy", true)
		copyProps(stage, p, "StageVariables", "AccessLogSettings", "DefaultRouteSettings", "RouteSettings")
		if tags := p.get("Tags"); tags != nil {
			stage.set("Tags", tags)
		}
		c.names[a.id+".Stage"] = stageID
		if _, err := c.claim(a.id, stageID); err != nil {
			return nil, err
		}
		return append([]cfnRes{
			{id: a.id, def: withCond(mainResource(a.def, "AWS::ApiGatewayV2::Api", api))},
			{id: stageID, def: withCond(nmap("Type", "AWS::ApiGatewayV2::Stage", "Properties", stage))},
		}, perms...), nil
	}
	api := &node{kind: mapNode}
	var hashed *node
	if a.body != nil {
		api.set("Body", a.body)
		hashed = a.body
	} else {
		api.set("BodyS3Location", a.s3)
		hashed = a.s3
	}
	copyProps(api, p, "Name", "Description", "MinimumCompressionSize", "Mode", "DisableExecuteApiEndpoint",
		"FailOnWarnings", "ApiKeySourceType")
	if types := p.get("BinaryMediaTypes"); types != nil {
		bin := types.clone()
		for _, it := range bin.items {
			if it.kind == scalarNode {
				it.str = strings.ReplaceAll(it.str, "~1", "/")
			}
		}
		api.set("BinaryMediaTypes", bin)
	}
	if ec := p.get("EndpointConfiguration"); ec != nil {
		if s, ok := ec.text(); ok {
			api.set("EndpointConfiguration", nmap("Types", nseq(s)))
		} else if ec.kind == mapNode && !isIntrinsic(ec) {
			api.set("EndpointConfiguration", nmap("Types", nseq(ec.get("Type")), "VpcEndpointIds", ec.get("VPCEndpointIds")))
		} else {
			api.set("EndpointConfiguration", ec)
		}
	}
	sum := sha1.Sum([]byte(canonicalText(hashed)))
	hash := hex.EncodeToString(sum[:])
	deployID := a.id + "Deployment" + hash[:10]
	stageID := a.id + "Stage"
	if s, ok := stageName.text(); ok {
		stageID = a.id + alnum(s) + "Stage"
	}
	for _, id := range []string{deployID, stageID} {
		if _, err := c.claim(a.id, id); err != nil {
			return nil, err
		}
	}
	deploy := nmap("RestApiId", nref(a.id), "Description", "RestApi deployment id: "+hash)
	stage := nmap("RestApiId", nref(a.id), "DeploymentId", nref(deployID), "StageName", stageName)
	copyProps(stage, p, "Variables", "MethodSettings", "TracingEnabled", "CacheClusterEnabled", "CacheClusterSize", "AccessLogSetting")
	if tags, err := tagList(a.id, p.get("Tags")); err == nil && tags != nil {
		stage.set("Tags", tags)
	}
	c.names[a.id+".Stage"] = stageID
	c.names[a.id+".Deployment"] = deployID
	return append([]cfnRes{
		{id: a.id, def: withCond(mainResource(a.def, "AWS::ApiGateway::RestApi", api))},
		{id: deployID, def: withCond(nmap("Type", "AWS::ApiGateway::Deployment", "Properties", deploy))},
		{id: stageID, def: withCond(nmap("Type", "AWS::ApiGateway::Stage", "Properties", stage))},
	}, perms...), nil
}
