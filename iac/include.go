package iac

// AWS::Include inserts a file where it is written:
//
//	DefinitionBody:
//	  Fn::Transform:
//	    Name: AWS::Include
//	    Parameters:
//	      Location: api/openapi.yaml
//
// CloudFormation replaces the Fn::Transform with the file's content before
// it reads the rest (the AWS SAM transform included), and packaging
// uploads a local Location first. ImportFS does the same with the files of
// its folder, so an included OpenAPI document is read like an inline one.
// Includes inside an included file are not followed, which keeps reading
// bounded; the importer notes them as it does without a folder.

// expandIncludes returns a document with every AWS::Include of a local
// file replaced by the file's content: a mapping that holds only the
// Fn::Transform becomes the file, and one that holds other keys too takes
// the file's keys that it lacks. from is the document's file, which
// relative locations start from. It copies only what changes.
func (f *fileSet) expandIncludes(n *node, from int) *node {
	if f == nil {
		return n
	}
	return f.expand(n, from, 0)
}

func (f *fileSet) expand(n *node, from, depth int) *node {
	if n == nil || depth > maxDepth {
		return n
	}
	switch n.kind {
	case mapNode:
		var cp *node
		for i, v := range n.vals {
			nv := f.expand(v, from, depth+1)
			if nv != v {
				if cp == nil {
					cp = &node{kind: mapNode, pos: n.pos, keys: n.keys, keyPos: n.keyPos, vals: append([]*node(nil), n.vals...)}
				}
				cp.vals[i] = nv
			}
		}
		if cp != nil {
			n = cp
		}
		tr := n.get("Fn::Transform")
		if tr == nil {
			return n
		}
		doc := f.include(tr, from, n.keyPosOf("Fn::Transform"))
		if doc == nil {
			return n
		}
		if len(n.keys) == 1 {
			return doc
		}
		if doc.kind != mapNode {
			return n
		}
		merged := &node{kind: mapNode, pos: n.pos}
		for i, k := range n.keys {
			if k != "Fn::Transform" {
				merged.keys, merged.vals, merged.keyPos = append(merged.keys, k), append(merged.vals, n.vals[i]), append(merged.keyPos, n.keyPos[i])
			}
		}
		for i, k := range doc.keys {
			if merged.get(k) == nil {
				merged.keys, merged.vals, merged.keyPos = append(merged.keys, k), append(merged.vals, doc.vals[i]), append(merged.keyPos, doc.keyPos[i])
			}
		}
		return merged
	case seqNode:
		var cp *node
		for i, it := range n.items {
			if nv := f.expand(it, from, depth+1); nv != it {
				if cp == nil {
					cp = &node{kind: seqNode, pos: n.pos, items: append([]*node(nil), n.items...)}
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

// include reads the file of one Fn::Transform, when it is an AWS::Include
// of a local file; nil otherwise.
func (f *fileSet) include(tr *node, from int, at pos) *node {
	if name, _ := tr.get("Name").text(); name != "AWS::Include" {
		return nil
	}
	loc, ok := lookup(tr, "Parameters.Location").text()
	if !ok || !isLocalPath(loc) {
		return nil
	}
	doc, _ := f.document(loc, from, at, "", "AWS::Include's Location")
	return doc
}
