package iac

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/archlab/archlab/design"
)

// CloudFormation exports a design as a plain CloudFormation template: the
// SAM template SAMWithNotes writes (so a design imported from a template
// keeps its parameters, conditions, outputs and the resources archlab does
// not model) with the SAM transform applied the way SAM applies it.
// Functions become Lambda functions with their execution roles, events the
// mappings, subscriptions, rules, notifications and permissions SAM
// generates, APIs a REST or HTTP API with its OpenAPI body, deployment and
// stage. What archlab cannot translate faithfully is refused with an
// *UnsupportedError naming the feature, never written half right.
//
// The notes add to SAM's what the template leaves to the person deploying
// it: local code paths are packaged by `aws cloudformation package`.
func CloudFormation(d *design.Design, cat *design.Catalogue) ([]byte, []Note, error) {
	sam, notes, err := SAMWithNotes(d, cat)
	if err != nil {
		return nil, nil, err
	}
	out, more, err := samToCloudFormation(sam)
	if err != nil {
		return nil, nil, err
	}
	return out, append(notes, more...), nil
}

// UnsupportedError is a SAM feature the CloudFormation export does not
// translate: the template must be exported as SAM for it.
type UnsupportedError struct {
	Resource string // the logical id of the resource that uses it
	Feature  string // the type, property or event type, as the template names it
	Why      string // what the feature is, when the name alone does not say
}

func (e *UnsupportedError) Error() string {
	why := e.Why
	if why == "" {
		why = "has no plain CloudFormation form archlab can write"
	}
	return fmt.Sprintf("cloudformation export: %s (%s) %s; export as SAM", e.Resource, e.Feature, why)
}

func unsupported(resource, feature string) error {
	return &UnsupportedError{Resource: resource, Feature: feature}
}

// samToCloudFormation translates a SAM template. A template that is plain
// CloudFormation already is returned as it is.
func samToCloudFormation(sam []byte) ([]byte, []Note, error) {
	root, err := parse(sam)
	if err != nil {
		return nil, nil, fmt.Errorf("cloudformation export: reading the SAM template: %w", err)
	}
	if root.kind != mapNode || root.get("Resources") == nil || root.get("Resources").kind != mapNode {
		return nil, nil, fmt.Errorf("cloudformation export: the SAM template has no Resources mapping")
	}
	if !samTemplate(root) {
		return sam, nil, nil
	}
	c := newCFN(root.clone())
	if err := c.translate(); err != nil {
		return nil, nil, err
	}
	out, err := renderCFN(c.root)
	if err != nil {
		return nil, nil, err
	}
	return out, c.notes, nil
}

// samTemplate reports whether a template needs the SAM transform: it names
// it, or it has a resource of a SAM type.
func samTemplate(root *node) bool {
	if hasSAMTransform(root.get("Transform")) || root.get("Globals") != nil {
		return true
	}
	for _, def := range root.get("Resources").vals {
		if strings.HasPrefix(textOr(def.get("Type"), ""), "AWS::Serverless::") {
			return true
		}
	}
	return false
}

// cfn is one translation.
type cfn struct {
	root    *node
	in      *node             // the SAM template's Resources
	types   map[string]string // SAM resource types by logical id
	taken   map[string]bool   // logical ids of the input and the output
	globals map[string]*node
	out     []cfnRes
	notes   []Note
	// names maps the names SAM lets a template reference in Ref (and Sub)
	// to the resources they stand for: "Fn.Alias", "Api.Stage".
	names map[string]string
	apis  map[string]*cfnAPI
	// implicit are the APIs SAM creates for events naming none.
	implicit []string
	// roles are the generated execution roles by the resource they serve,
	// so events can add the policies their sources need.
	roles map[string]*node
	noted map[string]bool
}

// cfnRes is one resource of the output.
type cfnRes struct {
	id  string
	def *node
	// api, when set, is an API whose body, deployment and stage are only
	// known once every function's events have been read.
	api *cfnAPI
}

func newCFN(root *node) *cfn {
	c := &cfn{root: root, in: root.get("Resources"), types: map[string]string{}, taken: map[string]bool{},
		globals: map[string]*node{}, names: map[string]string{}, apis: map[string]*cfnAPI{},
		roles: map[string]*node{}, noted: map[string]bool{}}
	for i, id := range c.in.keys {
		c.taken[id] = true
		c.types[id] = textOr(c.in.vals[i].get("Type"), "")
	}
	return c
}

func (c *cfn) note(msg string) {
	if !c.noted[msg] {
		c.noted[msg] = true
		c.notes = append(c.notes, Note{Message: msg})
	}
}

// translate applies the transform to c.root.
func (c *cfn) translate() error {
	c.dropTransform()
	if g := c.root.get("Globals"); g != nil {
		if g.kind != mapNode {
			return fmt.Errorf("cloudformation export: Globals must be a mapping")
		}
		for i, section := range g.keys {
			if g.vals[i].kind != mapNode {
				return fmt.Errorf("cloudformation export: Globals.%s must be a mapping", section)
			}
			c.globals[section] = g.vals[i]
		}
		c.root.del("Globals")
	}
	// Properties take their Globals first, and every API is known before
	// the functions whose events add routes to it.
	for i, id := range c.in.keys {
		def := c.in.vals[i]
		if def.kind != mapNode {
			return fmt.Errorf("cloudformation export: resource %s is not a mapping", id)
		}
		typ := c.types[id]
		if section, ok := samGlobals[typ]; ok {
			props := def.get("Properties")
			if props != nil && props.kind != mapNode {
				return fmt.Errorf("cloudformation export: %s: Properties must be a mapping", id)
			}
			merged := mergeGlobals(globalsFor(c.globals[section], def.get("IgnoreGlobals")), props)
			if merged == nil {
				merged = &node{kind: mapNode}
			}
			def.set("Properties", merged.clone())
			def.del("IgnoreGlobals")
		}
		if typ == "AWS::Serverless::Api" || typ == "AWS::Serverless::HttpApi" {
			if err := c.declareAPI(id, def); err != nil {
				return err
			}
		}
	}
	for i, id := range c.in.keys {
		if err := c.resource(id, c.in.vals[i]); err != nil {
			return err
		}
	}
	for _, role := range c.roles {
		tidyRole(role)
	}
	for _, id := range c.implicit {
		c.out = append(c.out, cfnRes{id: id, api: c.apis[id]})
	}
	res := &node{kind: mapNode}
	for _, r := range c.out {
		if r.api != nil {
			gen, err := c.finishAPI(r.api)
			if err != nil {
				return err
			}
			for _, g := range gen {
				res.set(g.id, g.def)
			}
			continue
		}
		res.set(r.id, r.def)
	}
	c.root.set("Resources", res)
	c.rewriteNames(c.root)
	return c.unresolvedNames(c.root)
}

// dropTransform removes the SAM transform and keeps any other, which
// CloudFormation applies itself.
func (c *cfn) dropTransform() {
	t := c.root.get("Transform")
	if t == nil {
		return
	}
	if t.kind == seqNode {
		t.items = slices.DeleteFunc(t.items, func(it *node) bool { return hasSAMTransform(it) })
		if len(t.items) > 0 {
			return
		}
	} else if !hasSAMTransform(t) {
		return
	}
	c.root.del("Transform")
}

// resource translates one resource of the SAM template into c.out.
func (c *cfn) resource(id string, def *node) error {
	typ := c.types[id]
	if def.get("Connectors") != nil {
		return &UnsupportedError{Resource: id, Feature: "Connectors", Why: "(embedded connectors) are not translated by archlab"}
	}
	if !strings.HasPrefix(typ, "AWS::Serverless::") {
		c.out = append(c.out, cfnRes{id: id, def: def})
		return nil
	}
	switch typ {
	case "AWS::Serverless::Function":
		return c.function(id, def)
	case "AWS::Serverless::Api", "AWS::Serverless::HttpApi":
		c.out = append(c.out, cfnRes{id: id, api: c.apis[id]})
		return nil
	case "AWS::Serverless::StateMachine":
		return c.stateMachine(id, def)
	case "AWS::Serverless::SimpleTable":
		return c.simpleTable(id, def)
	case "AWS::Serverless::LayerVersion":
		return c.layer(id, def)
	case "AWS::Serverless::Application":
		return &UnsupportedError{Resource: id, Feature: "AWS::Serverless::Application from the Serverless Application Repository", Why: "has no plain CloudFormation form"}
	}
	return unsupported(id, typ)
}

// claim takes a logical id for a generated resource; SAM refuses a
// template whose resource already has the name it would generate, and so
// does the export.
func (c *cfn) claim(owner, id string) (string, error) {
	if c.taken[id] {
		return "", &UnsupportedError{Resource: owner, Feature: id, Why: "is the name of a resource SAM would generate, and the template already has a resource of that name"}
	}
	c.taken[id] = true
	return id, nil
}

// emit adds a generated resource, with the Condition of the resource it
// was generated for.
func (c *cfn) emit(owner *node, id, typ string, props *node) *node {
	def := nmap("Type", typ)
	if cond := owner.get("Condition"); cond != nil {
		def.set("Condition", cond.clone())
	}
	def.set("Properties", props)
	c.out = append(c.out, cfnRes{id: id, def: def})
	return def
}

// mainResource is the resource a SAM resource becomes: its own logical id,
// its attributes (Condition, DependsOn, Metadata, deletion policies) kept.
func mainResource(def *node, typ string, props *node) *node {
	out := nmap("Type", typ)
	for _, attr := range []string{"Condition", "DependsOn", "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy"} {
		if v := def.get(attr); v != nil {
			out.set(attr, v)
		}
	}
	out.set("Properties", props)
	return out
}

// copyProps copies the named properties that are set from one mapping to
// another.
func copyProps(dst, src *node, names ...string) {
	for _, k := range names {
		if v := src.get(k); v != nil {
			dst.set(k, v)
		}
	}
}

// checkProps refuses a property archlab does not translate, by name.
func checkProps(id string, props *node, known map[string]bool) error {
	if props == nil {
		return nil
	}
	for _, k := range props.keys {
		if !known[k] {
			return unsupported(id, k)
		}
	}
	return nil
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// tagList turns SAM's Tags mapping into CloudFormation's list of Key and
// Value.
func tagList(id string, tags *node) (*node, error) {
	if tags == nil {
		return nil, nil
	}
	if tags.kind != mapNode {
		return nil, &UnsupportedError{Resource: id, Feature: "Tags", Why: "is not a mapping of tag names to values"}
	}
	out := nseq()
	for i, k := range tags.keys {
		out.items = append(out.items, nmap("Key", k, "Value", tags.vals[i]))
	}
	return out, nil
}

// renderCFN writes the translated template as YAML, with Ref, GetAtt and
// Sub in their short forms.
func renderCFN(root *node) ([]byte, error) {
	y := jsonToYAML(root)
	shortIntrinsics(y)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{y}}); err != nil {
		return nil, fmt.Errorf("cloudformation export: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("cloudformation export: %w", err)
	}
	return buf.Bytes(), nil
}

// shortIntrinsics writes {"Ref": X} as !Ref X, {"Fn::GetAtt": [X, A]} as
// !GetAtt X.A and {"Fn::Sub": "..."} as !Sub "...", as people write them.
func shortIntrinsics(y *yaml.Node) {
	for _, c := range y.Content {
		shortIntrinsics(c)
	}
	if y.Kind != yaml.MappingNode || len(y.Content) != 2 {
		return
	}
	k, v := y.Content[0].Value, y.Content[1]
	switch {
	case k == "Ref" && v.Kind == yaml.ScalarNode && v.Tag == "!!str":
		*y = yaml.Node{Kind: yaml.ScalarNode, Tag: "!Ref", Value: v.Value}
	case k == "Fn::GetAtt" && v.Kind == yaml.SequenceNode && len(v.Content) == 2 &&
		v.Content[0].Kind == yaml.ScalarNode && v.Content[1].Kind == yaml.ScalarNode && v.Content[1].Tag == "!!str":
		*y = yaml.Node{Kind: yaml.ScalarNode, Tag: "!GetAtt", Value: v.Content[0].Value + "." + v.Content[1].Value}
	case k == "Fn::Sub" && v.Kind == yaml.ScalarNode && v.Tag == "!!str" && !strings.Contains(v.Value, "\n"):
		*y = yaml.Node{Kind: yaml.ScalarNode, Tag: "!Sub", Value: v.Value}
	default:
		return
	}
	if strings.ContainsAny(y.Value, ":{}[],&*#?|<>=!%@`\"' ") || y.Value == "" {
		y.Style = yaml.DoubleQuotedStyle
	}
}
