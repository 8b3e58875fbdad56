// Package pages holds one templ component per page and the typed views they
// render. It never reaches the store or the handlers.
package pages

import (
	"github.com/a-h/templ"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/components"
)

// HomeView is the home page.
type HomeView struct {
	// Kinds is a sample of what can be drawn, from the catalogue.
	Kinds []*design.Kind
	Rules int
	// Example is a small design and what archlab finds in it, drawn with
	// the editor's components: the picture of what archlab does.
	Example *ExampleView
}

// EditorView is the page at a design's edit link, and read-only at its
// view link.
type EditorView struct {
	Design *design.Design
	// Regions are the diagram, legend, findings and outline, rendered
	// once per version of the design.
	Regions   Regions
	Inspector components.InspectorView
	// Same says which regions the editor that asked shows already as they
	// are: an edit's answer, or /state, leaves them out.
	Same Same
	// Patch, on the answer to a drag, stands for the diagram and legend:
	// the diagram's elements the drag changed (a template the editor's
	// script applies), never the whole drawing.
	Patch  templ.Component
	Status components.StatusView
	// Icons (the sprite) and Palette (the palette of the catalogue, left
	// out read-only) are the same on every page, rendered once already.
	Icons   templ.Component
	Palette templ.Component
	ViewURL string
	EditURL string
	// Base is where the editor's requests go: /d/{editKey} or /v/{id}.
	Base string
	// ReadOnly is set at the view link.
	ReadOnly bool
	// Comments is the number of open comment threads; CommentsJS and
	// CommentsCSS are the comments panel's script and style, which the
	// editor fetches only when there are comments or someone opens them.
	Comments                int
	CommentsJS, CommentsCSS string
	// EmbedCode is the snippet that embeds the view in another page.
	EmbedCode string
	// Notice says what just happened (a new edit link, a fork, a restore).
	Notice string
	// Past is set when an old version is shown.
	Past *PastVersion
	// Downloads are the design's exports.
	Downloads []Link
	// Review is the design's review state; none on an old version.
	Review ReviewView
	// Lab is set on a design started from a lab.
	Lab *LabPanel
}

// Regions are the parts of the editor that depend only on the design's
// version, rendered already: the same bytes for every request.
type Regions struct {
	Diagram, Legend, Findings, Outline templ.Component
}

// Same names the regions an answer leaves out, the editor showing them
// as they are: the diagram (with its legend), the findings, the outline.
type Same struct {
	Diagram, Findings, Outline bool
}

// Link is a labelled address.
type Link struct {
	Label, URL string
}

// PastVersion is an old version of a design, shown read-only.
type PastVersion struct {
	Version, Latest int
}

// ErrorView is an error page.
type ErrorView struct {
	Status  int
	Title   string
	Message string
	// Back is the way back: the design the request was about, when it
	// opens, or else the home page.
	Back, BackLabel string
}

// ConnectView is the connect dialog for one source block.
type ConnectView struct {
	From, FromLabel string
	// To preselects a target (after dragging onto it).
	To      string
	Targets []ConnectTarget
}

// ConnectTarget is one block the source may, or may not, connect to.
type ConnectTarget struct {
	ID, Label string
	// IntegrationsJSON lists the allowed integrations as
	// [{"id","name","model","summary"}].
	IntegrationsJSON string
	// Refusal says why the pair cannot connect and what to do instead.
	Refusal string
}
