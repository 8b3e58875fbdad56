package iac

import (
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A template kept with a design is changed by patches: what the design's
// edits change in the template archlab would write for it, applied to the
// template as its authors wrote it. The patches are worked out between two
// exports made the same way (of the design as imported, and as edited), so
// that only the edits show; they are applied to the template's own YAML
// nodes, which keep its comments, its key order and everything archlab
// does not model.

// patchKind says what a patch does.
type patchKind int

const (
	// patchSet sets the value at a path, making the mappings on the way.
	patchSet patchKind = iota
	// patchDel deletes the key a path ends in.
	patchDel
	// patchList removes some items of the list at a path and adds others.
	patchList
)

// tpatch is one change to a template.
type tpatch struct {
	kind patchKind
	path []string
	// old is the value the design as imported exports at path (nil when
	// the edit adds it); val the value the edited design exports.
	old, val *yaml.Node
	// gone and added are the items a list patch removes and adds: gone[i]
	// is replaced by added[i] in place where both exist.
	gone, added []*yaml.Node
}

// where names a patch's place for people: "Resources.Queue.Properties".
func (p tpatch) where() string { return strings.Join(p.path, ".") }

// diffTrees lists the patches that turn template a into template b. Both
// are written by the exporter, so the same content has the same form; the
// archlab metadata is left out, as it is worked out afresh for the result.
func diffTrees(a, b *yaml.Node) []tpatch {
	var out []tpatch
	diffNodes(nil, a, b, &out)
	return out
}

func diffNodes(path []string, a, b *yaml.Node, out *[]tpatch) {
	if isArchlabMeta(path) || sameNode(a, b) {
		return
	}
	switch {
	case plainMap(a) && plainMap(b):
		for i := 0; i+1 < len(a.Content); i += 2 {
			k, v := a.Content[i].Value, a.Content[i+1]
			p := append(slices.Clone(path), k)
			switch {
			case ymapGet(b, k) != nil || isArchlabMeta(p):
			case containers[k] && plainMap(v):
				// A section the export no longer needs may hold the
				// template's own entries: only the export's go.
				diffNodes(p, v, &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}, out)
			default:
				*out = append(*out, tpatch{kind: patchDel, path: p, old: v})
			}
		}
		for i := 0; i+1 < len(b.Content); i += 2 {
			k, v := b.Content[i].Value, b.Content[i+1]
			p := append(slices.Clone(path), k)
			if old := ymapGet(a, k); old != nil {
				diffNodes(p, old, v, out)
			} else if containers[k] && plainMap(v) {
				// A section the template may have already (Events the
				// export did not write, Metadata) gets the entries one by
				// one; Metadata for archlab's sake alone adds nothing.
				diffNodes(p, &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}, v, out)
			} else if !isArchlabMeta(p) {
				*out = append(*out, tpatch{kind: patchSet, path: p, val: v})
			}
		}
	case plainSeq(a) && plainSeq(b):
		gone, added := seqDiff(a.Content, b.Content)
		*out = append(*out, tpatch{kind: patchList, path: slices.Clone(path), old: a, val: b, gone: gone, added: added})
	default:
		*out = append(*out, tpatch{kind: patchSet, path: slices.Clone(path), old: a, val: b})
	}
}

// seqDiff pairs the items of two lists by value and returns those only in
// a and those only in b, each in its list's order.
func seqDiff(a, b []*yaml.Node) (gone, added []*yaml.Node) {
	used := make([]bool, len(b))
	for _, x := range a {
		found := false
		for j, y := range b {
			if !used[j] && sameNode(x, y) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			gone = append(gone, x)
		}
	}
	for j, y := range b {
		if !used[j] {
			added = append(added, y)
		}
	}
	return gone, added
}

// containers are the keys whose mappings hold entries that stand on their
// own (parameters, resources, events, properties): the template may hold
// more of them than the export, so they are made and emptied entry by
// entry, never whole.
var containers = map[string]bool{"Parameters": true, "Resources": true, "Outputs": true, "Conditions": true,
	"Metadata": true, "Properties": true, "Events": true, metadataKey: true}

// isArchlabMeta reports whether a path lies in archlab's own metadata, of
// the template or of a resource, which the export works out afresh; the
// findings the team accepts there (ignore) are the team's, and are
// patched like any other part of the template.
func isArchlabMeta(path []string) bool {
	switch {
	case len(path) >= 3 && path[0] == "Metadata" && path[1] == metadataKey:
		return path[2] != ignoreKey
	case len(path) >= 5 && path[0] == "Resources" && path[2] == "Metadata" && path[3] == metadataKey:
		return path[4] != ignoreKey
	}
	return false
}

// applyOpts says what a template's patches may touch.
type applyOpts struct {
	// sameShape reports whether the template's resource id is written the
	// way the exporter writes it (the same Type), so that any of its
	// properties may be patched; when not, only the properties in
	// blockProp are.
	sameShape func(id string) bool
	// blockProp reports whether a top-level property is one of the block's
	// own, named as in CloudFormation.
	blockProp func(id, prop string) bool
	// isBlock reports whether a logical id is a block of the edited
	// design: its resource stays even when the export writes it only for
	// a connection the edits removed (an API destination of a rule).
	isBlock func(id string) bool
}

// applyPatches applies patches to a template's root mapping and returns
// the places it could not change (a resource the template does not hold,
// a value that is not a mapping where one is needed, a mapping the export
// has that the template writes elsewhere). was is the export the patches
// start from: a mapping it has on the way to a patch must be in the
// template too, or the template says that part its own way (an event
// named otherwise) and a patch would make a stray half of it.
func applyPatches(root, was *yaml.Node, patches []tpatch, o applyOpts) []string {
	var failed []string
	for _, p := range patches {
		if !applyPatch(root, was, p, o) {
			failed = append(failed, p.where())
		}
	}
	return failed
}

func applyPatch(root, was *yaml.Node, p tpatch, o applyOpts) bool {
	if len(p.path) == 0 {
		return false
	}
	// Under a resource the template holds, and only where it is written
	// as the exporter writes it; a whole resource is added or deleted.
	if p.path[0] == "Resources" && len(p.path) > 2 {
		id := p.path[1]
		if ymapGet(ymapGet(root, "Resources"), id) == nil {
			return false
		}
		// A resource's Metadata is its own whatever its type; its
		// properties are written alike only for the same type.
		if !o.sameShape(id) && p.path[2] != "Metadata" && (len(p.path) < 4 || p.path[2] != "Properties" || !o.blockProp(id, p.path[3])) {
			return false
		}
	}
	parentPath, key := p.path[:len(p.path)-1], p.path[len(p.path)-1]
	switch p.kind {
	case patchDel:
		if len(p.path) == 2 && p.path[0] == "Resources" && o.isBlock(key) {
			return true // removed blocks take their resources in exportSource
		}
		if len(p.path) == 2 && p.path[0] == "Parameters" {
			return true // a parameter may still be used by what archlab does not model; unused, it does no harm
		}
		// Nothing to delete when the template does not have it; if it
		// says the same elsewhere, importing the result shows it and the
		// metadata records it removed.
		ymapDel(ywalk(root, parentPath, false), key)
		return true
	case patchSet:
		parent := ywalkAlong(root, was, parentPath)
		if parent == nil {
			return false
		}
		ymapSet(parent, key, ycopy(p.val))
		return true
	case patchList:
		parent := ywalkAlong(root, was, parentPath)
		if parent == nil {
			return false
		}
		cur := ymapGet(parent, key)
		if cur == nil {
			if len(p.added) > 0 {
				ymapSet(parent, key, ycopy(p.val))
			}
			return true
		}
		if !plainSeq(cur) {
			switch {
			case len(p.added) == 0:
				return true // nothing to add; what it named goes with pruneRefs
			case key == "Policies":
				// SAM takes one policy or a list of them.
				ymapSet(parent, key, &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: append([]*yaml.Node{cur}, ycopyAll(p.added)...)})
				return true
			}
			return false
		}
		ok := true
		var add []*yaml.Node
		for i, g := range p.gone {
			at := slices.IndexFunc(cur.Content, func(n *yaml.Node) bool { return sameValue(n, g) })
			switch {
			case at < 0:
				// The template writes it otherwise: what it names goes
				// with pruneRefs, or the metadata says it.
				if i < len(p.added) {
					add = append(add, p.added[i])
				}
			case i < len(p.added):
				cur.Content[at] = ycopy(p.added[i])
			default:
				cur.Content = slices.Delete(cur.Content, at, at+1)
			}
		}
		if len(p.added) > len(p.gone) {
			add = append(add, p.added[len(p.gone):]...)
		}
		for _, a := range add {
			cur.Content = append(cur.Content, ycopy(a))
		}
		return ok
	}
	return false
}

// ywalk follows keys from a mapping, making missing mappings when create
// is set; it returns nil where the path meets something that is not a plain
// mapping (a list, a value, an intrinsic function, an alias).
func ywalk(n *yaml.Node, path []string, create bool) *yaml.Node {
	cur := n
	for _, k := range path {
		if !plainMap(cur) {
			return nil
		}
		next := ymapGet(cur, k)
		if next == nil {
			if !create {
				return nil
			}
			next = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			ymapSet(cur, k, next)
		}
		cur = next
	}
	if !plainMap(cur) {
		return nil
	}
	return cur
}

// ywalkAlong follows keys from a template's mapping, making the mappings
// that the export it was diffed from lacks too, and failing (nil) where
// the export has one that the template lacks.
func ywalkAlong(n, was *yaml.Node, path []string) *yaml.Node {
	cur, ref := n, was
	for _, k := range path {
		if !plainMap(cur) {
			return nil
		}
		ref = ymapGet(ref, k)
		next := ymapGet(cur, k)
		if next != nil && next.Kind == yaml.ScalarNode && next.ShortTag() == "!!null" && containers[k] {
			next = nil // "Events:" with nothing after it holds no events
			ymapDel(cur, k)
		}
		if next == nil {
			// A resource may leave out its Properties, a function its
			// Events; other mappings the export has and the template lacks
			// are said otherwise (an event under another name).
			if ref != nil && !containers[k] {
				return nil
			}
			next = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			ymapSet(cur, k, next)
		}
		cur = next
	}
	if !plainMap(cur) {
		return nil
	}
	return cur
}

// plainMap reports whether n is a mapping that is no intrinsic function.
func plainMap(n *yaml.Node) bool {
	if n == nil || n.Kind != yaml.MappingNode || customTag(n) {
		return false
	}
	if len(n.Content) == 2 {
		k := n.Content[0].Value
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return false
		}
	}
	return true
}

// plainSeq reports whether n is a list that is no intrinsic's argument.
func plainSeq(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.SequenceNode && !customTag(n)
}

// customTag reports whether n carries a tag of its own (!Ref, !Sub).
func customTag(n *yaml.Node) bool {
	return strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!")
}

// ymapGet returns the value of a key of a mapping, or nil.
func ymapGet(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// ymapSet sets a key of a mapping, in place when it is there and last
// otherwise. The value keeps the comment of the one it replaces.
func ymapSet(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			old := m.Content[i+1]
			if v.LineComment == "" {
				v.LineComment = old.LineComment
			}
			if v.Kind == yaml.ScalarNode && old.Kind == yaml.ScalarNode {
				// In the old one's place, and written as it was where
				// that says the same (a quoted string stays quoted).
				v.Line, v.Column = old.Line, old.Column
				if v.ShortTag() == old.ShortTag() && !customTag(v) && !customTag(old) {
					v.Style = old.Style
				}
			}
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

// ymapDel deletes a key of a mapping.
func ymapDel(m *yaml.Node, key string) {
	if m == nil {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = slices.Delete(m.Content, i, i+2)
			return
		}
	}
}

func ycopyAll(ns []*yaml.Node) []*yaml.Node {
	out := make([]*yaml.Node, len(ns))
	for i, n := range ns {
		out[i] = ycopy(n)
	}
	return out
}

// ycopy copies a node deeply, so that a patch's value is never shared
// between two places of a template.
func ycopy(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, ch := range n.Content {
		c.Content[i] = ycopy(ch)
	}
	return &c
}

// sameNode compares two values the exporter wrote, which write the same
// content the same way: node by node, without reading them as templates.
func sameNode(a, b *yaml.Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || a.Value != b.Value || a.ShortTag() != b.ShortTag() || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameNode(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// sameValue compares two template values as CloudFormation reads them:
// short and long forms of an intrinsic function are the same, as are 30
// and "30".
func sameValue(a, b *yaml.Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	return reflect.DeepEqual(canonical(a), canonical(b))
}

// canonical turns a YAML node into plain values: intrinsic functions in
// their long form, scalars as their text. A node the importer's reader
// refuses (too deep, a bad alias) is its own, unequal value.
func canonical(y *yaml.Node) any {
	c := &yamlConverter{memo: map[*yaml.Node]*node{}, size: map[*yaml.Node]int{}, nodes: maxNodes}
	if c.expandedSize(y, 0) > maxNodes {
		return y
	}
	n, err := c.convert(y, 0)
	if err != nil {
		return y
	}
	return canonicalNode(n)
}

func canonicalNode(n *node) any {
	switch n.kind {
	case scalarNode:
		return n.str
	case mapNode:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = canonicalNode(n.vals[i])
		}
		return m
	case seqNode:
		s := make([]any, len(n.items))
		for i, it := range n.items {
			s[i] = canonicalNode(it)
		}
		return s
	}
	return nil
}
