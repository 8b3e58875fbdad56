package iac

import (
	"fmt"
	"strings"

	"github.com/archlab/archlab/design"
)

// taskResources are, per target kind, the resource ARN of a task state
// and the parameter naming the target.
var taskResources = map[string]struct{ resource, param string }{
	"lambda":          {"arn:aws:states:::lambda:invoke", "FunctionName"},
	"sqs":             {"arn:aws:states:::sqs:sendMessage", "QueueUrl"},
	"sns":             {"arn:aws:states:::sns:publish", "TopicArn"},
	"eventbridge-bus": {"arn:aws:states:::events:putEvents", "EventBusName"},
	"stepfunctions":   {"arn:aws:states:::states:startExecution", "StateMachineArn"},
	"dynamodb":        {"arn:aws:states:::dynamodb:putItem", "TableName"},
	"kinesis":         {"arn:aws:states:::aws-sdk:kinesis:putRecord", "StreamName"},
	"firehose":        {"arn:aws:states:::aws-sdk:firehose:putRecord", "DeliveryStreamName"},
	"s3":              {"arn:aws:states:::aws-sdk:s3:putObject", "Bucket"},
	"ses":             {"arn:aws:states:::aws-sdk:sesv2:sendEmail", "ConfigurationSetName"},
	"rds":             {"arn:aws:states:::aws-sdk:rdsdata:executeStatement", "ResourceArn"},
	"apigateway-rest": {"arn:aws:states:::apigateway:invoke", "ApiEndpoint"},
}

// definition writes a definition for a state machine the design gives
// none: a task state per task connection, in order.
func (x *exporter) definition(b *design.Block, r *outRes) {
	if r.props.has("Definition") {
		return
	}
	states := newMap()
	subs := newMap()
	var names []string
	var tasks []*design.Connection
	for _, c := range x.tasks[b.ID] {
		if _, ok := taskResources[x.byID[c.To].Kind]; ok && x.out[c.To] != nil {
			tasks = append(tasks, c)
		}
	}
	for i, c := range tasks {
		to := x.byID[c.To]
		tr := taskResources[to.Kind]
		name := "Call" + logicalID(c.To)
		names = append(names, name)
		st := newMap()
		st.set("Type", "Task")
		resource := tr.resource
		params := newMap()
		switch pattern, _ := c.Props["IntegrationPattern"].(string); pattern {
		case "wait-for-task-token":
			resource += ".waitForTaskToken"
		case "sync":
			resource += ".sync:2"
		}
		st.set("Resource", resource)
		switch to.Kind {
		case "eventbridge-bus":
			e := newMap()
			e.set("EventBusName", "${"+c.To+"}")
			e.set("Source", b.ID)
			e.set("DetailType", "step")
			e.set("Detail.$", "$")
			params.set("Entries", []any{e})
		default:
			params.set(tr.param, "${"+c.To+"}")
			params.set("Payload.$", "$")
		}
		subs.set(c.To, x.taskValue(tr.param, c.To))
		st.set("Parameters", params)
		if v, ok := c.Props["TimeoutSeconds"]; ok {
			st.set("TimeoutSeconds", v)
		}
		if v, ok := c.Props["HeartbeatSeconds"]; ok {
			st.set("HeartbeatSeconds", v)
		}
		if on, _ := c.Props["Retry"].(bool); on {
			retry := newMap()
			retry.set("ErrorEquals", []any{"States.TaskFailed"})
			retry.set("IntervalSeconds", 2.0)
			retry.set("MaxAttempts", 3.0)
			retry.set("BackoffRate", 2.0)
			st.set("Retry", []any{retry})
		}
		if i == len(tasks)-1 {
			st.set("End", true)
		} else {
			st.set("Next", fmt.Sprintf("Call%s", logicalID(tasks[i+1].To)))
		}
		states.set(name, st)
	}
	def := newMap()
	if len(names) == 0 {
		done := newMap()
		done.set("Type", "Succeed")
		states.set("Done", done)
		names = []string{"Done"}
	}
	def.set("StartAt", names[0])
	def.set("States", states)
	r.props.set("Definition", def)
	if len(subs.keys) > 0 {
		r.props.set("DefinitionSubstitutions", subs)
	}
}

// skeleton fills in what each resource needs to deploy and the design does
// not say: code locations, key schemas, roles. Placeholder values of
// catalogue properties are recorded as unset by reconcile.
func (x *exporter) skeleton(b *design.Block, r *outRes) {
	p := r.props
	setDefault := func(key string, v any) {
		if !p.has(key) {
			p.set(key, v)
		}
	}
	switch r.typ {
	case "AWS::Serverless::Function":
		if pt, _ := b.Props.String("PackageType"); pt == "Image" {
			setDefault("ImageUri", "TODO.dkr.ecr.region.amazonaws.com/"+strings.ToLower(b.ID)+":latest")
			break
		}
		setDefault("CodeUri", "src/"+strings.ToLower(b.ID)+"/")
		setDefault("Handler", "index.handler")
		setDefault("Runtime", "nodejs22.x")
	case "AWS::DynamoDB::Table":
		attr := newMap()
		attr.set("AttributeName", "pk")
		attr.set("AttributeType", "S")
		key := newMap()
		key.set("AttributeName", "pk")
		key.set("KeyType", "HASH")
		setDefault("AttributeDefinitions", []any{attr})
		setDefault("KeySchema", []any{key})
		if mode, _ := b.Props.String("BillingMode"); mode != "PAY_PER_REQUEST" && !p.has("ProvisionedThroughput") {
			p.setPath("ProvisionedThroughput.ReadCapacityUnits", 5.0)
			p.setPath("ProvisionedThroughput.WriteCapacityUnits", 5.0)
		}
	case "AWS::Serverless::Api":
		setDefault("StageName", "prod")
		if ms, ok := p.get("MethodSettings").([]any); ok && len(ms) > 0 {
			if m, ok := ms[0].(*omap); ok {
				if !m.has("ResourcePath") {
					m.set("ResourcePath", "/*")
				}
				if !m.has("HttpMethod") {
					m.set("HttpMethod", "*")
				}
			}
		}
	case "AWS::ApiGatewayV2::Api":
		setDefault("Name", b.ID)
		setDefault("ProtocolType", "WEBSOCKET")
		setDefault("RouteSelectionExpression", "$request.body.action")
	case "AWS::Serverless::StateMachine":
		if policies := x.policies[b.ID]; len(policies) == 0 && !p.has("Policies") && !p.has("Role") {
			p.set("Policies", []any{"AWSXrayWriteOnlyAccess"})
		}
	case "AWS::Scheduler::Schedule":
		setDefault("FlexibleTimeWindow", func() *omap { m := newMap(); m.set("Mode", "OFF"); return m }())
	case "AWS::Pipes::Pipe":
		setDefault("RoleArn", x.roleArn(b.ID))
	case "AWS::CloudFront::Distribution":
		cfg := p.child("DistributionConfig")
		if !cfg.has("Enabled") {
			cfg.set("Enabled", true)
		}
		beh := cfg.child("DefaultCacheBehavior")
		if !beh.has("TargetOriginId") {
			if origins, _ := cfg.get("Origins").([]any); len(origins) > 0 {
				beh.set("TargetOriginId", origins[0].(*omap).get("Id"))
			}
		}
		if !beh.has("ViewerProtocolPolicy") {
			beh.set("ViewerProtocolPolicy", "redirect-to-https")
		}
		if !beh.has("CachePolicyId") {
			beh.set("CachePolicyId", "658327ea-f89d-4fab-a63d-7e88639e58f6") // Managed-CachingOptimized
		}
	case "AWS::RDS::DBCluster":
		setDefault("Engine", "aurora-postgresql")
		setDefault("MasterUsername", "admin")
		setDefault("ManageMasterUserPassword", true)
	case "AWS::AppSync::GraphQLApi":
		setDefault("Name", b.ID)
		setDefault("AuthenticationType", "AWS_IAM")
		x.appSyncModes(b, r)
	case "AWS::IoT::TopicRule":
		payload := p.child("TopicRulePayload")
		if !payload.has("Sql") {
			payload.set("Sql", "SELECT * FROM 'TODO/topic'")
		}
		if !payload.has("Actions") {
			payload.set("Actions", []any{})
		}
	case "AWS::Athena::WorkGroup":
		setDefault("Name", strings.ToLower(b.ID))
	case "AWS::DAX::Cluster":
		setDefault("IAMRoleARN", x.roleArn(b.ID))
		setDefault("NodeType", "dax.t3.small")
		setDefault("ReplicationFactor", 3.0)
	case "AWS::Events::EventBus":
		setDefault("Name", b.ID)
	case "AWS::EventsV2::EventBus", "AWS::EventsV2::Subscriber":
		x.eventsV2Skeleton(b, r)
	}
	if b.Name != "" && b.Name != b.ID {
		if r.meta == nil {
			r.meta = newMap()
		}
		r.meta.set("name", b.Name)
	}
}

// reconcile compares the design with what the template imports as, and
// records each difference in the metadata, so that importing the export
// gives the design back.
func (x *exporter) reconcile(got *design.Design) {
	for i := range x.d.Blocks {
		want := &x.d.Blocks[i]
		r := x.out[want.ID]
		have := got.Block(want.ID)
		if r == nil || r.typ == "AWS::Events::ApiDestination" {
			continue // kept in the metadata whole
		}
		if have == nil || have.Kind != want.Kind {
			x.meta.Blocks = append(x.meta.Blocks, metaBlock{ID: want.ID, Kind: want.Kind, Name: want.Name, Props: want.Props, External: want.External})
			continue
		}
		set := map[string]any{}
		var unset []any
		for _, k := range want.Props.Keys() {
			if v, ok := have.Props[k]; !ok || !design.Equal(v, want.Props[k]) {
				set[k] = want.Props[k]
			}
		}
		for _, k := range have.Props.Keys() {
			if _, ok := want.Props[k]; !ok {
				unset = append(unset, k)
			}
		}
		if len(set) == 0 && len(unset) == 0 && have.Name == want.Name {
			continue
		}
		if r.meta == nil {
			r.meta = newMap()
		}
		if want.Name != "" {
			r.meta.set("name", want.Name)
		}
		if len(set) > 0 {
			r.meta.set("props", set)
		}
		if len(unset) > 0 {
			r.meta.set("unset", unset)
		}
	}
	type key struct{ from, to, integ string }
	have := map[key]*design.Connection{}
	for i := range got.Connections {
		c := &got.Connections[i]
		have[key{c.From, c.To, c.Integration}] = c
	}
	wanted := map[key]bool{}
	for i := range x.d.Connections {
		c := &x.d.Connections[i]
		k := key{c.From, c.To, c.Integration}
		wanted[k] = true
		h := have[k]
		if h != nil && propsEqual(h.Props, c.Props) && h.Inferred() == c.Inferred() {
			continue
		}
		mc := metaConn{From: c.From, To: c.To, Integration: c.Integration, Props: c.Props}
		if h == nil || h.Inferred() != c.Inferred() {
			mc.Evidence = c.Evidence
			if len(mc.Evidence) == 0 {
				mc.Evidence = []design.Evidence{{Basis: design.BasisDrawn}}
			}
		}
		x.meta.Connections = append(x.meta.Connections, mc)
	}
	for i := range got.Connections {
		c := &got.Connections[i]
		if !wanted[key{c.From, c.To, c.Integration}] {
			x.meta.Unwired = append(x.meta.Unwired, metaConn{From: c.From, To: c.To, Integration: c.Integration})
		}
	}
}

// propsEqual compares two property sets as JSON values.
func propsEqual(a, b design.Props) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !design.Equal(v, w) {
			return false
		}
	}
	return true
}
