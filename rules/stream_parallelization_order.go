package rules

import (
	"github.com/archlab/archlab/design"
)

// streamParallelizationOrder: with a ParallelizationFactor above 1, Lambda
// processes several batches of a shard at once. Order then holds per
// partition key (Kinesis) or per item (DynamoDB), not across the shard, which
// surprises code that assumed the shard's order.
type streamParallelizationOrder struct{}

func newStreamParallelizationOrder() Rule { return streamParallelizationOrder{} }

func (streamParallelizationOrder) Meta() Meta {
	return Meta{
		ID:       "stream-parallelization-order",
		Title:    "Parallelized stream mapping keeps order per key only",
		Severity: Info,
		Scope:    "connection:kinesis|dynamodb→lambda",
	}
}

func (streamParallelizationOrder) Check(c *Context, report *Report) {
	for _, cn := range streamConsumers(c) {
		if isPipeSource(c, cn) {
			continue
		}
		pf := c.ConnProp(cn, "ParallelizationFactor")
		if pf.Num() <= 1 {
			continue
		}
		unit := "partition key: records with the same key stay in order"
		if c.From(cn).Kind == "dynamodb" {
			unit = "item: the changes to one item stay in order"
		}
		report.Add(Finding{
			Subjects: []string{cn.ID, cn.From, cn.To},
			Message: streamHead(c, cn) + "ParallelizationFactor " + pf.Text() + " lets Lambda process up to " +
				design.FormatNumber(pf.Num()) + " batches of each shard at once, so order holds per " + unit +
				", but records with different keys can be processed in any order. That is fine when each key is handled on its own; set it to 1 if the " +
				"function relies on the order of the whole shard.",
		})
	}
}
