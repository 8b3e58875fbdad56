package iac

import (
	"strconv"
	"strings"
)

// The CloudFormation export works on the importer's template values
// (node): parsing gives one shape for YAML and JSON, intrinsics in their
// long form ({"Ref": X}, {"Fn::GetAtt": [X, Arn]}) and aliases expanded, so
// the translation and the reference checks see one way of writing each
// thing. These helpers build and edit such values.

// nstr is a string value.
func nstr(s string) *node { return &node{kind: scalarNode, str: s} }

// nint is an integer value.
func nint(i int) *node { return &node{kind: scalarNode, typ: typeInt, str: strconv.Itoa(i)} }

// nbool is a boolean value.
func nbool(b bool) *node { return &node{kind: scalarNode, typ: typeBool, str: strconv.FormatBool(b)} }

// nmap builds a mapping from key, value pairs; a nil value leaves its key
// out, so optional properties can be written inline.
func nmap(kv ...any) *node {
	m := &node{kind: mapNode}
	for i := 0; i+1 < len(kv); i += 2 {
		k := kv[i].(string)
		v := toNode(kv[i+1])
		if v == nil {
			continue
		}
		m.set(k, v)
	}
	return m
}

// nseq builds a list; nil items are left out.
func nseq(items ...any) *node {
	s := &node{kind: seqNode}
	for _, it := range items {
		if v := toNode(it); v != nil {
			s.items = append(s.items, v)
		}
	}
	return s
}

// toNode turns a string, an int, a bool or a node into a node.
func toNode(v any) *node {
	switch v := v.(type) {
	case *node:
		return v
	case string:
		return nstr(v)
	case int:
		return nint(v)
	case bool:
		return nbool(v)
	}
	return nil
}

func nref(id string) *node { return nmap("Ref", id) }

func ngetAtt(id, attr string) *node { return nmap("Fn::GetAtt", nseq(id, attr)) }

func nsub(s string) *node { return nmap("Fn::Sub", s) }

// nsubVars is Fn::Sub with a mapping of its own variables.
func nsubVars(s string, vars *node) *node { return nmap("Fn::Sub", nseq(s, vars)) }

// set sets a key of a mapping, keeping its place when it is there; a nil
// value (a property the source does not have) sets nothing.
func (n *node) set(k string, v *node) {
	if v == nil {
		return
	}
	for i, key := range n.keys {
		if key == k {
			n.vals[i] = v
			return
		}
	}
	n.keys = append(n.keys, k)
	n.vals = append(n.vals, v)
	n.keyPos = append(n.keyPos, pos{})
}

// del removes a key of a mapping.
func (n *node) del(k string) {
	if n == nil || n.kind != mapNode {
		return
	}
	for i, key := range n.keys {
		if key == k {
			n.keys = append(n.keys[:i:i], n.keys[i+1:]...)
			n.vals = append(n.vals[:i:i], n.vals[i+1:]...)
			n.keyPos = append(n.keyPos[:i:i], n.keyPos[i+1:]...)
			return
		}
	}
}

// clone copies a value deeply: aliases of the source share nodes, which the
// translation must not edit twice.
func (n *node) clone() *node {
	if n == nil {
		return nil
	}
	c := &node{kind: n.kind, typ: n.typ, str: n.str, pos: n.pos}
	if n.kind == mapNode {
		c.keys = append([]string(nil), n.keys...)
		c.keyPos = append([]pos(nil), n.keyPos...)
		c.vals = make([]*node, len(n.vals))
		for i, v := range n.vals {
			c.vals[i] = v.clone()
		}
	}
	if n.kind == seqNode {
		c.items = make([]*node, len(n.items))
		for i, v := range n.items {
			c.items[i] = v.clone()
		}
	}
	return c
}

// refTo returns the name a {"Ref": X} names.
func refTo(n *node) string {
	if name, arg := n.intrinsic(); name == "Ref" {
		s, _ := arg.text()
		return s
	}
	return ""
}

// isIntrinsic reports whether a value is an intrinsic function, whose
// value only CloudFormation knows.
func isIntrinsic(n *node) bool {
	name, _ := n.intrinsic()
	return name != ""
}

// textOr is a scalar's text, or def.
func textOr(n *node, def string) string {
	if s, ok := n.text(); ok {
		return s
	}
	return def
}

// truthy reports whether a value is true as CloudFormation reads it.
func truthy(n *node) bool {
	s, ok := n.text()
	return ok && strings.EqualFold(s, "true")
}

// alnum keeps the letters and digits of a name, as SAM does for the logical
// ids it derives from names (a stage "v1.0" gives "v10").
func alnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
