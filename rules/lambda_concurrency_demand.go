package rules

import (
	"iter"
	"math"
	"strings"

	"github.com/archlab/archlab/design"
)

// lambdaConcurrencyDemand: the concurrency a function needs is the request
// rate times its duration. When its APIs' expected traffic needs more than
// its reserved concurrency, or than the default account quota, requests are
// throttled.
type lambdaConcurrencyDemand struct{}

func newLambdaConcurrencyDemand() Rule { return lambdaConcurrencyDemand{} }

func (lambdaConcurrencyDemand) Meta() Meta {
	return Meta{
		ID:       "lambda-concurrency-demand",
		Title:    "Expected traffic needs more concurrency than the function has",
		Severity: Warning,
		Scope:    "connection:apigateway→lambda",
	}
}

func (lambdaConcurrencyDemand) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		duration := c.Prop(fn, "AverageDurationMs")
		if !duration.Set() || duration.Num() <= 0 {
			continue
		}
		rps := 0.0
		for api := range syncCallers(c, fn) {
			rps += c.Prop(api, "ExpectedRequestsPerSecond").Num()
		}
		if rps == 0 {
			continue
		}
		demand := rps * duration.Num() / 1000
		reserved := c.Prop(fn, "ReservedConcurrentExecutions")
		if reserved.Set() && demand <= reserved.Num() || !reserved.Set() && demand <= lambdaDefaultQuota {
			continue
		}
		// Only a function over its limit is worth the words: most are not.
		var terms []string
		var shared []string // APIs that also invoke other functions
		subjects := []string{fn.ID}
		for api, cn := range syncCallers(c, fn) {
			terms = append(terms, c.Label(api)+"'s "+c.Prop(api, "ExpectedRequestsPerSecond").Text())
			subjects = append(subjects, cn.ID)
			if lambdaSyncTargets(c, api) > 1 {
				shared = append(shared, c.Label(api))
			}
		}
		arithmetic := strings.Join(terms, " + ")
		if len(terms) > 1 {
			arithmetic = "(" + arithmetic + " = " + num(rps, "requests/s") + ")"
		}
		arithmetic += " × " + num(duration.Num()/1000, "s") + " = " + num(lambdaRound(demand, 2), "concurrent executions")
		msg := c.Label(fn) + " needs " + arithmetic
		if len(shared) > 0 {
			msg += " (if all the requests of " + joinIDs(shared) + " reach it)"
		}
		f := Finding{Subjects: subjects}
		if reserved.Set() {
			want := math.Ceil(lambdaRound(demand*1.2, 6))
			msg += ", more than its reserved concurrency of " + reserved.Text() + ": at peak the excess requests " +
				"are throttled and callers get errors. Reserve about 20% above the demand (" + num(want, "") +
				"), or make the function faster."
			f.Fix = ops(setProps(fn.ID, map[string]any{"ReservedConcurrentExecutions": want}))
		} else {
			msg += ", more than the default account quota of 1,000 concurrent executions, which every function in " +
				"the Region shares: at peak requests are throttled and callers get errors. Ask AWS for a higher " +
				"quota before launch, or make the function faster."
		}
		f.Message = msg
		report.Add(f)
	}
}

// syncCallers yields the APIs that invoke a function synchronously with an
// expected request rate set, and their connections to it.
func syncCallers(c *Context, fn *design.Block) iter.Seq2[*design.Block, *design.Connection] {
	return func(yield func(*design.Block, *design.Connection) bool) {
		for _, cn := range c.In(fn) {
			if cn.Integration != design.IntInvoke || c.Model(cn) != design.ModelSync {
				continue
			}
			api := c.From(cn)
			if traffic := c.Prop(api, "ExpectedRequestsPerSecond"); !traffic.Set() || traffic.Num() <= 0 {
				continue
			}
			if !yield(api, cn) {
				return
			}
		}
	}
}

// lambdaSyncTargets counts the functions an API invokes synchronously.
func lambdaSyncTargets(c *Context, api *design.Block) int {
	n := 0
	for _, cn := range c.Out(api) {
		if cn.Integration == design.IntInvoke && c.Model(cn) == design.ModelSync && c.To(cn).Kind == "lambda" {
			n++
		}
	}
	return n
}

// lambdaRound rounds to a number of decimals, for printing arithmetic.
func lambdaRound(f float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(f*p) / p
}
