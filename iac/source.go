package iac

import (
	"bytes"
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

// exportSource writes the template a design was imported from, with the
// design's edits applied, and says what it could write only into the
// metadata.
func exportSource(d *design.Design, cat *design.Catalogue) ([]byte, []Note, error) {
	src := []byte(d.Source.Template)
	base, err := importTemplate(src, sourceTitle(d.Source.File), cat)
	if err != nil {
		return nil, nil, fmt.Errorf("iac: export: the template this design was imported from no longer reads: %w", err)
	}
	if sameDesign(base.Design, d) {
		return src, nil, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || !plainMap(doc.Content[0]) {
		return nil, nil, fmt.Errorf("iac: export: the template this design was imported from is not a YAML or JSON mapping")
	}
	root := doc.Content[0]
	asJSON := bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n\ufeff"), []byte("{"))

	d = d.Clone()
	if err := d.Validate(cat); err != nil {
		return nil, nil, fmt.Errorf("iac: export: %w", err)
	}
	before, after := newExporter(base.Design, cat), newExporter(d.Clone(), cat)
	types := resourceTypes(root)
	before.keepNames, after.keepNames = true, true
	before.sourceTypes, after.sourceTypes = types, types
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
	})
	var notes []Note
	for _, f := range failed {
		notes = append(notes, Note{Message: "the edit of " + f + " could not be written where the template says it; the archlab metadata keeps it"})
	}
	var gone []string
	for i := range base.Design.Blocks {
		id := base.Design.Blocks[i].ID
		if d.Block(id) == nil && ymapGet(resources, id) == nil {
			gone = append(gone, id)
		}
	}
	for _, p := range pruneRefs(root, gone) {
		notes = append(notes, Note{Message: p})
	}

	// What the template now says, against the design: the differences go
	// into the metadata, as for any export.
	mid, err := encodeNode(&doc, src, asJSON)
	if err != nil {
		return nil, nil, err
	}
	got, err := importTemplate(mid, sourceTitle(d.Source.File), cat)
	if err != nil {
		return nil, nil, fmt.Errorf("iac: export: the edited template does not read back: %w", err)
	}
	rec := newExporter(d.Clone(), cat)
	rec.keepNames, rec.sourceTypes = true, types
	rec.build()
	rec.reconcile(got.Design)
	writeArchlabMeta(root, rec, got.Design.Title != d.Title)
	out, err := encodeNode(&doc, src, asJSON)
	return out, notes, err
}

// sameDesign reports whether two designs say the same: blocks and
// connections with the same settings, whatever their order and positions.
func sameDesign(a, b *design.Design) bool {
	if a.Title != b.Title || a.Description != b.Description || len(a.Blocks) != len(b.Blocks) || len(a.Connections) != len(b.Connections) {
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

// stripArchlabMeta removes the archlab metadata of the template and of its
// resources, which the export works out afresh, and any Metadata mapping
// it leaves empty.
func stripArchlabMeta(root *yaml.Node) {
	strip := func(owner *yaml.Node) {
		meta := ymapGet(owner, "Metadata")
		if !plainMap(meta) {
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
	if len(meta.keys) > 0 {
		ywalk(root, []string{"Metadata"}, true)
		ymapSet(ymapGet(root, "Metadata"), metadataKey, toYAML(meta))
	}
	res := ymapGet(root, "Resources")
	for _, id := range slices.Sorted(mapKeys(x.out)) {
		r := x.out[id]
		if r.meta == nil || len(r.meta.keys) == 0 || !plainMap(ymapGet(res, id)) {
			continue
		}
		owner := ymapGet(res, id)
		ywalk(owner, []string{"Metadata"}, true)
		ymapSet(ymapGet(owner, "Metadata"), metadataKey, toYAML(r.meta))
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
