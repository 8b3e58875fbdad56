package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/archlab/archlab/design"
)

// Context is a design prepared for the rules: indexes by id, kind and
// direction, and property lookups that fall back to AWS's defaults.
type Context struct {
	Design *design.Design
	Cat    *design.Catalogue
	// Now is the time rules about dates (runtime deprecations) compare with.
	Now time.Time

	// at finds a block's position in Design.Blocks; the other indexes are
	// by position, so that a lookup by id is one map access.
	at     map[string]int32
	byKind map[string][]*design.Block
	out    [][]*design.Connection // by block position
	in     [][]*design.Connection
	integ  map[*design.Connection]*design.Integration
	// connIDs holds the connections' ids, built when FreeID first needs it.
	connIDs     map[string]bool
	connIDsOnce sync.Once
	// ends holds each connection's blocks, in design order, for rules
	// that scan every connection (Links) without a lookup per connection.
	ends [][2]*design.Block
	refs map[string][]Ref // built on first use by RefsTo
	// memo holds what several rules derive from the whole design (loops,
	// broken guards), computed once per check.
	memo   map[string]*memoEntry
	memoMu sync.Mutex
	// refsOnce builds refs the first time a rule asks.
	refsOnce sync.Once
}

// memo returns the value computed for key in this check, computing it the
// first time: rules that share a costly walk of the design share its result.
// Rules may run in parallel over one context: the first to ask computes,
// the others wait for its result.
func memo[T any](c *Context, key string, compute func() T) T {
	c.memoMu.Lock()
	e := c.memo[key]
	if e == nil {
		if c.memo == nil {
			c.memo = map[string]*memoEntry{}
		}
		e = &memoEntry{}
		c.memo[key] = e
	}
	c.memoMu.Unlock()
	e.once.Do(func() { e.v = compute() })
	return e.v.(T)
}

type memoEntry struct {
	once sync.Once
	v    any
}

// Ref is a property that names a block: a subscription's dead-letter queue,
// a stream mapping's on-failure destination.
type Ref struct {
	// Owner is the id of the block or connection holding the property.
	Owner string
	Prop  string
}

// NewContext indexes a design for the rules.
func NewContext(d *design.Design, cat *design.Catalogue, now time.Time) *Context {
	n, m := len(d.Blocks), len(d.Connections)
	c := &Context{
		Design: d, Cat: cat, Now: now,
		at:     make(map[string]int32, n),
		byKind: make(map[string][]*design.Block, 24),
		out:    make([][]*design.Connection, n),
		in:     make([][]*design.Connection, n),
		integ:  make(map[*design.Connection]*design.Integration, m),
		ends:   make([][2]*design.Block, m),
	}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		c.at[b.ID] = int32(i)
		c.byKind[b.Kind] = append(c.byKind[b.Kind], b)
	}
	// Each block's connections are windows on two shared arrays, filled
	// in design order: count, then place.
	ends := make([][2]int32, m)
	outDeg, inDeg := make([]int32, n+1), make([]int32, n+1)
	for i := range d.Connections {
		cn := &d.Connections[i]
		from, okFrom := c.at[cn.From]
		to, okTo := c.at[cn.To]
		if !okFrom || !okTo {
			ends[i] = [2]int32{-1, -1}
			continue
		}
		ends[i] = [2]int32{from, to}
		outDeg[from+1]++
		inDeg[to+1]++
		fb, tb := &d.Blocks[from], &d.Blocks[to]
		c.integ[cn] = cat.Integration(fb.Kind, tb.Kind, cn.Integration)
		c.ends[i] = [2]*design.Block{fb, tb}
	}
	for i := 1; i <= n; i++ {
		outDeg[i] += outDeg[i-1]
		inDeg[i] += inDeg[i-1]
	}
	outAll, inAll := make([]*design.Connection, outDeg[n]), make([]*design.Connection, inDeg[n])
	outNext, inNext := slices.Clone(outDeg[:n]), slices.Clone(inDeg[:n])
	for i, e := range ends {
		if e[0] < 0 {
			continue
		}
		cn := &d.Connections[i]
		outAll[outNext[e[0]]] = cn
		outNext[e[0]]++
		inAll[inNext[e[1]]] = cn
		inNext[e[1]]++
	}
	for i := range n {
		if outDeg[i] < outDeg[i+1] {
			c.out[i] = outAll[outDeg[i]:outDeg[i+1]:outDeg[i+1]]
		}
		if inDeg[i] < inDeg[i+1] {
			c.in[i] = inAll[inDeg[i]:inDeg[i+1]:inDeg[i+1]]
		}
	}
	return c
}

// RefsTo returns the ref properties that name a block. The index is built
// once per check, so rules may call it in loops.
func (c *Context) RefsTo(id string) []Ref {
	c.refsOnce.Do(func() {
		c.refs = map[string][]Ref{}
		for i := range c.Design.Blocks {
			b := &c.Design.Blocks[i]
			c.indexRefs(b.ID, b.Props, c.Cat.Kind(b.Kind).Props)
		}
		for i := range c.Design.Connections {
			cn := &c.Design.Connections[i]
			if in := c.Integration(cn); in != nil {
				c.indexRefs(cn.ID, cn.Props, in.Props)
			}
		}
	})
	return c.refs[id]
}

func (c *Context) indexRefs(owner string, props design.Props, schema []design.Prop) {
	for _, p := range schema {
		if p.Type != design.TypeRef {
			continue
		}
		if target, ok := props[p.Name].(string); ok {
			c.refs[target] = append(c.refs[target], Ref{Owner: owner, Prop: p.Name})
		}
	}
}

// Block returns the block with the given id, or nil.
func (c *Context) Block(id string) *design.Block {
	if i, ok := c.at[id]; ok {
		return &c.Design.Blocks[i]
	}
	return nil
}

// Kind returns the blocks of a kind, in design order.
func (c *Context) Kind(kind string) []*design.Block { return c.byKind[kind] }

// Out returns the connections leaving a block.
func (c *Context) Out(id string) []*design.Connection {
	if i, ok := c.at[id]; ok {
		return c.out[i]
	}
	return nil
}

// In returns the connections arriving at a block.
func (c *Context) In(id string) []*design.Connection {
	if i, ok := c.at[id]; ok {
		return c.in[i]
	}
	return nil
}

// From returns the source block of a connection.
func (c *Context) From(cn *design.Connection) *design.Block { return c.Block(cn.From) }

// To returns the target block of a connection.
func (c *Context) To(cn *design.Connection) *design.Block { return c.Block(cn.To) }

// Links returns the connections from blocks of kind from to blocks of kind to
// with the given integration; an empty argument matches anything.
func (c *Context) Links(from, to, integration string) []*design.Connection {
	var out []*design.Connection
	for i := range c.Design.Connections {
		cn := &c.Design.Connections[i]
		if integration != "" && cn.Integration != integration {
			continue
		}
		ends := c.ends[i]
		if ends[0] == nil || (from != "" && ends[0].Kind != from) || (to != "" && ends[1].Kind != to) {
			continue
		}
		out = append(out, cn)
	}
	return out
}

// Integration returns the catalogue's description of a connection.
func (c *Context) Integration(cn *design.Connection) *design.Integration {
	if in, ok := c.integ[cn]; ok {
		return in
	}
	from, to := c.Block(cn.From), c.Block(cn.To)
	if from == nil || to == nil {
		return nil
	}
	return c.Cat.Integration(from.Kind, to.Kind, cn.Integration)
}

// Model returns a connection's invocation model.
func (c *Context) Model(cn *design.Connection) design.Model {
	if in := c.Integration(cn); in != nil {
		return in.Model
	}
	return ""
}

// Prop returns a block property, with the AWS default when it is not set.
func (c *Context) Prop(b *design.Block, name string) Value {
	var p *design.Prop
	if k := c.Cat.Kind(b.Kind); k != nil {
		p = k.Prop(name)
	}
	if v, ok := b.Props[name]; ok {
		return Value{V: v, Unit: c.unit(p)}
	}
	if p == nil {
		return Value{}
	}
	return Value{V: p.Default, Default: p.Default != nil, Unit: p.Unit}
}

// ConnProp returns a connection property, with the AWS default when it is
// not set.
func (c *Context) ConnProp(cn *design.Connection, name string) Value {
	var p *design.Prop
	if in := c.Integration(cn); in != nil {
		p = in.Prop(name)
	}
	if v, ok := cn.Props[name]; ok {
		return Value{V: v, Unit: c.unit(p)}
	}
	if p == nil {
		return Value{}
	}
	return Value{V: p.Default, Default: p.Default != nil, Unit: p.Unit}
}

func (c *Context) unit(p *design.Prop) string {
	if p == nil {
		return ""
	}
	return p.Unit
}

// Label names a block for messages: its display name, or its id. Findings
// carry the ids in their subjects.
func (c *Context) Label(b *design.Block) string { return b.Label() }

// KindName is the catalogue name of a block's kind.
func (c *Context) KindName(b *design.Block) string { return c.Cat.KindName(b.Kind) }

// IsFifo reports whether a queue or topic is FIFO.
func (c *Context) IsFifo(b *design.Block) bool {
	switch b.Kind {
	case "sqs":
		return c.Prop(b, "FifoQueue").Bool()
	case "sns":
		return c.Prop(b, "FifoTopic").Bool()
	}
	return false
}

// FreeID returns base, or base followed by a number, whichever no block or
// connection uses yet; fixes name the blocks they add with it.
func (c *Context) FreeID(base string) string {
	c.connIDsOnce.Do(func() {
		c.connIDs = make(map[string]bool, len(c.Design.Connections))
		for i := range c.Design.Connections {
			c.connIDs[c.Design.Connections[i].ID] = true
		}
	})
	taken := func(id string) bool {
		_, block := c.at[id]
		return block || c.connIDs[id]
	}
	if !taken(base) {
		return base
	}
	for n := 2; ; n++ {
		id := fmt.Sprintf("%s%d", base, n)
		if !taken(id) {
			return id
		}
	}
}

// Value is a property value and where it came from.
type Value struct {
	V any
	// Default is set when the value is AWS's default, not the design's.
	Default bool
	Unit    string
}

// Present reports whether there is a value, set or default.
func (v Value) Present() bool { return v.V != nil }

// Set reports whether the design sets the value itself.
func (v Value) Set() bool { return v.V != nil && !v.Default }

// Num returns a numeric value, or 0.
func (v Value) Num() float64 { f, _ := v.V.(float64); return f }

// Str returns a string value, or "".
func (v Value) Str() string { s, _ := v.V.(string); return s }

// Bool returns a boolean value, or false.
func (v Value) Bool() bool { b, _ := v.V.(bool); return b }

// List returns a list value's strings.
func (v Value) List() []string {
	items, _ := v.V.([]any)
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Text prints the value with its unit, and says when it is AWS's default,
// because a finding that rests on a default must say so.
func (v Value) Text() string {
	var s string
	switch x := v.V.(type) {
	case nil:
		return "not set"
	case float64:
		s = design.FormatNumber(x)
	case string:
		s = x
	case bool:
		s = fmt.Sprint(x)
	default:
		s = fmt.Sprint(x)
	}
	if v.Unit != "" {
		s += " " + v.Unit
	}
	var notes []string
	if f, ok := v.V.(float64); ok && v.Unit == "s" {
		if h := humanSeconds(f); h != "" {
			notes = append(notes, h)
		}
	}
	if v.Default {
		notes = append(notes, "the default")
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	return s
}

// humanSeconds turns long durations into words ("4 days", "15 minutes") and
// returns "" for short ones, which read best in seconds.
func humanSeconds(s float64) string {
	units := []struct {
		size float64
		name string
	}{{86400, "day"}, {3600, "hour"}, {60, "minute"}}
	if s < 120 {
		return ""
	}
	for _, u := range units {
		if s >= 2*u.size || (u.size == 60 && s >= 120) {
			n := s / u.size
			if n == float64(int64(n)) {
				return plural(int(n), u.name)
			}
			return fmt.Sprintf("%.1f %ss", n, u.name)
		}
	}
	return ""
}

// defaultNote is " (the default)" for a value that is AWS's default, for
// messages that print the value in another unit.
func defaultNote(v Value) string {
	if v.Default {
		return " (the default)"
	}
	return ""
}

// num formats a number with a unit for messages.
func num(f float64, unit string) string {
	s := design.FormatNumber(f)
	if unit != "" {
		s += " " + unit
	}
	return s
}

// plural returns "1 target" or "6 targets".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return design.FormatNumber(float64(n)) + " " + word + "s"
}

// joinIDs lists ids for messages: "A, B and C".
func joinIDs(ids []string) string {
	switch len(ids) {
	case 0:
		return ""
	case 1:
		return ids[0]
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
}
