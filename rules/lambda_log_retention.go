package rules

import (
	"github.com/archlab/archlab/capacity"
	"github.com/archlab/archlab/content/prices"
)

// lambdaLogRetention: a function's log group keeps its logs forever unless
// a retention is set, and the storage is billed every month.
type lambdaLogRetention struct{}

func newLambdaLogRetention() Rule { return lambdaLogRetention{} }

// lambdaLogRetentionFix is the fix's patch, one map shared by every finding (see fix.go).
var lambdaLogRetentionFix = map[string]any{"LogRetentionInDays": 30}

func (lambdaLogRetention) Meta() Meta {
	return Meta{
		ID:          "lambda-log-retention",
		Title:       "Function logs kept forever",
		Severity:    Info,
		Scope:       "block:lambda",
		Equivalents: []string{"serverless-rules:WS1004", "cdk-nag:Serverless-CloudWatchLogGroupRetentionPeriod"},
	}
}

func (lambdaLogRetention) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		if c.Prop(fn, "LogRetentionInDays").Set() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " sets no LogRetentionInDays, so its CloudWatch log group keeps every log line " +
				"forever and the storage bill grows month after month." + logsForever(c, fn.ID) + " Choose a retention (30 days is a common start) " +
				"and export what must be kept longer.",
			Fix: ops(setProps(fn.ID, lambdaLogRetentionFix)),
		})
	}
}

// logsForever says what keeping a function's logs forever costs at the
// traffic the design states: each month's logs add their storage to every
// month's bill from then on, so after a year the bill is twelve times it.
func logsForever(c *Context, id string) string {
	r := capacityOf(c)
	b := r.Block(id)
	if b == nil || !b.Loaded {
		return ""
	}
	for _, l := range b.Cost {
		if l.Price != "logs.ingestion" || l.Quantity <= 0 {
			continue
		}
		month := l.Quantity * prices.Default().USD("logs.storage")
		return " At the traffic the design states it writes " + num(round2(l.Quantity), "GB") + " of logs a month (estimate): " +
			"each month adds " + capacity.Money(month) + " a month of storage, so after a year the logs cost " +
			capacity.Money(12*month) + " a month to keep (" + r.Prices.Region + " prices of " + r.Prices.Date + ", before compression)."
	}
	return ""
}
