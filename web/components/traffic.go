package components

import (
	"strconv"

	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/design"
)

// Form field prefixes of the inspector's traffic section: "t:peakPerSecond"
// and "a:durationMs" are read by the editor's form handler.
const (
	TrafficPrefix    = "t:"
	AssumptionPrefix = "a:"
)

// TrafficView is a block's "Traffic and assumptions" section: the traffic
// it receives from outside the design, the assumptions the capacity model
// may use for it, and the model's figures for it.
type TrafficView struct {
	Traffic     []TrafficInput
	Assumptions []TrafficInput
	// Figures and Cost say the block's load and monthly cost at the stated
	// traffic; Used lists the assumptions behind them. Empty when no
	// traffic reaches the block.
	Figures string
	Cost    string
	Used    []string
	// Prices names the price table: "us-east-1 prices of 2026-12-05".
	Prices, Region string
	// Open keeps the section open when it holds figures or values.
	Open bool
}

// TrafficInput is one number of the section.
type TrafficInput struct {
	Name, Label, Unit, Value, Help string
}

// InputID is the input's element id.
func (t TrafficInput) InputID() string { return "traffic-" + t.Name[2:] }

var trafficFields = []struct{ name, label, unit, help string }{
	{"averagePerSecond", "Average", "per second", "Requests or events per second arriving from outside the design, on average: for cost. Left empty: the peak."},
	{"peakPerSecond", "Peak", "per second", "At the busiest moment: for limits and throttling. Left empty: the average."},
	{"payloadBytes", "Payload", "bytes", "Size of one request or event. Left empty: 1,024 bytes."},
}

var assumptionFields = map[string]struct{ label, unit, help string }{
	"durationMs":              {"Duration", "ms", "Time per request or invocation, not counting synchronous calls to other blocks. Left empty: a default per kind (100 ms for a function)."},
	"failureRate":             {"Failure rate", "0–1", "Fraction of invocations that fail; retries add load. Left empty: 0."},
	"passFraction":            {"Passes on", "0–1", "Fraction of what arrives that this block passes on (a filter, a pattern). Left empty: 1."},
	"fanOut":                  {"Fan-out", "messages", "Messages sent down each outgoing connection per event handled. Left empty: 1."},
	"transitionsPerExecution": {"Transitions", "per execution", "State transitions of one execution. Left empty: the definition's states plus one, or 10."},
	"batchFill":               {"Batch fill", "0–1", "How full event source mapping batches from here are. Left empty: 1 (full)."},
	"messageGroups":           {"Message groups", "groups", "FIFO message groups in use at once. Left empty: 1."},
	"shards":                  {"Shards", "shards", "Shards of a DynamoDB stream. Left empty: 1."},
	"readFraction":            {"Reads", "0–1", "Fraction of a table's requests that are reads. Left empty: 0 (all writes)."},
	"storageGB":               {"Storage", "GB", "What a table or bucket keeps, for storage cost. Left empty: 0."},
	"logBytesPerInvocation":   {"Logs", "bytes per invocation", "Log output of one invocation. Left empty: 500 bytes."},
}

func formatFloat(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// newTrafficView builds a block's traffic section; r is the design's
// capacity model, nil when the design states no traffic.
func newTrafficView(d *design.Design, b *design.Block, r *capacity.Result, typed *Typed) *TrafficView {
	v := &TrafficView{}
	t := d.Traffic[b.ID]
	values := map[string]*float64{"averagePerSecond": t.AveragePerSecond, "peakPerSecond": t.PeakPerSecond, "payloadBytes": t.PayloadBytes}
	for _, f := range trafficFields {
		in := TrafficInput{Name: TrafficPrefix + f.name, Label: f.label, Unit: f.unit, Help: f.help, Value: formatFloat(values[f.name])}
		v.Traffic = append(v.Traffic, in)
	}
	as := d.AssumptionsOf(b.ID)
	for _, name := range design.AssumptionNames() {
		f := assumptionFields[name]
		in := TrafficInput{Name: AssumptionPrefix + name, Label: f.label, Unit: f.unit, Help: f.help}
		if val, ok := as.Assumption(name); ok {
			in.Value = strconv.FormatFloat(val, 'f', -1, 64)
		}
		v.Assumptions = append(v.Assumptions, in)
	}
	if typed != nil {
		for _, list := range [][]TrafficInput{v.Traffic, v.Assumptions} {
			for i := range list {
				if typedV, ok := typed.Values[list[i].Name]; ok {
					list[i].Value = LastValue(typedV)
				}
			}
		}
	}
	v.Open = !t.Empty() || as != nil
	if r != nil {
		v.Prices, v.Region = r.Prices.Region+" prices of "+r.Prices.Date, r.Prices.Region
		if fb := r.Block(b.ID); fb != nil && fb.Loaded {
			v.Figures = fb.Summary()
			v.Cost = capacity.Money(fb.MonthlyCost)
			for _, a := range r.AssumptionsOf(b.ID) {
				v.Used = append(v.Used, a.Text)
			}
			v.Used = append(v.Used, fb.Notes...)
			v.Open = true
		}
	}
	return v
}
