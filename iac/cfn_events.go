package iac

// The events of a function: a pull source (queue, stream) becomes an event
// source mapping with the managed policy SAM gives the role to read it; a
// push source (topic, bucket, rule, schedule, log group, IoT rule, API)
// the resource that sends to the function and the permission that lets it.

// pullSources maps the pull event types to the property naming their
// source, the managed policy their role takes, and the properties that go
// to the event source mapping as they are.
var pullSources = map[string]struct {
	source, policy string
	copied         []string
}{
	"SQS": {"Queue", "AWSLambdaSQSQueueExecutionRole", []string{"BatchSize", "Enabled", "FilterCriteria",
		"MaximumBatchingWindowInSeconds", "FunctionResponseTypes", "ScalingConfig", "KmsKeyArn", "MetricsConfig"}},
	"Kinesis":  {"Stream", "AWSLambdaKinesisExecutionRole", streamCopied},
	"DynamoDB": {"Stream", "AWSLambdaDynamoDBExecutionRole", streamCopied},
	"MSK": {"Stream", "AWSLambdaMSKExecutionRole", []string{"StartingPosition", "StartingPositionTimestamp", "Topics",
		"BatchSize", "Enabled", "MaximumBatchingWindowInSeconds", "FilterCriteria", "KmsKeyArn", "MetricsConfig"}},
}

var streamCopied = []string{"StartingPosition", "StartingPositionTimestamp", "BatchSize", "Enabled",
	"MaximumBatchingWindowInSeconds", "MaximumRetryAttempts", "BisectBatchOnFunctionError",
	"MaximumRecordAgeInSeconds", "ParallelizationFactor", "TumblingWindowInSeconds", "FunctionResponseTypes",
	"FilterCriteria", "KmsKeyArn", "MetricsConfig"}

func (c *cfn) functionEvents(fn *cfnFunction, p *node) error {
	evs := p.get("Events")
	if evs == nil {
		return nil
	}
	if evs.kind != mapNode {
		return &UnsupportedError{Resource: fn.id, Feature: "Events", Why: "is not a mapping of events"}
	}
	for i, name := range evs.keys {
		ev := evs.vals[i]
		typ := textOr(ev.get("Type"), "")
		props := ev.get("Properties")
		if props == nil {
			props = &node{kind: mapNode}
		}
		if props.kind != mapNode {
			return &UnsupportedError{Resource: fn.id, Feature: "Events", Why: "(event " + name + ") has Properties that are not a mapping"}
		}
		if err := c.functionEvent(fn, fn.id+name, name, typ, props); err != nil {
			return err
		}
	}
	return nil
}

func (c *cfn) functionEvent(fn *cfnFunction, id, name, typ string, props *node) error {
	feature := func(k string) error { return eventFeature(fn.id, name, typ, k) }
	if pull, ok := pullSources[typ]; ok {
		known := setOf(append([]string{pull.source, "DestinationConfig", "ConsumerGroupId", "SourceAccessConfigurations"}, pull.copied...)...)
		if err := checkProps(fn.id, props, known); err != nil {
			return feature(firstUnknown(props, known))
		}
		if typ != "MSK" && (props.get("ConsumerGroupId") != nil || props.get("SourceAccessConfigurations") != nil) {
			return feature("SourceAccessConfigurations")
		}
		if props.get("SourceAccessConfigurations") != nil {
			return feature("SourceAccessConfigurations")
		}
		if _, err := c.claim(fn.id, id); err != nil {
			return err
		}
		m := nmap("EventSourceArn", props.get(pull.source), "FunctionName", fn.name)
		copyProps(m, props, pull.copied...)
		if g := props.get("ConsumerGroupId"); g != nil {
			m.set("AmazonManagedKafkaEventSourceConfig", nmap("ConsumerGroupId", g))
		}
		if dc := props.get("DestinationConfig"); dc != nil {
			if err := c.mappingDestination(fn, m, name, typ, dc); err != nil {
				return err
			}
		}
		if fn.role != nil {
			addManaged(fn.role, managedPolicyArn(pull.policy))
		}
		r := c.emit(fn.def, id, "AWS::Lambda::EventSourceMapping", m)
		if fn.role != nil {
			// The mapping checks its function's role can read the source
			// when it is created.
			r.set("DependsOn", nstr(fn.id+"Role"))
		}
		return nil
	}
	switch typ {
	case "SNS":
		return c.snsEvent(fn, id, name, props)
	case "S3":
		return c.s3Event(fn, id, name, props)
	case "Schedule", "EventBridgeRule", "CloudWatchEvent":
		return c.ruleEvent(fn.id, fn.def, id, name, typ, props, fn.arn, func(ruleID string) error {
			return c.permission(fn, id+"Permission", "events.amazonaws.com", ngetAtt(ruleID, "Arn"), nil)
		}, nil)
	case "CloudWatchLogs":
		return c.logsEvent(fn, id, name, props)
	case "IoTRule":
		return c.iotEvent(fn, id, name, props)
	case "AlexaSkill":
		if err := checkProps(fn.id, props, setOf("SkillId")); err != nil {
			return feature(firstUnknown(props, setOf("SkillId")))
		}
		return c.permissionWith(fn, id+"Permission", nmap("Action", "lambda:InvokeFunction", "FunctionName", fn.name,
			"Principal", "alexa-appkit.amazon.com", "EventSourceToken", props.get("SkillId")))
	case "Api", "HttpApi":
		return c.apiEvent(fn, id, name, typ, props)
	case "":
		return &UnsupportedError{Resource: fn.id, Feature: "Events", Why: "(event " + name + ") has no Type"}
	}
	return &UnsupportedError{Resource: fn.id, Feature: typ + " event", Why: "(" + name + ") is not translated by archlab"}
}

// mappingDestination writes where a mapping sends the records it fails
// on. SAM reads OnFailure.Type (SQS, SNS, or S3) only to give the
// function's role the right to send there, and drops it; without a Type
// it gives no right, and neither does the export.
func (c *cfn) mappingDestination(fn *cfnFunction, m *node, name, typ string, dc *node) error {
	feature := func(k string) error { return eventFeature(fn.id, name, typ, k) }
	if dc.kind != mapNode || isIntrinsic(dc) || firstUnknown(dc, setOf("OnFailure")) != "" {
		return feature("DestinationConfig")
	}
	on := dc.get("OnFailure")
	if on == nil || on.kind != mapNode || isIntrinsic(on) || firstUnknown(on, setOf("Destination", "Type")) != "" {
		return feature("DestinationConfig.OnFailure")
	}
	dest := on.get("Destination")
	if dest == nil {
		return feature("DestinationConfig.OnFailure")
	}
	m.set("DestinationConfig", nmap("OnFailure", nmap("Destination", dest)))
	t := on.get("Type")
	if t == nil {
		return nil
	}
	kind, _ := t.text()
	var statements []*node
	switch {
	case kind == "SQS":
		statements = append(statements, nmap("Effect", "Allow", "Action", "sqs:SendMessage", "Resource", dest))
	case kind == "SNS":
		statements = append(statements, nmap("Effect", "Allow", "Action", "sns:Publish", "Resource", dest))
	case kind == "S3" && (typ == "MSK" || typ == "SelfManagedKafka"):
		statements = append(statements,
			nmap("Effect", "Allow", "Action", "s3:PutObject", "Resource", nmap("Fn::Join", nseq("/", nseq(dest, "*")))),
			nmap("Effect", "Allow", "Action", "s3:ListBucket", "Resource", dest))
	default:
		return feature("DestinationConfig.OnFailure.Type")
	}
	if fn.role != nil {
		for _, st := range statements {
			addInline(fn.role, "EventSourceMappingOnFailurePolicy", st)
		}
	}
	return nil
}

// eventFeature refuses a property of an event.
func eventFeature(owner, event, typ, prop string) error {
	return &UnsupportedError{Resource: owner, Feature: prop + " of " + typ + " events", Why: "(event " + event + ") is not translated by archlab"}
}

// firstUnknown names a property of props that known does not hold.
func firstUnknown(props *node, known map[string]bool) string {
	if props == nil {
		return ""
	}
	for _, k := range props.keys {
		if !known[k] {
			return k
		}
	}
	return ""
}

// permission lets a service invoke a function, from the source SourceArn
// names (and, when set, SourceAccount).
func (c *cfn) permission(fn *cfnFunction, id, principal string, sourceArn, sourceAccount *node) error {
	return c.permissionWith(fn, id, nmap("Action", "lambda:InvokeFunction", "FunctionName", fn.name,
		"Principal", principal, "SourceAccount", sourceAccount, "SourceArn", sourceArn))
}

func (c *cfn) permissionWith(fn *cfnFunction, id string, props *node) error {
	if _, err := c.claim(fn.id, id); err != nil {
		return err
	}
	c.emit(fn.def, id, "AWS::Lambda::Permission", props)
	return nil
}

func (c *cfn) snsEvent(fn *cfnFunction, id, name string, props *node) error {
	known := setOf("Topic", "FilterPolicy", "FilterPolicyScope", "Region", "SqsSubscription", "RedrivePolicy")
	if k := firstUnknown(props, known); k != "" {
		return eventFeature(fn.id, name, "SNS", k)
	}
	if sq := props.get("SqsSubscription"); sq != nil && !(sq.kind == scalarNode && !truthy(sq)) {
		return &UnsupportedError{Resource: fn.id, Feature: "SqsSubscription of SNS events", Why: "(event " + name + ", SAM's queue between a topic and a function) is not translated by archlab"}
	}
	if _, err := c.claim(fn.id, id); err != nil {
		return err
	}
	sub := nmap("Endpoint", fn.arn, "Protocol", "lambda", "TopicArn", props.get("Topic"))
	copyProps(sub, props, "Region", "FilterPolicy", "FilterPolicyScope", "RedrivePolicy")
	c.emit(fn.def, id, "AWS::SNS::Subscription", sub)
	return c.permission(fn, id+"Permission", "sns.amazonaws.com", props.get("Topic"), nil)
}

// s3Event adds the function to its bucket's notifications. The bucket
// waits for the permission, which S3 checks when the notification is set.
func (c *cfn) s3Event(fn *cfnFunction, id, name string, props *node) error {
	if k := firstUnknown(props, setOf("Bucket", "Events", "Filter")); k != "" {
		return eventFeature(fn.id, name, "S3", k)
	}
	bucket := refTo(props.get("Bucket"))
	bdef := c.in.get(bucket)
	if bucket == "" || c.types[bucket] != "AWS::S3::Bucket" {
		return &UnsupportedError{Resource: fn.id, Feature: "S3 event", Why: "(" + name + ") must Ref an AWS::S3::Bucket of the template, as SAM requires"}
	}
	if fn.def.get("Condition") != nil {
		return &UnsupportedError{Resource: fn.id, Feature: "S3 event", Why: "(" + name + ") of a function with a Condition needs SAM's conditional notification"}
	}
	if bdef.kind != mapNode {
		return &UnsupportedError{Resource: fn.id, Feature: "S3 event", Why: "(" + name + ") names a bucket that is not a mapping"}
	}
	bprops := bdef.get("Properties")
	if bprops == nil {
		bprops = &node{kind: mapNode}
		bdef.set("Properties", bprops)
	}
	if bprops.kind != mapNode {
		return &UnsupportedError{Resource: fn.id, Feature: "S3 event", Why: "(" + name + ") names a bucket whose Properties are not a mapping"}
	}
	nc := bprops.get("NotificationConfiguration")
	if nc == nil {
		nc = &node{kind: mapNode}
		bprops.set("NotificationConfiguration", nc)
	}
	if nc.kind != mapNode || isIntrinsic(nc) {
		return &UnsupportedError{Resource: fn.id, Feature: "S3 event", Why: "(" + name + ") names a bucket whose NotificationConfiguration is not a plain mapping"}
	}
	lc := nc.get("LambdaConfigurations")
	if lc == nil {
		lc = nseq()
		nc.set("LambdaConfigurations", lc)
	}
	if lc.kind != seqNode {
		return &UnsupportedError{Resource: fn.id, Feature: "S3 event", Why: "(" + name + ") names a bucket whose LambdaConfigurations is not a list"}
	}
	events := props.get("Events")
	list := []*node{events}
	if events != nil && events.kind == seqNode {
		list = events.items
	}
	for _, e := range list {
		lc.items = append(lc.items, nmap("Event", e, "Filter", props.get("Filter"), "Function", fn.arn))
	}
	pid := id + "Permission"
	addDependsOn(bdef, pid)
	return c.permission(fn, pid, "s3.amazonaws.com", nil, nref("AWS::AccountId"))
}

// addDependsOn makes a resource wait for another.
func addDependsOn(def *node, id string) {
	d := def.get("DependsOn")
	switch {
	case d == nil:
		def.set("DependsOn", nseq(id))
	case d.kind == scalarNode:
		def.set("DependsOn", nseq(d, id))
	case d.kind == seqNode:
		d.items = append(d.items, nstr(id))
	}
}

// ruleEvent writes the EventBridge rule of a Schedule, EventBridgeRule or
// CloudWatchEvent event, targeting arn (with roleArn, for a state
// machine), then lets the rule invoke its target.
func (c *cfn) ruleEvent(owner string, def *node, id, name, typ string, props, arn *node, permit func(ruleID string) error, roleArn *node) error {
	known := setOf("Pattern", "EventBusName", "Input", "InputPath", "InputTransformer", "Target", "DeadLetterConfig",
		"RetryPolicy", "State", "RuleName", "Schedule", "Name", "Description", "Enabled")
	if k := firstUnknown(props, known); k != "" {
		return eventFeature(owner, name, typ, k)
	}
	if _, err := c.claim(owner, id); err != nil {
		return err
	}
	rule := &node{kind: mapNode}
	if typ == "Schedule" {
		copyProps(rule, props, "Name", "Description")
		rule.set("ScheduleExpression", props.get("Schedule"))
	} else {
		if v := props.get("RuleName"); v != nil {
			rule.set("Name", v)
		}
		copyProps(rule, props, "EventBusName")
		rule.set("EventPattern", props.get("Pattern"))
	}
	copyProps(rule, props, "State")
	if e := props.get("Enabled"); e != nil {
		if isIntrinsic(e) {
			return &UnsupportedError{Resource: owner, Feature: "intrinsic Enabled of " + typ + " events", Why: "(event " + name + ") is not translated by archlab"}
		}
		rule.set("State", nstr(map[bool]string{true: "ENABLED", false: "DISABLED"}[truthy(e)]))
	}
	suffix := "LambdaTarget"
	if roleArn != nil {
		suffix = "StepFunctionsTarget"
	}
	target := nmap("Id", textOr(props.path("Target", "Id"), id+suffix), "Arn", arn, "RoleArn", roleArn)
	copyProps(target, props, "Input", "InputPath", "InputTransformer", "RetryPolicy")
	if dl := props.get("DeadLetterConfig"); dl != nil {
		if dl.get("Arn") == nil {
			return &UnsupportedError{Resource: owner, Feature: "DeadLetterConfig without an Arn", Why: "(event " + name + "; SAM creates the queue) is not translated by archlab"}
		}
		target.set("DeadLetterConfig", nmap("Arn", dl.get("Arn")))
	}
	rule.set("Targets", nseq(target))
	c.emit(def, id, "AWS::Events::Rule", rule)
	return permit(id)
}

func (c *cfn) logsEvent(fn *cfnFunction, id, name string, props *node) error {
	if k := firstUnknown(props, setOf("LogGroupName", "FilterPattern")); k != "" {
		return eventFeature(fn.id, name, "CloudWatchLogs", k)
	}
	if _, err := c.claim(fn.id, id); err != nil {
		return err
	}
	pid := id + "Permission"
	f := c.emit(fn.def, id, "AWS::Logs::SubscriptionFilter", nmap("DestinationArn", fn.arn,
		"FilterPattern", props.get("FilterPattern"), "LogGroupName", props.get("LogGroupName")))
	f.set("DependsOn", nseq(pid))
	return c.permission(fn, pid, "logs.amazonaws.com",
		nsubVars("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${LogGroup}:*", nmap("LogGroup", props.get("LogGroupName"))), nil)
}

func (c *cfn) iotEvent(fn *cfnFunction, id, name string, props *node) error {
	if k := firstUnknown(props, setOf("Sql", "AwsIotSqlVersion")); k != "" {
		return eventFeature(fn.id, name, "IoTRule", k)
	}
	if _, err := c.claim(fn.id, id); err != nil {
		return err
	}
	c.emit(fn.def, id, "AWS::IoT::TopicRule", nmap("TopicRulePayload", nmap("AwsIotSqlVersion", props.get("AwsIotSqlVersion"),
		"Sql", props.get("Sql"), "RuleDisabled", false, "Actions", nseq(nmap("Lambda", nmap("FunctionArn", fn.arn))))))
	return c.permission(fn, id+"Permission", "iot.amazonaws.com",
		nsubVars("arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}", nmap("RuleName", nref(id))), nref("AWS::AccountId"))
}
