package iac

import (
	"encoding/json"
	"errors"
	"slices"

	"github.com/archlab/archlab/design"
)

// metadataKey is the key under Metadata (of the template and of resources)
// where an export keeps what CloudFormation cannot say: display names,
// design-time estimates, blocks with no resource (clients, outside
// endpoints), and the few settings no template property holds. The importer
// reads it back, so that an exported design imports whole.
const metadataKey = "archlab"

// exportMeta is the template-level archlab metadata.
type exportMeta struct {
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	// Blocks have no resource: clients, outside endpoints, the default bus.
	Blocks []metaBlock `json:"blocks,omitempty"`
	// Connections are added, or replace the properties of the connection
	// the template implies, when the template cannot say them.
	Connections []metaConn `json:"connections,omitempty"`
	// Unwired lists connections the template implies that the design does
	// not have.
	Unwired []metaConn `json:"unwired,omitempty"`
	// Groups are the design's groups (contexts, accounts, Regions, VPCs,
	// subnets): a template has no place for the boxes of a drawing.
	Groups []design.Group `json:"groups,omitempty"`
	// Traffic and Assumptions are the design's estimates for the capacity
	// model (see metadata_traffic.go).
	Traffic     map[string]design.Traffic     `json:"traffic,omitempty"`
	Assumptions map[string]design.Assumptions `json:"assumptions,omitempty"`
}

type metaBlock struct {
	ID       string           `json:"id"`
	Kind     string           `json:"kind"`
	Name     string           `json:"name,omitempty"`
	Props    design.Props     `json:"props,omitempty"`
	External *design.External `json:"external,omitempty"`
}

type metaConn struct {
	From        string       `json:"from"`
	To          string       `json:"to"`
	Integration string       `json:"integration"`
	Props       design.Props `json:"props,omitempty"`
	// Evidence keeps a drawn SDK call declared: the template can only
	// grant it, and a grant alone is evidence, not a declaration.
	Evidence []design.Evidence `json:"evidence,omitempty"`
}

// resourceMeta is the archlab metadata of one resource.
type resourceMeta struct {
	Name string `json:"name,omitempty"`
	// Props are set on the block, replacing what the template says.
	Props design.Props `json:"props,omitempty"`
	// Unset lists properties the template sets only to be deployable
	// (a runtime, a definition) that the design leaves unset.
	Unset []string `json:"unset,omitempty"`
	// Endpoint names the outside endpoint block a subscription reaches.
	Endpoint string `json:"endpoint,omitempty"`
}

// resourceMetaOf reads a resource's archlab metadata.
func resourceMetaOf(r *resource) resourceMeta {
	var rm resourceMeta
	decodeMeta(r.def.path("Metadata", metadataKey), &rm)
	return rm
}

// decodeMeta reads an archlab metadata value into v; it reports false for
// anything malformed, which is then ignored like any other metadata.
func decodeMeta(n *node, v any) bool {
	if n == nil || n.kind != mapNode {
		return false
	}
	data, err := json.Marshal(n.value())
	if err != nil {
		return false
	}
	return json.Unmarshal(data, v) == nil
}

// metaBlocks adds the blocks an export kept in the template's metadata,
// before wiring, so that what names them (the default bus) finds them.
func (b *builder) metaBlocks() {
	mn := b.t.root.path("Metadata", metadataKey)
	var m exportMeta
	if !decodeMeta(mn, &m) {
		return
	}
	b.meta = &m
	for _, mb := range m.Blocks {
		if b.block(mb.ID) != nil {
			continue
		}
		if b.cat.Kind(mb.Kind) == nil {
			b.note(mb.ID, mn.pos, "the archlab metadata's block %s is of kind %q, which archlab does not know; it is not shown", mb.ID, mb.Kind)
			continue
		}
		bk := b.addBlock(mb.ID, mb.Kind, nil, mn.pos)
		if bk == nil {
			continue
		}
		bk.name = mb.Name
		if mb.External != nil {
			e := b.metaExternal(mb.ID, *mb.External, mn.pos)
			bk.external = &e
			// What the export wrote for it names it again.
			if e.Ref != "" {
				b.externals[e.Ref] = bk
			}
			for _, p := range outsideParams(bk.id) {
				b.externals["!Ref "+p] = bk
			}
			for _, alias := range outsideAliases(b.cat, design.Block{ID: mb.ID, Kind: mb.Kind, External: &e}) {
				if b.externals[alias] == nil {
					b.externals[alias] = bk
				}
			}
		}
		for _, k := range mb.Props.Keys() {
			bk.setValue(k, mb.Props[k], mn.pos)
		}
	}
}

// applyMetadata applies the archlab metadata of resources and of the
// template after wiring.
func (b *builder) applyMetadata() {
	for _, r := range b.t.resources {
		bk := b.block(r.id)
		var rm resourceMeta
		if bk == nil || !decodeMeta(r.def.path("Metadata", metadataKey), &rm) {
			continue
		}
		at := r.def.keyPosOf("Metadata")
		if rm.Name != "" {
			bk.name = rm.Name
		}
		for _, k := range rm.Props.Keys() {
			delete(bk.props, k)
			bk.order = slices.DeleteFunc(bk.order, func(s string) bool { return s == k })
			bk.setValue(k, rm.Props[k], at)
		}
		for _, k := range rm.Unset {
			delete(bk.props, k)
			bk.order = slices.DeleteFunc(bk.order, func(s string) bool { return s == k })
		}
	}
	if b.meta == nil {
		return
	}
	at := b.t.root.keyPosOf("Metadata")
	for _, mc := range b.meta.Connections {
		c := b.connByKey[[3]string{mc.From, mc.To, mc.Integration}]
		if c == nil {
			c = b.connect(mc.From, mc.To, mc.Integration, at, "")
		}
		if c == nil {
			continue
		}
		c.props, c.order = map[string]pending{}, nil
		for _, k := range mc.Props.Keys() {
			c.setValue(k, mc.Props[k], at)
		}
		if ev := b.metaEvidence(mc, at); len(ev) > 0 {
			c.evidence = ev
		}
	}
	for _, mc := range b.meta.Unwired {
		key := [3]string{mc.From, mc.To, mc.Integration}
		if c := b.connByKey[key]; c != nil {
			delete(b.connByKey, key)
			b.conns = slices.DeleteFunc(b.conns, func(x *conn) bool { return x == c })
		}
	}
}

// metaExternal is a block's outside marker from the metadata, less what is
// not valid (a service that is no namespace, a reference too long), which
// is noted: metadata is written by hand too, and one bad value must not
// make the whole template unreadable. A field it does not know how to drop
// leaves the marker empty: still outside the design, otherwise unknown.
func (b *builder) metaExternal(id string, e design.External, at pos) design.External {
	for err := e.Check(); err != nil; err = e.Check() {
		b.note(id, at, "the archlab metadata's %s; it is not read", err)
		var bad *design.Error
		switch {
		case !errors.As(err, &bad):
			return design.External{}
		case bad.Field == "external.ref":
			e.Ref = ""
		case bad.Field == "external.service":
			e.Service = ""
		case bad.Field == "external.default":
			e.Default = ""
		default:
			return design.External{}
		}
	}
	return e
}

// metaEvidence is a connection's evidence from the metadata, less the
// entries that are not valid (an unknown basis), which are noted.
func (b *builder) metaEvidence(mc metaConn, at pos) []design.Evidence {
	var out []design.Evidence
	for _, e := range mc.Evidence {
		if err := e.Check(); err != nil {
			b.note(mc.From, at, "%s → %s: the archlab metadata's evidence %s; it is not read", mc.From, mc.To, err)
			continue
		}
		if !slices.Contains(out, e) && len(out) < design.MaxEvidence {
			out = append(out, e)
		}
	}
	return out
}
