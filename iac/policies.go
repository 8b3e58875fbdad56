package iac

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// samPolicyActions classifies the SAM policy templates that grant what
// another connection already needs: a poller's reads for an event source
// mapping, a send for a destination. Templates not listed are SDK calls.
var samPolicyActions = map[string]string{
	"SQSPollerPolicy": "sqs:ReceiveMessage", "KinesisStreamReadPolicy": "kinesis:GetRecords",
	"DynamoDBStreamReadPolicy": "dynamodb:GetRecords", "SQSSendMessagePolicy": "sqs:SendMessage",
	"SNSPublishMessagePolicy": "sns:Publish", "LambdaInvokePolicy": "lambda:InvokeFunction",
	"EventBridgePutEventsPolicy": "events:PutEvents",
}

// indexRoles maps IAM roles to the functions that run with them, and
// gathers the policies attached to roles from outside.
func (b *builder) indexRoles() {
	for _, r := range b.t.resources {
		switch r.typ {
		case "AWS::Serverless::Function", "AWS::Lambda::Function":
			if role := b.t.ref(r.props.get("Role")); role != "" {
				b.roles[role] = append(b.roles[role], r.id)
			}
		}
	}
}

// roleDocuments returns the policy documents of a role: inline, and from
// AWS::IAM::Policy and ManagedPolicy resources attached to it; and its
// managed policy ARNs.
func (b *builder) roleDocuments(role string) (docs []*node, managed []*node) {
	r := b.t.byID[role]
	if r == nil || r.typ != "AWS::IAM::Role" {
		return nil, nil
	}
	for _, p := range r.props.get("Policies").itemsOrNil() {
		if d := p.get("PolicyDocument"); d != nil {
			docs = append(docs, d)
		}
	}
	managed = r.props.get("ManagedPolicyArns").itemsOrNil()
	for _, o := range b.t.resources {
		if o.typ != "AWS::IAM::Policy" && o.typ != "AWS::IAM::ManagedPolicy" {
			continue
		}
		if containsString(b.t.refs(o.props.get("Roles")), role) {
			if d := o.props.get("PolicyDocument"); d != nil {
				docs = append(docs, d)
			}
		}
	}
	return docs, managed
}

// functionPolicies turns what a function's permissions grant on other
// resources of the template into SDK-call connections, and keeps the rest
// as its Policies property.
func (b *builder) functionPolicies(r *resource) {
	fn := b.block(r.id)
	if fn == nil {
		return
	}
	var kept []any
	single := false
	role := b.t.ref(r.props.get("Role"))
	var pol *node
	if r.typ == "AWS::Serverless::Function" && role == "" {
		pol = r.props.get("Policies")
	}
	switch {
	case pol != nil:
		items := pol.itemsOrNil()
		if pol.kind != seqNode {
			items = []*node{pol}
			single = pol.kind == mapNode
		}
		for _, it := range items {
			if v, keep := b.policyItem(fn.id, it); keep {
				kept = append(kept, v)
			}
		}
	case role != "":
		docs, managed := b.roleDocuments(role)
		for _, m := range managed {
			if s, ok := b.t.render(m); ok {
				kept = append(kept, s)
			}
		}
		for _, d := range docs {
			if v := b.policyDocument(fn.id, d); v != nil {
				kept = append(kept, v)
			}
		}
	default:
		return
	}
	if len(kept) == 0 {
		return
	}
	at := r.pos
	if pol != nil {
		at = pol.pos
	}
	if single && len(kept) == 1 {
		fn.setValue("Policies", kept[0], at)
		return
	}
	fn.setValue("Policies", kept, at)
}

// policyItem reads one entry of SAM's Policies: a managed policy name, a
// policy document, or a policy template. It returns what to keep in the
// Policies property.
func (b *builder) policyItem(fn string, it *node) (any, bool) {
	if it.kind == scalarNode {
		s, _ := b.t.render(it)
		return s, true
	}
	if name, _ := it.intrinsic(); name != "" || it.kind != mapNode {
		return it.value(), true
	}
	if it.get("Statement") != nil {
		v := b.policyDocument(fn, it)
		return v, v != nil
	}
	if len(it.keys) == 1 {
		tmpl, params := it.keys[0], it.vals[0]
		connected := false
		ids := b.t.refs(params)
		for _, v := range params.entries() {
			if s, ok := b.t.render(v); ok {
				if id := b.named(s); id != "" {
					ids = append(ids, id)
				}
			}
		}
		for _, id := range ids {
			if b.sdkConnection(fn, id, nil, samPolicyActions[tmpl], it.pos) {
				connected = true
			}
		}
		if connected {
			return nil, false
		}
	}
	return it.value(), true
}

// policyDocument reads a policy document's statements: resources of the
// template that an Allow statement names become connections; what remains
// is returned (nil when nothing does).
func (b *builder) policyDocument(fn string, doc *node) any {
	stmts := doc.get("Statement")
	list := stmts.itemsOrNil()
	if stmts != nil && stmts.kind == mapNode {
		list = []*node{stmts}
	}
	var kept []any
	for _, st := range list {
		if effect, _ := b.t.render(st.get("Effect")); effect != "Allow" || st.kind != mapNode {
			kept = append(kept, st.value())
			continue
		}
		actions := b.stringList(st.get("Action"))
		res := st.get("Resource")
		items := res.itemsOrNil()
		if res != nil && res.kind != seqNode {
			items = []*node{res}
		}
		var rest []any
		connected := false
		for _, item := range items {
			hit := false
			ids := b.t.refs(item)
			if len(ids) == 0 {
				if s, ok := b.t.render(item); ok {
					ids = append(ids, b.named(s))
				}
			}
			for _, id := range ids {
				if b.sdkConnection(fn, id, actions, "", st.pos) {
					hit = true
					break
				}
			}
			if hit {
				connected = true
			} else {
				rest = append(rest, item.value())
			}
		}
		switch {
		case !connected:
			kept = append(kept, st.value())
		case len(rest) > 0:
			m := st.value().(map[string]any)
			if len(rest) == 1 {
				m["Resource"] = rest[0]
			} else {
				m["Resource"] = rest
			}
			kept = append(kept, m)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	out := doc.value().(map[string]any)
	out["Statement"] = kept
	return out
}

func (b *builder) stringList(n *node) []string {
	items := n.itemsOrNil()
	if n != nil && n.kind != seqNode {
		items = []*node{n}
	}
	var out []string
	for _, it := range items {
		if s, ok := b.t.render(it); ok {
			out = append(out, s)
		}
	}
	return out
}

// pollActions are what Lambda's pollers need on an event source; sendActions
// what an asynchronous destination needs.
var (
	pollPrefixes = []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility",
		"kinesis:Get", "kinesis:Describe", "kinesis:List", "kinesis:SubscribeToShard",
		"dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams"}
	sendPrefixes = []string{"sqs:SendMessage", "sns:Publish", "lambda:InvokeFunction", "events:PutEvents", "s3:PutObject"}
)

func allPrefixed(actions []string, prefixes []string) bool {
	if len(actions) == 0 {
		return false
	}
	for _, a := range actions {
		ok := false
		for _, p := range prefixes {
			if strings.HasPrefix(a, p) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// sdkConnection connects a function to a resource its permissions name,
// unless the permission only supports another connection (a poller's
// reads, a destination's send). It reports whether the permission is
// accounted for by a connection.
func (b *builder) sdkConnection(fn, to string, actions []string, template string, at pos) bool {
	tb := b.block(to)
	if tb == nil || to == fn {
		return false
	}
	probe := actions
	if template != "" {
		probe = []string{template}
	}
	// A role shared by several functions grants each what any of them
	// needs for its mappings and destinations.
	peers := []string{fn}
	if r := b.t.byID[fn]; r != nil {
		if role := b.t.ref(r.props.get("Role")); role != "" {
			peers = b.roles[role]
		}
	}
	for _, peer := range peers {
		if allPrefixed(probe, pollPrefixes) && b.connByKey[[3]string{to, peer, design.IntESM}] != nil {
			return true
		}
		if allPrefixed(probe, sendPrefixes) {
			for _, in := range []string{design.IntOnFailure, design.IntOnSuccess, design.IntDeadLetter} {
				if b.connByKey[[3]string{peer, to, in}] != nil {
					return true
				}
			}
		}
	}
	integ := design.IntSDK
	if tb.kind == "rds" {
		integ = design.IntSQL
		for _, a := range actions {
			if strings.HasPrefix(a, "rds-data:") {
				integ = design.IntDataAPI
			}
		}
	}
	if b.cat.Integration("lambda", tb.kind, integ) == nil {
		return false
	}
	c := b.connect(fn, to, integ, at, "")
	if c == nil {
		return false
	}
	if in := b.cat.Integration("lambda", tb.kind, integ); in.Prop("Actions") != nil && len(actions) > 0 {
		var list []any
		if pd, ok := c.props["Actions"]; ok && pd.set {
			list, _ = pd.v.([]any)
		}
		for _, a := range actions {
			if !containsAny(list, a) {
				list = append(list, a)
			}
		}
		if _, ok := c.props["Actions"]; !ok {
			c.order = append(c.order, "Actions")
		}
		c.props["Actions"] = pending{v: list, set: true, at: at}
	}
	return true
}

func containsAny(list []any, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// environmentRefs connects a function to the resources its environment
// variables name, when nothing else connects them already.
func (b *builder) environmentRefs(r *resource) {
	fn := r.id
	vars := lookup(r.props, "Environment.Variables")
	for _, v := range vars.entries() {
		for _, id := range b.t.refs(v) {
			target := id
			proxy := false
			if res := b.t.byID[id]; res != nil && res.typ == "AWS::RDS::DBProxy" {
				target, proxy = b.proxyTarget(id), true
			}
			tb := b.block(target)
			if tb == nil || target == fn || b.connected(fn, target) {
				continue
			}
			integ := design.IntSDK
			if tb.kind == "rds" {
				integ = design.IntSQL
			}
			if b.cat.Integration("lambda", tb.kind, integ) == nil {
				continue
			}
			if c := b.connect(fn, target, integ, v.pos, ""); c != nil && proxy {
				c.setValue("RDSProxy", true, v.pos)
			}
		}
	}
}

// connected reports whether any connection joins two blocks, either way.
func (b *builder) connected(x, y string) bool {
	for _, c := range b.conns {
		if (c.from == x && c.to == y) || (c.from == y && c.to == x) {
			return true
		}
	}
	return false
}

// proxyTarget returns the database an RDS proxy fronts.
func (b *builder) proxyTarget(proxy string) string {
	for _, r := range b.t.resources {
		if r.typ == "AWS::RDS::DBProxyTargetGroup" && b.t.ref(r.props.get("DBProxyName")) == proxy {
			for _, key := range []string{"DBClusterIdentifiers", "DBInstanceIdentifiers"} {
				for _, id := range b.t.refs(r.props.get(key)) {
					if b.kindOf(id) == "rds" {
						return id
					}
				}
			}
		}
	}
	return ""
}
