package iac

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// writeJSON writes a template's YAML node as indented JSON, keeping the
// order of keys; YAML's short intrinsic functions (!Ref X, !GetAtt X.Arn),
// which a patch may bring into a JSON template, take their long form.
func writeJSON(buf *bytes.Buffer, n *yaml.Node, indent string) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		writeJSON(buf, n.Alias, indent)
		return
	}
	if customTag(n) {
		name, ok := intrinsicTags[n.Tag]
		if !ok {
			name = "Fn::" + strings.TrimPrefix(n.Tag, "!")
		}
		arg := *n
		arg.Tag = ""
		if name == "Fn::GetAtt" && n.Kind == yaml.ScalarNode {
			res, attr, _ := strings.Cut(n.Value, ".")
			arg = yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Tag: "!!str", Value: res}, {Kind: yaml.ScalarNode, Tag: "!!str", Value: attr}}}
		} else if arg.Kind == yaml.ScalarNode {
			arg.Tag = "!!str"
		}
		wrapped := yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, &arg}}
		writeJSON(buf, &wrapped, indent)
		return
	}
	if writtenOnOneLine(n) {
		writeJSONInline(buf, n)
		return
	}
	inner := indent + "  "
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			buf.WriteString("{}")
			return
		}
		buf.WriteString("{\n" + inner)
		for i := 0; i+1 < len(n.Content); i += 2 {
			writeJSONString(buf, n.Content[i].Value)
			buf.WriteString(": ")
			writeJSON(buf, n.Content[i+1], inner)
			if i+2 < len(n.Content) {
				// Entries written on one line stay on one line.
				if next := n.Content[i+2]; next.Line > 0 && next.Line == n.Content[i].Line && inline(n.Content[i+1]) && inline(n.Content[i+3]) {
					buf.WriteString(", ")
					continue
				}
				buf.WriteString(",\n" + inner)
			}
		}
		buf.WriteString("\n" + indent + "}")
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			buf.WriteString("[]")
			return
		}
		buf.WriteString("[\n")
		for i, it := range n.Content {
			buf.WriteString(inner)
			writeJSON(buf, it, inner)
			if i+1 < len(n.Content) {
				buf.WriteByte(',')
			}
			buf.WriteByte('\n')
		}
		buf.WriteString(indent + "]")
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			buf.WriteString("null")
		case "!!bool":
			buf.WriteString(strconv.FormatBool(strings.EqualFold(n.Value, "true")))
		case "!!int", "!!float":
			if json.Valid([]byte(n.Value)) {
				buf.WriteString(n.Value)
			} else {
				writeJSONString(buf, n.Value)
			}
		default:
			writeJSONString(buf, n.Value)
		}
	default:
		buf.WriteString("null")
	}
}

// writeJSONString writes a JSON string, leaving <, > and & as they are.
func writeJSONString(buf *bytes.Buffer, s string) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	buf.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// writtenOnOneLine reports whether a mapping or list of a JSON template was written
// on one line, to write it so again.
func writtenOnOneLine(n *yaml.Node) bool {
	if (n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode) || n.Line == 0 || customTag(n) {
		return false
	}
	var same func(*yaml.Node) bool
	same = func(m *yaml.Node) bool {
		if m.Line != n.Line || m.Kind == yaml.AliasNode || customTag(m) {
			return false
		}
		for _, c := range m.Content {
			if !same(c) {
				return false
			}
		}
		return true
	}
	return same(n)
}

// writeJSONInline writes a value on one line: { "a": 1 } and ["x", "y"].
func writeJSONInline(buf *bytes.Buffer, n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			buf.WriteString("{}")
			return
		}
		buf.WriteString("{ ")
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				buf.WriteString(", ")
			}
			writeJSONString(buf, n.Content[i].Value)
			buf.WriteString(": ")
			writeJSONInline(buf, n.Content[i+1])
		}
		buf.WriteString(" }")
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for i, it := range n.Content {
			if i > 0 {
				buf.WriteString(", ")
			}
			writeJSONInline(buf, it)
		}
		buf.WriteByte(']')
	default:
		writeJSON(buf, n, "")
	}
}

// inline reports whether a value is written on one line.
func inline(n *yaml.Node) bool {
	return (n.Kind == yaml.ScalarNode && !customTag(n)) || writtenOnOneLine(n)
}
