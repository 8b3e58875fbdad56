// Package iac moves designs in and out of infrastructure as code: it imports
// AWS SAM and CloudFormation templates (YAML or JSON) into archlab/v1 designs,
// and exports designs as SAM templates and Mermaid flowcharts.
//
// The importer is driven by the catalogue: a resource type becomes the block
// kind whose CloudFormation field lists it, and its properties are read by
// their CloudFormation names, so a new kind needs no change here. What the
// catalogue cannot know (that a function's SQS event is an event source
// mapping, that a policy statement naming a table is an SDK call) is the
// wiring in connections.go and its neighbours. Whatever the importer does
// not model becomes a Note, never a failure.
package iac

import (
	"fmt"
	"unicode/utf8"

	"github.com/archlab/archlab/design"
)

// Imported is a design read from a template, with what was not read and
// where each block and connection came from.
type Imported struct {
	Design *design.Design
	// Notes say what the import did not read or could not model.
	Notes []Note
	// Locations maps block and connection ids to where in the template they
	// were declared, for findings with line numbers.
	Locations map[string]Location
	// PropLocations maps a block or connection id and a property name to
	// where the property was written.
	PropLocations map[string]map[string]Location
	// EventNames maps connection ids to the SAM events they were read
	// from, as "resource/event" ("Worker/Orders" of Worker's Events), for
	// exports that write the template back (see source.go).
	EventNames map[string][]string
	// Problems are what the template says that CloudFormation refuses
	// before it reads any resource (a resource without a Type); the rest of
	// the template is read all the same.
	Problems []Note
	// Accepted is every finding the template's Metadata accepts (see
	// suppressions.go); those about the design's blocks and connections
	// are its accepted list too.
	Accepted []design.Accepted
}

// Location is a line and column in a template, both from 1.
type Location struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Note is something of the template the import did not read: a resource
// type archlab does not model, an external file, a value that depends on a
// condition.
type Note struct {
	// ID is the logical id of the resource concerned, when there is one.
	ID      string `json:"id,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// String gives the note as "line L: Id: message".
func (n Note) String() string {
	loc := ""
	if n.Line > 0 {
		loc = fmt.Sprintf("line %d: ", n.Line)
	}
	if n.ID != "" {
		return loc + n.ID + ": " + n.Message
	}
	return loc + n.Message
}

// Import reads a SAM or CloudFormation template, in YAML or JSON, into a
// design. file is the template's file name, "" when it has none (a pasted
// template): the design is titled after it ("orders.yaml" makes "orders")
// when the template does not name one. Block ids are the template's logical ids; positions come from the
// auto-layout. It fails only for input that is not a readable template:
// malformed YAML or JSON (the error names the line), a file over the size
// limit, or a document without Resources. Errors are *design.Error:
// EMALFORMED for input that does not parse, EINVALID for a document that is
// no template.
//
// The design keeps the template as its Source, so that exporting it gives
// the template back with only the design's edits applied.
func Import(data []byte, file string, cat *design.Catalogue) (*Imported, error) {
	imp, err := importTemplate(data, sourceTitle(file), cat)
	if err != nil {
		return nil, err
	}
	if utf8.Valid(data) { // YAML is UTF-8; a JSON template in another encoding is exported afresh
		imp.Design.Source = &design.Source{File: clip(file, design.MaxSourceFileLen), Template: string(data)}
	}
	return imp, nil
}

// importTemplate is Import without keeping the template: for reading back
// what an export wrote.
func importTemplate(data []byte, name string, cat *design.Catalogue) (*Imported, error) {
	root, err := parse(data)
	if err != nil {
		return nil, design.Errorf(design.EMALFORMED, "%s", err)
	}
	t, err := loadTemplate(root)
	if err != nil {
		return nil, design.Errorf(design.EINVALID, "%s", err)
	}
	b := newBuilder(t, cat)
	b.applyGlobals()
	b.makeBlocks()
	b.metaBlocks()
	b.wire()
	b.applyMetadata()
	b.outsideRefs()
	b.noteUnread()
	d, err := b.design(name)
	if err != nil {
		return nil, fmt.Errorf("iac: %w", err)
	}
	accepted := b.suppressions(d)
	if d.Accepted = acceptedInDesign(accepted, d); d.Accepted != nil {
		if err := d.Validate(cat); err != nil {
			return nil, fmt.Errorf("iac: the accepted findings: %w", err)
		}
	}
	b.sortNotes()
	return &Imported{Design: d, Notes: b.notes, Locations: b.locations, PropLocations: b.propLocations, EventNames: b.eventNames, Problems: t.problems, Accepted: accepted}, nil
}
