package rules

import (
	"strings"

	"github.com/archlab/archlab/design"
)

// lambdaRecursiveLoop: a loop of functions, queues, topics and buckets runs
// until Lambda's recursion detection stops it, after about 16 invocations,
// dropping the event; with RecursiveLoop Allow nothing stops it.
type lambdaRecursiveLoop struct{}

// recursionStop is about how many invocations of one chain Lambda lets
// through before it stops a recursive loop.
var recursionStop = design.FactOf("lambda.recursion-stop-invocations")

func newLambdaRecursiveLoop() Rule { return lambdaRecursiveLoop{} }

func (lambdaRecursiveLoop) Meta() Meta {
	return Meta{
		ID:       "lambda-recursive-loop",
		Title:    "Loop through a function that Lambda's recursion detection stops",
		Severity: Warning,
		Scope:    "design",
	}
}

func (lambdaRecursiveLoop) Check(c *Context, report *Report) {
	for _, lp := range memo(c, "lambda-loops", func() []lambdaLoop { return lambdaLoops(c) }) {
		if len(lp.uncovered) > 0 {
			continue // lambda-undetected-loop
		}
		var fns, allowed []*design.Block
		for _, b := range lp.blocks {
			if b.Kind != "lambda" {
				continue
			}
			fns = append(fns, b)
			// SAM passes the value through as written ("ALLOW");
			// property-letter-case reports the spelling, this the loop.
			if strings.EqualFold(c.Prop(b, "RecursiveLoop").Str(), "Allow") {
				allowed = append(allowed, b)
			}
		}
		msg := loopText(c, lp.cycle) + " is a loop: what a function sends comes back to invoke it again. "
		verb := " sets"
		if len(allowed) > 1 {
			verb = " set"
		}
		switch {
		case len(allowed) == len(fns):
			msg += joinIDs(blockLabels(c, allowed)) + verb + " RecursiveLoop Allow, so nothing stops it: it runs, " +
				"and bills, until someone notices."
		case len(allowed) > 0:
			msg += "Lambda's recursion detection stops it after about " + recursionStop.Text() + ", but only at a function " +
				"without RecursiveLoop Allow (" + joinIDs(blockLabels(c, allowed)) + verb + " Allow)."
		default:
			msg += "Lambda's recursion detection stops the chain after about " + recursionStop.Text() + " and drops the event, " +
				"or sends it to the function's dead-letter queue or on-failure destination if it has one: you pay " +
				"for every turn, and the work is not done."
		}
		msg += " Break the cycle: write to another queue, topic, bucket or prefix than the one that triggers the " +
			"function, or filter out the events it produces."
		inferred := loopInferred(c, lp.cycle)
		report.Add(Finding{Subjects: blockIDs(lp.blocks), Message: msg + loopInferredText(c, inferred), Inferred: len(inferred) > 0})
	}
}
