package iac

import (
	"fmt"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// mermaidGroups writes the design's groups as subgraphs, nested as they
// nest, each holding its blocks, and returns the blocks it placed; nil when
// the design has no groups. A Mermaid node lies in one subgraph, so a block
// in groups of several kinds (a team's context and a subnet) is drawn in
// the most specific: subnet, then VPC, Region, account, context.
func mermaidGroups(b *strings.Builder, d *design.Design, node func(design.Block)) map[string]bool {
	if len(d.Groups) == 0 {
		return nil
	}
	kinds := design.GroupKinds()
	home := map[string]string{} // block → the group it is drawn in
	rank := map[string]int{}
	for _, g := range d.Groups {
		r := slices.Index(kinds, g.Kind)
		for _, m := range g.Blocks {
			if prev, ok := home[m]; !ok || r > rank[prev] {
				home[m] = g.ID
				rank[g.ID] = r
			}
		}
		rank[g.ID] = r
	}
	index := map[string]int{}
	for i, g := range d.Groups {
		index[g.ID] = i
	}
	placed := map[string]bool{}
	var write func(i, depth int)
	write = func(i, depth int) {
		g := &d.Groups[i]
		pad := strings.Repeat("  ", depth+1)
		title := design.GroupKindLabel(g.Kind)
		if g.Name != "" {
			title += ": " + g.Name
		}
		fmt.Fprintf(b, "%ssubgraph grp%d[\"%s\"]\n", pad, i, mermaidText(title))
		for _, bl := range d.Blocks {
			if home[bl.ID] == g.ID {
				placed[bl.ID] = true
				node(bl)
			}
		}
		for j, c := range d.Groups {
			if c.Parent == g.ID && depth < len(d.Groups) {
				write(j, depth+1)
			}
		}
		fmt.Fprintf(b, "%send\n", pad)
	}
	for i, g := range d.Groups {
		if _, ok := index[g.Parent]; !ok {
			write(i, 0)
		}
	}
	// Each kind in the colours and lines of the diagram.
	for _, k := range kinds {
		var of []string
		for i, g := range d.Groups {
			if g.Kind == k {
				of = append(of, fmt.Sprintf("grp%d", i))
			}
		}
		if len(of) > 0 {
			fmt.Fprintf(b, "  classDef group%s %s\n  class %s group%s\n", k, mermaidGroupStyle[k], strings.Join(of, ","), k)
		}
	}
	return placed
}

// mermaidGroupStyle mirrors the diagram's group styles (static/css/app.css).
var mermaidGroupStyle = map[string]string{
	design.GroupContext: "fill:none,stroke:#6b7685,stroke-dasharray:6 4",
	design.GroupAccount: "fill:none,stroke:#c7136b",
	design.GroupRegion:  "fill:none,stroke:#00868a,stroke-dasharray:8 4",
	design.GroupVPC:     "fill:none,stroke:#7b3fe4",
	design.GroupSubnet:  "fill:none,stroke:#00868a",
}
