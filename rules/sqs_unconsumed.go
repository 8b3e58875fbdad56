package rules

import (
	"github.com/archlab/archlab/design"
)

// sqsUnconsumed: a queue that receives messages but that nothing reads
// keeps them until its retention period ends, then loses them.
type sqsUnconsumed struct{}

func newSQSUnconsumed() Rule { return sqsUnconsumed{} }

func (sqsUnconsumed) Meta() Meta {
	return Meta{
		ID:       "sqs-unconsumed",
		Title:    "Queue that receives messages but has no consumer",
		Severity: Info,
		Scope:    "block:sqs",
	}
}

func (sqsUnconsumed) Check(c *Context, report *Report) {
	var refs map[string]bool // dead-letter queues named by a property, collected once
	for _, q := range c.Kind("sqs") {
		var producers []string
		consumed := false
		for _, cn := range c.In(q) {
			if receivesFromQueue(c, cn) {
				consumed = true
				break
			}
			if c.Model(cn) != design.ModelFailure {
				producers = append(producers, c.Label(c.From(cn)))
			}
		}
		if consumed || len(producers) == 0 || len(consumersOf(c, q)) > 0 || receivesFailures(c, q) {
			continue
		}
		if refs == nil {
			refs = refTargets(c)
		}
		if refs[q.ID] {
			continue
		}
		report.Add(Finding{
			Subjects: []string{q.ID},
			Message: c.Label(q) + " receives messages from " + joinIDs(producers) + " but nothing in the design consumes " +
				"it: messages pile up and are deleted after the retention period of " +
				c.Prop(q, "MessageRetentionPeriod").Text() + ". Connect a consumer (a Lambda function or a pipe), " +
				"unless something outside the design reads it.",
		})
	}
}
