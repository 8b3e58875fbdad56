package iac

import (
	"slices"
	"strconv"
	"strings"

	"github.com/archlab/archlab/design"
)

// supporting lists resource types that only support what archlab models
// (permissions, deployments, policies): they are read as part of it and get
// no note of their own.
var supporting = map[string]bool{
	"AWS::IAM::Role": true, "AWS::IAM::Policy": true, "AWS::IAM::ManagedPolicy": true,
	"AWS::Lambda::Permission": true, "AWS::Lambda::Version": true, "AWS::Lambda::Alias": true,
	"AWS::StepFunctions::StateMachineVersion": true, "AWS::StepFunctions::StateMachineAlias": true,
	"AWS::Lambda::LayerVersion": true, "AWS::Serverless::LayerVersion": true,
	"AWS::SQS::QueuePolicy": true, "AWS::SNS::TopicPolicy": true, "AWS::S3::BucketPolicy": true,
	"AWS::ApiGateway::Deployment": true, "AWS::ApiGateway::Resource": true, "AWS::ApiGateway::Account": true,
	"AWS::ApiGatewayV2::Deployment": true, "AWS::ApiGatewayV2::Route": true,
	"AWS::Events::Connection": true, "AWS::Scheduler::ScheduleGroup": true,
	"AWS::CloudFront::OriginAccessControl": true, "AWS::CloudFront::CloudFrontOriginAccessIdentity": true,
	"AWS::CloudFront::Function": true, "AWS::Cognito::UserPoolClient": true, "AWS::Cognito::UserPoolDomain": true,
	"AWS::Kinesis::StreamConsumer": true, "AWS::Logs::LogGroup": true, "AWS::RDS::DBProxyTargetGroup": true, "AWS::RDS::DBProxy": true,
}

// wire finds the connections: first what the template wires explicitly
// (events, mappings, subscriptions, targets, redrive policies, destinations,
// definitions, notifications, API integrations), then the SDK calls that
// policies and environment variables imply, which must not repeat the
// permissions of what was already found.
func (b *builder) wire() {
	for _, r := range b.t.resources {
		if supporting[r.typ] {
			r.read = true
		}
		if r.typ == "AWS::Events::ApiDestination" {
			// An API destination is the webhook it calls.
			if bk := b.addBlock(r.id, "http-endpoint", r, r.pos); bk != nil {
				bk.set("Url", r.props.get("InvocationEndpoint"))
			}
		}
	}
	b.indexRoles()
	for _, r := range b.t.resources {
		b.wireResource(r)
	}
	for _, r := range b.t.resources {
		switch r.typ {
		case "AWS::Serverless::Function", "AWS::Lambda::Function":
			b.functionPolicies(r)
			b.environmentRefs(r)
		}
		// Connectors embedded in a resource.
		for _, c := range r.def.get("Connectors").entries() {
			b.connector(r.id, c.get("Properties"), c.pos)
		}
	}
	for _, r := range b.t.resources {
		if r.typ == "AWS::Serverless::Connector" {
			r.read = true
			b.connector("", r.props, r.pos)
		}
	}
}

// connector reads a SAM connector: the source may call each destination.
// A function's connector is an SDK call (or a database connection); other
// sources are connected when the catalogue allows one way for the pair
// and nothing connects them yet.
func (b *builder) connector(source string, p *node, at pos) {
	if source == "" {
		source, _ = p.path("Source", "Id").text()
		if source == "" {
			source = b.refOrName(p.path("Source", "Arn"))
		}
	}
	dests := p.get("Destination").itemsOrNil()
	if d := p.get("Destination"); d != nil && d.kind == mapNode {
		dests = []*node{d}
	}
	if r := b.t.byID[source]; r != nil && r.typ == "AWS::AppSync::DataSource" {
		// A data source belongs to its API: the API calls through it.
		source = b.t.ref(r.props.get("ApiId"))
	}
	src := b.block(source)
	if src == nil {
		if ext := b.connectorEnd(p.get("Source")); ext != nil {
			src, source = ext, ext.id
		} else {
			b.note(source, at, "the connector's source is not a resource archlab can place; it is not shown")
			return
		}
	}
	perms := b.stringList(p.get("Permissions"))
	for _, d := range dests {
		to, _ := d.get("Id").text()
		if to == "" {
			to = b.refOrName(d.get("Arn"))
		}
		tb := b.block(to)
		if tb == nil && b.t.byID[to] != nil {
			// A resource of the template archlab does not model.
			tb = b.external(&node{kind: mapNode, keys: []string{"Ref"}, vals: []*node{{kind: scalarNode, str: to, pos: d.pos}}, keyPos: []pos{d.pos}, pos: d.pos}, []string{design.KindExternal}, d.pos, "")
		}
		if tb == nil {
			if tb = b.connectorEnd(d); tb == nil {
				b.note(source, d.pos, "the connector's destination is not a resource archlab can place; it is not shown")
				continue
			}
			to = tb.id
		}
		ev := design.Evidence{Basis: design.BasisConnector, Detail: strings.Join(perms, ", ")}
		if src.kind == "lambda" {
			b.sdkConnection(source, to, connectorActions(b.cat, tb.kind, perms), ev, d.pos)
			continue
		}
		if b.connected(source, to) {
			// The grant supports what the template wires.
			for _, c := range b.conns {
				if c.from == source && c.to == to {
					c.because(ev.Basis, ev.Detail)
				}
			}
			continue
		}
		// A connector only grants permissions. Between a queue, table,
		// topic, bucket or rule and its destination, what uses them (a
		// mapping, a subscription, a target) is declared in the template,
		// and here it is not: nothing flows. A state machine's tasks, an
		// API's integrations and an AppSync API's resolvers may be in a
		// definition archlab does not read, so for them the grant is
		// evidence of a call.
		switch src.kind {
		case "stepfunctions", "apigateway-rest", "apigateway-http", "appsync":
		default:
			b.note(source, d.pos, "the connector grants %s %s access to %s, but nothing in the template connects them (no event source mapping, subscription or target uses it); it is not shown", source, strings.Join(perms, " and "), to)
			continue
		}
		if in := connectorIntegration(b.cat.Integrations(src.kind, tb.kind)); in != "" {
			b.connectInferred(source, to, in, d.pos, "").because(ev.Basis, ev.Detail)
		} else {
			b.note(source, d.pos, "the connector to %s (%s) does not say which integration it grants; it is not shown", to, strings.Join(perms, ", "))
		}
	}
}

// connectorIntegration is the integration a connector's grant stands for
// between two kinds: the only one, or the call it most plainly permits (an
// API invoking a function, not authorizing with it).
func connectorIntegration(ins []design.Integration) string {
	if len(ins) == 1 {
		return ins[0].ID
	}
	for _, want := range []string{design.IntInvoke, design.IntTask, design.IntResolver} {
		for _, in := range ins {
			if in.ID == want {
				return want
			}
		}
	}
	return ""
}

// connectorActions are the actions a SAM connector's permissions grant a
// function on a resource of a kind: the Read and Write sets of SAM's
// connector profiles (samtranslator/model/connector_profiles/profiles.json),
// which grant a function the kind's data-plane reads and writes. A database
// is reached through the Data API.
func connectorActions(cat *design.Catalogue, kind string, perms []string) []string {
	if kind == "rds" {
		return []string{"rds-data:ExecuteStatement"}
	}
	k := cat.Kind(kind)
	if k == nil || len(k.IAM) == 0 {
		return nil
	}
	svc := k.IAM[0]
	var out []string
	for _, p := range perms {
		list := svc.Read
		if strings.EqualFold(p, "Write") {
			list = svc.Write
		}
		for _, a := range list {
			out = append(out, svc.Prefix+":"+a)
		}
	}
	return out
}

// connectorEnd is the block outside the design that a connector's
// resource reference names by Arn, of the kind its Type says.
func (b *builder) connectorEnd(ref *node) *blk {
	arn := ref.get("Arn")
	if arn == nil {
		return nil
	}
	var kinds []string
	if typ, ok := ref.get("Type").text(); ok {
		if k := b.kinds.kindOfType(typ); k != nil {
			kinds = []string{k.ID}
		} else {
			kinds = []string{design.KindExternal}
		}
	}
	return b.external(arn, kinds, ref.pos, "")
}

func (b *builder) wireResource(r *resource) {
	t, p := b.t, r.props
	switch r.typ {
	case "AWS::Serverless::Function":
		for name, ev := range p.get("Events").entries() {
			b.event = r.id + "/" + name
			b.samEvent(r, name, ev)
			b.event = ""
		}
		if dlq := p.get("DeadLetterQueue"); dlq != nil {
			b.targetAs(r.id, dlq.get("TargetArn"), design.IntDeadLetter, b.typedKinds(r.id, design.IntDeadLetter, dlq.get("Type")), dlq.pos, "")
		}
		b.destinations(r.id, p.path("EventInvokeConfig", "DestinationConfig"))
		b.logGroupRef(r)
	case "AWS::Lambda::Function":
		if dlq := p.get("DeadLetterConfig"); dlq != nil {
			b.target(r.id, dlq.get("TargetArn"), design.IntDeadLetter, dlq.pos, "")
		}
		b.logGroupRef(r)
	case "AWS::Lambda::EventInvokeConfig":
		fn := b.functionOf(p.get("FunctionName"), r)
		if fn == nil {
			return
		}
		r.read = true
		fn.set("EventInvokeConfig.MaximumRetryAttempts", p.get("MaximumRetryAttempts"))
		fn.set("EventInvokeConfig.MaximumEventAgeInSeconds", p.get("MaximumEventAgeInSeconds"))
		b.destinations(fn.id, p.get("DestinationConfig"))
	case "AWS::Lambda::Url":
		if fn := b.functionOf(p.get("TargetFunctionArn"), r); fn != nil {
			r.read = true
			fn.set("FunctionUrlConfig.AuthType", p.get("AuthType"))
		}
	case "AWS::Lambda::Version", "AWS::Lambda::Alias":
		if fn := b.block(t.ref(p.get("FunctionName"))); fn != nil && fn.kind == "lambda" {
			fn.set("ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions", lookup(p, "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions"))
		}
	case "AWS::Logs::LogGroup":
		name, _ := t.render(p.get("LogGroupName"))
		if rest, ok := strings.CutPrefix(name, "/aws/lambda/"); ok {
			if fn := b.block(t.resourceOf(strings.TrimSuffix(strings.TrimPrefix(rest, "${"), "}"))); fn != nil && fn.kind == "lambda" {
				r.read = true
				fn.set("LogRetentionInDays", p.get("RetentionInDays"))
			}
		}
	case "AWS::Logs::SubscriptionFilter":
		// What SAM's CloudWatchLogs event becomes: the log group, outside
		// the design, hands batches of log events to the function.
		if fn := b.functionOf(p.get("DestinationArn"), r); fn != nil {
			r.read = true
			if src := b.outsideSource("CloudWatchLogs", r.id, p, r.pos); src != nil {
				if c := b.connect(src.id, fn.id, design.IntAsyncInvoke, r.pos, ""); c != nil {
					c.because(design.BasisEventSource, "subscription filter "+r.id)
				}
			}
		}
	case "AWS::Lambda::Permission":
		// What SAM's AlexaSkill event becomes: a permission for the skill
		// its token names, or for any skill.
		if principal, _ := t.render(p.get("Principal")); principal == "alexa-appkit.amazon.com" {
			if fn := b.functionOf(p.get("FunctionName"), r); fn != nil {
				skill := &node{kind: mapNode}
				if tok := p.get("EventSourceToken"); tok != nil {
					skill.set("SkillId", tok)
				}
				if src := b.outsideSource("AlexaSkill", r.id, skill, r.pos); src != nil {
					if c := b.connect(src.id, fn.id, design.IntInvoke, r.pos, ""); c != nil {
						c.because(design.BasisEventSource, "permission "+r.id)
					}
				}
			}
		}
	case "AWS::Lambda::EventSourceMapping":
		r.read = true
		b.eventSourceMapping(t.refNode(p.get("EventSourceArn")), b.t.ref(p.get("FunctionName")), p, r.pos, r.id)
	case "AWS::SQS::Queue":
		if rp := p.get("RedrivePolicy"); rp != nil {
			if c := b.target(r.id, rp.get("deadLetterTargetArn"), design.IntDeadLetter, rp.pos, ""); c != nil {
				c.set("maxReceiveCount", rp.get("maxReceiveCount"))
			}
		}
	case "AWS::SNS::Topic":
		subs := p.get("Subscription")
		if dependsOnCondition(subs) {
			var cond string
			subs, cond = t.whenHolds(subs)
			b.note(r.id, p.get("Subscription").pos, "the topic's subscriptions depend on condition %s; archlab shows those it has when the condition holds", cond)
		}
		for i, s := range subs.itemsOrNil() {
			proto, _ := t.render(s.get("Protocol"))
			b.subscribe(r.id, s.get("Endpoint"), proto, nil, s.pos, "", r.id+"Endpoint"+strconv.Itoa(i+1))
		}
	case "AWS::SNS::Subscription":
		r.read = true
		topic := t.ref(p.get("TopicArn"))
		if b.kindOf(topic) != "sns" {
			ext := b.external(p.get("TopicArn"), []string{"sns"}, r.pos, "")
			if ext == nil || ext.kind != "sns" {
				b.note(r.id, r.pos, "the subscription's topic is not a topic archlab can place; it is not shown")
				return
			}
			topic = ext.id
		}
		proto, _ := t.render(p.get("Protocol"))
		endpoint := r.id + "Endpoint"
		if rm := resourceMetaOf(r); rm.Endpoint != "" {
			endpoint = rm.Endpoint
		}
		b.subscribe(topic, p.get("Endpoint"), proto, p, r.pos, r.id, endpoint)
	case "AWS::Events::Rule":
		b.ruleBus(r.id, p.get("EventBusName"), r.pos)
		for _, tg := range p.get("Targets").itemsOrNil() {
			b.ruleTarget(r.id, tg, tg.get("Arn"), nil)
		}
	case "AWS::Scheduler::Schedule":
		if tg := p.get("Target"); tg != nil {
			arn := tg.get("Arn")
			if s, _ := t.render(arn); strings.HasPrefix(s, "arn:aws:scheduler:::aws-sdk:") {
				// A universal target names its resource in the input, when
				// the template holds it; otherwise the service it calls is
				// what the design can show.
				if in := tg.get("Input"); b.refOrName(in) != "" {
					arn = in
				}
			}
			b.ruleTarget(r.id, tg, arn, map[string][]string{"KinesisParameters.PartitionKeyPath": {"KinesisParameters.PartitionKey"}})
		}
	case "AWS::Pipes::Pipe":
		b.pipe(r)
	case "AWS::EventsV2::Subscriber", "AWS::EventsV2::EventSource", "AWS::EventsV2::ResourcePolicy":
		b.eventsV2(r)
	case "AWS::Serverless::StateMachine":
		for name, ev := range p.get("Events").entries() {
			b.event = r.id + "/" + name
			b.samEvent(r, name, ev)
			b.event = ""
		}
		b.stateMachine(r)
	case "AWS::StepFunctions::StateMachine":
		b.stateMachine(r)
	case "AWS::S3::Bucket":
		b.bucketNotifications(r)
	case "AWS::DynamoDB::Table":
		b.target(r.id, lookup(p, "KinesisStreamSpecification.StreamArn"), design.IntReplication, r.pos, "")
	case "AWS::KinesisFirehose::DeliveryStream":
		b.deliveryStream(r)
	case "AWS::Cognito::UserPool":
		for key, v := range lookup(p, "LambdaConfig").entries() {
			fn := t.ref(v)
			if b.kindOf(fn) != "lambda" {
				continue
			}
			if c := b.connect(r.id, fn, design.IntTrigger, v.pos, ""); c != nil {
				c.derive("TriggerSource", strings.TrimSuffix(key, "Config"), v.pos)
			}
		}
	case "AWS::Cognito::IdentityPool":
		for _, pr := range p.get("CognitoIdentityProviders").itemsOrNil() {
			if pool := b.block(t.ref(pr.get("ProviderName"))); pool != nil && pool.kind == "cognito" {
				r.read = true
				pool.derive("IdentityPool", true, r.pos)
			}
		}
	case "AWS::CloudFront::Distribution":
		b.distribution(r)
	case "AWS::IoT::TopicRule":
		b.topicRuleActions(r.id, lookup(p, "TopicRulePayload.Actions"))
	case "AWS::Serverless::GraphQLApi", "AWS::AppSync::GraphQLApi", "AWS::AppSync::DataSource", "AWS::AppSync::Resolver",
		"AWS::AppSync::FunctionConfiguration", "AWS::AppSync::GraphQLSchema", "AWS::AppSync::ApiKey", "AWS::AppSync::ApiCache":
		b.appSync(r)
	case "AWS::Serverless::WebSocketApi":
		b.samWebSocketAPI(r)
	case "AWS::Serverless::Api", "AWS::Serverless::HttpApi":
		if bk := b.block(r.id); bk != nil {
			b.apiAuth(bk, p, r.typ)
			b.openAPI(r.id, p.get("DefinitionBody"), r)
			if u := p.get("DefinitionUri"); u != nil {
				b.noteSeparateFile(r.id, u, u.pos, "the API definition in DefinitionUri is a separate file; its integrations are not read")
			}
		}
	case "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api":
		b.openAPI(r.id, p.get("Body"), r)
		if u := p.get("BodyS3Location"); u != nil {
			b.noteSeparateFile(r.id, u, u.pos, "the API definition in BodyS3Location is a separate file; its integrations are not read")
		}
		if tg := p.get("Target"); tg != nil { // quick create: one integration
			b.apiIntegration(r.id, "AWS_PROXY", tg, nil, tg.pos, "")
		}
	case "AWS::ApiGateway::Method", "AWS::ApiGateway::Authorizer", "AWS::ApiGateway::Stage",
		"AWS::ApiGatewayV2::Integration", "AWS::ApiGatewayV2::Authorizer", "AWS::ApiGatewayV2::Stage":
		b.apiResource(r)
	case "AWS::WAFv2::WebACLAssociation":
		for _, id := range t.refs(p.get("ResourceArn")) {
			if api := b.block(id); api != nil && api.kind == "apigateway-rest" {
				r.read = true
				api.set("WebAclArn", p.get("WebACLArn"))
			}
		}
	}
}

// physicalNames are the properties that name a kind's resource in ARNs
// and in the parameters of SAM's policy templates.
var physicalNames = map[string]string{"sqs": "QueueName", "sns": "TopicName", "s3": "BucketName",
	"eventbridge-bus": "Name", "ses": "ConfigurationSetName", "athena": "Name"}

// named returns the block a value names other than by a reference to a
// resource: the block outside the design made for the value written the
// same way ("!Ref QueueArn"), or the block whose name or ARN it holds
// ("default", "arn:aws:sqs:eu-west-1:123456789012:orders"); or "".
func (b *builder) named(n *node) string {
	if ext := b.externals[writtenRef(b.t, n)]; ext != nil {
		return ext.id
	}
	s, ok := b.t.render(n)
	if !ok || s == "" {
		return ""
	}
	for _, bk := range b.blocks {
		prop, ok := physicalNames[bk.kind]
		if !ok {
			continue
		}
		var name string
		switch pd, ok := bk.props[prop]; {
		case ok && pd.set:
			name, _ = pd.v.(string)
		case ok:
			name, _ = b.t.render(pd.n)
		case bk.kind == "eventbridge-bus":
			name = "default"
		}
		if name != "" && (s == name || strings.HasSuffix(s, ":"+name) || strings.HasSuffix(s, "/"+name)) {
			return bk.id
		}
	}
	return ""
}

// refOrName is ref, falling back on what named finds.
func (b *builder) refOrName(n *node) string {
	if id := b.t.ref(n); id != "" {
		return id
	}
	return b.named(n)
}

// target connects from to the resource a value names with an integration.
// What the template does not hold becomes a block outside the design, of a
// kind the integration allows; a value that names nothing is noted.
func (b *builder) target(from string, arn *node, integ string, at pos, id string) *conn {
	return b.targetAs(from, arn, integ, nil, at, id)
}

// targetAs is target for a place that allows only some kinds (an
// authorizer's user pool); nil kinds are every kind the integration
// reaches from from.
func (b *builder) targetAs(from string, arn *node, integ string, kinds []string, at pos, id string) *conn {
	if arn == nil {
		return nil
	}
	to := b.refOrName(arn)
	if to == "" || b.block(to) == nil {
		if kinds == nil {
			kinds = b.kindsTo(b.kindOf(from), integ)
		}
		ext := b.external(arn, kinds, arn.pos, "")
		if ext == nil {
			b.note(from, arn.pos, "%s names something archlab cannot place; the %s connection is not shown", describeValue(b.t, arn), integ)
			return nil
		}
		to = ext.id
	}
	return b.connect(from, to, integ, at, id)
}

// describeValue quotes a value for notes.
func describeValue(t *template, n *node) string {
	if s, ok := t.render(n); ok {
		if len(s) > 80 {
			s = s[:77] + "..."
		}
		return strconv.Quote(s)
	}
	return "a value"
}

// refNode is ref, except that a Kinesis stream consumer stands for its
// stream (read with enhanced fan-out).
func (t *template) refNode(n *node) refResult {
	id := t.ref(n)
	if r := t.byID[id]; r != nil && r.typ == "AWS::Kinesis::StreamConsumer" {
		r.read = true
		return refResult{id: t.ref(r.props.get("StreamARN")), fanOut: true, node: n}
	}
	return refResult{id: id, node: n}
}

type refResult struct {
	id     string
	fanOut bool
	node   *node
}

// functionOf returns the function block a value names.
func (b *builder) functionOf(n *node, r *resource) *blk {
	fn := b.block(b.t.ref(n))
	if fn == nil || fn.kind != "lambda" {
		return nil
	}
	return fn
}

// eventSourceMapping connects a queue or stream to the function that polls
// it, with the mapping's settings, and returns the connection.
func (b *builder) eventSourceMapping(src refResult, fn string, props *node, at pos, id string, kinds ...string) *conn {
	if b.kindOf(fn) != "lambda" {
		return nil
	}
	if src.id == "" || b.block(src.id) == nil {
		if len(kinds) == 0 {
			kinds = b.kindsFrom("lambda", design.IntESM)
		}
		ext := b.external(src.node, kinds, at, "")
		if ext == nil {
			b.note(fn, at, "the event source mapping reads %s, which archlab cannot place; it is not shown", describeValue(b.t, src.node))
			return nil
		}
		src.id = ext.id
	}
	c := b.connect(src.id, fn, design.IntESM, at, id)
	if c == nil {
		return nil
	}
	in := b.cat.Integration(b.kindOf(src.id), "lambda", design.IntESM)
	readProps(c.set, props, in.Props, map[string][]string{"DestinationConfig.OnFailure": {"DestinationConfig.OnFailure.Destination"}})
	if src.fanOut {
		c.derive("EnhancedFanOut", true, at)
	}
	return c
}

// kindHint says that a place marked by key (a parameter block it holds, a
// Type it gives) names a block of kind.
type kindHint struct{ key, kind string }

// hintedKinds narrows the kinds a place allows to the kind of the first of
// hints, in order, whose key marks it and which it allows; it is all when
// none does.
func hintedKinds(all []string, hints []kindHint, marks func(key string) bool) []string {
	for _, h := range hints {
		if marks(h.key) && slices.Contains(all, h.kind) {
			return []string{h.kind}
		}
	}
	return all
}

// destinationTypes are the kinds SAM's destination and dead-letter Type
// values name.
var destinationTypes = []kindHint{{"SQS", "sqs"}, {"SNS", "sns"}, {"LAMBDA", "lambda"}, {"EVENTBRIDGE", "eventbridge-bus"},
	{"S3BUCKET", "s3"}, {"S3", "s3"}}

// typedKinds are the kinds a function's destination may be, narrowed by
// the Type SAM asks for beside it (DeadLetterQueue.Type: SQS).
func (b *builder) typedKinds(fn, integ string, typ *node) []string {
	s, _ := typ.text()
	return hintedKinds(b.kindsTo(b.kindOf(fn), integ), destinationTypes, func(key string) bool { return strings.EqualFold(s, key) })
}

// destinations connects a function to its asynchronous destinations.
func (b *builder) destinations(fn string, dc *node) {
	for _, side := range []struct{ key, integ string }{{"OnSuccess", design.IntOnSuccess}, {"OnFailure", design.IntOnFailure}} {
		d := dc.get(side.key)
		if d == nil {
			continue
		}
		if dest := d.get("Destination"); dest != nil {
			b.targetAs(fn, dest, side.integ, b.typedKinds(fn, side.integ, d.get("Type")), d.pos, "")
		} else if typ, _ := d.get("Type").text(); typ != "" {
			b.note(fn, d.pos, "the %s destination of type %s that SAM creates is not shown", side.key, typ)
		}
	}
}

// logGroupRef reads the retention of a log group a function names in
// LoggingConfig.LogGroup.
func (b *builder) logGroupRef(r *resource) {
	lg := b.t.byID[b.t.ref(lookup(r.props, "LoggingConfig.LogGroup"))]
	if lg == nil || lg.typ != "AWS::Logs::LogGroup" {
		return
	}
	lg.read = true
	b.block(r.id).set("LogRetentionInDays", lg.props.get("RetentionInDays"))
}

// subscribe connects a topic to a subscriber.
func (b *builder) subscribe(topic string, endpoint *node, protocol string, props *node, at pos, id, endpointID string) {
	switch strings.ToLower(protocol) {
	case "sqs", "lambda", "firehose":
		c := b.target(topic, endpoint, design.IntSubscription, at, id)
		if c == nil {
			return
		}
		in := b.cat.Integration("sns", b.kindOf(c.to), design.IntSubscription)
		readProps(c.set, props, in.Props, nil)
	case "http", "https":
		ep := b.addBlock(endpointID, "http-endpoint", nil, at)
		if ep == nil {
			return
		}
		ep.set("Url", endpoint)
		c := b.connect(topic, ep.id, design.IntSubscription, at, id)
		if c != nil {
			in := b.cat.Integration("sns", "http-endpoint", design.IntSubscription)
			readProps(c.set, props, in.Props, nil)
		}
	default:
		// Email, SMS and the like have no block: the topic keeps them in
		// its list of other subscriptions.
		ep, ok := b.t.render(endpoint)
		if !ok {
			b.note(topic, at, "the %s subscription's endpoint is only known once deployed; it is not shown", protocol)
			return
		}
		b.block(topic).appendValue("Subscription", map[string]any{"Protocol": protocol, "Endpoint": ep}, at)
	}
}

// ruleBus connects a rule to the bus it listens on.
func (b *builder) ruleBus(rule string, bus *node, at pos) {
	if bus == nil {
		return
	}
	id := b.t.ref(bus)
	name, _ := b.t.render(bus)
	switch {
	case id != "":
	case defaultBus(name):
		// The account's default bus, by name or ARN: its block when the
		// design has one, as when the rule names no bus at all; never a
		// bus outside the design.
		id = b.busNamed("default")
	default:
		if id = b.busNamed(name); id == "" {
			id = b.named(bus) // an ARN
		}
		if id == "" {
			// A bus another stack owns: an ARN, !ImportValue or a parameter.
			if ext := b.external(bus, []string{"eventbridge-bus"}, bus.pos, ""); ext != nil {
				id = ext.id
			}
		}
	}
	if b.kindOf(id) == "eventbridge-bus" {
		b.connect(id, rule, design.IntRule, bus.pos, "")
	}
}

// defaultBus reports whether a bus name or ARN is the account's default
// bus: "default", or an ARN whose resource is event-bus/default. A rule
// lives in its bus's account and Region, so the ARN's own are the rule's.
func defaultBus(name string) bool {
	if name == "default" {
		return true
	}
	a, ok := design.ParseARN(name)
	return ok && a.Service == "events" && a.Resource == "event-bus/default"
}

// busNamed finds the bus block with a name: a bus resource of the
// template, or the default bus when the design has it.
func (b *builder) busNamed(name string) string {
	if name == "" {
		return ""
	}
	for _, bk := range b.blocks {
		if bk.kind != "eventbridge-bus" {
			continue
		}
		pd, ok := bk.props["Name"]
		var got string
		switch {
		case ok && pd.set:
			got, _ = pd.v.(string)
		case ok:
			got, _ = b.t.render(pd.n)
		default:
			got = "default"
		}
		if got == name {
			return bk.id
		}
	}
	return ""
}

// ruleTarget connects a rule or schedule to one of its targets.
func (b *builder) ruleTarget(rule string, tg, arn *node, paths map[string][]string) *conn {
	to := b.refOrName(arn)
	if to == "" || b.block(to) == nil {
		ext := b.external(arn, targetKinds(b, rule, tg), tg.pos, "")
		if ext == nil {
			b.note(rule, tg.pos, "the target %s is not something archlab can place; it is not shown", describeValue(b.t, arn))
			return nil
		}
		to = ext.id
	}
	c := b.connect(rule, to, design.IntTarget, tg.pos, "")
	if c == nil {
		return nil
	}
	in := b.cat.Integration(b.kindOf(rule), b.kindOf(to), design.IntTarget)
	readProps(c.set, tg, in.Props, paths)
	if dest := b.t.byID[to]; dest != nil && dest.typ == "AWS::Events::ApiDestination" {
		c.set("InvocationRateLimitPerSecond", dest.props.get("InvocationRateLimitPerSecond"))
	}
	return c
}

// targetHints are the parameter blocks of a rule's or schedule's target
// that say what it is: SqsParameters mean a queue.
var targetHints = []kindHint{{"SqsParameters", "sqs"}, {"KinesisParameters", "kinesis"}, {"HttpParameters", "http-endpoint"},
	{"EcsParameters", design.KindExternal}, {"BatchParameters", design.KindExternal}, {"RunCommandParameters", design.KindExternal},
	{"SageMakerPipelineParameters", design.KindExternal}, {"RedshiftDataParameters", design.KindExternal}}

// targetKinds lists the kinds a rule's or schedule's target may be, the
// one its parameters point at first.
func targetKinds(b *builder, rule string, tg *node) []string {
	return hintedKinds(b.kindsTo(b.kindOf(rule), design.IntTarget), targetHints, func(key string) bool { return tg.get(key) != nil })
}

// pipe connects a pipe to its source, target and enrichment.
func (b *builder) pipe(r *resource) {
	p := r.props
	src := b.t.ref(p.get("Source"))
	if b.block(src) != nil {
		if c := b.connect(src, r.id, design.IntSource, lookupPos(p, "Source", r.pos), ""); c != nil {
			in := b.cat.Integration(b.kindOf(src), b.kindOf(r.id), design.IntSource)
			for _, key := range []string{"SqsQueueParameters", "KinesisStreamParameters", "DynamoDBStreamParameters"} {
				readProps(c.set, lookup(p, "SourceParameters."+key), in.Props, nil)
			}
		}
	} else if n := p.get("Source"); n != nil {
		if ext := b.external(n, b.kindsFrom(b.kindOf(r.id), design.IntSource), n.pos, ""); ext != nil {
			b.connect(ext.id, r.id, design.IntSource, lookupPos(p, "Source", r.pos), "")
		} else {
			b.note(r.id, n.pos, "the pipe's source %s is not something archlab can place; it is not shown", describeValue(b.t, n))
		}
	}
	b.target(r.id, p.get("Target"), design.IntTarget, lookupPos(p, "Target", r.pos), "")
	b.target(r.id, p.get("Enrichment"), design.IntEnrichment, lookupPos(p, "Enrichment", r.pos), "")
}

// lookupPos returns where a key of a mapping is written, or def.
func lookupPos(n *node, key string, def pos) pos {
	if v := n.get(key); v != nil {
		return n.keyPosOf(key)
	}
	return def
}

// bucketNotifications connects a bucket to what its notifications reach.
func (b *builder) bucketNotifications(r *resource) {
	nc := r.props.get("NotificationConfiguration")
	if nc == nil {
		return
	}
	for _, kind := range []struct{ list, key string }{
		{"LambdaConfigurations", "Function"}, {"QueueConfigurations", "Queue"}, {"TopicConfigurations", "Topic"}} {
		for _, cfg := range nc.get(kind.list).itemsOrNil() {
			b.s3Notification(r.id, cfg.get(kind.key), cfg.get("Event"), cfg.get("Filter"), cfg.pos)
		}
	}
	if on, _ := b.t.resolve(lookup(nc, "EventBridgeConfiguration.EventBridgeEnabled")).text(); strings.EqualFold(on, "true") {
		if bus := b.busNamed("default"); bus != "" {
			b.connect(r.id, bus, design.IntEventBridge, nc.pos, "")
		}
	}
}

// s3Notification connects a bucket to a notification's destination,
// gathering the events of every configuration to the same destination.
func (b *builder) s3Notification(bucket string, dest, events, filter *node, at pos) {
	c := b.target(bucket, dest, design.IntNotification, at, "")
	if c == nil {
		return
	}
	var evs []any
	if pd, ok := c.props["Events"]; ok && pd.set {
		evs, _ = pd.v.([]any)
	}
	add := func(n *node) {
		if s, ok := b.t.render(n); ok {
			for _, e := range evs {
				if e == s {
					return
				}
			}
			evs = append(evs, s)
		}
	}
	if events != nil && events.kind == seqNode {
		for _, e := range events.items {
			add(e)
		}
	} else if events != nil {
		add(events)
	}
	if len(evs) > 0 {
		delete(c.props, "Events")
		if !containsString(c.order, "Events") {
			c.order = append(c.order, "Events")
		}
		c.props["Events"] = pending{v: evs, set: true, at: at, derived: true}
	}
	for _, rule := range lookup(filter, "S3Key.Rules").itemsOrNil() {
		name, _ := b.t.render(rule.get("Name"))
		switch strings.ToLower(name) {
		case "prefix":
			c.set("Filter.S3Key.Prefix", rule.get("Value"))
		case "suffix":
			c.set("Filter.S3Key.Suffix", rule.get("Value"))
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// deliveryStream connects a Firehose stream to its source, destinations
// and transformation.
func (b *builder) deliveryStream(r *resource) {
	p := r.props
	if src := lookup(p, "KinesisStreamSourceConfiguration.KinesisStreamARN"); src != nil {
		if id := b.t.ref(src); b.block(id) != nil {
			b.connect(id, r.id, design.IntSource, src.pos, "")
		}
	}
	for _, dest := range firehoseDestinations {
		cfg := p.get(dest)
		if cfg == nil {
			continue
		}
		if arn := cfg.get("BucketARN"); arn != nil {
			b.target(r.id, arn, design.IntDelivery, arn.pos, "")
		}
		if url := lookup(cfg, "EndpointConfiguration.Url"); url != nil {
			if ep := b.addBlock(r.id+"Endpoint", "http-endpoint", nil, url.pos); ep != nil {
				ep.set("Url", url)
				b.connect(r.id, ep.id, design.IntDelivery, url.pos, "")
			}
		}
		for _, proc := range lookup(cfg, "ProcessingConfiguration.Processors").itemsOrNil() {
			for _, param := range proc.get("Parameters").itemsOrNil() {
				if name, _ := param.get("ParameterName").text(); name == "LambdaArn" {
					b.target(r.id, param.get("ParameterValue"), design.IntTransform, param.pos, "")
				}
			}
		}
	}
}

// distribution connects a CloudFront distribution to its origins and edge
// functions.
func (b *builder) distribution(r *resource) {
	cfg := r.props.get("DistributionConfig")
	for i, o := range cfg.get("Origins").itemsOrNil() {
		domain := o.get("DomainName")
		to := b.t.ref(domain)
		if res := b.t.byID[to]; res != nil && res.typ == "AWS::Lambda::Url" {
			res.read = true
			to = b.t.ref(res.props.get("TargetFunctionArn"))
		}
		if to == "" || b.block(to) == nil {
			ep := b.addBlock(r.id+"Origin"+strconv.Itoa(i+1), "http-endpoint", nil, o.pos)
			if ep == nil {
				continue
			}
			if s, ok := b.t.render(domain); ok {
				ep.setValue("Url", "https://"+s, o.pos)
			}
			to = ep.id
		}
		c := b.connect(r.id, to, design.IntOrigin, o.pos, "")
		if c == nil {
			continue
		}
		c.set("OriginReadTimeout", lookup(o, "CustomOriginConfig.OriginReadTimeout"))
		c.set("OriginReadTimeout", lookup(o, "S3OriginConfig.OriginReadTimeout"))
		if b.kindOf(to) == "s3" {
			if oac := o.get("OriginAccessControlId"); oac != nil {
				if s, _ := b.t.render(oac); s != "" {
					c.derive("OriginAccessControl", true, oac.pos)
				}
			}
		}
	}
	behaviours := []*node{cfg.get("DefaultCacheBehavior")}
	behaviours = append(behaviours, cfg.get("CacheBehaviors").itemsOrNil()...)
	for _, beh := range behaviours {
		for _, a := range beh.get("LambdaFunctionAssociations").itemsOrNil() {
			if c := b.target(r.id, a.get("LambdaFunctionARN"), design.IntEdge, a.pos, ""); c != nil {
				c.set("EventType", a.get("EventType"))
				c.set("IncludeBody", a.get("IncludeBody"))
			}
		}
	}
}

// topicRuleActions connects an IoT topic rule to what its actions reach.
func (b *builder) topicRuleActions(rule string, actions *node) {
	for _, a := range actions.itemsOrNil() {
		for svc, cfg := range a.entries() {
			var ref *node
			switch svc {
			case "Lambda":
				ref = cfg.get("FunctionArn")
			case "Sqs":
				ref = cfg.get("QueueUrl")
			case "Kinesis":
				ref = cfg.get("StreamName")
			case "Firehose":
				ref = cfg.get("DeliveryStreamName")
			default:
				b.note(rule, a.pos, "the topic rule's %s action is not modelled by archlab; it is not shown", svc)
				continue
			}
			if c := b.target(rule, ref, design.IntRuleAction, a.pos, ""); c != nil {
				in := b.cat.Integration("iot-core", b.kindOf(c.to), design.IntRuleAction)
				readProps(c.set, cfg, in.Props, nil)
			}
		}
	}
}
