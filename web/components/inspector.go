package components

import (
	"fmt"
	"slices"
	"strings"

	"github.com/a-h/templ"

	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/rules"
)

// InspectorView is the form for the selected block, connection, or the
// design itself when nothing is selected.
type InspectorView struct {
	// Target is "block", "connection" or "design".
	Target      string
	ID          string
	Heading     string
	Subheading  string
	Name        string // block display name, or the design's title
	Description string // the design's description
	// Integration and its choices, for a connection.
	Integration  string
	Integrations []Option
	// Groups is the "Group" section, for a block or a group.
	Groups *GroupSectionView
	// Fields are the essentials, shown first; Advanced the other
	// CloudFormation properties, folded away unless one holds an error;
	// Estimates the design estimates, folded too.
	Fields       []FieldView
	Advanced     []FieldView
	Estimates    []FieldView
	AdvancedOpen bool
	BaseVersion  int
	// Action is where the form posts; empty when read-only.
	Action   string
	ReadOnly bool
	// Message explains a refused save; the typed values stay in the form.
	Message  string
	Findings []rules.Finding
	OOB      bool
	// KB is the article on the selected block's kind, and KBTopic what it
	// explains, for its link's name.
	KB      string
	KBTopic string
	// Outside, for a block, is the "Outside this design" control: whether
	// the block stands for something outside the design, its reference as
	// written and, for the external kind (always outside), its service.
	Outside      bool
	ExternalKind bool
	// RefNeeded is set for a kind of no AWS service (a client): marking it
	// outside takes a reference, so ticking the box only shows the field,
	// and the block is saved outside once a reference is given.
	RefNeeded    bool
	Ref          string
	Service      string
	RefError     string
	ServiceError string
	// Evidence, for a connection, is what it rests on, in words; Inferred
	// is set when that is only permissions or the environment, and
	// DeclareOps is then the edit of "Mark as declared".
	Evidence   []EvidenceView
	Inferred   bool
	DeclareOps string
	// Traffic is a block's traffic and assumptions section.
	Traffic *TrafficView
}

// EvidenceView is one thing a connection rests on, in words.
type EvidenceView struct {
	Declared bool
	Basis    design.Basis
	Text     string
}

// Line is the evidence as the inspector lists it: "Declared in the
// designer", "Declared: subscription in the template", "Inferred: the role
// allows kinesis:PutRecord".
func (e EvidenceView) Line() string {
	switch {
	case e.Basis == design.BasisDrawn:
		return "Declared " + e.Text
	case e.Declared:
		return "Declared: " + e.Text
	}
	return "Inferred: " + e.Text
}

// FieldView is one property's input.
type FieldView struct {
	Name, Label, Type, Unit string
	// CloudFormation is the property's name in templates, shown beside
	// its label; empty for a design estimate, which is no property.
	CloudFormation string
	// Value is what the input shows: the design's value, or what the user
	// typed when a save was refused.
	Value       string
	Values      []string // for lists
	Choices     []string // a list's known values, shown as checkboxes
	Placeholder string
	Help        string
	Options     []Option
	Error       string
	KB          string
	// Min, Max and Step, and Pattern, MinLength and MaxLength, are the
	// catalogue's bounds as input attributes, so that the browser marks a
	// value out of bounds as it is typed; the server refuses it.
	Min, Max, Step                string
	Pattern, MinLength, MaxLength string
}

// InputID is the element id of the field's input.
func (f FieldView) InputID() string { return "prop-" + strings.ReplaceAll(f.Name, ".", "-") }

// Checked reports whether a list field holds a value.
func (f FieldView) Checked(v string) bool { return slices.Contains(f.Values, v) }

// Option is one choice of a select.
type Option struct {
	Value, Label string
	Selected     bool
}

// Typed holds form values as the user typed them, by property name, with
// their errors; a refused save re-renders the form from it.
type Typed struct {
	Values map[string][]string
	Errors map[string]string
	Name   *string
}

// NewInspector builds the inspector for a selection. typed, when not nil,
// overrides the design's values with what the user typed.
func NewInspector(d *design.Design, cat *design.Catalogue, fs []rules.Finding, selected, action string, readOnly bool, typed *Typed) InspectorView {
	v := InspectorView{BaseVersion: d.Version, Action: action, ReadOnly: readOnly}
	if readOnly {
		v.Action = ""
	}
	for _, f := range fs {
		if slices.Contains(f.Subjects, selected) {
			v.Findings = append(v.Findings, f)
		}
	}
	if b := d.Block(selected); b != nil {
		k := cat.Kind(b.Kind)
		v.Target, v.ID, v.Name = "block", b.ID, b.Name
		v.Heading, v.Subheading, v.KB, v.KBTopic = b.Label(), KindName(b, cat), k.KB, k.Name
		if b.Kind == design.KindExternal && v.Subheading != k.Name {
			v.Subheading += " (" + k.Name + ")"
		}
		v.Fields, v.Advanced, v.Estimates = fields(k.Props, b.Props, d, typed, b.External != nil)
		v.ExternalKind = b.Kind == design.KindExternal
		if b.External != nil {
			v.Outside, v.Ref, v.Service = true, b.External.Ref, b.External.Service
		}
		v.Outside = v.Outside || v.ExternalKind
		v.RefNeeded = !v.ExternalKind && cat.ServiceOf(&design.Block{Kind: b.Kind}) == ""
		v.Groups = blockGroups(d, cat, b.ID)
		var model *capacity.Result
		if len(d.Traffic) > 0 {
			model = capacity.Compute(d, cat, nil)
		}
		v.Traffic = newTrafficView(d, b, model, typed)
		if typed != nil {
			if t, ok := typed.Values[FieldOutside]; ok {
				v.Outside = v.ExternalKind || LastValue(t) == "on"
			}
			if t, ok := typed.Values[FieldRef]; ok {
				v.Ref = LastValue(t)
			}
			if t, ok := typed.Values[FieldService]; ok {
				v.Service = LastValue(t)
			}
			v.RefError, v.ServiceError = typed.Errors[FieldRef], typed.Errors[FieldService]
		}
	} else if c := d.Connection(selected); c != nil {
		from, to := d.Block(c.From), d.Block(c.To)
		v.Target, v.ID, v.Integration = "connection", c.ID, c.Integration
		v.Heading = from.Label() + " → " + to.Label()
		in := cat.Integration(from.Kind, to.Kind, c.Integration)
		if in != nil {
			v.Subheading = in.Name + " · " + in.Model.Title()
			v.Fields, v.Advanced, v.Estimates = fields(in.Props, c.Props, d, typed, false)
		}
		for _, o := range cat.Integrations(from.Kind, to.Kind) {
			v.Integrations = append(v.Integrations, Option{Value: o.ID, Label: o.Name + " (" + o.Model.Title() + ")", Selected: o.ID == c.Integration})
		}
		v.Evidence = evidence(c)
		if c.Inferred() {
			v.Inferred = true
			v.DeclareOps = opsJSON(design.Ops{{Op: design.OpUpdateConnection, ID: c.ID, Evidence: []design.Evidence{{Basis: design.BasisDrawn}}}})
		}
	} else if g := d.Group(selected); g != nil {
		v = groupInspector(v, d, g)
	} else {
		v.Target, v.Heading = "design", "Design"
		v.Name, v.Description = d.Title, d.Description
		v.Subheading = fmt.Sprintf("%d blocks · %d connections · version %d", len(d.Blocks), len(d.Connections), d.Version)
	}
	for _, f := range v.Advanced {
		v.AdvancedOpen = v.AdvancedOpen || f.Error != ""
	}
	if typed != nil && typed.Name != nil {
		v.Name = *typed.Name
	}
	if typed != nil {
		if e, ok := typed.Errors["name"]; ok {
			v.Message = "Name: " + e
		}
	}
	return v
}

// OutsideKB is the article on blocks outside the design and inferred
// connections; OutsideKBBlocks and OutsideKBInferred are its sections.
const (
	OutsideKB         = "/kb/outside-the-design"
	OutsideKBBlocks   = OutsideKB + "#blocks-outside-the-design"
	OutsideKBInferred = OutsideKB + "#declared-and-inferred-connections"
)

// The inspector's fields for a block outside the design, as the form
// names them and as Typed and the errors of a refused save key them.
const (
	FieldOutside = "outside"
	FieldRef     = "external.ref"
	FieldService = "external.service"
)

// describedBy lists the ids of what describes the input with id: its
// error, when it has one, read first, then its help. Every input of the
// inspector names its error and help this way, so that a screen reader
// user coming back to a refused field hears why.
func describedBy(id, err string) string {
	if err != "" {
		return id + "-error " + id + "-help"
	}
	return id + "-help"
}

// invalid marks an input whose value was refused; aria-invalid must say
// "true", as an empty value means false.
func invalid(err string) templ.Attributes {
	if err == "" {
		return nil
	}
	return templ.Attributes{"aria-invalid": "true"}
}

// serviceName names a service namespace for people, or "" when archlab
// knows no name for it.
func serviceName(namespace string) string {
	if n := design.ServiceName(namespace); n != namespace {
		return n
	}
	return ""
}

// LastValue is the value a form field stands at: the last one sent, as a
// checkbox sends "on" after its hidden "" fallback; "" when none was.
func LastValue(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[len(values)-1]
}

// evidence says what a connection rests on; one drawn without evidence
// was declared by drawing it.
func evidence(c *design.Connection) []EvidenceView {
	if len(c.Evidence) == 0 {
		return []EvidenceView{{Declared: true, Basis: design.BasisDrawn, Text: EvidenceText(design.Evidence{Basis: design.BasisDrawn})}}
	}
	out := make([]EvidenceView, 0, len(c.Evidence))
	for _, e := range c.Evidence {
		ev := EvidenceView{Declared: !e.Basis.Inferred(), Basis: e.Basis, Text: EvidenceText(e)}
		if !slices.Contains(out, ev) {
			out = append(out, ev)
		}
	}
	return out
}

// EvidenceText says one piece of evidence in words: "in the designer"
// (drawn there, or marked declared), "event source mapping in the
// template", "the role allows kinesis:PutRecord".
func EvidenceText(e design.Evidence) string {
	detail := ""
	if e.Detail != "" {
		detail = " (" + e.Detail + ")"
	}
	switch e.Basis {
	case design.BasisDrawn:
		return "in the designer"
	case design.BasisEventSource:
		return "event source in the template" + detail
	case design.BasisEventSourceMapping:
		return "event source mapping in the template" + detail
	case design.BasisSubscription:
		return "subscription in the template" + detail
	case design.BasisTarget:
		return "target in the template" + detail
	case design.BasisDestination:
		return "destination or dead-letter queue in the template" + detail
	case design.BasisIntegration:
		return "integration in the template" + detail
	case design.BasisNotification:
		return "notification in the template" + detail
	case design.BasisResolver:
		return "AppSync data source in the template" + detail
	case design.BasisTask:
		return "task state of the state machine" + detail
	case design.BasisIAM:
		if e.Detail == "" {
			return "the role allows access"
		}
		return "the role allows " + e.Detail
	case design.BasisPolicyTemplate:
		if e.Detail == "" {
			return "a SAM policy template allows it"
		}
		return "the SAM policy template " + e.Detail + " allows it"
	case design.BasisEnvironment:
		return "an environment variable names it" + detail
	case design.BasisConnector:
		if e.Detail == "" {
			return "a SAM connector grants access"
		}
		return "a SAM connector grants " + e.Detail
	}
	return string(e.Basis) + detail
}

// unknownText stands for an unset property of a block outside the design:
// someone else configured it, so AWS's default says nothing about it.
const unknownText = "unknown (outside this design)"

// fields turns a property schema and values into inputs: the essentials,
// the other CloudFormation properties, and the design estimates. A
// property that does not apply (a FIFO-only setting of a standard queue)
// is left out while it holds no value; one that holds a value stays, so
// that it can be seen and cleared. A schema that marks no essentials
// shows all its properties as essentials. For a block outside the design
// (unknown), an unset property is unknown rather than AWS's default.
func fields(schema []design.Prop, props design.Props, d *design.Design, typed *Typed, unknown bool) (essential, advanced, estimates []FieldView) {
	marked := slices.ContainsFunc(schema, func(p design.Prop) bool { return p.Essential })
	for i := range schema {
		p := &schema[i]
		f := FieldView{Name: p.Name, Label: p.HumanLabel(), Type: string(p.Type), Unit: p.Unit, KB: p.KB}
		if !p.Estimate {
			f.CloudFormation = p.Name
		}
		f.Help = p.Summary
		if r := p.RangeText(); r != "" && (p.Type == design.TypeInteger || p.Type == design.TypeNumber || p.Text != nil) {
			f.Help += " Allowed: " + r + "."
		}
		switch {
		case unknown:
			f.Placeholder = unknownText
		case p.Default != nil:
			f.Placeholder = valueText(p.Default) + " (AWS default)"
		default:
			f.Placeholder = "not set"
		}
		f.Value = valueText(props[p.Name])
		if l, ok := props[p.Name].([]any); ok {
			for _, it := range l {
				f.Values = append(f.Values, fmt.Sprint(it))
			}
		}
		_, held := props[p.Name]
		if typed != nil {
			if tv, ok := typed.Values[p.Name]; ok {
				f.Values = tv
				f.Value = strings.Join(tv, ",")
				if len(tv) == 1 {
					f.Value = tv[0]
				}
			}
			f.Error = typed.Errors[p.Name]
			held = held || f.Error != ""
		}
		if !held && !p.AppliesTo(schema, appliedProps(schema, props, typed)) {
			continue
		}
		bounds(&f, p)
		f.Options = options(p, f.Value, d, unknown)
		if p.Type == design.TypeList {
			f.Choices = p.Values
		}
		switch {
		case p.Estimate:
			estimates = append(estimates, f)
		case p.Essential || !marked:
			essential = append(essential, f)
		default:
			advanced = append(advanced, f)
		}
	}
	return essential, advanced, estimates
}

// appliedProps are the values the conditions of a schema's properties
// look at: the design's, with a refused form's typed values of the
// schema's own properties on top, so that a form re-rendered after a
// refusal offers what the typed values call for.
func appliedProps(schema []design.Prop, props design.Props, typed *Typed) design.Props {
	if typed == nil || len(typed.Values) == 0 {
		return props
	}
	out := make(design.Props, len(props))
	for k, v := range props {
		out[k] = v
	}
	for i := range schema {
		p := &schema[i]
		tv, ok := typed.Values[p.Name]
		if !ok || p.Type != design.TypeBoolean && p.Type != design.TypeEnum {
			continue
		}
		switch t := LastValue(tv); {
		case t == "":
			delete(out, p.Name)
		case p.Type == design.TypeBoolean:
			out[p.Name] = t == "true"
		default:
			out[p.Name] = t
		}
	}
	return out
}

// options lists a select's choices, with an entry for "not set" first that
// names AWS's default (or, outside the design, says it is unknown).
func options(p *design.Prop, current string, d *design.Design, unknown bool) []Option {
	unset := "Not set"
	switch {
	case unknown:
		unset = "Unknown (outside this design)"
	case p.Default != nil:
		unset = "Default (" + valueText(p.Default) + ")"
	}
	var choices []string
	switch p.Type {
	case design.TypeEnum:
		choices = p.Values
	case design.TypeBoolean:
		choices = []string{"true", "false"}
	case design.TypeRef:
		for _, b := range d.Blocks {
			if slices.Contains(p.Kinds, b.Kind) {
				choices = append(choices, b.ID)
			}
		}
	case design.TypeInteger, design.TypeNumber:
		if len(p.Numbers) == 0 {
			return nil
		}
		for _, n := range p.Numbers {
			choices = append(choices, design.FormatNumber(n))
		}
		current = strings.ReplaceAll(current, ",", "")
		for i := range choices {
			choices[i] = strings.ReplaceAll(choices[i], ",", "")
		}
	default:
		return nil
	}
	out := []Option{{Value: "", Label: unset, Selected: current == ""}}
	for _, c := range choices {
		out = append(out, Option{Value: c, Label: c, Selected: c == current})
	}
	if current != "" && !slices.Contains(choices, current) {
		// A value AWS refuses, imported or just refused, stays shown as
		// it is rather than turning into "not set" on the next save.
		out = append(out, Option{Value: current, Label: current + " (not allowed)", Selected: true})
	}
	return out
}

// bounds sets a field's input attributes from the property's bounds. A
// range with exceptions (-1 for "forever") gives none: the browser would
// mark the exception.
func bounds(f *FieldView, p *design.Prop) {
	if (p.Type == design.TypeInteger || p.Type == design.TypeNumber) && p.Range != nil && len(p.Also) == 0 {
		f.Min, f.Max = plainNumber(p.Range.Min), plainNumber(p.Range.Max)
		f.Step = "any"
		if p.Type == design.TypeInteger {
			f.Step = "1"
		}
	}
	if p.Type == design.TypeString && p.Text != nil {
		f.Pattern = HTMLPattern(p.Text)
		f.MinLength, f.MaxLength = fmt.Sprint(p.Text.Min), fmt.Sprint(p.Text.Max)
	}
}

func plainNumber(v float64) string { return strings.ReplaceAll(design.FormatNumber(v), ",", "") }

// valueText prints a value for an input.
func valueText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		return strings.ReplaceAll(design.FormatNumber(v), ",", "")
	case string:
		return v
	case bool:
		return fmt.Sprint(v)
	case []any:
		parts := make([]string, len(v))
		for i, it := range v {
			parts[i] = fmt.Sprint(it)
		}
		return strings.Join(parts, ",")
	}
	b, err := design.MarshalReadable(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// listText shows a list one item per line.
func listText(values []string) string { return strings.Join(values, "\n") }
