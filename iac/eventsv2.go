package iac

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// The EventBridge Custom Event Bus (September 2026) has resource types of its
// own, AWS::EventsV2::*: an EventBus that keeps its events, Subscribers that
// each read one bus and deliver to one target, EventSources that feed a bus
// AWS service or SaaS partner events, and a ResourcePolicy per bus. The bus
// and the subscriber are blocks whose properties the catalogue reads under
// their CloudFormation names; what wires them is here: the subscriber's bus
// (EventBusArn), its target (InvokeConfiguration.TargetArn, with that
// target's parameter block) and its dead-letter queue
// (OnFailureConfiguration.Arn). SAM has no resource or event type for them;
// templates write the CloudFormation types.

// Kinds of the Custom Event Bus.
const (
	kindCustomBus  = "eventbridge-custom-bus"
	kindSubscriber = "eventbridge-subscriber"
)

// eventsV2 wires a resource of the Custom Event Bus.
func (b *builder) eventsV2(r *resource) {
	switch r.typ {
	case "AWS::EventsV2::Subscriber":
		b.subscriber(r)
	case "AWS::EventsV2::EventSource":
		b.eventSource(r)
	case "AWS::EventsV2::ResourcePolicy":
		r.read = true // who may publish and subscribe: no connection of its own
	}
}

// subscriber connects a subscriber to its bus, its target and its
// dead-letter queue.
func (b *builder) subscriber(r *resource) {
	if b.kindOf(r.id) != kindSubscriber {
		return
	}
	p := r.props
	for _, classic := range []string{"MaximumRetryAttempts", "MaximumEventAgeInSeconds"} {
		if n := lookup(p, "RetryPolicy."+classic); n != nil {
			b.note(r.id, n.pos, "RetryPolicy.%s is the name a Classic rule target uses; a subscriber's is %s, and CloudFormation refuses the other: the subscriber keeps its default",
				classic, strings.Replace(classic, "Maximum", "Max", 1))
		}
	}
	if bus := p.get("EventBusArn"); bus != nil {
		at := lookupPos(p, "EventBusArn", r.pos)
		id := b.t.ref(bus)
		if b.kindOf(id) != kindCustomBus {
			id = ""
			if ext := b.external(bus, []string{kindCustomBus}, bus.pos, ""); ext != nil && ext.kind == kindCustomBus {
				id = ext.id
			}
		}
		if id == "" {
			b.note(r.id, at, "the subscriber's bus %s is not a Custom Event Bus archlab can place; it is not shown", describeValue(b.t, bus))
		} else {
			b.connect(id, r.id, design.IntSubscription, at, "")
		}
	}
	inv := p.get("InvokeConfiguration")
	if tg := inv.get("TargetArn"); tg != nil {
		if c := b.targetAs(r.id, tg, design.IntTarget, subscriberTargetKinds(b, inv), lookupPos(inv, "TargetArn", r.pos), ""); c != nil {
			if in := b.cat.Integration(kindSubscriber, b.kindOf(c.to), design.IntTarget); in != nil {
				readProps(c.set, inv, in.Props, nil)
			}
		}
	}
	if dlq := lookup(p, "OnFailureConfiguration.Arn"); dlq != nil {
		b.target(r.id, dlq, design.IntDeadLetter, lookupPos(p, "OnFailureConfiguration", r.pos), "")
	}
}

// subscriberTargetHints are the parameter blocks of a subscriber's
// invoke configuration that say what its target is.
var subscriberTargetHints = []kindHint{
	{"SqsParameters", "sqs"}, {"SnsParameters", "sns"}, {"LambdaParameters", "lambda"},
	{"KinesisParameters", "kinesis"}, {"StepFunctionsParameters", "stepfunctions"},
	{"EventBusV2Parameters", kindCustomBus}, {"UniversalTargetParameters", design.KindExternal},
}

// subscriberTargetKinds lists the kinds a subscriber's target may be, the
// one its parameter block names first: SqsParameters mean a queue.
func subscriberTargetKinds(b *builder, inv *node) []string {
	return hintedKinds(b.kindsTo(kindSubscriber, design.IntTarget), subscriberTargetHints, func(key string) bool { return inv.get(key) != nil })
}

// eventSource makes the feed of an event source a block outside the design,
// connected to its bus: one AWS service's events
// (Configuration.AwsServiceEventsConfiguration.AwsService) or a SaaS
// partner's (PartnerEventsConfiguration.PartnerEventSourceArn).
func (b *builder) eventSource(r *resource) {
	p := r.props
	r.read = true
	bus := b.t.ref(p.get("EventBusArn"))
	if b.kindOf(bus) != kindCustomBus {
		if n := p.get("EventBusArn"); n != nil {
			if ext := b.external(n, []string{kindCustomBus}, n.pos, ""); ext != nil && ext.kind == kindCustomBus {
				bus = ext.id
			}
		}
	}
	if b.kindOf(bus) != kindCustomBus {
		b.note(r.id, r.pos, "the event source's bus is not a Custom Event Bus archlab can place; it is not shown")
		return
	}
	// The block is the feed the resource configures, outside the design;
	// its reference is what the resource names it by, if anything.
	ext := design.External{}
	name := "Partner events"
	cfg := lookup(p, "Configuration.AwsServiceEventsConfiguration")
	if cfg == nil {
		cfg = lookup(p, "Configuration.PartnerEventsConfiguration")
		ext.Ref = writtenRef(b.t, cfg.get("PartnerEventSourceArn"))
	} else if svc, ok := b.t.render(cfg.get("AwsService")); ok && svc != "" {
		ext.Ref = writtenRef(b.t, cfg.get("AwsService"))
		ns := strings.TrimPrefix(svc, "aws.")
		if design.ServiceName(ns) != ns {
			ext.Service = ns
		}
		name = design.ServiceName(ns) + " events"
	}
	src := b.addOutside(r.id, design.KindExternal, r, ext, r.pos)
	if src == nil {
		return
	}
	src.name = clip(name, design.MaxNameLen)
	b.connect(src.id, bus, design.IntNotification, r.pos, "").because(design.BasisNotification, r.typ)
	if dlq := lookup(cfg, "OnFailureConfiguration.Arn"); dlq != nil {
		b.note(r.id, dlq.pos, "the event source's dead-letter queue is not shown: archlab models no properties of a source outside the design")
	}
}

// eventsV2Connection writes a connection of the Custom Event Bus: a
// subscriber's bus, target and dead-letter queue, and a function's
// permission to publish. It reports whether the connection was its to
// write; what it cannot write (a second target) is left to the metadata.
func (x *exporter) eventsV2Connection(c *design.Connection, in *design.Integration, from, to *design.Block, fr, tr *outRes) bool {
	switch {
	case c.Integration == design.IntSubscription && from.Kind == kindCustomBus && to.Kind == kindSubscriber:
		if tr != nil && !tr.props.has("EventBusArn") {
			tr.props.set("EventBusArn", ref(c.From))
		}
	case from.Kind == kindSubscriber && c.Integration == design.IntTarget:
		arn := x.subscriberTargetArn(to, tr)
		if arn == nil || fr.props.has("InvokeConfiguration") {
			return true // an outside target stays in the metadata; a second one has no place
		}
		inv := fr.props.child("InvokeConfiguration")
		inv.set("TargetArn", arn)
		inv.set("RoleArn", x.deliveryRole(c.From, to, arn))
		x.setProps(inv, c, in, nil)
	case from.Kind == kindSubscriber && c.Integration == design.IntDeadLetter:
		if tr == nil || fr.props.child("OnFailureConfiguration").has("Arn") {
			return true
		}
		arn := x.arn(c.To)
		fr.props.setPath("OnFailureConfiguration.Arn", arn)
		x.grantDelivery(c.From, "sqs:SendMessage", arn)
	case from.Kind == "lambda" && to.Kind == kindCustomBus && c.Integration == design.IntSDK:
		if tr == nil {
			return true
		}
		actions, _ := c.Props["Actions"].([]any)
		if len(actions) == 0 {
			actions = []any{"events:PutEvents"}
		}
		st := newMap()
		st.set("Effect", "Allow")
		st.set("Action", actions)
		st.set("Resource", ref(c.To))
		doc := newMap()
		doc.set("Statement", []any{st})
		x.policies[c.From] = append(x.policies[c.From], doc)
	default:
		return false
	}
	return true
}

// subscriberTargetArn is what a subscriber's TargetArn holds for a block,
// or nil for one the template cannot name (an outside endpoint).
func (x *exporter) subscriberTargetArn(to *design.Block, tr *outRes) any {
	switch {
	case tr != nil:
		return x.arn(to.ID)
	case to.Kind == "eventbridge-bus" && to.External == nil:
		return x.arn(to.ID) // the default bus, by its ARN
	}
	return nil
}

// deliveryActions are what a subscriber's delivery role needs on a target.
var deliveryActions = map[string][]any{
	"sqs": {"sqs:SendMessage"}, "sns": {"sns:Publish"}, "lambda": {"lambda:InvokeFunction"},
	"kinesis": {"kinesis:PutRecord", "kinesis:PutRecords"}, "stepfunctions": {"states:StartExecution"},
	"firehose": {"firehose:PutRecord", "firehose:PutRecordBatch"}, "apigateway-rest": {"execute-api:Invoke"},
	"http-endpoint": {"events:InvokeApiDestination"}, "eventbridge-bus": {"events:PutEvents"},
	kindCustomBus: {"events:PutEvents", "events:PutRawEvents"},
}

// deliveryRole returns the role a subscriber delivers with, granting what
// the target needs: a role of the subscriber's account that
// events.amazonaws.com assumes.
func (x *exporter) deliveryRole(sub string, to *design.Block, arn any) any {
	role := x.deliveryRoleRes(sub)
	if actions := deliveryActions[to.Kind]; len(actions) > 0 {
		x.grantDelivery(sub, "", arn, actions...)
	}
	return getAtt(role.id, "Arn")
}

// deliveryRoleRes returns a subscriber's delivery role, adding it the first
// time. The role's id is kept: it is <subscriber>DeliveryRole unless a
// block has that id, and then the next free one.
func (x *exporter) deliveryRoleRes(sub string) *outRes {
	if id, ok := x.deliveryRoles[sub]; ok {
		return x.out[id]
	}
	role := x.add(sub+"DeliveryRole", "AWS::IAM::Role")
	x.deliveryRoles[sub] = role.id
	trust := newMap()
	trust.set("Effect", "Allow")
	trust.child("Principal").set("Service", "events.amazonaws.com")
	trust.set("Action", "sts:AssumeRole")
	role.props.child("AssumeRolePolicyDocument").set("Version", "2012-10-17")
	role.props.child("AssumeRolePolicyDocument").set("Statement", []any{trust})
	pol := newMap()
	pol.set("PolicyName", "delivery")
	pol.child("PolicyDocument").set("Version", "2012-10-17")
	pol.child("PolicyDocument").set("Statement", []any{})
	role.props.set("Policies", []any{pol})
	return role
}

// grantDelivery adds a statement to a subscriber's delivery role.
func (x *exporter) grantDelivery(sub, action string, resource any, more ...any) {
	role := x.deliveryRoleRes(sub)
	actions := more
	if action != "" {
		actions = append([]any{action}, more...)
	}
	doc := role.props.get("Policies").([]any)[0].(*omap).child("PolicyDocument")
	st := newMap()
	st.set("Effect", "Allow")
	st.set("Action", actions)
	st.set("Resource", resource)
	list, _ := doc.get("Statement").([]any)
	doc.set("Statement", append(list, st))
}

// eventsV2Skeleton fills in what CloudFormation requires of the Custom
// Event Bus's resources and the design leaves unset: names.
func (x *exporter) eventsV2Skeleton(b *design.Block, r *outRes) {
	if !r.props.has("Name") {
		r.props.set("Name", strings.ToLower(b.ID))
	}
}
