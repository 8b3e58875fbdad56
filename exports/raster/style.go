package raster

import (
	"maps"
	"strings"
)

// computed is an element's style after the cascade: custom properties and
// the properties the painter reads, with var() already substituted.
type computed struct {
	vars  map[string]string
	props map[string]string
}

// painted lists the properties the painter reads, and whether each is
// inherited. Presentation attributes of the same names count as
// declarations of the lowest specificity.
var painted = map[string]bool{
	"fill": true, "fill-opacity": true, "stroke": true, "stroke-width": true, "stroke-opacity": true,
	"stroke-dasharray": true, "stroke-dashoffset": true, "stroke-linecap": true, "stroke-linejoin": true,
	"stroke-miterlimit": true, "color": true, "font-size": true, "font-weight": true, "font-style": true,
	"text-anchor": true, "paint-order": true, "visibility": true,
	"marker-start": true, "marker-end": true,
	"opacity": false, "display": false, "transform": false, "background-color": false,
}

// presentation lists the attributes that are also properties; transform
// is handled as an attribute of its own.
func isPresentation(name string) bool {
	inherited, ok := painted[name]
	return ok && (inherited || name == "opacity" || name == "display")
}

var initialStyle = &computed{vars: map[string]string{}, props: map[string]string{
	"fill": "black", "stroke": "none", "color": "black", "font-size": "16px",
}}

// compute applies the cascade to e, whose parent's style is parent (the
// use element's, for a drawing's symbol).
func (ss *stylesheet) compute(e *element, parent *computed) *computed {
	if parent == nil {
		parent = initialStyle
	}
	var decls []declaration
	for name, value := range e.attrs {
		if isPresentation(name) {
			decls = append(decls, declaration{name, value})
		}
	}
	decls = append(decls, ss.matching(e)...)

	c := &computed{vars: parent.vars, props: make(map[string]string, len(parent.props)+4)}
	for name, value := range parent.props {
		if painted[name] {
			c.props[name] = value
		}
	}
	// Custom properties first: the others may use them.
	own := false
	for _, d := range decls {
		if strings.HasPrefix(d.name, "--") {
			if !own {
				c.vars, own = maps.Clone(parent.vars), true
			}
			c.vars[d.name] = d.value
		}
	}
	if own {
		for name, value := range c.vars {
			if strings.Contains(value, "var(") {
				if v, ok := substitute(value, c.vars, 0); ok {
					c.vars[name] = v
				} else {
					delete(c.vars, name)
				}
			}
		}
	}
	for _, d := range decls {
		inherited, known := painted[d.name]
		if !known {
			continue
		}
		value, ok := substitute(d.value, c.vars, 0)
		switch {
		case !ok || value == "unset":
			// A missing variable makes the declaration unset: inherited
			// properties inherit, the others take their initial value.
			if v, has := parent.props[d.name]; inherited && has {
				c.props[d.name] = v
			} else {
				delete(c.props, d.name)
			}
		case value == "inherit":
			if v, has := parent.props[d.name]; has {
				c.props[d.name] = v
			} else {
				delete(c.props, d.name)
			}
		case value == "initial":
			if v, has := initialStyle.props[d.name]; has {
				c.props[d.name] = v
			} else {
				delete(c.props, d.name)
			}
		default:
			c.props[d.name] = value
		}
	}
	return c
}

// substitute replaces var(--name, fallback) in a value. It fails when a
// variable is missing and has no fallback, or refers to itself.
func substitute(value string, vars map[string]string, depth int) (string, bool) {
	if depth > 16 {
		return "", false
	}
	for {
		i := strings.Index(value, "var(")
		if i < 0 {
			return value, true
		}
		end, level := -1, 0
		for j := i + 4; j < len(value); j++ {
			if value[j] == '(' {
				level++
			} else if value[j] == ')' {
				if level == 0 {
					end = j
					break
				}
				level--
			}
		}
		if end < 0 {
			return "", false
		}
		name, fallback, hasFallback := strings.Cut(value[i+4:end], ",")
		replacement, ok := vars[strings.TrimSpace(name)]
		if ok {
			replacement, ok = substitute(replacement, vars, depth+1)
		}
		if !ok && hasFallback {
			replacement, ok = substitute(strings.TrimSpace(fallback), vars, depth+1)
		}
		if !ok {
			return "", false
		}
		value = value[:i] + replacement + value[end+1:]
	}
}

func (c *computed) get(name string) string { return c.props[name] }
