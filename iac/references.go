package iac

import (
	"slices"
)

// A template keeps some of what it declares in files beside it, which
// packaging (sam build, sam deploy, aws cloudformation package) uploads
// before CloudFormation sees the template. Read through ImportFS, those
// files become part of the design as if written inline: a state machine's
// definition file becomes its Definition, an OpenAPI file its API's
// DefinitionBody, a nested stack's template more blocks.

// localFile is a property that names a file packaging uploads, and what
// the file becomes.
type localFile struct {
	prop string
	// inline is the property the file's content stands for; "" for a
	// nested stack's template.
	inline string
}

// localFiles lists, by resource type, the properties that may name a
// local file.
var localFiles = map[string][]localFile{
	"AWS::Serverless::StateMachine":    {{prop: "DefinitionUri", inline: "Definition"}},
	"AWS::StepFunctions::StateMachine": {{prop: "DefinitionS3Location", inline: "Definition"}},
	"AWS::Serverless::Api":             {{prop: "DefinitionUri", inline: "DefinitionBody"}},
	"AWS::Serverless::HttpApi":         {{prop: "DefinitionUri", inline: "DefinitionBody"}},
	"AWS::ApiGateway::RestApi":         {{prop: "BodyS3Location", inline: "Body"}},
	"AWS::ApiGatewayV2::Api":           {{prop: "BodyS3Location", inline: "Body"}},
	"AWS::Serverless::Application":     {{prop: "Location"}},
	"AWS::CloudFormation::Stack":       {{prop: "TemplateURL"}},
}

// readReferences reads the files the template's resources name, when the
// import reads a folder.
func (b *builder) readReferences() {
	if b.files == nil {
		b.noteNestedStacks()
		return
	}
	for _, r := range slices.Clone(b.t.resources) {
		b.readResourceFiles(r)
	}
}

// noteNestedStacks notes, when the import has no folder, the nested stacks
// whose templates are local files it could have read.
func (b *builder) noteNestedStacks() {
	for _, r := range b.t.resources {
		for _, lf := range localFiles[r.typ] {
			if ref, at, ok := b.localRef(r, lf.prop); ok && lf.inline == "" {
				r.read = true
				b.note(r.id, at, "the nested stack's template %s is a separate file, whose resources are not shown; lint the template's folder (archlab lint DIR) or import it with its files to read it", ref)
			}
		}
	}
}

// readResourceFiles reads the files one resource names.
func (b *builder) readResourceFiles(r *resource) {
	for _, lf := range localFiles[r.typ] {
		ref, at, ok := b.localRef(r, lf.prop)
		if !ok {
			continue
		}
		from := r.def.pos.file
		if lf.inline == "" {
			b.nestedStackFile(r, ref, from, at, lf.prop)
			continue
		}
		doc, _ := b.files.document(ref, from, at, r.id, lf.prop)
		if doc == nil {
			continue
		}
		// The file is what the inline property would say; the reference
		// is gone, as packaging makes it an S3 location archlab need not
		// show.
		r.props = replaceKey(r.props, lf.prop, lf.inline, doc)
	}
}

// localRef returns the local path a property of a resource gives, and
// where it is written. The AWS CDK writes a nested stack's TemplateURL as
// an asset URL and the file it comes from in the resource's metadata
// (aws:asset:path), which stands for it.
func (b *builder) localRef(r *resource, prop string) (string, pos, bool) {
	if n := r.props.get(prop); n != nil {
		if s, ok := n.text(); ok {
			return s, n.pos, isLocalPath(s)
		}
	}
	meta := r.def.get("Metadata")
	if p, _ := meta.get("aws:asset:property").text(); p == prop {
		if n := meta.get("aws:asset:path"); n != nil {
			s, ok := n.text()
			return s, n.pos, ok && isLocalPath(s)
		}
	}
	return "", pos{}, false
}

// replaceKey returns a mapping with the entry of key replaced by one of
// name holding v, at the same place.
func replaceKey(m *node, key, name string, v *node) *node {
	out := &node{kind: mapNode, pos: m.pos}
	for i, k := range m.keys {
		if k == key {
			out.keys, out.vals, out.keyPos = append(out.keys, name), append(out.vals, v), append(out.keyPos, m.keyPos[i])
			continue
		}
		if k == name {
			continue // both given: SAM refuses that; the file wins here
		}
		out.keys, out.vals, out.keyPos = append(out.keys, k), append(out.vals, m.vals[i]), append(out.keyPos, m.keyPos[i])
	}
	return out
}

// noteSeparateFile notes a definition kept in a file archlab did not read:
// with a folder (ImportFS), a local file it could not read is reported
// already; without one (Import), the note says how to have it read.
func (b *builder) noteSeparateFile(id string, ref *node, at pos, msg string) {
	s, ok := ref.text()
	local := ok && isLocalPath(s)
	switch {
	case local && b.files != nil:
		return
	case local:
		msg += "; lint the template's folder (archlab lint DIR) or import it with its files to read " + s
	}
	b.note(id, at, "%s", msg)
}

// scopeOf is the scope of the resource a block comes from.
func (b *builder) scopeOf(id string) string {
	if r := b.t.byID[id]; r != nil {
		return r.scope
	}
	return ""
}

// noteFiles takes over the notes found while reading files.
func (b *builder) noteFiles() {
	if b.files == nil {
		return
	}
	for _, p := range b.files.reported {
		if p.rule == "" {
			b.note(p.id, p.at, "%s", p.msg)
		}
	}
}

// problems gives the Problems of the import: the template's shape, then
// the files read, each with its file.
func (b *builder) problems() []Note {
	all := slices.Clone(b.t.problems)
	if b.files != nil {
		for _, p := range b.files.reported {
			if p.rule != "" {
				all = append(all, p)
			}
		}
	}
	var out []Note
	for _, p := range all {
		out = append(out, Note{ID: p.id, File: b.files.name(p.at.file), Line: p.at.line, Column: p.at.col, Message: p.msg, Rule: p.rule})
	}
	return out
}
