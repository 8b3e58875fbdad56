package iac

import (
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// taskTargetKeys are the task parameters that name the resource a task
// state calls (with "Entries" of events:putEvents looked into). A
// placeholder elsewhere in the parameters is data, not a target.
var taskTargetKeys = map[string]bool{
	"FunctionName": true, "QueueUrl": true, "TopicArn": true, "TableName": true,
	"StateMachineArn": true, "EventBusName": true, "ApiEndpoint": true, "StreamName": true,
	"StreamARN": true, "DeliveryStreamName": true, "Bucket": true, "ResourceArn": true,
	"ClusterIdentifier": true, "ConfigurationSetName": true, "FromEmailAddressIdentityArn": true,
}

// stateMachine reads a state machine's definition: the Definition property
// and the task connections of its states.
func (b *builder) stateMachine(r *resource) {
	bk := b.block(r.id)
	if bk == nil {
		return
	}
	p := r.props
	subs := p.get("DefinitionSubstitutions")
	known := b.knownSubstitutions(subs)
	var def *node
	var at pos // where the definition is, for the task states found in it
	switch {
	case p.get("Definition") != nil:
		def = substitute(p.get("Definition"), known, 0)
		at = def.pos
		bk.set("Definition", def)
	case p.get("DefinitionString") != nil:
		ds := p.get("DefinitionString")
		at = ds.pos
		text, ok := b.t.render(ds)
		if !ok {
			b.note(r.id, ds.pos, "the DefinitionString is only known once deployed; its states are not read")
			return
		}
		parsed, err := parseJSON([]byte(text))
		if err != nil && len(known) > 0 {
			// A placeholder outside a JSON string (a number, say) makes
			// JSON only once substituted.
			text = substituteText(text, known)
			parsed, err = parseJSON([]byte(text))
		}
		if err != nil || parsed.kind != mapNode {
			bk.setValue("Definition", text, ds.pos)
			return
		}
		def = substitute(parsed, known, 0)
		bk.setValue("Definition", def.value(), ds.pos)
	case p.get("DefinitionUri") != nil || p.get("DefinitionS3Location") != nil:
		n := p.get("DefinitionUri")
		if n == nil {
			n = p.get("DefinitionS3Location")
		}
		b.noteSeparateFile(r.id, n, n.pos, "the state machine's definition is a separate file; its task connections are not read")
		return
	default:
		return
	}
	b.walkStates(r.id, def.get("States"), subs, at, 0)
}

// knownSubstitutions returns the DefinitionSubstitutions whose values the
// template gives: a literal, or what a parameter's default makes of it.
// Values known only once deployed (a resource's ARN) are left out, and
// their placeholders stay in the definition as written.
func (b *builder) knownSubstitutions(subs *node) map[string]string {
	var known map[string]string
	for name, v := range subs.entries() {
		if s, ok := b.t.resolve(v).text(); ok {
			if known == nil {
				known = map[string]string{}
			}
			known[name] = s
		}
	}
	return known
}

// substitute returns a definition with the ${name} placeholders of known
// substitutions filled in, in its strings and keys, as CloudFormation does
// when it deploys the state machine: a Type given as ${state_type} becomes
// the type it stands for. It copies only what changes; intrinsic functions
// (which SAM hands to CloudFormation as substitutions of their own) are
// left as they are.
func substitute(n *node, known map[string]string, depth int) *node {
	if n == nil || len(known) == 0 || depth > maxDepth {
		return n
	}
	if name, _ := n.intrinsic(); name != "" {
		return n
	}
	switch n.kind {
	case scalarNode:
		if n.typ != typeStr || !strings.Contains(n.str, "${") {
			return n
		}
		if s := substituteText(n.str, known); s != n.str {
			cp := *n
			cp.str = s
			return &cp
		}
	case mapNode:
		var cp *node
		for i, k := range n.keys {
			nk, nv := substituteText(k, known), substitute(n.vals[i], known, depth+1)
			if nk == k && nv == n.vals[i] {
				continue
			}
			if cp == nil {
				cp = &node{kind: mapNode, pos: n.pos, keys: slices.Clone(n.keys), vals: slices.Clone(n.vals), keyPos: n.keyPos}
			}
			cp.keys[i], cp.vals[i] = nk, nv
		}
		if cp != nil {
			return cp
		}
	case seqNode:
		var cp *node
		for i, it := range n.items {
			if nv := substitute(it, known, depth+1); nv != it {
				if cp == nil {
					cp = &node{kind: seqNode, pos: n.pos, items: slices.Clone(n.items)}
				}
				cp.items[i] = nv
			}
		}
		if cp != nil {
			return cp
		}
	}
	return n
}

// substituteText fills in the ${name} placeholders of known substitutions
// in a text; the others stay.
func substituteText(s string, known map[string]string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	return subVar.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := known[m[2:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// walkStates finds the task states of a definition, inside parallel
// branches and maps too.
func (b *builder) walkStates(sm string, states, subs *node, at pos, depth int) {
	if depth > maxDepth {
		return
	}
	for _, st := range states.entries() {
		stAt := at
		if st.pos.line > 0 && st.pos.line >= at.line {
			stAt = st.pos
		}
		switch typ, _ := st.get("Type").text(); typ {
		case "Task":
			b.taskState(sm, st, subs, stAt)
		case "Parallel":
			for _, br := range st.get("Branches").itemsOrNil() {
				b.walkStates(sm, br.get("States"), subs, at, depth+1)
			}
		case "Map":
			b.walkStates(sm, st.path("Iterator", "States"), subs, at, depth+1)
			b.walkStates(sm, st.path("ItemProcessor", "States"), subs, at, depth+1)
		}
	}
}

// taskState connects a state machine to what one task state calls.
func (b *builder) taskState(sm string, st, subs *node, at pos) {
	resource, _ := b.t.render(st.get("Resource"))
	targets := b.placeholderRefs(st.get("Resource"), subs)
	params := st.get("Parameters")
	if params == nil {
		params = st.get("Arguments")
	}
	for key, v := range params.entries() {
		switch {
		case taskTargetKeys[key]:
			targets = append(targets, b.placeholderRefs(v, subs)...)
		case key == "Entries":
			for _, e := range v.itemsOrNil() {
				targets = append(targets, b.placeholderRefs(e.get("EventBusName"), subs)...)
			}
		}
	}
	pattern := "request-response"
	switch {
	case strings.Contains(resource, ".waitForTaskToken"):
		pattern = "wait-for-task-token"
	case strings.Contains(resource, ".sync"):
		pattern = "sync"
	}
	seen := map[string]bool{}
	for _, id := range targets {
		if seen[id] || b.block(id) == nil || id == sm {
			continue
		}
		seen[id] = true
		c := b.connect(sm, id, design.IntTask, at, "")
		if c == nil {
			continue
		}
		c.derive("IntegrationPattern", pattern, at)
		c.set("TimeoutSeconds", st.get("TimeoutSeconds"))
		c.set("HeartbeatSeconds", st.get("HeartbeatSeconds"))
		c.derive("Retry", len(st.get("Retry").itemsOrNil()) > 0, at)
	}
}

// placeholderRefs returns the resources a definition value names: through
// ${Name} placeholders (DefinitionSubstitutions, or a logical id as in
// DefinitionString's Fn::Sub) or intrinsic functions.
func (b *builder) placeholderRefs(n, subs *node) []string {
	if n == nil {
		return nil
	}
	if name, _ := n.intrinsic(); name != "" {
		return b.t.refs(n)
	}
	s, ok := n.text()
	if !ok {
		return nil
	}
	var out []string
	for _, m := range subVar.FindAllStringSubmatch(s, -1) {
		if v := subs.get(m[1]); v != nil {
			out = append(out, b.t.refs(v)...)
			continue
		}
		if id := b.t.resourceOf(m[1]); id != "" {
			out = append(out, id)
		}
	}
	return out
}
