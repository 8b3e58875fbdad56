// Package capacity carries a design's traffic through its connections and
// says, block by block, how busy each part is, against which limit, and
// what it costs a month. Every figure rests on stated assumptions: the
// traffic the design gives its entry blocks, the per-block assumptions, and
// defaults the result lists next to the figures. Limits are facts
// (design/data/facts) and prices a dated table (content/prices).
//
// Peak figures are for capacity; average figures are for cost and for
// whether a queue drains.
package capacity

import (
	"math"

	"github.com/archlab/archlab/content/prices"
	"github.com/archlab/archlab/design"
)

// SecondsPerMonth is the month AWS's price calculator uses: 730 hours.
const SecondsPerMonth = 730 * 3600

// Figure is a rate or a count at average and at peak.
type Figure struct {
	Average float64 `json:"average"`
	Peak    float64 `json:"peak"`
}

func (f Figure) scale(k float64) Figure { return Figure{f.Average * k, f.Peak * k} }
func (f Figure) add(g Figure) Figure    { return Figure{f.Average + g.Average, f.Peak + g.Peak} }
func (f Figure) zero() bool             { return f.Average == 0 && f.Peak == 0 }

// Limit is what a block's load is measured against.
type Limit struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	// What says which limit it is ("reserved concurrency", "account
	// quota of 1,000 concurrent executions").
	What string `json:"what"`
	// Source is the fact the limit comes from, or the property.
	Source string `json:"source,omitempty"`
}

// Block is one block's figures.
type Block struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
	// PerSecond is what the block handles, in Unit.
	PerSecond Figure `json:"perSecond"`
	Unit      string `json:"unit"`
	// Concurrency is Little's law, rate × duration, where it applies.
	Concurrency *Figure `json:"concurrency,omitempty"`
	// DurationMs is how long one request takes, synchronous calls to
	// other blocks of the design included.
	DurationMs float64 `json:"durationMs,omitempty"`
	// Demand is the peak figure compared with the limit, in its unit.
	Demand float64 `json:"demand,omitempty"`
	Limit  *Limit  `json:"limit,omitempty"`
	// Utilisation is Demand / Limit.Value at peak (0 without a limit).
	Utilisation float64 `json:"utilisation"`
	// ServiceRate is, for a queue or stream, how many messages a second
	// its consumers can take at most; Backlog is set when the average
	// arrival is above it, so the backlog grows without bound.
	ServiceRate float64 `json:"serviceRate,omitempty"`
	Backlog     bool    `json:"backlog,omitempty"`
	// ShardsNeeded is, for a Kinesis stream, the shards its peak writes
	// need, and PayloadBytes the record size they are counted with.
	ShardsNeeded float64 `json:"shardsNeeded,omitempty"`
	PayloadBytes float64 `json:"payloadBytes,omitempty"`
	// GroupRate is, for a FIFO queue, the peak send calls a second of
	// its busiest message group (traffic spread evenly over the groups).
	GroupRate float64 `json:"groupRate,omitempty"`
	// MonthlyCost in the table's currency, from the average load.
	MonthlyCost float64    `json:"monthlyCost"`
	Cost        []CostLine `json:"cost,omitempty"`
	// Notes say what the figures rest on beyond the assumptions.
	Notes []string `json:"notes,omitempty"`
	// Loaded is set when any traffic reaches the block.
	Loaded bool `json:"-"`
}

// CostLine is one priced item of a block's monthly cost.
type CostLine struct {
	Price    string  `json:"price"`
	What     string  `json:"what"`
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
	USD      float64 `json:"usd"`
}

// Assumption is one figure the model used: given in the document, or a
// default it states.
type Assumption struct {
	Block   string  `json:"block"`
	Name    string  `json:"name"`
	Value   float64 `json:"value"`
	Default bool    `json:"default"`
	Text    string  `json:"text"`
	at      int     // the block's position, for sorting
}

// PriceRef names the price table the costs come from.
type PriceRef struct {
	Region   string `json:"region"`
	Date     string `json:"date"`
	Source   string `json:"source"`
	Currency string `json:"currency"`
}

// Result is the model of one design.
type Result struct {
	Blocks      []Block      `json:"blocks"`
	MonthlyCost float64      `json:"monthlyCost"`
	Assumptions []Assumption `json:"assumptions"`
	Prices      PriceRef     `json:"prices"`
	// Estimate is always true: the figures rest on assumptions.
	Estimate bool `json:"estimate"`
	// HasTraffic is set when the design gives any traffic at all.
	HasTraffic bool `json:"hasTraffic"`
	byID       map[string]int
	// asStart[i] is where block i's assumptions start in Assumptions
	// (they are in block order); asStart[i+1] where they end.
	asStart []int
}

// Block returns a block's figures, or nil.
func (r *Result) Block(id string) *Block {
	if r == nil {
		return nil
	}
	i, ok := r.byID[id]
	if !ok {
		return nil
	}
	return &r.Blocks[i]
}

// AssumptionsOf lists the assumptions used for one block.
func (r *Result) AssumptionsOf(id string) []Assumption {
	i, ok := r.byID[id]
	if !ok || r.asStart == nil {
		return nil
	}
	return r.Assumptions[r.asStart[i]:r.asStart[i+1]]
}

// Compute runs the model over a design with a price table (nil for the
// default Region's).
func Compute(d *design.Design, cat *design.Catalogue, table *prices.Table) *Result {
	if table == nil {
		table = prices.Default()
	}
	m := newModel(d, cat, table)
	m.propagate()
	m.limits()
	m.costs()
	return m.result()
}

// model holds a computation's state, indexed by block position.
type model struct {
	d      *design.Design
	cat    *design.Catalogue
	prices *prices.Table
	at     map[string]int
	kinds  []*design.Kind
	// out and in hold connection positions per block; integ and model
	// per connection; from and to are block positions (-1 if missing).
	out, in  [][]int
	integ    []*design.Integration
	from, to []int
	// events is what flows through each block a second (requests,
	// messages, records); calls is what its consumers see of it
	// (invocations of a function: events over the batch).
	events, calls []Figure
	// edge is what each connection carries, in events a second.
	edge    []Figure
	blocks  []Block
	assumed []Assumption
	// seen marks the assumptions already recorded, by block position.
	seen []uint64
	// durMemo holds durations once computed; -1 while being computed.
	durMemo []float64
	inLoop  []bool
	// as holds each block's assumptions, nil for none.
	as []*design.Assumptions
	// lines is the backing array of every block's cost lines.
	lines []CostLine
	// maxPayload is the largest payload among the entries: what a block
	// that is no entry is assumed to carry, the safe side for limits.
	maxPayload float64
}

func newModel(d *design.Design, cat *design.Catalogue, table *prices.Table) *model {
	n, c := len(d.Blocks), len(d.Connections)
	m := &model{d: d, cat: cat, prices: table, at: make(map[string]int, n),
		kinds: make([]*design.Kind, n), out: make([][]int, n), in: make([][]int, n),
		integ: make([]*design.Integration, c), from: make([]int, c), to: make([]int, c),
		events: make([]Figure, n), calls: make([]Figure, n), edge: make([]Figure, c),
		blocks: make([]Block, n), seen: make([]uint64, n), durMemo: make([]float64, n), inLoop: make([]bool, n)}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		m.at[b.ID] = i
		m.kinds[i] = cat.Kind(b.Kind)
		m.blocks[i] = Block{ID: b.ID, Kind: b.Kind, Label: b.Label(), Unit: unitOf(b.Kind)}
	}
	m.assumed = make([]Assumption, 0, 6*n)
	m.as = make([]*design.Assumptions, n)
	for id, a := range d.Assumptions {
		if i, ok := m.at[id]; ok {
			m.as[i] = &a
		}
	}
	m.maxPayload = design.DefaultPayloadBytes
	if len(d.Traffic) > 0 {
		m.maxPayload = 0
		for _, t := range d.Traffic {
			m.maxPayload = math.Max(m.maxPayload, t.Payload())
		}
	}
	for j := range d.Connections {
		cn := &d.Connections[j]
		f, okf := m.at[cn.From]
		t, okt := m.at[cn.To]
		m.from[j], m.to[j] = -1, -1
		if !okf || !okt {
			continue
		}
		m.from[j], m.to[j] = f, t
		m.integ[j] = cat.IntegrationOf(m.kinds[f], m.kinds[t], cn.Integration)
	}
	// Each block's connections are windows on two shared arrays, so that
	// indexing a large design allocates twice, not twice a block.
	outN, inN := make([]int, n), make([]int, n)
	for j := range d.Connections {
		if m.from[j] >= 0 && carries(d.Connections[j].Integration) {
			outN[m.from[j]]++
			inN[m.to[j]]++
		}
	}
	outAll, inAll := make([]int, 0, c), make([]int, 0, c)
	for i := range n {
		m.out[i] = outAll[len(outAll) : len(outAll) : len(outAll)+outN[i]]
		outAll = outAll[:len(outAll)+outN[i]]
		m.in[i] = inAll[len(inAll) : len(inAll) : len(inAll)+inN[i]]
		inAll = inAll[:len(inAll)+inN[i]]
	}
	for j := range d.Connections {
		if m.from[j] >= 0 && carries(d.Connections[j].Integration) {
			m.out[m.from[j]] = append(m.out[m.from[j]], j)
			m.in[m.to[j]] = append(m.in[m.to[j]], j)
		}
	}
	m.lines = make([]CostLine, 0, 3*n)
	return m
}

// carries reports whether a connection carries per-request load: temporary
// credentials are fetched now and then, not per request.
func carries(integration string) bool {
	return integration != design.IntCredentials
}

// unitOf names what a block of a kind handles.
func unitOf(kind string) string {
	switch kind {
	case "lambda":
		return "invocations/s"
	case "apigateway-rest", "apigateway-http", "appsync", "cloudfront", "http-endpoint", "dynamodb", "dax", "s3", "rds", "athena", "cognito":
		return "requests/s"
	case "apigateway-websocket":
		return "messages/s"
	case "kinesis", "firehose":
		return "records/s"
	case "eventbridge-bus", "eventbridge-custom-bus", "eventbridge-rule", "eventbridge-subscriber", "eventbridge-pipe", "iot-core":
		return "events/s"
	case "stepfunctions":
		return "executions/s"
	case "scheduler":
		return "invocations/s"
	case "ses":
		return "emails/s"
	}
	return "messages/s"
}

// propagate carries traffic from the entry blocks along the connections in
// topological order. Blocks on a loop are visited once, after the others,
// with what has reached them: a loop's load is counted once around.
func (m *model) propagate() {
	n := len(m.d.Blocks)
	indeg := make([]int, n)
	for j := range m.d.Connections {
		if m.to[j] >= 0 && carries(m.d.Connections[j].Integration) {
			indeg[m.to[j]]++
		}
	}
	order := make([]int, 0, n)
	for i := range n {
		if indeg[i] == 0 {
			order = append(order, i)
		}
	}
	done := make([]bool, n)
	for k := 0; k < len(order); k++ {
		i := order[k]
		done[i] = true
		m.visit(i)
		for _, j := range m.out[i] {
			t := m.to[j]
			if indeg[t]--; indeg[t] == 0 {
				order = append(order, t)
			}
		}
	}
	for i := range n {
		if !done[i] {
			m.inLoop[i] = true
			m.visit(i)
		}
	}
}

// visit computes a block's load from what reaches it and passes it on.
func (m *model) visit(i int) {
	b := &m.d.Blocks[i]
	in := Figure{}
	calls := Figure{}
	for _, j := range m.in[i] {
		e := m.edge[j]
		in = in.add(e)
		calls = calls.add(m.callsOf(j, e))
	}
	if t, ok := m.d.TrafficOf(b.ID); ok {
		f := Figure{t.Average(), t.Peak()}
		in, calls = in.add(f), calls.add(f)
		m.assume(i, "averagePerSecond", t.Average(), t.AveragePerSecond == nil, "traffic: "+design.FormatNumber(t.Average())+" "+m.blocks[i].Unit+" on average"+givenOr(t.AveragePerSecond == nil, " (no average given: the peak)"))
		m.assume(i, "peakPerSecond", t.Peak(), t.PeakPerSecond == nil, "traffic: "+design.FormatNumber(t.Peak())+" "+m.blocks[i].Unit+" at peak"+givenOr(t.PeakPerSecond == nil, " (no peak given: the average, no burst)"))
		m.assume(i, "payloadBytes", t.Payload(), t.PayloadBytes == nil, "payload: "+design.FormatNumber(t.Payload())+" bytes"+givenOr(t.PayloadBytes == nil, " (default)"))
	}
	if m.inLoop[i] {
		m.blocks[i].Notes = append(m.blocks[i].Notes, "on a loop: the load is counted once around it")
	}
	m.events[i], m.calls[i] = in, calls
	m.blocks[i].Loaded = !in.zero()
	if in.zero() {
		for _, j := range m.out[i] {
			m.edge[j] = Figure{}
		}
		return
	}
	// Retries of failed invocations add load to the block itself.
	attempts, failedOut := m.retries(i)
	m.calls[i] = calls.scale(attempts)
	pass := m.num(i, "passFraction", 1, "passes on every event it gets (no filter assumed)", "")
	fan := m.num(i, "fanOut", 1, "sends one message down each outgoing connection per event it handles", "")
	for _, j := range m.out[i] {
		if m.integ[j] != nil && m.integ[j].Model == design.ModelFailure {
			m.edge[j] = in.scale(failedOut)
			continue
		}
		m.edge[j] = in.scale(pass * fan)
	}
}

// callsOf turns what a connection carries into what its target counts:
// an event source mapping invokes once per batch.
func (m *model) callsOf(j int, e Figure) Figure {
	if m.integ[j] == nil || m.integ[j].Model != design.ModelPoll {
		return e
	}
	batch := m.batchOf(j)
	return e.scale(1 / batch)
}

// batchOf is the records one invocation of an event source mapping gets:
// its batch size times how full batches are (an assumption on the source).
func (m *model) batchOf(j int) float64 {
	size := m.connNum(j, "BatchSize", 1)
	src := m.from[j]
	fill := m.num(src, "batchFill", 1, "batches of its event source mappings are full (BatchSize records each)", "")
	return math.Max(1, size*fill)
}

// retries returns how many attempts each event takes on average and the
// fraction that ends on failure destinations, from the block's failure rate
// and how it is invoked: asynchronous invocations retry
// EventInvokeConfig.MaximumRetryAttempts times, a queue redelivers until
// maxReceiveCount, a synchronous caller gets the error.
func (m *model) retries(i int) (attempts, failed float64) {
	b := &m.d.Blocks[i]
	if b.Kind != "lambda" && b.Kind != "stepfunctions" {
		return 1, 0
	}
	f := m.num(i, "failureRate", 0, "no invocation fails", "")
	if f == 0 {
		return 1, 0
	}
	retries := 0.0
	for _, j := range m.in[i] {
		switch {
		case m.integ[j] == nil:
		case m.integ[j].Model == design.ModelAsync || m.integ[j].Model == design.ModelSubscription ||
			m.integ[j].Model == design.ModelSDK && m.d.Connections[j].Props["InvocationType"] == "Event":
			retries = math.Max(retries, m.blockNum(i, "EventInvokeConfig.MaximumRetryAttempts", 2))
		case m.integ[j].Model == design.ModelPoll && m.d.Blocks[m.from[j]].Kind == "sqs":
			retries = math.Max(retries, m.sqsMaxReceive(m.from[j])-1)
		}
	}
	// 1 + f + f² + … + f^retries attempts; f^(retries+1) fails for good.
	attempts = 0
	for k := 0.0; k <= retries; k++ {
		attempts += math.Pow(f, k)
	}
	return attempts, math.Pow(f, retries+1)
}

// sqsMaxReceive is the maxReceiveCount of a queue's dead-letter queue, or
// 3 receives when it has none drawn (a stated assumption: without one a
// message is received until it expires).
func (m *model) sqsMaxReceive(q int) float64 {
	for _, j := range m.out[q] {
		if m.d.Connections[j].Integration == design.IntDeadLetter {
			return m.connNum(j, "maxReceiveCount", 3)
		}
	}
	m.assume(q, "receives", 3, true, "a failing message is received 3 times (no dead-letter queue drawn: it would be received until it expires)")
	return 3
}

// duration is how long one request of block i takes, in ms: its own time
// and the synchronous calls it makes in turn. A loop of synchronous calls
// counts each block once.
func (m *model) duration(i int) float64 {
	switch d := m.durMemo[i]; {
	case d > 0:
		return d
	case d < 0:
		return 0
	}
	m.durMemo[i] = -1
	own := m.ownDuration(i)
	total := own
	for _, j := range m.out[i] {
		if m.waits(j) {
			total += m.duration(m.to[j])
		}
	}
	m.durMemo[i] = math.Max(total, 1e-9)
	return total
}

// waits reports whether the caller of connection j waits for the answer:
// a synchronous invocation, a direct service integration, or a call from
// code, unless that call invokes a function with InvocationType Event.
func (m *model) waits(j int) bool {
	in := m.integ[j]
	if in == nil {
		return false
	}
	switch in.Model {
	case design.ModelSync, design.ModelDirect:
		return true
	case design.ModelSDK:
		return m.d.Connections[j].Props["InvocationType"] != "Event"
	}
	return false
}

// ownDuration is a block's own time per request, from the assumptions, a
// duration property, or a stated default per kind.
func (m *model) ownDuration(i int) float64 {
	b := &m.d.Blocks[i]
	switch b.Kind {
	case "lambda":
		if v, ok := b.Props["AverageDurationMs"].(float64); ok {
			return m.num(i, "durationMs", v, "", "runs "+design.FormatNumber(v)+" ms (AverageDurationMs)")
		}
		return m.num(i, "durationMs", 100, "runs 100 ms an invocation (default; give durationMs)", "")
	case "stepfunctions":
		if v, ok := b.Props["ExpectedDurationSeconds"].(float64); ok {
			return m.num(i, "durationMs", v*1000, "", "an execution takes "+design.FormatNumber(v)+" s (ExpectedDurationSeconds)")
		}
		return m.num(i, "durationMs", 1000, "an execution takes 1 s (default; give durationMs)", "")
	case "http-endpoint", "external":
		return m.num(i, "durationMs", 200, "answers in 200 ms (default)", "")
	case "apigateway-rest", "apigateway-http", "apigateway-websocket", "appsync", "cloudfront", "client", "cognito":
		return m.num(i, "durationMs", 0, "", "")
	}
	return m.num(i, "durationMs", 20, "answers in 20 ms (default for an AWS API call)", "")
}

// num returns a block's assumption, or def, recording which it used. A
// default is recorded with defText; a given value with givenText, or the
// assumption's name.
func (m *model) num(i int, name string, def float64, defText, givenText string) float64 {
	if v, ok := m.as[i].Assumption(name); ok {
		text := name + " = " + design.FormatNumber(v) + " (given)"
		m.assume(i, name, v, false, text)
		return v
	}
	if givenText != "" {
		m.assume(i, name, def, false, givenText)
	} else if defText != "" {
		m.assume(i, name, def, true, defText)
	}
	return def
}

// assumptionBit numbers the assumptions the model records, so that each
// block marks the ones recorded in a word rather than a map.
var assumptionBit = func() map[string]uint {
	m := map[string]uint{}
	for i, n := range append(design.AssumptionNames(), "averagePerSecond", "peakPerSecond", "payloadBytes", "receives", "messagesPerCall", "memoryMB", "requestsPerMessage") {
		m[n] = uint(i)
	}
	return m
}()

// assume records an assumption of block i once.
func (m *model) assume(i int, name string, v float64, isDefault bool, text string) {
	bit := uint64(1) << assumptionBit[name]
	if m.seen[i]&bit != 0 {
		return
	}
	m.seen[i] |= bit
	m.assumed = append(m.assumed, Assumption{Block: m.d.Blocks[i].ID, Name: name, Value: v, Default: isDefault, Text: text, at: i})
}

func givenOr(isDefault bool, text string) string {
	if isDefault {
		return text
	}
	return ""
}

// blockNum reads a numeric property with its AWS default, or def.
func (m *model) blockNum(i int, name string, def float64) float64 {
	v, _ := m.cat.Value(&m.d.Blocks[i], name)
	if f, ok := toFloat(v); ok {
		return f
	}
	return def
}

// blockStr reads a string property with its AWS default.
func (m *model) blockStr(i int, name string) string {
	v, _ := m.cat.Value(&m.d.Blocks[i], name)
	s, _ := v.(string)
	return s
}

func (m *model) blockBool(i int, name string) bool {
	v, _ := m.cat.Value(&m.d.Blocks[i], name)
	b, _ := v.(bool)
	return b
}

// connNum reads a connection's numeric property with its AWS default.
func (m *model) connNum(j int, name string, def float64) float64 {
	cn := &m.d.Connections[j]
	if f, ok := toFloat(cn.Props[name]); ok {
		return f
	}
	if m.integ[j] != nil {
		if p := m.integ[j].Prop(name); p != nil {
			if f, ok := toFloat(p.Default); ok {
				return f
			}
		}
	}
	return def
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	}
	return 0, false
}

// byBlock orders assumptions by their block's position, keeping the order
// within a block (a counting sort, linear in the assumptions), and returns
// where each block's start.
func byBlock(list []Assumption, blocks int) ([]Assumption, []int) {
	start := make([]int, blocks+1)
	for _, a := range list {
		start[a.at+1]++
	}
	for i := 1; i <= blocks; i++ {
		start[i] += start[i-1]
	}
	next := append([]int(nil), start...)
	out := make([]Assumption, len(list))
	for _, a := range list {
		out[next[a.at]] = a
		next[a.at]++
	}
	return out, start
}

func (m *model) result() *Result {
	r := &Result{Blocks: m.blocks, Estimate: true, HasTraffic: len(m.d.Traffic) > 0, byID: make(map[string]int, len(m.blocks)),
		Prices: PriceRef{Region: m.prices.Region, Date: m.prices.Date, Source: m.prices.Source, Currency: m.prices.Currency}}
	for i := range m.blocks {
		r.byID[m.blocks[i].ID] = i
		r.MonthlyCost += m.blocks[i].MonthlyCost
	}
	r.Assumptions, r.asStart = byBlock(m.assumed, len(m.blocks))
	if r.Assumptions == nil {
		r.Assumptions = []Assumption{}
	}
	return r
}
