package iac

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// pruneRefs removes from a template what still names resources the edits
// removed, which CloudFormation would refuse: DependsOn entries, outputs,
// and each property whose value is a Ref, GetAtt or Sub of one. It returns
// what it removed, for people.
func pruneRefs(root *yaml.Node, gone []string) []string {
	if len(gone) == 0 {
		return nil
	}
	var out []string
	names := func(n *yaml.Node) string {
		for _, id := range gone {
			if refersTo(canonical(n), id) {
				return id
			}
		}
		return ""
	}
	if res := ymapGet(root, "Resources"); plainMap(res) {
		for i := 0; i+1 < len(res.Content); i += 2 {
			id, r := res.Content[i].Value, res.Content[i+1]
			if !plainMap(r) {
				continue
			}
			switch dep := ymapGet(r, "DependsOn"); {
			case dep == nil:
			case dep.Kind == yaml.ScalarNode && slices.Contains(gone, dep.Value):
				ymapDel(r, "DependsOn")
				out = append(out, id+" no longer depends on "+dep.Value+", which was removed")
			case plainSeq(dep):
				dep.Content = slices.DeleteFunc(dep.Content, func(n *yaml.Node) bool {
					if slices.Contains(gone, n.Value) {
						out = append(out, id+" no longer depends on "+n.Value+", which was removed")
						return true
					}
					return false
				})
				if len(dep.Content) == 0 {
					ymapDel(r, "DependsOn")
				}
			}
			if props := ymapGet(r, "Properties"); props != nil {
				pruneNode(props, id+".Properties", names, &out)
			}
		}
	}
	if outputs := ymapGet(root, "Outputs"); plainMap(outputs) {
		for i := 0; i+1 < len(outputs.Content); {
			name := outputs.Content[i].Value
			if id := names(outputs.Content[i+1]); id != "" {
				outputs.Content = slices.Delete(outputs.Content, i, i+2)
				out = append(out, "the output "+name+" was removed with "+id)
				continue
			}
			i += 2
		}
		if len(outputs.Content) == 0 {
			ymapDel(root, "Outputs")
		}
	}
	return out
}

// pruneNode removes the entries and items of n whose value is an
// intrinsic function naming a removed resource.
func pruneNode(n *yaml.Node, at string, names func(*yaml.Node) string, out *[]string) {
	switch {
	case plainMap(n):
		for i := 0; i+1 < len(n.Content); {
			k, v := n.Content[i].Value, n.Content[i+1]
			if !plainMap(v) && !plainSeq(v) {
				if id := names(v); id != "" {
					n.Content = slices.Delete(n.Content, i, i+2)
					*out = append(*out, at+"."+k+" was removed: it named "+id+", which was removed")
					continue
				}
			} else {
				pruneNode(v, at+"."+k, names, out)
			}
			i += 2
		}
	case plainSeq(n):
		n.Content = slices.DeleteFunc(n.Content, func(v *yaml.Node) bool {
			if !plainMap(v) && !plainSeq(v) {
				if id := names(v); id != "" {
					*out = append(*out, "an item of "+at+" was removed: it named "+id+", which was removed")
					return true
				}
				return false
			}
			pruneNode(v, at, names, out)
			return false
		})
	}
}

// refersTo reports whether a template value (in canonical form) names a
// resource by Ref, GetAtt or in a Sub.
func refersTo(v any, id string) bool {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 1 {
			if r, ok := v["Ref"].(string); ok {
				return r == id
			}
			if g, ok := v["Fn::GetAtt"].([]any); ok && len(g) > 0 {
				return g[0] == id
			}
			if s, ok := v["Fn::Sub"]; ok {
				text, vars := s, map[string]any(nil)
				if l, ok := s.([]any); ok && len(l) > 0 {
					text = l[0]
					if len(l) > 1 {
						vars, _ = l[1].(map[string]any)
						if refersTo(l[1], id) {
							return true
						}
					}
				}
				if t, ok := text.(string); ok {
					for _, m := range subVar.FindAllStringSubmatch(t, -1) {
						name, _, _ := strings.Cut(m[1], ".")
						if _, local := vars[name]; name == id && !local {
							return true
						}
					}
				}
				return false
			}
		}
		for _, x := range v {
			if refersTo(x, id) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if refersTo(x, id) {
				return true
			}
		}
	}
	return false
}
