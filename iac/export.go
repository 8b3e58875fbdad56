package iac

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/archlab/archlab/design"
)

// SAM exports a design as an AWS SAM template: a deployable skeleton that
// keeps the design's meaning. Functions get their events (queues, streams,
// topics, APIs, buckets), queues their redrive policies, topics their
// subscriptions, rules and schedules their targets with retry policies and
// dead-letter queues, state machines a definition that calls their tasks,
// functions the policies their SDK calls need and their destinations. Code
// locations and the like are placeholders to fill in.
//
// What a template cannot say (display names, design-time estimates, clients
// and outside endpoints, the few settings no resource property holds) is
// kept under Metadata.archlab, so that importing the export gives the
// design back whole. The exporter checks this itself: it imports what it
// wrote and records every difference in the metadata.
//
// A design imported from a template (one with a Source) exports as that
// template, with only the design's edits applied (see source.go).
func SAM(d *design.Design, cat *design.Catalogue) ([]byte, error) {
	out, _, err := SAMWithNotes(d, cat)
	return out, err
}

// SAMWithNotes is SAM, also saying what of the design's edits could not be
// written into the template it was imported from, and is kept in the
// archlab metadata instead.
func SAMWithNotes(d *design.Design, cat *design.Catalogue) ([]byte, []Note, error) {
	if d.Source != nil {
		out, notes, err := exportSource(d, cat)
		if !errors.Is(err, errSourceUnreadable) {
			return out, notes, err
		}
		fresh := d.Clone()
		fresh.Source = nil
		_, out, err = exportSAM(fresh, cat)
		return out, []Note{{Message: "archlab cannot write back into the template this design was imported from (it holds what YAML refuses), so this is archlab's own template of the design"}}, err
	}
	_, out, err := exportSAM(d, cat)
	return out, nil, err
}

// exportSAM is SAM, also returning the exporter for tests to look into.
func exportSAM(d *design.Design, cat *design.Catalogue) (*exporter, []byte, error) {
	d = d.Clone()
	if err := d.Validate(cat); err != nil {
		return nil, nil, fmt.Errorf("iac: export: %w", err)
	}
	x := newExporter(d, cat)
	x.build()
	first, err := x.render()
	if err != nil {
		return nil, nil, err
	}
	imp, err := importOwn(first, d.Title, cat)
	if err != nil {
		return nil, nil, fmt.Errorf("iac: export: reading the export back: %w\n%s", err, first)
	}
	x.reconcile(imp.Design)
	out, err := x.render()
	if err != nil {
		return x, nil, err
	}
	out, err = x.renameAcceptedConnections(out)
	return x, out, err
}

// exporter builds one template.
type exporter struct {
	d   *design.Design
	cat *design.Catalogue

	resources *omap // logical id → *outRes
	out       map[string]*outRes
	byID      map[string]*design.Block
	used      map[string]bool
	meta      exportMeta
	// events and policies gathered per function before they are written.
	events   map[string]*omap
	policies map[string][]any
	// defaultBus is the id of the default bus block, which has no resource.
	defaultBus string
	// tasks are the task connections of state machines without a
	// definition of their own, which the export writes one for.
	tasks map[string][]*design.Connection
	// wsAuthorizers maps a WebSocket API to its authorizer resource.
	wsAuthorizers map[string]string
	// params are the template parameters that name blocks outside the
	// design (see export_outside.go).
	params *omap
	// permitted are the sources outside the design, and the functions,
	// that a permission lets call them.
	permitted map[[2]string]bool
	// deliveryRoles maps a Custom Event Bus subscriber to its delivery
	// role's logical id.
	deliveryRoles map[string]string
	// keepNames is set for a design imported from a template (see
	// source.go): what the export writes for a connection takes the name
	// the template gave it (a SAM event, a subscription), so that the
	// export and the template line up where they say the same.
	keepNames bool
	// sourceTypes are the types of the resources of the template the
	// design was imported from, by logical id: a connection the template
	// writes as a resource of its own (an AWS::Lambda::EventSourceMapping)
	// is exported as one.
	sourceTypes map[string]string
	// eventNames are the names the template gives the SAM events of each
	// connection (Imported.EventNames); used names are taken off.
	eventNames map[string][]string
	// renames maps connection ids to the ids an import of the export
	// gives them, for the accepted findings about them.
	renames map[string]string
}

type outRes struct {
	id, typ string
	props   *omap
	meta    *omap // Metadata.archlab
	depends []string
}

func newExporter(d *design.Design, cat *design.Catalogue) *exporter {
	x := &exporter{d: d, cat: cat, resources: newMap(), out: map[string]*outRes{}, byID: map[string]*design.Block{},
		used: map[string]bool{}, events: map[string]*omap{}, policies: map[string][]any{},
		tasks: map[string][]*design.Connection{}, wsAuthorizers: map[string]string{},
		permitted: map[[2]string]bool{}, deliveryRoles: map[string]string{}}
	for i := range d.Blocks {
		x.byID[d.Blocks[i].ID] = &d.Blocks[i]
		x.used[d.Blocks[i].ID] = true
	}
	return x
}

// resourceType returns the type a block is exported as, or "" for blocks
// kept in the metadata.
func (x *exporter) resourceType(b *design.Block) string {
	k := x.cat.Kind(b.Kind)
	if k == nil || len(k.CloudFormation) == 0 || b.External != nil {
		return "" // outside the design: someone else's resource
	}
	if b.Kind == "eventbridge-bus" {
		if name, _ := b.Props.String("Name"); name == "" || name == "default" {
			return "" // the default bus exists in every account
		}
	}
	return k.CloudFormation[0]
}

// add creates a resource under a free logical id based on name.
func (x *exporter) add(name, typ string) *outRes {
	id := x.free(name)
	r := &outRes{id: id, typ: typ, props: newMap()}
	x.out[id] = r
	x.resources.set(id, r)
	return r
}

// free returns a logical id not yet taken: name, or name2, name3, ...
func (x *exporter) free(name string) string {
	name = logicalID(name)
	if !x.used[name] {
		x.used[name] = true
		return name
	}
	for i := 2; ; i++ {
		id := fmt.Sprintf("%s%d", name, i)
		if !x.used[id] {
			x.used[id] = true
			return id
		}
	}
}

// logicalID keeps the letters and digits of a name, capitalised at each
// word, the way CloudFormation wants logical ids.
func logicalID(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if up {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			up = false
			continue
		}
		up = true
	}
	out := b.String()
	if out == "" || !unicode.IsLetter(rune(out[0])) {
		out = "R" + out
	}
	if len(out) > 120 {
		out = out[:120]
	}
	return out
}

func (x *exporter) build() {
	x.meta.Title = x.d.Title
	x.meta.Groups = x.d.Groups
	x.meta.Traffic, x.meta.Assumptions = x.d.Traffic, x.d.Assumptions
	if len(x.d.Description) > 1024 {
		x.meta.Description = x.d.Description
	}
	// Blocks first, so that connections can find their resources.
	for i := range x.d.Blocks {
		b := &x.d.Blocks[i]
		typ := x.resourceType(b)
		if typ == "" {
			x.meta.Blocks = append(x.meta.Blocks, metaBlock{ID: b.ID, Kind: b.Kind, Name: b.Name, Props: b.Props, External: b.External})
			if b.Kind == "eventbridge-bus" && b.External == nil {
				x.defaultBus = b.ID
			}
			if b.External != nil {
				// Not rendered: connections that name it from resources of
				// the design are written, with what names it (see
				// export_outside.go); the rest stay in the metadata.
				x.out[b.ID] = &outRes{id: b.ID, typ: outsideType, props: newMap()}
			}
			continue
		}
		r := &outRes{id: b.ID, typ: typ, props: newMap()}
		x.out[b.ID] = r
		x.resources.set(b.ID, r)
	}
	for i := range x.d.Blocks {
		b := &x.d.Blocks[i]
		if r := x.out[b.ID]; r != nil {
			x.blockProps(b, r)
		}
	}
	// Authorizers first, so that the routes that use them can name them.
	for i := range x.d.Connections {
		if c := &x.d.Connections[i]; c.Integration == design.IntAuthorizer {
			x.connection(c)
		}
	}
	for i := range x.d.Connections {
		if c := &x.d.Connections[i]; c.Integration != design.IntAuthorizer {
			x.connection(c)
		}
	}
	x.defaultAuthorizers()
	for i := range x.d.Blocks {
		if b := &x.d.Blocks[i]; b.Kind == "stepfunctions" && x.out[b.ID] != nil {
			x.definition(b, x.out[b.ID])
		}
	}
	// Events and policies gathered along the way.
	for i := range x.d.Blocks {
		b := &x.d.Blocks[i]
		r := x.out[b.ID]
		if r == nil {
			continue
		}
		if ev := x.events[b.ID]; ev != nil {
			r.props.set("Events", ev)
		}
		if pol := x.policies[b.ID]; len(pol) > 0 {
			switch cur := r.props.get("Policies").(type) {
			case []any:
				r.props.set("Policies", append(slices.Clone(cur), pol...))
			case nil:
				r.props.set("Policies", pol)
			default:
				r.props.set("Policies", append([]any{cur}, pol...))
			}
		}
		x.skeleton(b, r)
	}
}

// render writes the template.
func (x *exporter) render() ([]byte, error) {
	out, err := encodeYAML(x.tree())
	if err != nil {
		return nil, fmt.Errorf("iac: export: %w", err)
	}
	return out, nil
}

// tree is the template as values: *omap mappings in the order they are
// written, intrinsic functions, lists and scalars.
func (x *exporter) tree() *omap {
	root := newMap()
	root.set("AWSTemplateFormatVersion", "2010-09-09")
	root.set("Transform", "AWS::Serverless-2016-10-31")
	desc := x.d.Description
	if desc == "" {
		desc = x.d.Title
	}
	if len(desc) > 1024 {
		desc = desc[:1021] + "..."
	}
	root.set("Description", desc)
	root.child("Metadata").set(metadataKey, x.metaValue())
	accepted, acceptedHere := x.acceptedMetadata()
	acceptedHere.writeTo(root.child("Metadata"))
	x.params = nil
	res := newMap()
	for _, id := range x.resources.keys {
		r := x.resources.get(id).(*outRes)
		m := newMap()
		m.set("Type", r.typ)
		if len(r.depends) > 0 {
			m.set("DependsOn", r.depends)
		}
		if r.meta != nil && len(r.meta.keys) > 0 {
			m.child("Metadata").set(metadataKey, cloneOut(r.meta))
		}
		if !accepted[id].empty() {
			accepted[id].writeTo(m.child("Metadata"))
		}
		if len(r.props.keys) > 0 {
			m.set("Properties", x.resolveOutside(cloneOut(r.props)))
		}
		res.set(id, m)
	}
	if x.params != nil {
		root.set("Parameters", x.params)
	}
	root.set("Resources", res)
	return root
}

func (x *exporter) metaValue() *omap {
	m := newMap()
	m.set("title", x.meta.Title)
	if x.meta.Description != "" {
		m.set("description", x.meta.Description)
	}
	if len(x.meta.Blocks) > 0 {
		var list []any
		for _, b := range x.meta.Blocks {
			e := newMap()
			e.set("id", b.ID)
			e.set("kind", b.Kind)
			if b.Name != "" {
				e.set("name", b.Name)
			}
			if len(b.Props) > 0 {
				e.set("props", map[string]any(b.Props))
			}
			if b.External != nil {
				ext := newMap()
				if b.External.Ref != "" {
					ext.set("ref", b.External.Ref)
				}
				if b.External.Default != "" {
					ext.set("default", b.External.Default)
				}
				if b.External.Service != "" {
					ext.set("service", b.External.Service)
				}
				e.set("external", ext)
			}
			list = append(list, e)
		}
		m.set("blocks", list)
	}
	for _, part := range []struct {
		key  string
		list []metaConn
	}{{"connections", x.meta.Connections}, {"unwired", x.meta.Unwired}} {
		if len(part.list) == 0 {
			continue
		}
		var list []any
		for _, c := range part.list {
			e := newMap()
			e.set("from", c.From)
			e.set("to", c.To)
			e.set("integration", c.Integration)
			if part.key == "connections" {
				e.set("props", map[string]any(c.Props))
				if c.Props == nil {
					e.set("props", map[string]any{})
				}
				if len(c.Evidence) > 0 {
					var ev []any
					for _, x := range c.Evidence {
						em := newMap()
						em.set("basis", string(x.Basis))
						if x.Detail != "" {
							em.set("detail", x.Detail)
						}
						ev = append(ev, em)
					}
					e.set("evidence", ev)
				}
			}
			list = append(list, e)
		}
		m.set(part.key, list)
	}
	if len(x.meta.Groups) > 0 {
		m.set("groups", metaGroupsValue(x.meta.Groups))
	}
	if len(x.meta.Traffic) > 0 {
		m.set("traffic", metaTrafficValue(x.meta.Traffic))
	}
	if len(x.meta.Assumptions) > 0 {
		m.set("assumptions", metaTrafficValue(x.meta.Assumptions))
	}
	return m
}

// blockProps writes a block's properties at their CloudFormation paths.
func (x *exporter) blockProps(b *design.Block, r *outRes) {
	k := x.cat.Kind(b.Kind)
	paths := propPaths[r.typ]
	for _, p := range k.Props {
		v, ok := b.Props[p.Name]
		if !ok || p.Estimate {
			continue
		}
		alts, special := paths[p.Name]
		if special && len(alts) == 0 {
			x.specialProp(b, r, p.Name, v)
			continue
		}
		path := p.Name
		if special {
			path = alts[0]
		}
		if p.Type == design.TypeRef {
			x.refProp(r, path, v.(string))
			continue
		}
		if p.Name == "Architectures" {
			v = []any{v}
		}
		r.props.setPath(path, x.value(v, p.Type))
	}
}

// value turns a design value into what the template holds: strings with
// ${Resource} or ${AWS::Region} become !Sub.
func (x *exporter) value(v any, typ design.PropType) any {
	s, ok := v.(string)
	if !ok || typ == design.TypeJSON || !strings.Contains(s, "${") {
		return v
	}
	for _, m := range subVar.FindAllStringSubmatch(s, -1) {
		name := m[1]
		base, _, _ := strings.Cut(name, ".")
		if strings.HasPrefix(name, "AWS::") || x.out[base] != nil {
			continue
		}
		return s // a ${...} that is not a variable here stays literal
	}
	return sub(s)
}

// refProp writes a property that names another block.
func (x *exporter) refProp(r *outRes, path, target string) {
	switch {
	case strings.HasSuffix(path, "ErrorAction"):
		// IoT rule error actions name their service.
		act := newMap()
		switch x.byID[target].Kind {
		case "sqs":
			act.child("Sqs").set("QueueUrl", ref(target))
			act.child("Sqs").set("RoleArn", x.roleArn(r.id))
		case "sns":
			act.child("Sns").set("TargetArn", ref(target))
			act.child("Sns").set("RoleArn", x.roleArn(r.id))
		case "s3":
			act.child("S3").set("BucketName", ref(target))
			act.child("S3").set("Key", "errors/${topic()}")
			act.child("S3").set("RoleArn", x.roleArn(r.id))
		}
		r.props.setPath(path, act)
	default:
		r.props.setPath(path, x.arn(target))
	}
}

// specialProp writes the properties that are not at their names' paths.
func (x *exporter) specialProp(b *design.Block, r *outRes, name string, v any) {
	switch name {
	case "Policies":
		r.props.set("Policies", v)
	case "Subscription":
		r.props.set("Subscription", v)
	case "LogRetentionInDays":
		lg := x.add(b.ID+"LogGroup", "AWS::Logs::LogGroup")
		lg.props.set("LogGroupName", sub("/aws/lambda/${"+b.ID+"}"))
		lg.props.set("RetentionInDays", v)
	case "Definition":
		r.props.set("Definition", v)
		x.substitutions(r, v)
	case "AuthorizationType":
		// Written with the authorizers, in connection().
	case "CloudFrontFunctions":
		list, _ := v.([]any)
		var assoc []any
		for _, e := range list {
			ev, _ := e.(string)
			fn := x.add(b.ID+logicalID(ev)+"Function", "AWS::CloudFront::Function")
			fn.props.set("Name", strings.ToLower(b.ID+"-"+ev))
			fn.props.set("AutoPublish", true)
			fn.props.set("FunctionCode", "function handler(event) { return event.request; }")
			fn.props.child("FunctionConfig").set("Comment", ev)
			fn.props.child("FunctionConfig").set("Runtime", "cloudfront-js-2.0")
			a := newMap()
			a.set("EventType", ev)
			a.set("FunctionARN", getAtt(fn.id, "FunctionMetadata.FunctionARN"))
			assoc = append(assoc, a)
		}
		r.props.setPath("DistributionConfig.DefaultCacheBehavior.FunctionAssociations", assoc)
	case "IdentityPool":
		if on, _ := v.(bool); on {
			client := x.add(b.ID+"Client", "AWS::Cognito::UserPoolClient")
			client.props.set("UserPoolId", ref(b.ID))
			ip := x.add(b.ID+"IdentityPool", "AWS::Cognito::IdentityPool")
			ip.props.set("AllowUnauthenticatedIdentities", false)
			p := newMap()
			p.set("ClientId", ref(client.id))
			p.set("ProviderName", getAtt(b.ID, "ProviderName"))
			ip.props.set("CognitoIdentityProviders", []any{p})
		}
	case "Policy":
		// SAM APIs take a resource policy's statements in Auth.
		if doc, ok := v.(map[string]any); ok && doc["Statement"] != nil {
			r.props.setPath("Auth.ResourcePolicy.CustomStatements", doc["Statement"])
		}
	}
}

// placeholder matches ${Name} in a definition.
var placeholder = regexp.MustCompile(`\$\{([A-Za-z][A-Za-z0-9_-]*)\}`)

// substitutions adds DefinitionSubstitutions for the ${BlockId}
// placeholders of a definition, with the value the parameter they appear in
// needs (an ARN, a queue URL, a name).
func (x *exporter) substitutions(r *outRes, def any) {
	subs := newMap()
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(k, v[k])
			}
		case []any:
			for _, it := range v {
				walk(key, it)
			}
		case string:
			for _, m := range placeholder.FindAllStringSubmatch(v, -1) {
				if x.byID[m[1]] != nil && x.out[m[1]] != nil && !subs.has(m[1]) {
					subs.set(m[1], x.taskValue(key, m[1]))
				}
			}
		}
	}
	walk("", def)
	if len(subs.keys) > 0 {
		r.props.set("DefinitionSubstitutions", subs)
	}
}

// taskValue is what a task parameter naming a block holds.
func (x *exporter) taskValue(key, id string) any {
	switch key {
	case "FunctionName", "Resource", "ResourceArn":
		return x.arn(id)
	case "EventBusName":
		return x.nameOrARN(id) // a bus of another account only by its ARN
	case "ApiEndpoint":
		return sub("${" + id + "}.execute-api.${AWS::Region}.amazonaws.com")
	}
	if x.byID[id].Kind == "lambda" {
		return x.arn(id)
	}
	return ref(id) // queue URL, topic ARN, table, bus, stream and state machine names
}

// arn is what names a block in ARNs fields.
func (x *exporter) arn(id string) any {
	b := x.byID[id]
	if b == nil {
		return id
	}
	if b.External != nil {
		// Whatever its kind, the ARN its reference gives or builds (see
		// export_outside.go); for an API, that of its routes.
		if strings.HasPrefix(b.Kind, "apigateway-") {
			return getAtt(id, attrExecuteARN)
		}
		return getAtt(id, "Arn")
	}
	switch b.Kind {
	case "sns", "stepfunctions", kindCustomBus, kindSubscriber:
		return ref(id)
	case "rds":
		return getAtt(id, "DBClusterArn")
	case "apigateway-rest", "apigateway-http", "apigateway-websocket":
		return sub("arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${" + id + "}/*")
	case "athena":
		return sub("arn:aws:athena:${AWS::Region}:${AWS::AccountId}:workgroup/${" + id + "}")
	case "ses":
		return sub("arn:aws:ses:${AWS::Region}:${AWS::AccountId}:configuration-set/${" + id + "}")
	case "cloudfront":
		return sub("arn:aws:cloudfront::${AWS::AccountId}:distribution/${" + id + "}")
	case "eventbridge-bus":
		if x.out[id] == nil {
			return sub("arn:aws:events:${AWS::Region}:${AWS::AccountId}:event-bus/default")
		}
	}
	return getAtt(id, "Arn")
}

// roleArn returns a placeholder role for a resource that needs one.
func (x *exporter) roleArn(owner string) any {
	id := owner + "Role"
	if x.out[id] == nil {
		role := x.add(id, "AWS::IAM::Role")
		id = role.id
		stmt := newMap()
		stmt.set("Effect", "Allow")
		stmt.child("Principal").set("Service", "TODO.amazonaws.com")
		stmt.set("Action", "sts:AssumeRole")
		role.props.child("AssumeRolePolicyDocument").set("Version", "2012-10-17")
		role.props.child("AssumeRolePolicyDocument").set("Statement", []any{stmt})
	}
	return getAtt(id, "Arn")
}

// eventName is the name of the next SAM event a connection makes: the
// source block's id, or the template's own name for it when the design
// comes from a template.
func (x *exporter) eventName(c *design.Connection) string {
	if !x.keepNames {
		return c.From
	}
	names := x.eventNames[c.ID]
	for i, n := range names {
		if owner, name, _ := strings.Cut(n, "/"); owner == c.To {
			x.eventNames[c.ID] = slices.Delete(slices.Clone(names), i, i+1)
			return name
		}
	}
	return c.From
}

// connResource is the logical id of the resource a connection makes: def,
// or the connection's own id when the design comes from a template (the
// importer names such a connection after its resource).
func (x *exporter) connResource(c *design.Connection, def string) string {
	if x.keepNames && plainID.MatchString(c.ID) && !x.used[c.ID] {
		return c.ID
	}
	return def
}

// plainID matches a CloudFormation logical id.
var plainID = regexp.MustCompile(`^[A-Za-z0-9]+$`)

// event adds an entry to a function's or state machine's Events.
func (x *exporter) event(owner, name, typ string) *omap {
	ev := x.events[owner]
	if ev == nil {
		ev = newMap()
		x.events[owner] = ev
	}
	name = logicalID(name)
	base := name
	for i := 2; ev.has(name); i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	e := newMap()
	e.set("Type", typ)
	props := newMap()
	e.set("Properties", props)
	ev.set(name, e)
	return props
}

// setProps writes a connection's properties under their names, or the
// paths given.
func (x *exporter) setProps(dst *omap, c *design.Connection, in *design.Integration, paths map[string]string, skip ...string) {
	for _, p := range in.Props {
		v, ok := c.Props[p.Name]
		if !ok || slices.Contains(skip, p.Name) {
			continue
		}
		path := p.Name
		if alt, ok := paths[p.Name]; ok {
			if alt == "" {
				continue
			}
			path = alt
		}
		if p.Type == design.TypeRef {
			dst.setPath(path, x.arn(v.(string)))
			continue
		}
		dst.setPath(path, x.value(v, p.Type))
	}
}
