// Package exports turns a design into the files people take elsewhere: a
// SAM template, a plain CloudFormation template, a Mermaid flowchart, an SVG drawing, a PNG picture of it,
// the archlab/v1 document, or the cost table of the capacity model (CSV). The editor's downloads and `archlab export` both use it.
package exports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/iac"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/static"
	"github.com/archlab/archlab/web/components"
)

// Format is one kind of export.
type Format struct {
	Name        string // as in --format and the download URL
	Label       string // as on the download button
	Extension   string
	ContentType string
	// Binary formats are not text: the command line will not write them
	// to a terminal.
	Binary bool
}

// Formats lists the exports, in the order the editor offers them.
var Formats = []Format{
	{Name: "sam", Label: "SAM template", Extension: ".yaml", ContentType: "application/yaml; charset=utf-8"},
	{Name: "cloudformation", Label: "CloudFormation template", Extension: ".cfn.yaml", ContentType: "application/yaml; charset=utf-8"},
	{Name: "mermaid", Label: "Mermaid flowchart", Extension: ".mmd", ContentType: "text/plain; charset=utf-8"},
	{Name: "svg", Label: "SVG drawing", Extension: ".svg", ContentType: "image/svg+xml"},
	{Name: "png", Label: "PNG image", Extension: ".png", ContentType: "image/png", Binary: true},
	{Name: "json", Label: "archlab JSON", Extension: ".archlab.json", ContentType: "application/json; charset=utf-8"},
	{Name: "costs", Label: "Cost table (CSV)", Extension: ".costs.csv", ContentType: "text/csv; charset=utf-8"},
}

// Lookup finds a format by name.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Names lists the format names, for messages.
func Names() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// Render writes the design in the format. The SVG and the PNG carry the
// findings' badges as the editor draws them.
func Render(ctx context.Context, f Format, d *design.Design, cat *design.Catalogue, reg *rules.Registry) ([]byte, error) {
	out, _, err := RenderWithNotes(ctx, f, d, cat, reg)
	return out, err
}

// RenderWithNotes is Render, also saying what the file could not hold as
// the design has it: a template written back with edits only its archlab
// metadata keeps (see iac.SAMWithNotes).
func RenderWithNotes(ctx context.Context, f Format, d *design.Design, cat *design.Catalogue, reg *rules.Registry) ([]byte, []string, error) {
	if f.Name == "sam" || f.Name == "cloudformation" {
		export := iac.SAMWithNotes
		if f.Name == "cloudformation" {
			export = cloudFormation
		}
		out, notes, err := export(d, cat)
		var said []string
		for _, n := range notes {
			said = append(said, n.String())
		}
		return out, said, err
	}
	out, err := render(ctx, f, d, cat, reg)
	return out, nil, err
}

// cloudFormation is iac.CloudFormation, its refusal of a SAM feature it
// cannot translate an invalid request (the design can be exported as SAM)
// rather than a failure.
func cloudFormation(d *design.Design, cat *design.Catalogue) ([]byte, []iac.Note, error) {
	out, notes, err := iac.CloudFormation(d, cat)
	var unsup *iac.UnsupportedError
	if errors.As(err, &unsup) {
		return nil, nil, &design.Error{Code: design.EINVALID, Message: unsup.Error()}
	}
	return out, notes, err
}

// FileName names the file of a design in a format: after its title, and
// for a template written back, with the extension of the file it was
// imported from (a JSON template stays JSON).
func FileName(f Format, d *design.Design) string {
	name := design.Slug(d.Title)
	if name == "" {
		name = "design"
	}
	if f.Name == "sam" && d.Source != nil {
		switch ext := strings.ToLower(path.Ext(d.Source.File)); ext {
		case ".json", ".yml", ".yaml", ".template":
			return name + ext
		}
	}
	return name + f.Extension
}

func render(ctx context.Context, f Format, d *design.Design, cat *design.Catalogue, reg *rules.Registry) ([]byte, error) {
	switch f.Name {
	case "mermaid":
		return []byte(iac.Mermaid(d)), nil
	case "json":
		b, err := design.MarshalReadable(d)
		if err != nil {
			return nil, fmt.Errorf("exports: %w", err)
		}
		return append(b, '\n'), nil
	case "svg":
		return SVG(ctx, d, cat, reg.Check(d))
	case "png":
		return PNG(ctx, d, cat, reg.Check(d))
	case "costs":
		return capacity.CSV(capacity.Compute(d, cat, nil), nil), nil
	}
	return nil, fmt.Errorf("exports: unknown format %q; use one of %s", f.Name, Names())
}

// SVG draws a design as a file of its own: the editor's drawing with its
// icons and the application's stylesheet inside, so that it looks the same
// in a browser, a wiki or a slide.
func SVG(ctx context.Context, d *design.Design, cat *design.Catalogue, fs []rules.Finding) ([]byte, error) {
	v := components.NewDiagram(d, cat, fs, "", true)
	v.Standalone = true
	var buf bytes.Buffer
	if err := components.Diagram(v).Render(ctx, &buf); err != nil {
		return nil, fmt.Errorf("exports: draw %s: %w", d.Title, err)
	}
	drawing := buf.Bytes()
	// The stylesheet goes right after the root element's opening tag. It is
	// archlab's own file, not user input; the drawing itself was escaped by
	// templ when rendered.
	end := bytes.IndexByte(drawing, '>')
	if end < 0 {
		return nil, fmt.Errorf("exports: the drawing of %s has no root element", d.Title)
	}
	var out bytes.Buffer
	out.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	out.Write(drawing[:end+1])
	out.WriteString("<style><![CDATA[\n")
	out.Write(bytes.ReplaceAll(static.Stylesheet(), []byte("]]>"), []byte("]] >")))
	out.WriteString("]]></style>")
	out.Write(drawing[end+1:])
	return out.Bytes(), nil
}
