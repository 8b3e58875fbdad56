package iac

import (
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

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
		if b.policyTemplate(fn, it.keys[0], it.vals[0], it.pos) {
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
				ids = append(ids, b.named(item))
			}
			for i, id := range ids {
				if db := b.secretOf(id); db != "" {
					ids[i] = db // a database's credentials: what a connection needs
				}
			}
			for _, id := range ids {
				if b.sdkConnection(fn, id, actions, design.Evidence{Basis: design.BasisIAM, Detail: strings.Join(actions, ", ")}, st.pos) {
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

// mappingFailsTo reports whether an event source mapping of fn sends the
// records it fails on to the resource to (its DestinationConfig.OnFailure),
// which the function's role must be allowed to write to.
func (b *builder) mappingFailsTo(fn, to string) bool {
	for _, c := range b.conns {
		if c.to != fn || c.integ != design.IntESM {
			continue
		}
		p, ok := c.props["DestinationConfig.OnFailure"]
		switch {
		case !ok:
		case p.n != nil && slices.Contains(b.t.refs(p.n), to):
			return true
		case p.set && p.v == to:
			return true
		}
	}
	return false
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

// sdkConnection connects a function to a resource its permissions name,
// with what they grant and why the connection was assumed, unless the
// permission only supports another connection: a poller's reads for an
// event source mapping, a destination's send. It reports whether the
// permission is accounted for by a connection.
func (b *builder) sdkConnection(fn, to string, actions []string, ev design.Evidence, at pos) bool {
	tb := b.block(to)
	if tb == nil || to == fn {
		return false
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
		if allPrefixed(actions, pollPrefixes) && b.connByKey[[3]string{to, peer, design.IntESM}] != nil {
			return true // the poller's reads
		}
		if len(actions) > 0 && b.onlyWrites(tb.kind, actions) {
			for _, in := range []string{design.IntOnFailure, design.IntOnSuccess, design.IntDeadLetter} {
				if b.connByKey[[3]string{peer, to, in}] != nil {
					return true // the destination's send
				}
			}
			if b.mappingFailsTo(peer, to) {
				return true // a mapping's records it failed on
			}
		}
	}
	integ := design.IntSDK
	if tb.kind == "rds" {
		integ = rdsIntegration(actions)
		if integ == design.IntSDK && !slices.ContainsFunc(actions, rdsAPI) {
			// No action of the database's own (secretsmanager: on its
			// secret): reading the secret from inside the VPC is what
			// code opens a connection with; anything else is a call to
			// another service, not to the database, and stays a grant.
			if !readsSecret(actions) || !b.inVPC(fn) {
				return false
			}
			integ = design.IntSQL
		}
	}
	if b.cat.Integration("lambda", tb.kind, integ) == nil {
		return false
	}
	c := b.connectInferred(fn, to, integ, at, "")
	if c == nil {
		return false
	}
	c.because(ev.Basis, ev.Detail)
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

// secretOf returns the database a Secrets Manager secret of the template
// holds the credentials of (through an AWS::SecretsManager::
// SecretTargetAttachment), or "".
func (b *builder) secretOf(id string) string {
	r := b.t.byID[id]
	if r == nil || r.typ != "AWS::SecretsManager::Secret" {
		return ""
	}
	for _, a := range b.t.resources {
		if a.typ == "AWS::SecretsManager::SecretTargetAttachment" && b.t.ref(a.props.get("SecretId")) == id {
			if db := b.t.ref(a.props.get("TargetId")); b.kindOf(db) == "rds" {
				a.read = true
				return db
			}
		}
	}
	return ""
}

// rdsAPI reports whether an action is of the RDS management API.
func rdsAPI(action string) bool {
	return strings.HasPrefix(strings.ToLower(action), "rds:")
}

// readsSecret reports whether the actions read a secret's value.
func readsSecret(actions []string) bool {
	for _, a := range actions {
		if strings.EqualFold(a, "secretsmanager:GetSecretValue") || strings.EqualFold(a, "secretsmanager:*") || a == "*" {
			return true
		}
	}
	return false
}

// inVPC reports whether a function runs in a VPC.
func (b *builder) inVPC(fn string) bool {
	r := b.t.byID[fn]
	return r != nil && r.props.get("VpcConfig") != nil
}

// pollPrefixes start what Lambda's pollers need on an event source: the
// permissions an event source mapping rests on, not calls of the code.
var pollPrefixes = []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility",
	"kinesis:Get", "kinesis:Describe", "kinesis:List", "kinesis:SubscribeToShard",
	"dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams"}

// allPrefixed reports whether every action starts with one of prefixes
// (and there is one).
func allPrefixed(actions, prefixes []string) bool {
	if len(actions) == 0 {
		return false
	}
	for _, a := range actions {
		if !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(a, p) }) {
			return false
		}
	}
	return true
}

// onlyWrites reports whether every action writes (or manages) a kind's
// resource, reading nothing: what an asynchronous destination needs.
func (b *builder) onlyWrites(kind string, actions []string) bool {
	for _, a := range actions {
		if b.cat.ActionAccess(kind, a) == design.AccessRead {
			return false
		}
	}
	return b.cat.MostAccess(kind, slices.Values(actions)) == design.AccessWrite
}

// rdsIntegration is how a function that is granted actions on a database
// uses it: the Data API (rds-data:), a database connection (rds-db:connect,
// or no actions named at all), or else only the management API
// (rds:CreateDBSnapshot opens no connection).
func rdsIntegration(actions []string) string {
	if len(actions) == 0 {
		return design.IntSQL
	}
	integ := design.IntSDK
	for _, a := range actions {
		prefix, _, _ := strings.Cut(strings.ToLower(a), ":")
		switch {
		case prefix == "rds-data":
			return design.IntDataAPI
		case prefix == "rds-db" || a == "*":
			integ = design.IntSQL
		}
	}
	return integ
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
	for name, v := range vars.entries() {
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
			if tb.kind == "rds" && (proxy || endpointOf(v)) {
				// A variable holding the database's (or proxy's) endpoint
				// is what code opens connections with; its identifier is
				// for the management API.
				integ = design.IntSQL
			}
			if b.cat.Integration("lambda", tb.kind, integ) == nil {
				continue
			}
			c := b.connectInferred(fn, target, integ, v.pos, "")
			c.because(design.BasisEnvironment, name)
			if c != nil && proxy {
				c.setValue("RDSProxy", true, v.pos)
			}
		}
	}
}

// endpointOf reports whether a value names a resource's endpoint (its
// Endpoint.Address or Endpoint.Port attribute), not the resource itself.
func endpointOf(n *node) bool {
	found := false
	n.visit(func(n *node) bool {
		switch name, arg := n.intrinsic(); name {
		case "Fn::GetAtt":
			s, _ := arg.text()
			if arg.kind == seqNode && len(arg.items) == 2 {
				s, _ = arg.items[1].text()
			}
			found = strings.Contains(s, "Endpoint")
			return false
		case "Fn::Sub":
			str, vars := subParts(arg)
			found = strings.Contains(str, ".Endpoint") || endpointOf(vars)
			return false
		}
		return true
	}, func() bool { return found })
	return found
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
