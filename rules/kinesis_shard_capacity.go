package rules

import (
	"math"

	"github.com/archlab/archlab/design"
)

// kinesisShardCapacity: a provisioned shard takes 1 MB/s or 1,000 records/s
// of writes and gives 2 MB/s of reads, shared by every consumer without
// enhanced fan-out. Writes above the shards' capacity are refused
// (ProvisionedThroughputExceededException); shared consumers above it are
// throttled and fall behind. Both are judged against the traffic the design
// gives (ExpectedRecordsPerSecond, ExpectedMBPerSecond, or else the peak
// of the traffic it states, carried to the stream), never by assuming the
// shards are written at their maximum.
type kinesisShardCapacity struct{}

// Shard capacity, from design/data/facts/kinesis.json.
var (
	kinesisWriteMB      = design.FactOf("kinesis.shard-write-mb-per-second")
	kinesisWriteRecords = design.FactOf("kinesis.shard-write-records-per-second")
	kinesisReadMB       = design.FactOf("kinesis.shard-read-mb-per-second")
)

func newKinesisShardCapacity() Rule { return kinesisShardCapacity{} }

// kinesisShardCapacityFix is the fix's patch, one map shared by every finding (see fix.go).
var kinesisShardCapacityFix = map[string]any{"EnhancedFanOut": true}

func (kinesisShardCapacity) Meta() Meta {
	return Meta{
		ID:       "kinesis-shard-capacity",
		Title:    "Kinesis stream with too few shards for its writes or readers",
		Severity: Warning,
		Scope:    "block:kinesis",
	}
}

func (kinesisShardCapacity) Check(c *Context, report *Report) {
	for _, s := range c.Kind("kinesis") {
		provisioned := c.Prop(s, "StreamModeDetails.StreamMode").Str() != "ON_DEMAND"
		shards := c.Prop(s, "ShardCount")
		records := c.Prop(s, "ExpectedRecordsPerSecond")
		mb := c.Prop(s, "ExpectedMBPerSecond")
		// Without the stream's own estimates, the peak of the traffic the
		// design states, carried to the stream, is what it expects.
		suffix := ""
		if r := capacityOf(c); !records.Set() && !mb.Set() && r != nil {
			if b := r.Block(s.ID); b != nil && b.Loaded {
				records = Value{V: round2(b.PerSecond.Peak), Unit: "records/s"}
				mb = Value{V: round2(b.PerSecond.Peak * b.PayloadBytes / 1e6), Unit: "MB/s"}
				suffix = restsOnTraffic(c, r, s.ID, "payloadBytes")
			}
		}
		if f, ok := kinesisWriteFinding(c, s, provisioned, shards, records, mb); ok {
			f.Message += suffix
			report.Add(f)
		}
		if f, ok := kinesisReadFinding(c, s, provisioned, shards, mb); ok {
			f.Message += suffix
			report.Add(f)
		}
	}
}

// kinesisWriteFinding compares a provisioned stream's expected writes with
// what its shards take.
func kinesisWriteFinding(c *Context, s *design.Block, provisioned bool, shards, records, mb Value) (Finding, bool) {
	n := math.Max(shards.Num(), 1)
	if !provisioned {
		return Finding{}, false
	}
	needRecords := math.Ceil(records.Num() / kinesisWriteRecords.Value)
	needMB := math.Ceil(mb.Num() / kinesisWriteMB.Value)
	need := math.Max(needRecords, needMB)
	if need <= n {
		return Finding{}, false
	}
	var expects string
	switch {
	case needRecords > n && needMB > n:
		expects = num(records.Num(), "records/s") + " and " + num(mb.Num(), "MB/s")
	case needRecords > n:
		expects = num(records.Num(), "records/s")
	default:
		expects = num(mb.Num(), "MB/s")
	}
	return Finding{
		Subjects: []string{s.ID},
		Message: c.Label(s) + " has ShardCount " + shards.Text() + ", which takes at most " +
			num(n*kinesisWriteRecords.Value, "records/s") + " and " + num(n*kinesisWriteMB.Value, "MB/s") + " of writes, " +
			"but expects " + expects + ": each shard takes " + kinesisWriteRecords.Text() + " or " + kinesisWriteMB.Text() +
			", and writes beyond that fail with " +
			"ProvisionedThroughputExceededException until producers back off. Provision " + plural(int(need), "shard") +
			" (more if partition keys are uneven), or switch to on-demand capacity.",
		Fix: ops(setProps(s.ID, map[string]any{"ShardCount": need})),
	}, true
}

// kinesisReadFinding checks that the consumers sharing a stream's read
// throughput fit in each shard's 2 MB/s, when the design says how much is
// written to a provisioned stream's shards: without a figure, or on
// demand (where AWS sizes the shards), what a shard carries is
// not known, and assuming its maximum would report sound designs.
func kinesisReadFinding(c *Context, s *design.Block, provisioned bool, shards, mb Value) (Finding, bool) {
	if !provisioned || mb.Num() <= 0 {
		return Finding{}, false
	}
	var shared []*design.Connection
	for _, cn := range c.Out(s) {
		if c.Model(cn) != design.ModelPoll {
			continue
		}
		if cn.Integration == design.IntESM && c.ConnProp(cn, "EnhancedFanOut").Bool() {
			continue
		}
		shared = append(shared, cn)
	}
	perShard := math.Min(mb.Num()/math.Max(shards.Num(), 1), kinesisWriteMB.Value)
	basis := "written at " + num(math.Round(perShard*100)/100, "MB/s") + " (the expected " + num(mb.Num(), "MB/s") + " over " +
		plural(int(math.Max(shards.Num(), 1)), "shard") + ")"
	demand := perShard * float64(len(shared))
	if demand <= kinesisReadMB.Value {
		return Finding{}, false
	}
	f := Finding{
		Subjects: append([]string{s.ID}, connIDs(shared)...),
		Message: c.Label(s) + " has " + plural(len(shared), "consumer") + " sharing its read throughput (" +
			c.joinLabels(targetIDs(shared)) + "). Each reads every record, so a shard " + basis + " must serve " +
			num(math.Round(demand*100)/100, "MB/s") + ", but a shard gives " + kinesisReadMB.Text() + " to all its shared consumers together: they are throttled " +
			"and fall behind, and records older than the retention of " + c.Prop(s, "RetentionPeriodHours").Text() +
			" are lost.",
	}
	lambdas := false
	for _, cn := range shared {
		lambdas = lambdas || cn.Integration == design.IntESM
	}
	if lambdas {
		f.Message += " Turn on enhanced fan-out for the Lambda consumers (a dedicated " + kinesisReadMB.Text() + " per shard each), or read " +
			"the stream once and fan out from there."
	} else {
		f.Message += " Read the stream once and fan out from there, or give some readers a stream of their own."
	}
	// Enhanced fan-out for enough of the Lambda consumers brings the rest
	// within the shared 2 MB/s.
	allowed := int(math.Floor(kinesisReadMB.Value / perShard))
	var patch design.Ops
	for _, cn := range shared {
		if len(shared)-len(patch) <= allowed {
			break
		}
		if cn.Integration == design.IntESM {
			patch = append(patch, setConnProps(cn.ID, kinesisShardCapacityFix))
		}
	}
	if len(shared)-len(patch) <= allowed {
		f.Fix = patch
	}
	return f, true
}
