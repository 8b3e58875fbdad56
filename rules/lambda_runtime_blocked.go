package rules

import (
	"strconv"
	"strings"

	"github.com/archlab/archlab/design"
)

// lambdaRuntimeBlocked: Lambda refuses a runtime it does not know, and one
// past its block dates: from the create block it refuses new functions with
// it, so a new stack or Region cannot deploy the function, and from the
// update block it refuses any change. The days come from the runtime
// life-cycle table (see lambda_runtimes.go), compared with the check's
// clock.
type lambdaRuntimeBlocked struct{}

func newLambdaRuntimeBlocked() Rule { return lambdaRuntimeBlocked{} }

func (lambdaRuntimeBlocked) Meta() Meta {
	return Meta{
		ID:          "lambda-runtime-blocked",
		Title:       "Runtime Lambda refuses",
		Severity:    Error,
		Scope:       "block:lambda",
		Equivalents: []string{"cfn-lint:E2531", "cfn-lint:E2533"},
	}
}

func (lambdaRuntimeBlocked) Check(c *Context, report *Report) {
	for _, fn := range c.Kind("lambda") {
		rt, id, known := functionRuntime(c, fn)
		if id == "" {
			continue
		}
		if !known {
			if newerThanKnown(id) {
				continue // a runtime AWS added after archlab's table was copied: nothing to claim
			}
			report.Add(unknownRuntime(c, fn, id))
			continue
		}
		stage := rt.Stage(c.Now)
		if stage < design.RuntimeCreateBlocked {
			continue
		}
		f := Finding{Subjects: []string{fn.ID}, Message: c.Label(fn) + " uses " + runtimeTexts()[runtimeText{rt.ID, stage}]}
		if fix, ok := runtimeFixes()[rt.ID]; ok {
			f.Fix = ops(setProps(fn.ID, fix))
		}
		report.Add(f)
	}
}

// unknownRuntime reports a runtime the life-cycle table does not know, a
// typo most often, with the runtimes Lambda creates functions with today.
func unknownRuntime(c *Context, fn *design.Block, id string) Finding {
	supported, deprecated := creatableRuntimes(c.Now)
	msg := c.Label(fn) + " uses the runtime " + strconv.Quote(id) + ", which is not one of Lambda's, so Lambda refuses to " +
		"create or update the function. On " + c.Now.UTC().Format("2006-01-02") + " Lambda supports " + strings.Join(supported, ", ")
	if len(deprecated) > 0 {
		msg += ", and still creates functions with the deprecated " + strings.Join(deprecated, ", ")
	}
	msg += ". (archlab's runtime table dates from " + design.LambdaRuntimeSource().Date + ": a runtime AWS added since is missing from it.)"
	f := Finding{Subjects: []string{fn.ID}}
	if to := familyRuntime(id, c.Now); to != "" {
		msg += " Did you mean " + to + "?"
		f.Fix = ops(setProps(fn.ID, map[string]any{"Runtime": to}))
	}
	f.Message = msg
	return f
}
