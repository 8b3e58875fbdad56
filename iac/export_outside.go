package iac

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// A block outside the design has no resource in the export: someone else
// owns it. Wherever the template must name it (a dead-letter queue given by
// ARN, a capacity provider of another stack), the export writes the
// reference the design keeps for it: the ARN as written, the !ImportValue,
// or a parameter. A reference that cannot stand in a template (a !GetAtt of
// a resource the design does not hold, a free-text note) becomes a
// parameter named <block id>Arn, for whoever deploys it to fill in; the
// importer maps that parameter back to the block.

// outsideType marks the stand-in of a block outside the design among the
// exporter's resources; it is never rendered.
const outsideType = "(outside the design)"

// outsideParam is the parameter an export asks for a block outside the
// design whose reference cannot be written as it is.
func outsideParam(id string) string { return id + "Arn" }

// outside is the value that names an outside block in the template, and
// the parameter it is when it is one.
func (x *exporter) outside(b *design.Block) (v any, param string) {
	written := strings.TrimSpace(b.External.Ref)
	name, isRef := strings.CutPrefix(written, "!Ref ")
	switch {
	case strings.HasPrefix(written, "arn:"):
		return written, ""
	case strings.HasPrefix(written, "!ImportValue "):
		return intrinsic{"!ImportValue", strings.TrimPrefix(written, "!ImportValue ")}, ""
	case isRef && !strings.ContainsAny(name, " .") && x.byID[name] == nil:
		param = name
	default:
		param = outsideParam(b.ID)
	}
	x.param(param, b)
	return ref(param), param
}

// param declares a template parameter for an outside block.
func (x *exporter) param(name string, b *design.Block) {
	if x.params == nil {
		x.params = newMap()
	}
	if x.params.has(name) {
		return
	}
	p := newMap()
	p.set("Type", "String")
	what := x.cat.KindName(b.Kind)
	if b.Kind == design.KindExternal {
		what = design.ServiceName(b.External.Service)
	}
	desc := "ARN of " + b.Label() + " (" + what + "), outside this design"
	if b.External.Ref != "" && !strings.HasPrefix(b.External.Ref, "!Ref ") {
		desc += "; archlab's design names it " + b.External.Ref
	}
	p.set("Description", clip(desc, 4000))
	x.params.set(name, p)
}

// resolveOutside replaces, anywhere in an exported value, the references to
// blocks outside the design (!Ref X, !GetAtt X.Attr, ${X} in a !Sub) with
// what names them.
func (x *exporter) resolveOutside(v any) any {
	switch v := v.(type) {
	case *omap:
		for _, k := range v.keys {
			v.vals[k] = x.resolveOutside(v.vals[k])
		}
		return v
	case []any:
		for i := range v {
			v[i] = x.resolveOutside(v[i])
		}
		return v
	case intrinsic:
		switch arg := v.arg.(type) {
		case string:
			switch v.tag {
			case "!Ref", "!GetAtt":
				id, _, _ := strings.Cut(arg, ".")
				if b := x.byID[id]; b != nil && b.External != nil {
					v, _ := x.outside(b)
					return v
				}
			case "!Sub":
				return intrinsic{v.tag, x.subOutside(arg)}
			}
		}
	}
	return v
}

// subOutside rewrites ${X} and ${X.Attr} of outside blocks in a !Sub string.
func (x *exporter) subOutside(s string) string {
	return subVar.ReplaceAllStringFunc(s, func(m string) string {
		id, _, _ := strings.Cut(m[2:len(m)-1], ".")
		b := x.byID[id]
		if b == nil || b.External == nil {
			return m
		}
		v, param := x.outside(b)
		if s, ok := v.(string); ok {
			return s
		}
		if param == "" { // an import has no place in a !Sub string
			param = outsideParam(b.ID)
			x.param(param, b)
		}
		return "${" + param + "}"
	})
}

// cloneOut copies an exported value, so that resolving outside references
// for one rendering leaves the exporter's resources as they were.
func cloneOut(v any) any {
	switch v := v.(type) {
	case *omap:
		c := &omap{keys: append([]string(nil), v.keys...), vals: make(map[string]any, len(v.vals))}
		for k, e := range v.vals {
			c.vals[k] = cloneOut(e)
		}
		return c
	case []any:
		c := make([]any, len(v))
		for i, e := range v {
			c[i] = cloneOut(e)
		}
		return c
	}
	return v
}
