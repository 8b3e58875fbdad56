// Package components holds the templ components shared by pages: the
// diagram, the findings panel, the inspector form and the outline. Their
// view structs are computed here in Go, so that templates only render.
package components

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
	"github.com/archlab/archlab/web/components/route"
)

// Region ids: the parts of the editor that every edit re-renders. Handlers
// and templates share them through these constants.
const (
	RegionCanvas    = "canvas"
	RegionFindings  = "findings"
	RegionOutline   = "outline"
	RegionStatus    = "status"
	RegionInspector = "inspector"
	RegionTitle     = "design-title"
)

// DiagramView is a design laid out for drawing.
type DiagramView struct {
	Blocks  []BlockView
	Conns   []ConnView
	Groups  []GroupView
	ViewBox string
	Width   float64
	Height  float64
	// Models lists the invocation models the legend explains: those the
	// design's connections use. HasInferred and HasOutside say whether it
	// has an inferred connection or a block outside the design.
	Models                  []ModelView
	HasInferred, HasOutside bool
	ReadOnly                bool
	Title                   string
	// Standalone diagrams (SVG export, embeds) carry their own icons; pages
	// share one sprite.
	Standalone bool
	// Shared diagrams are one of several on a page (the gallery, a rule's
	// before and after): they take no element id and draw with the icons
	// and arrowheads of the page's sprite (PageDefs), so that ids stay
	// unique on the page.
	Shared bool
	// Heat is set when the design states traffic: each block carries its
	// utilisation band and figures (see capacity), the legend the heat
	// view's toggle and key, and MonthlyCost the estimated total.
	Heat        bool
	MonthlyCost string
	Prices      string
	Region      string
}

// BlockView is one block as drawn.
type BlockView struct {
	ID, Kind, Name, KindName, Category string
	X, Y                               float64
	// Badge summarises the block's findings; empty when it has none.
	Badge    Badge
	Label    string // the accessible name: "Lambda function CreateOrder, 2 warnings"
	Selected bool
	// Hidden props for small type lines under the name ("30 s · 512 MB").
	Detail string
	// Outside marks a block that stands for something outside the design
	// (drawn dashed, with a tag); Ref is its reference as written.
	Outside bool
	Ref     string
	// Lines is the name laid out in the block, whole.
	Lines NameView
	// Heat is the block's utilisation band for the heat view ("low",
	// "mid", "high", "over", "none", "idle"), and Figures its load and
	// cost in words; both empty when the design states no traffic.
	Heat, Figures string
}

// Badge is the count and worst severity of the findings about something.
type Badge struct {
	Count    int
	Severity rules.Severity
	// Accepted marks a badge counting only accepted findings: dimmed.
	Accepted bool
}

// Text is the badge's words, for screen readers and tooltips.
func (b Badge) Text() string {
	if b.Count == 0 {
		return "no findings"
	}
	if b.Accepted {
		return plural(b.Count, "accepted finding")
	}
	what := map[rules.Severity]string{rules.Error: "an error", rules.Warning: "a warning", rules.Info: "a note"}[b.Severity]
	if b.Count == 1 {
		return "1 finding: " + what
	}
	return fmt.Sprintf("%d findings, the worst %s", b.Count, what)
}

// ConnView is one connection as drawn.
type ConnView struct {
	ID, From, To, Integration, IntegrationName string
	Model                                      design.Model
	Path                                       string // SVG path data
	// NameLines are the integration's name, wrapped, written beside the
	// line with their box's top-left corner at NameX, NameY.
	NameLines    []string
	NameX, NameY float64
	// MarkX, MarkY is the top-left corner of the findings badge and the
	// inferred tag, side by side beside the line.
	MarkX, MarkY float64
	Badge        Badge
	Label        string
	Selected     bool
	// Inferred marks a connection resting only on evidence that a call may
	// happen (IAM, the environment); Because says what that evidence is.
	Inferred bool
	Because  string
}

// ModelView is one entry of the legend.
type ModelView struct {
	Model design.Model
	Title string
}

// margin around the drawing.
const margin = 40

// NewDiagram computes the drawing of a design.
func NewDiagram(d *design.Design, cat *design.Catalogue, findings []rules.Finding, selected string, readOnly bool) DiagramView {
	return NewReviewedDiagram(d, cat, findings, nil, selected, readOnly)
}

// NewReviewedDiagram is NewDiagram with the findings the design accepts:
// a block or connection whose every finding is accepted keeps a dimmed
// badge, so that what was accepted stays in sight without asking for
// attention.
func NewReviewedDiagram(d *design.Design, cat *design.Catalogue, findings, accepted []rules.Finding, selected string, readOnly bool) DiagramView {
	badges := badgesBySubject(findings)
	for s, b := range badgesBySubject(accepted) {
		if _, open := badges[s]; !open {
			b.Accepted = true
			badges[s] = b
		}
	}
	v := DiagramView{ReadOnly: readOnly, Title: d.Title}
	used := map[design.Model]bool{}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	pos := make(map[string]*design.Block, len(d.Blocks))
	for i := range d.Blocks {
		b := &d.Blocks[i]
		pos[b.ID] = b
		k := cat.Kind(b.Kind)
		bv := BlockView{ID: b.ID, Kind: b.Kind, Name: b.Label(), KindName: KindName(b, cat), Category: categoryClass(k.Category),
			X: b.X, Y: b.Y, Badge: badges[b.ID], Selected: b.ID == selected, Detail: blockDetail(b, cat)}
		bv.Lines = layoutName(bv.Name, bv.Detail != "")
		bv.Label = fmt.Sprintf("%s %s, %s", bv.KindName, b.Label(), bv.Badge.Text())
		if b.External != nil {
			bv.Outside, bv.Ref = true, b.External.Ref
			v.HasOutside = true
			bv.Label = fmt.Sprintf("%s %s, %s, %s", bv.KindName, b.Label(), OutsideText(b.External), bv.Badge.Text())
		}
		v.Blocks = append(v.Blocks, bv)
		minX, minY = math.Min(minX, b.X), math.Min(minY, b.Y)
		maxX, maxY = math.Max(maxX, b.X+design.BlockWidth), math.Max(maxY, b.Y+design.BlockHeight)
	}
	conns := make([]design.Connection, 0, len(d.Connections))
	for _, c := range d.Connections {
		if pos[c.From] != nil && pos[c.To] != nil {
			conns = append(conns, c)
		}
	}
	if len(d.Traffic) > 0 {
		r := capacity.Compute(d, cat, nil)
		v.Heat, v.MonthlyCost = true, capacity.Money(r.MonthlyCost)
		v.Prices, v.Region = r.Prices.Region+" prices of "+r.Prices.Date, r.Prices.Region
		for i := range v.Blocks {
			b := r.Block(v.Blocks[i].ID)
			v.Blocks[i].Heat, v.Blocks[i].Figures = b.Band(), b.Summary()
		}
	}
	routes := routeConnections(d.Blocks, conns)
	for i, c := range conns {
		from, to := pos[c.From], pos[c.To]
		in := cat.Integration(from.Kind, to.Kind, c.Integration)
		model, name := design.Model(""), c.Integration
		if in != nil {
			model, name = in.Model, in.Name
		}
		used[model] = true
		cv := ConnView{ID: c.ID, From: c.From, To: c.To, Integration: c.Integration, IntegrationName: name, Model: model,
			Path: pathData(routes.paths[i]), Badge: badges[c.ID], Selected: c.ID == selected}
		cv.Label = fmt.Sprintf("%s to %s, %s (%s), %s", from.Label(), to.Label(), name, model.Title(), cv.Badge.Text())
		if c.Inferred() {
			cv.Inferred, cv.Because = true, c.Because()
			v.HasInferred = true
			cv.Label = fmt.Sprintf("%s to %s, %s (%s), inferred: %s, %s", from.Label(), to.Label(), name, model.Title(), cv.Because, cv.Badge.Text())
		}
		v.Conns = append(v.Conns, cv)
	}
	// What is written beside the lines comes after every line is known,
	// so that none lands on a line drawn later: first the badges and
	// inferred tags, which must show, then the names.
	placer := route.NewPlacer(routes.boxes, routes.paths)
	for i := range v.Conns {
		c := &v.Conns[i]
		if w := markWidth(c); w > 0 {
			r := placer.Place(i, w, badgeSize)
			c.MarkX, c.MarkY = r.X, r.Y
			minX, minY, maxX, maxY = math.Min(minX, r.X), math.Min(minY, r.Y), math.Max(maxX, r.X+r.W), math.Max(maxY, r.Y+r.H)
		}
	}
	for i := range v.Conns {
		c := &v.Conns[i]
		r, lines, ok := placeName(placer, i, c.IntegrationName)
		if !ok {
			// No room beside the line that is not on a block: the name
			// stays in the connection's title and the inspector.
			continue
		}
		placer.Reserve(r)
		c.NameLines, c.NameX, c.NameY = lines, r.X, r.Y
		minX, minY, maxX, maxY = math.Min(minX, r.X), math.Min(minY, r.Y), math.Max(maxX, r.X+r.W), math.Max(maxY, r.Y+r.H)
	}
	for _, ps := range routes.paths {
		for _, p := range ps {
			minX, minY, maxX, maxY = math.Min(minX, p.X), math.Min(minY, p.Y), math.Max(maxX, p.X), math.Max(maxY, p.Y)
		}
	}
	for _, m := range design.Models {
		if used[m] {
			v.Models = append(v.Models, ModelView{Model: m, Title: m.Title()})
		}
	}
	if len(d.Blocks) == 0 {
		minX, minY, maxX, maxY = 0, 0, 800, 480
	}
	v.Groups = groupViews(d, selected)
	for _, g := range v.Groups {
		minX, minY = math.Min(minX, g.X), math.Min(minY, g.Y)
		maxX, maxY = math.Max(maxX, g.X+g.W), math.Max(maxY, g.Y+g.H)
	}
	v.Width = maxX - minX + 2*margin
	v.Height = maxY - minY + 2*margin
	v.ViewBox = fmt.Sprintf("%s %s %s %s", n(minX-margin), n(minY-margin), n(v.Width), n(v.Height))
	return v
}

// KindName names what a block is: its kind's name, or for the external
// kind the AWS service it belongs to ("AWS Batch"), when known.
func KindName(b *design.Block, cat *design.Catalogue) string {
	if b.Kind == design.KindExternal && b.External != nil && b.External.Service != "" {
		return design.ServiceName(b.External.Service)
	}
	if k := cat.Kind(b.Kind); k != nil {
		return k.Name
	}
	return b.Kind
}

// OutsideText says in words that a block is outside the design, with its
// reference when it has one: "outside this design (arn:aws:sqs:...)". A
// reference longer than MaxLabelRef characters is clipped, with an
// ellipsis: the text is a block's accessible name and tooltip, read on
// every visit; the inspector shows the whole reference.
func OutsideText(e *design.External) string {
	if e == nil {
		return ""
	}
	if e.Ref == "" {
		return "outside this design"
	}
	return "outside this design (" + clipText(e.Ref, MaxLabelRef) + ")"
}

// MaxLabelRef is the most characters of a reference a block's label shows.
const MaxLabelRef = 120

// clipText shortens s to at most n characters, the last an ellipsis when
// it was cut.
func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// badgesBySubject counts findings per subject with the worst severity.
func badgesBySubject(fs []rules.Finding) map[string]Badge {
	out := map[string]Badge{}
	for _, f := range fs {
		for _, s := range f.Subjects {
			b := out[s]
			if b.Count == 0 || f.Severity.Rank() < b.Severity.Rank() {
				b.Severity = f.Severity
			}
			b.Count++
			out[s] = b
		}
	}
	return out
}

// n prints a coordinate compactly: SVG size matters for 500-block designs.
func n(f float64) string {
	if f == math.Trunc(f) {
		return fmt.Sprintf("%d", int64(f))
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.1f", f), "0"), ".")
}

// categoryClass turns a catalogue category into a CSS class.
func categoryClass(category string) string {
	switch category {
	case design.CategoryClients:
		return "cat-clients"
	case design.CategoryAPIs:
		return "cat-apis"
	case design.CategoryCompute:
		return "cat-compute"
	case design.CategoryMessaging:
		return "cat-messaging"
	case design.CategoryOrchestration:
		return "cat-orchestration"
	case design.CategoryData:
		return "cat-data"
	}
	return "cat-identity"
}

// blockDetail is the small line under a block's name: its most telling
// settings.
func blockDetail(b *design.Block, cat *design.Catalogue) string {
	var parts []string
	show := func(name, unit string) {
		if v, ok := b.Props.Number(name); ok {
			parts = append(parts, design.FormatNumber(v)+" "+unit)
		}
	}
	switch b.Kind {
	case "lambda":
		show("Timeout", "s")
		show("MemorySize", "MB")
	case "sqs":
		if v, _ := cat.Value(b, "FifoQueue"); v == true {
			parts = append(parts, "FIFO")
		}
		show("VisibilityTimeout", "s visibility")
	case "sns":
		if v, _ := cat.Value(b, "FifoTopic"); v == true {
			parts = append(parts, "FIFO")
		}
	case "stepfunctions":
		if v, _ := cat.Value(b, "Type"); v != nil {
			parts = append(parts, strings.ToLower(fmt.Sprint(v)))
		}
	case "kinesis":
		show("ShardCount", "shards")
	}
	return strings.Join(slices.Compact(parts), " · ")
}

// SeverityWord names a severity for people.
func SeverityWord(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "Error"
	case rules.Warning:
		return "Warning"
	}
	return "Info"
}

// How many characters of a block's kind (11 px) and detail (10.5 px) fit
// in the 106 px beside its icon, ellipsis included: "API Gateway REST API"
// cut at 19 ran past the block's edge. The name is never cut (names.go).
const (
	kindChars   = 17
	detailChars = 18
)

// clip shortens text to n characters with an ellipsis; the full text is in
// the element's title and accessible name.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// severityClass is the CSS class of a block's worst finding.
func severityClass(b Badge) string {
	if b.Count == 0 || b.Accepted {
		return ""
	}
	return "sev-" + string(b.Severity)
}

// AllModels is every invocation model with its title, for a page's shared
// arrowheads.
func AllModels() []ModelView {
	out := make([]ModelView, len(design.Models))
	for i, m := range design.Models {
		out[i] = ModelView{Model: m, Title: m.Title()}
	}
	return out
}
