package iac

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// samEvent reads one entry of a SAM function's or state machine's Events.
// SAM turns each into resources of its own (a mapping, a rule, a
// subscription); their logical ids, the owner's id followed by the event's
// name, name the connections and blocks made here.
func (b *builder) samEvent(r *resource, name string, ev *node) {
	t := b.t
	typ, _ := ev.get("Type").text()
	p := ev.get("Properties")
	at := ev.pos
	if k := r.def.path("Properties", "Events"); k != nil {
		at = k.keyPosOf(name)
	}
	owner := r.id
	id := r.id + name
	isFunction := b.kindOf(owner) == "lambda"
	switch typ {
	case "SQS":
		if isFunction {
			b.eventSourceMapping(refResult{id: t.ref(p.get("Queue")), node: p.get("Queue")}, owner, p, at, id, "sqs").because(design.BasisEventSource, "")
		}
	case "Kinesis", "DynamoDB":
		if isFunction {
			b.eventSourceMapping(t.refNode(p.get("Stream")), owner, p, at, id, strings.ToLower(typ)).because(design.BasisEventSource, "")
		}
	case "MSK", "MQ", "DocumentDB", "SelfManagedKafka":
		// Sources the catalogue does not model, read by an event source
		// mapping all the same: a block outside the design.
		if !isFunction {
			break
		}
		src := b.outsideSource(typ, id, p, at)
		if src == nil {
			return
		}
		if c := b.connect(src.id, owner, design.IntESM, at, id); c != nil {
			// The source may be a block of the template, not one outside
			// it: its kind's mapping says which settings it takes.
			if in := b.cat.Integration(src.kind, "lambda", design.IntESM); in != nil {
				readProps(c.set, p, in.Props, map[string][]string{"DestinationConfig.OnFailure": {"DestinationConfig.OnFailure.Destination"}})
			}
			c.because(design.BasisEventSource, typ+" event "+name)
		}
	case "AlexaSkill", "CloudWatchLogs":
		src := b.outsideSource(typ, id, p, at)
		if src == nil {
			return
		}
		integ := design.IntInvoke // Alexa waits for the skill's answer
		if typ == "CloudWatchLogs" {
			integ = design.IntAsyncInvoke // a subscription filter hands over batches of log events
		}
		if c := b.connect(src.id, owner, integ, at, ""); c != nil {
			c.because(design.BasisEventSource, typ+" event "+name)
		}
	case "SNS":
		b.snsEvent(owner, id, p, at)
	case "S3":
		b.s3Notification(t.ref(p.get("Bucket")), &node{kind: mapNode, keys: []string{"Ref"}, vals: []*node{{kind: scalarNode, str: owner}}, keyPos: []pos{at}, pos: at}, p.get("Events"), p.get("Filter"), at)
		if bk := b.block(t.ref(p.get("Bucket"))); bk == nil {
			b.note(owner, at, "the S3 event's bucket is not a bucket of the template; it is not shown")
		}
	case "Api", "HttpApi":
		b.apiEvent(owner, id, typ, p, at)
	case "EventBridgeRule", "CloudWatchEvent":
		rule := b.addBlock(id, "eventbridge-rule", nil, at)
		if rule == nil {
			return
		}
		rule.name = name
		rule.set("EventPattern", p.get("Pattern"))
		rule.set("State", p.get("State"))
		b.ruleBus(id, p.get("EventBusName"), at)
		b.eventTarget(id, owner, p, at)
	case "Schedule":
		rule := b.addBlock(id, "eventbridge-rule", nil, at)
		if rule == nil {
			return
		}
		rule.name = name
		rule.set("ScheduleExpression", p.get("Schedule"))
		rule.set("State", p.get("State"))
		if on, ok := t.resolve(p.get("Enabled")).text(); ok && strings.EqualFold(on, "false") {
			rule.setValue("State", "DISABLED", at)
		}
		b.eventTarget(id, owner, p, at)
	case "ScheduleV2":
		s := b.addBlock(id, "scheduler", nil, at)
		if s == nil {
			return
		}
		s.name = name
		readProps(s.set, p, b.cat.Kind("scheduler").Props, nil)
		b.eventTarget(id, owner, p, at)
	case "Cognito":
		pool := t.ref(p.get("UserPool"))
		trig := p.get("Trigger")
		if trig != nil && trig.kind == seqNode {
			if len(trig.items) > 1 {
				b.note(owner, at, "the Cognito event names %d triggers; archlab shows the connection with the first", len(trig.items))
			}
			if len(trig.items) > 0 {
				trig = trig.items[0]
			}
		}
		if b.kindOf(pool) != "cognito" {
			ext := b.external(p.get("UserPool"), []string{"cognito"}, at, "")
			if ext == nil {
				b.note(owner, at, "the Cognito event's user pool is not one archlab can place; it is not shown")
				return
			}
			pool = ext.id
		}
		if c := b.connect(pool, owner, design.IntTrigger, at, ""); c != nil {
			c.deriveNode("TriggerSource", trig)
		}
	case "IoTRule":
		rule := b.addBlock(id, "iot-core", nil, at)
		if rule == nil {
			return
		}
		rule.name = name
		rule.set("TopicRulePayload.Sql", p.get("Sql"))
		rule.set("TopicRulePayload.AwsIotSqlVersion", p.get("AwsIotSqlVersion"))
		b.connect(id, owner, design.IntRuleAction, at, "")
	default:
		b.note(owner, at, "the %s event %s is not modelled by archlab; it is not shown", typ, name)
	}
}

// outsideSources are the services of SAM's event types that the catalogue
// does not model, and the property that names the source.
var outsideSources = map[string]struct{ service, prop, name string }{
	"MSK":              {"kafka", "Stream", "Amazon MSK cluster"},
	"MQ":               {"mq", "Broker", "Amazon MQ broker"},
	"DocumentDB":       {"rds", "Cluster", "DocumentDB cluster"},
	"SelfManagedKafka": {"", "KafkaBootstrapServers", "Kafka cluster"},
	"AlexaSkill":       {"", "SkillId", "Alexa skill"},
	"CloudWatchLogs":   {"logs", "LogGroupName", "CloudWatch Logs log group"},
}

// outsideSource is the block outside the design that an event of one of
// outsideSources reads from or is called by.
func (b *builder) outsideSource(typ, id string, p *node, at pos) *blk {
	o := outsideSources[typ]
	n := p.get(o.prop)
	if n != nil && n.kind == seqNode && len(n.items) > 0 {
		n = n.items[0] // the first bootstrap server names the cluster
	}
	if ref := b.t.ref(n); ref != "" && b.block(ref) != nil {
		return b.block(ref)
	}
	var ext *blk
	if n != nil {
		ext = b.external(n, []string{design.KindExternal}, at, "")
	} else if typ == "AlexaSkill" {
		// An Alexa skill without a SkillId: any skill may call, and
		// nothing names it.
		ext = b.addOutside(o.name, design.KindExternal, nil, design.External{Service: o.service}, at)
	}
	if ext == nil {
		b.note(id, at, "the %s event's source is not one archlab can place; it is not shown", typ)
		return nil
	}
	if ext.external.Service == "" {
		ext.external.Service = o.service
	}
	if ext.name == "" || ext.name == o.service || ext.name == design.ServiceName(o.service) {
		ext.name = o.name
	}
	return ext
}

// snsEvent subscribes a function to a topic, or, with SqsSubscription, a
// queue that SAM puts between them.
func (b *builder) snsEvent(fn, id string, p *node, at pos) {
	topic := b.t.ref(p.get("Topic"))
	if b.kindOf(topic) != "sns" {
		ext := b.external(p.get("Topic"), []string{"sns"}, at, "")
		if ext == nil || ext.kind != "sns" {
			b.note(fn, at, "the SNS event's topic is not a topic archlab can place; it is not shown")
			return
		}
		topic = ext.id
	}
	sqsSub := p.get("SqsSubscription")
	if sqsSub == nil || strings.EqualFold(sqsSub.str, "false") && sqsSub.kind == scalarNode {
		c := b.connect(topic, fn, design.IntSubscription, at, id)
		if c != nil {
			readProps(c.set, p, b.cat.Integration("sns", "lambda", design.IntSubscription).Props, nil)
		}
		return
	}
	queue := b.t.ref(sqsSub.get("QueueArn"))
	if queue == "" {
		q := b.addBlock(id+"Queue", "sqs", nil, at)
		if q == nil {
			return
		}
		queue = q.id
	}
	if c := b.connect(topic, queue, design.IntSubscription, at, id); c != nil {
		readProps(c.set, p, b.cat.Integration("sns", "sqs", design.IntSubscription).Props, nil)
		c.setValue("RawMessageDelivery", true, at) // SAM subscribes the queue with raw delivery
	}
	if c := b.connect(queue, fn, design.IntESM, at, ""); c != nil {
		c.set("BatchSize", sqsSub.get("BatchSize"))
		c.set("Enabled", sqsSub.get("Enabled"))
	}
}

// apiEvent connects an API to a function (or state machine) it invokes,
// with the authorization of the event's route and, for a REST API, the
// resource policy statements the event adds.
func (b *builder) apiEvent(owner, id, typ string, p *node, at pos) {
	key := "RestApiId"
	if typ == "HttpApi" {
		key = "ApiId"
	}
	var api string
	if n := p.get(key); n != nil {
		api = b.t.ref(n)
		if b.block(api) == nil {
			kind := "apigateway-rest"
			if typ == "HttpApi" {
				kind = "apigateway-http"
			}
			ext := b.external(n, []string{kind}, at, "")
			if ext == nil {
				b.note(owner, at, "the %s event's API %s is not an API archlab can place; it is not shown", typ, describeValue(b.t, n))
				return
			}
			api = ext.id
		}
	} else if bk := b.implicitAPI(b.scopeOf(owner), typ, at); bk != nil {
		api = bk.id
	}
	integ := design.IntInvoke
	if b.kindOf(owner) == "stepfunctions" {
		integ = design.IntService
	}
	c := b.connect(api, owner, integ, at, "")
	if c == nil {
		return
	}
	in := b.cat.Integration(b.kindOf(api), b.kindOf(owner), integ)
	readProps(c.set, p, in.Props, map[string][]string{"IntegrationType": {}, "AuthorizationType": {}})
	// A REST API with a definition of its own keeps its routes' auth:
	// SAM ignores the event's unless the API merges definitions or the
	// event overrides it.
	auth := p.get("Auth")
	if r := b.t.byID[api]; typ == "Api" && r != nil && r.typ == "AWS::Serverless::Api" && r.props.get("DefinitionBody") != nil &&
		!b.truthy(r.props.get("MergeDefinitions")) && !b.truthy(auth.get("OverrideApiAuth")) {
		return
	}
	route := ""
	if a := auth.get("Authorizer"); a != nil {
		name, _ := b.t.render(a)
		route = samAuthorizerType(b.samAPIAuth(api), name)
	}
	if route != "" || !b.definedRoute(api, p) {
		b.routeAuth(c, api, route, at)
	}
	if rp := auth.get("ResourcePolicy"); rp != nil && typ == "Api" {
		b.addStatements(b.block(api), samPolicyStatements(b.t, rp), rp.pos)
	}
}

// eventTarget connects a rule or schedule made from an event to the event's
// owner, with the event's retry policy and dead-letter queue.
func (b *builder) eventTarget(rule, owner string, p *node, at pos) {
	c := b.connect(rule, owner, design.IntTarget, at, "")
	if c == nil {
		return
	}
	in := b.cat.Integration(b.kindOf(rule), b.kindOf(owner), design.IntTarget)
	readProps(c.set, p, in.Props, map[string][]string{"DeadLetterConfig.Arn": {}})
	dlc := p.get("DeadLetterConfig")
	if dlc == nil {
		return
	}
	if arn := dlc.get("Arn"); arn != nil {
		c.set("DeadLetterConfig.Arn", arn)
		return
	}
	if typ, _ := dlc.get("Type").text(); strings.EqualFold(typ, "SQS") {
		// SAM creates the queue.
		qid, _ := dlc.get("QueueLogicalId").text()
		if qid == "" {
			qid = rule + "Queue"
		}
		if q := b.addBlock(qid, "sqs", nil, dlc.pos); q != nil {
			c.setValue("DeadLetterConfig.Arn", q.id, dlc.pos)
		}
	}
}
