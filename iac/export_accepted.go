package iac

import (
	"fmt"
	"slices"
	"strings"

	"github.com/archlab/archlab/design"
)

// acceptedOut is what an export writes of a design's accepted list into
// one Metadata section, a resource's or the template's, in the shapes the
// importer reads (suppressions.go): archlab's ignore list, and cfn-lint's
// own ignore_checks for cfn-lint ids without a reason, so that cfn-lint
// honours them too.
type acceptedOut struct {
	ignore       []any // Metadata.archlab.ignore: rule ids, or mappings
	ignoreChecks []any // Metadata.cfn-lint.config.ignore_checks
}

// acceptedMetadata places the entries of a design's accepted list: an
// entry about one subject that is a resource of the export goes on that
// resource (resources maps its logical id to it), any other on the
// template. isResource reports whether a block or connection id is the
// logical id of a resource of the export; rename gives the id a subject
// will have when the export is imported again (a connection's id is made
// from its ends), or the id itself.
func acceptedMetadata(list []design.Accepted, isResource func(id string) bool, rename func(id string) string) (resources map[string]*acceptedOut, template *acceptedOut) {
	resources, template = map[string]*acceptedOut{}, &acceptedOut{}
	for _, a := range list {
		if len(a.Subjects) == 1 && isResource(a.Subjects[0]) {
			id := a.Subjects[0]
			if resources[id] == nil {
				resources[id] = &acceptedOut{}
			}
			resources[id].add(a, nil)
			continue
		}
		subjects := make([]string, len(a.Subjects))
		for i, s := range a.Subjects {
			subjects[i] = rename(s)
		}
		template.add(a, subjects)
	}
	return resources, template
}

// add writes one entry; subjects are given on the template's level only.
func (o *acceptedOut) add(a design.Accepted, subjects []string) {
	if id, isCfnLint := strings.CutPrefix(a.Rule, "cfn-lint:"); isCfnLint && a.Reason == "" && len(subjects) == 0 {
		o.ignoreChecks = append(o.ignoreChecks, id)
		return
	}
	if a.Reason == "" && len(subjects) == 0 && a.By == "" && a.At == "" && a.Until == "" && a.Fingerprint == "" {
		o.ignore = append(o.ignore, a.Rule)
		return
	}
	e := newMap()
	e.set("rule", a.Rule)
	if len(subjects) > 0 {
		e.set("subjects", subjects)
	}
	// Who accepted it, when, until when and the finding as it was: lint
	// honours the entry as the designer does (design.Accepted.Holds).
	for _, f := range [][2]string{{"reason", a.Reason}, {"by", a.By}, {"at", a.At}, {"until", a.Until}, {"fingerprint", a.Fingerprint}} {
		if f[1] != "" {
			e.set(f[0], f[1])
		}
	}
	o.ignore = append(o.ignore, e)
}

// writeTo sets the entries in a Metadata mapping, beside what it holds.
func (o *acceptedOut) writeTo(metadata *omap) {
	if o == nil {
		return
	}
	if len(o.ignore) > 0 {
		metadata.child(metadataKey).set(ignoreKey, o.ignore)
	}
	if len(o.ignoreChecks) > 0 {
		metadata.child("cfn-lint").child("config").set("ignore_checks", o.ignoreChecks)
	}
}

// empty reports whether there is nothing to write.
func (o *acceptedOut) empty() bool {
	return o == nil || len(o.ignore) == 0 && len(o.ignoreChecks) == 0
}

// acceptedMetadata places the design's accepted list for this exporter.
func (x *exporter) acceptedMetadata() (map[string]*acceptedOut, *acceptedOut) {
	isResource := func(id string) bool {
		r := x.out[id]
		return r != nil && r.id == id && x.resources.has(id)
	}
	rename := func(id string) string {
		if to, ok := x.renames[id]; ok {
			return to
		}
		return id
	}
	return acceptedMetadata(x.d.Accepted, isResource, rename)
}

// renameAcceptedConnections renders the template again when accepted
// entries on the template's level name connections whose ids the import
// of out gives other ids (a connection's id is made from its ends), so
// that they name the same connections when the export is imported.
func (x *exporter) renameAcceptedConnections(out []byte) ([]byte, error) {
	conns := make(map[string]bool, len(x.d.Connections))
	for _, c := range x.d.Connections {
		conns[c.ID] = true
	}
	named := false
	for _, a := range x.d.Accepted {
		named = named || slices.ContainsFunc(a.Subjects, func(s string) bool { return conns[s] })
	}
	if !named {
		return out, nil
	}
	imp, err := importOwn(out, x.d.Title, x.cat)
	if err != nil {
		return nil, fmt.Errorf("iac: export: reading the export back: %w", err)
	}
	ids := make(map[[3]string]string, len(imp.Design.Connections))
	for _, g := range imp.Design.Connections {
		ids[[3]string{g.From, g.To, g.Integration}] = g.ID
	}
	x.renames = map[string]string{}
	for _, c := range x.d.Connections {
		if id, ok := ids[[3]string{c.From, c.To, c.Integration}]; ok && id != c.ID {
			x.renames[c.ID] = id
		}
	}
	if len(x.renames) == 0 {
		return out, nil
	}
	return x.render()
}
