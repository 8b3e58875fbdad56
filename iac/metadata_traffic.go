package iac

import (
	"encoding/json"
	"maps"
	"slices"

	"github.com/archlab/archlab/design"
)

// The design's traffic and assumptions are estimates, not AWS
// configuration: an export keeps them only in the template's archlab
// metadata, and an import reads them back from there.

// metaTrafficValue writes a traffic or assumptions map for the metadata,
// blocks in order of id and each entry's figures by name.
func metaTrafficValue[T any](m map[string]T) *omap {
	out := newMap()
	for _, id := range slices.Sorted(maps.Keys(m)) {
		var fields map[string]any
		b, err := json.Marshal(m[id])
		if err != nil || json.Unmarshal(b, &fields) != nil {
			continue
		}
		e := newMap()
		for _, k := range slices.Sorted(maps.Keys(fields)) {
			e.set(k, fields[k])
		}
		out.set(id, e)
	}
	return out
}

// metaTraffic gives the imported design the traffic and assumptions an
// export kept. Entries for blocks the template no longer has, or with
// figures out of bounds (edited by hand), are noted and left out, never a
// reason to refuse the template.
func (b *builder) metaTraffic(d *design.Design) {
	if b.meta == nil {
		return
	}
	at := b.t.root.keyPosOf("Metadata")
	for _, id := range slices.Sorted(maps.Keys(b.meta.Traffic)) {
		t := b.meta.Traffic[id]
		if d.Block(id) == nil {
			b.note("", at, "the archlab metadata gives traffic for %s, which the template does not have; it is not read", id)
			continue
		}
		if err := t.Check(); err != nil {
			b.note(id, at, "the archlab metadata's traffic for %s: %s; it is not read", id, design.ErrorMessage(err))
			continue
		}
		if d.Traffic == nil {
			d.Traffic = map[string]design.Traffic{}
		}
		d.Traffic[id] = t
	}
	for _, id := range slices.Sorted(maps.Keys(b.meta.Assumptions)) {
		a := b.meta.Assumptions[id]
		if d.Block(id) == nil {
			b.note("", at, "the archlab metadata gives assumptions for %s, which the template does not have; they are not read", id)
			continue
		}
		if err := a.Check(); err != nil {
			b.note(id, at, "the archlab metadata's assumptions for %s: %s; they are not read", id, design.ErrorMessage(err))
			continue
		}
		if d.Assumptions == nil {
			d.Assumptions = map[string]design.Assumptions{}
		}
		d.Assumptions[id] = a
	}
}
