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

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
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
	// Models lists the invocation models the legend explains.
	Models   []ModelView
	ReadOnly bool
	Title    string
	// Standalone diagrams (SVG export, embeds) carry their own icons; pages
	// share one sprite.
	Standalone bool
	// Shared diagrams are one of several on a page (the gallery, a rule's
	// before and after): they take no element id and draw with the icons
	// and arrowheads of the page's sprite (PageDefs), so that ids stay
	// unique on the page.
	Shared bool
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
}

// Badge is the count and worst severity of the findings about something.
type Badge struct {
	Count    int
	Severity rules.Severity
}

// Text is the badge's words, for screen readers and tooltips.
func (b Badge) Text() string {
	if b.Count == 0 {
		return "no findings"
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
	LabelX, LabelY                             float64
	Badge                                      Badge
	Label                                      string
	Selected                                   bool
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
	badges := badgesBySubject(findings)
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
			bv.Label = fmt.Sprintf("%s %s, %s, %s", bv.KindName, b.Label(), OutsideText(b.External), bv.Badge.Text())
		}
		v.Blocks = append(v.Blocks, bv)
		minX, minY = math.Min(minX, b.X), math.Min(minY, b.Y)
		maxX, maxY = math.Max(maxX, b.X+design.BlockWidth), math.Max(maxY, b.Y+design.BlockHeight)
	}
	// Connections between the same two blocks fan out a little so that
	// each stays visible and clickable.
	seen := map[[2]string]int{}
	for _, c := range d.Connections {
		from, to := pos[c.From], pos[c.To]
		if from == nil || to == nil {
			continue
		}
		pair := [2]string{min(c.From, c.To), max(c.From, c.To)}
		nth := seen[pair]
		seen[pair]++
		in := cat.Integration(from.Kind, to.Kind, c.Integration)
		model, name := design.Model(""), c.Integration
		if in != nil {
			model, name = in.Model, in.Name
		}
		used[model] = true
		path, lx, ly := connPath(from, to, nth)
		cv := ConnView{ID: c.ID, From: c.From, To: c.To, Integration: c.Integration, IntegrationName: name, Model: model,
			Path: path, LabelX: lx, LabelY: ly, Badge: badges[c.ID], Selected: c.ID == selected}
		cv.Label = fmt.Sprintf("%s to %s, %s (%s), %s", from.Label(), to.Label(), name, model.Title(), cv.Badge.Text())
		if c.Inferred() {
			cv.Inferred, cv.Because = true, c.Because()
			cv.Label = fmt.Sprintf("%s to %s, %s (%s), inferred: %s, %s", from.Label(), to.Label(), name, model.Title(), cv.Because, cv.Badge.Text())
		}
		v.Conns = append(v.Conns, cv)
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

// connPath draws a connection: from the right edge of its source to the
// left edge of its target when the target lies to the right; between the
// facing bottom and top edges when one is above the other; and around,
// below both, when the target lies behind.
func connPath(from, to *design.Block, nth int) (string, float64, float64) {
	offset := float64(nth) * 12
	x1, y1 := from.X+design.BlockWidth, from.Y+design.BlockHeight/2+offset
	x2, y2 := to.X, to.Y+design.BlockHeight/2+offset
	if x2 >= x1+24 {
		dx := math.Max(40, (x2-x1)/2)
		return fmt.Sprintf("M%s %sC%s %s %s %s %s %s", n(x1), n(y1), n(x1+dx), n(y1), n(x2-dx), n(y2), n(x2), n(y2)),
			(x1 + x2) / 2, (y1+y2)/2 - 6
	}
	if math.Abs(from.X-to.X) < design.BlockWidth && math.Abs(from.Y-to.Y) >= design.BlockHeight+16 {
		cx1, cx2 := from.X+design.BlockWidth/2+offset, to.X+design.BlockWidth/2+offset
		ya, yb := from.Y+design.BlockHeight, to.Y // downwards
		if to.Y < from.Y {
			ya, yb = from.Y, to.Y+design.BlockHeight
		}
		dy := (yb - ya) / 2
		return fmt.Sprintf("M%s %sC%s %s %s %s %s %s", n(cx1), n(ya), n(cx1), n(ya+dy), n(cx2), n(yb-dy), n(cx2), n(yb)),
			(cx1+cx2)/2 + 12, (ya + yb) / 2
	}
	low := math.Max(from.Y, to.Y) + design.BlockHeight + 28 + offset
	return fmt.Sprintf("M%s %sC%s %s %s %s %s %sS%s %s %s %s", n(x1), n(y1), n(x1+60), n(y1), n(x1+60), n(low), n((x1+x2)/2), n(low),
			n(x2-60), n(y2), n(x2), n(y2)),
		(x1 + x2) / 2, low - 6
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

// inferredTagY places an inferred connection's tag on its line, below
// the badge when there is one.
func inferredTagY(c ConnView) float64 {
	if c.Badge.Count > 0 {
		return c.LabelY + 24
	}
	return c.LabelY + 10
}

// severityClass is the CSS class of a block's worst finding.
func severityClass(b Badge) string {
	if b.Count == 0 {
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
