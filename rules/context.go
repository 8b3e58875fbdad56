package rules

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

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
	at map[string]int32
	// byKind holds the blocks of the design by kind, outside ones left out:
	// rules check what the design configures, and a block outside it
	// configures nothing they can see. allByKind holds every block.
	byKind, allByKind map[string][]*design.Block
	kinds             []*design.Kind // by block position; nil for an unknown kind
	// fifo marks the FIFO queues and topics by position: a score of rules
	// ask of every queue and topic they meet.
	fifo []bool
	// A block's connections, out and in, are windows on two shared arrays
	// in design order: block i's are outAll[outStart[i]:outStart[i+1]].
	outStart, inStart []int32
	outAll, inAll     []*design.Connection
	// endAt holds each connection's blocks' positions, -1 when one is
	// missing; integ its integration; both by connection position.
	endAt [][2]int32
	integ []*design.Integration
	// connIDs holds the connections' positions by id, built when first
	// needed.
	connIDs     map[string]int32
	connIDsOnce sync.Once
	refs        map[string][]Ref // built on first use by RefsTo
	// anyInferred is set when some connection of the design is inferred.
	anyInferred bool
	// refsOnce builds refs the first time a rule asks.
	refsOnce sync.Once
	// memo holds what several rules derive from the whole design (loops,
	// broken guards), computed once per check.
	memo   map[string]*memoEntry
	memoMu sync.Mutex
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
	c := &Context{}
	c.index(d, cat, now)
	return c
}

// contexts keeps the storage of finished checks' contexts for the next
// ones: a context's indexes are as large as its design, and allocating them
// anew for each edit of a large design made work for the garbage collector.
var contexts = sync.Pool{New: func() any { return &Context{} }}

// pooledContext returns a context for d from the pool; release gives it
// back once the check is over and nothing refers to it any more.
func pooledContext(d *design.Design, cat *design.Catalogue, now time.Time) *Context {
	c := contexts.Get().(*Context)
	c.index(d, cat, now)
	return c
}

// release empties the context, so that the pool holds no design, and
// returns it to the pool.
func (c *Context) release() {
	c.Design, c.Cat = nil, nil
	clear(c.at)
	for k, blocks := range c.byKind {
		clear(blocks)
		c.byKind[k] = blocks[:0]
	}
	for k, blocks := range c.allByKind {
		clear(blocks)
		c.allByKind[k] = blocks[:0]
	}
	clear(c.kinds)
	clear(c.outAll)
	clear(c.inAll)
	clear(c.integ)
	clear(c.connIDs)
	c.connIDsOnce = sync.Once{}
	clear(c.refs)
	c.refsOnce = sync.Once{}
	clear(c.memo)
	contexts.Put(c)
}

// index builds the context's indexes for d, reusing the storage it has.
func (c *Context) index(d *design.Design, cat *design.Catalogue, now time.Time) {
	n, m := len(d.Blocks), len(d.Connections)
	c.Design, c.Cat, c.Now = d, cat, now
	if c.at == nil {
		c.at = make(map[string]int32, n)
		c.byKind = make(map[string][]*design.Block, 24)
		c.allByKind = make(map[string][]*design.Block, 24)
	}
	c.kinds, c.fifo = resize(c.kinds, n), resize(c.fifo, n)
	for i := range d.Blocks {
		b := &d.Blocks[i]
		c.at[b.ID] = int32(i)
		c.allByKind[b.Kind] = append(c.allByKind[b.Kind], b)
		if b.External == nil {
			c.byKind[b.Kind] = append(c.byKind[b.Kind], b)
		}
		c.kinds[i] = cat.Kind(b.Kind)
		c.fifo[i] = c.readFifo(b)
	}
	// Count each block's connections and sum the counts, so that
	// outStart[i] is where block i's window ends; placing the connections
	// from the last backwards then moves each back to where its window
	// starts, and the windows come out in design order.
	c.endAt, c.integ = resize(c.endAt, m), resize(c.integ, m)
	c.outStart, c.inStart = resize(c.outStart, n+1), resize(c.inStart, n+1)
	c.anyInferred = false
	for i := range d.Connections {
		cn := &d.Connections[i]
		if len(cn.Evidence) > 0 && !c.anyInferred && cn.Inferred() {
			c.anyInferred = true
		}
		from, okFrom := c.at[cn.From]
		to, okTo := c.at[cn.To]
		if !okFrom || !okTo {
			c.endAt[i] = [2]int32{-1, -1}
			continue
		}
		c.endAt[i] = [2]int32{from, to}
		c.outStart[from]++
		c.inStart[to]++
		c.integ[i] = cat.IntegrationOf(c.kinds[from], c.kinds[to], cn.Integration)
	}
	for i := 1; i <= n; i++ {
		c.outStart[i] += c.outStart[i-1]
		c.inStart[i] += c.inStart[i-1]
	}
	c.outAll, c.inAll = resize(c.outAll, int(c.outStart[n])), resize(c.inAll, int(c.inStart[n]))
	for i := m - 1; i >= 0; i-- {
		e := c.endAt[i]
		if e[0] < 0 {
			continue
		}
		cn := &d.Connections[i]
		c.outStart[e[0]]--
		c.outAll[c.outStart[e[0]]] = cn
		c.inStart[e[1]]--
		c.inAll[c.inStart[e[1]]] = cn
	}
}

// resize returns s with length n and every element zero, reusing its array
// when it is large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// RefsTo returns the ref properties that name a block. The index is built
// once per check, so rules may call it in loops.
func (c *Context) RefsTo(id string) []Ref {
	c.refsOnce.Do(func() {
		if c.refs == nil {
			c.refs = map[string][]Ref{}
		}
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
	for i := range schema {
		p := &schema[i] // a Prop is large to copy, and kinds have dozens
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

// Kind returns the blocks of a kind that the design holds, in design order;
// blocks outside the design are left out (see AllOfKind).
func (c *Context) Kind(kind string) []*design.Block { return c.byKind[kind] }

// AllOfKind returns every block of a kind, those outside the design too,
// for rules about the connections of the design's side: a rule target given
// by ARN still needs a dead-letter queue.
func (c *Context) AllOfKind(kind string) []*design.Block { return c.allByKind[kind] }

// External reports whether a block stands for something outside the design:
// present, and unknown.
func (c *Context) External(b *design.Block) bool { return b != nil && b.External != nil }

// Out returns the connections leaving a block; none for nil.
func (c *Context) Out(b *design.Block) []*design.Connection {
	if i, ok := c.position(b); ok {
		return c.outAll[c.outStart[i]:c.outStart[i+1]:c.outStart[i+1]]
	}
	return nil
}

// In returns the connections arriving at a block; none for nil.
func (c *Context) In(b *design.Block) []*design.Connection {
	if i, ok := c.position(b); ok {
		return c.inAll[c.inStart[i]:c.inStart[i+1]:c.inStart[i+1]]
	}
	return nil
}

// position finds a block of the design by its address, or else by its id
// (a patched copy of a block stands for the block).
func (c *Context) position(b *design.Block) (int32, bool) {
	if b == nil {
		return 0, false
	}
	if i, ok := c.blockAt(b); ok {
		return int32(i), true
	}
	i, ok := c.at[b.ID]
	return i, ok
}

// From returns the source block of a connection.
func (c *Context) From(cn *design.Connection) *design.Block {
	if i, ok := c.connAt(cn); ok {
		return &c.Design.Blocks[c.endAt[i][0]]
	}
	return c.Block(cn.From)
}

// To returns the target block of a connection.
func (c *Context) To(cn *design.Connection) *design.Block {
	if i, ok := c.connAt(cn); ok {
		return &c.Design.Blocks[c.endAt[i][1]]
	}
	return c.Block(cn.To)
}

// connAt finds a connection's position in Design.Connections from its
// address, without hashing its id: the rules are handed pointers into that
// slice, and each lookup by id is a map access in the hottest loops. A
// connection from elsewhere (a copy) is not found, and the callers fall back
// to looking up by id.
func (c *Context) connAt(cn *design.Connection) (int, bool) {
	i, ok := indexOf(c.Design.Connections, cn)
	if !ok || c.endAt[i][0] < 0 {
		return 0, false
	}
	return i, true
}

// blockAt finds a block's position in Design.Blocks from its address.
func (c *Context) blockAt(b *design.Block) (int, bool) { return indexOf(c.Design.Blocks, b) }

// indexOf returns the position of the element p points at in s, and false
// when p does not point into s. The address arithmetic only produces a
// number, checked against the element's address; nothing is dereferenced.
func indexOf[T any](s []T, p *T) (int, bool) {
	if len(s) == 0 || p == nil {
		return 0, false
	}
	off := uintptr(unsafe.Pointer(p)) - uintptr(unsafe.Pointer(&s[0]))
	i := off / unsafe.Sizeof(s[0])
	if i >= uintptr(len(s)) || &s[i] != p {
		return 0, false
	}
	return int(i), true
}

// Links returns the configured connections (see Configured) from blocks of
// kind from to blocks of kind to with the given integration, in design
// order; an empty argument matches anything. Several rules ask for the same links, so each list is found once
// per check; the callers share it and must not change it.
func (c *Context) Links(from, to, integration string) []*design.Connection {
	return memo(c, "links\x00"+from+"\x00"+to+"\x00"+integration, func() []*design.Connection {
		var out []*design.Connection
		match := func(cn *design.Connection) {
			i, ok := c.connAt(cn)
			if !ok || (integration != "" && cn.Integration != integration) ||
				(to != "" && c.Design.Blocks[c.endAt[i][1]].Kind != to) || !c.Configured(cn) {
				return
			}
			out = append(out, cn)
		}
		if from == "" {
			for i := range c.Design.Connections {
				match(&c.Design.Connections[i])
			}
			return out
		}
		// Only the connections leaving blocks of the kind: most designs
		// have a few of each kind among hundreds of connections.
		for _, b := range c.allByKind[from] {
			for _, cn := range c.Out(b) {
				match(cn)
			}
		}
		inDesignOrder(out)
		return out
	})
}

// inDesignOrder sorts connections of the design, gathered block by block,
// back into design order: they are one array, so their addresses are in its
// order.
func inDesignOrder(conns []*design.Connection) {
	slices.SortFunc(conns, func(a, b *design.Connection) int {
		return cmp.Compare(uintptr(unsafe.Pointer(a)), uintptr(unsafe.Pointer(b)))
	})
}

// Configured reports whether the design states a connection's settings.
// It is false only for a connection that is not a call from code and that
// rests on inferred evidence alone, such as a task or an API integration
// read from a SAM connector's grant: its real settings live in a definition
// archlab does not read. Links leaves such connections out, so that rules
// about a connection's own settings (its timeout, its dead-letter queue)
// never judge settings nobody wrote; rules that walk Out and In still see
// them, and their findings that rest on them alone are marked inferred.
func (c *Context) Configured(cn *design.Connection) bool {
	return !c.anyInferred || codeCall(cn) || !cn.Inferred()
}

// Integration returns the catalogue's description of a connection.
func (c *Context) Integration(cn *design.Connection) *design.Integration {
	if i, ok := c.connAt(cn); ok {
		return c.integ[i]
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
// An unset property of a block outside the design is unknown: someone else
// configured that resource, and AWS's defaults say nothing of it.
func (c *Context) Prop(b *design.Block, name string) Value {
	var p *design.Prop
	if k := c.kind(b); k != nil {
		p = k.Prop(name)
	}
	if b.External != nil {
		if _, set := b.Props[name]; !set {
			v := Value{Unknown: true, unknownWhy: "outside this design"}
			if p != nil {
				v.Unit = p.Unit
			}
			return v
		}
	}
	return valueOf(b.Props, name, p)
}

// ConnProp returns a connection property, with the AWS default when it is
// not set.
//
// A connection only inferred from a SAM connector (an event source mapping,
// a subscription, a target the template does not declare) has no
// configuration anyone wrote: its unset properties are unknown, like those
// of a block outside the design. A call from code is different: what the
// evidence says of it (its actions) is its configuration.
func (c *Context) ConnProp(cn *design.Connection, name string) Value {
	var p *design.Prop
	if in := c.Integration(cn); in != nil {
		p = in.Prop(name)
	}
	if c.anyInferred && !codeCall(cn) && cn.Inferred() && cn.Props[name] == nil {
		v := Value{Unknown: true, unknownWhy: "not declared"}
		if p != nil {
			v.Unit = p.Unit
		}
		return v
	}
	return valueOf(cn.Props, name, p)
}

// valueOf is the value of a property in props, or its schema p's default
// when it is not set; p is nil for a property the catalogue lacks.
func valueOf(props design.Props, name string, p *design.Prop) Value {
	if v, ok := props[name]; ok {
		if p == nil {
			return Value{V: v}
		}
		return Value{V: v, Unit: p.Unit}
	}
	if p == nil {
		return Value{}
	}
	return Value{V: p.Default, Default: p.Default != nil, Unit: p.Unit}
}

// kind returns a block's catalogue kind, nil for one the catalogue lacks.
func (c *Context) kind(b *design.Block) *design.Kind {
	if i, ok := c.blockAt(b); ok {
		return c.kinds[i]
	}
	return c.Cat.Kind(b.Kind)
}

// Label names a block for messages: its display name, or its id. Findings
// carry the ids in their subjects.
func (c *Context) Label(b *design.Block) string { return b.Label() }

// KindName is the catalogue name of a block's kind.
func (c *Context) KindName(b *design.Block) string { return c.Cat.KindName(b.Kind) }

// IsFifo reports whether a queue or topic is FIFO.
func (c *Context) IsFifo(b *design.Block) bool {
	if i, ok := c.blockAt(b); ok {
		return c.fifo[i]
	}
	return c.readFifo(b) // a patched copy of a block
}

// IsStandard reports whether a queue or topic is known to be standard: one
// outside the design whose type nothing tells is neither FIFO nor standard.
func (c *Context) IsStandard(b *design.Block) bool {
	return !c.IsFifo(b) && c.FifoKnown(b)
}

// FifoKnown reports whether a queue's or topic's FIFO-ness is known: it is
// not for one outside the design that no name or property tells.
func (c *Context) FifoKnown(b *design.Block) bool {
	switch b.Kind {
	case "sqs":
		return !c.Prop(b, "FifoQueue").Unknown
	case "sns":
		return !c.Prop(b, "FifoTopic").Unknown
	}
	return true
}

// readFifo reads whether a queue or topic is FIFO from its properties.
func (c *Context) readFifo(b *design.Block) bool {
	switch b.Kind {
	case "sqs":
		return c.Prop(b, "FifoQueue").Bool()
	case "sns":
		return c.Prop(b, "FifoTopic").Bool()
	}
	return false
}

// indexConnIDs builds the index of connections by id, once per check.
func (c *Context) indexConnIDs() {
	c.connIDsOnce.Do(func() {
		if c.connIDs == nil {
			c.connIDs = make(map[string]int32, len(c.Design.Connections))
		}
		for i := range c.Design.Connections {
			c.connIDs[c.Design.Connections[i].ID] = int32(i)
		}
	})
}

// inferredConnection returns the connection with the given id when the
// design has any inferred connection, and nil otherwise: reports ask for it
// only to tell whether a finding rests on inferred connections alone.
func (c *Context) inferredConnection(id string) *design.Connection {
	if !c.anyInferred {
		return nil
	}
	c.indexConnIDs()
	if i, ok := c.connIDs[id]; ok {
		return &c.Design.Connections[i]
	}
	return nil
}

// FreeID returns base, or base followed by a number, whichever no block or
// connection uses yet; fixes name the blocks they add with it.
func (c *Context) FreeID(base string) string {
	c.indexConnIDs()
	taken := func(id string) bool {
		_, block := c.at[id]
		_, conn := c.connIDs[id]
		return block || conn
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
	// Unknown is set for an unset property of a block outside the design,
	// or of a connection only inferred: V is nil, and no rule may read it
	// as "not set". unknownWhy says which, for messages.
	Unknown    bool
	unknownWhy string
	Unit       string
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

// Items returns a list value's items, whatever they hold.
func (v Value) Items() []any { items, _ := v.V.([]any); return items }

// Strings yields a list value's strings, without copying them into a list:
// rules range over actions and features of every connection.
func (v Value) Strings() iter.Seq[string] {
	return func(yield func(string) bool) {
		items, _ := v.V.([]any)
		for _, it := range items {
			if s, ok := it.(string); ok && !yield(s) {
				return
			}
		}
	}
}

// Has reports whether a list value holds the string s.
func (v Value) Has(s string) bool {
	for item := range v.Strings() {
		if item == s {
			return true
		}
	}
	return false
}

// List returns a list value's strings.
func (v Value) List() []string {
	return slices.AppendSeq(make([]string, 0, len(v.Items())), v.Strings())
}

// Text prints the value with its unit, and says when it is AWS's default,
// because a finding that rests on a default must say so.
func (v Value) Text() string {
	if x, ok := v.V.(string); ok && v.Unit == "" && !v.Default {
		return x
	}
	// Built in one buffer: a large design's findings quote thousands of
	// values.
	var buf [64]byte
	b := buf[:0]
	switch x := v.V.(type) {
	case nil:
		if v.Unknown {
			return "unknown (" + v.unknownWhy + ")"
		}
		return "not set"
	case float64:
		b = design.AppendNumber(b, x)
	case string:
		b = append(b, x...)
	default:
		b = fmt.Append(b, x)
	}
	if v.Unit != "" {
		b = append(append(b, ' '), v.Unit...)
	}
	var human string
	if f, ok := v.V.(float64); ok && v.Unit == "s" {
		human = humanSeconds(f)
	}
	if human != "" || v.Default {
		b = append(append(b, " ("...), human...)
		if v.Default {
			if human != "" {
				b = append(b, ", "...)
			}
			b = append(b, "the default"...)
		}
		b = append(b, ')')
	}
	return string(b)
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

// joinLabels lists blocks for messages by the names people see on the
// diagram ("Orders API, Checkout and Billing"); the ids stay in the
// finding's subjects. An id of no block is listed as it is.
func (c *Context) joinLabels(ids []string) string {
	ls := make([]string, len(ids))
	for i, id := range ids {
		ls[i] = id
		if b := c.Design.Block(id); b != nil {
			ls[i] = c.Label(b)
		}
	}
	return joinIDs(ls)
}
