package iac

import (
	"strconv"
	"strings"

	"github.com/archlab/archlab/design"
)

// connection writes one connection into the template where CloudFormation
// says it. Connections it cannot write (a client's request, an outside
// endpoint) are left to the metadata that reconcile adds.
func (x *exporter) connection(c *design.Connection) {
	from, to := x.byID[c.From], x.byID[c.To]
	in := x.cat.Integration(from.Kind, to.Kind, c.Integration)
	fr, tr := x.out[c.From], x.out[c.To]
	if c.Integration == design.IntRule && fr == nil && tr != nil && !tr.props.has("EventBusName") {
		tr.props.set("EventBusName", "default") // the default bus has no resource
		return
	}
	if in == nil || fr == nil {
		return
	}
	if fr.typ == outsideType && !outsideSourceWritten[c.Integration] {
		x.outsideInvoke(c, from, to, tr)
		return
	}
	if x.eventsV2Connection(c, in, from, to, fr, tr) {
		return
	}
	switch c.Integration {
	case design.IntESM:
		x.mapping(c, in, tr)
	case design.IntDeadLetter:
		switch {
		case from.Kind == "sqs" && tr != nil && !fr.props.has("RedrivePolicy"):
			rp := newMap()
			rp.set("deadLetterTargetArn", x.arn(c.To))
			if v, ok := c.Props["maxReceiveCount"]; ok {
				rp.set("maxReceiveCount", v)
			}
			fr.props.set("RedrivePolicy", rp)
		case from.Kind == "lambda" && tr != nil && !fr.props.has("DeadLetterQueue"):
			dlq := newMap()
			dlq.set("Type", strings.ToUpper(to.Kind))
			dlq.set("TargetArn", x.arn(c.To))
			fr.props.set("DeadLetterQueue", dlq)
		}
	case design.IntOnFailure, design.IntOnSuccess:
		side := "OnFailure"
		if c.Integration == design.IntOnSuccess {
			side = "OnSuccess"
		}
		if tr == nil || fr.props.has("EventInvokeConfig") && fr.props.child("EventInvokeConfig").child("DestinationConfig").has(side) {
			return
		}
		dest := newMap()
		dest.set("Type", map[string]string{"sqs": "SQS", "sns": "SNS", "lambda": "Lambda", "eventbridge-bus": "EventBridge", "s3": "S3Bucket"}[to.Kind])
		dest.set("Destination", x.arn(c.To))
		fr.props.child("EventInvokeConfig").child("DestinationConfig").set(side, dest)
	case design.IntSubscription:
		x.subscription(c, in, tr)
	case design.IntRule:
		if tr == nil || tr.props.has("EventBusName") {
			return
		}
		tr.props.set("EventBusName", x.nameOrARN(c.From))
	case design.IntTarget:
		x.target(c, in, from, tr)
	case design.IntSource:
		switch {
		case to.Kind == "eventbridge-pipe" && tr != nil && !tr.props.has("Source"):
			src := x.arn(c.From)
			if from.Kind == "dynamodb" {
				src = getAtt(c.From, "StreamArn")
			}
			tr.props.set("Source", src)
			key := map[string]string{"sqs": "SqsQueueParameters", "kinesis": "KinesisStreamParameters", "dynamodb": "DynamoDBStreamParameters"}[from.Kind]
			params := newMap()
			x.setProps(params, c, in, map[string]string{"DeadLetterConfig.Arn": "DeadLetterConfig.Arn"})
			if len(params.keys) > 0 {
				tr.props.child("SourceParameters").set(key, params)
			}
		case to.Kind == "firehose" && tr != nil && !tr.props.has("KinesisStreamSourceConfiguration"):
			if !tr.props.has("DeliveryStreamType") {
				tr.props.set("DeliveryStreamType", "KinesisStreamAsSource")
			}
			src := tr.props.child("KinesisStreamSourceConfiguration")
			src.set("KinesisStreamARN", x.arn(c.From))
			src.set("RoleARN", x.roleArn(c.To))
		}
	case design.IntEnrichment:
		if tr != nil && !fr.props.has("Enrichment") {
			fr.props.set("Enrichment", x.arn(c.To))
		}
	case design.IntTask:
		if _, ok := from.Props["Definition"]; !ok {
			x.tasks[c.From] = append(x.tasks[c.From], c)
		}
		if tr != nil {
			if pol := x.policyTemplate(to); pol != nil {
				x.policies[c.From] = append(x.policies[c.From], pol)
			}
		}
	case design.IntInvoke:
		x.invoke(c, in, from, to, fr, tr)
	case design.IntAuthorizer:
		x.authorizer(c, from, to, fr, tr)
	case design.IntService, design.IntAsyncInvoke:
		x.serviceIntegration(c, from, to, fr, tr)
	case design.IntOrigin:
		x.origin(c, to, fr, tr)
	case design.IntEdge:
		if tr == nil {
			return
		}
		a := newMap()
		a.set("EventType", c.Props["EventType"])
		if _, ok := c.Props["EventType"]; !ok {
			a.set("EventType", "origin-request")
		}
		a.set("LambdaFunctionARN", ref(c.To+".Version"))
		if v, ok := c.Props["IncludeBody"]; ok {
			a.set("IncludeBody", v)
		}
		beh := fr.props.child("DistributionConfig").child("DefaultCacheBehavior")
		list, _ := beh.get("LambdaFunctionAssociations").([]any)
		beh.set("LambdaFunctionAssociations", append(list, a))
		if !tr.props.has("AutoPublishAlias") {
			tr.props.set("AutoPublishAlias", "live")
		}
	case design.IntTrigger:
		if tr == nil {
			return
		}
		src, _ := c.Props["TriggerSource"].(string)
		if src == "" {
			src = "PostConfirmation"
		}
		cfg := fr.props.child("LambdaConfig")
		if !cfg.has(src) {
			cfg.set(src, x.arn(c.To))
			x.permission(c.To, "cognito-idp.amazonaws.com", getAtt(c.From, "Arn"))
		}
	case design.IntNotification:
		x.notification(c, from, to, fr, tr)
	case design.IntEventBridge:
		if to.Kind == "eventbridge-bus" && tr == nil {
			fr.props.setPath("NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled", true)
		}
	case design.IntReplication:
		if tr != nil {
			fr.props.setPath("KinesisStreamSpecification.StreamArn", x.arn(c.To))
		}
	case design.IntDelivery:
		if to.Kind == "s3" && tr != nil && !fr.props.child("ExtendedS3DestinationConfiguration").has("BucketARN") {
			dest := fr.props.child("ExtendedS3DestinationConfiguration")
			dest.set("BucketARN", x.arn(c.To))
			dest.set("RoleARN", x.roleArn(c.From))
		}
	case design.IntTransform:
		if tr == nil || !x.deliversToS3(c.From) {
			return
		}
		proc := fr.props.child("ExtendedS3DestinationConfiguration").child("ProcessingConfiguration")
		proc.set("Enabled", true)
		param := newMap()
		param.set("ParameterName", "LambdaArn")
		param.set("ParameterValue", x.arn(c.To))
		p := newMap()
		p.set("Type", "Lambda")
		p.set("Parameters", []any{param})
		list, _ := proc.get("Processors").([]any)
		proc.set("Processors", append(list, p))
	case design.IntRuleAction:
		x.ruleAction(c, in, to, fr, tr)
	case design.IntResolver:
		x.resolver(c, to, tr)
	case design.IntSDK, design.IntDataAPI:
		x.sdk(c, to, tr)
	}
}

// outsideSourceWritten are the integrations the template writes on the
// target's side, naming the source by its ARN, which holds for a source
// outside the design too: SAM's SQS, Kinesis, DynamoDB and SNS events, an
// SNS subscription, a rule on a bus, a pipe's or a delivery stream's
// source. Others are the source's configuration (an S3 bucket's
// notifications, an API's routes, a rule's targets), which belongs to
// whoever owns it; SAM's S3, Api and HttpApi events even refuse a bucket or
// an API the template does not hold.
var outsideSourceWritten = map[string]bool{
	design.IntESM: true, design.IntSubscription: true, design.IntRule: true, design.IntSource: true,
}

// outsideInvokers are the services that call a function for a source
// outside the design through the function's resource policy.
var outsideInvokers = map[string]string{
	"apigateway-rest": "apigateway.amazonaws.com", "apigateway-http": "apigateway.amazonaws.com",
	"apigateway-websocket": "apigateway.amazonaws.com", "appsync": "appsync.amazonaws.com",
	"s3": "s3.amazonaws.com", "eventbridge-rule": "events.amazonaws.com",
	"cognito": "cognito-idp.amazonaws.com", "iot-core": "iot.amazonaws.com",
}

// outsideInvoke writes what a function's template can do for a source
// outside the design that calls it: let the source's service invoke it,
// from that source only. The owner wires the call on their side; the
// metadata keeps the connection.
func (x *exporter) outsideInvoke(c *design.Connection, from, to *design.Block, tr *outRes) {
	principal := outsideInvokers[from.Kind]
	switch c.Integration {
	case design.IntInvoke, design.IntAsyncInvoke, design.IntAuthorizer, design.IntNotification,
		design.IntTarget, design.IntTrigger, design.IntRuleAction:
	default:
		return // the source's own role calls it (a resolver, a schedule, a pipe)
	}
	key := [2]string{c.From, c.To}
	if to.Kind != "lambda" || tr == nil || tr.typ == outsideType || principal == "" || x.permitted[key] {
		return
	}
	x.permitted[key] = true
	x.permission(c.To, principal, x.arn(c.From))
}

// deliversToS3 reports whether a delivery stream has an S3 destination.
func (x *exporter) deliversToS3(id string) bool {
	for _, c := range x.d.Connections {
		if c.From == id && c.Integration == design.IntDelivery && x.byID[c.To].Kind == "s3" && x.out[c.To] != nil {
			return true
		}
	}
	return false
}

// permission lets a service invoke a function.
func (x *exporter) permission(fn, principal string, source any) {
	p := x.add(fn+"Permission", "AWS::Lambda::Permission")
	p.props.set("Action", "lambda:InvokeFunction")
	p.props.set("FunctionName", x.nameOrARN(fn))
	p.props.set("Principal", principal)
	p.props.set("SourceArn", source)
}

// mapping writes an event source mapping as an event of the function.
func (x *exporter) mapping(c *design.Connection, in *design.Integration, tr *outRes) {
	if tr == nil {
		return
	}
	src := x.byID[c.From]
	typ := map[string]string{"sqs": "SQS", "kinesis": "Kinesis", "dynamodb": "DynamoDB"}[src.Kind]
	if typ == "" {
		// An Amazon MQ broker or a Kafka cluster outside the design: its
		// event needs what the design does not say (topics, queues,
		// credentials). Written back into the template it came from, its
		// settings are all the export says: the template says the rest.
		if x.keepNames && len(x.eventNames[c.ID]) > 0 {
			x.setProps(x.event(c.To, x.eventName(c), "Mapping"), c, in, map[string]string{"DestinationConfig.OnFailure": "DestinationConfig.OnFailure.Destination"})
		}
		return
	}
	if x.sourceTypes[c.ID] == "AWS::Lambda::EventSourceMapping" {
		x.nativeMapping(c, in, src)
		return
	}
	p := x.event(c.To, x.eventName(c), typ)
	switch src.Kind {
	case "sqs":
		p.set("Queue", x.arn(c.From))
	case "dynamodb":
		p.set("Stream", getAtt(c.From, "StreamArn"))
	case "kinesis":
		p.set("Stream", x.arn(c.From))
		if on, _ := c.Props["EnhancedFanOut"].(bool); on {
			consumer := x.add(c.To+c.From+"Consumer", "AWS::Kinesis::StreamConsumer")
			consumer.props.set("ConsumerName", strings.ToLower(c.To))
			consumer.props.set("StreamARN", x.arn(c.From))
			p.set("Stream", getAtt(consumer.id, "ConsumerARN"))
		}
	}
	skip := []string{"EnhancedFanOut"}
	if src.Kind == "sqs" {
		skip = append(skip, "StartingPosition") // SAM's SQS event has none
	}
	x.setProps(p, c, in, map[string]string{"DestinationConfig.OnFailure": "DestinationConfig.OnFailure.Destination"}, skip...)
	// SAM gives the function's role the right to send failed records only
	// when OnFailure says what the destination is.
	if id, ok := c.Props["DestinationConfig.OnFailure"].(string); ok && x.byID[id] != nil {
		if t := map[string]string{"sqs": "SQS", "sns": "SNS"}[x.byID[id].Kind]; t != "" {
			p.setPath("DestinationConfig.OnFailure.Type", t)
		}
	}
}

// nativeMapping writes an event source mapping as the resource the
// template it was imported from writes it as, rather than as a SAM event.
func (x *exporter) nativeMapping(c *design.Connection, in *design.Integration, src *design.Block) {
	m := x.add(c.ID, "AWS::Lambda::EventSourceMapping")
	if src.Kind == "dynamodb" {
		m.props.set("EventSourceArn", getAtt(c.From, "StreamArn"))
	} else {
		m.props.set("EventSourceArn", x.arn(c.From))
	}
	m.props.set("FunctionName", ref(c.To))
	x.setProps(m.props, c, in, map[string]string{"DestinationConfig.OnFailure": "DestinationConfig.OnFailure.Destination"}, "EnhancedFanOut")
}

// subscription subscribes a queue, function or stream to a topic.
func (x *exporter) subscription(c *design.Connection, in *design.Integration, tr *outRes) {
	to := x.byID[c.To]
	switch to.Kind {
	case "lambda":
		if tr == nil {
			return
		}
		p := x.event(c.To, x.eventName(c), "SNS")
		p.set("Topic", ref(c.From))
		x.setProps(p, c, in, nil)
	case "sqs", "firehose", "http-endpoint":
		var endpoint any
		switch {
		case to.Kind == "http-endpoint":
			url, _ := to.Props.String("Url")
			if !strings.HasPrefix(url, "http") {
				return
			}
			endpoint = url
		case tr == nil:
			return
		default:
			endpoint = x.arn(c.To)
		}
		s := x.add(x.connResource(c, c.From+c.To+"Subscription"), "AWS::SNS::Subscription")
		s.props.set("TopicArn", ref(c.From))
		proto := to.Kind
		if to.Kind == "http-endpoint" {
			proto = strings.SplitN(endpoint.(string), ":", 2)[0]
			s.meta = newMap()
			s.meta.set("endpoint", c.To)
		}
		s.props.set("Protocol", proto)
		s.props.set("Endpoint", endpoint)
		if to.Kind == "firehose" {
			s.props.set("SubscriptionRoleArn", x.roleArn(s.id))
		}
		x.setProps(s.props, c, in, nil)
	}
}

// target adds a target to a rule, a schedule or a pipe.
func (x *exporter) target(c *design.Connection, in *design.Integration, from *design.Block, tr *outRes) {
	fr := x.out[c.From]
	to := x.byID[c.To]
	arn := x.arn(c.To)
	switch {
	case tr != nil, to.Kind == "eventbridge-bus": // the default bus by its ARN
	default:
		if to.Kind != "http-endpoint" || from.Kind != "eventbridge-rule" {
			return
		}
		url, _ := to.Props.String("Url")
		if !strings.HasPrefix(url, "https://") || x.out[c.To] != nil {
			return
		}
		// An API destination, under the endpoint's id.
		dest := &outRes{id: c.To, typ: "AWS::Events::ApiDestination", props: newMap()}
		x.out[c.To] = dest
		x.resources.set(c.To, dest)
		conn := x.add(c.To+"Connection", "AWS::Events::Connection")
		conn.props.set("AuthorizationType", "API_KEY")
		conn.props.setPath("AuthParameters.ApiKeyAuthParameters.ApiKeyName", "x-api-key")
		conn.props.setPath("AuthParameters.ApiKeyAuthParameters.ApiKeyValue", "TODO")
		dest.props.set("ConnectionArn", getAtt(conn.id, "Arn"))
		dest.props.set("InvocationEndpoint", url)
		dest.props.set("HttpMethod", "POST")
		if v, ok := c.Props["InvocationRateLimitPerSecond"]; ok {
			dest.props.set("InvocationRateLimitPerSecond", v)
		}
		arn = getAtt(c.To, "Arn")
	}
	switch from.Kind {
	case "eventbridge-rule":
		t := newMap()
		t.set("Id", truncate(c.To, 64))
		t.set("Arn", arn)
		if needsRole(to.Kind) {
			t.set("RoleArn", x.roleArn(c.From))
		}
		x.setProps(t, c, in, map[string]string{"InvocationRateLimitPerSecond": ""})
		list, _ := fr.props.get("Targets").([]any)
		fr.props.set("Targets", append(list, t))
		if to.Kind == "lambda" {
			x.permission(c.To, "events.amazonaws.com", getAtt(c.From, "Arn"))
		}
	case "scheduler":
		if fr.props.has("Target") {
			return
		}
		t := fr.props.child("Target")
		t.set("Arn", arn)
		t.set("RoleArn", x.roleArn(c.From))
		x.setProps(t, c, in, map[string]string{"KinesisParameters.PartitionKeyPath": "KinesisParameters.PartitionKey", "InputTransformer": ""})
	case "eventbridge-pipe":
		if !fr.props.has("Target") {
			fr.props.set("Target", arn)
		}
	}
}

func needsRole(kind string) bool {
	switch kind {
	case "stepfunctions", "kinesis", "firehose", "http-endpoint":
		return true
	}
	return false
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// invoke writes an API's call of a function.
func (x *exporter) invoke(c *design.Connection, in *design.Integration, from, to *design.Block, fr, tr *outRes) {
	if tr == nil || to.Kind != "lambda" {
		return
	}
	switch from.Kind {
	case "apigateway-rest", "apigateway-http":
		typ, key, method := "Api", "RestApiId", "any"
		if from.Kind == "apigateway-http" {
			typ, key, method = "HttpApi", "ApiId", "ANY"
		}
		// One event per authorization type of the routes (export_routes.go).
		for i, auth := range routeAuths(c) {
			p := x.event(c.To, x.eventName(c), typ)
			p.set(key, ref(c.From))
			p.set("Path", routePath(c.To, i))
			p.set("Method", method)
			// IntegrationType: SAM's Api events are always Lambda proxy.
			x.setProps(p, c, in, map[string]string{"IntegrationType": "", "AuthorizationType": ""})
			x.eventAuth(p, from, fr, auth)
		}
	case "apigateway-websocket":
		integ := x.add(c.From+c.To+"Integration", "AWS::ApiGatewayV2::Integration")
		integ.props.set("ApiId", ref(c.From))
		integ.props.set("IntegrationType", "AWS_PROXY")
		integ.props.set("IntegrationUri", sub("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${"+c.To+".Arn}/invocations"))
		if v, ok := c.Props["TimeoutInMillis"]; ok {
			integ.props.set("TimeoutInMillis", v)
		}
		// One route per key the integration serves.
		keys, _ := c.Props["RouteKey"].([]any)
		if len(keys) == 0 {
			keys = []any{"$default"}
		}
		for i, key := range keys {
			id := c.From + c.To + "Route"
			if i > 0 {
				id += strconv.Itoa(i + 1)
			}
			route := x.add(id, "AWS::ApiGatewayV2::Route")
			route.props.set("ApiId", ref(c.From))
			route.props.set("RouteKey", key)
			route.props.set("Target", sub("integrations/${"+integ.id+"}"))
			if at, _ := from.Props.String("AuthorizationType"); at != "" && at != "NONE" && !x.routeAuthorized(c.From) {
				route.props.set("AuthorizationType", at)
				if auth := x.wsAuthorizers[c.From]; at == "CUSTOM" && auth != "" {
					route.props.set("AuthorizerId", ref(auth))
				}
			}
		}
		x.permission(c.To, "apigateway.amazonaws.com", sub("arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${"+c.From+"}/*"))
	}
}

// routeAuthorized reports whether a WebSocket API already has a route that
// carries its authorization.
func (x *exporter) routeAuthorized(api string) bool {
	for _, id := range x.resources.keys {
		r := x.resources.get(id).(*outRes)
		if r.typ == "AWS::ApiGatewayV2::Route" && r.props.has("AuthorizationType") {
			if a, ok := r.props.get("ApiId").(intrinsic); ok && a.arg == api {
				return true
			}
		}
	}
	return false
}

// authorizer writes an API's authorizer.
func (x *exporter) authorizer(c *design.Connection, from, to *design.Block, fr, tr *outRes) {
	if tr == nil {
		return
	}
	name := logicalID(c.To) + "Authorizer"
	switch from.Kind {
	case "apigateway-rest", "apigateway-http":
		a := fr.props.child("Auth").child("Authorizers").child(name)
		switch to.Kind {
		case "lambda":
			a.set("FunctionArn", x.arn(c.To))
			if from.Kind == "apigateway-rest" {
				if v, ok := c.Props["AuthorizerType"]; ok {
					a.set("FunctionPayloadType", v)
				}
			} else {
				a.set("AuthorizerPayloadFormatVersion", "2.0")
				// Without it SAM gives API Gateway no permission to call
				// an HTTP API's authorizer.
				a.set("EnableFunctionDefaultPermissions", true)
				if v, ok := c.Props["EnableSimpleResponses"]; ok {
					a.set("EnableSimpleResponses", v)
				}
			}
			if v, ok := c.Props["AuthorizerResultTtlInSeconds"]; ok {
				a.child("Identity").set("ReauthorizeEvery", v)
			}
		case "cognito":
			if from.Kind == "apigateway-rest" {
				a.set("UserPoolArn", x.arn(c.To))
			} else {
				a.set("IdentitySource", "$request.header.Authorization")
				jwt := a.child("JwtConfiguration")
				jwt.set("issuer", sub("https://cognito-idp.${AWS::Region}.amazonaws.com/${"+c.To+"}"))
				if x.outsideBlock(c.To) != nil {
					jwt.set("issuer", getAtt(c.To, "ProviderURL")) // in the pool's own Region
				}
				jwt.set("audience", []any{"TODO-app-client-id"})
			}
		}
	case "apigateway-websocket":
		if to.Kind != "lambda" || x.wsAuthorizers[c.From] != "" {
			return
		}
		a := x.add(c.From+"Authorizer", "AWS::ApiGatewayV2::Authorizer")
		x.wsAuthorizers[c.From] = a.id
		a.props.set("ApiId", ref(c.From))
		a.props.set("Name", a.id)
		a.props.set("AuthorizerType", "REQUEST")
		a.props.set("AuthorizerUri", sub("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${"+c.To+".Arn}/invocations"))
		a.props.set("IdentitySource", []any{"route.request.header.Authorization"})
	}
}

// defaultAuthorizers writes the APIs' AuthorizationType as SAM's default
// authorizer, naming an authorizer of that type.
func (x *exporter) defaultAuthorizers() {
	for i := range x.d.Blocks {
		b := &x.d.Blocks[i]
		r := x.out[b.ID]
		at, _ := b.Props.String("AuthorizationType")
		if r == nil || at == "" || at == "NONE" || (b.Kind != "apigateway-rest" && b.Kind != "apigateway-http") {
			continue
		}
		if at == "AWS_IAM" {
			r.props.child("Auth").set("DefaultAuthorizer", "AWS_IAM")
			if b.Kind == "apigateway-http" {
				r.props.child("Auth").set("EnableIamAuthorizer", true)
			}
			continue
		}
		auths, _ := r.props.child("Auth").get("Authorizers").(*omap)
		if auths == nil {
			r.props.del("Auth")
			continue
		}
		for _, name := range auths.keys {
			a := auths.get(name).(*omap)
			kind := "CUSTOM"
			if a.has("UserPoolArn") {
				kind = "COGNITO_USER_POOLS"
			} else if a.has("JwtConfiguration") {
				kind = "JWT"
			}
			if kind == at {
				r.props.child("Auth").set("DefaultAuthorizer", name)
				break
			}
		}
	}
}

// serviceIntegration writes an API's direct call of an AWS service in the
// API's inline OpenAPI definition.
func (x *exporter) serviceIntegration(c *design.Connection, from, to *design.Block, fr, tr *outRes) {
	if tr == nil || (from.Kind != "apigateway-rest" && from.Kind != "apigateway-http") {
		return
	}
	body := fr.props.child("DefinitionBody")
	if !body.has("openapi") {
		body.set("openapi", "3.0.1")
		body.child("info").set("title", c.From)
		body.child("info").set("version", "1.0")
	}
	integ := newMap()
	if c.Integration == design.IntAsyncInvoke {
		// A Lambda integration with the Event invocation type.
		if from.Kind != "apigateway-rest" {
			return
		}
		integ.set("type", "aws")
		integ.set("httpMethod", "POST")
		integ.set("uri", sub("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${"+c.To+".Arn}/invocations"))
		integ.child("requestParameters").set("integration.request.header.X-Amz-Invocation-Type", "'Event'")
		op := newMap()
		op.set("x-amazon-apigateway-integration", integ)
		x.setOperation(body, c, fr, op)
		x.permission(c.To, "apigateway.amazonaws.com", x.arn(c.From))
		return
	}
	action, _ := c.Props["Action"].(string)
	if action == "" {
		action = "StartExecution"
	}
	if from.Kind == "apigateway-http" {
		subtype := map[string]string{"sqs": "SQS-SendMessage", "eventbridge-bus": "EventBridge-PutEvents", "kinesis": "Kinesis-PutRecord", "stepfunctions": "StepFunctions-" + action}[to.Kind]
		integ.set("type", "aws_proxy")
		integ.set("integrationSubtype", subtype)
		integ.set("credentials", x.roleArn(c.From))
		integ.set("payloadFormatVersion", "1.0")
		params := newMap()
		switch to.Kind {
		case "sqs":
			params.set("QueueUrl", ref(c.To))
			params.set("MessageBody", "$request.body")
		case "eventbridge-bus":
			params.set("EventBusName", x.nameOrARN(c.To))
			params.set("Detail", "$request.body")
			params.set("DetailType", "request")
			params.set("Source", c.From)
		case "kinesis":
			params.set("StreamName", ref(c.To))
			params.set("Data", "$request.body")
			params.set("PartitionKey", "$context.requestId")
		case "stepfunctions":
			params.set("StateMachineArn", ref(c.To))
			params.set("Input", "$request.body")
		}
		integ.set("requestParameters", params)
	} else {
		integ.set("type", "aws")
		integ.set("httpMethod", "POST")
		integ.set("credentials", x.roleArn(c.From))
		tmpl := ""
		switch to.Kind {
		case "sqs":
			integ.set("uri", sub("arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${"+c.To+".QueueName}"))
			tmpl = "Action=SendMessage&MessageBody=$input.body"
		case "sns":
			integ.set("uri", sub("arn:aws:apigateway:${AWS::Region}:sns:action/Publish"))
			tmpl = "{\"TopicArn\": \"${" + c.To + "}\", \"Message\": $input.json('$')}"
		case "eventbridge-bus":
			integ.set("uri", sub("arn:aws:apigateway:${AWS::Region}:events:action/PutEvents"))
			tmpl = "{\"Entries\": [{\"EventBusName\": \"${" + c.To + "}\", \"Source\": \"api\", \"DetailType\": \"request\", \"Detail\": \"$util.escapeJavaScript($input.body)\"}]}"
		case "stepfunctions":
			integ.set("uri", sub("arn:aws:apigateway:${AWS::Region}:states:action/"+action))
			tmpl = "{\"stateMachineArn\": \"${" + c.To + "}\", \"input\": \"$util.escapeJavaScript($input.json('$'))\"}"
		case "dynamodb":
			integ.set("uri", sub("arn:aws:apigateway:${AWS::Region}:dynamodb:action/PutItem"))
			tmpl = "{\"TableName\": \"${" + c.To + "}\", \"Item\": {\"pk\": {\"S\": \"$context.requestId\"}}}"
		case "kinesis":
			integ.set("uri", sub("arn:aws:apigateway:${AWS::Region}:kinesis:action/PutRecord"))
			tmpl = "{\"StreamName\": \"${" + c.To + "}\", \"Data\": \"$util.base64Encode($input.body)\", \"PartitionKey\": \"$context.requestId\"}"
		case "firehose":
			integ.set("uri", sub("arn:aws:apigateway:${AWS::Region}:firehose:action/PutRecord"))
			tmpl = "{\"DeliveryStreamName\": \"${" + c.To + "}\", \"Record\": {\"Data\": \"$util.base64Encode($input.body)\"}}"
		case "s3":
			integ.set("uri", sub("arn:aws:apigateway:${AWS::Region}:s3:path/${"+c.To+"}/{key}"))
		}
		if tmpl != "" {
			tm := newMap()
			tm.set("application/json", sub(tmpl))
			integ.set("requestTemplates", tm)
		}
	}
	if v, ok := c.Props["TimeoutInMillis"]; ok {
		integ.set("timeoutInMillis", v)
	}
	op := newMap()
	op.set("x-amazon-apigateway-integration", integ)
	x.setOperation(body, c, fr, op)
}

// origin adds an origin to a distribution.
func (x *exporter) origin(c *design.Connection, to *design.Block, fr, tr *outRes) {
	if tr == nil {
		return
	}
	cfg := fr.props.child("DistributionConfig")
	o := newMap()
	o.set("Id", c.To)
	switch to.Kind {
	case "s3":
		o.set("DomainName", getAtt(c.To, "RegionalDomainName"))
		o.set("S3OriginConfig", newMap())
		if on, _ := c.Props["OriginAccessControl"].(bool); on {
			oac := x.add(c.From+c.To+"OAC", "AWS::CloudFront::OriginAccessControl")
			oc := oac.props.child("OriginAccessControlConfig")
			oc.set("Name", oac.id)
			oc.set("OriginAccessControlOriginType", "s3")
			oc.set("SigningBehavior", "always")
			oc.set("SigningProtocol", "sigv4")
			o.set("OriginAccessControlId", getAtt(oac.id, "Id"))
			o.child("S3OriginConfig").set("OriginAccessIdentity", "")
		}
	case "apigateway-rest", "apigateway-http":
		o.set("DomainName", sub("${"+c.To+"}.execute-api.${AWS::Region}.amazonaws.com"))
		o.child("CustomOriginConfig").set("OriginProtocolPolicy", "https-only")
	case "lambda":
		if x.outsideBlock(c.To) != nil {
			return // a function URL the template does not hold
		}
		o.set("DomainName", intrinsic{"!Select", []any{2.0, intrinsic{"!Split", []any{"/", getAtt(c.To+"Url", "FunctionUrl")}}}})
		o.child("CustomOriginConfig").set("OriginProtocolPolicy", "https-only")
		if !tr.props.has("FunctionUrlConfig") {
			tr.props.child("FunctionUrlConfig").set("AuthType", "AWS_IAM")
		}
	default:
		return
	}
	if v, ok := c.Props["OriginReadTimeout"]; ok {
		if to.Kind == "s3" {
			o.child("S3OriginConfig").set("OriginReadTimeout", v)
		} else {
			o.child("CustomOriginConfig").set("OriginReadTimeout", v)
		}
	}
	list, _ := cfg.get("Origins").([]any)
	cfg.set("Origins", append(list, o))
}

// notification writes a bucket's event notification.
func (x *exporter) notification(c *design.Connection, from, to *design.Block, fr, tr *outRes) {
	if from.Kind != "s3" || tr == nil {
		return
	}
	events, _ := c.Props["Events"].([]any)
	var rules []any
	for _, f := range []struct{ prop, name string }{{"Filter.S3Key.Prefix", "prefix"}, {"Filter.S3Key.Suffix", "suffix"}} {
		if v, ok := c.Props[f.prop]; ok {
			r := newMap()
			r.set("Name", f.name)
			r.set("Value", v)
			rules = append(rules, r)
		}
	}
	filter := func() *omap {
		if len(rules) == 0 {
			return nil
		}
		m := newMap()
		m.child("S3Key").set("Rules", rules)
		return m
	}
	if to.Kind == "lambda" {
		p := x.event(c.To, x.eventName(c), "S3")
		p.set("Bucket", ref(c.From))
		if len(events) > 0 {
			p.set("Events", events)
		} else {
			p.set("Events", "s3:ObjectCreated:*")
		}
		if f := filter(); f != nil {
			p.set("Filter", f)
		}
		return
	}
	list, key := "QueueConfigurations", "Queue"
	if to.Kind == "sns" {
		list, key = "TopicConfigurations", "Topic"
	}
	if len(events) == 0 {
		events = []any{"s3:ObjectCreated:*"}
	}
	nc := fr.props.child("NotificationConfiguration")
	cur, _ := nc.get(list).([]any)
	for _, e := range events {
		cfg := newMap()
		cfg.set("Event", e)
		cfg.set(key, x.arn(c.To))
		if f := filter(); f != nil {
			cfg.set("Filter", f)
		}
		cur = append(cur, cfg)
	}
	nc.set(list, cur)
}

// ruleAction adds an action to an IoT topic rule.
func (x *exporter) ruleAction(c *design.Connection, in *design.Integration, to *design.Block, fr, tr *outRes) {
	if tr == nil {
		return
	}
	a := newMap()
	switch to.Kind {
	case "lambda":
		a.child("Lambda").set("FunctionArn", x.arn(c.To))
		x.permission(c.To, "iot.amazonaws.com", getAtt(c.From, "Arn"))
	case "sqs":
		a.child("Sqs").set("QueueUrl", ref(c.To))
		a.child("Sqs").set("RoleArn", x.roleArn(c.From))
		x.setProps(a.child("Sqs"), c, in, nil)
	case "kinesis":
		a.child("Kinesis").set("StreamName", ref(c.To))
		a.child("Kinesis").set("RoleArn", x.roleArn(c.From))
		x.setProps(a.child("Kinesis"), c, in, nil)
	case "firehose":
		a.child("Firehose").set("DeliveryStreamName", ref(c.To))
		a.child("Firehose").set("RoleArn", x.roleArn(c.From))
		x.setProps(a.child("Firehose"), c, in, nil)
	default:
		return
	}
	payload := fr.props.child("TopicRulePayload")
	list, _ := payload.get("Actions").([]any)
	payload.set("Actions", append(list, a))
}

// resolver adds an AppSync data source.
func (x *exporter) resolver(c *design.Connection, to *design.Block, tr *outRes) {
	if tr == nil {
		return
	}
	ds := x.add(c.From+c.To+"DataSource", "AWS::AppSync::DataSource")
	ds.props.set("ApiId", getAtt(c.From, "ApiId"))
	ds.props.set("Name", ds.id)
	switch to.Kind {
	case "lambda":
		ds.props.set("Type", "AWS_LAMBDA")
		ds.props.setPath("LambdaConfig.LambdaFunctionArn", x.arn(c.To))
	case "dynamodb":
		ds.props.set("Type", "AMAZON_DYNAMODB")
		ds.props.setPath("DynamoDBConfig.TableName", ref(c.To))
		ds.props.setPath("DynamoDBConfig.AwsRegion", ref("AWS::Region"))
	case "rds":
		ds.props.set("Type", "RELATIONAL_DATABASE")
		ds.props.setPath("RelationalDatabaseConfig.RelationalDatabaseSourceType", "RDS_HTTP_ENDPOINT")
		ds.props.setPath("RelationalDatabaseConfig.RdsHttpEndpointConfig.DbClusterIdentifier", x.arn(c.To))
		ds.props.setPath("RelationalDatabaseConfig.RdsHttpEndpointConfig.AwsRegion", ref("AWS::Region"))
		ds.props.setPath("RelationalDatabaseConfig.RdsHttpEndpointConfig.AwsSecretStoreArn", "TODO")
	case "eventbridge-bus":
		ds.props.set("Type", "AMAZON_EVENTBRIDGE")
		ds.props.setPath("EventBridgeConfig.EventBusArn", x.arn(c.To))
	}
	ds.props.set("ServiceRoleArn", x.roleArn(ds.id))
	x.resolverFields(c, ds)
}

// policyTemplate returns the SAM policy template that grants calling a
// block, or nil when there is none.
func (x *exporter) policyTemplate(b *design.Block) any {
	var name, param string
	var val any
	switch b.Kind {
	case "sqs":
		name, param, val = "SQSSendMessagePolicy", "QueueName", getAtt(b.ID, "QueueName")
	case "sns":
		name, param, val = "SNSPublishMessagePolicy", "TopicName", getAtt(b.ID, "TopicName")
	case "dynamodb":
		name, param, val = "DynamoDBCrudPolicy", "TableName", ref(b.ID)
	case "s3":
		name, param, val = "S3CrudPolicy", "BucketName", ref(b.ID)
	case "lambda":
		name, param, val = "LambdaInvokePolicy", "FunctionName", ref(b.ID)
	case "stepfunctions":
		name, param, val = "StepFunctionsExecutionPolicy", "StateMachineName", getAtt(b.ID, "Name")
	case "eventbridge-bus":
		name, param, val = "EventBridgePutEventsPolicy", "EventBusName", ref(b.ID)
	case "kinesis":
		name, param, val = "KinesisCrudPolicy", "StreamName", ref(b.ID)
	case "firehose":
		name, param, val = "FirehoseWritePolicy", "DeliveryStreamName", ref(b.ID)
	case "athena":
		name, param, val = "AthenaQueryPolicy", "WorkGroupName", ref(b.ID)
	default:
		return nil
	}
	m := newMap()
	m.child(name).set(param, val)
	return m
}

// defaultActions are the actions a statement grants for an SDK call of a
// kind without a SAM policy template.
var defaultActions = map[string][]any{
	"apigateway-websocket": {"execute-api:ManageConnections"},
	"cognito":              {"cognito-idp:AdminGetUser"},
	"ses":                  {"ses:SendEmail"},
	"dax":                  {"dax:GetItem", "dax:PutItem"},
	"appsync":              {"appsync:GraphQL"},
	"rds":                  {"rds-data:ExecuteStatement"},
}

// sdk grants a function what its SDK calls need.
func (x *exporter) sdk(c *design.Connection, to *design.Block, tr *outRes) {
	if tr == nil && to.Kind == "eventbridge-bus" && c.Props["Actions"] == nil {
		pol := newMap()
		pol.child("EventBridgePutEventsPolicy").set("EventBusName", "default")
		x.policies[c.From] = append(x.policies[c.From], pol)
		return
	}
	if tr == nil && to.Kind != "eventbridge-bus" {
		return
	}
	actions, _ := c.Props["Actions"].([]any)
	if c.Integration == design.IntDataAPI {
		actions = []any{"rds-data:ExecuteStatement", "rds-data:BatchExecuteStatement"}
	}
	if len(actions) == 0 {
		if pol := x.policyTemplate(to); pol != nil {
			x.policies[c.From] = append(x.policies[c.From], pol)
			return
		}
		actions = defaultActions[to.Kind]
	}
	if len(actions) == 0 {
		return
	}
	st := newMap()
	st.set("Effect", "Allow")
	st.set("Action", actions)
	st.set("Resource", x.arn(c.To))
	doc := newMap()
	doc.set("Statement", []any{st})
	x.policies[c.From] = append(x.policies[c.From], doc)
}
