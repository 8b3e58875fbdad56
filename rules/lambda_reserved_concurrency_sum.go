package rules

import (
	"github.com/archlab/archlab/design"
)

// lambdaReservedConcurrencySum: Lambda keeps at least 100 executions of the
// account's quota unreserved, and refuses a reservation that would eat into
// them. The rule assumes the default quota of 1,000.
type lambdaReservedConcurrencySum struct{}

func newLambdaReservedConcurrencySum() Rule { return lambdaReservedConcurrencySum{} }

func (lambdaReservedConcurrencySum) Meta() Meta {
	return Meta{
		ID:       "lambda-reserved-concurrency-sum",
		Title:    "Reservations leave under 100 unreserved executions",
		Severity: Warning,
		Scope:    "design",
	}
}

// lambdaUnreservedMinimum is what Lambda keeps unreserved (a fact of
// design/data/facts/lambda.json).
var lambdaUnreservedMinimum = design.FactValue("lambda.unreserved-minimum")

// reservations adds up the design's reserved concurrency and lists the
// functions that reserve some.
func reservations(c *Context) (sum float64, fns []*design.Block) {
	for _, fn := range c.Kind("lambda") {
		if r := c.Prop(fn, "ReservedConcurrentExecutions"); r.Set() && r.Num() > 0 {
			sum += r.Num()
			fns = append(fns, fn)
		}
	}
	return sum, fns
}

func (lambdaReservedConcurrencySum) Check(c *Context, report *Report) {
	sum, fns := reservations(c)
	left := lambdaDefaultQuota - sum
	if len(fns) == 0 || left >= lambdaUnreservedMinimum {
		return
	}
	quota := num(lambdaDefaultQuota, "")
	leaves := "leaving only " + num(left, "") + " of the default account quota of " + quota + " unreserved"
	if left < 0 {
		leaves = "more than the whole default account quota of " + quota
	}
	report.Add(Finding{
		Subjects: blockIDs(fns),
		Message: "Reserved concurrency adds up to " + num(sum, "executions") + " across " + joinIDs(blockLabels(c, fns)) +
			", " + leaves + ". Lambda keeps at least " + num(lambdaUnreservedMinimum, "executions") + " unreserved and refuses the reservations that " +
			"cross that line, and every function without a reservation shares what is left. Lower the reservations, " +
			"or ask AWS for a higher quota (archlab assumes the default; check your account's).",
	})
}
