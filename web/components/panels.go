package components

import (
	"encoding/json"
	"strings"

	"github.com/a-h/templ"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// oob marks a region for htmx's out-of-band swap when it is part of an
// edit's response rather than of a whole page.
func oob(on bool) templ.Attributes {
	if on {
		return templ.Attributes{"hx-swap-oob": "true"}
	}
	return templ.Attributes{}
}

// FindingsView is the findings panel.
type FindingsView struct {
	Groups []FindingGroup
	Total  int
	// Accepted are the findings the design accepts, listed apart.
	Accepted []rules.Finding
	ReadOnly bool
	OOB      bool
}

// FindingGroup is the findings of one severity.
type FindingGroup struct {
	Severity rules.Severity
	Findings []rules.Finding
}

// NewFindings groups findings by severity, worst first.
func NewFindings(fs []rules.Finding, readOnly, oob bool) FindingsView {
	v := FindingsView{Total: len(fs), ReadOnly: readOnly, OOB: oob}
	for _, s := range rules.Severities {
		var g FindingGroup
		g.Severity = s
		for _, f := range fs {
			if f.Severity == s {
				g.Findings = append(g.Findings, f)
			}
		}
		if len(g.Findings) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	return v
}

// WithAccepted adds the findings the design accepts to the panel.
func (v FindingsView) WithAccepted(accepted []rules.Finding) FindingsView {
	v.Accepted = accepted
	return v
}

// acceptedTitle heads the accepted findings.
func acceptedTitle(n int) string {
	return "Accepted (" + design.FormatNumber(float64(n)) + ")"
}

// acceptedReason says why a finding is accepted.
func acceptedReason(a *design.Accepted) string {
	if a == nil || a.Reason == "" {
		return "Accepted without a reason given."
	}
	return "Accepted: " + a.Reason
}

// acceptedWho says who accepted a finding, when, and until when.
func acceptedWho(a *design.Accepted) string {
	if a == nil {
		return ""
	}
	return a.Who()
}

// groupTitle is a severity group's heading.
func groupTitle(s rules.Severity, n int) string {
	word := map[rules.Severity]string{rules.Error: "Errors", rules.Warning: "Warnings", rules.Info: "Suggestions"}[s]
	return word + " (" + design.FormatNumber(float64(n)) + ")"
}

// opsJSON encodes a fix for the button that applies it.
func opsJSON(ops design.Ops) string {
	b, err := json.Marshal(ops)
	if err != nil {
		return "[]"
	}
	return string(b)
}

// severityCount is a count of findings of one severity, as the findings
// bar shows it: "2 errors", "1 warning".
func severityCount(s rules.Severity, n int) string {
	word := map[rules.Severity]string{rules.Error: "error", rules.Warning: "warning", rules.Info: "suggestion"}[s]
	if n != 1 {
		word += "s"
	}
	return design.FormatNumber(float64(n)) + " " + word
}

// SeverityIcon is a glyph that says the severity without colour.
func SeverityIcon(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "⬣"
	case rules.Warning:
		return "▲"
	}
	return "●"
}

// StatusView is the save state shown at all times.
type StatusView struct {
	Version int
	// State is "saved", "conflict", "error" or "reconnecting" (the
	// database is away; the editor sends the change again).
	State   string
	Message string
	// Ops and Inverse describe the edit just applied by this request, for
	// the editor's undo history.
	Ops     design.Ops
	Inverse design.Ops
	OOB     bool
}

// Text is what the status line says.
func (s StatusView) Text() string {
	switch s.State {
	case "conflict", "error", "reconnecting":
		return s.Message
	}
	return "Saved · v" + design.FormatNumber(float64(s.Version))
}

// OutlineView is the text outline of a design.
type OutlineView struct {
	Items    []OutlineItem
	OOB      bool
	ReadOnly bool
}

// OutlineItem is one block and the connections leaving it.
type OutlineItem struct {
	ID, Label string
	Badge     Badge
	Conns     []OutlineConn
}

// OutlineConn is one connection in the outline.
type OutlineConn struct {
	ID, Text string
	Badge    Badge
}

// NewOutline lists blocks and their outgoing connections in words.
func NewOutline(d *design.Design, cat *design.Catalogue, fs []rules.Finding, oob, readOnly bool) OutlineView {
	badges := badgesBySubject(fs)
	v := OutlineView{OOB: oob, ReadOnly: readOnly}
	out := map[string][]design.Connection{}
	for _, c := range d.Connections {
		out[c.From] = append(out[c.From], c)
	}
	for _, b := range d.Blocks {
		item := OutlineItem{ID: b.ID, Label: KindName(&b, cat) + " " + b.Label(), Badge: badges[b.ID]}
		if b.External != nil {
			item.Label += ", outside this design"
		}
		for _, c := range out[b.ID] {
			to := d.Block(c.To)
			name := c.Integration
			if in := cat.Integration(b.Kind, to.Kind, c.Integration); in != nil {
				name = in.Name
			}
			if c.Inferred() {
				name = "inferred " + name
			}
			item.Conns = append(item.Conns, OutlineConn{ID: c.ID, Text: "to " + to.Label() + " (" + name + ")", Badge: badges[c.ID]})
		}
		v.Items = append(v.Items, item)
	}
	return v
}

// PaletteGroup is one category of the palette.
type PaletteGroup struct {
	Category string
	Kinds    []*design.Kind
}

// NewPalette groups the catalogue's kinds by category.
func NewPalette(cat *design.Catalogue) []PaletteGroup {
	var out []PaletteGroup
	for _, c := range design.Categories {
		g := PaletteGroup{Category: c}
		for _, k := range cat.Kinds() {
			if k.Category == c {
				g.Kinds = append(g.Kinds, k)
			}
		}
		if len(g.Kinds) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// joinSubjects is the space-separated subject list of data attributes.
func joinSubjects(s []string) string { return strings.Join(s, " ") }

// statusData carries the applied edit on the status element.
func statusData(v StatusView) templ.Attributes {
	a := templ.Attributes{}
	if len(v.Ops) > 0 {
		a["data-ops"] = opsJSON(v.Ops)
		a["data-inverse"] = opsJSON(v.Inverse)
	}
	return a
}
