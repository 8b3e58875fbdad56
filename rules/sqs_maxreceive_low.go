package rules

import (
	"github.com/archlab/archlab/design"
)

// sqsMaxReceiveLow: when Lambda consumes a queue, a batch that is throttled
// goes back to the queue and its receive still counts, so a low
// maxReceiveCount moves good messages to the dead-letter queue.
type sqsMaxReceiveLow struct{}

func newSQSMaxReceiveLow() Rule { return sqsMaxReceiveLow{} }

// sqsMaxReceiveLowFix is the fix's patch, one map shared by every finding (see fix.go).
var sqsMaxReceiveLowFix = map[string]any{"maxReceiveCount": 5}

func (sqsMaxReceiveLow) Meta() Meta {
	return Meta{
		ID:       "sqs-maxreceive-low",
		Title:    "maxReceiveCount below 5 on a queue Lambda consumes",
		Severity: Warning,
		Scope:    "connection:sqs→sqs",
	}
}

func (sqsMaxReceiveLow) Check(c *Context, report *Report) {
	for _, cn := range c.Links("sqs", "sqs", design.IntDeadLetter) {
		count := c.ConnProp(cn, "maxReceiveCount")
		if !count.Present() || count.Num() >= 5 {
			continue // a missing count is sqs-maxreceive-missing's
		}
		var fns []string
		for _, m := range c.Out(c.From(cn)) {
			if m.Integration == design.IntESM {
				fns = append(fns, c.Label(c.To(m)))
			}
		}
		if len(fns) == 0 {
			continue
		}
		src, dlq := c.From(cn), c.To(cn)
		report.Add(Finding{
			Subjects: []string{cn.ID, cn.From, cn.To},
			Message: c.Label(src) + " moves messages to " + c.Label(dlq) + " after " + plural(int(count.Num()), "receive") +
				", but Lambda consumes it (" + joinIDs(fns) + "): a batch the function is throttled on goes back to the " +
				"queue and still counts as a receive, so messages that never failed end up in the dead-letter queue. " +
				"Allow at least 5 receives.",
			Fix: ops(setConnProps(cn.ID, sqsMaxReceiveLowFix)),
		})
	}
}
