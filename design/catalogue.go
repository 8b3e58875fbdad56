package design

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Model is how the source of a connection invokes or feeds its target. It
// decides how failures are retried and where events are lost, and the diagram
// draws each model in its own line style.
type Model string

// The invocation models.
const (
	ModelSync         Model = "sync"         // synchronous push: the caller waits for the answer
	ModelAsync        Model = "async"        // asynchronous event: queued by the service, retried, then dropped
	ModelPoll         Model = "poll"         // poll-based event source mapping run by Lambda's pollers
	ModelSubscription Model = "subscription" // pushed to each subscriber of a topic or bus
	ModelDirect       Model = "direct"       // direct service integration, no code in between
	ModelSDK          Model = "sdk"          // an SDK call from function code; needs an IAM grant
	ModelFailure      Model = "failure"      // on-failure or dead-letter destination
)

// Models lists every model in the order the legend shows them.
var Models = []Model{ModelSync, ModelAsync, ModelPoll, ModelSubscription, ModelDirect, ModelSDK, ModelFailure}

// Title is the model's name for people.
func (m Model) Title() string {
	switch m {
	case ModelSync:
		return "Synchronous push"
	case ModelAsync:
		return "Asynchronous event"
	case ModelPoll:
		return "Poll-based event source mapping"
	case ModelSubscription:
		return "Subscription"
	case ModelDirect:
		return "Direct service integration"
	case ModelSDK:
		return "SDK call from code"
	case ModelFailure:
		return "On-failure / dead-letter destination"
	}
	return string(m)
}

// PropType is the type of a property's value.
type PropType string

// The property types. Range and enum violations are findings of the rules
// engine, not decoding errors: a design may hold what AWS would refuse, and
// archlab says so. A value of the wrong type is refused outright.
const (
	TypeInteger PropType = "integer"
	TypeNumber  PropType = "number"
	TypeString  PropType = "string"
	TypeBoolean PropType = "boolean"
	TypeEnum    PropType = "enum" // one string of Values
	TypeList    PropType = "list" // strings, each of Values when Values is set
	TypeJSON    PropType = "json" // any JSON value: policies, patterns, definitions
	TypeRef     PropType = "ref"  // the id of another block of one of Kinds
)

// Range is an inclusive numeric range.
type Range struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// Prop describes one property of a kind or of an integration.
type Prop struct {
	// Name is the CloudFormation property, with dots for nested ones
	// ("AccessLogSetting.DestinationArn").
	Name string `json:"name"`
	// Label is a shorter name for forms; Name is shown when it is empty.
	Label string   `json:"label,omitempty"`
	Type  PropType `json:"type"`
	// Unit is shown beside the value: "s", "ms", "MB", "bytes", "hours", "count".
	Unit string `json:"unit,omitempty"`
	// Default is the value AWS uses when the property is not set; nil when
	// leaving it unset means "none" (no reservation, no stream, ...).
	Default any    `json:"default,omitempty"`
	Range   *Range `json:"range,omitempty"`
	// Also lists values allowed outside Range, such as -1 for "forever".
	Also   []float64 `json:"also,omitempty"`
	Values []string  `json:"values,omitempty"`
	// Numbers lists the only numbers allowed, when AWS takes a fixed set
	// (log retention days).
	Numbers []float64 `json:"numbers,omitempty"`
	// Text bounds a string's length and characters, as AWS does names.
	Text *Text `json:"text,omitempty"`
	// Kinds lists the block kinds a ref may point at.
	Kinds   []string `json:"kinds,omitempty"`
	Summary string   `json:"summary"`
	// KB is the knowledge-base page that explains the property.
	KB string `json:"kb,omitempty"`
	// Estimate marks a design-time estimate (traffic, durations) that feeds
	// the rules but is not a CloudFormation property.
	Estimate bool `json:"estimate,omitempty"`
	// Essential marks a property most designs set or review; forms show the
	// essentials first and fold the others away. A schema that marks none
	// shows every property unfolded.
	Essential bool `json:"essential,omitempty"`
	// AppliesWhen, when set, is the condition under which the property
	// means anything (FIFO-only settings on a FIFO queue); forms leave it
	// out otherwise, unless it holds a value.
	AppliesWhen *Applies `json:"appliesWhen,omitempty"`
}

// Applies is a condition on another property of the same block or
// connection: it equals Equals (its AWS default counting when it is unset)
// or, with Set, has any value at all.
type Applies struct {
	Prop   string `json:"prop"`
	Equals any    `json:"equals,omitempty"`
	Set    bool   `json:"set,omitempty"`
}

// AppliesTo reports whether p means anything for a block or connection
// with the given values of schema, the properties p belongs to.
func (p *Prop) AppliesTo(schema []Prop, props Props) bool {
	a := p.AppliesWhen
	if a == nil {
		return true
	}
	v, ok := props[a.Prop]
	if !ok {
		for i := range schema {
			if schema[i].Name == a.Prop {
				v = schema[i].Default
			}
		}
	}
	if a.Set {
		return v != nil && v != ""
	}
	return Equal(v, a.Equals)
}

// HumanLabel is the property's name for people: its Label, or its
// CloudFormation name (the last part of a nested one) in words, such as
// "Visibility timeout" for VisibilityTimeout.
func (p *Prop) HumanLabel() string {
	if p.Label != "" {
		return p.Label
	}
	return words(p.Name[strings.LastIndex(p.Name, ".")+1:])
}

// acronyms keep their capitals when a CloudFormation name is put in words.
var acronyms = map[string]string{"fifo": "FIFO", "kms": "KMS", "sse": "SSE", "id": "ID", "ids": "IDs", "arn": "ARN",
	"url": "URL", "api": "API", "http": "HTTP", "ttl": "TTL", "vpc": "VPC", "iam": "IAM", "sqs": "SQS", "sns": "SNS",
	"ssl": "SSL", "tls": "TLS", "waf": "WAF", "acl": "ACL", "cors": "CORS", "xray": "X-Ray", "jwt": "JWT", "oidc": "OIDC",
	"mb": "MB", "gb": "GB", "kb": "KB", "ms": "ms", "dlq": "DLQ", "sql": "SQL", "json": "JSON", "cpu": "CPU"}

// words splits a CamelCase name into a sentence-case phrase:
// "MaximumBatchingWindowInSeconds" → "Maximum batching window in seconds".
func words(name string) string {
	var parts []string
	start := 0
	rs := []rune(name)
	for i := 1; i < len(rs); i++ {
		upper := rs[i] >= 'A' && rs[i] <= 'Z'
		prevLower := rs[i-1] >= 'a' && rs[i-1] <= 'z' || rs[i-1] >= '0' && rs[i-1] <= '9'
		nextLower := i+1 < len(rs) && rs[i+1] >= 'a' && rs[i+1] <= 'z'
		prevUpper := rs[i-1] >= 'A' && rs[i-1] <= 'Z'
		if upper && (prevLower || prevUpper && nextLower) {
			parts = append(parts, string(rs[start:i]))
			start = i
		}
	}
	parts = append(parts, string(rs[start:]))
	for i, w := range parts {
		lw := strings.ToLower(w)
		switch {
		case acronyms[lw] != "":
			parts[i] = acronyms[lw]
		case i == 0:
			parts[i] = strings.ToUpper(lw[:1]) + lw[1:]
		default:
			parts[i] = lw
		}
	}
	return strings.Join(parts, " ")
}

// DisplayName is the label shown in forms and messages.
func (p *Prop) DisplayName() string {
	if p.Label != "" {
		return p.Label
	}
	return p.Name
}

// InRange reports whether a numeric value is within the property's range
// and, when it has a fixed set of numbers, is one of them.
func (p *Prop) InRange(v float64) bool {
	if slices.Contains(p.Also, v) {
		return true
	}
	if len(p.Numbers) > 0 && !slices.Contains(p.Numbers, v) {
		return false
	}
	return p.Range == nil || (v >= p.Range.Min && v <= p.Range.Max)
}

// RangeText describes the allowed values for messages and forms.
func (p *Prop) RangeText() string {
	switch {
	case p.Range != nil:
		s := FormatNumber(p.Range.Min) + "–" + FormatNumber(p.Range.Max)
		for _, a := range p.Also {
			s += " or " + FormatNumber(a)
		}
		if p.Unit != "" {
			s += " " + p.Unit
		}
		return s
	case len(p.Numbers) > 0:
		nums := make([]string, len(p.Numbers))
		for i, n := range p.Numbers {
			nums[i] = FormatNumber(n)
		}
		return strings.Join(nums, ", ")
	case len(p.Values) > 0:
		return strings.Join(p.Values, ", ")
	case p.Text != nil:
		return p.Text.String()
	}
	return ""
}

// Allowed reports whether v (already of the right type) is within the
// property's range or values, and if not, why.
func (p *Prop) Allowed(v any) (bool, string) {
	switch p.Type {
	case TypeInteger, TypeNumber:
		f, _ := v.(float64)
		if !p.InRange(f) {
			unit := ""
			if p.Unit != "" {
				unit = " " + p.Unit
			}
			return false, fmt.Sprintf("%s is %s%s; allowed: %s", p.Name, FormatNumber(f), unit, p.RangeText())
		}
	case TypeEnum:
		s, _ := v.(string)
		if len(p.Values) > 0 && !slices.Contains(p.Values, s) {
			return false, fmt.Sprintf("%s is %q; allowed: %s", p.Name, s, p.RangeText())
		}
	case TypeString:
		if s, _ := v.(string); p.Text != nil && !p.Text.Allows(s) {
			return false, fmt.Sprintf("%s is %q; allowed: %s", p.Name, s, p.RangeText())
		}
	case TypeList:
		items, _ := v.([]any)
		for _, it := range items {
			s, _ := it.(string)
			if len(p.Values) > 0 && !slices.Contains(p.Values, s) {
				return false, fmt.Sprintf("%s holds %q; allowed: %s", p.Name, s, p.RangeText())
			}
		}
	}
	return true, ""
}

// maxStringLen bounds string properties; the longest CloudFormation strings
// that people put into designs (ARNs, expressions) are far shorter.
const maxStringLen = 4096

// check converts v to the property's canonical JSON type, or says why it
// cannot be one. It does not check ranges; see Allowed.
func (p *Prop) check(v any) (any, error) {
	v = canonical(v)
	switch p.Type {
	case TypeInteger, TypeNumber:
		f, ok := v.(float64)
		if !ok {
			return nil, fmt.Errorf("must be a number, not %s", describe(v))
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("must be a finite number")
		}
		if p.Type == TypeInteger && f != math.Trunc(f) {
			return nil, fmt.Errorf("must be a whole number, not %s", FormatNumber(f))
		}
		return f, nil
	case TypeBoolean:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, fmt.Errorf("must be true or false, not %s", describe(v))
	case TypeString, TypeEnum, TypeRef:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("must be a string, not %s", describe(v))
		}
		if len(s) > maxStringLen {
			return nil, fmt.Errorf("is %d characters long; at most %d", len(s), maxStringLen)
		}
		if err := controlIn(s, multilineProp(p.Name)); err != nil {
			return nil, err
		}
		return s, nil
	case TypeList:
		if s, ok := v.(string); ok { // a single value stands for a list of one
			return []any{s}, nil
		}
		items, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("must be a list of strings, not %s", describe(v))
		}
		if len(items) > MaxValueEntries {
			return nil, fmt.Errorf("is a list of %s items; at most %s", FormatNumber(float64(len(items))), FormatNumber(MaxValueEntries))
		}
		for i, it := range items {
			s, ok := it.(string)
			if !ok {
				return nil, fmt.Errorf("item %d must be a string, not %s", i, describe(it))
			}
			if len(s) > maxStringLen {
				return nil, fmt.Errorf("item %d is %d characters long; at most %d", i, len(s), maxStringLen)
			}
			if err := controlIn(s, false); err != nil {
				return nil, fmt.Errorf("item %d %w", i, err)
			}
		}
		return items, nil
	case TypeJSON:
		if err := checkValue(v); err != nil {
			return nil, err
		}
		return v, nil
	}
	return nil, fmt.Errorf("has unknown type %q", p.Type)
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case float64:
		return "the number " + FormatNumber(v)
	case string:
		return fmt.Sprintf("the string %q", v)
	case bool:
		return fmt.Sprintf("%t", v)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// FormatNumber prints a number without a trailing ".0" and with thousands
// separators, the way findings quote numbers ("1,209,600 s").
func FormatNumber(f float64) string {
	var buf [32]byte
	return string(AppendNumber(buf[:0], f))
}

// AppendNumber appends FormatNumber's text to dst, for callers that build a
// longer text and would rather not allocate the number on its own.
func AppendNumber(dst []byte, f float64) []byte {
	if f != math.Trunc(f) || math.Abs(f) >= 1e15 {
		return strconv.AppendFloat(dst, f, 'g', -1, 64)
	}
	var digits [20]byte
	s := strconv.AppendInt(digits[:0], int64(math.Abs(f)), 10)
	if f < 0 {
		dst = append(dst, '-')
	}
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, d)
	}
	return dst
}

// Kind is a block kind of the catalogue: one AWS service or outside party.
type Kind struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Noun names new blocks of the kind: "Function", then "Function2".
	Noun     string `json:"noun"`
	Category string `json:"category"`
	Summary  string `json:"summary"`
	KB       string `json:"kb,omitempty"`
	// CloudFormation lists the resource types the kind stands for.
	CloudFormation []string `json:"cloudFormation,omitempty"`
	// ARN says how the ARNs of the kind's resources look, so that a
	// reference to one outside the design still finds its kind.
	ARN []ARNForm `json:"arn,omitempty"`
	// IAM lists the data-plane actions on the kind's resources, so that a
	// permission tells a send from a read and a call from a management task.
	IAM   []IAMService `json:"iam,omitempty"`
	Props []Prop       `json:"props"`
	// propIndex finds a property by name; NewCatalogue fills it, because
	// rules look properties up on every check.
	propIndex map[string]int
	// at is the kind's position in its catalogue, which finds the
	// integrations between two kinds without hashing their ids.
	at int
}

// Prop returns the kind's property with the given name, or nil.
func (k *Kind) Prop(name string) *Prop {
	if k.propIndex != nil {
		if i, ok := k.propIndex[name]; ok {
			return &k.Props[i]
		}
		return nil
	}
	for i := range k.Props {
		if k.Props[i].Name == name {
			return &k.Props[i]
		}
	}
	return nil
}

// Side names the end of a connection a guard looks at.
type Side string

// The two ends of a connection.
const (
	From Side = "from"
	To   Side = "to"
)

// Cond is one condition of a guard: a property of one end has a value.
type Cond struct {
	Side   Side   `json:"side"`
	Prop   string `json:"prop"`
	Equals any    `json:"equals"`
}

// Guard refuses an integration when all of When hold (a FIFO topic
// subscribing a function), or when Differ is set and the two ends' values of
// that property differ (a FIFO queue with a standard dead-letter queue).
type Guard struct {
	When    []Cond `json:"when,omitempty"`
	Differ  string `json:"differ,omitempty"`
	Message string `json:"message"`
	// Rule is the rules engine's rule that reports an existing connection
	// breaking the guard (after a topic is made FIFO, say).
	Rule string `json:"rule"`
}

// Integration is one way a source kind can feed a target kind.
type Integration struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Model   Model   `json:"model"`
	Summary string  `json:"summary"`
	Props   []Prop  `json:"props,omitempty"`
	Guards  []Guard `json:"guards,omitempty"`
}

// Prop returns the integration's property with the given name, or nil.
func (in *Integration) Prop(name string) *Prop {
	for i := range in.Props {
		if in.Props[i].Name == name {
			return &in.Props[i]
		}
	}
	return nil
}

// Link lists the integrations allowed from one kind to another.
type Link struct {
	From, To     string
	Integrations []Integration
}

// Refusal explains why a pair of kinds cannot be connected directly and what
// to build instead.
type Refusal struct {
	From, To string
	Message  string
}

// Catalogue is the one table of what exists: kinds, their properties, and the
// integrations allowed between them. Forms, range checks, the importer and
// the knowledge base's reference tables all read it.
type Catalogue struct {
	kinds []*Kind
	byID  map[string]*Kind
	links map[[2]string][]Integration
	// linksAt holds links by the kinds' positions, from*len(kinds)+to.
	linksAt  [][]Integration
	refusals map[[2]string]string
	// limits bound the designs built from the catalogue (see WithLimits).
	limits Limits
}

var (
	kindIDPattern   = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	propNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9.]*$`)
)

// NewCatalogue builds a catalogue and checks that it is consistent: unique
// kinds and properties, defaults of the right type and within range, links
// between known kinds, refs to known kinds.
func NewCatalogue(kinds []Kind, links []Link, refusals []Refusal) (*Catalogue, error) {
	c := &Catalogue{
		byID:     make(map[string]*Kind, len(kinds)),
		links:    make(map[[2]string][]Integration, len(links)),
		refusals: make(map[[2]string]string, len(refusals)),
	}
	for i := range kinds {
		k := &kinds[i]
		if !kindIDPattern.MatchString(k.ID) {
			return nil, fmt.Errorf("catalogue: kind id %q is not kebab-case", k.ID)
		}
		if c.byID[k.ID] != nil {
			return nil, fmt.Errorf("catalogue: kind %q twice", k.ID)
		}
		if !idPattern.MatchString(k.Noun) {
			return nil, fmt.Errorf("catalogue: kind %q needs a noun usable as a block id", k.ID)
		}
		if err := checkSchema("kind "+k.ID, k.Props); err != nil {
			return nil, err
		}
		k.propIndex = make(map[string]int, len(k.Props))
		for i, p := range k.Props {
			k.propIndex[p.Name] = i
		}
		c.byID[k.ID] = k
		k.at = len(c.kinds)
		c.kinds = append(c.kinds, k)
	}
	for _, l := range links {
		where := fmt.Sprintf("link %s → %s", l.From, l.To)
		if c.byID[l.From] == nil || c.byID[l.To] == nil {
			return nil, fmt.Errorf("catalogue: %s names an unknown kind", where)
		}
		key := [2]string{l.From, l.To}
		if c.links[key] != nil {
			return nil, fmt.Errorf("catalogue: %s twice", where)
		}
		seen := map[string]bool{}
		for _, in := range l.Integrations {
			if seen[in.ID] {
				return nil, fmt.Errorf("catalogue: %s: integration %q twice", where, in.ID)
			}
			seen[in.ID] = true
			if !slices.Contains(Models, in.Model) {
				return nil, fmt.Errorf("catalogue: %s: integration %q has unknown model %q", where, in.ID, in.Model)
			}
			if err := checkSchema(where+" "+in.ID, in.Props); err != nil {
				return nil, err
			}
			for _, g := range in.Guards {
				if err := c.checkGuard(l, g); err != nil {
					return nil, fmt.Errorf("catalogue: %s: %w", where, err)
				}
			}
		}
		c.links[key] = l.Integrations
	}
	c.linksAt = make([][]Integration, len(c.kinds)*len(c.kinds))
	for key, ins := range c.links {
		c.linksAt[c.byID[key[0]].at*len(c.kinds)+c.byID[key[1]].at] = ins
	}
	for _, r := range refusals {
		if c.byID[r.From] == nil || c.byID[r.To] == nil {
			return nil, fmt.Errorf("catalogue: refusal %s → %s names an unknown kind", r.From, r.To)
		}
		if c.links[[2]string{r.From, r.To}] != nil {
			return nil, fmt.Errorf("catalogue: refusal %s → %s contradicts a link", r.From, r.To)
		}
		c.refusals[[2]string{r.From, r.To}] = r.Message
	}
	// Refs may only name kinds that exist.
	for _, k := range c.kinds {
		for _, p := range k.Props {
			if err := c.checkRefKinds(k.ID, p); err != nil {
				return nil, err
			}
		}
	}
	for key, ins := range c.links {
		for _, in := range ins {
			for _, p := range in.Props {
				if err := c.checkRefKinds(key[0]+"→"+key[1], p); err != nil {
					return nil, err
				}
			}
		}
	}
	return c, nil
}

func (c *Catalogue) checkGuard(l Link, g Guard) error {
	if g.Message == "" || g.Rule == "" || (len(g.When) == 0) == (g.Differ == "") {
		return fmt.Errorf("a guard needs a message, a rule and either conditions or a property to compare")
	}
	if g.Differ != "" && (c.byID[l.From].Prop(g.Differ) == nil || c.byID[l.To].Prop(g.Differ) == nil) {
		return fmt.Errorf("guard compares %q, which one end lacks", g.Differ)
	}
	for _, w := range g.When {
		end := map[Side]string{From: l.From, To: l.To}[w.Side]
		if end == "" || c.byID[end].Prop(w.Prop) == nil {
			return fmt.Errorf("guard on unknown property %s.%s", w.Side, w.Prop)
		}
	}
	return nil
}

func (c *Catalogue) checkRefKinds(where string, p Prop) error {
	for _, k := range p.Kinds {
		if c.byID[k] == nil {
			return fmt.Errorf("catalogue: %s.%s refers to unknown kind %q", where, p.Name, k)
		}
	}
	return nil
}

func checkSchema(where string, props []Prop) error {
	seen := map[string]bool{}
	for i := range props {
		p := &props[i]
		if !propNamePattern.MatchString(p.Name) || seen[p.Name] {
			return fmt.Errorf("catalogue: %s: bad or repeated property %q", where, p.Name)
		}
		seen[p.Name] = true
		if p.Summary == "" {
			return fmt.Errorf("catalogue: %s.%s has no summary", where, p.Name)
		}
		if p.Type == TypeEnum && len(p.Values) == 0 {
			return fmt.Errorf("catalogue: %s.%s is an enum without values", where, p.Name)
		}
		if p.Text != nil && p.Type != TypeString {
			return fmt.Errorf("catalogue: %s.%s bounds the text of a %s", where, p.Name, p.Type)
		}
		if p.Type == TypeRef && len(p.Kinds) == 0 {
			return fmt.Errorf("catalogue: %s.%s is a ref without kinds", where, p.Name)
		}
		if err := checkApplies(props, p); err != nil {
			return fmt.Errorf("catalogue: %s.%s %w", where, p.Name, err)
		}
		if p.Default == nil {
			continue
		}
		v, err := p.check(p.Default)
		if err != nil {
			return fmt.Errorf("catalogue: %s.%s default %v %v", where, p.Name, p.Default, err)
		}
		if ok, why := p.Allowed(v); !ok {
			return fmt.Errorf("catalogue: %s default: %s", where, why)
		}
		p.Default = v
	}
	return nil
}

// checkApplies checks that a property's condition names another property
// of its schema and, for Equals, a value that property may take.
func checkApplies(schema []Prop, p *Prop) error {
	a := p.AppliesWhen
	if a == nil {
		return nil
	}
	var on *Prop
	for i := range schema {
		if schema[i].Name == a.Prop && a.Prop != p.Name {
			on = &schema[i]
		}
	}
	if on == nil {
		return fmt.Errorf("applies when %q, which is no other property of its schema", a.Prop)
	}
	if a.Set == (a.Equals != nil) {
		return fmt.Errorf("applies when %s is set or equals a value: one of the two", a.Prop)
	}
	if a.Equals != nil {
		v, err := on.check(a.Equals)
		if err != nil {
			return fmt.Errorf("applies when %s equals %v, which %v", a.Prop, a.Equals, err)
		}
		if ok, why := on.Allowed(v); !ok {
			return fmt.Errorf("applies when %s", why)
		}
		a.Equals = v
	}
	return nil
}

// Kinds returns every kind in catalogue order.
func (c *Catalogue) Kinds() []*Kind { return c.kinds }

// Kind returns the kind with the given id, or nil.
func (c *Catalogue) Kind(id string) *Kind { return c.byID[id] }

// KindName is what people call a kind ("SQS queue"), or the id itself for
// a kind the catalogue does not know.
func (c *Catalogue) KindName(id string) string {
	if k := c.byID[id]; k != nil {
		return k.Name
	}
	return id
}

// Integrations returns the integrations allowed from one kind to another.
func (c *Catalogue) Integrations(from, to string) []Integration {
	return c.links[[2]string{from, to}]
}

// Integration returns the integration with the given id for a pair of
// kinds, or nil.
func (c *Catalogue) Integration(from, to, id string) *Integration {
	return findIntegration(c.links[[2]string{from, to}], id)
}

// IntegrationOf is Integration for two kinds of the catalogue, without
// hashing their ids: the rules look up every connection of a design.
func (c *Catalogue) IntegrationOf(from, to *Kind, id string) *Integration {
	if !c.owns(from) || !c.owns(to) {
		return nil
	}
	return findIntegration(c.linksAt[from.at*len(c.kinds)+to.at], id)
}

// owns reports whether k is one of the catalogue's kinds.
func (c *Catalogue) owns(k *Kind) bool {
	return k != nil && k.at < len(c.kinds) && c.kinds[k.at] == k
}

func findIntegration(ins []Integration, id string) *Integration {
	for i := range ins {
		if ins[i].ID == id {
			return &ins[i]
		}
	}
	return nil
}

// Links returns every allowed pair, for reference tables and the API.
func (c *Catalogue) Links() []Link {
	out := make([]Link, 0, len(c.links))
	for _, k := range c.kinds {
		for _, t := range c.kinds {
			if ins := c.links[[2]string{k.ID, t.ID}]; ins != nil {
				out = append(out, Link{From: k.ID, To: t.ID, Integrations: ins})
			}
		}
	}
	return out
}

// WhyNot explains why a source kind cannot feed a target kind directly and
// what to build instead.
func (c *Catalogue) WhyNot(from, to string) string {
	if msg, ok := c.refusals[[2]string{from, to}]; ok {
		return msg
	}
	fk, tk := c.byID[from], c.byID[to]
	if fk == nil || tk == nil {
		return "unknown kind"
	}
	switch from {
	case "sqs", "kinesis", "dynamodb":
		return fmt.Sprintf("a %s is read by pollers and pushes nothing: put a Lambda function or an EventBridge pipe between it and the %s", fk.Name, tk.Name)
	}
	return fmt.Sprintf("a %s cannot feed a %s directly: put a Lambda function (or an EventBridge rule or pipe) between them", fk.Name, tk.Name)
}

// Value returns a block property's value, falling back to the AWS default,
// and whether the default was used. The value is nil when neither is set,
// and for an unset property of a block outside the design: someone else
// configured that resource, and AWS's defaults say nothing of it.
func (c *Catalogue) Value(b *Block, name string) (v any, isDefault bool) {
	if v, ok := b.Props[name]; ok {
		return v, false
	}
	if b.External != nil {
		return nil, false
	}
	if k := c.byID[b.Kind]; k != nil {
		if p := k.Prop(name); p != nil {
			return p.Default, p.Default != nil
		}
	}
	return nil, false
}

// ConnectionValue is Value for a connection's properties.
func (c *Catalogue) ConnectionValue(d *Design, cn *Connection, name string) (v any, isDefault bool) {
	if v, ok := cn.Props[name]; ok {
		return v, false
	}
	from, to := d.Block(cn.From), d.Block(cn.To)
	if from == nil || to == nil {
		return nil, false
	}
	if in := c.Integration(from.Kind, to.Kind, cn.Integration); in != nil {
		if p := in.Prop(name); p != nil {
			return p.Default, p.Default != nil
		}
	}
	return nil, false
}

// guardMessage returns the message of the first guard that refuses the
// integration between from and to, or "".
func (c *Catalogue) guardMessage(in *Integration, from, to *Block) string {
	if g := c.brokenGuard(in, from, to); g != nil {
		return g.Message
	}
	return ""
}

// brokenGuard returns the first guard of the integration that from and to
// break, or nil.
func (c *Catalogue) brokenGuard(in *Integration, from, to *Block) *Guard {
	for i := range in.Guards {
		g := &in.Guards[i]
		if g.Differ != "" {
			// An end whose value is unknown (outside the design) breaks
			// nothing that anyone can see.
			v, _ := c.Value(from, g.Differ)
			w, _ := c.Value(to, g.Differ)
			if v != nil && w != nil && !Equal(v, w) {
				return g
			}
			continue
		}
		all := true
		for _, w := range g.When {
			b := from
			if w.Side == To {
				b = to
			}
			if v, _ := c.Value(b, w.Prop); !Equal(v, w.Equals) {
				all = false
				break
			}
		}
		if all {
			return g
		}
	}
	return nil
}

// BrokenGuard returns the guard of its integration that an existing
// connection breaks (a topic made FIFO after a function subscribed), or nil.
func (c *Catalogue) BrokenGuard(from, to *Block, cn *Connection) *Guard {
	return c.BrokenGuardOf(c.Integration(from.Kind, to.Kind, cn.Integration), from, to)
}

// BrokenGuardOf is BrokenGuard for a connection whose integration the
// caller has found already; nil when in is nil.
func (c *Catalogue) BrokenGuardOf(in *Integration, from, to *Block) *Guard {
	if in == nil {
		return nil
	}
	return c.brokenGuard(in, from, to)
}
