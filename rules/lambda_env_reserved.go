package rules

import (
	"slices"
)

// lambdaEnvReserved: Lambda sets some environment variables itself and
// refuses a function that defines them.
type lambdaEnvReserved struct{}

func newLambdaEnvReserved() Rule { return lambdaEnvReserved{} }

func (lambdaEnvReserved) Meta() Meta {
	return Meta{
		ID:          "lambda-env-reserved",
		Title:       "Environment variable with a reserved name",
		Severity:    Error,
		Scope:       "block:lambda",
		Equivalents: []string{"cfn-lint:E3663"},
	}
}

// lambdaReservedEnv are the names Lambda keeps for itself.
var lambdaReservedEnv = map[string]bool{
	"_HANDLER": true, "_X_AMZN_TRACE_ID": true, "AWS_DEFAULT_REGION": true, "AWS_REGION": true,
	"AWS_EXECUTION_ENV": true, "AWS_LAMBDA_FUNCTION_NAME": true, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": true,
	"AWS_LAMBDA_FUNCTION_VERSION": true, "AWS_LAMBDA_INITIALIZATION_TYPE": true, "AWS_LAMBDA_LOG_GROUP_NAME": true,
	"AWS_LAMBDA_LOG_STREAM_NAME": true, "AWS_ACCESS_KEY": true, "AWS_ACCESS_KEY_ID": true,
	"AWS_SECRET_ACCESS_KEY": true, "AWS_SESSION_TOKEN": true, "AWS_LAMBDA_RUNTIME_API": true,
	"LAMBDA_TASK_ROOT": true, "LAMBDA_RUNTIME_DIR": true,
}

func (lambdaEnvReserved) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		vars, ok := lambdaEnvVars(c, fn)
		if !ok {
			continue
		}
		var reserved []string
		kept := map[string]any{}
		for k, v := range vars {
			if lambdaReservedEnv[k] {
				reserved = append(reserved, k)
			} else {
				kept[k] = v
			}
		}
		if len(reserved) == 0 {
			continue
		}
		slices.Sort(reserved)
		var fixed any = kept
		if len(kept) == 0 {
			fixed = nil
		}
		them := "it"
		if len(reserved) > 1 {
			them = "them"
		}
		report.Add(Finding{
			Subjects: []string{fn.ID},
			Message: c.Label(fn) + " defines " + joinIDs(reserved) + ", which Lambda reserves and sets itself: the " +
				"deployment fails. Remove " + them + "; the code can read Lambda's own values at run time.",
			Fix: ops(setProps(fn.ID, map[string]any{"Environment.Variables": fixed})),
		})
	}
}
