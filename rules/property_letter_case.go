package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/archlab/archlab/design"
)

// propertyLetterCase: a choice written in another letter case than the one
// AWS lists (State: Enabled for ENABLED, RecursiveLoop: TERMINATE for
// Terminate), as SAM's own examples do. CloudFormation's resource schemas
// list the values in one case and cfn-lint reports any other (E3030); SAM
// passes the value through unchanged. No AWS page says whether the service
// accepts the other case, so this is a warning, not property-range's error.
type propertyLetterCase struct{}

func newPropertyLetterCase() Rule { return propertyLetterCase{} }

func (propertyLetterCase) Meta() Meta {
	return Meta{
		ID:          "property-letter-case",
		Title:       "Value written in another letter case than AWS lists",
		Severity:    Warning,
		Scope:       "block and connection properties",
		Equivalents: []string{"cfn-lint:E3030"},
	}
}

func (propertyLetterCase) Check(c *Context, report *Report) {
	report.Add(propertyProblemsOf(c).cases...)
}

// listedSpelling returns v written as AWS lists it, when v is not listed
// as it is but is in another letter case.
func listedSpelling(p *design.Prop, v any) (any, bool) {
	if len(p.Values) == 0 {
		return nil, false
	}
	spell := func(s string) (string, bool, bool) { // the listed form, whether it changed, whether it is listed at all
		if slices.Contains(p.Values, s) {
			return s, false, true
		}
		for _, a := range p.Values {
			if strings.EqualFold(a, s) {
				return a, true, true
			}
		}
		return s, false, false
	}
	switch p.Type {
	case design.TypeEnum:
		s, _ := v.(string)
		if listed, changed, ok := spell(s); ok && changed {
			return listed, true
		}
	case design.TypeList:
		items, _ := v.([]any)
		var out []any // made once an item needs another spelling
		for i, it := range items {
			s, _ := it.(string)
			listed, changed, ok := spell(s)
			if !ok {
				return nil, false // an item AWS does not list at all: property-range's
			}
			if changed && out == nil {
				out = slices.Clone(items)
			}
			if out != nil {
				out[i] = listed
			}
		}
		if out != nil {
			return out, true
		}
	}
	return nil, false
}

// letterCaseFindingOf reports every property of one block or connection
// written in another case (names, with their listed spellings in patch) in
// one finding, whose fix writes them as listed.
func letterCaseFindingOf(props design.Props, names []string, patch map[string]any, where, id string, conn bool) (Finding, bool) {
	if len(names) == 0 {
		return Finding{}, false
	}
	slices.Sort(names)
	var parts []string
	for _, name := range names {
		parts = append(parts, name+" is "+caseText(props[name])+", which differs from "+caseText(patch[name])+" only in letter case")
	}
	f := Finding{Subjects: []string{id}, Message: where + ": " + strings.Join(parts, "; ") + ". CloudFormation's resource schemas list only AWS's spelling, and cfn-lint " +
		"reports any other (E3030), but no AWS documentation says whether the service itself refuses another letter case; " +
		"SAM passes the value through unchanged. Write it as listed to be sure."}
	if conn {
		f.Fix = ops(setConnProps(id, patch))
	} else {
		f.Fix = ops(setProps(id, patch))
	}
	return f, true
}

// caseText quotes a choice or a list of them.
func caseText(v any) string {
	if items, ok := v.([]any); ok {
		var qs []string
		for _, it := range items {
			s, _ := it.(string)
			qs = append(qs, strconv.Quote(s))
		}
		return "[" + strings.Join(qs, ", ") + "]"
	}
	s, _ := v.(string)
	return strconv.Quote(s)
}
