package rules

// lambdaMemoryDefault: a function without a MemorySize gets 128 MB, and with
// it the smallest share of CPU; the memory should be measured and chosen.
type lambdaMemoryDefault struct{}

func newLambdaMemoryDefault() Rule { return lambdaMemoryDefault{} }

func (lambdaMemoryDefault) Meta() Meta {
	return Meta{
		ID:          "lambda-memory-default",
		Title:       "Function memory left at the default",
		Severity:    Info,
		Scope:       "block:lambda",
		Equivalents: []string{"serverless-rules:ES1005", "cdk-nag:Serverless-LambdaDefaultMemorySize"},
	}
}

func (lambdaMemoryDefault) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		memory := c.Prop(fn, "MemorySize")
		if memory.Set() {
			continue
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " sets no MemorySize, so it runs with " + memory.Text() + ". Lambda hands out CPU " +
				"in proportion to memory, so the smallest size is often slower and, billed by the millisecond, no " +
				"cheaper. Measure the function (AWS Lambda Power Tuning does it) and set the size.",
		})
	}
}
