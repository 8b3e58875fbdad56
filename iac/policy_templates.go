package iac

import (
	_ "embed"
	"encoding/json"
	"slices"
	"strings"
	"sync"

	"github.com/archlab/archlab/design"
)

// samPolicyTemplatesJSON is SAM's table of policy templates, turned into
// data (see data/README.md): for each, its parameters and the actions and
// resource patterns of its statements.
//
//go:embed data/sam-policy-templates.json
var samPolicyTemplatesJSON []byte

type samPolicyTemplate struct {
	Parameters []string `json:"parameters"`
	Statements []struct {
		Actions   []string `json:"actions"`
		Resources []string `json:"resources"`
	} `json:"statements"`
}

var samPolicyTemplates = sync.OnceValue(func() map[string]samPolicyTemplate {
	var doc struct {
		Templates map[string]samPolicyTemplate `json:"templates"`
	}
	if err := json.Unmarshal(samPolicyTemplatesJSON, &doc); err != nil {
		panic("iac: the embedded SAM policy templates do not parse: " + err.Error())
	}
	return doc.Templates
})

// policyTemplate expands a SAM policy template of a function's Policies to
// the actions it grants on each resource its parameters name: every
// statement whose resources use a parameter connects the function to what
// the parameter names, with that statement's actions. It reports whether
// the template is accounted for by connections; a template archlab does not
// know, or that names nothing of the template, stays in Policies.
func (b *builder) policyTemplate(fn, name string, params *node, at pos) bool {
	tmpl, ok := samPolicyTemplates()[name]
	if !ok {
		return false
	}
	connected := false
	for _, st := range tmpl.Statements {
		for _, param := range tmpl.Parameters {
			if !slices.ContainsFunc(st.Resources, func(r string) bool { return strings.Contains(r, "${"+param+"}") }) {
				continue
			}
			v := params.get(param)
			if v == nil {
				continue
			}
			ids := b.t.refs(v)
			if id := b.named(v); id != "" && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
			for _, id := range ids {
				if b.sdkConnection(fn, id, st.Actions, design.Evidence{Basis: design.BasisPolicyTemplate, Detail: name}, at) {
					connected = true
				}
			}
		}
	}
	return connected
}
