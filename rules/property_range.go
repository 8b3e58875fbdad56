package rules

import (
	"math"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// propertyRange checks every property of every block and connection against
// the catalogue's range or values: AWS refuses anything outside them. It is
// generated from the catalogue, so a new property is checked the day it is
// added.
type propertyRange struct{}

func newPropertyRange() Rule { return propertyRange{} }

func (propertyRange) Meta() Meta {
	return Meta{
		ID:          "property-range",
		Title:       "Property outside the range AWS accepts",
		Severity:    Error,
		Scope:       "block and connection properties",
		Equivalents: []string{"cfn-lint:E3034", "cfn-lint:E3030"},
	}
}

func (propertyRange) Check(c *Context, report *Report) {
	report.Add(propertyProblemsOf(c).ranges...)
}

// propertyProblems are the findings of property-range and
// property-letter-case, found in one walk of every property of the design.
type propertyProblems struct{ ranges, cases []Finding }

// propertyProblemsOf walks the properties once per check for both rules.
func propertyProblemsOf(c *Context) propertyProblems {
	return memo(c, "property-problems", func() propertyProblems {
		var pp propertyProblems
		add := func(props design.Props, schema propSchema, where, id string, conn bool) {
			var bad []*design.Prop
			var cased []string
			var spelled map[string]any
			for name, v := range props {
				p := schema.prop(name)
				if p == nil || unknownUntilDeployed(p, v) {
					continue
				}
				if ok, _ := p.Allowed(v); ok {
					continue
				}
				if listed, ok := listedSpelling(p, v); ok {
					if spelled == nil {
						spelled = map[string]any{}
					}
					cased, spelled[name] = append(cased, name), listed
					continue
				}
				bad = append(bad, p)
			}
			if f, ok := rangeFindingOf(props, bad, where, id, conn); ok {
				pp.ranges = append(pp.ranges, f)
			}
			if f, ok := letterCaseFindingOf(props, cased, spelled, where, id, conn); ok {
				pp.cases = append(pp.cases, f)
			}
		}
		for i := range c.Design.Blocks {
			b := &c.Design.Blocks[i]
			if k := c.kind(b); k != nil && len(b.Props) > 0 {
				add(b.Props, blockSchema(c, b, k), c.Label(b), b.ID, false)
			}
		}
		for i := range c.Design.Connections {
			cn := &c.Design.Connections[i]
			if len(cn.Props) == 0 {
				continue
			}
			if in := c.Integration(cn); in != nil {
				add(cn.Props, propSchema{in: in}, "connection "+cn.ID, cn.ID, true)
			}
		}
		return pp
	})
}

// propSchema finds the properties a block's or a connection's values are
// checked against: the catalogue's, except where AWS allows more for this
// block (a longer Timeout on Lambda Managed Instances) or where another rule
// reports the value (a function's Runtime: lambda-runtime-blocked and
// lambda-runtime-deprecated, which know the runtimes' dates). It is a value,
// so that checking a block allocates nothing.
type propSchema struct {
	kind *design.Kind
	in   *design.Integration
	// managed marks a function on Lambda Managed Instances.
	managed bool
}

func blockSchema(c *Context, b *design.Block, k *design.Kind) propSchema {
	return propSchema{kind: k, managed: k.ID == "lambda" && onManagedInstances(c, b)}
}

// prop returns the property name is checked against, or nil.
func (s propSchema) prop(name string) *design.Prop {
	if s.in != nil {
		return s.in.Prop(name)
	}
	p := s.kind.Prop(name)
	if p == nil || s.kind.ID != "lambda" {
		return p
	}
	switch name {
	case "Runtime":
		return nil
	case "Timeout":
		if s.managed && p.Range != nil {
			wide := *p
			wide.Range = &design.Range{Min: p.Range.Min, Max: design.FactValue("lambda.managed-instances-max-timeout")}
			return &wide
		}
	}
	return p
}

// onManagedInstances reports whether a function runs on Lambda Managed
// Instances: it names a capacity provider.
func onManagedInstances(c *Context, fn *design.Block) bool {
	return c.Prop(fn, "CapacityProviderConfig.Arn").Str() != ""
}

// timeoutHint says, after a function's Timeout out of range, that Lambda
// Managed Instances allow more, or that the block runs on them.
func timeoutHint(p *design.Prop, v any, conn bool) string {
	if p.Name != "Timeout" || conn || p.Range == nil {
		return ""
	}
	managedMax := design.FactValue("lambda.managed-instances-max-timeout")
	switch f, _ := v.(float64); {
	case p.Range.Max == managedMax:
		return " on Lambda Managed Instances"
	case p.Range.Max == design.FactValue("lambda.max-timeout") && f > p.Range.Max && f <= managedMax:
		return " (up to " + num(managedMax, "s") + " only on Lambda Managed Instances, for asynchronous and " +
			"event-source-mapping invocations)"
	}
	return ""
}

// unknownUntilDeployed reports a value that still holds a template
// placeholder (${Param}, as the importer keeps a parameter without a
// default): what it will be is known only when the stack is deployed, so
// it is never out of range. Names are the exception: Text checks the
// characters around the placeholder.
func unknownUntilDeployed(p *design.Prop, v any) bool {
	switch p.Type {
	case design.TypeEnum:
		s, _ := v.(string)
		return isPlaceholder(s)
	case design.TypeList:
		items, _ := v.([]any)
		for _, it := range items {
			if s, _ := it.(string); isPlaceholder(s) {
				return true
			}
		}
	}
	return false
}

// rangeFindingOf reports every property of one block or connection that
// is out of range (bad) in one finding, whose fix brings them all back in.
// A value that differs from an allowed one only in letter case is
// property-letter-case's, and not among them.
func rangeFindingOf(props design.Props, bad []*design.Prop, where, id string, conn bool) (Finding, bool) {
	if len(bad) == 0 {
		return Finding{}, false
	}
	slices.SortFunc(bad, func(a, b *design.Prop) int { return strings.Compare(a.Name, b.Name) })
	var problems []string
	patch := map[string]any{}
	for _, p := range bad {
		_, why := p.Allowed(props[p.Name])
		why += timeoutHint(p, props[p.Name], conn)
		problems = append(problems, why)
		if fixed, ok := nearestAllowed(p, props[p.Name]); ok {
			patch[p.Name] = fixed
		}
	}
	f := Finding{Subjects: []string{id}, Message: where + ": " + strings.Join(problems, "; ") + ". AWS refuses values outside these limits."}
	if len(patch) > 0 {
		if conn {
			f.Fix = ops(setConnProps(id, patch))
		} else {
			f.Fix = ops(setProps(id, patch))
		}
	}
	return f, true
}

// nearestAllowed returns the allowed value closest to v: a number clamped
// into range or the nearest of a fixed set, a name with its stray
// characters replaced and its length cut, an enum's default, a list
// without its unknown items.
func nearestAllowed(p *design.Prop, v any) (any, bool) {
	switch p.Type {
	case design.TypeInteger, design.TypeNumber:
		f, _ := v.(float64)
		if len(p.Numbers) > 0 {
			best := p.Numbers[0]
			for _, n := range p.Numbers {
				if math.Abs(n-f) < math.Abs(best-f) {
					best = n
				}
			}
			return best, true
		}
		if p.Range != nil {
			return math.Min(math.Max(f, p.Range.Min), p.Range.Max), true
		}
	case design.TypeString:
		if s, _ := v.(string); p.Text != nil {
			return p.Text.Nearest(s)
		}
	case design.TypeEnum:
		if p.Default != nil {
			return p.Default, true
		}
		return nil, true // unset: let AWS choose
	case design.TypeList:
		items, _ := v.([]any)
		var kept []any
		for _, it := range items {
			if s, ok := it.(string); ok && slices.Contains(p.Values, s) {
				kept = append(kept, s)
			}
		}
		if len(kept) == 0 {
			return nil, true
		}
		return kept, true
	}
	return nil, false
}
