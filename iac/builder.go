package iac

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/archlab/archlab/design"
)

// builder collects the blocks and connections of an import. Property values
// are kept as template values until the end, when every block exists and
// references between them can be checked.
type builder struct {
	t     *template
	cat   *design.Catalogue
	kinds *kindIndex

	blocks    []*blk
	blockByID map[string]*blk
	conns     []*conn
	connByKey map[[3]string]*conn
	notes     []Note
	noted     map[Note]bool

	// Filled in by design().
	locations     map[string]Location
	propLocations map[string]map[string]Location

	// files reads what the template references (ImportFS); nil for Import.
	files *fileSet

	// Template-level archlab metadata, when the template was exported by
	// archlab.
	meta *exportMeta
	// globals holds the SAM Globals sections by resource kind ("Function").
	globals map[string]*node
	// scopeGlobals holds the Globals of each nested stack read, by the
	// prefix of its ids.
	scopeGlobals map[string]map[string]*node
	// chain is the nested stacks being read, by file, for cycles.
	chain []int
	// roles maps an IAM role to the functions that run with it.
	roles map[string][]string
	// externals holds the blocks outside the design by the reference that
	// named them, so that one reference makes one block.
	externals map[string]*blk
	// event is the SAM event being read, whose name the connections it
	// makes record.
	event string
	// eventNames maps connection ids to the SAM events they were read
	// from; filled in by design().
	eventNames map[string][]string
}

// pending is a property value waiting to be converted: a template value, or
// one the importer worked out.
type pending struct {
	n   *node
	v   any
	set bool // v holds a worked-out value
	at  pos
	// derived marks a value the importer worked out rather than read under
	// the property's name; it is left unset when it equals AWS's default.
	derived bool
	// owner is the block notes about the value name.
	owner string
}

type blk struct {
	id, kind, name string
	res            *resource
	props          map[string]pending
	order          []string
	at             pos
	// external is set for a block that stands for something outside the
	// design (see external.go).
	external *design.External
}

type conn struct {
	id, from, to, integ string
	props               map[string]pending
	order               []string
	at                  pos
	// evidence is what the template says that the connection rests on.
	evidence []design.Evidence
	// declared is set when the template wires the connection itself; it
	// then rests on declaredBasis of its integration at least.
	declared bool
	// routes holds the authorization of each API route the connection
	// serves, "" for a route that takes the API's default (apigateway.go).
	routes []string
	// events names the SAM events the connection was read from, in the
	// order the template writes them: an export of the design keeps them.
	events []string
}

// because records what a connection rests on.
func (c *conn) because(basis design.Basis, detail string) {
	if c == nil {
		return
	}
	e := design.Evidence{Basis: basis, Detail: clip(detail, design.MaxEvidenceDetail)}
	if !slices.Contains(c.evidence, e) && len(c.evidence) < design.MaxEvidence {
		c.evidence = append(c.evidence, e)
	}
}

// declaredBasis is what a connection of an integration rests on when the
// template wires it and nothing more precise was recorded.
func declaredBasis(integ string) design.Basis {
	switch integ {
	case design.IntESM, design.IntSource:
		return design.BasisEventSourceMapping
	case design.IntSubscription:
		return design.BasisSubscription
	case design.IntRule:
		return design.BasisEventSource
	case design.IntTarget, design.IntRuleAction:
		return design.BasisTarget
	case design.IntOnFailure, design.IntOnSuccess, design.IntDeadLetter:
		return design.BasisDestination
	case design.IntNotification, design.IntEventBridge:
		return design.BasisNotification
	case design.IntResolver:
		return design.BasisResolver
	case design.IntTask:
		return design.BasisTask
	}
	return design.BasisIntegration
}

func newBuilder(t *template, cat *design.Catalogue) *builder {
	return &builder{
		t: t, cat: cat, kinds: kindsOf(cat),
		blockByID:    map[string]*blk{},
		connByKey:    map[[3]string]*conn{},
		noted:        map[Note]bool{},
		globals:      map[string]*node{},
		scopeGlobals: map[string]map[string]*node{},
		roles:        map[string][]string{},
		externals:    map[string]*blk{},
	}
}

// note records something the import did not read, once: a value read
// again (a pipeline function's data source, for each resolver using it)
// does not repeat what was said of it.
func (b *builder) note(id string, at pos, format string, args ...any) {
	n := Note{ID: id, File: b.files.name(at.file), Line: at.line, Column: at.col, Message: fmt.Sprintf(format, args...)}
	if b.noted[n] {
		return
	}
	b.noted[n] = true
	b.notes = append(b.notes, n)
}

var idPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,127}$`)

// addBlock adds a block, or returns the one with that id when it exists.
func (b *builder) addBlock(id, kind string, res *resource, at pos) *blk {
	if bk := b.blockByID[id]; bk != nil {
		return bk
	}
	if !idPattern.MatchString(id) {
		b.note(id, at, "the logical id is not usable as a block id (letters, digits, '-' and '_', at most 128); the resource is not shown")
		return nil
	}
	bk := &blk{id: id, kind: kind, res: res, props: map[string]pending{}, at: at}
	b.blocks = append(b.blocks, bk)
	b.blockByID[id] = bk
	if res != nil {
		res.read = true
	}
	return bk
}

// block returns the block made from a resource or added under an id.
func (b *builder) block(id string) *blk { return b.blockByID[id] }

// kindOf returns the kind of a block id, or "".
func (b *builder) kindOf(id string) string {
	if bk := b.blockByID[id]; bk != nil {
		return bk.kind
	}
	return ""
}

// set records a property value from the template unless one is set.
func (bk *blk) set(name string, n *node) {
	if bk == nil || n == nil {
		return
	}
	if _, ok := bk.props[name]; ok {
		return
	}
	bk.props[name] = pending{n: n, at: n.pos}
	bk.order = append(bk.order, name)
}

// derive records a worked-out value that stays unset when it is AWS's
// default.
func (bk *blk) derive(name string, v any, at pos) {
	if bk == nil {
		return
	}
	if _, ok := bk.props[name]; ok {
		return
	}
	bk.props[name] = pending{v: v, set: true, at: at, derived: true}
	bk.order = append(bk.order, name)
}

// setValue records a worked-out property value unless one is set.
func (bk *blk) setValue(name string, v any, at pos) {
	if bk == nil {
		return
	}
	if _, ok := bk.props[name]; ok {
		return
	}
	bk.props[name] = pending{v: v, set: true, at: at}
	bk.order = append(bk.order, name)
}

// appendValue adds an item to a worked-out list property.
func (bk *blk) appendValue(name string, item any, at pos) {
	if bk == nil {
		return
	}
	p, ok := bk.props[name]
	if !ok {
		bk.props[name] = pending{v: []any{item}, set: true, at: at}
		bk.order = append(bk.order, name)
		return
	}
	if list, isList := p.v.([]any); isList && p.set {
		p.v = append(list, item)
		bk.props[name] = p
	}
}

// connect adds a connection the template declares, or returns the one that
// already joins the two blocks with that integration. It notes and returns
// nil when the catalogue has no such integration.
func (b *builder) connect(from, to, integ string, at pos, id string) *conn {
	c := b.connectInferred(from, to, integ, at, id)
	if c != nil {
		c.declared = true
	}
	return c
}

// connectInferred is connect for a connection that only permissions, a
// connector or the environment suggest; the caller records its evidence.
func (b *builder) connectInferred(from, to, integ string, at pos, id string) *conn {
	fb, tb := b.blockByID[from], b.blockByID[to]
	if fb == nil || tb == nil || from == to {
		return nil
	}
	if c := b.connByKey[[3]string{from, to, integ}]; c != nil {
		c.fromEvent(b.event)
		return c
	}
	if b.cat.Integration(fb.kind, tb.kind, integ) == nil {
		fk, tk := b.cat.Kind(fb.kind), b.cat.Kind(tb.kind)
		b.note(from, at, "%s → %s: archlab has no %q integration from a %s to a %s; the connection is not shown", from, to, integ, fk.Name, tk.Name)
		return nil
	}
	c := &conn{id: id, from: from, to: to, integ: integ, props: map[string]pending{}, at: at}
	c.fromEvent(b.event)
	b.conns = append(b.conns, c)
	b.connByKey[[3]string{from, to, integ}] = c
	return c
}

// fromEvent records that the connection was read from a SAM event.
func (c *conn) fromEvent(name string) {
	if name != "" && !slices.Contains(c.events, name) {
		c.events = append(c.events, name)
	}
}

// addRoute records one more route key a WebSocket integration serves, in
// the list RouteKey; a derived list that holds only the default route is
// left unset.
func (c *conn) addRoute(key string, at pos, derived bool) {
	if c == nil || key == "" {
		return
	}
	pd, ok := c.props["RouteKey"]
	if !ok {
		c.props["RouteKey"] = pending{v: []any{key}, set: true, at: at, derived: derived}
		c.order = append(c.order, "RouteKey")
		return
	}
	if list, isList := pd.v.([]any); isList && pd.set && !slices.Contains(list, any(key)) {
		pd.v = append(slices.Clone(list), key)
		c.props["RouteKey"] = pd
	}
}

// derive records a worked-out value that stays unset when it is AWS's
// default.
func (c *conn) derive(name string, v any, at pos) {
	if c == nil {
		return
	}
	if _, ok := c.props[name]; ok {
		return
	}
	c.props[name] = pending{v: v, set: true, at: at, derived: true}
	c.order = append(c.order, name)
}

// deriveNode is derive for a template value.
func (c *conn) deriveNode(name string, n *node) {
	if c == nil || n == nil {
		return
	}
	if _, ok := c.props[name]; ok {
		return
	}
	c.props[name] = pending{n: n, at: n.pos, derived: true}
	c.order = append(c.order, name)
}

// set records a property value from the template unless one is set.
func (c *conn) set(name string, n *node) {
	if c == nil || n == nil {
		return
	}
	if _, ok := c.props[name]; ok {
		return
	}
	c.props[name] = pending{n: n, at: n.pos}
	c.order = append(c.order, name)
}

// setValue records a worked-out property value unless one is set.
func (c *conn) setValue(name string, v any, at pos) {
	if c == nil {
		return
	}
	if _, ok := c.props[name]; ok {
		return
	}
	c.props[name] = pending{v: v, set: true, at: at}
	c.order = append(c.order, name)
}

// readProps records the properties of a schema found in a template mapping
// under their CloudFormation names (with dots for nesting), or under the
// other paths given for some of them.
func readProps(set func(string, *node), src *node, schema []design.Prop, paths map[string][]string) {
	if src == nil || src.kind != mapNode {
		return
	}
	for i := range schema {
		p := &schema[i]
		if p.Estimate {
			continue
		}
		alts, ok := paths[p.Name]
		if !ok {
			alts = []string{p.Name}
		}
		for _, path := range alts {
			if n := lookup(src, path); n != nil {
				set(p.Name, n)
				break
			}
		}
	}
}

// lookup follows a dotted path through mappings; numeric segments index
// sequences.
func lookup(n *node, path string) *node {
	for seg := range strings.SplitSeq(path, ".") {
		if n == nil {
			return nil
		}
		if n.kind == seqNode {
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.items) {
				return nil
			}
			n = n.items[i]
			continue
		}
		n = n.get(seg)
	}
	if n != nil && n.kind == nullNode {
		return nil
	}
	return n
}

// errUnset says a value is not set at all (AWS::NoValue).
var errUnset = fmt.Errorf("is not set")

// convert turns a pending value into the property's type, or says why it
// cannot.
func (b *builder) convert(p *design.Prop, pd pending) (any, error) {
	var v any
	if pd.set {
		v = pd.v
	} else {
		n := pd.n
		if p.Type != design.TypeJSON {
			var cond string
			if n, cond = b.t.whenHolds(n); n == nil {
				return nil, errUnset
			}
			if cond != "" {
				b.note(pd.owner, pd.at, "%s depends on condition %s; archlab reads the value it has when the condition holds", p.Name, cond)
			}
		}
		var err error
		if v, err = b.templateValue(p, n); err != nil {
			return nil, err
		}
	}
	if p.Type == design.TypeRef {
		id, _ := v.(string)
		bk := b.blockByID[id]
		if bk == nil {
			return nil, fmt.Errorf("names no resource of the template")
		}
		if !slices.Contains(p.Kinds, bk.kind) {
			return nil, fmt.Errorf("names %s, a %s; archlab models it only for: %s", id, b.cat.Kind(bk.kind).Name, strings.Join(p.Kinds, ", "))
		}
	}
	return p.Check(v)
}

// templateValue reads a template value as the property's type.
func (b *builder) templateValue(p *design.Prop, n *node) (any, error) {
	t := b.t
	switch p.Type {
	case design.TypeInteger, design.TypeNumber:
		r := t.resolve(n)
		s, ok := r.text()
		if !ok {
			return nil, fmt.Errorf("is only known once deployed, not a number archlab can read")
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("is %q, not a number", s)
		}
		return f, nil
	case design.TypeBoolean:
		s, ok := t.resolve(n).text()
		if !ok {
			return nil, fmt.Errorf("is only known once deployed, not true or false")
		}
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fmt.Errorf("is %q, not true or false", s)
	case design.TypeString, design.TypeEnum:
		if r := t.resolve(n); r != nil && r.kind == seqNode {
			n = r
		}
		if n.kind == seqNode && len(n.items) == 1 {
			n = n.items[0] // Architectures: [arm64]
		}
		if n.kind == mapNode {
			if name, _ := n.intrinsic(); name == "" {
				return nil, fmt.Errorf("is a mapping, not a single value")
			}
		}
		if n.kind == seqNode {
			return nil, fmt.Errorf("is a list, not a single value")
		}
		s, ok := t.render(n)
		if !ok {
			return nil, fmt.Errorf("is only known once deployed")
		}
		return s, nil
	case design.TypeList:
		r := t.resolve(n)
		if r == nil {
			r = n
		}
		if r.kind == scalarNode {
			return []any{r.str}, nil
		}
		if r.kind != seqNode {
			return nil, fmt.Errorf("is not a list")
		}
		out := make([]any, 0, len(r.items))
		for _, it := range r.items {
			s, ok := t.render(it)
			if !ok {
				return nil, fmt.Errorf("holds a value only known once deployed")
			}
			out = append(out, s)
		}
		return out, nil
	case design.TypeRef:
		id := t.ref(n)
		if id == "" {
			return nil, fmt.Errorf("names no resource of the template")
		}
		return id, nil
	case design.TypeJSON:
		return n.value(), nil
	}
	return nil, fmt.Errorf("has a type archlab does not read")
}

// design builds the design: properties converted and checked, ids given to
// connections, the whole validated against the catalogue and laid out.
func (b *builder) design(title string) (*design.Design, error) {
	d := &design.Design{Title: title, Blocks: make([]design.Block, 0, len(b.blocks)), Connections: make([]design.Connection, 0, len(b.conns))}
	if b.meta != nil && b.meta.Title != "" {
		d.Title = b.meta.Title
	}
	if desc, ok := b.t.root.get("Description").text(); ok {
		d.Description = desc
	}
	if b.meta != nil && b.meta.Description != "" {
		d.Description = b.meta.Description
	}
	if d.Title == "" {
		d.Title = "Imported template"
	}
	d.Title = clip(d.Title, design.MaxTitleLen)
	d.Description = clip(d.Description, design.MaxDescLen)
	b.locations = make(map[string]Location, len(b.blocks)+len(b.conns))
	b.propLocations = map[string]map[string]Location{}
	b.eventNames = map[string][]string{}
	used := map[string]bool{}
	for _, bk := range b.blocks {
		used[bk.id] = true
	}
	for _, bk := range b.blocks {
		k := b.cat.Kind(bk.kind)
		props := design.Props{}
		for _, name := range bk.order {
			pd := bk.props[name]
			p := k.Prop(name)
			if p == nil {
				continue
			}
			pd.owner = bk.id
			v, err := b.convert(p, pd)
			if err == errUnset {
				continue
			}
			if err != nil {
				b.note(bk.id, pd.at, "%s %s; not read", name, err)
				continue
			}
			if pd.derived && p.Default != nil && design.Equal(v, p.Default) {
				continue
			}
			props[name] = v
			b.propLocation(bk.id, name, pd.at)
		}
		if len(props) == 0 {
			props = nil
		}
		d.Blocks = append(d.Blocks, design.Block{ID: bk.id, Kind: bk.kind, Name: clip(bk.name, design.MaxNameLen), Props: props, External: bk.external})
		b.locations[bk.id] = b.location(bk.at)
	}
	for _, c := range b.conns {
		in := b.cat.Integration(b.blockByID[c.from].kind, b.blockByID[c.to].kind, c.integ)
		props := design.Props{}
		for _, name := range c.order {
			pd := c.props[name]
			p := in.Prop(name)
			if p == nil {
				continue
			}
			pd.owner = c.from
			v, err := b.convert(p, pd)
			if err == errUnset {
				continue
			}
			if err != nil {
				b.note(c.from, pd.at, "%s → %s: %s %s; not read", c.from, c.to, name, err)
				continue
			}
			if pd.derived && p.Default != nil && design.Equal(v, p.Default) {
				continue
			}
			props[name] = v
		}
		if len(props) == 0 {
			props = nil
		}
		id := c.id
		if id == "" || used[id] || !idPattern.MatchString(id) {
			id = freeID(c.from+"-"+c.to, func(id string) bool { return used[id] })
		}
		used[id] = true
		for name, pd := range c.props {
			if _, ok := props[name]; ok {
				b.propLocation(id, name, pd.at)
			}
		}
		evidence := c.evidence
		if c.declared && !slices.ContainsFunc(evidence, func(e design.Evidence) bool { return !e.Basis.Inferred() }) {
			evidence = append([]design.Evidence{{Basis: declaredBasis(c.integ)}}, evidence...)
		}
		d.Connections = append(d.Connections, design.Connection{ID: id, From: c.from, To: c.to, Integration: c.integ, Props: props, Evidence: evidence})
		if len(c.events) > 0 {
			b.eventNames[id] = c.events
		}
		b.locations[id] = b.location(c.at)
	}
	b.metaGroups(d)
	b.metaTraffic(d)
	if err := d.Validate(b.cat); err != nil {
		return nil, fmt.Errorf("the imported design is invalid: %w", err)
	}
	for _, op := range design.Layout(d, true) {
		if bl := d.Block(op.ID); bl != nil && op.X != nil && op.Y != nil {
			bl.X, bl.Y = *op.X, *op.Y
		}
	}
	return d, nil
}

func (b *builder) propLocation(id, name string, at pos) {
	if at.line == 0 {
		return
	}
	m := b.propLocations[id]
	if m == nil {
		m = map[string]Location{}
		b.propLocations[id] = m
	}
	m[name] = b.location(at)
}

// location is a position as Imported gives it, with its file's path.
func (b *builder) location(at pos) Location {
	return Location{Line: at.line, Column: at.col, File: b.files.name(at.file)}
}

// freeID returns base, or base-2, base-3, ... whichever is not taken.
func freeID(base string, taken func(string) bool) string {
	if !idPattern.MatchString(base) {
		base = "c"
	}
	if !taken(base) {
		return base
	}
	for n := 2; ; n++ {
		id := base + "-" + strconv.Itoa(n)
		if !taken(id) && idPattern.MatchString(id) {
			return id
		}
		if !idPattern.MatchString(id) {
			base = "c"
		}
	}
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// noteUnread reports every resource no part of the importer read.
func (b *builder) noteUnread() {
	for _, r := range b.t.resources {
		if !r.read && r.typ != cdkMetadataType {
			b.note(r.id, r.pos, "%s is not modelled by archlab; it is not shown", r.typ)
		}
	}
}

// sortNotes orders notes by where they are in the template.
func (b *builder) sortNotes() {
	slices.SortStableFunc(b.notes, func(x, y Note) int {
		if x.Line != y.Line {
			return x.Line - y.Line
		}
		return x.Column - y.Column
	})
}
