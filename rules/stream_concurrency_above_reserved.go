package rules

import (
	"math"
	"strings"

	"github.com/archlab/archlab/design"
)

// streamConcurrencyAboveReserved: Lambda reads each shard of a Kinesis or
// DynamoDB stream with up to ParallelizationFactor batches at once, so its
// stream mappings may run shards × ParallelizationFactor invocations at
// once. A function reserved below that is throttled as soon as the shards
// are busy; a throttled batch is retried and holds its shard back, so the
// consumer falls behind. A stream whose shard count the design does not
// give (on-demand capacity, DynamoDB Streams, a stream outside the design)
// has at least one shard, and the rule counts only that.
type streamConcurrencyAboveReserved struct{}

func newStreamConcurrencyAboveReserved() Rule { return streamConcurrencyAboveReserved{} }

func (streamConcurrencyAboveReserved) Meta() Meta {
	return Meta{
		ID:       "stream-concurrency-above-reserved",
		Title:    "Stream shards × parallelization above the consumer's reserved concurrency",
		Severity: Warning,
		Scope:    "connection:kinesis|dynamodb→lambda",
	}
}

// streamShards is a stream's shard count and whether the design gives it;
// when it does not, 1 is the least it can be.
func streamShards(c *Context, stream *design.Block) (Value, bool) {
	if stream.Kind != "kinesis" || c.Prop(stream, "StreamModeDetails.StreamMode").Str() == "ON_DEMAND" {
		return Value{V: 1.0}, false
	}
	shards := c.Prop(stream, "ShardCount")
	if !shards.Present() || shards.Num() < 1 {
		return Value{V: 1.0}, false
	}
	return shards, true
}

func (streamConcurrencyAboveReserved) Check(c *Context, report *Report) {
	var fns []*design.Block
	byFn := map[*design.Block][]*design.Connection{}
	for _, cn := range streamConsumers(c) {
		if isPipeSource(c, cn) || !c.ConnProp(cn, "Enabled").Bool() {
			continue
		}
		fn := c.To(cn)
		if byFn[fn] == nil {
			fns = append(fns, fn)
		}
		byFn[fn] = append(byFn[fn], cn)
	}
	for _, fn := range fns {
		reserved := c.Prop(fn, "ReservedConcurrentExecutions")
		if !reserved.Present() || reserved.Num() <= 0 {
			continue // unreserved, or stopped (lambda-reserved-concurrency-zero's case)
		}
		r, conns := reserved.Num(), byFn[fn]
		demand, exact := 0.0, true
		var terms []string
		subjects := []string{fn.ID}
		for _, cn := range conns {
			stream := c.From(cn)
			shards, known := streamShards(c, stream)
			pf := c.ConnProp(cn, "ParallelizationFactor")
			demand += shards.Num() * pf.Num()
			term := c.Label(stream) + ": "
			if known {
				term += "ShardCount " + shards.Text()
			} else {
				exact = false
				term += "at least 1 shard"
			}
			terms = append(terms, term+" × ParallelizationFactor "+pf.Text())
			subjects = append(subjects, cn.ID, stream.ID)
		}
		if demand <= r {
			continue
		}
		upTo := "up to "
		if !exact {
			upTo = "at least "
		}
		msg := c.Label(fn) + " has ReservedConcurrentExecutions " + design.FormatNumber(r) + ", but its stream mappings may run " +
			upTo + design.FormatNumber(demand) + " batches at once (" + strings.Join(terms, "; ") + "). Once the shards are " +
			"busy, the batches above the reservation are throttled and retried, holding their shards back, so the " +
			"consumer falls behind and records age towards the stream's retention."
		f := Finding{Subjects: subjects}
		switch {
		case len(conns) == 1 && exact && r >= demand/c.ConnProp(conns[0], "ParallelizationFactor").Num():
			shards, _ := streamShards(c, c.From(conns[0]))
			pf := math.Floor(r / shards.Num())
			msg += " Lower ParallelizationFactor to " + design.FormatNumber(pf) + " to stay within the reservation, or " +
				"reserve " + design.FormatNumber(demand) + "."
			f.Fix = ops(setConnProps(conns[0].ID, map[string]any{"ParallelizationFactor": pf}))
		case exact:
			msg += " Reserve " + design.FormatNumber(demand) + ", or lower the ParallelizationFactor of the mappings."
			f.Fix = ops(setProps(fn.ID, map[string]any{"ReservedConcurrentExecutions": demand}))
		default:
			msg += " Reserve at least the shards × ParallelizationFactor of every stream, or lower the ParallelizationFactor."
		}
		f.Message = msg
		report.Add(f)
	}
}
