package iac

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// omap is a mapping that keeps the order keys were set in, so that exported
// templates read in a sensible order (Type before Properties, Runtime
// before Timeout).
type omap struct {
	keys []string
	vals map[string]any
}

func newMap() *omap { return &omap{vals: map[string]any{}} }

func (m *omap) set(k string, v any) {
	if _, ok := m.vals[k]; !ok {
		m.keys = append(m.keys, k)
	}
	m.vals[k] = v
}

func (m *omap) get(k string) any { return m.vals[k] }

func (m *omap) has(k string) bool { _, ok := m.vals[k]; return ok }

func (m *omap) del(k string) {
	if _, ok := m.vals[k]; ok {
		delete(m.vals, k)
		m.keys = slices.DeleteFunc(m.keys, func(s string) bool { return s == k })
	}
}

// child returns the mapping under a key, making it when missing.
func (m *omap) child(k string) *omap {
	if c, ok := m.vals[k].(*omap); ok {
		return c
	}
	c := newMap()
	m.set(k, c)
	return c
}

// setPath sets a value under a dotted path, making the mappings (and, for
// numeric segments, the lists) on the way.
func (m *omap) setPath(path string, v any) {
	segs := strings.Split(path, ".")
	cur := m
	for i := 0; i < len(segs)-1; i++ {
		seg := segs[i]
		if idx, err := strconv.Atoi(segs[i+1]); err == nil && i+1 < len(segs)-1 {
			list, _ := cur.get(seg).([]any)
			for len(list) <= idx {
				list = append(list, newMap())
			}
			next, ok := list[idx].(*omap)
			if !ok {
				next = newMap()
				list[idx] = next
			}
			cur.set(seg, list)
			cur = next
			i++
			continue
		}
		cur = cur.child(seg)
	}
	cur.set(segs[len(segs)-1], v)
}

// intrinsic is a short-form intrinsic function: !Ref X, !GetAtt X.Arn,
// !Sub "...".
type intrinsic struct {
	tag string
	arg any
}

func ref(id string) intrinsic          { return intrinsic{"!Ref", id} }
func getAtt(id, attr string) intrinsic { return intrinsic{"!GetAtt", id + "." + attr} }
func sub(s string) intrinsic           { return intrinsic{"!Sub", s} }

// yaml11Bools are the words YAML 1.1 reads as booleans; CloudFormation
// would turn an unquoted "OFF" into false.
var yaml11Bools = map[string]bool{"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true, "true": true, "false": true}

// Past flowDepth levels of the document, or in a list of more than
// flowItems plain values, a value is written in flow style ({a: [1, 2]}):
// block style indents every line by its depth, so a value nested 32 levels
// deep, as a design may hold, would be written thirty times its size, past
// what archlab reads back. Real templates nest their values a dozen levels
// at most, and keep long lists short, so they keep block style.
const (
	flowDepth = 16
	flowItems = 64
)

// toYAML turns an exported value into a YAML node.
func toYAML(v any) *yaml.Node { return toYAMLAt(v, 0) }

// toYAMLAt is toYAML for a value depth levels into the document.
func toYAMLAt(v any, depth int) *yaml.Node {
	n := yamlNode(v, depth)
	switch {
	case n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode:
	case depth >= flowDepth:
		n.Style |= yaml.FlowStyle
	case n.Kind == yaml.SequenceNode && len(n.Content) > flowItems && allScalars(n.Content):
		n.Style |= yaml.FlowStyle
	}
	return n
}

func allScalars(ns []*yaml.Node) bool {
	for _, n := range ns {
		if n.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

func yamlNode(v any, depth int) *yaml.Node {
	switch v := v.(type) {
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case *omap:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, k := range v.keys {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, toYAMLAt(v.vals[k], depth+1))
		}
		return n
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, toYAMLAt(v[k], depth+1))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, it := range v {
			n.Content = append(n.Content, toYAMLAt(it, depth+1))
		}
		return n
	case []string:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, it := range v {
			n.Content = append(n.Content, toYAMLAt(it, depth+1))
		}
		return n
	case string:
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
		switch {
		case strings.Contains(v, "\n"):
			n.Style = yaml.LiteralStyle
		case yaml11Bools[strings.ToLower(v)]:
			// CloudFormation reads YAML 1.1, where these are booleans.
			n.Style = yaml.DoubleQuotedStyle
		}
		return n
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(int64(v), 10)}
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(v, 'g', -1, 64)}
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
	case intrinsic:
		if inner, ok := v.arg.(intrinsic); ok {
			// YAML gives a node one tag: !ImportValue !Sub "..." is
			// written Fn::ImportValue: !Sub "...".
			long := "Fn::" + strings.TrimPrefix(v.tag, "!")
			if v.tag == "!Ref" {
				long = "Ref"
			}
			return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: long}, toYAMLAt(inner, depth+1)}}
		}
		n := toYAMLAt(v.arg, depth)
		n.Tag = v.tag
		if n.Kind == yaml.SequenceNode && (v.tag == "!Select" || v.tag == "!Split") {
			n.Style = yaml.FlowStyle // !Select [5, !Split [":", !Ref QueueArn]] reads as one value
		}
		if n.Kind == yaml.ScalarNode {
			n.Style = 0
			if strings.ContainsAny(n.Value, ":{}[],&*#?|<>=!%@`\"'\n") || n.Value == "" {
				n.Style = yaml.DoubleQuotedStyle
			}
		}
		return n
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: ""}
}

// encodeYAML writes a document.
func encodeYAML(root *omap) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(toYAML(root)); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
