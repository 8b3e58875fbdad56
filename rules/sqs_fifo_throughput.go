package rules

import (
	"math"

	"github.com/archlab/archlab/design"
)

// sqsFifoThroughput: a FIFO queue's limit counts API calls, not messages.
// Without high-throughput mode it takes 300 calls a second per action, and
// a batch call carries up to 10 messages; in high-throughput mode the
// limit depends on the Region. Sends are counted as the design says
// producers make them: ExpectedMessagesPerCall messages a call, or one.
type sqsFifoThroughput struct{}

func newSQSFifoThroughput() Rule { return sqsFifoThroughput{} }

// sqsFifoThroughputFix is the fix's patch, one map shared by every finding (see fix.go).
var sqsFifoThroughputFix = map[string]any{"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}

func (sqsFifoThroughput) Meta() Meta {
	return Meta{
		ID:       "sqs-fifo-throughput",
		Title:    "FIFO queue sends more calls a second than it accepts",
		Severity: Warning,
		Scope:    "block:sqs",
	}
}

// The limits, from design/data/facts/sqs.json.
var (
	fifoCallsPerSecond   = design.FactOf("sqs.fifo-api-calls-per-second")
	fifoBatchMax         = design.FactOf("sqs.batch-max-messages")
	fifoHighCallsMost    = design.FactOf("sqs.fifo-high-throughput-calls-per-second")
	fifoHighCallsOhioFra = design.FactOf("sqs.fifo-high-throughput-calls-per-second-ohio-frankfurt")
)

func (sqsFifoThroughput) Check(c *Context, report *Report) {
	for _, q := range c.Kind("sqs") {
		rate := c.Prop(q, "ExpectedMessagesPerSecond")
		// Without the queue's own estimate, the peak of the traffic the
		// design states, carried to the queue.
		suffix := ""
		if r := capacityOf(c); rate.Num() <= 0 && r != nil && c.IsFifo(q) {
			if b := r.Block(q.ID); b != nil && b.Loaded {
				rate = Value{V: round2(b.PerSecond.Peak), Unit: "messages/s"}
				suffix = restsOnTraffic(c, r, q.ID)
			}
		}
		if !c.IsFifo(q) || rate.Num() <= 0 {
			continue
		}
		batch, sends := fifoSends(c, q)
		calls := math.Ceil(rate.Num() / batch)
		high := c.Prop(q, "DeduplicationScope").Str() == "messageGroup" &&
			c.Prop(q, "FifoThroughputLimit").Str() == "perMessageGroupId"
		// Batches of 10 would bring the calls under this many.
		batching := ""
		if batch < fifoBatchMax.Value {
			full := math.Ceil(rate.Num() / fifoBatchMax.Value)
			batching = " Sent in batches of " + design.FormatNumber(fifoBatchMax.Value) + " (SendMessageBatch), the same " +
				"traffic is " + num(full, "calls/s") + "; if producers batch, set ExpectedMessagesPerCall to what they put in a call."
		}
		msg := c.Label(q) + " expects " + rate.Text() + ", sent " + sends + ", that is " + num(calls, "calls/s")
		switch {
		case !high && calls > fifoCallsPerSecond.Value:
			msg += ": above the " + fifoCallsPerSecond.Text() + " per action a FIFO queue takes without high-throughput " +
				"mode, so sends beyond it are throttled." + batching + " Or turn on high-throughput mode " +
				"(DeduplicationScope messageGroup and FifoThroughputLimit perMessageGroupId, both) and spread messages " +
				"over many message groups."
			f := Finding{Subjects: []string{q.ID}, Message: msg + suffix}
			if calls <= fifoHighCallsOhioFra.Value {
				f.Fix = ops(setProps(q.ID, sqsFifoThroughputFix))
			}
			report.Add(f)
		case high && calls > fifoHighCallsMost.Value:
			report.Add(Finding{Subjects: []string{q.ID}, Message: msg + ": above the " + fifoHighCallsMost.Text() +
				" per action that high-throughput mode allows in the Regions that allow the most (US East (N. Virginia), " +
				"US West (Oregon), Europe (Ireland)), so sends beyond it are throttled anywhere." + batching +
				" Or split the traffic over several queues." + suffix})
		case high && calls > fifoHighCallsOhioFra.Value:
			report.Add(Finding{Subjects: []string{q.ID}, Message: msg + ": within the " + fifoHighCallsMost.Text() +
				" per action that high-throughput mode allows in US East (N. Virginia), US West (Oregon) and Europe " +
				"(Ireland), but above the " + fifoHighCallsOhioFra.Text() + " of US East (Ohio) and Europe (Frankfurt); " +
				"other Regions have figures of their own. Deploy it in one of the first three Regions, or check the " +
				"quota of yours." + batching + suffix})
		}
	}
}

// fifoSends says how many messages a send call carries, as the design
// says (ExpectedMessagesPerCall, at most 10) or one, and in words.
func fifoSends(c *Context, q *design.Block) (float64, string) {
	per := c.Prop(q, "ExpectedMessagesPerCall")
	if per.Num() < 1 {
		return 1, "one message a call (ExpectedMessagesPerCall is not set)"
	}
	n := math.Min(per.Num(), fifoBatchMax.Value)
	if n == 1 {
		return 1, "one message a call"
	}
	return n, design.FormatNumber(n) + " messages a call"
}
