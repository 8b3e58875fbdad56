package rules

import "strings"

// lambdaFilteredLoop: a loop Lambda does not stop, whose only brake is an
// event filter. The common case is choreography on one EventBridge bus: a
// service reacts to OrderPlaced and publishes PaymentTaken back to the same
// bus. That is fine as long as the filter never matches what the function
// sends; the drawing cannot show it, so archlab asks instead of refusing.
type lambdaFilteredLoop struct{}

func newLambdaFilteredLoop() Rule { return lambdaFilteredLoop{} }

func (lambdaFilteredLoop) Meta() Meta {
	return Meta{
		ID:       "lambda-filtered-loop",
		Title:    "Loop that only an event filter keeps from turning",
		Severity: Warning,
		Scope:    "design",
	}
}

func (lambdaFilteredLoop) Check(c *Context, report *Report) {
	for _, lp := range memo(c, "lambda-loops", func() []lambdaLoop { return lambdaLoops(c) }) {
		if len(lp.uncovered) == 0 {
			continue // Lambda stops it: lambda-recursive-loop
		}
		filters := loopFilters(c, lp.cycle)
		if len(filters) == 0 {
			continue // nothing stops it: lambda-undetected-loop
		}
		how := "for example by marking the changes the function makes itself and filtering them out"
		for _, f := range filters {
			if strings.HasPrefix(f, "the EventPattern") {
				how = "for example by publishing a different detail-type or source than the rule listens for"
			}
		}
		inferred := loopInferred(c, lp.cycle)
		report.Add(Finding{
			Subjects: blockIDs(lp.blocks),
			Message: loopText(c, lp.cycle) + " closes a loop that Lambda's recursion detection does not follow. Only " +
				joinIDs(filters) + " keeps it from turning forever: make sure nothing the functions on it send can " +
				"match, " + how + ". If it ever matches, every turn bills invocations until someone notices." +
				loopInferredText(c, inferred),
			Inferred: len(inferred) > 0,
		})
	}
}
