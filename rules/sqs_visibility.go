package rules

import (
	"iter"

	"github.com/archlab/archlab/design"
)

// sqsConsumer is a queue's Lambda consumer with the longest timeout: the one
// the visibility timeout has to cover.
type sqsConsumer struct {
	queue    *design.Block
	conn     *design.Connection
	function *design.Block
	timeout  Value
	window   Value
}

// slowestSQSConsumers yields, for each queue with Lambda consumers, the
// consumer for which cost is largest: the function timeout alone is what
// Lambda compares with the visibility timeout, the timeout and batching
// window together what the 6× advice covers. It yields rather than lists
// them, as its callers only loop over them once.
func slowestSQSConsumers(c *Context, cost func(sqsConsumer) float64) iter.Seq[sqsConsumer] {
	return func(yield func(sqsConsumer) bool) {
		for _, q := range c.Kind("sqs") {
			var best sqsConsumer
			found := false
			for _, cn := range c.Out(q) {
				if cn.Integration != design.IntESM {
					continue
				}
				fn := c.To(cn)
				if c.External(fn) {
					continue // its timeout is not known
				}
				cand := sqsConsumer{queue: q, conn: cn, function: fn, timeout: c.Prop(fn, "Timeout"), window: c.ConnProp(cn, "MaximumBatchingWindowInSeconds")}
				if !found || cost(cand) > cost(best) {
					best, found = cand, true
				}
			}
			if found && !yield(best) {
				return
			}
		}
	}
}

// sqsVisibilityBelowTimeout: Lambda refuses an event source mapping whose
// queue hides messages for less time than the function may run.
type sqsVisibilityBelowTimeout struct{}

func newSQSVisibilityBelowTimeout() Rule { return sqsVisibilityBelowTimeout{} }

func (sqsVisibilityBelowTimeout) Meta() Meta {
	return Meta{
		ID:          "sqs-visibility-below-timeout",
		Title:       "Queue visibility timeout shorter than its consumer's timeout",
		Severity:    Error,
		Scope:       "connection:sqs→lambda",
		Equivalents: []string{"cfn-lint:E3505"},
	}
}

func (sqsVisibilityBelowTimeout) Check(c *Context, report *Report) {
	for s := range slowestSQSConsumers(c, func(s sqsConsumer) float64 { return s.timeout.Num() }) {
		vis := c.Prop(s.queue, "VisibilityTimeout")
		if vis.Num() >= s.timeout.Num() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{s.queue.ID, s.conn.ID},
			Message: c.Label(s.queue) + ": VisibilityTimeout " + vis.Text() + " is less than " + c.Label(s.function) +
				"'s Timeout " + s.timeout.Text() + ". Lambda refuses to create the event source mapping: a message would " +
				"reappear in the queue while the function is still working on it.",
			Fix: ops(setProps(s.queue.ID, map[string]any{"VisibilityTimeout": recommendedVisibility(s)})),
		})
	}
}

// sqsVisibility6x: AWS recommends at least six times the function timeout,
// so that retries after throttling do not make messages visible again.
type sqsVisibility6x struct{}

func newSQSVisibility6x() Rule { return sqsVisibility6x{} }

func (sqsVisibility6x) Meta() Meta {
	return Meta{
		ID:          "sqs-visibility-6x",
		Title:       "Queue visibility timeout under six times its consumer's timeout",
		Severity:    Warning,
		Scope:       "connection:sqs→lambda",
		Equivalents: []string{"cdk-nag:LambdaEventSourceSQSVisibilityTimeout"},
	}
}

func (sqsVisibility6x) Check(c *Context, report *Report) {
	for s := range slowestSQSConsumers(c, recommendedVisibility) {
		vis := c.Prop(s.queue, "VisibilityTimeout")
		want := recommendedVisibility(s)
		if vis.Num() >= want || belowSomeTimeout(c, s.queue, vis) {
			continue // below a timeout is sqs-visibility-below-timeout's error
		}
		msg := c.Label(s.queue) + ": VisibilityTimeout " + vis.Text() + " is less than 6 × " + c.Label(s.function) +
			"'s Timeout " + s.timeout.Text()
		if s.window.Num() > 0 {
			msg += " + batching window " + s.window.Text()
		}
		msg += " = " + num(want, "s") + ". When Lambda is throttled it retries the batch, and messages that " +
			"become visible again meanwhile are processed twice."
		report.Add(Finding{
			Subjects: []string{s.queue.ID, s.conn.ID},
			Message:  msg,
			Fix:      ops(setProps(s.queue.ID, map[string]any{"VisibilityTimeout": want})),
		})
	}
}

// belowSomeTimeout reports whether a queue's visibility timeout is shorter
// than the timeout of any of its Lambda consumers.
func belowSomeTimeout(c *Context, q *design.Block, vis Value) bool {
	for _, cn := range c.Out(q) {
		if cn.Integration == design.IntESM && vis.Num() < c.Prop(c.To(cn), "Timeout").Num() {
			return true
		}
	}
	return false
}

// recommendedVisibility is six times the function timeout plus the batching
// window, capped at SQS's maximum of 12 hours.
func recommendedVisibility(s sqsConsumer) float64 {
	return min(6*s.timeout.Num()+s.window.Num(), 43200)
}
