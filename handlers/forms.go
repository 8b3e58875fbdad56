package handlers

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/archlab/archlab/design"
	"github.com/archlab/archlab/web/components"
)

// validate checks the fixed-shape forms; one instance caches struct rules.
var validate = validator.New(validator.WithRequiredStructEnabled())

// inspectorForm is the fixed part of the inspector's form. The property
// fields (p:<Name>) depend on the selection and are read with the
// catalogue's types by propPatch.
type inspectorForm struct {
	Target      string  `validate:"required,oneof=block connection design"`
	ID          string  `validate:"required_unless=Target design,max=128"`
	BaseVersion int     `validate:"min=1"`
	Name        *string `validate:"omitempty,max=120"`
	Title       *string `validate:"omitempty,max=200"`
	Description *string `validate:"omitempty,max=20000"`
	Integration string  `validate:"max=64"`
}

func optional(form url.Values, name string) *string {
	if _, ok := form[name]; !ok {
		return nil
	}
	v := form.Get(name)
	return &v
}

// fieldNames maps the form struct's fields to the names users see: the
// labels of the inspector's fields, or for the hidden ones the form's names.
var fieldNames = map[string]string{"Target": "target", "ID": "id", "BaseVersion": "baseVersion", "Name": "Name",
	"Title": "Title", "Description": "Description", "Integration": "Integration"}

// validationError turns validator's errors into a domain error naming the
// first bad field in words.
func validationError(err error) error {
	var ve validator.ValidationErrors
	if !errors.As(err, &ve) || len(ve) == 0 {
		return design.Invalid("", "the form is not valid")
	}
	fe := ve[0]
	field := fieldNames[fe.Field()]
	switch fe.Tag() {
	case "required", "required_unless":
		return design.Invalid(field, "is required")
	case "max":
		return design.Invalid(field, "is longer than %s characters", fe.Param())
	case "min":
		return design.Invalid(field, "must be at least %s", fe.Param())
	case "oneof":
		return design.Invalid(field, "must be one of %s", strings.ReplaceAll(fe.Param(), " ", ", "))
	}
	return design.Invalid(field, "is not valid (%s)", fe.Tag())
}

// editorProps saves the inspector form. Only the properties that changed
// become an operation, so that two people editing different properties of
// one block never conflict. A value the catalogue refuses comes back in the
// form, with its error, exactly as typed.
func (h *Handler) editorProps(w http.ResponseWriter, r *http.Request, s *editorSession) {
	if err := r.ParseForm(); err != nil {
		h.editorRefused(w, r, s, "", bodyError(err), nil)
		return
	}
	form := inspectorForm{
		Target: r.PostForm.Get("target"), ID: r.PostForm.Get("id"),
		Name: optional(r.PostForm, "name"), Title: optional(r.PostForm, "title"), Description: optional(r.PostForm, "description"),
		Integration: r.PostForm.Get("integration"),
	}
	form.BaseVersion, _ = strconv.Atoi(r.PostForm.Get("baseVersion"))
	if err := validate.Struct(form); err != nil {
		h.editorRefused(w, r, s, form.ID, validationError(err), nil)
		return
	}
	op, typed, err := h.formOp(s.design, form, r.PostForm)
	if err != nil {
		h.editorRefused(w, r, s, form.ID, err, typed)
		return
	}
	var batchOps design.Ops
	if op != nil {
		batchOps = append(batchOps, *op)
	}
	if form.Target == "block" {
		if typed == nil {
			typed = &components.Typed{Values: map[string][]string{}, Errors: map[string]string{}, Name: form.Name}
		}
		extra, err := trafficOps(s.design, form.ID, r.PostForm, typed)
		if err != nil {
			h.editorRefused(w, r, s, form.ID, err, typed)
			return
		}
		batchOps = append(batchOps, extra...)
	}
	if len(batchOps) == 0 {
		// Nothing changed: confirm the state without a new version.
		h.render(w, r, http.StatusOK, "", components.Status(components.StatusView{State: "saved", Version: s.design.Version, OOB: true}))
		return
	}
	batch := r.PostForm.Get("batch")
	if err := design.CheckBatchID("batch", batch); err != nil {
		h.editorRefused(w, r, s, form.ID, err, nil)
		return
	}
	h.applyFromEditor(w, r, s, design.Batch{ID: batch, BaseVersion: form.BaseVersion, Ops: batchOps}, form.ID, typed)
}

// formOp turns the inspector form into the operation that saves what
// changed, or nil when nothing did.
func (h *Handler) formOp(d *design.Design, f inspectorForm, values url.Values) (*design.Op, *components.Typed, error) {
	typed := &components.Typed{Values: map[string][]string{}, Errors: map[string]string{}, Name: f.Name}
	switch f.Target {
	case "design":
		if f.Title != nil && *f.Title != d.Title {
			return &design.Op{Op: design.OpSetTitle, Title: f.Title}, nil, nil
		}
		if f.Description != nil && *f.Description != d.Description {
			return &design.Op{Op: design.OpSetDescription, Description: f.Description}, nil, nil
		}
		return nil, nil, nil
	case "block":
		b := d.Block(f.ID)
		if b == nil {
			return nil, nil, design.Invalid("id", "the block %q is no longer in the design", f.ID)
		}
		op := &design.Op{Op: design.OpUpdateBlock, ID: b.ID}
		if f.Name != nil && *f.Name != b.Name {
			op.Name = f.Name
		}
		patch, err := propPatch(h.cat.Kind(b.Kind).Props, b.Props, values, typed)
		if err != nil {
			return nil, typed, err
		}
		if len(patch) > 0 {
			op.Props = patch
		}
		ext, err := h.externalPatch(b, values, typed)
		if err != nil {
			return nil, typed, err
		}
		op.External = ext
		if op.Name == nil && op.Props == nil && op.External == nil {
			return nil, nil, nil
		}
		return op, typed, nil
	case "connection":
		c := d.Connection(f.ID)
		if c == nil {
			return nil, nil, design.Invalid("id", "the connection %q is no longer in the design", f.ID)
		}
		from, to := d.Block(c.From), d.Block(c.To)
		op := &design.Op{Op: design.OpUpdateConnection, ID: c.ID}
		if f.Integration != "" && f.Integration != c.Integration {
			// A new integration brings its own properties: save the choice
			// alone and show the new form.
			op.Integration = &f.Integration
			return op, nil, nil
		}
		in := h.cat.Integration(from.Kind, to.Kind, c.Integration)
		if in == nil {
			return nil, nil, nil
		}
		patch, err := propPatch(in.Props, c.Props, values, typed)
		if err != nil {
			return nil, typed, err
		}
		if len(patch) == 0 {
			return nil, nil, nil
		}
		op.Props = patch
		return op, typed, nil
	}
	return nil, nil, nil
}

// externalPatch reads the "Outside this design" control of a block's form:
// the marker the block should carry when it differs from the one it has
// (an empty one brings the block back into the design), or nil.
func (h *Handler) externalPatch(b *design.Block, values url.Values, typed *components.Typed) (*design.External, error) {
	raw, shown := values[components.FieldOutside]
	if !shown {
		return nil, nil
	}
	typed.Values[components.FieldOutside] = raw
	external := b.Kind == design.KindExternal
	outside := external || components.LastValue(raw) == "on"
	var cur design.External
	if b.External != nil {
		cur = *b.External
	}
	var next design.External
	if outside {
		next = cur
		if ref, ok := values[components.FieldRef]; ok {
			typed.Values[components.FieldRef] = ref
			next.Ref = strings.TrimSpace(components.LastValue(ref))
			if next.Ref != cur.Ref {
				next.Default = "" // the default of the parameter the old reference named
			}
		}
		if service, ok := values[components.FieldService]; ok && external {
			typed.Values[components.FieldService] = service
			next.Service = strings.TrimSpace(components.LastValue(service))
		}
		if next == (design.External{}) && !external {
			// An empty marker would bring the block back: name the service
			// its kind implies, or, for a kind of no AWS service (a client),
			// ask for its reference. (An Other AWS service may stay with
			// neither, as when it is added.)
			next.Service = h.cat.ServiceOf(&design.Block{Kind: b.Kind})
			if next.Service == "" {
				msg := "is needed to mark it outside the design: how the template names it (an ARN, a parameter, an import)"
				typed.Errors[components.FieldRef] = msg
				return nil, design.Invalid(components.FieldRef, "%s", msg)
			}
		}
	}
	if (b.External == nil && !outside) || (b.External != nil && outside && next == cur) {
		return nil, nil
	}
	return &next, nil
}

// formField maps the field a refused save of the inspector's form names
// ("ops[0].props.CapacityProviderConfig.Arn", "ops[0].external.service",
// "props.Timeout") to the inspector field it concerns, as Typed keys it,
// and the label people see beside that field; "", "" when none does.
func (h *Handler) formField(d *design.Design, selected, field string) (key, label string) {
	if i := strings.Index(field, "]."); strings.HasPrefix(field, "ops[") && i > 0 {
		field = field[i+2:]
	}
	b := d.Block(selected)
	external := b != nil && b.Kind == design.KindExternal
	switch {
	case strings.HasPrefix(field, "props."):
		// Property names hold dots of their own ("DeadLetterConfig.Arn").
		key = strings.TrimPrefix(field, "props.")
		label = key
		if p := h.propOf(d, selected, key); p != nil {
			label = p.DisplayName()
		}
		return key, label
	case field == components.FieldRef || (field == "external" && !external):
		return components.FieldRef, "Reference"
	case field == components.FieldService || field == "external":
		return components.FieldService, "Service"
	}
	return "", ""
}

// propOf finds a property of the selected block's kind or connection's
// integration, or nil.
func (h *Handler) propOf(d *design.Design, selected, name string) *design.Prop {
	var schema []design.Prop
	if b := d.Block(selected); b != nil {
		if k := h.cat.Kind(b.Kind); k != nil {
			schema = k.Props
		}
	} else if c := d.Connection(selected); c != nil {
		if from, to := d.Block(c.From), d.Block(c.To); from != nil && to != nil {
			if in := h.cat.Integration(from.Kind, to.Kind, c.Integration); in != nil {
				schema = in.Props
			}
		}
	}
	for i := range schema {
		if schema[i].Name == name {
			return &schema[i]
		}
	}
	return nil
}

// propPatch reads the form's property fields with the schema's types and
// returns the properties whose values changed (nil unsets one). Typed
// values and errors are recorded in typed for the re-rendered form.
func propPatch(schema []design.Prop, current design.Props, values url.Values, typed *components.Typed) (map[string]any, error) {
	patch := map[string]any{}
	var first error
	for i := range schema {
		p := &schema[i]
		raw, ok := values["p:"+p.Name]
		if !ok {
			continue
		}
		typed.Values[p.Name] = raw
		v, err := parseField(p, raw)
		if err != nil {
			typed.Errors[p.Name] = err.Error()
			if first == nil {
				first = design.Invalid("props."+p.Name, "%s", err)
			}
			continue
		}
		old, had := current[p.Name]
		switch {
		case v == nil && !had:
		case v == nil:
			patch[p.Name] = nil
		case !had || !design.Equal(old, v):
			// Only a changed value is held to the catalogue's bounds: one
			// imported outside them stays as written (the rules report
			// it) when another field of the form is saved.
			if why := outOfBounds(p, v); why != "" {
				typed.Errors[p.Name] = why
				if first == nil {
					first = design.Invalid("props."+p.Name, "%s", why)
				}
				continue
			}
			patch[p.Name] = v
		}
	}
	if first != nil {
		return nil, first
	}
	return patch, nil
}

// parseField reads one field as typed by a person: empty means "not set"
// (AWS's default applies); numbers may have thousands separators.
func parseField(p *design.Prop, raw []string) (any, error) {
	text := strings.TrimSpace(components.LastValue(raw))
	switch p.Type {
	case design.TypeList:
		var items []any
		for _, r := range raw {
			for _, line := range strings.Split(r, "\n") {
				if line = strings.TrimSpace(line); line != "" && !slices.Contains(items, any(line)) {
					items = append(items, line)
				}
			}
		}
		if len(items) == 0 {
			return nil, nil
		}
		return items, nil
	}
	if text == "" {
		return nil, nil
	}
	switch p.Type {
	case design.TypeInteger, design.TypeNumber:
		clean := strings.NewReplacer(",", "", "_", "", " ", "").Replace(text)
		f, err := strconv.ParseFloat(clean, 64)
		if err != nil {
			example := "30"
			if p.Default != nil {
				example = design.FormatNumber(p.Default.(float64))
			}
			return nil, fmt.Errorf("must be a number, such as %s; %q is not one", example, text)
		}
		if p.Type == design.TypeInteger && f != float64(int64(f)) {
			return nil, fmt.Errorf("must be a whole number; %q is not", text)
		}
		return f, nil
	case design.TypeBoolean:
		switch text {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fmt.Errorf("must be true or false")
	case design.TypeJSON:
		var v any
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			return nil, fmt.Errorf("is not valid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
		}
		return v, nil
	}
	return text, nil
}

// outOfBounds says why AWS refuses a value the catalogue bounds (a range, a
// fixed set of numbers, a name's length and characters, a list of values),
// or "" when it accepts it. The message names what is allowed and what was
// typed, for the field's inline error.
func outOfBounds(p *design.Prop, v any) string {
	if ok, _ := p.Allowed(v); ok {
		return ""
	}
	var refused string
	switch v := v.(type) {
	case float64:
		refused = design.FormatNumber(v)
		if p.Unit != "" {
			refused += " " + p.Unit
		}
	case []any:
		for _, it := range v {
			if s, _ := it.(string); !slices.Contains(p.Values, s) {
				refused = strconv.Quote(s)
				break
			}
		}
	default:
		refused = strconv.Quote(fmt.Sprint(v))
	}
	switch {
	case p.Type == design.TypeList:
		return fmt.Sprintf("may hold only %s; AWS refuses %s", strings.Join(p.Values, ", "), refused)
	case len(p.Values) > 0 || (len(p.Numbers) > 0 && p.Range == nil):
		return fmt.Sprintf("must be one of %s; AWS refuses %s", p.RangeText(), refused)
	}
	return fmt.Sprintf("must be %s; AWS refuses %s", p.RangeText(), refused)
}
