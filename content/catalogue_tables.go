package content

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// catalogueTables generates a kind's reference: its properties with their
// units, AWS defaults and allowed values, and the integrations it starts.
// They come from the same catalogue as the rules' range checks, so the
// articles never disagree with the checks.
func catalogueTables(cat *design.Catalogue, k *design.Kind) []*Node {
	props := table([]string{"Property", "Default", "Allowed", "What it does"})
	for _, p := range k.Props {
		name := &Node{Kind: KindCode, Text: p.Name}
		def := "—"
		if p.Default != nil {
			def = valueText(p.Default)
			if p.Unit != "" {
				def += " " + p.Unit
			}
		}
		allowed := p.RangeText()
		if allowed == "" {
			allowed = string(p.Type)
		}
		summary := p.Summary
		if p.Estimate {
			summary = "(Design estimate) " + strings.TrimPrefix(summary, "Estimate: ")
		}
		if a := p.AppliesWhen; a != nil && a.Set {
			summary += " Applies when " + a.Prop + " is set."
		} else if a != nil {
			summary += " Applies when " + a.Prop + " is " + valueText(a.Equals) + "."
		}
		props.Children = append(props.Children, row(false, []*Node{name}, textNodes(def), textNodes(allowed), textNodes(summary)))
	}
	out := []*Node{
		{Kind: KindParagraph, Children: textNodes("Properties of a " + k.Name + " in archlab, with AWS's defaults and limits (generated from the catalogue the rules check against):")},
		props,
	}
	links := table([]string{"To", "Integration", "Model", "Its properties"})
	for _, l := range cat.Links() {
		if l.From != k.ID {
			continue
		}
		for _, in := range l.Integrations {
			var names []string
			for _, p := range in.Props {
				names = append(names, p.Name)
			}
			links.Children = append(links.Children, row(false, textNodes(cat.Kind(l.To).Name), textNodes(in.Name), textNodes(in.Model.Title()), textNodes(strings.Join(names, ", "))))
		}
	}
	if len(links.Children) > 1 {
		out = append(out, &Node{Kind: KindParagraph, Children: textNodes("What a " + k.Name + " can feed, and how:")}, links)
	}
	return out
}

func table(headers []string) *Node {
	cells := make([][]*Node, len(headers))
	for i, h := range headers {
		cells[i] = textNodes(h)
	}
	return &Node{Kind: KindTable, Children: []*Node{row(true, cells...)}}
}

func row(header bool, cells ...[]*Node) *Node {
	r := &Node{Kind: KindRow, Header: header}
	for _, c := range cells {
		r.Children = append(r.Children, &Node{Kind: KindCell, Header: header, Children: c})
	}
	return r
}

func textNodes(s string) []*Node { return []*Node{{Kind: KindText, Text: s}} }

func valueText(v any) string {
	switch v := v.(type) {
	case float64:
		return design.FormatNumber(v)
	case string:
		return v
	case bool:
		if v {
			return "true"
		}
		return "false"
	case []any:
		parts := make([]string, len(v))
		for i, it := range v {
			parts[i] = valueText(it)
		}
		return strings.Join(parts, ", ")
	}
	return ""
}
