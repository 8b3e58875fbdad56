package iac

import (
	"slices"
	"strings"
	"unicode"

	"github.com/archlab/archlab/design"
)

// A template often wires its resources to things it does not hold: a queue
// given by ARN, a topic of another stack imported with !ImportValue, a user
// pool passed in as a parameter, an AWS Batch job queue, a Kafka cluster.
// Dropping those connections would make rules report what they lead to as
// missing ("the rule target has no DLQ" when it has one elsewhere, "the pipe
// has no target"), so each becomes a block outside the design: present, of
// the kind or service the reference shows, and otherwise unknown.

// external returns the block outside the design that a template value
// names, making it the first time: a resource of a type the catalogue
// lacks, a parameter, an import, an ARN. kinds lists the catalogue kinds the
// place allows (a dead-letter queue is SQS), in order of preference; the
// value itself decides when it can (an ARN's service, a resource's type).
// The block's id is made from base, or when base is "" from what the value
// names (the parameter, the resource, the ARN's name). It returns nil when
// the value names nothing: an empty value, or one that depends on a
// condition.
func (b *builder) external(n *node, kinds []string, at pos, base string) *blk {
	if n == nil {
		return nil
	}
	if inner, _ := b.t.whenHolds(n); inner != n {
		return nil
	}
	written := writtenRef(b.t, n)
	if written == "" {
		return nil
	}
	if bk := b.externals[written]; bk != nil {
		return bk
	}
	// What the value says, or a parameter's default: an ARN, a queue URL.
	text, known := b.t.render(resolvedOr(b.t, n))
	kind, service, named := b.externalKind(n, text, known, kinds)
	if kind == "" {
		return nil
	}
	if base == "" {
		base = named
	}
	own := b.t.byID[b.t.ref(n)]
	if nestedStack(own) {
		own = nil // the block stands for one output of the stack, not for the stack
	}
	bk := b.addOutside(base, kind, own, design.External{Ref: written, Default: paramDefault(b.t, n)}, at)
	if bk == nil {
		return nil
	}
	if kind == design.KindExternal {
		bk.external.Service = service
		bk.name = design.ServiceName(service)
	}
	if known {
		b.knownFromName(bk, text, n.pos)
	}
	b.externals[written] = bk
	return bk
}

// addOutside adds a block outside the design, marked with ext, whose id is
// made from base and taken by no block and no resource of the template but
// own: the resource the block stands for, which lends it its id and counts
// as read.
func (b *builder) addOutside(base, kind string, own *resource, ext design.External, at pos) *blk {
	taken := func(id string) bool {
		r := b.t.byID[id]
		return b.blockByID[id] != nil || (r != nil && r != own)
	}
	bk := b.addBlock(freeID(blockIDFrom(base, kind, b.cat), taken), kind, nil, at)
	if bk == nil {
		return nil
	}
	if own != nil {
		own.read = true
	}
	ext.Ref = clip(ext.Ref, design.MaxExternalRefLen)
	ext.Default = clip(ext.Default, design.MaxExternalRefLen)
	bk.external = &ext
	return bk
}

// externalKind works out the kind of what a value names outside the
// design, the service when the catalogue lacks it, and a name to build the
// block's id from; text is the value rendered, when known.
func (b *builder) externalKind(n *node, text string, known bool, kinds []string) (kind, service, base string) {
	t := b.t
	// An output of a nested stack: another stack's resource, of the kind
	// the place says.
	if id := t.ref(n); id != "" && nestedStack(t.byID[id]) {
		base = id + " " + outputName(n)
		if len(kinds) == 1 {
			return kinds[0], "", base
		}
		return b.allowedKind(kinds, design.KindExternal), "", base
	}
	// A resource of the template that archlab does not model.
	if id := t.ref(n); id != "" {
		if r := t.byID[id]; r != nil {
			if k := b.kinds.kindFor(r); k != nil && (len(kinds) == 0 || slices.Contains(kinds, k.ID)) {
				return k.ID, "", id
			}
			svc := design.ServiceOfType(r.typ)
			return b.allowedKind(kinds, design.KindExternal), svc, id
		}
	}
	base = refName(n)
	if known {
		if a, ok := design.ParseARN(text); ok {
			if sdk, ok := strings.CutPrefix(a.Resource, "aws-sdk:"); ok && (a.Service == "scheduler" || a.Service == "events") {
				// A universal target: the service it calls.
				svc, action, _ := strings.Cut(sdk, ":")
				if base == "" {
					base = svc + " " + action
				}
				if k := b.cat.KindOfService(svc); k != nil && (len(kinds) == 0 || slices.Contains(kinds, k.ID)) {
					return k.ID, "", base
				}
				return b.allowedKind(kinds, design.KindExternal), svc, base
			}
			if k, form := b.cat.KindOfARN(a); k != nil {
				if base == "" {
					base = a.Name(form)
				}
				if kind := b.allowedKind(kinds, k.ID); kind != "" || !slices.Contains(kinds, design.KindExternal) {
					return kind, "", base
				}
				// The place takes only a service the catalogue lacks (a
				// DocumentDB cluster, whose ARNs are Amazon RDS's).
				return design.KindExternal, a.Service, base
			}
			if base == "" {
				base = a.Service + " " + resourceName(a.Resource)
			}
			if kind := b.allowedKind(kinds, design.KindExternal); kind != "" {
				return kind, a.Service, base
			}
			return "", "", ""
		}
		if name, ok := queueURLName(text); ok {
			if base == "" {
				base = name
			}
			return b.allowedKind(kinds, "sqs"), "", base
		}
		if base == "" && !strings.Contains(text, "${") {
			base = strings.TrimPrefix(strings.TrimPrefix(text, "https://"), "http://") // an endpoint by its host
		}
	}
	switch {
	case len(kinds) == 1:
		return kinds[0], "", base
	case slices.Contains(kinds, design.KindExternal):
		return design.KindExternal, "", base // nothing tells what it is
	}
	return "", "", ""
}

// nestedStack reports whether a resource is a nested stack, whose outputs
// are resources of another stack.
func nestedStack(r *resource) bool {
	return r != nil && (r.typ == "AWS::Serverless::Application" || r.typ == "AWS::CloudFormation::Stack")
}

// outputName is the output a !GetAtt Stack.Outputs.Name names, or "".
func outputName(n *node) string {
	name, arg := n.intrinsic()
	if name != "Fn::GetAtt" {
		return ""
	}
	var attr string
	if arg.kind == seqNode && len(arg.items) == 2 {
		attr, _ = arg.items[1].text()
	} else if s, ok := arg.text(); ok {
		_, attr, _ = strings.Cut(s, ".")
	}
	return strings.TrimPrefix(attr, "Outputs.")
}

// allowedKind returns kind when the place allows it (or allows anything),
// else "".
func (b *builder) allowedKind(kinds []string, kind string) string {
	if len(kinds) == 0 || slices.Contains(kinds, kind) {
		return kind
	}
	return ""
}

// resolvedOr is what a value resolves to without deploying (a parameter's
// default, say), or the value itself.
func resolvedOr(t *template, n *node) *node {
	if r := t.resolve(n); r != nil {
		return r
	}
	return n
}

// knownFromName sets what a reference (rendered as s) tells of the
// resource: a queue or topic whose name ends in .fifo is FIFO.
func (b *builder) knownFromName(bk *blk, s string, at pos) {
	if strings.Contains(s, "${") {
		return
	}
	name := s
	if a, ok := design.ParseARN(s); ok {
		name = lastPart(a.Resource)
	} else if q, ok := queueURLName(s); ok {
		name = q
	}
	if !strings.HasSuffix(name, ".fifo") {
		return
	}
	switch bk.kind {
	case "sqs":
		bk.setValue("FifoQueue", true, at)
	case "sns":
		bk.setValue("FifoTopic", true, at)
	}
}

// queueURLName returns the queue name of an SQS queue URL
// (https://sqs.eu-west-1.amazonaws.com/123456789012/orders).
func queueURLName(s string) (string, bool) {
	rest, ok := strings.CutPrefix(s, "https://sqs.")
	if !ok {
		return "", false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || !strings.Contains(parts[0], "amazonaws.com") || parts[2] == "" {
		return "", false
	}
	return parts[2], true
}

// resourceName is the name an ARN's resource part gives, as far as a
// generic reading can tell: what follows the resource type
// ("job-queue/reports", "broker:orders:b-1234"), or for a log group its
// last segment.
func resourceName(resource string) string {
	parts := strings.FieldsFunc(resource, func(r rune) bool { return r == '/' || r == ':' })
	switch {
	case len(parts) == 0:
		return ""
	case parts[0] == "log-group":
		return parts[len(parts)-1]
	case len(parts) > 1:
		return parts[1]
	}
	return parts[0]
}

// lastPart is what follows the last '/' or ':' of an ARN's resource.
func lastPart(resource string) string {
	if i := strings.LastIndexAny(resource, "/:"); i >= 0 {
		return resource[i+1:]
	}
	return resource
}

// refName is the name a reference gives its target: the parameter of a Ref
// (or of a !Sub "${Name}", a Ref written as a Sub), the export of an
// !ImportValue.
func refName(n *node) string {
	name, arg := n.intrinsic()
	switch name {
	case "Ref":
		s, _ := arg.text()
		return s
	case "Fn::Sub":
		if s, vars := subParts(arg); vars == nil {
			if m := subVar.FindStringSubmatch(s); m != nil && m[0] == s {
				return m[1]
			}
		}
	case "Fn::ImportValue":
		if s, ok := arg.text(); ok {
			return s
		}
		if _, sub := arg.intrinsic(); sub != nil {
			s, _ := subParts(sub)
			return s
		}
	}
	return ""
}

// writtenRef is a value as the template writes it, in YAML's short form:
// "!Ref QueueArn", "!ImportValue shared-bus", "!GetAtt Jobs.Arn",
// "!Sub arn:aws:sqs:${AWS::Region}:...", "!ImportValue !Sub ${Env}-bus", or
// the literal text. It is "" for a value that names nothing. The leading tag
// says which intrinsic the rest is the argument of, so that an export can
// write the same intrinsic again (see outsideRef in export_outside.go): a
// value with ${...} placeholders (a !Sub, or an Fn::Join of references) is
// a "!Sub", never literal text.
func writtenRef(t *template, n *node) string {
	name, arg := n.intrinsic()
	switch name {
	case "":
		s, _ := n.text()
		return strings.TrimSpace(s)
	case "Ref":
		s, _ := arg.text()
		return "!Ref " + s
	case "Fn::GetAtt":
		if arg.kind == seqNode {
			parts := make([]string, 0, len(arg.items))
			for _, it := range arg.items {
				s, _ := it.text()
				parts = append(parts, s)
			}
			return "!GetAtt " + strings.Join(parts, ".")
		}
		s, _ := arg.text()
		return "!GetAtt " + s
	case "Fn::ImportValue":
		if s, ok := arg.text(); ok {
			return "!ImportValue " + s
		}
		if s := subText(t, arg); s != "" {
			return "!ImportValue " + s
		}
		return "!ImportValue"
	}
	return subText(t, n)
}

// subText is a value that may hold ${...} placeholders as written text:
// "!Sub ..." when it holds some, the plain text when it holds none, "" when
// it cannot be written. A !Sub without a variable map keeps its string as
// written (its parameters stay parameters); other values, an Fn::Join of
// references say, are rendered the way a !Sub writes them.
func subText(t *template, n *node) string {
	s, ok := "", false
	if name, arg := n.intrinsic(); name == "Fn::Sub" {
		if str, vars := subParts(arg); vars == nil {
			s, ok = str, true
		}
	}
	if !ok {
		if s, ok = t.render(n); !ok {
			return ""
		}
	}
	if subVar.MatchString(s) {
		return "!Sub " + s
	}
	return s
}

// paramDefault is the default of the template parameter a !Ref names, as
// text, or "".
func paramDefault(t *template, n *node) string {
	name, arg := n.intrinsic()
	if name != "Ref" {
		return ""
	}
	p, _ := arg.text()
	if t.params[p] == nil {
		return ""
	}
	s, _ := t.render(t.params[p].get("Default"))
	return s
}

// blockIDFrom makes a block id out of a name from a reference
// ("shared-bus" → "SharedBus"), falling back on the kind's noun.
func blockIDFrom(base, kind string, cat *design.Catalogue) string {
	var out []rune
	upper := true
	for _, r := range base {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if upper {
				r = unicode.ToUpper(r)
			}
			out = append(out, r)
			upper = false
		default:
			upper = true
		}
	}
	id := string(out)
	if len(id) > 100 {
		id = id[:100]
	}
	if id == "" || !unicode.IsLetter(rune(id[0])) {
		noun := "External"
		if k := cat.Kind(kind); k != nil && kind != design.KindExternal {
			noun = k.Noun
		}
		id = noun + id
	}
	return id
}

// kindsTo lists the kinds a block of kind from can reach with an
// integration, the catalogue's order.
func (b *builder) kindsTo(from, integ string) []string {
	var out []string
	for _, k := range b.cat.Kinds() {
		if b.cat.Integration(from, k.ID, integ) != nil {
			out = append(out, k.ID)
		}
	}
	return out
}

// kindsFrom lists the kinds that can reach a block of kind to with an
// integration.
func (b *builder) kindsFrom(to, integ string) []string {
	var out []string
	for _, k := range b.cat.Kinds() {
		if b.cat.Integration(k.ID, to, integ) != nil {
			out = append(out, k.ID)
		}
	}
	return out
}

// outsideRefs turns the ref properties that name something the template
// does not hold (a dead-letter queue given by ARN, an on-failure
// destination imported from another stack) into references to blocks
// outside the design, so that a rule sees the dead-letter queue is there.
func (b *builder) outsideRefs() {
	fix := func(props map[string]pending, schema func(string) *design.Prop) {
		for name, pd := range props {
			p := schema(name)
			if p == nil || p.Type != design.TypeRef || pd.set || pd.n == nil {
				continue
			}
			n, _ := b.t.whenHolds(pd.n)
			if n == nil || b.block(b.t.ref(n)) != nil {
				continue // a reference to a resource, which convert reads
			}
			// A name or ARN of a block, or of something outside the
			// design.
			to := b.named(n)
			if b.block(to) == nil {
				ext := b.external(n, p.Kinds, pd.at, "")
				if ext == nil {
					continue
				}
				to = ext.id
			}
			pd.v, pd.set = to, true
			props[name] = pd
		}
	}
	for _, bk := range slices.Clone(b.blocks) {
		k := b.cat.Kind(bk.kind)
		fix(bk.props, k.Prop)
	}
	for _, c := range b.conns {
		in := b.cat.Integration(b.kindOf(c.from), b.kindOf(c.to), c.integ)
		if in != nil {
			fix(c.props, in.Prop)
		}
	}
}
