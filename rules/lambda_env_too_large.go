package rules

// lambdaEnvTooLarge: Lambda refuses environment variables that take more
// than 4 KB, measured as the compact JSON of the variables (keys, values
// and the quotes, colons and commas between them).
type lambdaEnvTooLarge struct{}

func newLambdaEnvTooLarge() Rule { return lambdaEnvTooLarge{} }

func (lambdaEnvTooLarge) Meta() Meta {
	return Meta{
		ID:          "lambda-env-too-large",
		Title:       "Environment variables over 4 KB",
		Severity:    Error,
		Scope:       "block:lambda",
		Equivalents: []string{"cfn-lint:E3697"},
	}
}

// lambdaEnvLimit is the most bytes of environment variables, as JSON, that
// Lambda accepts.
const lambdaEnvLimit = 4096

func (lambdaEnvTooLarge) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		vars, ok := lambdaEnvVars(c, fn)
		if !ok {
			continue
		}
		size := envSize(vars)
		if size <= lambdaEnvLimit {
			continue
		}
		verb := " take "
		if len(vars) == 1 {
			verb = " takes "
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + "'s " + plural(len(vars), "environment variable") + verb + num(float64(size), "bytes") +
				" written as JSON, which is how Lambda measures them: more than the 4 KB (4,096 bytes) it accepts, so " +
				"the deployment fails. Keep large settings in SSM Parameter Store or Secrets Manager and read them at " +
				"start-up.",
		})
	}
}
