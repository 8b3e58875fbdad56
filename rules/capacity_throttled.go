package rules

import (
	"math"

	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/design"
)

// capacityThrottled: at the peak the design states, a block needs more than
// its limit (a function's concurrency, an API's throttle, a bus's PutEvents
// quota, a state machine's start or transition rate, a table's capacity,
// SES's sending rate), so the excess is throttled. Kinesis shards and FIFO
// queues have rules of their own, which read the traffic too, and so does
// a function whose APIs give ExpectedRequestsPerSecond
// (lambda-concurrency-demand).
type capacityThrottled struct{}

func newCapacityThrottled() Rule { return capacityThrottled{} }

func (capacityThrottled) Meta() Meta {
	return Meta{
		ID:       "capacity-throttled",
		Title:    "The stated peak traffic is throttled",
		Severity: Warning,
		Scope:    "design",
	}
}

func (capacityThrottled) Check(c *Context, report *Report) {
	r := capacityOf(c)
	if r == nil {
		return
	}
	for i := range c.Design.Blocks {
		blk := &c.Design.Blocks[i]
		b := r.Block(blk.ID)
		if b == nil || b.Limit == nil || b.Utilisation <= 1 || blk.External != nil {
			continue
		}
		switch blk.Kind {
		case "kinesis", "sqs":
			continue // kinesis-shard-capacity, sqs-fifo-throughput, capacity-fifo-group
		case "lambda":
			if _, ok := firstSyncCaller(c, blk); ok {
				continue // lambda-concurrency-demand
			}
		}
		msg := c.Label(blk) + " needs " + num(round2(b.Demand), b.Limit.Unit) + " at peak, " + capacity.Percent(b.Utilisation) +
			" of its limit: the " + b.Limit.What + " of " + num(b.Limit.Value, b.Limit.Unit) + ". Above it the excess is throttled" +
			throttledWhat(blk.Kind) + "."
		if b.Concurrency != nil && blk.Kind == "lambda" {
			msg += " (" + num(round2(b.PerSecond.Peak), "invocations/s") + " × " + num(b.DurationMs/1000, "s") + " = " +
				num(round2(b.Concurrency.Peak), "concurrent executions") + ".)"
		}
		msg += restsOnTraffic(c, r, blk.ID, "durationMs", "transitionsPerExecution", "readFraction")
		report.Add(Finding{Subjects: []string{blk.ID}, Message: msg})
	}
}

func throttledWhat(kind string) string {
	switch kind {
	case "lambda":
		return ": synchronous callers get errors, asynchronous events wait and may expire. Reserve more concurrency, ask for a higher quota, or make the function faster"
	case "apigateway-rest", "apigateway-http", "apigateway-websocket":
		return ": clients get 429 Too Many Requests. Raise the stage limit, or ask AWS for a higher account limit"
	case "stepfunctions":
		return ": StartExecution calls fail with ThrottlingException. Ask for a higher quota, batch work into fewer executions, or use Express workflows"
	case "dynamodb":
		return ": requests fail with ProvisionedThroughputExceededException or ThrottlingException. Raise the capacity, or switch to on-demand"
	case "ses":
		return ": sends fail with Throttling. Request production access and a higher sending rate"
	}
	return ". Ask AWS for a higher quota, or spread the load"
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// firstSyncCaller reports whether an API with ExpectedRequestsPerSecond
// invokes the function synchronously.
func firstSyncCaller(c *Context, fn *design.Block) (*design.Block, bool) {
	for api := range syncCallers(c, fn) {
		return api, true
	}
	return nil, false
}
