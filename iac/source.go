package iac

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/archlab/archlab/design"
)

// A design imported from a template keeps the template (design.Source).
// Exporting it writes that template back with the design's edits applied,
// so that what the model does not draw is never lost: code locations,
// routes, parameters, conditions, outputs, resources and properties
// archlab does not model, comments. An unedited design exports as the
// very text it was imported from.
//
// The edits are found by exporting twice, the same way: the design as the
// template imports, and the design as it is now. What differs between the
// two exports is what the edits change, and only that is written into the
// template (see tpatch.go). Whatever cannot be written there (an edit of
// something the template says in its own way) is kept in the archlab
// metadata, worked out as for any export by importing the result and
// recording where it differs from the design.

// sourceTitle is the title an import gives a design read from the file,
// when the template does not name one: the file's name without extension,
// as `archlab import` and the web import name designs.
func sourceTitle(file string) string {
	base := path.Base(strings.ReplaceAll(file, "\\", "/"))
	if file == "" || base == "." || base == "/" {
		return ""
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

// keepSource gives an imported design its Source: the template's text
// and, when it was read from a folder, the texts of the files it read
// there, so that an export can import it again to the same design. A
// template that is not UTF-8, or files more than a design keeps, leave
// the design without a Source: its exports are archlab's own.
func keepSource(imp *Imported, file string, data []byte, files *fileSet) {
	src := &design.Source{File: clip(file, design.MaxSourceFileLen), Template: string(data)}
	if len(imp.Files) > 1 {
		src.Files = map[string]string{}
		size := len(data)
		for _, name := range imp.Files[1:] {
			text, ok := files.text(name)
			if size += len(text); !ok || size > design.MaxSourceBytes {
				return
			}
			src.Files[name] = string(text)
		}
	}
	// What the design could not store (a file that is not text, too
	// much of it) is not kept: the design exports as archlab writes it.
	if src.Check() != nil {
		return
	}
	imp.Design.Source = src
}

// importSource imports a design's Source again: its template, and the
// files it read beside it from memory.
func importSource(s *design.Source, cat *design.Catalogue) (*Imported, error) {
	if len(s.Files) == 0 {
		return importTemplate([]byte(s.Template), sourceTitle(s.File), cat, nil)
	}
	files := newFileSet(memFS(s))
	data, err := files.readTemplate(s.File)
	if err != nil {
		return nil, err
	}
	return importTemplate(data, sourceTitle(s.File), cat, files)
}

// exportSource writes the template a design was imported from, with the
// design's edits applied, and says what it could write only into the
// metadata.
func exportSource(d *design.Design, cat *design.Catalogue) ([]byte, []Note, error) {
	src := []byte(d.Source.Template)
	base, err := importSource(d.Source, cat)
	if err != nil {
		return nil, nil, fmt.Errorf("iac: export: the template this design was imported from no longer reads: %w", err)
	}
	if sameDesign(base.Design, d) {
		return src, nil, nil
	}
	asJSON := bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n\ufeff"), []byte("{"))
	doc, err := sourceDocument(src, asJSON)
	if err != nil {
		return nil, nil, err
	}
	root := doc.Content[0]

	d = d.Clone()
	if err := d.Validate(cat); err != nil {
		return nil, nil, fmt.Errorf("iac: export: %w", err)
	}
	before, after := newExporter(base.Design, cat), newExporter(d.Clone(), cat)
	types := resourceTypes(root)
	before.keepNames, after.keepNames = true, true
	before.sourceTypes, after.sourceTypes = types, types
	before.eventNames, after.eventNames = cloneNames(base.EventNames), cloneNames(base.EventNames)
	before.build()
	after.build()
	was, now := toYAML(before.tree()), toYAML(after.tree())
	patches := diffTrees(was, now)

	stripArchlabMeta(root)
	resources := ymapGet(root, "Resources")
	typeOf := func(n *yaml.Node, id string) string {
		if t := ymapGet(ymapGet(ymapGet(n, "Resources"), id), "Type"); t != nil {
			return t.Value
		}
		return ""
	}
	failed := applyPatches(root, was, patches, applyOpts{
		sameShape: func(id string) bool {
			t := typeOf(root, id)
			return t != "" && (t == typeOf(now, id) || t == typeOf(was, id))
		},
		blockProp: func(id, prop string) bool {
			return slices.Contains(nativeProps[types[id]], prop)
		},
		isBlock: func(id string) bool { return d.Block(id) != nil || base.Design.Block(id) != nil },
	})
	_ = failed // what they leave unsaid shows in the metadata, and is noted from it
	var notes []Note
	// The SAM events of connections the edits removed go whole, under the
	// names the template gives them.
	for i := range base.Design.Connections {
		c := &base.Design.Connections[i]
		if hasConnection(d, c) {
			continue
		}
		for _, ev := range base.EventNames[c.ID] {
			owner, name, _ := strings.Cut(ev, "/")
			ymapDel(ywalk(root, []string{"Resources", owner, "Properties", "Events"}, false), name)
		}
	}
	// A removed block takes its resource, however the export writes it.
	var gone []string
	for i := range base.Design.Blocks {
		if id := base.Design.Blocks[i].ID; d.Block(id) == nil {
			ymapDel(resources, id)
			gone = append(gone, id)
		}
	}
	for _, p := range pruneRefs(root, gone) {
		notes = append(notes, Note{Message: p})
	}

	// What the template now says, against the design: the differences go
	// into the metadata, as for any export.
	mid, err := encodeNode(doc, src, asJSON)
	if err != nil {
		return nil, nil, err
	}
	midSource := *d.Source
	midSource.Template = string(mid)
	got, err := importSource(&midSource, cat)
	if err != nil {
		return nil, nil, fmt.Errorf("iac: export: the edited template does not read back: %w", err)
	}
	rec := newExporter(d.Clone(), cat)
	rec.keepNames, rec.sourceTypes, rec.eventNames = true, types, cloneNames(base.EventNames)
	rec.build()
	// A block the exporter would keep in the metadata whole (a bus it takes
	// for the default one) that the template holds as a resource is
	// reconciled with that resource.
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if rec.out[b.ID] == nil && types[b.ID] != "" && b.External == nil {
			rec.out[b.ID] = &outRes{id: b.ID, typ: types[b.ID], props: newMap()}
			rec.meta.Blocks = slices.DeleteFunc(rec.meta.Blocks, func(mb metaBlock) bool { return mb.ID == b.ID })
		}
	}
	rec.reconcile(got.Design)
	dropSaid(&rec.meta, got.Design)
	// Blocks read from another file (a nested stack's template) are not
	// in the template written: their edits are for that file.
	elsewhere := map[string]string{}
	for id, loc := range base.Locations {
		if loc.File != "" && loc.File != d.Source.File {
			elsewhere[id] = loc.File
		}
	}
	for _, n := range unsaid(rec, got.Design) {
		if elsewhere[n.ID] == "" {
			notes = append(notes, n)
		}
	}
	notes = append(notes, editedElsewhere(base.Design, d, elsewhere)...)
	writeArchlabMeta(root, rec, got.Design.Title != d.Title)
	out, err := encodeNode(doc, src, asJSON)
	return out, notes, err
}

// sameDesign reports whether two designs say the same: blocks and
// connections with the same settings, whatever their order and positions.
func sameDesign(a, b *design.Design) bool {
	if a.Title != b.Title || a.Description != b.Description || len(a.Blocks) != len(b.Blocks) || len(a.Connections) != len(b.Connections) ||
		!design.Equal(acceptedValue(a.Accepted), acceptedValue(b.Accepted)) || !sameGroups(a.Groups, b.Groups) {
		return false
	}
	for i := range a.Blocks {
		x := &a.Blocks[i]
		y := b.Block(x.ID)
		if y == nil || x.Kind != y.Kind || x.Name != y.Name || !propsEqual(x.Props, y.Props) || !design.Equal(externalValue(x.External), externalValue(y.External)) {
			return false
		}
	}
	type key struct{ from, to, integ string }
	others := make(map[key]*design.Connection, len(b.Connections))
	for i := range b.Connections {
		c := &b.Connections[i]
		others[key{c.From, c.To, c.Integration}] = c
	}
	for i := range a.Connections {
		x := &a.Connections[i]
		y := others[key{x.From, x.To, x.Integration}]
		if y == nil || !propsEqual(x.Props, y.Props) || !slices.Equal(x.Evidence, y.Evidence) {
			return false
		}
	}
	return true
}

// externalValue is an outside marker as a comparable value.
func externalValue(e *design.External) any {
	if e == nil {
		return nil
	}
	return map[string]any{"ref": e.Ref, "service": e.Service, "default": e.Default}
}

// dropSaid leaves out of the metadata the blocks and connections that the
// template already says as the design does: the exporter puts there what
// its own writing cannot say, which the template kept may say itself (an
// Alexa skill's event).
func dropSaid(m *exportMeta, got *design.Design) {
	m.Blocks = slices.DeleteFunc(m.Blocks, func(mb metaBlock) bool {
		b := got.Block(mb.ID)
		return b != nil && b.Kind == mb.Kind && b.Name == mb.Name && propsEqual(b.Props, mb.Props) &&
			design.Equal(externalValue(b.External), externalValue(mb.External))
	})
	m.Connections = slices.DeleteFunc(m.Connections, func(mc metaConn) bool {
		for i := range got.Connections {
			c := &got.Connections[i]
			if c.From == mc.From && c.To == mc.To && c.Integration == mc.Integration {
				return propsEqual(c.Props, mc.Props) && (len(mc.Evidence) == 0 || slices.Equal(c.Evidence, mc.Evidence))
			}
		}
		return false
	})
}

// stripArchlabMeta removes the archlab metadata of the template and of its
// resources, which the export works out afresh, and any Metadata mapping
// it leaves empty.
func stripArchlabMeta(root *yaml.Node) {
	strip := func(owner *yaml.Node) {
		meta := ymapGet(owner, "Metadata")
		if !plainMap(meta) {
			return
		}
		if ours := ymapGet(meta, metadataKey); plainMap(ours) && ymapGet(ours, ignoreKey) != nil {
			// The findings the team accepts stay.
			for i := 0; i+1 < len(ours.Content); {
				if ours.Content[i].Value != ignoreKey {
					ours.Content = slices.Delete(ours.Content, i, i+2)
					continue
				}
				i += 2
			}
			return
		}
		ymapDel(meta, metadataKey)
		if len(meta.Content) == 0 {
			ymapDel(owner, "Metadata")
		}
	}
	strip(root)
	res := ymapGet(root, "Resources")
	if res == nil || res.Kind != yaml.MappingNode {
		return
	}
	for i := 1; i < len(res.Content); i += 2 {
		strip(res.Content[i])
	}
}

// writeArchlabMeta writes the metadata an export works out into the
// template: the template's own (the title only when it changed, as the
// file names the design otherwise) and each resource's.
func writeArchlabMeta(root *yaml.Node, x *exporter, titled bool) {
	meta := x.metaValue()
	if !titled {
		meta.del("title")
	}
	setArchlabMeta(root, meta)
	res := ymapGet(root, "Resources")
	for _, id := range slices.Sorted(mapKeys(x.out)) {
		if r := x.out[id]; r.meta != nil && plainMap(ymapGet(res, id)) {
			setArchlabMeta(ymapGet(res, id), r.meta)
		}
	}
}

// setArchlabMeta sets an owner's (the template's, a resource's) archlab
// metadata, beside what the team wrote there (the findings it accepts).
func setArchlabMeta(owner *yaml.Node, m *omap) {
	if len(m.keys) == 0 {
		return
	}
	ours := ywalk(owner, []string{"Metadata", metadataKey}, true)
	if ours == nil {
		return // a Metadata that is no mapping: nothing archlab can add to
	}
	for _, k := range m.keys {
		ymapSet(ours, k, toYAML(m.get(k)))
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// encodeNode writes a template document: as JSON when it was JSON, and as
// YAML indented as the original was.
func encodeNode(doc *yaml.Node, original []byte, asJSON bool) ([]byte, error) {
	if asJSON {
		var buf bytes.Buffer
		writeJSON(&buf, doc.Content[0], "")
		buf.WriteByte('\n')
		return buf.Bytes(), nil
	}
	literalFolded(doc)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(yamlIndent(original))
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("iac: export: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("iac: export: %w", err)
	}
	return keepBlankLines(original, buf.Bytes()), nil
}

// yamlIndent is the indentation a YAML text uses: the first indented line
// under a top-level key, 2 when none is.
func yamlIndent(text []byte) int {
	for line := range bytes.Lines(text) {
		trimmed := bytes.TrimLeft(line, " ")
		n := len(line) - len(trimmed)
		if n > 0 && len(bytes.TrimSpace(trimmed)) > 0 && trimmed[0] != '#' && trimmed[0] != '-' {
			if n > 8 {
				return 2
			}
			return n
		}
	}
	return 2
}

// resourceTypes maps a template's logical ids to their types.
func resourceTypes(root *yaml.Node) map[string]string {
	out := map[string]string{}
	res := ymapGet(root, "Resources")
	if res == nil || res.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(res.Content); i += 2 {
		if t := ymapGet(res.Content[i+1], "Type"); t != nil && t.Kind == yaml.ScalarNode {
			out[res.Content[i].Value] = t.Value
		}
	}
	return out
}

// nativeProps lists, for the CloudFormation types that stand for a block
// kind the exporter writes as a SAM type, the top-level properties the two
// write alike: an edit of one of them is written into a template that
// uses the CloudFormation type; an edit of any other (a SAM function's
// Events or Policies) is kept in the metadata.
var nativeProps = map[string][]string{
	"AWS::Lambda::Function": {"FunctionName", "Runtime", "Handler", "PackageType", "Architectures", "Timeout",
		"MemorySize", "EphemeralStorage", "ReservedConcurrentExecutions", "TracingConfig", "LoggingConfig",
		"Environment", "VpcConfig", "Layers", "RecursiveLoop", "SnapStart", "CapacityProviderConfig", "DurableConfig",
		"KmsKeyArn", "Description", "Tags"},
	"AWS::StepFunctions::StateMachine": {"StateMachineName", "StateMachineType", "LoggingConfiguration",
		"TracingConfiguration", "Tags"},
	"AWS::Lambda::CapacityProvider": {"CapacityProviderName", "VpcConfig", "InstanceRequirements", "ScalingConfig", "Tags"},
}

// literalFolded writes folded scalars (>) as literal ones (|), which say
// the same text: the YAML library does not write back every folded text
// it reads (more-indented lines change).
func literalFolded(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Style&yaml.FoldedStyle != 0 {
		n.Style = n.Style&^yaml.FoldedStyle | yaml.LiteralStyle
	}
	for _, c := range n.Content {
		literalFolded(c)
	}
}

func cloneNames(m map[string][]string) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, v := range m {
		out[k] = slices.Clone(v)
	}
	return out
}

// hasConnection reports whether a design has a connection of the same
// ends and integration as c.
func hasConnection(d *design.Design, c *design.Connection) bool {
	return slices.ContainsFunc(d.Connections, func(x design.Connection) bool {
		return x.From == c.From && x.To == c.To && x.Integration == c.Integration
	})
}

// unsaid notes the edits the template kept does not say, which only the
// metadata keeps: AWS does not get them when the template is deployed.
// Display names and a drawn call's evidence are the metadata's to say and
// are not noted.
func unsaid(x *exporter, got *design.Design) []Note {
	var notes []Note
	for _, mb := range x.meta.Blocks {
		if r := x.out[mb.ID]; r != nil && r.typ != outsideType && got.Block(mb.ID) == nil {
			notes = append(notes, Note{ID: mb.ID, Message: "the template cannot hold it as the design has it; only the archlab metadata keeps it"})
		}
	}
	for _, id := range slices.Sorted(mapKeys(x.out)) {
		r := x.out[id]
		if r.meta == nil {
			continue
		}
		if props, ok := r.meta.get("props").(map[string]any); ok && len(props) > 0 {
			notes = append(notes, Note{ID: id, Message: "the template does not say " + strings.Join(slices.Sorted(mapKeys(props)), ", ") + " as the design has it; only the archlab metadata keeps it"})
		}
		if unset, ok := r.meta.get("unset").([]any); ok && len(unset) > 0 {
			notes = append(notes, Note{ID: id, Message: "the template still sets what the design leaves unset; the archlab metadata says so"})
		}
	}
	for _, mc := range x.meta.Connections {
		var have *design.Connection
		for i := range got.Connections {
			if c := &got.Connections[i]; c.From == mc.From && c.To == mc.To && c.Integration == mc.Integration {
				have = c
			}
		}
		switch {
		case have == nil:
			notes = append(notes, Note{ID: mc.From, Message: mc.From + " → " + mc.To + " (" + mc.Integration + "): the template cannot say this connection; only the archlab metadata keeps it"})
		case !propsEqual(have.Props, mc.Props):
			notes = append(notes, Note{ID: mc.From, Message: mc.From + " → " + mc.To + " (" + mc.Integration + "): the template does not say its settings as the design has them; only the archlab metadata keeps them"})
		}
	}
	for _, mc := range x.meta.Unwired {
		notes = append(notes, Note{ID: mc.From, Message: mc.From + " → " + mc.To + " (" + mc.Integration + "): the template still declares this connection, which the design removed; the archlab metadata marks it removed"})
	}
	return notes
}

// errSourceUnreadable marks a kept template the patcher cannot read as
// YAML nodes although the importer read it (JSON with what YAML refuses).
var errSourceUnreadable = errors.New("the template this design was imported from cannot be written back")

// sourceDocument reads a kept template into YAML nodes, which keep its
// comments, order and styles. A JSON template is read by the importer's
// own JSON reader, so that what the import took is what is patched.
func sourceDocument(src []byte, asJSON bool) (*yaml.Node, error) {
	if asJSON {
		n, err := parse(src)
		if err != nil || n.kind != mapNode {
			return nil, fmt.Errorf("iac: export: %w", errSourceUnreadable)
		}
		return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{jsonToYAML(n)}}, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || !plainMap(doc.Content[0]) {
		return nil, fmt.Errorf("iac: export: %w", errSourceUnreadable)
	}
	return &doc, nil
}

// jsonToYAML turns a template value read from JSON into a YAML node with
// the same lines, for writeJSON to keep them.
func jsonToYAML(n *node) *yaml.Node {
	y := &yaml.Node{Line: n.pos.line, Column: n.pos.col}
	switch n.kind {
	case mapNode:
		y.Kind, y.Tag = yaml.MappingNode, "!!map"
		for i, k := range n.keys {
			y.Content = append(y.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: n.keyPos[i].line, Column: n.keyPos[i].col}, jsonToYAML(n.vals[i]))
		}
	case seqNode:
		y.Kind, y.Tag = yaml.SequenceNode, "!!seq"
		for _, it := range n.items {
			y.Content = append(y.Content, jsonToYAML(it))
		}
	case nullNode:
		y.Kind, y.Tag, y.Value = yaml.ScalarNode, "!!null", "null"
	default:
		y.Kind, y.Tag, y.Value = yaml.ScalarNode, "!!str", n.str
		switch n.typ {
		case typeInt:
			y.Tag = "!!int"
		case typeFloat:
			y.Tag = "!!float"
		case typeBool:
			y.Tag = "!!bool"
		}
	}
	return y
}

// acceptedValue is an accepted list as a comparable value, in any order.
func acceptedValue(list []design.Accepted) any {
	out := make([]any, len(list))
	for i, a := range list {
		out[i] = a.Rule + "\x00" + strings.Join(a.Subjects, ",") + "\x00" + a.Reason
	}
	slices.SortFunc(out, func(x, y any) int { return strings.Compare(x.(string), y.(string)) })
	return out
}

// editedElsewhere notes the edits of blocks that live in another file than
// the template written back (a nested stack's), which the export cannot
// make: they are for that file.
func editedElsewhere(base, d *design.Design, elsewhere map[string]string) []Note {
	var notes []Note
	for _, id := range slices.Sorted(mapKeys(elsewhere)) {
		was, now := base.Block(id), d.Block(id)
		switch {
		case was == nil:
		case now == nil:
			notes = append(notes, Note{ID: id, File: elsewhere[id], Message: "removed in the design, but it is in " + elsewhere[id] + ", which the export does not write: remove it there"})
		case now.Name != was.Name || !propsEqual(now.Props, was.Props):
			notes = append(notes, Note{ID: id, File: elsewhere[id], Message: "edited in the design, but it is in " + elsewhere[id] + ", which the export does not write: make the edit there"})
		}
	}
	return notes
}
