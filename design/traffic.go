package design

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Traffic is what arrives at an entry block from outside the design: an
// API's requests, a schedule's firings, records producers put on a stream,
// uploads to a bucket. It is an assumption, not AWS configuration, so it
// lives beside the blocks rather than in their properties, and an export
// keeps it only in the template's Metadata.
//
// Every field is optional: a peak left out is the average (no burst
// assumed), an average left out is the peak (so a cost is never below what
// the figures given imply), a payload left out is 1 KB (DefaultPayloadBytes).
type Traffic struct {
	AveragePerSecond *float64 `json:"averagePerSecond,omitempty"`
	PeakPerSecond    *float64 `json:"peakPerSecond,omitempty"`
	PayloadBytes     *float64 `json:"payloadBytes,omitempty"`
}

// DefaultPayloadBytes is the payload of traffic that names none.
const DefaultPayloadBytes = 1024

// Bounds on traffic figures: well above any quota AWS grants (API Gateway
// starts at 10,000 requests a second, EventBridge at tens of thousands),
// low enough that no sum of them overflows into nonsense.
const (
	MaxTrafficPerSecond = 1e8
	MaxPayloadBytes     = 1 << 30
	// MaxTrafficEntries bounds each of the traffic and assumptions maps:
	// one per block at most.
	MaxTrafficEntries = 5000
)

// Assumptions are per-block figures the capacity and cost model needs and
// the design does not say. Each is optional, with a default the model
// states next to every figure it computes from it.
type Assumptions struct {
	// DurationMs is how long the block takes to answer one request or run
	// one invocation, not counting the synchronous calls it makes to other
	// blocks of the design (those add their own).
	DurationMs *float64 `json:"durationMs,omitempty"`
	// FailureRate is the fraction of invocations that fail, from 0 to 1;
	// retries by the integration add load, and what still fails goes to a
	// dead-letter or on-failure destination.
	FailureRate *float64 `json:"failureRate,omitempty"`
	// PassFraction is the fraction of what arrives that the block passes
	// on (an event pattern, a filter), from 0 to 1.
	PassFraction *float64 `json:"passFraction,omitempty"`
	// FanOut is how many messages the block sends down each outgoing
	// connection for each one it handles (a function that writes three
	// items per request has 3).
	FanOut *float64 `json:"fanOut,omitempty"`
	// TransitionsPerExecution counts a state machine's state transitions.
	TransitionsPerExecution *float64 `json:"transitionsPerExecution,omitempty"`
	// BatchFill is how full the batches of an event source mapping from
	// this queue or stream are, from 0 to 1 of its batch size.
	BatchFill *float64 `json:"batchFill,omitempty"`
	// MessageGroups is the number of FIFO message groups in use at once.
	MessageGroups *float64 `json:"messageGroups,omitempty"`
	// Shards is a DynamoDB stream's number of shards (DynamoDB decides it).
	Shards *float64 `json:"shards,omitempty"`
	// ReadFraction is the fraction of a table's requests that are reads.
	ReadFraction *float64 `json:"readFraction,omitempty"`
	// StorageGB is what a table, bucket or log group keeps, for storage cost.
	StorageGB *float64 `json:"storageGB,omitempty"`
	// LogBytesPerInvocation is what a function writes to CloudWatch Logs
	// on each invocation.
	LogBytesPerInvocation *float64 `json:"logBytesPerInvocation,omitempty"`
}

// assumptionBounds gives each assumption's range, by its JSON name.
var assumptionBounds = []struct {
	name     string
	min, max float64
	get      func(*Assumptions) *float64
}{
	{"durationMs", 0, 31536000000, func(a *Assumptions) *float64 { return a.DurationMs }},
	{"failureRate", 0, 1, func(a *Assumptions) *float64 { return a.FailureRate }},
	{"passFraction", 0, 1, func(a *Assumptions) *float64 { return a.PassFraction }},
	{"fanOut", 0, 10000, func(a *Assumptions) *float64 { return a.FanOut }},
	{"transitionsPerExecution", 0, 1e6, func(a *Assumptions) *float64 { return a.TransitionsPerExecution }},
	{"batchFill", 0, 1, func(a *Assumptions) *float64 { return a.BatchFill }},
	{"messageGroups", 1, 1e9, func(a *Assumptions) *float64 { return a.MessageGroups }},
	{"shards", 1, 1e6, func(a *Assumptions) *float64 { return a.Shards }},
	{"readFraction", 0, 1, func(a *Assumptions) *float64 { return a.ReadFraction }},
	{"storageGB", 0, 1e9, func(a *Assumptions) *float64 { return a.StorageGB }},
	{"logBytesPerInvocation", 0, 1 << 30, func(a *Assumptions) *float64 { return a.LogBytesPerInvocation }},
}

// AssumptionNames lists the assumptions a document may give, in order.
func AssumptionNames() []string {
	out := make([]string, len(assumptionBounds))
	for i, b := range assumptionBounds {
		out[i] = b.name
	}
	return out
}

// Assumption returns the named assumption's value, if given; a nil
// receiver gives none.
func (a *Assumptions) Assumption(name string) (float64, bool) {
	if a == nil {
		return 0, false
	}
	var p *float64
	switch name {
	case "durationMs":
		p = a.DurationMs
	case "failureRate":
		p = a.FailureRate
	case "passFraction":
		p = a.PassFraction
	case "fanOut":
		p = a.FanOut
	case "transitionsPerExecution":
		p = a.TransitionsPerExecution
	case "batchFill":
		p = a.BatchFill
	case "messageGroups":
		p = a.MessageGroups
	case "shards":
		p = a.Shards
	case "readFraction":
		p = a.ReadFraction
	case "storageGB":
		p = a.StorageGB
	case "logBytesPerInvocation":
		p = a.LogBytesPerInvocation
	}
	if p == nil {
		return 0, false
	}
	return *p, true
}

// Value is Assumption on a value.
func (a Assumptions) Value(name string) (float64, bool) { return a.Assumption(name) }

// Empty reports whether no assumption is given.
func (a *Assumptions) Empty() bool {
	for _, b := range assumptionBounds {
		if b.get(a) != nil {
			return false
		}
	}
	return true
}

// Empty reports whether no traffic figure is given.
func (t *Traffic) Empty() bool {
	return t.AveragePerSecond == nil && t.PeakPerSecond == nil && t.PayloadBytes == nil
}

// Average is the average rate, the peak when no average is given.
func (t Traffic) Average() float64 {
	switch {
	case t.AveragePerSecond != nil:
		return *t.AveragePerSecond
	case t.PeakPerSecond != nil:
		return *t.PeakPerSecond
	}
	return 0
}

// Peak is the peak rate, the average when no peak is given.
func (t Traffic) Peak() float64 {
	switch {
	case t.PeakPerSecond != nil:
		return *t.PeakPerSecond
	case t.AveragePerSecond != nil:
		return *t.AveragePerSecond
	}
	return 0
}

// Payload is the payload size in bytes, DefaultPayloadBytes when not given.
func (t Traffic) Payload() float64 {
	if t.PayloadBytes != nil {
		return *t.PayloadBytes
	}
	return DefaultPayloadBytes
}

// Check checks traffic on its own: figures within bounds, a peak at
// least the average.
func (t Traffic) Check() error { return t.check() }

// Check checks each assumption against its range.
func (a Assumptions) Check() error { return a.check() }

func (t *Traffic) check() error {
	for _, f := range []struct {
		name string
		v    *float64
		max  float64
	}{{"averagePerSecond", t.AveragePerSecond, MaxTrafficPerSecond}, {"peakPerSecond", t.PeakPerSecond, MaxTrafficPerSecond}, {"payloadBytes", t.PayloadBytes, MaxPayloadBytes}} {
		if f.v != nil && (math.IsNaN(*f.v) || *f.v < 0 || *f.v > f.max) {
			return Invalid(f.name, "must be a number from 0 to %s, not %s", FormatNumber(f.max), FormatNumber(*f.v))
		}
	}
	if t.AveragePerSecond != nil && t.PeakPerSecond != nil && *t.PeakPerSecond < *t.AveragePerSecond {
		return Invalid("peakPerSecond", "is %s, below the average of %s; a peak is at least the average", FormatNumber(*t.PeakPerSecond), FormatNumber(*t.AveragePerSecond))
	}
	return nil
}

func (a *Assumptions) check() error {
	for _, b := range assumptionBounds {
		if p := b.get(a); p != nil && (math.IsNaN(*p) || *p < b.min || *p > b.max) {
			return Invalid(b.name, "must be a number from %s to %s, not %s", FormatNumber(b.min), FormatNumber(b.max), FormatNumber(*p))
		}
	}
	return nil
}

// checkTraffic checks the traffic and assumptions maps: each names a block
// of the design, and each figure is within its bounds.
func (d *Design) checkTraffic() error {
	if len(d.Traffic) > MaxTrafficEntries {
		return Invalid("traffic", "holds %d entries; at most %d", len(d.Traffic), MaxTrafficEntries)
	}
	if len(d.Assumptions) > MaxTrafficEntries {
		return Invalid("assumptions", "holds %d entries; at most %d", len(d.Assumptions), MaxTrafficEntries)
	}
	for _, id := range slices.Sorted(maps.Keys(d.Traffic)) {
		if d.Block(id) == nil {
			return Invalid(joinPath("traffic", id), "names block %q, which does not exist", id)
		}
		t := d.Traffic[id]
		if err := t.check(); err != nil {
			return within(joinPath("traffic", id), err)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(d.Assumptions)) {
		if d.Block(id) == nil {
			return Invalid(joinPath("assumptions", id), "names block %q, which does not exist", id)
		}
		a := d.Assumptions[id]
		if err := a.check(); err != nil {
			return within(joinPath("assumptions", id), err)
		}
	}
	return nil
}

// dropEmptyTraffic removes entries that give nothing, so that a document
// and its stored copy say the same.
func (d *Design) dropEmptyTraffic() {
	for id, t := range d.Traffic {
		if t.Empty() {
			delete(d.Traffic, id)
		}
	}
	for id, a := range d.Assumptions {
		if a.Empty() {
			delete(d.Assumptions, id)
		}
	}
	if len(d.Traffic) == 0 {
		d.Traffic = nil
	}
	if len(d.Assumptions) == 0 {
		d.Assumptions = nil
	}
}

func cloneTraffic(m map[string]Traffic) map[string]Traffic {
	if m == nil {
		return nil
	}
	out := make(map[string]Traffic, len(m))
	for k, t := range m {
		out[k] = Traffic{AveragePerSecond: clonePtr(t.AveragePerSecond), PeakPerSecond: clonePtr(t.PeakPerSecond), PayloadBytes: clonePtr(t.PayloadBytes)}
	}
	return out
}

func cloneAssumptions(m map[string]Assumptions) map[string]Assumptions {
	if m == nil {
		return nil
	}
	out := make(map[string]Assumptions, len(m))
	for k, a := range m {
		c := a
		c.DurationMs, c.FailureRate, c.PassFraction, c.FanOut = clonePtr(a.DurationMs), clonePtr(a.FailureRate), clonePtr(a.PassFraction), clonePtr(a.FanOut)
		c.TransitionsPerExecution, c.BatchFill, c.MessageGroups, c.Shards = clonePtr(a.TransitionsPerExecution), clonePtr(a.BatchFill), clonePtr(a.MessageGroups), clonePtr(a.Shards)
		c.ReadFraction, c.StorageGB, c.LogBytesPerInvocation = clonePtr(a.ReadFraction), clonePtr(a.StorageGB), clonePtr(a.LogBytesPerInvocation)
		out[k] = c
	}
	return out
}

func clonePtr(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// setTraffic replaces a block's traffic; an empty value removes it.
func (a *applier) setTraffic(id string, t Traffic) (Ops, error) {
	if a.d.Block(id) == nil {
		return nil, Invalid("id", "no block %q in this design", id)
	}
	if err := t.check(); err != nil {
		return nil, within("traffic", err)
	}
	old := a.d.Traffic[id]
	if a.d.Traffic == nil {
		a.d.Traffic = map[string]Traffic{}
	}
	a.d.Traffic[id] = cloneTraffic(map[string]Traffic{"": t})[""]
	a.d.dropEmptyTraffic()
	a.read("block/" + id)
	a.write("traffic/" + id)
	return Ops{{Op: OpSetTraffic, ID: id, Traffic: &old}}, nil
}

// setAssumptions replaces a block's assumptions; an empty value removes them.
func (a *applier) setAssumptions(id string, as Assumptions) (Ops, error) {
	if a.d.Block(id) == nil {
		return nil, Invalid("id", "no block %q in this design", id)
	}
	if err := as.check(); err != nil {
		return nil, within("assumptions", err)
	}
	old := a.d.Assumptions[id]
	if a.d.Assumptions == nil {
		a.d.Assumptions = map[string]Assumptions{}
	}
	a.d.Assumptions[id] = cloneAssumptions(map[string]Assumptions{"": as})[""]
	a.d.dropEmptyTraffic()
	a.read("block/" + id)
	a.write("assumptions/" + id)
	return Ops{{Op: OpSetAssumptions, ID: id, Assumptions: &old}}, nil
}

// dropTrafficOf removes a removed block's traffic and assumptions and
// returns the operations that give them back.
func (a *applier) dropTrafficOf(id string) Ops {
	var inv Ops
	if t, ok := a.d.Traffic[id]; ok {
		delete(a.d.Traffic, id)
		a.write("traffic/" + id)
		inv = append(inv, Op{Op: OpSetTraffic, ID: id, Traffic: &t})
	}
	if as, ok := a.d.Assumptions[id]; ok {
		delete(a.d.Assumptions, id)
		a.write("assumptions/" + id)
		inv = append(inv, Op{Op: OpSetAssumptions, ID: id, Assumptions: &as})
	}
	a.d.dropEmptyTraffic()
	return inv
}

// TrafficOf returns a block's traffic and whether the design gives any.
func (d *Design) TrafficOf(id string) (Traffic, bool) {
	t, ok := d.Traffic[id]
	return t, ok
}

// AssumptionsOf returns a block's assumptions (nil when none are given).
func (d *Design) AssumptionsOf(id string) *Assumptions {
	a, ok := d.Assumptions[id]
	if !ok {
		return nil
	}
	return &a
}

// String prints traffic as "100/s average, 500/s peak, 2,048 bytes".
func (t Traffic) String() string {
	return fmt.Sprintf("%s/s average, %s/s peak, %s bytes", FormatNumber(t.Average()), FormatNumber(t.Peak()), FormatNumber(t.Payload()))
}

// compareTraffic says how the traffic and assumptions of two versions
// differ, a phrase a block: "traffic of Api: 100/s average, 500/s peak,
// 1,024 bytes → …", "assumptions of Worker changed", by block id.
func compareTraffic(a, b *Design) []string {
	var out []string
	ids := map[string]bool{}
	for id := range a.Traffic {
		ids[id] = true
	}
	for id := range b.Traffic {
		ids[id] = true
	}
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		ta, oka := a.Traffic[id]
		tb, okb := b.Traffic[id]
		switch {
		case oka && !okb:
			out = append(out, "traffic of "+id+" removed (was "+ta.String()+")")
		case !oka && okb:
			out = append(out, "traffic of "+id+" set: "+tb.String())
		case ta.String() != tb.String():
			out = append(out, "traffic of "+id+": "+ta.String()+" → "+tb.String())
		}
	}
	ids = map[string]bool{}
	for id := range a.Assumptions {
		ids[id] = true
	}
	for id := range b.Assumptions {
		ids[id] = true
	}
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		x, y := a.AssumptionsOf(id), b.AssumptionsOf(id)
		var changed []string
		for _, name := range AssumptionNames() {
			vx, okx := x.Assumption(name)
			vy, oky := y.Assumption(name)
			switch {
			case okx && !oky:
				changed = append(changed, name+" "+FormatNumber(vx)+" → default")
			case !okx && oky:
				changed = append(changed, name+" default → "+FormatNumber(vy))
			case okx && vx != vy:
				changed = append(changed, name+" "+FormatNumber(vx)+" → "+FormatNumber(vy))
			}
		}
		if len(changed) > 0 {
			out = append(out, "assumptions of "+id+": "+strings.Join(changed, ", "))
		}
	}
	return out
}
