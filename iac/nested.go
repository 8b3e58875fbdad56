package iac

import (
	"fmt"
	"slices"
	"strings"
)

// A nested stack with a local template (AWS::Serverless::Application's
// Location, AWS::CloudFormation::Stack's TemplateURL) is part of the
// system the parent deploys, so its resources join the design: each under
// the stack's logical id and its own, joined by an underscore
// ("OrdersStack_Queue"; CloudFormation's ids have no underscore, so no id
// of the parent can clash), at its line in its own file. The values the
// parent passes as the stack's Parameters stand for the child's
// parameters, and the parent's GetAtt Stack.Outputs.Name stands for the
// output's value, so a function of the parent that sends to a queue of the
// child is connected to that queue.

// nestedStackFile reads a nested stack's template and adds its resources.
func (b *builder) nestedStackFile(r *resource, ref string, from int, at pos, prop string) {
	if len(b.chain) >= MaxNesting {
		b.files.report(r.id, at, "", "%s names %s, a stack nested more than %d deep; archlab does not read it", prop, ref, MaxNesting)
		return
	}
	doc, file := b.files.document(ref, from, at, r.id, prop)
	if doc == nil {
		return
	}
	reading := append([]int{0}, b.chain...)
	if i := slices.Index(reading, file); i >= 0 {
		var names []string
		for _, f := range append(reading[i:], file) {
			names = append(names, b.files.name(f))
		}
		b.files.report(r.id, at, RuleTemplateReference, "%s names %s, which nests the stack in itself (%s); the nesting has no end, and packaging and CloudFormation fail on it",
			prop, ref, strings.Join(names, " → "))
		return
	}
	doc = b.files.expandIncludes(doc, file)
	child, err := loadTemplate(doc)
	if err != nil {
		b.files.report(r.id, at, RuleTemplateInvalid, "%s names %s, which is no template CloudFormation can nest: %v", prop, ref, err)
		return
	}
	r.read = true
	scope := r.id + "_"
	globals := applyGlobals(child.root, child.resources)
	rn := newRenamer(scope, child)
	t := b.t
	for name, def := range child.params {
		t.params[scope+name] = def
	}
	if t.bound == nil {
		t.bound = map[string]*node{}
	}
	for name, v := range r.props.get("Parameters").entries() {
		if child.params[name] != nil {
			t.bound[scope+name] = v
		}
	}
	t.mappings = mergeScoped(t.mappings, child.mappings, scope)
	t.conditions = mergeScoped(t.conditions, rn.node(child.conditions, 0), scope)
	if t.outputs == nil {
		t.outputs = map[string]map[string]*node{}
	}
	outputs := map[string]*node{}
	for name, out := range child.root.get("Outputs").entries() {
		if v := out.get("Value"); v != nil {
			outputs[name] = rn.node(v, 0)
		}
	}
	t.outputs[r.id] = outputs
	scoped := map[string]*node{}
	for section, g := range globals {
		scoped[section] = rn.node(g, 0)
	}
	b.scopeGlobals[scope] = scoped
	for _, p := range child.problems {
		if p.id != "" {
			p.id = scope + p.id
		}
		t.problems = append(t.problems, p)
	}
	added := make([]*resource, 0, len(child.resources))
	for _, cr := range child.resources {
		id := scope + cr.id
		if t.byID[id] != nil {
			continue
		}
		nr := &resource{id: id, typ: cr.typ, def: rn.resource(cr.def), props: rn.node(cr.props, 0), pos: cr.pos,
			condition: rn.cond(cr.condition), scope: scope + cr.scope}
		if nr.props != nil && nr.props.kind != mapNode {
			nr.props = nil
		}
		t.resources = append(t.resources, nr)
		t.byID[id] = nr
		added = append(added, nr)
	}
	b.chain = append(b.chain, file)
	for _, nr := range added {
		b.readResourceFiles(nr)
	}
	b.chain = b.chain[:len(b.chain)-1]
}

// mergeScoped returns a section (Mappings, Conditions) with the entries of
// a nested stack's added under prefixed names.
func mergeScoped(own, child *node, scope string) *node {
	if child == nil || child.kind != mapNode || len(child.keys) == 0 {
		return own
	}
	out := &node{kind: mapNode}
	if own != nil && own.kind == mapNode {
		out.pos = own.pos
		out.keys, out.vals, out.keyPos = slices.Clone(own.keys), slices.Clone(own.vals), slices.Clone(own.keyPos)
	}
	for i, k := range child.keys {
		out.keys, out.vals, out.keyPos = append(out.keys, scope+k), append(out.vals, child.vals[i]), append(out.keyPos, child.keyPos[i])
	}
	return out
}

// renamer rewrites a nested stack's values into the parent's ids: its
// resources, parameters, conditions and mappings get the stack's prefix
// wherever a Ref, Fn::GetAtt, Fn::Sub, Fn::If, Condition, Fn::FindInMap or
// DependsOn names them.
type renamer struct {
	scope string
	ids   map[string]bool // resources and parameters
	conds map[string]bool
	maps  map[string]bool
}

func newRenamer(scope string, t *template) *renamer {
	rn := &renamer{scope: scope, ids: map[string]bool{}, conds: map[string]bool{}, maps: map[string]bool{}}
	for _, r := range t.resources {
		rn.ids[r.id] = true
	}
	for name := range t.params {
		rn.ids[name] = true
	}
	for name := range t.conditions.entries() {
		rn.conds[name] = true
	}
	for name := range t.mappings.entries() {
		rn.maps[name] = true
	}
	return rn
}

func (rn *renamer) id(s string) string {
	if rn.ids[s] {
		return rn.scope + s
	}
	return s
}

func (rn *renamer) cond(s string) string {
	if rn.conds[s] {
		return rn.scope + s
	}
	return s
}

// resource renames a resource's whole entry: its values, and the
// DependsOn and Condition beside them.
func (rn *renamer) resource(def *node) *node {
	out := rn.node(def, 0)
	if out == nil || out.kind != mapNode {
		return out
	}
	cp := &node{kind: mapNode, pos: out.pos, keys: out.keys, keyPos: out.keyPos, vals: slices.Clone(out.vals)}
	for i, k := range cp.keys {
		switch k {
		case "DependsOn":
			cp.vals[i] = rn.scalars(cp.vals[i], rn.id)
		case "Condition":
			cp.vals[i] = rn.scalars(cp.vals[i], rn.cond)
		}
	}
	return cp
}

// scalars renames a name or a list of names.
func (rn *renamer) scalars(n *node, rename func(string) string) *node {
	switch n.kind {
	case scalarNode:
		cp := *n
		cp.str = rename(n.str)
		return &cp
	case seqNode:
		cp := &node{kind: seqNode, pos: n.pos}
		for _, it := range n.items {
			cp.items = append(cp.items, rn.scalars(it, rename))
		}
		return cp
	}
	return n
}

// node returns a value with the stack's names prefixed; it copies what it
// renames and shares the rest.
func (rn *renamer) node(n *node, depth int) *node {
	if n == nil || depth > maxDepth {
		return n
	}
	if name, arg := n.intrinsic(); name != "" {
		if renamed := rn.intrinsic(name, arg, depth); renamed != nil {
			return &node{kind: mapNode, pos: n.pos, keys: n.keys, keyPos: n.keyPos, vals: []*node{renamed}}
		}
	}
	switch n.kind {
	case mapNode:
		var cp *node
		for i, v := range n.vals {
			if nv := rn.node(v, depth+1); nv != v {
				if cp == nil {
					cp = &node{kind: mapNode, pos: n.pos, keys: n.keys, keyPos: n.keyPos, vals: slices.Clone(n.vals)}
				}
				cp.vals[i] = nv
			}
		}
		if cp != nil {
			return cp
		}
	case seqNode:
		var cp *node
		for i, it := range n.items {
			if nv := rn.node(it, depth+1); nv != it {
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

// intrinsic returns the renamed argument of an intrinsic function that
// names something of the stack, or nil to rename inside it as any value.
func (rn *renamer) intrinsic(name string, arg *node, depth int) *node {
	switch name {
	case "Ref":
		if s, ok := arg.text(); ok && rn.ids[s] {
			return rn.scalars(arg, rn.id)
		}
	case "Condition":
		if s, ok := arg.text(); ok && rn.conds[s] {
			return rn.scalars(arg, rn.cond)
		}
	case "Fn::GetAtt":
		res, attr, ok := getAttParts(arg)
		if !ok || !rn.ids[res] {
			return nil
		}
		if arg.kind == seqNode {
			cp := &node{kind: seqNode, pos: arg.pos, items: slices.Clone(arg.items)}
			cp.items[0] = rn.scalars(arg.items[0], rn.id)
			return cp
		}
		cp := *arg
		cp.str = rn.id(res) + "." + attr
		return &cp
	case "Fn::If", "Fn::FindInMap":
		if arg.kind != seqNode || len(arg.items) == 0 {
			return nil
		}
		cp := &node{kind: seqNode, pos: arg.pos, items: slices.Clone(arg.items)}
		if name == "Fn::If" {
			cp.items[0] = rn.scalars(arg.items[0], rn.cond)
		} else if s, ok := arg.items[0].text(); ok && rn.maps[s] {
			cp.items[0] = rn.scalars(arg.items[0], func(s string) string { return rn.scope + s })
		}
		for i := 1; i < len(cp.items); i++ {
			cp.items[i] = rn.node(cp.items[i], depth+1)
		}
		return cp
	case "Fn::Sub":
		str, vars := subParts(arg)
		renamed := subVar.ReplaceAllStringFunc(str, func(m string) string {
			v := m[2 : len(m)-1]
			if vars.get(v) != nil {
				return m
			}
			base, rest, dotted := strings.Cut(v, ".")
			if !rn.ids[base] {
				return m
			}
			if dotted {
				return fmt.Sprintf("${%s.%s}", rn.id(base), rest)
			}
			return "${" + rn.id(base) + "}"
		})
		if s, ok := arg.text(); ok {
			if renamed == s {
				return nil
			}
			cp := *arg
			cp.str = renamed
			return &cp
		}
		if arg.kind != seqNode || len(arg.items) == 0 {
			return nil
		}
		cp := &node{kind: seqNode, pos: arg.pos, items: slices.Clone(arg.items)}
		if renamed != str {
			first := *arg.items[0]
			first.str = renamed
			cp.items[0] = &first
		}
		for i := 1; i < len(cp.items); i++ {
			cp.items[i] = rn.node(cp.items[i], depth+1)
		}
		return cp
	}
	return nil
}
