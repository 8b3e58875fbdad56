package rules

// lambdaUndetectedLoop: Lambda's recursion detection follows events only
// through functions, SQS, SNS and S3. A loop that also passes through
// another service (a DynamoDB stream, Kinesis, EventBridge, Step Functions,
// an API) is never stopped, and its cost runs away.
type lambdaUndetectedLoop struct{}

func newLambdaUndetectedLoop() Rule { return lambdaUndetectedLoop{} }

func (lambdaUndetectedLoop) Meta() Meta {
	return Meta{
		ID:       "lambda-undetected-loop",
		Title:    "Loop through a function that nothing stops",
		Severity: Error,
		Scope:    "design",
	}
}

func (lambdaUndetectedLoop) Check(c *Context, report *Report) {
	for _, lp := range memo(c, "lambda-loops", func() []lambdaLoop { return lambdaLoops(c) }) {
		if len(lp.uncovered) == 0 || len(loopFilters(c, lp.cycle)) > 0 {
			continue // lambda-recursive-loop, or lambda-filtered-loop
		}
		var through []string
		for _, b := range lp.uncovered {
			through = append(through, "the "+c.KindName(b)+" "+c.Label(b))
		}
		inferred := loopInferred(c, lp.cycle)
		report.Add(Finding{
			Subjects: blockIDs(lp.blocks),
			Message: loopText(c, lp.cycle) + " is a loop through " + joinIDs(through) + ", which Lambda's recursion " +
				"detection does not follow: nothing stops it, and every turn bills invocations and requests until someone " +
				"notices. Break the cycle, or make the function ignore the changes it causes itself (a marker " +
				"attribute, a filter on the event source)." + loopInferredText(c, inferred),
			Inferred: len(inferred) > 0,
		})
	}
}
