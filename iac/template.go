package iac

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// template is a parsed template: its sections, and its resources in the
// order they were written.
type template struct {
	root       *node
	params     map[string]*node // parameter definitions by name
	mappings   *node
	conditions *node
	resources  []*resource
	byID       map[string]*resource
	sam        bool
	// problems are what CloudFormation refuses in the template's shape;
	// the resources concerned are left out.
	problems []problem
	// bound holds the values a parent stack gives the parameters of a
	// nested stack read with it, by the parameters' prefixed names.
	bound map[string]*node
	// outputs holds the Outputs of the nested stacks read, by stack and
	// output name, their values in the template's ids.
	outputs map[string]map[string]*node
}

// output returns the value of a nested stack's output that GetAtt names
// as Stack and "Outputs.Name", when the stack was read.
func (t *template) output(stack, attr string) *node {
	name, ok := strings.CutPrefix(attr, "Outputs.")
	if !ok || t.outputs == nil {
		return nil
	}
	return t.outputs[stack][name]
}

// outputOfVar is output for a Fn::Sub variable, "Stack.Outputs.Name".
func (t *template) outputOfVar(v string) *node {
	stack, attr, ok := strings.Cut(v, ".")
	if !ok {
		return nil
	}
	return t.output(stack, attr)
}

// getAttParts splits the argument of Fn::GetAtt into the resource and the
// attribute.
func getAttParts(arg *node) (string, string, bool) {
	if arg != nil && arg.kind == seqNode && len(arg.items) == 2 {
		res, ok1 := arg.items[0].text()
		attr, ok2 := arg.items[1].text()
		return res, attr, ok1 && ok2
	}
	if s, ok := arg.text(); ok {
		res, attr, found := strings.Cut(s, ".")
		return res, attr, found
	}
	return "", "", false
}

// problem is a Problem (or, without a rule, a note) found while reading
// files, before a builder names their files.
type problem struct {
	id   string
	at   pos
	rule string
	msg  string
}

// resource is one entry of Resources.
type resource struct {
	id        string
	typ       string
	def       *node // the whole entry
	props     *node // Properties, with SAM Globals applied
	pos       pos
	condition string
	// read is set once some part of the importer used the resource, so
	// that the rest can be reported as not modelled.
	read bool
	// scope is the prefix of the ids of the nested stack the resource
	// comes from ("Orders_"), "" for the template's own.
	scope string
}

// loadTemplate checks a parsed document's shape and indexes its sections.
func loadTemplate(root *node) (*template, error) {
	if root.kind != mapNode {
		return nil, fmt.Errorf("line %d: not a CloudFormation or SAM template: expected a mapping of sections at the top", root.pos.line)
	}
	res := root.get("Resources")
	if res == nil {
		return nil, fmt.Errorf("not a CloudFormation or SAM template: it has no Resources section")
	}
	if res.kind != mapNode {
		return nil, fmt.Errorf("line %d: Resources must be a mapping of logical ids to resources", res.pos.line)
	}
	t := &template{
		root:       root,
		params:     map[string]*node{},
		mappings:   root.get("Mappings"),
		conditions: root.get("Conditions"),
		byID:       make(map[string]*resource, len(res.keys)),
	}
	if ps := root.get("Parameters"); ps != nil && ps.kind == mapNode {
		for i, k := range ps.keys {
			t.params[k] = ps.vals[i]
		}
	}
	t.sam = hasSAMTransform(root.get("Transform"))
	for i, id := range res.keys {
		def := res.vals[i]
		r := &resource{id: id, def: def, pos: res.keyPos[i]}
		if def.kind != mapNode {
			t.problems = append(t.problems, problem{id: id, at: r.pos, rule: RuleTemplateInvalid,
				msg: "resource " + id + " must be a mapping with a Type and Properties; CloudFormation refuses the template, and archlab leaves the resource out"})
			continue
		}
		typ, ok := def.get("Type").text()
		if !ok || typ == "" {
			why := "has no Type"
			if def.get("Type") != nil {
				why = "has a Type that is not a resource type name"
			}
			t.problems = append(t.problems, problem{id: id, at: r.pos, rule: RuleTemplateInvalid,
				msg: "resource " + id + " " + why + ": CloudFormation refuses a template with such a resource, and archlab leaves it out"})
			continue
		}
		r.typ = typ
		r.props = def.get("Properties")
		if r.props != nil && r.props.kind != mapNode {
			r.props = nil
		}
		r.condition, _ = def.get("Condition").text()
		if strings.HasPrefix(typ, "AWS::Serverless::") {
			t.sam = true
		}
		t.resources = append(t.resources, r)
		t.byID[id] = r
	}
	return t, nil
}

func hasSAMTransform(n *node) bool {
	if s, ok := n.text(); ok {
		return strings.HasPrefix(s, "AWS::Serverless")
	}
	if n != nil && n.kind == seqNode {
		for _, it := range n.items {
			if hasSAMTransform(it) {
				return true
			}
		}
	}
	return false
}

// subVar matches the ${...} variables of Fn::Sub; ${!Literal} is an escape.
var subVar = regexp.MustCompile(`\$\{([^!}][^}]*)\}`)

// resourceOf returns the resource a Ref or GetAtt name means: "Fn",
// "Fn.Arn" (in a Sub), and SAM's "Fn.Alias" and "Fn.Version" all name Fn,
// and so do a version and an alias of Fn (see versionOf).
func (t *template) resourceOf(name string) string {
	return t.versionOf(t.logicalID(name))
}

// versionOf returns the function or state machine a version or alias of
// the template stands for (AWS::Lambda::Alias and Version,
// AWS::StepFunctions::StateMachineAlias and Version): whatever calls the
// alias runs the function, so it is the function's block that is
// connected. Anything else, or a version of something the template does
// not hold, is returned as it is.
func (t *template) versionOf(id string) string {
	for range 8 { // an alias of a version of ...; a cycle ends here
		r := t.byID[id]
		if r == nil {
			return id
		}
		var of *node
		switch r.typ {
		case "AWS::Lambda::Alias", "AWS::Lambda::Version":
			of = r.props.get("FunctionName")
		case "AWS::StepFunctions::StateMachineVersion":
			of = r.props.get("StateMachineArn")
		case "AWS::StepFunctions::StateMachineAlias":
			of = lookup(r.props, "RoutingConfiguration.0.StateMachineVersionArn")
			if of == nil {
				of = lookup(r.props, "DeploymentPreference.StateMachineVersionArn")
			}
		default:
			return id
		}
		next := t.refsOf(of, t.logicalID)
		if len(next) == 0 {
			return id
		}
		id = next[0]
	}
	return id
}

// logicalID is resourceOf without following versions and aliases.
func (t *template) logicalID(name string) string {
	name = strings.TrimSpace(name)
	if _, ok := t.byID[name]; ok {
		return name
	}
	if base, _, ok := strings.Cut(name, "."); ok {
		if _, ok := t.byID[base]; ok {
			return base
		}
	}
	// SAM names the URL of a function with FunctionUrlConfig <Function>Url.
	if base, ok := strings.CutSuffix(name, "Url"); ok {
		if r := t.byID[base]; r != nil && r.typ == "AWS::Serverless::Function" && r.props.get("FunctionUrlConfig") != nil {
			return base
		}
	}
	return ""
}

// refs returns the logical ids of the resources a value refers to, in
// order and without repeats: through Ref, Fn::GetAtt and the variables of
// Fn::Sub, anywhere inside it.
func (t *template) refs(n *node) []string { return t.refsOf(n, t.resourceOf) }

// refsOf is refs with the function that finds the resource of a name.
func (t *template) refsOf(n *node, resourceOf func(string) string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	expansions := 0
	var walk func(n *node, depth int)
	// follow walks the value a nested stack's parameter or output stands
	// for, within the budget.
	follow := func(n *node, depth int) {
		if expansions < maxExpansions {
			expansions++
			walk(n, depth+1)
		}
	}
	walk = func(n *node, depth int) {
		if n == nil || depth > maxDepth {
			return
		}
		if name, arg := n.intrinsic(); name != "" {
			switch name {
			case "Ref":
				if s, ok := arg.text(); ok {
					if v := t.bound[s]; v != nil {
						follow(v, depth)
						return
					}
					add(resourceOf(s))
				}
				return
			case "Fn::GetAtt":
				if res, attr, ok := getAttParts(arg); ok {
					if v := t.output(res, attr); v != nil {
						follow(v, depth)
						return
					}
				}
				if arg.kind == seqNode && len(arg.items) > 0 {
					if s, ok := arg.items[0].text(); ok {
						add(resourceOf(s))
					}
				} else if s, ok := arg.text(); ok {
					add(resourceOf(s))
				}
				return
			case "Fn::Sub":
				str, vars := subParts(arg)
				for _, m := range subVar.FindAllStringSubmatch(str, -1) {
					if v := vars.get(m[1]); v != nil {
						walk(v, depth+1)
						continue
					}
					if v := t.bound[m[1]]; v != nil {
						follow(v, depth)
						continue
					}
					if v := t.outputOfVar(m[1]); v != nil {
						follow(v, depth)
						continue
					}
					add(resourceOf(m[1]))
				}
				if vars != nil {
					return
				}
				return
			}
		}
		switch n.kind {
		case mapNode:
			for _, v := range n.vals {
				walk(v, depth+1)
			}
		case seqNode:
			for _, v := range n.items {
				walk(v, depth+1)
			}
		}
	}
	walk(n, 0)
	return out
}

// ref returns the first resource a value refers to, or "".
func (t *template) ref(n *node) string {
	if rs := t.refs(n); len(rs) > 0 {
		return rs[0]
	}
	return ""
}

// subParts splits the argument of Fn::Sub into its string and its map of
// variables (nil when there is none).
func subParts(arg *node) (string, *node) {
	if s, ok := arg.text(); ok {
		return s, nil
	}
	if arg != nil && arg.kind == seqNode && len(arg.items) > 0 {
		s, _ := arg.items[0].text()
		var vars *node
		if len(arg.items) > 1 && arg.items[1].kind == mapNode {
			vars = arg.items[1]
		}
		return s, vars
	}
	return "", nil
}

// resolve evaluates what can be known without deploying: references to
// parameters with defaults, Fn::FindInMap, Fn::Sub and Fn::Join over known
// values, Fn::Select. It returns a scalar or sequence, or nil when the value
// depends on the deployment (a resource's attribute, a condition).
func (t *template) resolve(n *node) *node {
	return t.resolveDepth(n, 0)
}

func (t *template) resolveDepth(n *node, depth int) *node {
	if n == nil || depth > 16 {
		return nil
	}
	name, arg := n.intrinsic()
	switch name {
	case "":
		if n.kind == mapNode {
			return nil
		}
		return n
	case "Ref":
		s, _ := arg.text()
		if v := t.bound[s]; v != nil {
			return t.resolveDepth(v, depth+1)
		}
		p := t.params[s]
		if p == nil {
			return nil
		}
		def := p.get("Default")
		if def == nil {
			return nil
		}
		if typ, _ := p.get("Type").text(); strings.HasPrefix(typ, "List<") || typ == "CommaDelimitedList" {
			if s, ok := def.text(); ok {
				seq := &node{kind: seqNode, pos: def.pos}
				for _, part := range strings.Split(s, ",") {
					seq.items = append(seq.items, &node{kind: scalarNode, str: strings.TrimSpace(part), pos: def.pos})
				}
				return seq
			}
		}
		return t.resolveDepth(def, depth+1)
	case "Fn::GetAtt":
		if res, attr, ok := getAttParts(arg); ok {
			if v := t.output(res, attr); v != nil {
				return t.resolveDepth(v, depth+1)
			}
		}
		return nil
	case "Fn::FindInMap":
		if arg.kind != seqNode || len(arg.items) < 3 || t.mappings == nil {
			return nil
		}
		cur := t.mappings
		for _, k := range arg.items[:3] {
			kn := t.resolveDepth(k, depth+1)
			ks, ok := kn.text()
			if !ok {
				return nil
			}
			cur = cur.get(ks)
			if cur == nil {
				return nil
			}
		}
		return t.resolveDepth(cur, depth+1)
	case "Fn::Sub":
		str, vars := subParts(arg)
		ok := true
		out := subVar.ReplaceAllStringFunc(str, func(m string) string {
			v := m[2 : len(m)-1]
			var val *node
			if vars != nil && vars.get(v) != nil {
				val = t.resolveDepth(vars.get(v), depth+1)
			} else if out := t.outputOfVar(v); out != nil {
				val = t.resolveDepth(out, depth+1)
			} else if t.params[v] != nil {
				val = t.resolveDepth(&node{kind: mapNode, keys: []string{"Ref"}, vals: []*node{{kind: scalarNode, str: v}}, keyPos: []pos{{}}}, depth+1)
			}
			s, isText := val.text()
			if !isText {
				ok = false
				return m
			}
			return s
		})
		if !ok {
			return nil
		}
		return &node{kind: scalarNode, str: out, pos: n.pos}
	case "Fn::Join":
		if arg.kind != seqNode || len(arg.items) != 2 {
			return nil
		}
		sep, _ := t.resolveDepth(arg.items[0], depth+1).text()
		list := t.resolveDepth(arg.items[1], depth+1)
		if list == nil || list.kind != seqNode {
			return nil
		}
		parts := make([]string, 0, len(list.items))
		for _, it := range list.items {
			s, ok := t.resolveDepth(it, depth+1).text()
			if !ok {
				return nil
			}
			parts = append(parts, s)
		}
		return &node{kind: scalarNode, str: strings.Join(parts, sep), pos: n.pos}
	case "Fn::Select":
		if arg.kind != seqNode || len(arg.items) != 2 {
			return nil
		}
		is, _ := t.resolveDepth(arg.items[0], depth+1).text()
		i, err := strconv.Atoi(is)
		list := t.resolveDepth(arg.items[1], depth+1)
		if err != nil || list == nil || list.kind != seqNode || i < 0 || i >= len(list.items) {
			return nil
		}
		return t.resolveDepth(list.items[i], depth+1)
	}
	return nil
}

// render gives a value as text the way a designer would write it: known
// values resolved, and references kept as ${Resource} or
// ${Resource.Attribute}, the Fn::Sub syntax that exports write back. It
// fails for values that depend on a condition.
func (t *template) render(n *node) (string, bool) {
	return t.renderDepth(n, 0)
}

func (t *template) renderDepth(n *node, depth int) (string, bool) {
	if n == nil || depth > 16 {
		return "", false
	}
	if r := t.resolve(n); r != nil {
		return r.text()
	}
	name, arg := n.intrinsic()
	switch name {
	case "Ref":
		s, ok := arg.text()
		if v := t.bound[s]; v != nil {
			return t.renderDepth(v, depth+1)
		}
		return "${" + s + "}", ok
	case "Fn::GetAtt":
		if res, attr, ok := getAttParts(arg); ok {
			if v := t.output(res, attr); v != nil {
				return t.renderDepth(v, depth+1)
			}
		}
		if arg.kind == seqNode && len(arg.items) == 2 {
			a, ok1 := arg.items[0].text()
			b, ok2 := arg.items[1].text()
			return "${" + a + "." + b + "}", ok1 && ok2
		}
		return "", false
	case "Fn::Sub":
		str, vars := subParts(arg)
		ok := true
		out := subVar.ReplaceAllStringFunc(str, func(m string) string {
			v := m[2 : len(m)-1]
			if vars != nil && vars.get(v) != nil {
				s, good := t.renderDepth(vars.get(v), depth+1)
				ok = ok && good
				return s
			}
			if follow := t.bound[v]; follow != nil {
				s, good := t.renderDepth(follow, depth+1)
				ok = ok && good
				return s
			}
			if out := t.outputOfVar(v); out != nil {
				s, good := t.renderDepth(out, depth+1)
				ok = ok && good
				return s
			}
			if t.params[v] != nil {
				if r := t.resolve(&node{kind: mapNode, keys: []string{"Ref"}, vals: []*node{{kind: scalarNode, str: v}}, keyPos: []pos{{}}}); r != nil {
					if s, isText := r.text(); isText {
						return s
					}
				}
			}
			return m
		})
		return out, ok
	case "Fn::Join":
		if arg.kind != seqNode || len(arg.items) != 2 || arg.items[1].kind != seqNode {
			return "", false
		}
		sep, _ := t.renderDepth(arg.items[0], depth+1)
		parts := make([]string, 0, len(arg.items[1].items))
		for _, it := range arg.items[1].items {
			s, ok := t.renderDepth(it, depth+1)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, sep), true
	case "Fn::ImportValue":
		s, ok := t.renderDepth(arg, depth+1)
		return "${ImportValue:" + s + "}", ok
	}
	return "", false
}

// dependsOnCondition reports whether a value is an Fn::If.
func dependsOnCondition(n *node) bool {
	name, _ := n.intrinsic()
	return name == "Fn::If"
}

// whenHolds returns the value an Fn::If gives when its condition holds,
// and the condition's name: conditions are kept, not evaluated, and a
// design shows the template as if they held, the way it shows resources
// with a Condition. It returns nil for AWS::NoValue.
func (t *template) whenHolds(n *node) (*node, string) {
	cond := ""
	for i := 0; i < 8 && dependsOnCondition(n); i++ {
		_, arg := n.intrinsic()
		if arg.kind != seqNode || len(arg.items) != 3 {
			return nil, cond
		}
		if cond == "" {
			cond, _ = arg.items[0].text()
		}
		n = arg.items[1]
	}
	if name, arg := n.intrinsic(); name == "Ref" && arg.str == "AWS::NoValue" {
		return nil, cond
	}
	return n, cond
}
