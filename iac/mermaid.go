package iac

import (
	"fmt"
	"strings"

	"github.com/archlab/archlab/design"
)

// Mermaid exports a design as a Mermaid flowchart, left to right like the
// diagram. Each edge is labelled with its integration and invocation model,
// and drawn in the model's style: solid for synchronous calls and direct
// integrations, dotted for asynchronous events, subscriptions, polling and
// failure paths, thick for SDK calls from code. Blocks are grouped by
// category, or, when the design has groups, drawn in their groups
// (subgraphs, nested as the groups are).
func Mermaid(d *design.Design) string {
	cat := design.Builtin()
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	if d.Title != "" {
		fmt.Fprintf(&b, "  %%%% %s\n", oneLine(d.Title))
	}
	ids := make(map[string]string, len(d.Blocks))
	for i, bl := range d.Blocks {
		ids[bl.ID] = fmt.Sprintf("b%d", i)
	}
	byCategory := map[string][]design.Block{}
	var other []design.Block
	for _, bl := range d.Blocks {
		if k := cat.Kind(bl.Kind); k != nil {
			byCategory[k.Category] = append(byCategory[k.Category], bl)
		} else {
			other = append(other, bl)
		}
	}
	var outside []string
	node := func(bl design.Block) {
		kind := bl.Kind
		if k := cat.Kind(bl.Kind); k != nil {
			kind = k.Name
		}
		if bl.Kind == design.KindExternal && bl.External != nil && bl.External.Service != "" {
			kind = design.ServiceName(bl.External.Service)
		}
		label := mermaidText(bl.Label())
		if bl.Name != "" && bl.Name != bl.ID {
			label += "<br/><small>" + mermaidText(bl.ID) + "</small>"
		}
		kindText := "<i>" + mermaidText(kind) + "</i>"
		if bl.External != nil {
			// Outside the design: dashed (classDef below) and said in words.
			kindText += "<br/><small>outside this design</small>"
			outside = append(outside, ids[bl.ID])
		}
		fmt.Fprintf(&b, "    %s%s\"%s<br/>%s\"%s\n", ids[bl.ID], shapeOpen(bl.Kind), label, kindText, shapeClose(bl.Kind))
	}
	placed := mermaidGroups(&b, d, node)
	for i, c := range design.Categories {
		blocks := byCategory[c]
		if placed != nil {
			// A design with groups is drawn in its groups, not by category.
			for _, bl := range blocks {
				if !placed[bl.ID] {
					node(bl)
				}
			}
			continue
		}
		if len(blocks) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  subgraph g%d[\"%s\"]\n", i, mermaidText(c))
		for _, bl := range blocks {
			node(bl)
		}
		b.WriteString("  end\n")
	}
	for _, bl := range other {
		node(bl)
	}
	if len(outside) > 0 {
		b.WriteString("  classDef outside stroke-dasharray:6 4\n")
		fmt.Fprintf(&b, "  class %s outside\n", strings.Join(outside, ","))
	}
	// Inferred edges (only permissions or the environment suggest them)
	// say so and are drawn faint.
	var inferred []string
	edge := 0
	for _, c := range d.Connections {
		from, to := d.Block(c.From), d.Block(c.To)
		if from == nil || to == nil {
			continue
		}
		model, name := design.Model(""), c.Integration
		if in := cat.Integration(from.Kind, to.Kind, c.Integration); in != nil {
			model, name = in.Model, in.Name
		}
		label := mermaidText(name)
		if model != "" {
			label += " · " + string(model)
		}
		if c.Inferred() {
			label = "inferred: " + label
			inferred = append(inferred, fmt.Sprint(edge))
		}
		fmt.Fprintf(&b, "  %s %s|\"%s\"| %s\n", ids[c.From], arrow(model), label, ids[c.To])
		edge++
	}
	if len(inferred) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s stroke-opacity:0.45\n", strings.Join(inferred, ","))
	}
	return b.String()
}

// arrow draws a model in Mermaid's edge styles.
func arrow(m design.Model) string {
	switch m {
	case design.ModelSync, design.ModelDirect:
		return "-->"
	case design.ModelSDK:
		return "==>"
	case "":
		return "---"
	}
	return "-.->" // async, subscription, poll, failure
}

// shapeOpen and shapeClose give clients and outside endpoints a rounded
// shape, stores a cylinder, queues and streams a parallelogram.
func shapeOpen(kind string) string {
	switch kind {
	case "client", "http-endpoint":
		return "(["
	case "dynamodb", "s3", "rds", "dax":
		return "[("
	case "sqs", "kinesis", "firehose":
		return "[/"
	}
	return "["
}

func shapeClose(kind string) string {
	switch kind {
	case "client", "http-endpoint":
		return "])"
	case "dynamodb", "s3", "rds", "dax":
		return ")]"
	case "sqs", "kinesis", "firehose":
		return "/]"
	}
	return "]"
}

// mermaidText escapes text for a quoted Mermaid label.
func mermaidText(s string) string {
	r := strings.NewReplacer("\"", "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ", "|", "#124;")
	return r.Replace(s)
}

func oneLine(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "\r", "") }
