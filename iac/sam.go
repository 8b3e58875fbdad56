package iac

// samGlobals maps the resource types that take SAM Globals to their
// section of Globals.
var samGlobals = map[string]string{
	"AWS::Serverless::Function":     "Function",
	"AWS::Serverless::Api":          "Api",
	"AWS::Serverless::HttpApi":      "HttpApi",
	"AWS::Serverless::SimpleTable":  "SimpleTable",
	"AWS::Serverless::StateMachine": "StateMachine",
	"AWS::Serverless::LayerVersion": "LayerVersion",
	"AWS::Serverless::WebSocketApi": "WebSocketApi",
}

// applyGlobals merges SAM's Globals into each resource's properties, the
// way SAM does: a resource's own values win, mappings merge key by key, and
// lists add the global entries before the resource's own.
func (b *builder) applyGlobals() {
	b.globals = applyGlobals(b.t.root, b.t.resources)
}

// applyGlobals merges a template's Globals into its resources and returns
// the sections of Globals by name.
func applyGlobals(root *node, resources []*resource) map[string]*node {
	globals := map[string]*node{}
	g := root.get("Globals")
	if g == nil || g.kind != mapNode {
		return globals
	}
	for section, n := range g.entries() {
		globals[section] = n
	}
	for _, r := range resources {
		section, ok := samGlobals[r.typ]
		if !ok || globals[section] == nil {
			continue
		}
		r.props = mergeGlobals(globalsFor(globals[section], r.def.get("IgnoreGlobals")), r.props)
	}
	return globals
}

// globalsOf returns the Globals of the template a scope stands for: the
// template's own for "", a nested stack's for the prefix of its ids.
func (b *builder) globalsOf(scope string) map[string]*node {
	if scope == "" {
		return b.globals
	}
	return b.scopeGlobals[scope]
}

// mergeGlobals returns local with global's values where it has none.
func mergeGlobals(global, local *node) *node {
	if local == nil {
		return global
	}
	if global == nil {
		return local
	}
	gName, _ := global.intrinsic()
	lName, _ := local.intrinsic()
	switch {
	case global.kind == mapNode && local.kind == mapNode && gName == "" && lName == "":
		out := &node{kind: mapNode, pos: local.pos}
		for i, k := range global.keys {
			v := global.vals[i]
			if lv := local.get(k); lv != nil {
				v = mergeGlobals(v, lv)
			}
			out.keys = append(out.keys, k)
			out.vals = append(out.vals, v)
			out.keyPos = append(out.keyPos, local.keyPosOrGlobal(k, global.keyPos[i]))
		}
		for i, k := range local.keys {
			if global.get(k) == nil {
				out.keys = append(out.keys, k)
				out.vals = append(out.vals, local.vals[i])
				out.keyPos = append(out.keyPos, local.keyPos[i])
			}
		}
		return out
	case global.kind == seqNode && local.kind == seqNode:
		out := &node{kind: seqNode, pos: local.pos}
		out.items = append(append(out.items, global.items...), local.items...)
		return out
	}
	return local
}

func (n *node) keyPosOrGlobal(k string, def pos) pos {
	for i, key := range n.keys {
		if key == k {
			return n.keyPos[i]
		}
	}
	return def
}

// implicitAPI returns the block of the API SAM creates for functions' Api
// or HttpApi events that name none: ServerlessRestApi or ServerlessHttpApi,
// with the Globals of its section. scope is the prefix of the ids of the
// nested stack the function is in, whose implicit API is its own.
func (b *builder) implicitAPI(scope, eventType string, at pos) *blk {
	id, kind, section := scope+"ServerlessRestApi", "apigateway-rest", "Api"
	if eventType == "HttpApi" {
		id, kind, section = scope+"ServerlessHttpApi", "apigateway-http", "HttpApi"
	}
	if bk := b.block(id); bk != nil {
		return bk
	}
	bk := b.addBlock(id, kind, nil, at)
	if bk == nil {
		return nil
	}
	bk.name = "Implicit REST API"
	typ := "AWS::Serverless::Api"
	if section == "HttpApi" {
		bk.name, typ = "Implicit HTTP API", "AWS::Serverless::HttpApi"
	}
	if g := b.globalsOf(scope)[section]; g != nil {
		readProps(bk.set, g, b.cat.Kind(kind).Props, propPaths[typ])
		b.apiAuth(bk, g, typ)
	}
	return bk
}
