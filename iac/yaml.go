package iac

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Limits on what the importer reads. Real templates are far below them
// (CloudFormation itself takes at most 1 MB); they exist so that a hostile
// file cannot make one import take unbounded time or memory.
const (
	// MaxTemplateSize is the largest input read, in bytes.
	MaxTemplateSize = 10 << 20
	// maxNodes bounds the values of a template once aliases are expanded,
	// which is what defeats "billion laughs" alias bombs.
	maxNodes = 1_000_000
	// maxAliases bounds the aliases of one template.
	maxAliases = 10_000
	// maxDepth bounds nesting; state machine definitions, the deepest part of
	// real templates, stay within a few dozen levels.
	maxDepth = 128
)

// nodeKind is the shape of a template value.
type nodeKind uint8

const (
	nullNode nodeKind = iota
	scalarNode
	mapNode
	seqNode
)

// scalarType is what a scalar resolved to.
type scalarType uint8

const (
	typeStr scalarType = iota
	typeInt
	typeFloat
	typeBool
)

// node is one value of a template with where it was written. YAML and JSON
// both parse into it; short intrinsic tags (!Ref, !GetAtt, ...) become their
// long forms ({"Ref": ...}, {"Fn::GetAtt": [...]}), so the rest of the
// importer sees one shape.
type node struct {
	kind   nodeKind
	typ    scalarType
	str    string // the scalar's text
	keys   []string
	vals   []*node
	keyPos []pos // where each key was written
	items  []*node
	pos    pos
}

// pos is a line and column, both from 1, in one of the files an import
// reads: file indexes Imported.Files, 0 for the template itself.
type pos struct{ line, col, file int }

// get returns the value of a key of a mapping, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// keyPosOf returns where a key of a mapping was written.
func (n *node) keyPosOf(key string) pos {
	if n == nil || n.kind != mapNode {
		return pos{}
	}
	for i, k := range n.keys {
		if k == key {
			return n.keyPos[i]
		}
	}
	return n.pos
}

// posOr returns where a node was written, or def for a node that is not
// there (a resource without Properties).
func (n *node) posOr(def pos) pos {
	if n == nil {
		return def
	}
	return n.pos
}

// path follows keys through nested mappings.
func (n *node) path(keys ...string) *node {
	for _, k := range keys {
		n = n.get(k)
		if n == nil {
			return nil
		}
	}
	return n
}

// visit calls fn on n and, depth first, on every value inside it for which
// fn returned true of its parent, until fn returns false of every branch or
// stop reports true. Nesting is bounded by maxDepth, as parsing is.
func (n *node) visit(fn func(n *node) (descend bool), stop func() bool) {
	var walk func(n *node, depth int)
	walk = func(n *node, depth int) {
		if n == nil || depth > maxDepth || stop() || !fn(n) {
			return
		}
		for _, v := range n.vals {
			walk(v, depth+1)
		}
		for _, v := range n.items {
			walk(v, depth+1)
		}
	}
	walk(n, 0)
}

// text returns a scalar's text, and false for anything else.
func (n *node) text() (string, bool) {
	if n == nil || n.kind != scalarNode {
		return "", false
	}
	return n.str, true
}

// isIntrinsic reports whether n is an intrinsic function (a mapping of one
// key that is "Ref", "Condition" or starts with "Fn::") and returns its name.
func (n *node) intrinsic() (string, *node) {
	if n == nil || n.kind != mapNode || len(n.keys) != 1 {
		return "", nil
	}
	k := n.keys[0]
	if k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::") {
		return k, n.vals[0]
	}
	return "", nil
}

// value turns a node into the JSON value types designs hold: float64,
// string, bool, nil, []any and map[string]any. Intrinsics stay in their long
// form.
func (n *node) value() any {
	if n == nil {
		return nil
	}
	switch n.kind {
	case scalarNode:
		switch n.typ {
		case typeInt, typeFloat:
			if f, err := strconv.ParseFloat(strings.ReplaceAll(n.str, "_", ""), 64); err == nil {
				return f
			}
			if i, err := strconv.ParseInt(strings.ReplaceAll(n.str, "_", ""), 0, 64); err == nil {
				return float64(i)
			}
			return n.str
		case typeBool:
			return n.str == "true" || n.str == "True" || n.str == "TRUE"
		}
		return n.str
	case mapNode:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = n.vals[i].value()
		}
		return m
	case seqNode:
		s := make([]any, len(n.items))
		for i, it := range n.items {
			s[i] = it.value()
		}
		return s
	}
	return nil
}

// parse reads a template written in YAML or JSON. Its errors are
// *SyntaxError.
func parse(data []byte) (*node, error) { return parseFile(data, 0) }

// parseOwn reads a template archlab itself wrote from a design, which the
// design's own limits bound (design.Limits, design.MaxValueBytes): it holds
// no aliases, and a design at those limits may be written larger than
// MaxTemplateSize, which is there for files from outside.
func parseOwn(data []byte) (*node, error) {
	if len(data) <= MaxTemplateSize {
		return parse(data)
	}
	n, err := parseYAMLWithin(data, 0, math.MaxInt)
	if err != nil {
		return nil, syntaxError(err)
	}
	return n, nil
}

// parseFile is parse for one of the files of an import, whose index the
// positions carry.
func parseFile(data []byte, file int) (*node, error) {
	if len(data) > MaxTemplateSize {
		return nil, &SyntaxError{Message: fmt.Sprintf("the template is %s bytes; archlab reads templates of at most %s bytes", groupDigits(len(data)), groupDigits(MaxTemplateSize))}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		// A NUL byte means a binary file, and nothing could store it.
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		col := 1 + i - (bytes.LastIndexByte(data[:i], '\n') + 1)
		return nil, &SyntaxError{Line: line, Column: col, Message: fmt.Sprintf("line %d, column %d: the template holds a NUL byte; a template is text (YAML or JSON)", line, col)}
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(bytes.TrimSpace(trimmed)) == 0 {
		return nil, &SyntaxError{Message: "the template is empty"}
	}
	var n *node
	var err error
	if trimmed[0] == '{' {
		n, err = parseJSONFile(data, file)
	} else {
		n, err = parseYAML(data, file)
	}
	if err != nil {
		return nil, syntaxError(err)
	}
	return n, nil
}

func parseYAML(data []byte, file int) (*node, error) { return parseYAMLWithin(data, file, maxNodes) }

// parseYAMLWithin is parseYAML reading at most nodes values.
func parseYAMLWithin(data []byte, file, nodes int) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, errors.New("the template is empty")
	}
	root := doc.Content[0]
	c := &yamlConverter{file: file, memo: map[*yaml.Node]*node{}, size: map[*yaml.Node]int{}, nodes: nodes}
	if n := c.expandedSize(root, 0); n > nodes {
		return nil, fmt.Errorf("the template expands to more than %s values (through aliases or sheer size); archlab reads at most that many", groupDigits(nodes))
	}
	if c.err != nil {
		return nil, c.err
	}
	return c.convert(root, 0)
}

// yamlError turns the YAML library's errors into "line N: what".
func yamlError(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return fmt.Errorf("malformed YAML: %s", strings.Join(te.Errors, "; "))
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	return fmt.Errorf("malformed YAML: %s", msg)
}

type yamlConverter struct {
	file    int // the file's index, for positions
	nodes   int // the most values read (maxNodes)
	memo    map[*yaml.Node]*node
	size    map[*yaml.Node]int
	aliases int
	err     error
}

// at is where a YAML node was written.
func (c *yamlConverter) at(y *yaml.Node) pos { return pos{line: y.Line, col: y.Column, file: c.file} }

// expandedSize counts the values of a YAML tree with every alias expanded,
// memoised so that counting a bomb is cheap. It stops early at the limits.
func (c *yamlConverter) expandedSize(n *yaml.Node, depth int) int {
	if c.err != nil {
		return 0
	}
	if depth > maxDepth {
		c.err = fmt.Errorf("line %d: values are nested more than %d levels deep", n.Line, maxDepth)
		return 0
	}
	// Only anchored values can be reached twice; only they are memoised.
	if n.Anchor != "" {
		if s, ok := c.size[n]; ok {
			return s
		}
		c.size[n] = c.nodes + 1 // a cycle through an alias counts as too large
	}
	total := 1
	switch n.Kind {
	case yaml.AliasNode:
		c.aliases++
		if c.aliases > maxAliases {
			c.err = fmt.Errorf("line %d: the template uses more than %s aliases", n.Line, groupDigits(maxAliases))
			return 0
		}
		if n.Alias != nil {
			total = c.expandedSize(n.Alias, depth)
		}
	default:
		for _, ch := range n.Content {
			total += c.expandedSize(ch, depth+1)
			if total > c.nodes {
				break
			}
		}
	}
	if n.Anchor != "" {
		c.size[n] = total
	}
	return total
}

// intrinsicTags maps the short form tags to their long names.
var intrinsicTags = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition",
	"!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join", "!If": "Fn::If",
	"!Select": "Fn::Select", "!Split": "Fn::Split", "!FindInMap": "Fn::FindInMap",
	"!ImportValue": "Fn::ImportValue", "!Base64": "Fn::Base64", "!Equals": "Fn::Equals",
	"!Not": "Fn::Not", "!And": "Fn::And", "!Or": "Fn::Or", "!GetAZs": "Fn::GetAZs",
	"!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform", "!Length": "Fn::Length",
	"!ToJsonString": "Fn::ToJsonString", "!ForEach": "Fn::ForEach",
}

func (c *yamlConverter) convert(y *yaml.Node, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("line %d: values are nested more than %d levels deep", y.Line, maxDepth)
	}
	if y.Kind == yaml.AliasNode {
		if y.Alias == nil {
			return nil, fmt.Errorf("line %d: unknown alias", y.Line)
		}
		return c.convert(y.Alias, depth)
	}
	if y.Anchor != "" {
		if n, ok := c.memo[y]; ok {
			return n, nil
		}
	}
	p := c.at(y)
	tag := y.Tag
	if name, ok := intrinsicTags[tag]; ok || (strings.HasPrefix(tag, "!") && !strings.HasPrefix(tag, "!!")) {
		if !ok {
			name = "Fn::" + strings.TrimPrefix(tag, "!")
		}
		inner, err := c.untagged(y, depth)
		if err != nil {
			return nil, err
		}
		if name == "Fn::GetAtt" && inner.kind == scalarNode {
			// !GetAtt Resource.Attribute: the attribute may hold dots itself.
			res, attr, _ := strings.Cut(inner.str, ".")
			inner = &node{kind: seqNode, pos: p, items: []*node{
				{kind: scalarNode, str: res, pos: p}, {kind: scalarNode, str: attr, pos: p}}}
		}
		n := &node{kind: mapNode, keys: []string{name}, vals: []*node{inner}, keyPos: []pos{p}, pos: p}
		if y.Anchor != "" {
			c.memo[y] = n
		}
		return n, nil
	}
	n, err := c.untagged(y, depth)
	if err != nil {
		return nil, err
	}
	if y.Anchor != "" {
		c.memo[y] = n
	}
	return n, nil
}

// untagged converts a node ignoring any custom tag on it.
func (c *yamlConverter) untagged(y *yaml.Node, depth int) (*node, error) {
	p := c.at(y)
	switch y.Kind {
	case yaml.ScalarNode:
		n := &node{kind: scalarNode, str: y.Value, pos: p}
		switch y.ShortTag() {
		case "!!null":
			n.kind = nullNode
		case "!!int":
			n.typ = typeInt
		case "!!float":
			n.typ = typeFloat
		case "!!bool":
			n.typ = typeBool
		}
		return n, nil
	case yaml.SequenceNode:
		n := &node{kind: seqNode, pos: p, items: make([]*node, 0, len(y.Content))}
		for _, ch := range y.Content {
			it, err := c.convert(ch, depth+1)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, it)
		}
		return n, nil
	case yaml.MappingNode:
		n := &node{kind: mapNode, pos: p}
		seen := make(map[string]int, len(y.Content)/2)
		var merges []*yaml.Node
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				merges = append(merges, v)
				continue
			}
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: a mapping key must be a plain value", k.Line)
			}
			if first, dup := seen[k.Value]; dup {
				return nil, fmt.Errorf("line %d: key %q appears twice in this mapping (first on line %d)", k.Line, k.Value, first)
			}
			seen[k.Value] = k.Line
			val, err := c.convert(v, depth+1)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, k.Value)
			n.vals = append(n.vals, val)
			n.keyPos = append(n.keyPos, c.at(k))
		}
		// YAML merge keys (<<: *base): keys of the mapping win.
		for _, m := range merges {
			srcs := []*yaml.Node{m}
			if m.Kind == yaml.SequenceNode {
				srcs = m.Content
			}
			for _, s := range srcs {
				src, err := c.convert(s, depth+1)
				if err != nil {
					return nil, err
				}
				if src.kind != mapNode {
					return nil, fmt.Errorf("line %d: a merge key needs a mapping", s.Line)
				}
				for i, k := range src.keys {
					if _, dup := seen[k]; dup {
						continue
					}
					seen[k] = src.keyPos[i].line
					n.keys = append(n.keys, k)
					n.vals = append(n.vals, src.vals[i])
					n.keyPos = append(n.keyPos, src.keyPos[i])
				}
			}
		}
		return n, nil
	case yaml.AliasNode:
		return c.convert(y, depth)
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return &node{kind: nullNode, pos: p}, nil
		}
		return c.convert(y.Content[0], depth)
	}
	return &node{kind: nullNode, pos: p}, nil
}

// groupDigits prints 10485760 as 10,485,760.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
