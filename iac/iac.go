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
	"io/fs"

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
	// Problems are what the template says that CloudFormation or packaging
	// refuses: a resource without a Type, a referenced file that is not
	// there or does not parse (each names its rule); the rest of the
	// template is read all the same.
	Problems []Note
	// Accepted is every finding the template's Metadata accepts (see
	// suppressions.go); those about the design's blocks and connections
	// are its accepted list too.
	Accepted []design.Accepted
	// Files are the files the import read, by their paths in the folder
	// (ImportFS): the template first, then what it references. Import
	// leaves it empty.
	Files []string
	// ConstructPaths maps the logical ids of a template the AWS CDK
	// synthesized to their construct paths (from aws:cdk:path metadata),
	// for messages people can trace to their code.
	ConstructPaths map[string]string
}

// The checks the importer makes of the files themselves, by the rule ids
// lint reports them under (rules.TemplateChecks).
const (
	RuleTemplateInvalid   = "template-invalid"
	RuleTemplateMalformed = "template-malformed"
	RuleTemplateReference = "template-reference"
)

// Location is a line and column in a template, both from 1, and the file
// when the import read several (ImportFS).
type Location struct {
	Line   int    `json:"line"`
	Column int    `json:"column"`
	File   string `json:"file,omitempty"`
}

// Note is something of the template the import did not read: a resource
// type archlab does not model, an external file, a value that depends on a
// condition.
type Note struct {
	// ID is the logical id of the resource concerned, when there is one.
	ID string `json:"id,omitempty"`
	// File is the file the note is about, when the import read several.
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
	// Rule is the check a problem belongs to (RuleTemplateInvalid, ...);
	// notes have none.
	Rule string `json:"rule,omitempty"`
}

// String gives the note as "file line L: Id: message".
func (n Note) String() string {
	loc := ""
	switch {
	case n.File != "" && n.Line > 0:
		loc = fmt.Sprintf("%s line %d: ", n.File, n.Line)
	case n.File != "":
		loc = n.File + ": "
	case n.Line > 0:
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
// when the template does not name one. Block ids are the template's
// logical ids; positions come from the auto-layout. It fails only for input that is not a readable template:
// malformed YAML or JSON (the error names the line), a file over the size
// limit, or a document without Resources. Errors are *design.Error:
// EMALFORMED for input that does not parse (errors.As finds its
// *SyntaxError too, with the line), EINVALID for a document that is no
// template.
//
// The files a template references (state machine definitions, OpenAPI
// documents, nested stacks) stay notes that say to lint the folder; ImportFS
// reads them. The design keeps the template as its Source, so that
// exporting it gives the template back with only the design's edits
// applied.
func Import(data []byte, file string, cat *design.Catalogue) (*Imported, error) {
	imp, err := importTemplate(data, sourceTitle(file), cat, nil)
	if err != nil {
		return nil, err
	}
	keepSource(imp, file, data, nil)
	return imp, nil
}

// ImportFS reads the template at p in fsys, like Import, and the files it
// references relative to itself: state machine definitions and OpenAPI
// documents of DefinitionUri (and BodyS3Location, DefinitionS3Location),
// AWS::Include snippets, and nested stacks with a local Location or
// TemplateURL, whose resources join the design with ids prefixed by the
// stack's ("Orders_Queue"). fsys bounds what can be read: no reference
// leaves it. A referenced file that is missing, or nested stacks that
// include each other, are Problems (RuleTemplateReference) at the line that
// names them; a referenced file that does not parse is a Problem
// (RuleTemplateMalformed) at its own line; one outside fsys, over the
// limits (MaxImportFiles, MaxImportBytes, MaxNesting) or a folder is a
// note. The template itself not parsing is an error as for Import; one
// that does not exist is a *design.Error ENOTFOUND.
//
// The design keeps the template and the files it read as its Source.
func ImportFS(fsys fs.FS, p string, cat *design.Catalogue) (*Imported, error) {
	files := newFileSet(fsys)
	data, err := files.readTemplate(p)
	if err != nil {
		return nil, err
	}
	imp, err := importTemplate(data, sourceTitle(p), cat, files)
	if err != nil {
		return nil, err
	}
	keepSource(imp, p, data, files)
	return imp, nil
}

// importTemplate is Import, reading references through files when it is
// not nil.
func importTemplate(data []byte, name string, cat *design.Catalogue, files *fileSet) (*Imported, error) {
	root, err := parse(data)
	if err != nil {
		se := syntaxError(err)
		se.File = files.name(0)
		return nil, malformed(se)
	}
	return importRoot(root, name, cat, files)
}

// importOwn reads back a template the exporter wrote (see parseOwn).
func importOwn(data []byte, name string, cat *design.Catalogue) (*Imported, error) {
	root, err := parseOwn(data)
	if err != nil {
		return nil, malformed(syntaxError(err))
	}
	return importRoot(root, name, cat, nil)
}

// importRoot is importTemplate once the template is read.
func importRoot(root *node, name string, cat *design.Catalogue, files *fileSet) (*Imported, error) {
	if files != nil {
		files.docs[0] = root // a nested stack may name it again
	}
	root = files.expandIncludes(root, 0)
	t, err := loadTemplate(root)
	if err != nil {
		return nil, design.Errorf(design.EINVALID, "%s", err)
	}
	b := newBuilder(t, cat)
	b.files = files
	b.applyGlobals()
	b.readReferences()
	b.makeBlocks()
	b.metaBlocks()
	b.wire()
	b.applyMetadata()
	b.outsideRefs()
	b.noteUnread()
	b.noteFiles()
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
	return &Imported{Design: d, Notes: b.notes, Locations: b.locations, PropLocations: b.propLocations, EventNames: b.eventNames,
		Problems: b.problems(), Files: files.list(), ConstructPaths: b.constructPaths(), Accepted: accepted}, nil
}
