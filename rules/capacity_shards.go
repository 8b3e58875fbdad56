package rules

// capacityShards: the records and bytes the design's traffic writes to a
// provisioned Kinesis stream at peak need more shards than it has. A
// stream that sets ExpectedRecordsPerSecond or ExpectedMBPerSecond is
// judged by kinesis-shard-capacity instead.
type capacityShards struct{}

func newCapacityShards() Rule { return capacityShards{} }

func (capacityShards) Meta() Meta {
	return Meta{
		ID:       "capacity-shards",
		Title:    "Too few shards for the stated traffic",
		Severity: Warning,
		Scope:    "block:kinesis",
	}
}

func (capacityShards) Check(c *Context, report *Report) {
	r := capacityOf(c)
	if r == nil {
		return
	}
	for _, s := range c.Kind("kinesis") {
		b := r.Block(s.ID)
		if b == nil || b.Limit == nil || b.ShardsNeeded <= b.Limit.Value {
			continue
		}
		if c.Prop(s, "ExpectedRecordsPerSecond").Set() || c.Prop(s, "ExpectedMBPerSecond").Set() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{s.ID},
			Message: c.Label(s) + " takes " + num(round2(b.PerSecond.Peak), "records/s") + " at peak, which need " +
				plural(int(b.ShardsNeeded), "shard") + " (each takes " + kinesisWriteRecords.Text() + " or " + kinesisWriteMB.Text() +
				" of writes), but it has ShardCount " + num(b.Limit.Value, "") + ": writes beyond that fail with " +
				"ProvisionedThroughputExceededException until producers back off. Provision " + plural(int(b.ShardsNeeded), "shard") +
				", or switch to on-demand capacity." + restsOnTraffic(c, r, s.ID, "payloadBytes"),
			Fix: ops(setProps(s.ID, map[string]any{"ShardCount": b.ShardsNeeded})),
		})
	}
}
