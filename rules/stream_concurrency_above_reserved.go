package rules

import (
	"math"
	"slices"
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

// lambdaStreamMapping reports whether a stream consumer is an enabled
// Lambda event source mapping, which runs on the function's concurrency.
func lambdaStreamMapping(c *Context, cn *design.Connection) bool {
	return !isPipeSource(c, cn) && c.ConnProp(cn, "Enabled").Bool()
}

func (streamConcurrencyAboveReserved) Check(c *Context, report *Report) {
	consumers := streamConsumers(c)
	for i, first := range consumers {
		if !lambdaStreamMapping(c, first) {
			continue
		}
		fn := c.To(first)
		reserved := c.Prop(fn, "ReservedConcurrentExecutions")
		if !reserved.Present() || reserved.Num() <= 0 {
			continue // unreserved, or stopped (lambda-reserved-concurrency-zero's case)
		}
		if slices.ContainsFunc(consumers[:i], func(o *design.Connection) bool { return c.To(o) == fn && lambdaStreamMapping(c, o) }) {
			continue // reported with the function's first mapping
		}
		// The function's mappings, from the first on: most functions have one.
		conns := consumers[i : i+1]
		for _, o := range consumers[i+1:] {
			if c.To(o) == fn && lambdaStreamMapping(c, o) {
				if len(conns) == 1 {
					conns = []*design.Connection{first}
				}
				conns = append(conns, o)
			}
		}
		demand, exact := 0.0, true
		for _, cn := range conns {
			shards, known := streamShards(c, c.From(cn))
			demand += shards.Num() * c.ConnProp(cn, "ParallelizationFactor").Num()
			exact = exact && known
		}
		r := reserved.Num()
		if demand <= r {
			continue
		}
		report.Add(streamConcurrencyFinding(c, fn, conns, r, demand, exact))
	}
}

// streamConcurrencyFinding reports a function reserved below what its
// stream mappings may run at once.
func streamConcurrencyFinding(c *Context, fn *design.Block, conns []*design.Connection, r, demand float64, exact bool) Finding {
	var terms []string
	subjects := []string{fn.ID}
	for _, cn := range conns {
		stream := c.From(cn)
		shards, known := streamShards(c, stream)
		term := c.Label(stream) + ": at least 1 shard"
		if known {
			term = c.Label(stream) + ": ShardCount " + shards.Text()
		}
		terms = append(terms, term+" × ParallelizationFactor "+c.ConnProp(cn, "ParallelizationFactor").Text())
		subjects = append(subjects, cn.ID, stream.ID)
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
	return f
}
