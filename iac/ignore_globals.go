package iac

// globalsFor returns the Globals section a resource takes, less what its
// IgnoreGlobals attribute leaves out: "*" for the whole section, or a list
// of property names. An image function keeps the .zip functions' Runtime,
// Handler and Layers off itself this way.
func globalsFor(section, ignore *node) *node {
	if ignore == nil || section == nil || section.kind != mapNode {
		return section
	}
	if s, ok := ignore.text(); ok {
		if s == "*" {
			return nil
		}
		ignore = &node{kind: seqNode, items: []*node{ignore}}
	}
	drop := map[string]bool{}
	for _, it := range ignore.itemsOrNil() {
		if s, ok := it.text(); ok {
			drop[s] = true
		}
	}
	if len(drop) == 0 {
		return section
	}
	out := &node{kind: mapNode, pos: section.pos}
	for i, k := range section.keys {
		if !drop[k] {
			out.keys = append(out.keys, k)
			out.vals = append(out.vals, section.vals[i])
			out.keyPos = append(out.keyPos, section.keyPos[i])
		}
	}
	return out
}
