package iac

import (
	"regexp"
	"strings"

	"github.com/archlab/archlab/design"
)

// A block outside the design has no resource in the export: someone else
// owns it. The exporter first writes what names it as if it were a resource
// (!Ref X, !GetAtt X.QueueName, ${X} in a !Sub), and rendering replaces
// each with what the template can say instead, attribute by attribute:
// where a policy template wants a queue's name, the name; where a task
// wants its URL, the URL; where a destination wants its ARN, the ARN.
//
// What the design keeps is the reference as written (design.External.Ref):
// an ARN, "!Ref Param", "!ImportValue name", "!ImportValue !Sub ${Env}-x",
// "!Sub arn:aws:sqs:${AWS::Region}:...". Written again, it is the same
// intrinsic; a parameter is declared with the default the import knew. A
// reference that cannot stand in a template (a !GetAtt of a resource the
// design does not hold, a parameter name CloudFormation refuses, a free-text
// note) becomes a parameter named <block id>Arn, for whoever deploys it to
// fill in; the importer maps that parameter back to the block.
//
// Another attribute is derived from the reference, so that whoever deploys
// fills in one parameter, not one per attribute: from a literal ARN, the
// name or URL as literal text ("orders", "https://sqs.eu-west-1.amazonaws.com
// /123456789012/orders"); from a parameter or an import, intrinsics that cut
// the ARN apart when it deploys (a queue's name is !Select [5, !Split [":",
// !Ref QueueArn]], its URL a !Sub of the pieces). A parameter or an import is
// taken to hold an ARN unless its default shows otherwise or its name ends
// in Url, Name or Id. Only what the reference does not show gets a
// parameter of its own, <block id><Attribute>: a DynamoDB table's stream
// (its label is in no other value), a REST API's id behind a parameter
// (its ARNs come in two forms). The importer maps these back too.

// outsideType marks the stand-in of a block outside the design among the
// exporter's resources; it is never rendered.
const outsideType = "(outside the design)"

// Attributes the exporter asks of outside blocks besides CloudFormation's
// own (Arn, QueueUrl, ...).
const (
	// attrAsWritten is the reference itself, for places that take a name
	// or an ARN (a rule's EventBusName, a permission's FunctionName): an
	// ARN reaches a resource of another account, a name would not.
	attrAsWritten = "(as written)"
	// attrExecuteARN is an API's execute-api ARN for all its routes, what
	// a permission's SourceArn and an IAM statement name.
	attrExecuteARN = "(execute-api)"
)

// outsideParam is the parameter an export asks for a block outside the
// design whose reference cannot be written as it is: <id>Arn, or the id
// itself when it says Arn already (an import names blocks after what
// named them: SharedDeadLetterQueueArn).
func outsideParam(id string) string {
	if strings.HasSuffix(id, "Arn") {
		return id
	}
	return id + "Arn"
}

// outsideParams lists the parameters an export may declare for a block
// outside the design besides the one its reference names: its ARN when the
// reference cannot stand, and the attributes no reference shows. The
// importer maps each back to the block.
func outsideParams(id string) []string {
	out := []string{outsideParam(id)}
	for _, h := range []holds{holdsName, holdsID, holdsURL, holdsStreamARN} {
		out = append(out, id+holdsSuffix[h])
	}
	return out
}

// holds says what a reference's value is.
type holds int

const (
	holdsARN holds = iota
	holdsName
	holdsID // the id CloudFormation's Ref gives for an API, a user pool, a distribution
	holdsURL
	holdsStreamARN // a DynamoDB table's stream
)

var (
	holdsSuffix = map[holds]string{holdsARN: "Arn", holdsName: "Name", holdsID: "Id", holdsURL: "Url", holdsStreamARN: "StreamArn"}
	holdsNoun   = map[holds]string{holdsARN: "ARN", holdsName: "Name", holdsID: "Id", holdsURL: "URL", holdsStreamARN: "Stream ARN"}
)

// outsideRef is a block's reference ready to write.
type outsideRef struct {
	// expr is the reference as the template writes it.
	expr any
	// text is the reference as !Sub text when it is a literal or a !Sub,
	// whose pieces can be read without deploying.
	text  string
	param string // the parameter it is, if any
	holds holds
}

// paramName matches what CloudFormation takes as a parameter's name.
var paramName = regexp.MustCompile(`^[A-Za-z0-9]{1,255}$`)

// outsideRef reads an outside block's reference back into the intrinsic it
// was written as, declaring the parameters it uses.
func (x *exporter) outsideRef(b *design.Block) outsideRef {
	written := strings.TrimSpace(b.External.Ref)
	tag, arg := "", written
	if strings.HasPrefix(written, "!") {
		tag, arg, _ = strings.Cut(written, " ")
		arg = strings.TrimSpace(arg)
	}
	switch tag {
	case "":
		if h, ok := textHolds(b.Kind, written); ok {
			// Literal text in a !Sub must not read as a placeholder.
			return outsideRef{expr: written, text: strings.ReplaceAll(written, "${", "${!"), holds: h}
		}
	case "!Sub":
		if h, ok := textHolds(b.Kind, arg); ok && x.subParams(arg, b) {
			return outsideRef{expr: sub(arg), text: arg, holds: h}
		}
	case "!ImportValue":
		if s, isSub := strings.CutPrefix(arg, "!Sub "); isSub && x.subParams(s, b) {
			return outsideRef{expr: intrinsic{"!ImportValue", sub(s)}, holds: holdsByName(b, s)}
		} else if !isSub && arg != "" && !strings.HasPrefix(arg, "!") {
			return outsideRef{expr: intrinsic{"!ImportValue", arg}, holds: holdsByName(b, arg)}
		}
	case "!Ref":
		if x.ownParam(arg, b) {
			h, ok := textHolds(b.Kind, b.External.Default)
			if !ok {
				h = holdsByName(b, arg)
			}
			x.param(arg, b, h, b.External.Default)
			return outsideRef{expr: ref(arg), param: arg, holds: h}
		}
	}
	p := x.attrParam(b, holdsARN)
	return outsideRef{expr: ref(p), param: p, holds: holdsARN}
}

// ownParam reports whether a parameter name a reference gives can be
// declared for the block: a name CloudFormation takes ("AWS::Region" is a
// pseudo parameter, "my-q" no name at all) that no resource of the export
// has, unless the import named the block after its parameter.
func (x *exporter) ownParam(name string, b *design.Block) bool {
	return paramName.MatchString(name) && (x.byID[name] == b || !x.used[name])
}

// attrParam declares the parameter of its own an outside block gets for
// what its reference does not show, and returns its name.
func (x *exporter) attrParam(b *design.Block, h holds) string {
	name := b.ID + holdsSuffix[h]
	if h == holdsARN {
		name = outsideParam(b.ID)
	}
	return x.ownAttrParam(b, name, holdsNoun[h])
}

// ownAttrParam declares a parameter holding an attribute of an outside
// block.
func (x *exporter) ownAttrParam(b *design.Block, name, noun string) string {
	if x.used[name] && x.byID[name] != b {
		name += "Param" // a resource of the export has the name
	}
	desc := noun + " of " + x.describe(b)
	if b.External.Ref != "" {
		desc += "; archlab's design names it " + b.External.Ref
	}
	x.declare(name, desc, "")
	return name
}

// subParams declares the parameters a !Sub reference's placeholders name:
// those that are neither pseudo parameters nor resources of the export. It
// reports false when one cannot be a parameter (a name CloudFormation
// refuses, another block outside the design, the block itself).
func (x *exporter) subParams(s string, b *design.Block) bool {
	var names []string
	for _, m := range subVar.FindAllStringSubmatch(s, -1) {
		name := m[1]
		base, _, _ := strings.Cut(name, ".")
		switch r := x.out[base]; {
		case strings.HasPrefix(name, "AWS::"), r != nil && r.typ != outsideType:
			continue
		case !paramName.MatchString(name) || x.used[name]:
			return false
		}
		names = append(names, name)
	}
	for _, name := range names {
		x.declare(name, "Used by the reference "+b.External.Ref+" of "+x.describe(b), "")
	}
	return true
}

// holdsByName guesses what a parameter or an export holds from its name:
// a URL, a name or an id when its name says so, else an ARN.
func holdsByName(b *design.Block, name string) holds {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, "url"):
		return holdsURL
	case strings.HasSuffix(lower, "name"):
		return holdsName
	case strings.HasSuffix(name, "Id") || strings.HasSuffix(name, "ID") || strings.HasSuffix(lower, "-id") || strings.HasSuffix(lower, "_id"):
		return idOrName(b.Kind)
	case b.Kind == "dynamodb" && strings.HasSuffix(lower, "streamarn"):
		return holdsStreamARN
	}
	return holdsARN
}

// idOrName is what names a resource of a kind after its type in an ARN:
// an id for APIs, user pools and distributions, else a name.
func idOrName(kind string) holds {
	switch kind {
	case "apigateway-rest", "apigateway-http", "apigateway-websocket", "cognito", "cloudfront":
		return holdsID
	}
	return holdsName
}

// textHolds says what a literal or !Sub text naming a resource of a kind
// holds, if it can be read.
func textHolds(kind, s string) (holds, bool) {
	switch {
	case s == "":
		return 0, false
	case strings.HasPrefix(s, "arn:"):
		if a, ok := design.ParseARN(s); ok {
			if kind == "dynamodb" && strings.Contains(a.Resource, "/stream/") {
				return holdsStreamARN, true
			}
			return holdsARN, true
		}
		return 0, false
	case strings.HasPrefix(s, "https://"):
		return holdsURL, true
	case resourceText.MatchString(subVar.ReplaceAllString(s, "")):
		return idOrName(kind), true
	}
	return 0, false
}

// resourceText matches what can be a resource's name or id.
var resourceText = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// param declares the template parameter an outside block's reference
// names.
func (x *exporter) param(name string, b *design.Block, h holds, def string) {
	x.declare(name, holdsNoun[h]+" of "+x.describe(b), def)
}

// describe names an outside block for a parameter's description.
func (x *exporter) describe(b *design.Block) string {
	what := x.cat.KindName(b.Kind)
	if b.Kind == design.KindExternal {
		what = design.ServiceName(b.External.Service)
	}
	return b.Label() + " (" + what + "), outside this design"
}

// declare adds a String parameter unless it is declared already.
func (x *exporter) declare(name, desc, def string) {
	if x.params == nil {
		x.params = newMap()
	}
	if x.params.has(name) {
		return
	}
	p := newMap()
	p.set("Type", "String")
	p.set("Description", clip(desc, 4000))
	if def != "" {
		p.set("Default", def)
	}
	x.params.set(name, p)
}

// outsideBlock returns the block outside the design a logical id names, or
// nil.
func (x *exporter) outsideBlock(id string) *design.Block {
	if b := x.byID[id]; b != nil && b.External != nil {
		return b
	}
	return nil
}

// nameOrARN names a block where a template takes its name or its ARN:
// !Ref for a resource of the design, the reference as written for one
// outside it.
func (x *exporter) nameOrARN(id string) any {
	if x.outsideBlock(id) != nil {
		return getAtt(id, attrAsWritten)
	}
	return ref(id)
}

// refHolds is what CloudFormation's Ref gives for a kind's resource.
func refHolds(kind string) holds {
	switch kind {
	case "sqs":
		return holdsURL
	case "sns", "stepfunctions", "appsync", kindCustomBus, kindSubscriber, design.KindExternal:
		return holdsARN
	}
	return idOrName(kind)
}

// attrHolds is what an attribute of a kind's resource is, for the
// attributes that are one of the values a reference holds.
var attrHolds = map[string]holds{
	"Arn": holdsARN, "TopicArn": holdsARN, "DBClusterArn": holdsARN, "Version": holdsARN, "Alias": holdsARN,
	"QueueUrl": holdsURL, "ProviderURL": holdsURL, "StreamArn": holdsStreamARN,
	"QueueName": holdsName, "TopicName": holdsName, "Name": holdsName, "ApiId": holdsID,
}

// attrPatterns build the other attributes from a reference's pieces.
var attrPatterns = map[string]string{
	"ProviderName":       "cognito-idp.{region}.{urlsuffix}/{name}",
	"RegionalDomainName": "{name}.s3.{region}.{urlsuffix}",
	attrExecuteARN:       "arn:{partition}:execute-api:{region}:{account}:{name}/*",
}

// outsideAttr is what names an attribute of an outside block ("" for what
// Ref gives) in the template.
func (x *exporter) outsideAttr(b *design.Block, attr string) any {
	r := x.outsideRef(b)
	if attr == attrAsWritten {
		return r.expr
	}
	if attr == attrExecuteARN && r.holds == holdsARN && executeARN(b.Kind, r.text) {
		return r.expr // an execute-api ARN already, maybe of one stage or route
	}
	if pattern, ok := attrPatterns[attr]; ok {
		return x.pieces(b, r).compose(pattern)
	}
	want, known := attrHolds[attr]
	if attr == "" {
		want, known = refHolds(b.Kind), true
	}
	if !known {
		return ref(x.ownAttrParam(b, b.ID+logicalID(attr), attr)) // none the exporter asks for today
	}
	return x.outsideValue(b, r, want)
}

// executeARN reports whether an API's reference holding an ARN holds an
// execute-api one: its text says so, or, for a parameter or an import, it
// is the form the kind's ARNs take first.
func executeARN(kind, text string) bool {
	if text == "" {
		return kind == "apigateway-rest"
	}
	a, _ := design.ParseARN(text)
	return a.Service == "execute-api"
}

// outsideValue is an outside block's ARN, name, id or URL: the reference
// when it holds that, else built from its pieces, else a parameter of its
// own.
func (x *exporter) outsideValue(b *design.Block, r outsideRef, want holds) any {
	named := func(h holds) bool { return h == holdsName || h == holdsID }
	if want == r.holds || named(want) && named(r.holds) {
		return r.expr
	}
	pattern, ok := x.holdsPattern(b.Kind, want)
	if !ok {
		return ref(x.attrParam(b, want))
	}
	return x.pieces(b, r).compose(pattern)
}

// outsideAliases lists what an export writes for an outside block's ARN,
// name or id, URL and, for an API, the ARN of its routes, when its
// reference is literal or a !Sub, as the importer reads it ("orders",
// "!Sub https://sqs.${AWS::Region}..."): the importer knows the block again
// by each.
func outsideAliases(cat *design.Catalogue, b design.Block) []string {
	if b.External == nil {
		return nil
	}
	x := newExporter(&design.Design{Blocks: []design.Block{b}}, cat)
	r := x.outsideRef(&x.d.Blocks[0])
	if r.text == "" {
		return nil // what a parameter or an import gives is known when the stack deploys
	}
	var values []any
	if strings.HasPrefix(b.Kind, "apigateway-") {
		values = append(values, x.outsideAttr(&x.d.Blocks[0], attrExecuteARN))
	}
	for _, h := range []holds{holdsARN, idOrName(b.Kind), holdsURL} {
		values = append(values, x.outsideValue(&x.d.Blocks[0], r, h))
	}
	var out []string
	for _, v := range values {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case intrinsic:
			if s, ok := v.arg.(string); ok && v.tag == "!Sub" {
				out = append(out, "!Sub "+s)
			}
		}
	}
	return out
}

// holdsPattern builds a kind's ARN, name or URL from a reference's pieces.
func (x *exporter) holdsPattern(kind string, h holds) (string, bool) {
	switch h {
	case holdsName, holdsID:
		return "{name}", true
	case holdsURL:
		switch kind {
		case "sqs":
			return "https://sqs.{region}.{urlsuffix}/{account}/{name}", true
		case "cognito":
			return "https://cognito-idp.{region}.{urlsuffix}/{name}", true
		}
	case holdsARN:
		k := x.cat.Kind(kind)
		if k == nil || len(k.ARN) == 0 {
			return "", false
		}
		region, account := "{region}", "{account}"
		if arnLacks[kind]["region"] {
			region = ""
		}
		if arnLacks[kind]["account"] {
			account = ""
		}
		f := k.ARN[0]
		return "arn:{partition}:" + f.Service + ":" + region + ":" + account + ":" + f.Resource + "{name}", true
	}
	return "", false // a stream's label shows in no other value
}

// refPieces are the parts of a reference that derived values are built
// from, each as !Sub text; vars holds the expressions that ${Var} pieces
// stand for. What the reference does not show is the deploying stack's
// (its partition, Region, account), or, for the name, a parameter of its
// own.
type refPieces struct {
	partition, region, account, name string
	vars                             *omap
}

// pieces cuts a reference into its partition, Region, account and name.
func (x *exporter) pieces(b *design.Block, r outsideRef) refPieces {
	p := refPieces{partition: "${AWS::Partition}", region: "${AWS::Region}", account: "${AWS::AccountId}", vars: newMap()}
	// expr puts an expression under a variable named after the block.
	expr := func(piece string, v any) string {
		name := b.ID + piece
		p.vars.set(name, v)
		return "${" + name + "}"
	}
	sel := func(i int, sep string, of any) intrinsic {
		return intrinsic{"!Select", []any{float64(i), intrinsic{"!Split", []any{sep, of}}}}
	}
	switch {
	case r.text != "" && (r.holds == holdsARN || r.holds == holdsStreamARN):
		a, _ := design.ParseARN(r.text)
		p.partition = or(a.Partition, p.partition)
		p.region = or(a.Region, p.region)
		p.account = or(a.Account, p.account)
		p.name = x.arnName(a)
	case r.text != "" && r.holds == holdsURL:
		host, path, _ := strings.Cut(strings.TrimPrefix(r.text, "https://"), "/")
		labels := strings.SplitN(host, ".", 3)
		segs := strings.Split(strings.Trim(path, "/"), "/")
		if len(labels) < 3 || !strings.HasPrefix(labels[2], "amazonaws.com") || segs[0] == "" {
			break
		}
		p.region = labels[1]
		if labels[2] == "amazonaws.com.cn" {
			p.partition = "aws-cn"
		}
		p.name = segs[len(segs)-1]
		if b.Kind == "sqs" && len(segs) == 2 {
			p.account = segs[0]
		}
	case r.text != "":
		p.name = r.text
	case r.holds == holdsARN || r.holds == holdsStreamARN:
		p.partition = expr("Partition", sel(1, ":", r.expr))
		if !arnLacks[b.Kind]["region"] {
			p.region = expr("Region", sel(3, ":", r.expr))
		}
		if !arnLacks[b.Kind]["account"] {
			p.account = expr("Account", sel(4, ":", r.expr))
		}
		if sep, i, ok := x.arnNameAt(b.Kind); ok {
			p.name = expr("Name", sel(i, sep, r.expr))
		}
	case r.holds == holdsURL:
		// https://sqs.<region>.amazonaws.com/<account>/<name>,
		// https://cognito-idp.<region>.amazonaws.com/<id>
		p.region = expr("Region", sel(1, ".", sel(2, "/", r.expr)))
		switch b.Kind {
		case "sqs":
			p.account = expr("Account", sel(3, "/", r.expr))
			p.name = expr("Name", sel(4, "/", r.expr))
		case "cognito":
			p.name = expr("Name", sel(3, "/", r.expr))
		}
	case r.param != "":
		p.name = "${" + r.param + "}"
	default:
		p.name = expr("Name", r.expr)
	}
	if p.name == "" {
		// Nothing in the reference shows it: a parameter of its own.
		p.name = "${" + x.attrParam(b, idOrName(b.Kind)) + "}"
	}
	return p
}

// arnLacks are the parts a kind's ARNs leave empty: a bucket's has neither
// Region nor account, a distribution's no Region. The resource is then
// taken to be the deploying stack's.
var arnLacks = map[string]map[string]bool{
	"s3":         {"region": true, "account": true},
	"cloudfront": {"region": true},
}

// or is s, or def when s is empty.
func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// arnName is the name or id a literal ARN gives its resource.
func (x *exporter) arnName(a design.ARN) string {
	form := design.ARNForm{Service: a.Service}
	if k, f := x.cat.KindOfARN(a); k != nil {
		form = f // the ARN's own shape says where its name is
	}
	name := a.Name(form)
	if form.Resource == "" {
		name, _, _ = strings.Cut(name, "/") // "orders/*" of an execute-api ARN, "bucket/key" of an object
	}
	return name
}

// arnNameAt says where a kind's ARNs hold the resource's name, for
// !Select [i, !Split [sep, arn]]: after the type's "/" or ":" separators.
// A kind whose ARNs come in forms that differ there has none.
func (x *exporter) arnNameAt(kind string) (sep string, i int, ok bool) {
	k := x.cat.Kind(kind)
	if k == nil {
		return "", 0, false
	}
	for n, f := range k.ARN {
		s, at := ":", 5+strings.Count(f.Resource, ":")
		if strings.HasSuffix(f.Resource, "/") {
			s, at = "/", strings.Count(f.Resource, "/")
		}
		if n > 0 && (s != sep || at != i) {
			return "", 0, false
		}
		sep, i = s, at
	}
	return sep, i, len(k.ARN) > 0
}

// piece matches the pieces of a pattern.
var piece = regexp.MustCompile(`\{[a-z]+\}`)

// compose fills a pattern's {partition}, {region}, {account}, {name} and
// {urlsuffix}: literal text when every piece is literal, else a !Sub (with
// the variables the pieces use), or the one expression the pattern is.
func (p refPieces) compose(pattern string) any {
	suffix := "${AWS::URLSuffix}"
	switch p.partition {
	case "aws":
		suffix = "amazonaws.com"
	case "aws-cn":
		suffix = "amazonaws.com.cn"
	}
	values := map[string]string{"{partition}": p.partition, "{region}": p.region, "{account}": p.account, "{name}": p.name, "{urlsuffix}": suffix}
	s := piece.ReplaceAllStringFunc(pattern, func(m string) string { return values[m] })
	vars := newMap()
	for _, m := range subVar.FindAllStringSubmatch(s, -1) {
		if p.vars.has(m[1]) {
			vars.set(m[1], p.vars.get(m[1]))
		}
	}
	switch whole := subVar.FindStringSubmatch(s); {
	case whole != nil && whole[0] == s && vars.has(whole[1]):
		return vars.get(whole[1])
	case whole != nil && whole[0] == s:
		return ref(whole[1])
	case len(vars.keys) > 0:
		return intrinsic{"!Sub", []any{s, vars}}
	case whole != nil:
		return sub(s)
	}
	return strings.ReplaceAll(s, "${!", "${")
}

// resolveOutside replaces, anywhere in an exported value, the references to
// blocks outside the design (!Ref X, !GetAtt X.Attr, ${X} in a !Sub) with
// what names them.
func (x *exporter) resolveOutside(v any) any {
	switch v := v.(type) {
	case *omap:
		for _, k := range v.keys {
			v.vals[k] = x.resolveOutside(v.vals[k])
		}
		return v
	case []any:
		for i := range v {
			v[i] = x.resolveOutside(v[i])
		}
		return v
	case intrinsic:
		switch arg, _ := v.arg.(string); v.tag {
		case "!Ref", "!GetAtt":
			id, attr, _ := strings.Cut(arg, ".")
			if b := x.outsideBlock(id); b != nil {
				return x.outsideAttr(b, attr)
			}
		case "!Sub":
			return x.subOutside(v)
		}
		return intrinsic{v.tag, x.resolveOutside(v.arg)}
	}
	return v
}

// subOutside rewrites ${X} and ${X.Attr} of outside blocks in a !Sub:
// literal text and parameters go into its string, other expressions (an
// import, a piece cut out of an ARN) become variables of it.
func (x *exporter) subOutside(v intrinsic) any {
	s, _ := v.arg.(string)
	vars := newMap()
	if list, ok := v.arg.([]any); ok && len(list) == 2 {
		s, _ = list[0].(string)
		if m, ok := x.resolveOutside(list[1]).(*omap); ok {
			vars = m
		}
	}
	s = subVar.ReplaceAllStringFunc(s, func(m string) string {
		id, attr, _ := strings.Cut(m[2:len(m)-1], ".")
		b := x.outsideBlock(id)
		if b == nil {
			return m
		}
		switch val := x.outsideAttr(b, attr).(type) {
		case string:
			return strings.ReplaceAll(val, "${", "${!")
		case intrinsic:
			switch arg := val.arg.(type) {
			case string:
				switch val.tag {
				case "!Ref":
					return "${" + arg + "}"
				case "!Sub":
					return arg
				}
			case []any:
				if val.tag == "!Sub" && len(arg) == 2 {
					inner, _ := arg[0].(string)
					if more, ok := arg[1].(*omap); ok {
						for _, k := range more.keys {
							vars.set(k, more.get(k))
						}
					}
					return inner
				}
			}
			name := id
			if attr != "" {
				name += logicalID(attr)
			}
			vars.set(name, val)
			return "${" + name + "}"
		}
		return m
	})
	if len(vars.keys) > 0 {
		return intrinsic{"!Sub", []any{s, vars}}
	}
	return sub(s)
}

// cloneOut copies an exported value, so that resolving outside references
// for one rendering leaves the exporter's resources as they were.
func cloneOut(v any) any {
	switch v := v.(type) {
	case *omap:
		c := &omap{keys: append([]string(nil), v.keys...), vals: make(map[string]any, len(v.vals))}
		for k, e := range v.vals {
			c.vals[k] = cloneOut(e)
		}
		return c
	case []any:
		c := make([]any, len(v))
		for i, e := range v {
			c[i] = cloneOut(e)
		}
		return c
	case intrinsic:
		return intrinsic{v.tag, cloneOut(v.arg)}
	}
	return v
}
